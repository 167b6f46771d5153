"""Time what a change costs to check: a whole check, ``--diff`` and the pre-commit hook's path.

    python bench/changes_speed.py [CORPUS_FOLDER] [--profile NAME] [--runs N]

Copies the glossary (default: ../shared/corpora/mdn-glossary, profile mdn) into a temporary
git repository, commits it, then edits one entry's file (renames its term) and times, with
the real console script (cold processes), the median of N runs of:
whole check, ``check --diff HEAD`` (one file changed), ``check FILE`` (the hook), and
``check --diff HEAD`` with nothing changed.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GIT = {**os.environ, "GIT_AUTHOR_NAME": "b", "GIT_AUTHOR_EMAIL": "b@example.org",
       "GIT_COMMITTER_NAME": "b", "GIT_COMMITTER_EMAIL": "b@example.org", "NO_COLOR": "1"}


def timed(command: list[str], cwd: Path, runs: int) -> tuple[float, str]:
    times, last = [], ""
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=GIT)
        times.append(time.perf_counter() - start)
        last = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""
    return statistics.median(times), last


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", nargs="?", default=str(ROOT.parent / "shared/corpora/mdn-glossary"))
    parser.add_argument("--profile", default="mdn")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    script = str(Path(sys.executable).with_name("gloss-lint"))
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp) / "glossary"
        shutil.copytree(args.corpus, repo)
        (repo / ".gloss-lint.toml").write_text(f'profile = "{args.profile}"\npaths = ["."]\n')
        for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "base"]):
            subprocess.run(["git", *command], cwd=repo, env=GIT, check=True)
        files = sorted(p for p in repo.rglob("*.md") if "title:" in p.read_text(errors="replace")[:500])
        changed = files[len(files) // 2]
        text = changed.read_text()
        line = next(l for l in text.splitlines() if l.startswith("title:"))
        changed.write_text(text.replace(line, line + " (renamed)", 1))
        name = changed.relative_to(repo).as_posix()
        print(f"{args.corpus}: {len(files)} entry files; changed {name}")
        for label, argv in [("whole check", []), ("check --diff HEAD", ["--diff", "HEAD"]),
                            ("check FILE (the hook)", [name])]:
            seconds, summary = timed([script, "check", *argv], repo, args.runs)
            print(f"  {label:<32} {seconds:6.2f} s   {summary}")
        subprocess.run(["git", "checkout", "-q", "."], cwd=repo, env=GIT, check=True)
        seconds, summary = timed([script, "check", "--diff", "HEAD"], repo, args.runs)
        print(f"  {'check --diff HEAD, no change':<32} {seconds:6.2f} s   {summary}")


if __name__ == "__main__":
    main()
