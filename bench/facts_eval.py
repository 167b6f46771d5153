"""Precision and recall of the facts.* rules on the evaluation set, per fact kind.

Runs the real command line (``python -m gloss_lint check fixtures/facts-eval
--select facts --format json``) and scores its warning- and error-level
findings against ``fixtures/facts-eval/gold.yaml``: a finding is right when it
joins a source of one side of a conflict label to a source of the other, for
the same term and fact kind; a gold conflict is found when a finding does so.

    python bench/facts_eval.py [--set fixtures/facts-eval] [--model NAME]
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def run(folder: Path, model: str | None) -> dict:
    command = [sys.executable, "-m", "gloss_lint", "check", str(folder), "--select", "facts",
               "--format", "json"]
    config = None
    if model:  # a config beside nothing else: only the model option
        config = folder.parent / ".facts-eval-model.toml"
        config.write_text(f'[rules.facts]\nmodel = "{model}"\n')
        command += ["--config", str(config)]
    try:
        out = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    finally:
        if config:
            config.unlink()
    if out.returncode not in (0, 1):
        sys.exit(f"gloss-lint failed ({out.returncode}): {out.stderr}")
    return json.loads(out.stdout)


def _joins(label: dict, a: str, b: str) -> bool:
    one, two = (set(side) for side in label["sides"])
    return (a in one and b in two) or (a in two and b in one)


def score(report: dict, labels: list[dict]) -> tuple[dict, list[str]]:
    predicted = []
    for f in report["findings"]:
        if f["severity"] == "info" or not f["rule"].startswith("facts.") or not f["related"]:
            continue
        kind = re.match(r"[\w-]+", f["message"]).group(0)
        here, other = Path(f["path"]).stem, Path(f["related"][0]["path"]).stem
        predicted.append((f["entry"].casefold(), kind, here, other, f))
    conflicts = [g for g in labels if g["label"] == "conflict"]
    compatible = [g for g in labels if g["label"] == "compatible"]
    stats: dict[str, Counter] = {}
    notes = []
    for term, kind, a, b, f in predicted:
        s = stats.setdefault(kind, Counter())
        s["predicted"] += 1
        same = [g for g in conflicts if g["term"].casefold() == term and g["fact"] == kind]
        if any(_joins(g, a, b) for g in same):
            s["right"] += 1
        else:
            broken = [g for g in compatible if g["term"].casefold() == term and _joins(g, a, b)]
            why = f" (breaks a hard negative: {broken[0].get('note', '')})" if broken else ""
            notes.append(f"false alarm{why}: {f['path']}:{f['line']} {f['rule']} {f['message'][:160]}")
    for g in conflicts:
        s = stats.setdefault(g["fact"], Counter())
        s["gold"] += 1
        if any(t == g["term"].casefold() and k == g["fact"] and _joins(g, a, b)
               for t, k, a, b, _ in predicted):
            s["found"] += 1
        else:
            notes.append(f"missed: {g['term']} {g['fact']} {g['rule']} {g['sides']} {g.get('note', '')}")
    return stats, notes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", default=str(ROOT / "fixtures" / "facts-eval"))
    parser.add_argument("--model", help="a trained spaCy pipeline instead of the blank one")
    args = parser.parse_args()
    folder = Path(args.set).resolve()
    labels = yaml.safe_load((folder / "gold.yaml").read_text(encoding="utf-8"))["labels"]
    report = run(folder, args.model)
    stats, notes = score(report, labels)
    terms = len({g["term"] for g in labels})
    print(f"facts.* on {folder.relative_to(ROOT) if folder.is_relative_to(ROOT) else folder}: "
          f"{report['summary']['entries']} entries, {terms} labelled terms, "
          f"{sum(g['label'] == 'conflict' for g in labels)} gold conflicts, "
          f"{sum(g['label'] == 'compatible' for g in labels)} hard negatives")
    print(f"{'fact kind':<12} {'gold':>5} {'found':>6} {'pred':>5} {'right':>6} {'precision':>10} {'recall':>7}")
    total = Counter()
    for kind in sorted(stats):
        s = stats[kind]
        total.update(s)
        p = s["right"] / s["predicted"] if s["predicted"] else 1.0
        r = s["found"] / s["gold"] if s["gold"] else 1.0
        print(f"{kind:<12} {s['gold']:>5} {s['found']:>6} {s['predicted']:>5} {s['right']:>6} {p:>10.3f} {r:>7.3f}")
    p = total["right"] / total["predicted"] if total["predicted"] else 1.0
    r = total["found"] / total["gold"] if total["gold"] else 1.0
    print(f"{'all':<12} {total['gold']:>5} {total['found']:>6} {total['predicted']:>5} {total['right']:>6} {p:>10.3f} {r:>7.3f}")
    for note in notes:
        print("  " + note)
    return 0


if __name__ == "__main__":
    sys.exit(main())
