"""Measure every row of issue 13's speed table in one run, as ratios to the floor and to a cold run.

    python bench/perf.py [--entries N] [--growth 1000,10000] [--skip-mdn]

Generates a native glossary (N entries, 100 per file, 4 sources, 2–5 related terms
each, a fact sentence in 60 % of definitions) and times real, separate processes:
CPU seconds (user + system) and peak RSS of each child, read with os.wait4. The
floor is one process that reads every file with PyYAML's C loader and tokenises
every definition with spacy.blank("en"). The named-file, small-file and MDN rows also show what
spaCy alone costs (SPACY_FLOOR). The cold and growth rows run in one process (--jobs 1);
the --jobs row gives wall and CPU seconds of cold checks in one process and in two, interleaved. Each check is `gloss-lint check` as typed, its text
report to a pipe; the named-file row edits that file first, as before a pre-commit hook. The proselint row needs the bench extra
(pip install -e ".[bench]") and is skipped with a note without it.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MDN = ROOT.parent / "shared/corpora/mdn-glossary"
WORDS = ("model data token layer vector network training attention context memory signal "
         "sequence output input weight gradient batch loss label feature").split()
ORGS = ["Google", "OpenAI", "Meta", "DeepMind", "Microsoft", "NVIDIA"]
EVENTS = ["coined", "introduced", "released", "first described"]
SOURCES = 4

FLOOR = """
import sys, yaml, spacy
from pathlib import Path
nlp = spacy.blank("en")
count = 0
for path in sorted(Path(sys.argv[1]).glob("*.yaml")):
    for entry in yaml.load(path.read_text(), Loader=yaml.CSafeLoader)["entries"]:
        count += len(nlp.make_doc(entry["definition"]))
print(count)
"""

# What spaCy alone costs a run that must tokenise: importing it (without its CLI, as
# gloss_lint.nlp does), building spacy.blank("en") and tokenising the files' text. The
# named-file, small-file and MDN rows print it beside their goals: a goal near or below it
# cannot be met by a linter built on spaCy, whatever the rest costs.
SPACY_FLOOR = """
import sys
from pathlib import Path
from gloss_lint.nlp import load_spacy
nlp = load_spacy().blank("en")
print(sum(len(nlp.make_doc(Path(p).read_text())) for p in sys.argv[1:]))
"""


def make_glossary(folder: Path, n: int) -> None:
    """N native entries, 100 per file: each term once per source, related terms, 60 % with a fact."""
    rng = random.Random(13)
    terms = max(1, n // SOURCES)
    for start in range(0, n, 100):
        lines = ["entries:"]
        for i in range(start, min(n, start + 100)):
            term = f"Term {i // SOURCES}"
            words = " ".join(rng.choice(WORDS) for _ in range(14))
            definition = f"{term} is a generated entry about the {words}."
            if rng.random() < 0.6:
                definition += (f" The term was {rng.choice(EVENTS)} by {rng.choice(ORGS)}"
                               f" in {rng.choice(range(2012, 2024))}.")
            related = ", ".join(f"Term {rng.randrange(terms)}" for _ in range(rng.randint(2, 5)))
            lines += [f"  - term: {term}", "    category: Generated", f"    source: site-{i % SOURCES}",
                      f"    definition: {definition}", f"    related: [{related}]"]
        (folder / f"part-{start // 100:03}.yaml").write_text("\n".join(lines) + "\n")


def measure(command: list[str], cwd: Path) -> tuple[float, float]:
    """CPU seconds and peak RSS (MiB) of one child process running COMMAND."""
    child = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                             env={**os.environ, "NO_COLOR": "1"})
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    errors = child.stderr.read().decode(errors="replace") if child.stderr else ""
    if child.returncode not in (0, 1):
        sys.exit(f"{' '.join(command)} failed ({child.returncode}):\n{errors}")
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def timed(command: list[str], cwd: Path) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system, its children's included) of one child process."""
    start = time.monotonic()
    cpu, _ = measure(command, cwd)
    return time.monotonic() - start, cpu


def jobs_row(folder: Path, tmp: Path, n: int, repeat: int) -> tuple[str, str, str, str]:
    """A cold check (a new cache folder each time) in one process and in two, interleaved and
    repeated (the machine is shared: its load moves every figure), as medians."""
    runs: dict[int, list[tuple[float, float]]] = {1: [], 2: []}
    for i in range(repeat):
        for jobs in (1, 2) if i % 2 == 0 else (2, 1):
            cache = tmp / f"cache-jobs{jobs}-{i}"
            runs[jobs].append(timed(check(".", "--jobs", str(jobs), "--cache-dir", str(cache)), folder))
    (w1, c1), (w2, c2) = ((statistics.median(w for w, _ in runs[j]), statistics.median(c for _, c in runs[j]))
                          for j in (1, 2))
    return (f"cold check, {n} entries, --jobs 2 vs 1 (median of {repeat})",
            f"{w2:.2f} vs {w1:.2f} s wall; {c2:.2f} vs {c1:.2f} s CPU",
            f"{w2 / w1:.2f}× the wall, {c2 / c1:.2f}× the CPU", "faster on both cores")


def check(*args: str) -> list[str]:
    """``gloss-lint check ARGS`` as a user types it: the default text report (to a pipe)."""
    return [sys.executable, "-m", "gloss_lint", "check", *args]


def proselint_command() -> list[str] | None:
    """The proselint command line for a list of files, or None when it is not installed."""
    script = Path(sys.executable).with_name("proselint")
    if not script.exists():
        return None
    usage = subprocess.run([str(script), "--help"], capture_output=True, text=True).stdout
    return [str(script), "check"] if "check" in usage else [str(script)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--growth", default="1000,10000", help="entry counts for the memory growth row")
    parser.add_argument("--skip-mdn", action="store_true")
    parser.add_argument("--jobs-repeat", type=int, default=3, help="runs of each side of the --jobs row")
    args = parser.parse_args()
    sizes = [int(s) for s in args.growth.split(",")]
    if len(sizes) < 2 or sizes[0] == sizes[-1]:
        parser.error("--growth needs two different entry counts, such as 1000,10000")
    rows: list[tuple[str, str, str, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "glossary"
        folder.mkdir()
        make_glossary(folder, args.entries)
        floor, _ = measure([sys.executable, "-c", FLOOR, str(folder)], folder)
        # one process: the CPU rows measure the work (a second process adds its CPU; the
        # --jobs row below shows what it costs and saves)
        cold, cold_rss = measure(check(".", "--jobs", "1"), folder)
        again, _ = measure(check("."), folder)
        jobs = jobs_row(folder, Path(tmp), args.entries, args.jobs_repeat)
        # the pre-commit hook's case: one file just edited (a word of one definition), then checked
        named = folder / "part-042.yaml"
        named.write_text(named.read_text().replace("generated entry", "generated item", 1))
        one, _ = measure(check("part-042.yaml"), folder)
        one_spacy, _ = measure([sys.executable, "-c", SPACY_FLOOR, "part-042.yaml"], folder)
        alone_dir = Path(tmp) / "alone"
        alone_dir.mkdir()
        make_glossary(alone_dir, 5)
        alone, _ = measure(check("part-000.yaml"), alone_dir)
        alone_spacy, _ = measure([sys.executable, "-c", SPACY_FLOOR, "part-000.yaml"], alone_dir)
        n = args.entries
        rows += [(f"cold check, {n} entries", f"{cold:.2f} s CPU, {cold_rss:.0f} MiB",
                  f"{cold / floor:.1f}× the floor ({floor:.2f} s)", "≤ 4× the floor"),
                 ("the same again", f"{again:.2f} s", f"{again / cold:.2f}× cold", "≤ 0.1× cold"),
                 ("check one-file.yaml inside it", f"{one:.2f} s",
                  f"{one / cold:.2f}× cold (spaCy alone: {one_spacy / cold:.2f}×)", "≤ 0.15× cold"),
                 ("check of one small file alone", f"{alone:.2f} s",
                  f"{alone:.2f} s (spaCy alone: {alone_spacy:.2f} s)", "≤ 0.35 s"), jobs]
    if args.skip_mdn or not MDN.exists():
        rows.append(("MDN vs proselint", "skipped", "--skip-mdn or no corpus", "≥ 3× faster"))
    elif (prose := proselint_command()) is None:
        rows.append(("MDN vs proselint", "skipped", 'proselint absent: pip install -e ".[bench]"', "≥ 3× faster"))
    else:
        # cold, in a cache folder of its own: the corpus's may hold a cache from an earlier run of
        # the same code, which would answer instead
        with tempfile.TemporaryDirectory() as cache:
            ours, _ = measure(check(".", "--profile", "mdn", "--cache-dir", cache), MDN)
        pages = sorted(str(p.relative_to(MDN)) for p in MDN.rglob("*.md"))
        theirs, _ = measure(prose + pages, MDN)
        spacy_alone, _ = measure([sys.executable, "-c", SPACY_FLOOR, *pages], MDN)
        rows.append((f"MDN glossary ({len(pages)} pages) vs proselint", f"{ours:.2f} s vs {theirs:.2f} s",
                     (f"{theirs / ours:.2f}× faster" if ours <= theirs else f"{ours / theirs:.2f}× slower")
                     + f" (spaCy alone: {theirs / spacy_alone:.2f}× faster)", "≥ 3× faster"))
    peaks = []
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            make_glossary(Path(tmp), size)
            peaks.append(measure(check(".", "--jobs", "1"), Path(tmp))[1])
    slope = (peaks[-1] - peaks[0]) / ((sizes[-1] - sizes[0]) / 1000)
    rows.append((f"growth {sizes[0]} → {sizes[-1]} entries",
                 ", ".join(f"{p:.0f}" for p in peaks) + " MiB", f"{slope:.1f} MiB per 1k", "≤ 10 MiB per 1k"))
    widths = [max(len(r[i]) for r in rows + [("row", "measured", "ratio", "goal")]) for i in range(4)]
    for row in [("row", "measured", "ratio", "goal"), *rows]:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
