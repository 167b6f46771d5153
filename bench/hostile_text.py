"""Seconds to read the hostile texts of issue 9, each through the code that used to stall on it.

    python bench/hostile_text.py

Before the fix (issue 9): a suppression comment followed by 60 KB of blanks took 15 s, an
unclosed '*emphasis' or '{{macro(' in 1.5 MB of Markdown over 2 minutes, a markdown-headings
heading with 60 KB of trailing blanks 16 s, one 2 MB word 9.5 s in readability, and an
alias-free 1.9 MB YAML file of 210,000 values was refused as an alias bomb.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from gloss_lint.read.markup import mask
from gloss_lint.read.profiles import load_profile
from gloss_lint.read.readers import read_file
from gloss_lint.rules.readability.textstats import measure

MB = 1_000_000


def _read(name: str, text: str, profile: str = "native") -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, name)
        path.write_text(text)
        result = read_file(path, name, load_profile(profile))
        assert not [p for p in result.problems if p.rule != "input.not-an-entry"], result.problems


CASES = {
    "suppression comment + 60 KB of blanks": lambda: _read(
        "s.yaml", "term: T\ndefinition: D  # gloss-lint: disable=style" + " " * 60_000 + "!\n"),
    "markdown-headings heading + 60 KB of blanks": lambda: _read(
        "h.md", "### Term" + " " * 60_000 + "x\n\nText.\n", "markdown-headings"),
    "1.5 MB: unclosed *emphasis": lambda: mask("*a " * (MB // 2)),
    "1.5 MB: unclosed {{macro(": lambda: mask("{{macro( " * (MB // 6)),
    "1.5 MB: unclosed {{<": lambda: mask("{{< x " * (MB // 4)),
    "1.5 MB: unclosed <code>": lambda: mask("<code> x " * (MB // 6)),
    "readability of one 2 MB word": lambda: measure("w" * 2 * MB),
    "1.9 MB YAML, 210,000 values, no alias": lambda: _read("data.yaml", "data:\n" + "".join(
        f"  - [{i:06d}, value-{i % 97:03d}, alpha, bravo-charlie, delta, golf, india]\n" for i in range(30_000))),
}


def main() -> None:
    for name, run in CASES.items():
        start = time.perf_counter()
        run()
        print(f"{time.perf_counter() - start:7.2f} s  {name}")


if __name__ == "__main__":
    main()
