"""Time a whole ``gloss-lint check`` on a generated 10,000-entry native glossary.

    python bench/check_speed.py [--entries N] [--select IDS]

Prints wall time and peak memory of the real console script (a cold process).
"""

import argparse
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WORDS = ("model data token layer vector network training attention context memory signal "
         "sequence output input weight gradient batch loss label feature").split()


def make_glossary(folder: Path, n: int) -> None:
    rng = random.Random(42)
    per_file = 100
    for start in range(0, n, per_file):
        lines = ["entries:"]
        for i in range(start, min(n, start + per_file)):
            words = " ".join(rng.choice(WORDS) for _ in range(18))
            related = ", ".join(f"Term {rng.randrange(n)}" for _ in range(3))
            lines += [f"  - term: Term {i}", "    category: Generated",
                      f"    definition: A generated entry about the {words}.",
                      f"    related: [{related}]"]
        (folder / f"part-{start // per_file:03}.yaml").write_text("\n".join(lines) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--select", default="")
    args = parser.parse_args()
    script = str(Path(sys.executable).with_name("gloss-lint"))
    with tempfile.TemporaryDirectory() as tmp:
        make_glossary(Path(tmp), args.entries)
        command = [script, "check", tmp, "--format", "json", "-o", str(Path(tmp) / "out.json")]
        if args.select:
            command += ["--select", args.select]
        started = time.perf_counter()
        subprocess.run(command, check=False)
        elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"{args.entries} entries, select={args.select or 'default'}: {elapsed:.2f} s wall, "
          f"peak RSS {peak:.0f} MB")


if __name__ == "__main__":
    main()
