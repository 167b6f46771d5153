"""style.spelling on its held-out set (fixtures/spelling-eval/cases.yaml): recall, precision, suggestions.

    python bench/spelling_eval.py [--show]

Each case becomes an entry of a native glossary (with the set's own glossary entries beside
them), linted by the real engine with only style.spelling on. A finding on a word the case
lists as wrong is right, any other is a false alarm; a listed word not found is missed. A
suggestion counts as right when it is the word the case names.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path

import yaml

from gloss_lint.config import load_settings
from gloss_lint.engine import lint
from gloss_lint.registry import load_registry

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "fixtures" / "spelling-eval" / "cases.yaml"
_QUOTED = re.compile(r"'([^']+)' is in neither[^?]*?(?:did you mean '([^']+)'\?|$)")


def evaluate(show: bool = False) -> dict[str, float]:
    data = yaml.safe_load(CASES.read_text(encoding="utf-8"))
    cases = data["cases"]
    entries = list(data["glossary"]) + [
        {"term": f"Case {i:03d}", "definition": case["text"]} for i, case in enumerate(cases)]
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "glossary.yaml").write_text(yaml.safe_dump(entries, sort_keys=False), encoding="utf-8")
        registry = load_registry()
        settings = load_settings(registry, cwd=Path(folder), paths=[folder], select=["style.spelling"])
        findings = lint(settings, registry, cwd=Path(folder)).findings
    found: dict[str, dict[str, str | None]] = {}
    for finding in findings:
        match = _QUOTED.search(finding.message)
        found.setdefault(finding.entry, {})[match.group(1)] = match.group(2)
    right = alarms = missed = suggested = good_suggestions = 0
    for i, case in enumerate(cases):
        wrong = case["wrong"] or {}
        flagged = found.get(f"Case {i:03d}", {})
        for word, suggestion in flagged.items():
            if word in wrong:
                right += 1
                if suggestion is not None:
                    suggested += 1
                    good_suggestions += suggestion == wrong[word]
                    if show and suggestion != wrong[word]:
                        print(f"  wrong suggestion {word!r} -> {suggestion!r} (meant {wrong[word]!r})")
            else:
                alarms += 1
                if show:
                    print(f"  false alarm {word!r} in: {case['text']}")
        for word in wrong:
            if word not in flagged:
                missed += 1
                if show:
                    print(f"  missed {word!r} in: {case['text']}")
    for entry in data["glossary"]:
        if entry["term"] in found:
            alarms += len(found[entry["term"]])
            if show:
                print(f"  false alarm in the glossary's own entry {entry['term']!r}: {found[entry['term']]}")
    total = right + missed
    return {"misspellings": total, "found": right, "false alarms": alarms,
            "recall": right / total if total else 1.0,
            "precision": right / (right + alarms) if right + alarms else 1.0,
            "suggested": suggested, "suggestions right": good_suggestions}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="print each miss, false alarm and wrong suggestion")
    args = parser.parse_args(argv)
    for name, value in evaluate(args.show).items():
        print(f"{name:>18}: {value:.3f}" if isinstance(value, float) else f"{name:>18}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
