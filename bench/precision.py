"""Per-rule precision of the default rules on the real glossaries, from a hand-judged sample.

    python bench/precision.py [--shared ../shared] [--runs DIR] [--per-rule 25] [--seed judge-16]
                              [--show] [--rules RULE,…]

Runs ``gloss-lint check`` with the default rules on each corpus in ../shared/corpora
(with its shipped profile) and on the seed pages (JSON into ``--runs``, or reads the
JSON already there with ``--reuse``), draws up to ``--per-rule`` findings of each rule
that fired, and joins the verdicts kept in ``bench/judged/sample.jsonl`` by a stable key
(corpus/file, rule, entry, message: no line, so a verdict survives lines added above).

The draw is seeded and stable: each finding's rank is a hash of the seed and its key,
so a fix that removes or adds findings leaves every other finding's place as it was, and
only the new findings of the sample need a verdict. ``--show`` prints each drawn finding
that has none yet, with the lines around it, to judge by opening the file; a verdict is a
line of ``sample.jsonl``: the key, ``verdict`` (right / wrong / debatable) and ``reason``.

Prints per rule: findings, sampled, judged, strict precision = right / judged and lenient
precision = (right + debatable) / judged.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VERDICTS = ROOT / "bench" / "judged" / "sample.jsonl"
RUNS = [  # folder under the shared tree, profile
    ("corpora/k8s-glossary", "kubernetes"),
    ("corpora/mdn-glossary", "mdn"),
    ("corpora/glosario", "glosario"),
    ("corpora/sss-ai-glossary", "sss"),
    ("corpora/18f-glossary", "18f"),
    ("corpora/hf-transformers-glossary", "markdown-headings"),
    ("corpora/sphinx-doc", "sphinx"),
    ("seeds", "page"),
]
KEY = ("file", "rule", "entry", "message")


def run(shared: Path, runs: Path, reuse: bool) -> list[dict]:
    """Every finding of every run, its file named from the shared tree ('corpora/glosario/glossary.yml')."""
    runs.mkdir(parents=True, exist_ok=True)
    findings = []
    for folder, profile in RUNS:
        out = runs / f"{Path(folder).name}.json"
        if not (reuse and out.exists()):
            subprocess.run([sys.executable, "-m", "gloss_lint", "check", ".", "--profile", profile,
                            "--format", "json", "-o", str(out)],
                           cwd=shared / folder, check=False, env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)})
        for finding in json.loads(out.read_text())["findings"]:
            findings.append({**finding, "file": f"{folder}/{finding['path']}"})
    return findings


def key(finding: dict) -> tuple:
    return tuple(finding.get(k) for k in KEY)


def draw(findings: list[dict], per_rule: int, seed: str) -> dict[str, list[dict]]:
    by_rule: dict[str, list[dict]] = defaultdict(list)
    for finding in findings:
        by_rule[finding["rule"]].append(finding)

    def rank(finding: dict) -> str:
        return hashlib.sha256(json.dumps([seed, *key(finding)]).encode()).hexdigest()

    return {rule: sorted(group, key=rank)[:per_rule] for rule, group in sorted(by_rule.items())}


def load_verdicts() -> dict[tuple, dict]:
    if not VERDICTS.exists():
        return {}
    return {key(v): v for v in map(json.loads, filter(str.strip, VERDICTS.read_text().splitlines()))}


def show(finding: dict, shared: Path) -> None:
    path = shared / finding["file"]
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    first, line = max(finding["line"] - 3, 0), finding["line"]
    print(json.dumps({k: finding[k] for k in KEY}, ensure_ascii=False))
    print(f"  {finding['file']}:{line}:{finding['column']}")
    for i in range(first, min(line + 4, len(lines))):
        print(f"  {'>' if i + 1 == line else ' '}{i + 1:5} {lines[i][:220]}")
    print()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--runs", type=Path, default=Path("/tmp/gloss-lint-precision"))
    parser.add_argument("--reuse", action="store_true", help="read the JSON of an earlier run in --runs")
    parser.add_argument("--per-rule", type=int, default=25)
    parser.add_argument("--seed", default="judge-16")
    parser.add_argument("--show", action="store_true", help="print the drawn findings that have no verdict")
    parser.add_argument("--rules", default="", help="only these rules (comma-separated)")
    args = parser.parse_args(argv)

    findings = run(args.shared, args.runs, args.reuse)
    total = Counter(f["rule"] for f in findings)
    sample = draw(findings, args.per_rule, args.seed)
    verdicts = load_verdicts()
    wanted = set(filter(None, args.rules.split(",")))
    print(f"{'rule':32} {'found':>5} {'drawn':>5} {'judged':>6} {'right':>5} {'wrong':>5} {'debat':>5} "
          f"{'strict':>6} {'lenient':>7}")
    sums = Counter()
    missing = []
    for rule, drawn in sample.items():
        if wanted and rule not in wanted:
            continue
        counts = Counter(verdicts[key(f)]["verdict"] for f in drawn if key(f) in verdicts)
        missing += [f for f in drawn if key(f) not in verdicts]
        judged = sum(counts.values())
        sums.update(counts)
        sums["found"] += total[rule]
        sums["drawn"] += len(drawn)
        strict = f"{counts['right'] / judged:.2f}" if judged else "-"
        lenient = f"{(counts['right'] + counts['debatable']) / judged:.2f}" if judged else "-"
        print(f"{rule:32} {total[rule]:5} {len(drawn):5} {judged:6} {counts['right']:5} {counts['wrong']:5} "
              f"{counts['debatable']:5} {strict:>6} {lenient:>7}")
    judged = sums["right"] + sums["wrong"] + sums["debatable"]
    if judged:
        print(f"{'all':32} {sums['found']:5} {sums['drawn']:5} {judged:6} {sums['right']:5} {sums['wrong']:5} "
              f"{sums['debatable']:5} {sums['right'] / judged:6.2f} {(sums['right'] + sums['debatable']) / judged:7.2f}")
    if missing:
        print(f"\n{len(missing)} drawn findings have no verdict yet")
    if args.show:
        print()
        for finding in missing:
            show(finding, args.shared)
    return 0


if __name__ == "__main__":
    sys.exit(main())
