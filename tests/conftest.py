"""Shared test helpers: run the real CLI in-process and read its output."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from gloss_lint.cli import main

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SHARED = ROOT.parent / "shared"


def needs_shared(*parts: str) -> Path:
    """A path under ../shared/, or skip the test when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not here")
    return path


@pytest.fixture
def run(capsys, monkeypatch):
    """``run(*argv, cwd=...) -> (exit code, stdout, stderr)`` through ``main``."""

    def _run(*argv: str, cwd: Path = ROOT):
        monkeypatch.chdir(cwd)
        code = main([str(a) for a in argv])
        out, err = capsys.readouterr()
        return code, out, err

    return _run


@pytest.fixture
def run_json(run):
    """``run_json(*argv, cwd=...) -> (exit code, parsed JSON report)``."""

    def _run(*argv: str, cwd: Path = ROOT):
        code, out, err = run("check", "--format", "json", *argv, cwd=cwd)
        assert err == "", err
        return code, json.loads(out)

    return _run


os.environ.setdefault("NO_COLOR", "1")
