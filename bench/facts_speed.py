"""Time the facts.* rules on a generated 10,000-entry glossary (blank spaCy pipeline).

    python bench/facts_speed.py [--entries N]

Writes N native entries (about a term per three entries, each with a definition
and a body of fact-bearing and plain sentences) to a temporary folder, then
prints: the wall time of the real console script with only the facts rules
(``--select facts``, a cold process), and, in-process, the time of extraction
(spaCy pipeline + matchers) and comparison alone.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ORGS = ["Google", "OpenAI", "Stanford researchers", "Meta", "DeepMind", "Microsoft", "Anthropic",
        "the Stanford CRFM", "Facebook AI Research", "NVIDIA"]
EVENTS = ["coined", "introduced", "released", "popularised", "first described", "created"]
FILLER = ("It is used to train models on large data sets and is adapted to many tasks with little "
          "extra data. Teams compare it with older methods before they choose.")


def make_glossary(folder: Path, n: int) -> None:
    rng = random.Random(7)
    per_file = 100
    for start in range(0, n, per_file):
        lines = ["entries:"]
        for i in range(start, min(n, start + per_file)):
            term = f"Term {i // 3}"
            year = rng.choice([2017, 2018, 2019, 2020, 2021, 2022])
            fact = (f"The term was {rng.choice(EVENTS)} by {rng.choice(ORGS)} in {year}. "
                    f"{rng.choice(ORGS).replace('the ', '')}, Cohere and Mistral are leading providers. "
                    f"GPT-4 was released by OpenAI in 2023. It has {rng.choice([7, 13, 70])} billion parameters.")
            lines += [f"  - term: {term}", "    category: Generated", f"    source: site-{i % 3}",
                      f"    definition: {term} is a generated entry about models and data.",
                      f"    body: {fact} {FILLER}"]
        (folder / f"part-{start // per_file:03}.yaml").write_text("\n".join(lines) + "\n")


def in_process(folder: Path) -> tuple[float, float, int, int]:
    from gloss_lint.cache import Table
    from gloss_lint.config import load_settings
    from gloss_lint.corpus import Corpus
    from gloss_lint.read.readers import discover, read_file
    from gloss_lint.registry import load_registry
    from gloss_lint.resources import pack_dir
    from gloss_lint.rules.facts.compare import compare
    from gloss_lint.rules.facts.extract import Pipeline, read_claims, term_names
    from gloss_lint.rules.facts.gazetteer import load_gazetteer
    from gloss_lint.rules.facts.kinds import load_kinds

    settings = load_settings(load_registry(), paths=[str(folder)])
    entries = [e for p in discover([folder], settings.profile)
               for e in read_file(p, p.name, settings.profile, settings.max_bytes).entries]
    kinds, gazetteer = load_kinds([pack_dir() / "facts.yaml"]), load_gazetteer([pack_dir() / "gazetteer.yaml"])
    groups = Corpus(entries).terms()
    names = {id(e): shared for members in groups.values() for shared in [term_names(members)] for e in members}
    t0 = time.perf_counter()
    pipeline = Pipeline(kinds, gazetteer)
    claims, _, _ = read_claims(entries, names, lambda: pipeline, Table())  # nothing kept from a run before
    t1 = time.perf_counter()
    conflicts = compare(claims, groups, kinds, gazetteer)
    t2 = time.perf_counter()
    return t1 - t0, t2 - t1, len(claims), len(conflicts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        make_glossary(folder, args.entries)
        start = time.perf_counter()
        out = subprocess.run([sys.executable, "-m", "gloss_lint", "check", str(folder), "--select",
                              "facts", "--format", "json", "-o", str(folder / "report.json.out")],
                             capture_output=True, text=True)
        wall = time.perf_counter() - start
        if out.returncode not in (0, 1):
            sys.exit(out.stderr)
        extract, compare_s, claims, conflicts = in_process(folder)
    print(f"{args.entries} entries, blank pipeline")
    print(f"gloss-lint check --select facts (cold process): {wall:.2f} s")
    print(f"extraction (pipeline build + {claims} claims): {extract:.2f} s; "
          f"comparison ({conflicts} conflicts): {compare_s:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
