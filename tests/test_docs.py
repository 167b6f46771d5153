"""The docs cannot rot: every command in a shell block of README.md and docs/**/*.md is run.

What the docs promise, and this test holds them to:

- A fenced block marked ``sh``, ``shell``, ``bash`` or ``console`` holds commands, one a line
  (``$ `` prompts, ``#`` comments and ``\\`` continuations allowed, ``&&`` chains split). Each
  ``gloss-lint …`` or ``python -m gloss_lint …`` is run from the repository's root through the
  real CLI: it must not exit 2 (a usage or configuration error) nor raise. ``--output FILE`` and
  ``--format NAME:FILE`` are written to a temporary folder instead, and must be written.
- Any other command (``pip install``, ``pytest``, a path only a user has) cannot run here: the
  block says so with ``<!-- docs: not run (why) -->`` on the line before it, or the test fails.
- A ``text`` block right after a block of one command shows lines of its output: each must be
  a line the command prints. A ``json`` block there shows the start of its JSON output: every
  key shown has the value shown, a list shows its first items, and ``…`` in a text stands for
  any text.
"""

from __future__ import annotations

import json
import re
import shlex
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import ROOT, needs_shared

DOCS = sorted([ROOT / "README.md", *(ROOT / "docs").rglob("*.md")])
SHELLS = {"sh", "shell", "bash", "console"}
NOT_RUN = re.compile(r"<!--\s*docs:\s*not run\s*\((.+)\)\s*-->")
_FENCE = re.compile(r"^(`{3,})\s*([\w-]*)[^\n]*\n(.*?)^\1\s*$", re.M | re.S)


@dataclass(frozen=True)
class Block:
    path: Path
    line: int
    language: str
    text: str
    not_run: str  # why, when the block is marked as not run
    start: int  # offsets of the whole fenced block in the file
    end: int


@dataclass(frozen=True)
class Command:
    where: str  # docs/x.md:12
    argv: tuple[str, ...]  # gloss-lint's arguments; () for a command that is not gloss-lint
    line: str
    not_run: str
    shown: Block | None  # a text or json block showing the output


def blocks(path: Path) -> list[Block]:
    text = path.read_text(encoding="utf-8")
    found = []
    for match in _FENCE.finditer(text):
        before = NOT_RUN.search(text[:match.start()].rstrip("\n").rsplit("\n", 1)[-1])
        found.append(Block(path, text.count("\n", 0, match.start()) + 1, match.group(2).lower(),
                           match.group(3), before.group(1) if before else "", match.start(), match.end()))
    return found


def _lines(block: Block) -> list[tuple[int, str]]:
    """The block's command lines with their line numbers, continuations joined."""
    lines, pending, start = [], "", 0
    for number, raw in enumerate(block.text.splitlines(), block.line + 1):
        line = raw.strip()
        if not pending:
            start = number
            if block.language == "console":
                if not line.startswith("$ "):
                    continue  # output shown in a console transcript
                line = line[2:]
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        line, pending = pending + line, ""
        if line and not line.startswith("#"):
            lines.append((start, line))
    return lines


def _argv(command: str) -> tuple[str, ...]:
    words = shlex.split(command, comments=True)
    if words[:1] == ["gloss-lint"]:
        return tuple(words[1:])
    if words[:3] == ["python", "-m", "gloss_lint"]:
        return tuple(words[3:])
    return ()


def commands(path: Path) -> list[Command]:
    text = path.read_text(encoding="utf-8")
    doc_blocks = blocks(path)
    found = []
    for block, following in zip(doc_blocks, [*doc_blocks[1:], None]):
        if block.language not in SHELLS:
            continue
        lines = _lines(block)
        shown = following if (following and following.language in ("text", "json") and len(lines) == 1
                              and not text[block.end:following.start].strip()) else None
        for number, line in lines:
            for part in line.split("&&"):
                found.append(Command(f"{path.relative_to(ROOT)}:{number}", _argv(part.strip()),
                                     part.strip(), block.not_run, shown))
    return found


ALL = [command for path in DOCS for command in commands(path)]
RUN = [command for command in ALL if not command.not_run]


def test_the_docs_have_commands_to_run():
    assert sum(1 for command in RUN if command.argv) >= 10
    assert {c.where.split(":")[0] for c in RUN} >= {"README.md", "docs/command-line.md"}


@pytest.mark.parametrize("command", RUN, ids=[c.where for c in RUN])
def test_command_runs(command, run, tmp_path):
    assert command.argv, (f"{command.where}: {command.line!r} is not a gloss-lint command; mark its "
                          "block <!-- docs: not run (why) --> if it cannot run in a test")
    # a path into ../shared (a real glossary): there, or the test skips (fails in CI) without it
    argv = [str(needs_shared(*Path(a).parts[2:])) if a.startswith("../shared/") else a for a in command.argv]
    outputs = []
    for i, word in enumerate(argv[:-1]):
        if word in ("--output", "-o"):
            argv[i + 1] = str(tmp_path / Path(argv[i + 1]).name)
            outputs.append(Path(argv[i + 1]))
        elif word == "--format" and ":" in argv[i + 1]:  # --format NAME:FILE writes FILE
            name, file = argv[i + 1].split(":", 1)
            argv[i + 1] = f"{name}:{tmp_path / Path(file).name}"
            outputs.append(tmp_path / Path(file).name)
    code, out, err = run(*argv, cwd=ROOT)
    assert code != 2, f"{command.where}: {command.line}\n{err}"
    assert "Traceback" not in err
    for output in outputs:
        assert output.read_text(encoding="utf-8").strip(), output
    if command.shown is None:
        return
    if command.shown.language == "text":
        printed = out.splitlines()
        for line in command.shown.text.splitlines():
            assert not line.strip() or line in printed, f"{command.where}: not printed: {line}"
    else:
        assert _shows(json.loads(command.shown.text), json.loads(out)), command.where


def _shows(shown, actual) -> bool:
    """True when ``shown`` is ``actual`` as the docs abbreviate it."""
    if isinstance(shown, dict):
        return isinstance(actual, dict) and all(k in actual and _shows(v, actual[k]) for k, v in shown.items())
    if isinstance(shown, list):
        return (isinstance(actual, list) and len(shown) <= len(actual)
                and all(_shows(s, a) for s, a in zip(shown, actual)))
    if isinstance(shown, str) and "…" in shown and isinstance(actual, str):
        return re.fullmatch(".*".join(map(re.escape, shown.split("…"))), actual, re.S) is not None
    return shown == actual


def test_quickstart_is_the_two_commands_and_lints_the_fixtures(run):
    """The README's quickstart (CI runs it) is not run here: it installs and runs the tests."""
    quickstart = next(b for b in blocks(ROOT / "README.md") if b.language in SHELLS)
    assert quickstart.text == 'python -m pip install -e ".[test]" && gloss-lint check fixtures\npython -m pytest\n'
    assert quickstart.not_run
    code, out, err = run("check", "fixtures", cwd=ROOT)
    assert code == 1 and out and not err  # "it exits 1: the fixtures hold known defects"
