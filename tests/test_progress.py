"""The progress line: on a terminal's stderr during a run of over a second, erased at the end;
never in a pipe, in CI, or beside a JSON/SARIF report on stdout. The real CLI in a child process
whose stderr is a pseudo-terminal (``pty``) or a pipe."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
import tempfile

import pytest

from conftest import ROOT

ERASE = "\r\033[K"


@pytest.fixture(scope="module")
def glossary(tmp_path_factory):
    """A glossary that takes a few seconds to check: 1,500 entries, facts in most."""
    folder = tmp_path_factory.mktemp("progress")
    for part in range(15):
        lines = ["entries:"]
        for i in range(part * 100, part * 100 + 100):
            lines += [f"  - term: Term {i // 3}", "    category: Generated", f"    source: site-{i % 3}",
                      f"    definition: Term {i // 3} is a generated entry about models and data. The term "
                      f"was coined by Google in {2000 + i % 20}.", f"    related: [Term {(i * 7) % 500}]"]
        (folder / f"part-{part:02}.yaml").write_text("\n".join(lines) + "\n")
    return folder


def _check(folder, *args: str, terminal: bool, ci: bool = False) -> tuple[str, str]:
    """(stdout, stderr) of ``gloss-lint check . ARGS`` with stderr on a terminal or a pipe."""
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "TERM")}
    env.update({"TERM": "xterm", "PYTHONPATH": str(ROOT)}, **({"CI": "true"} if ci else {}))
    command = [sys.executable, "-m", "gloss_lint", "check", ".", "--no-cache", *args]  # every run does its work
    if not terminal:
        done = subprocess.run(command, cwd=folder, env=env, capture_output=True, text=True, timeout=600)
        return done.stdout, done.stderr
    leader, follower = pty.openpty()
    # stdout to a file, not a pipe: the terminal is read while the child runs, so neither can fill up
    with tempfile.TemporaryFile() as stdout_file:
        child = subprocess.Popen(command, cwd=folder, env=env, stdout=stdout_file, stderr=follower,
                                 stdin=subprocess.DEVNULL)
        os.close(follower)
        seen = _read_all(leader)
        child.wait(timeout=600)
        stdout_file.seek(0)
        stdout = stdout_file.read()
    return stdout.decode(), seen.decode()


def _read_all(leader: int) -> bytes:
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the child closed the terminal: Linux says EIO
            break
        if not chunk:
            break
        seen += chunk
    os.close(leader)
    return seen


def test_a_long_run_on_a_terminal_shows_progress_and_erases_it(glossary, tmp_path):
    report = tmp_path / "report.txt"
    _, shown = _check(glossary, "-o", str(report), terminal=True)
    assert "gloss-lint: checking " in shown and "rule families done)" in shown, shown
    assert shown.endswith(ERASE)  # nothing is left on the terminal
    plain = tmp_path / "plain.txt"
    _check(glossary, "-o", str(plain), terminal=False)
    assert report.read_bytes() == plain.read_bytes()  # the report is the same with or without it


def test_no_progress_in_a_pipe(glossary):
    out, err = _check(glossary, terminal=False)
    assert err == "" and "error" in out


@pytest.mark.parametrize("args, ci", [(("--format", "json"), False), (("--format", "sarif"), False),
                                      ((), True)])
def test_no_progress_beside_a_machine_report_or_in_ci(glossary, args, ci):
    out, shown = _check(glossary, *args, terminal=True, ci=ci)
    assert shown == "" and out
