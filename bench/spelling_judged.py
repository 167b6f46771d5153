"""style.spelling on the seven real glossaries, each finding judged by hand: the false-alarm rate.

    python bench/spelling_judged.py [--shared ../shared] [--write]

Runs the rule (with its default options) on each corpus in ../shared/corpora with its shipped
profile and matches every finding to bench/spelling_judged.yaml, where each was judged by
opening the file: `right` (a real misspelling) or `wrong` (a false alarm, with the kind of
word it is). Prints per corpus the findings, the right ones, the false alarms and their rate,
and any finding not judged yet (judge it: the rate is only as good as the list). ``--write``
rewrites the list as found now: verdicts kept, findings no longer made dropped, new ones added
with the verdict `unjudged`, to fill in by hand.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import yaml

from gloss_lint.config import load_settings
from gloss_lint.engine import lint
from gloss_lint.registry import load_registry

ROOT = Path(__file__).resolve().parent.parent
JUDGED = ROOT / "bench" / "spelling_judged.yaml"
CORPORA = [("k8s-glossary", "kubernetes"), ("mdn-glossary", "mdn"), ("glosario", "glosario"),
           ("sss-ai-glossary", "sss"), ("18f-glossary", "18f"),
           ("hf-transformers-glossary", "markdown-headings"), ("sphinx-doc", "sphinx")]


def findings(shared: Path) -> list[dict]:
    registry = load_registry()
    found = []
    for folder, profile in CORPORA:
        root = shared / "corpora" / folder
        settings = load_settings(registry, cwd=root, paths=[str(root)], profile=profile,
                                 select=["style.spelling"])
        for f in lint(settings, registry, cwd=shared / "corpora").findings:
            found.append({"corpus": folder, "path": f.path, "line": f.line, "column": f.column,
                          "word": f.message.split("'")[1]})
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--write", action="store_true", help="add unjudged findings to the list")
    args = parser.parse_args(argv)
    judged = yaml.safe_load(JUDGED.read_text(encoding="utf-8")) if JUDGED.exists() else []
    verdicts = {(j["path"], j["line"], j["column"], j["word"]): j for j in judged}
    found = findings(args.shared)
    counts: dict[str, Counter] = {folder: Counter() for folder, _ in CORPORA}
    unjudged = []
    for f in found:
        j = verdicts.get((f["path"], f["line"], f["column"], f["word"]))
        verdict = j["verdict"] if j else "unjudged"
        counts[f["corpus"]][verdict] += 1
        if verdict == "unjudged":
            unjudged.append(f)
    print(f"{'corpus':<26} {'findings':>8} {'right':>6} {'wrong':>6} {'false alarms':>13}")
    total = Counter()
    for folder, _ in CORPORA:
        c = counts[folder]
        total.update(c)
        n = sum(c.values())
        rate = f"{c['wrong'] / n:.0%}" if n else "-"
        print(f"{folder:<26} {n:>8} {c['right']:>6} {c['wrong']:>6} {rate:>13}")
    n = sum(total.values())
    print(f"{'all':<26} {n:>8} {total['right']:>6} {total['wrong']:>6} {total['wrong'] / n if n else 0:>13.0%}")
    kinds = Counter(j.get("kind", "") for j in judged if j["verdict"] == "wrong"
                    and (j["path"], j["line"], j["column"], j["word"]) in {
                        (f["path"], f["line"], f["column"], f["word"]) for f in found})
    print("false alarms by kind:", ", ".join(f"{k} {v}" for k, v in kinds.most_common()))
    if unjudged:
        print(f"{len(unjudged)} findings not judged yet:")
        for f in unjudged:
            print(f"  {f['path']}:{f['line']}:{f['column']}: {f['word']}")
    if args.write:  # the list as found now: verdicts kept, findings gone dropped, new ones to judge
        now = [{**f, "verdict": "unjudged", "kind": ""} | {
            k: v for k, v in verdicts.get((f["path"], f["line"], f["column"], f["word"]), {}).items()
            if k in ("verdict", "kind")} for f in found]
        header = "".join(line + "\n" for line in JUDGED.read_text(encoding="utf-8").splitlines()
                         if line.startswith("#"))
        JUDGED.write_text(header + yaml.safe_dump(now, sort_keys=False, allow_unicode=True, width=120),
                          encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
