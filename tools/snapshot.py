"""Every output format of ``gloss-lint check`` on fixtures/, the real corpora and the seeds, into a folder.

Two snapshots taken before and after a change that should not change behaviour
(a refactor) are compared with ``diff -r``:

    python tools/snapshot.py /tmp/before [SHARED]  # on the old commit (SHARED: ../shared)
    python tools/snapshot.py /tmp/after    # on the new one
    diff -r /tmp/before /tmp/after

Runs are cold (``--no-cache``: nothing is written into the corpora) unless ``--cache DIR``
gives a folder for their caches: run it twice so, and the second snapshot is the cache's answer.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def runs(shared: Path) -> list[tuple[str, Path, list[str]]]:
    """(name, folder, extra arguments) of each run."""
    return [
        ("fixtures", ROOT / "fixtures", []),
        ("k8s", shared / "corpora/k8s-glossary", ["--profile", "kubernetes"]),
        ("mdn", shared / "corpora/mdn-glossary", ["--profile", "mdn"]),
        ("glosario", shared / "corpora/glosario", ["--profile", "glosario"]),
        ("sss", shared / "corpora/sss-ai-glossary", ["--profile", "sss"]),
        ("18f", shared / "corpora/18f-glossary", ["--profile", "18f"]),
        ("hf", shared / "corpora/hf-transformers-glossary", ["--profile", "markdown-headings"]),
        ("sphinx", shared / "corpora/sphinx-doc", ["--profile", "sphinx"]),
        ("seeds", shared / "seeds", ["--profile", "page"]),
    ]
FORMATS = ["text", "json", "sarif", "junit", "github"]


def main(out: Path, shared: Path, cache: Path | None = None) -> int:
    out.mkdir(parents=True, exist_ok=True)
    for name, folder, extra in runs(shared):
        if not folder.exists():
            print(f"skipped {name}: {folder} is absent")
            continue
        caching = ["--cache-dir", str(cache.resolve() / name)] if cache else ["--no-cache"]
        for fmt in FORMATS:
            run = subprocess.run([sys.executable, "-m", "gloss_lint", "check", ".", *extra, *caching,
                                  "--format", fmt],
                                 cwd=folder, capture_output=True, check=False,
                                 env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "NO_COLOR": "1"})
            (out / f"{name}.{fmt}").write_bytes(run.stdout + f"\nexit {run.returncode}\n".encode() + run.stderr)
        print(f"{name}: done")
    return 0


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("shared", type=Path, nargs="?", default=ROOT.parent / "shared")
    parser.add_argument("--cache", type=Path, metavar="DIR", help="keep each run's cache under DIR")
    args = parser.parse_args()
    sys.exit(main(args.out, args.shared, args.cache))
