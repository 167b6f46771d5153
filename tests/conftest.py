"""Shared test helpers: run the real CLI in-process and read its output."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from gloss_lint.cli import main

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
# The real corpora and seed pages live beside the checkout. GLOSS_LINT_SHARED points elsewhere
# (a missing folder hides them, to measure what the suite covers alone); CI has them and sets
# GLOSS_LINT_REQUIRE_SHARED=1 so that a test meant to read them fails instead of skipping.
SHARED = Path(os.environ.get("GLOSS_LINT_SHARED") or ROOT.parent / "shared")
SARIF_SCHEMA = FIXTURES / "sarif" / "sarif-schema-2.1.0.json"


def needs_shared(*parts: str) -> Path:
    """A path under ../shared/, or skip the test when it is absent (fail when it is required)."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        if os.environ.get("GLOSS_LINT_REQUIRE_SHARED") == "1":
            pytest.fail(f"{path} is not here, and GLOSS_LINT_REQUIRE_SHARED=1 says it must be")
        _note_skip()
        pytest.skip(f"{path} is not here")
    return path


def _note_skip() -> None:
    """Add the running test's id to the file GLOSS_LINT_SHARED_SKIPS names: .ci/run measures
    coverage with ../shared hidden, then runs the tests that skipped with it."""
    log, test = os.environ.get("GLOSS_LINT_SHARED_SKIPS"), os.environ.get("PYTEST_CURRENT_TEST")
    if log and test:
        with open(log, "a", encoding="utf-8") as out:
            out.write(test.rsplit(" (", 1)[0] + "\n")  # 'tests/test_x.py::test_y[id] (call)'


def sarif_errors(log: dict) -> list[str]:
    """What is wrong with a SARIF log by the official 2.1.0 schema (vendored in fixtures/sarif)."""
    import jsonschema

    schema = json.loads(SARIF_SCHEMA.read_text())
    validator = jsonschema.validators.validator_for(schema)(schema)
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(log)]


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


@pytest.fixture(autouse=True, scope="session")
def _fresh_cache():
    """Runs from the checkout keep their cache in it (.gloss-lint-cache/): each session starts
    without one, so that a test that watches what a run imports sees a run, not last session's answer.
    Tests that run in a corpus of ../shared leave no cache there: it is input, not theirs."""
    shutil.rmtree(ROOT / ".gloss-lint-cache", ignore_errors=True)
    before = set(SHARED.glob("corpora/*/.gloss-lint-cache"))
    yield
    for left in set(SHARED.glob("corpora/*/.gloss-lint-cache")) - before:
        shutil.rmtree(left, ignore_errors=True)
