"""How the readability metrics spread over the real glossaries, and what each threshold flags.

    python bench/readability_distribution.py [--shared ../shared] [--select FAMILIES]
                                             [--show RULE] [--sample N]

For each corpus in ../shared/corpora (and the seed pages), read with gloss-lint's own
reader and shipped profile: percentiles of each metric per field, the share of entries
a range of thresholds would flag, and the share the rules actually flag at their
defaults (a real ``lint`` run). ``--show RULE`` prints a sample of that rule's findings
to read by hand. A corpus whose profile is not shipped yet is skipped, and said so.
"""

from __future__ import annotations

import argparse
import random
from collections import Counter
from pathlib import Path

from gloss_lint.config import load_settings
from gloss_lint.engine import lint
from gloss_lint.read.profiles import load_profile, shipped_profiles
from gloss_lint.read.readers import discover, read_file
from gloss_lint.registry import load_registry
from gloss_lint.rules.readability.textstats import measure

ROOT = Path(__file__).resolve().parent.parent
CORPORA = [  # folder under the shared tree, profile
    ("corpora/k8s-glossary", "kubernetes"),
    ("corpora/mdn-glossary", "mdn"),
    ("corpora/glosario", "glosario"),
    ("corpora/sss-ai-glossary", "sss"),
    ("corpora/18f-glossary", "18f"),
    ("corpora/hf-transformers-glossary", "markdown-headings"),
    ("seeds", "page"),
]
PERCENTILES = (10, 25, 50, 75, 90, 95, 99)
# metric -> (label, thresholds to try, True when a value above the threshold is flagged)
TRIES = {
    "words": ("definition words", (60, 80, 100, 120), True),
    "short": ("definition words (too short)", (3, 4, 5, 6), False),
    "longest": ("longest sentence, words", (35, 40, 45, 50, 60), True),
    "grade": ("Flesch-Kincaid grade", (16, 18, 20, 22, 24), True),
    "ease": ("Flesch reading ease", (-10, 0, 10, 20), False),
}


def percentile(values: list[float], p: int) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))] if values else float("nan")


def metrics(entries, min_words: int) -> dict[str, dict[str, list[tuple[float, object]]]]:
    """field -> metric -> [(value, entry)]; scores only for fields of at least min_words."""
    table: dict[str, dict[str, list]] = {}
    for entry in entries:
        for name in ("definition", "body"):
            text = entry.text(name)
            if not text.strip():
                continue
            m = measure(text)
            if not m.words:
                continue
            row = table.setdefault(name, {k: [] for k in TRIES})
            if name == "definition":
                row["words"].append((m.words, entry))
                row["short"].append((m.words, entry))
            row["longest"].append((m.longest.words, entry))
            if m.words >= min_words:
                row["grade"].append((m.grade, entry))
                row["ease"].append((m.reading_ease, entry))
    return table


def report(name: str, entries, table) -> None:
    n = len(entries)
    print(f"\n== {name}: {n} entries")
    head = "  ".join(f"p{p:<5}" for p in PERCENTILES)
    for field, row in table.items():
        print(f"  {field}")
        print(f"    {'metric':<30} {'n':>5}  {head}  max")
        for metric, values in row.items():
            if metric == "short" or not values:
                continue
            numbers = [v for v, _ in values]
            cells = "  ".join(f"{percentile(numbers, p):<6.1f}" for p in PERCENTILES)
            print(f"    {TRIES[metric][0]:<30} {len(numbers):>5}  {cells}  {max(numbers):.1f}")
        for metric, values in row.items():
            label, thresholds, above = TRIES[metric]
            if not values:
                continue
            shares = []
            for t in thresholds:
                flagged = {id(e) for v, e in values if (v > t if above else v < t)}
                shares.append(f"{'>' if above else '<'}{t}: {100 * len(flagged) / n:4.1f}%")
            print(f"    would flag, {label:<28} " + "   ".join(shares))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--select", default="readability,style", metavar="FAMILIES")
    parser.add_argument("--show", action="append", default=[], metavar="RULE")
    parser.add_argument("--sample", type=int, default=8)
    args = parser.parse_args()
    registry = load_registry()
    shipped = set(shipped_profiles())
    min_words = registry["readability.grade"].options["min-words"]
    for folder, profile_name in CORPORA:
        path = args.shared / folder
        if not path.exists():
            print(f"\n== {folder}: not here, skipped")
            continue
        if profile_name not in shipped:
            print(f"\n== {folder}: profile {profile_name!r} is not shipped yet, skipped")
            continue
        profile = load_profile(profile_name)
        entries = [e for f in discover([path], profile) for e in read_file(f, str(f), profile).entries]
        report(f"{folder} (profile {profile_name})", entries, metrics(entries, min_words))
        # The families asked for, each rule on or off as it is by default.
        wanted = args.select.split(",")
        others = sorted({r.family for r in registry.values()} - set(wanted))
        settings = load_settings(registry, cwd=ROOT, paths=[str(path)], profile=profile_name,
                                 ignore=others)
        findings = [f for f in lint(settings, registry, cwd=path).findings
                    if f.rule.split(".")[0] in wanted]
        warned = {(f.path, f.entry) for f in findings if f.severity >= 2}
        anything = {(f.path, f.entry) for f in findings}
        by_rule = Counter(f.rule for f in findings)
        per_rule_entries = {r: len({(f.path, f.entry) for f in findings if f.rule == r}) for r in by_rule}
        defined = sum(1 for e in entries if e.text("definition").strip())
        print(f"  at the defaults ({args.select}): {100 * len(warned) / max(1, len(entries)):.1f}% of entries "
              f"with a warning or error ({100 * len(warned) / max(1, defined):.1f}% of the {defined} with a "
              f"definition), {100 * len(anything) / max(1, len(entries)):.1f}% with any finding")
        for rule, count in sorted(by_rule.items()):
            print(f"    {rule:<32} {count:>4} findings, {per_rule_entries[rule]:>4} entries "
                  f"({100 * per_rule_entries[rule] / max(1, len(entries)):.1f}%)")
        for rule in args.show:
            chosen = [f for f in findings if f.rule == rule]
            random.Random(0).shuffle(chosen)
            for f in sorted(chosen[:args.sample]):
                print(f"      {f.path}:{f.line}:{f.column} [{f.entry}] {f.message}")


if __name__ == "__main__":
    main()
