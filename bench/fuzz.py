"""Fuzz ``gloss-lint check`` for a long while: tests/test_fuzz.py's generator on many more files.

    python bench/fuzz.py [--files 10000] [--batch 20] [--least 20] [--most 40] [--timeout 900]
                         [--slow 10] [--keep DIR]

Glossaries come in batches; each batch runs in its own process under a time limit, so a hang
is counted, not waited for. Each glossary (``--least`` to ``--most`` files: a run's fixed
cost is most of its time) is linted twice, in a format and profile
the generator picks: an exception, an exit code other than 0 or 1, anything on stderr, a report
that does not parse (SARIF checked against its schema) or two reports that differ is a crash;
a run over ``--slow`` seconds is slow. Prints the counts; the glossaries that crashed or were
slow are kept under ``--keep`` to replay. Exits 1 when either count is not 0.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]  # this checkout's gloss_lint and generator


def run_batch(batch: int, size: int, slow: float, keep: Path, least: int, most: int) -> dict:
    """One batch, in this process: ``size`` glossaries drawn with Hypothesis seed ``batch``."""
    from fuzzing import FORMATS, PROFILES, glossaries, lint_twice, write_glossary
    from hypothesis import HealthCheck, Phase, given, seed, settings
    from hypothesis import strategies as st

    stats = {"batch": batch, "glossaries": 0, "files": 0, "crashes": [], "slow": [], "longest": 0.0}

    @seed(batch)
    @settings(max_examples=size, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(files=glossaries(least, most), fmt=st.sampled_from(FORMATS), profile=PROFILES)
    def one(files, fmt, profile):
        n = stats["glossaries"]
        stats["glossaries"] += 1
        stats["files"] += len(files)
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "glossary"
            write_glossary(folder, files)
            try:
                seconds = lint_twice(folder, fmt, profile).seconds
            except Exception:  # noqa: BLE001 - every failure is what the bench counts
                stats["crashes"].append(_keep(folder, keep, f"crash-{batch}-{n}", fmt, profile,
                                              traceback.format_exc()))
                return
            stats["longest"] = max(stats["longest"], seconds)
            if seconds > slow:
                stats["slow"].append(_keep(folder, keep, f"slow-{batch}-{n}", fmt, profile,
                                           f"{seconds:.1f} s"))

    one()
    return stats


def _keep(folder: Path, keep: Path, name: str, fmt: str, profile: str, why: str) -> str:
    target = keep / name
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(folder, target / "glossary")
    (target / "WHY.txt").write_text(
        f"gloss-lint check glossary --format {fmt} --profile {profile}\n\n{why}", encoding="utf-8")
    return str(target)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000, help="stop once this many files were linted")
    parser.add_argument("--batch", type=int, default=20, help="glossaries per batch (one process)")
    parser.add_argument("--timeout", type=float, default=900, help="seconds a batch may take")
    parser.add_argument("--least", type=int, default=20, help="files in a glossary, at least")
    parser.add_argument("--most", type=int, default=40, help="files in a glossary, at most")
    parser.add_argument("--slow", type=float, default=10.0, help="a run over this many seconds is slow")
    parser.add_argument("--keep", type=Path, default=Path(tempfile.gettempdir()) / "gloss-lint-fuzz")
    parser.add_argument("--first-batch", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--one-batch", type=int, help=argparse.SUPPRESS)  # the child's role
    args = parser.parse_args()
    args.keep.mkdir(parents=True, exist_ok=True)
    if args.one_batch is not None:
        print(json.dumps(run_batch(args.one_batch, args.batch, args.slow, args.keep, args.least, args.most)))
        return 0

    totals = {"glossaries": 0, "files": 0, "crashes": [], "slow": [], "longest": 0.0, "hung": []}
    batch = args.first_batch
    started = time.perf_counter()
    while totals["files"] < args.files:
        command = [sys.executable, __file__, "--one-batch", str(batch), "--batch", str(args.batch),
                   "--least", str(args.least), "--most", str(args.most), "--slow", str(args.slow), "--keep", str(args.keep)]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=args.timeout,
                                  cwd=ROOT, env={**os.environ, "NO_COLOR": "1"})
        except subprocess.TimeoutExpired:
            totals["hung"].append(batch)
            print(f"batch {batch}: over {args.timeout:.0f} s, stopped", flush=True)
            batch += 1
            continue
        lines = done.stdout.strip().splitlines()
        if done.returncode != 0 or not lines:
            totals["crashes"].append(f"batch {batch} died: {done.stderr.strip()[-500:]}")
            batch += 1
            continue
        stats = json.loads(lines[-1])
        for key in ("glossaries", "files"):
            totals[key] += stats[key]
        totals["crashes"] += stats["crashes"]
        totals["slow"] += stats["slow"]
        totals["longest"] = max(totals["longest"], stats["longest"])
        print(f"batch {batch}: {stats['glossaries']} glossaries, {stats['files']} files, "
              f"{len(stats['crashes'])} crashes, {len(stats['slow'])} slow, longest run "
              f"{stats['longest']:.1f} s; total {totals['files']} files", flush=True)
        batch += 1
    crashes, slow = len(totals["crashes"]), len(totals["slow"]) + len(totals["hung"])
    print(f"\n{totals['files']} files in {totals['glossaries']} glossaries ({batch - args.first_batch} "
          f"batches, {time.perf_counter() - started:.0f} s): {crashes} crashes, {slow} runs over "
          f"{args.slow:.0f} s (longest run {totals['longest']:.1f} s, {len(totals['hung'])} batches hung)")
    for where in totals["crashes"] + totals["slow"]:
        print(f"  {where}")
    return 1 if crashes or slow else 0


if __name__ == "__main__":
    sys.exit(main())
