"""``--jobs``: two processes report exactly what one does, in every format, with and without the
cache, on the fixtures and on a generated glossary split between them; a child that fails or
dies leaves the run as one process would end it."""

from __future__ import annotations

import json
import os
import pickle
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES
from gitrepo import commit, git
from test_cache import FIXTURE_RUNS, edit, generate, reports

from gloss_lint import parallel
from gloss_lint.cache import LAYOUT
from gloss_lint.config import load_settings, settings_from
from gloss_lint.engine import lint
from gloss_lint.model import Problem, Severity
from gloss_lint.registry import Rule, load_registry

pytestmark = pytest.mark.skipif(not parallel.can_fork(), reason="--jobs forks, on Linux only")


def assert_as_one_process(folder: Path, *argv: str, tmp: Path) -> dict[str, bytes]:
    """``--jobs 2`` gives what ``--jobs 1`` gives, in every format and exit code: without the
    cache, and with one (a cold run writing it, then the same again answered from it)."""
    one = reports(folder, *argv, "--jobs", "1", "--no-cache", out=tmp / "one")
    two = reports(folder, *argv, "--jobs", "2", "--no-cache", out=tmp / "two")
    for name in one:
        assert two[name] == one[name], f"--jobs 2 differs in {name}"
    for attempt in ("cold", "again"):
        cached = reports(folder, *argv, "--jobs", "2", "--cache-dir", tmp / "cache",
                         out=tmp / attempt)
        for name in one:
            assert cached[name] == one[name], f"--jobs 2 with the cache ({attempt}) differs in {name}"
    return one


@pytest.fixture
def glossary(tmp_path: Path) -> Path:
    """300 generated entries, a long definition, a circular one; a file that does not parse and one
    that is not UTF-8."""
    folder = tmp_path / "glossary"
    folder.mkdir()
    generate(folder)
    (folder / "broken.yaml").write_text("term: [unclosed\n")
    (folder / "latin1.yaml").write_bytes("term: Caf\xe9\ndefinition: A place.\n".encode("latin-1"))
    long = " ".join(["Notwithstanding considerable organisational heterogeneity, the methodology"] * 12)
    (folder / "long.yaml").write_text(f"term: Long\ncategory: Generated\ndefinition: {long}.\n")
    (folder / "circular.yaml").write_text("term: Token\ndefinition: A token is a token.\n")
    return folder


def test_a_glossary_split_between_two_processes(glossary, tmp_path):
    one = assert_as_one_process(glossary, ".", tmp=tmp_path / "whole")
    for finding in (b"input.syntax", b"input.encoding", b"facts.year", b"readability.", b"style.",
                    b"schema.", b"links.unresolved"):
        assert finding in one["json"], finding
    # the rule families that run ahead in parts, and their data, with a config that changes them
    (glossary / ".gloss-lint.toml").write_text('[rules]\n"readability.definition-length" = {max-words = 12}\n'
                                               '"style.circular" = "info"\n')
    assert_as_one_process(glossary, ".", tmp=tmp_path / "configured")
    assert_as_one_process(glossary, "part-01.yaml", "part-02.yaml", tmp=tmp_path / "named")


def test_edits_between_runs_in_two_processes(glossary, tmp_path):
    """Kept values computed in the children reach the cache: after an edit, a run in two
    processes that takes the rest from the cache still gives a cold run's findings."""
    cache = ["--cache-dir", str(tmp_path / "cache")]
    reports(glossary, ".", "--jobs", "2", *cache, out=tmp_path / "first")
    edit(glossary / "part-00.yaml", "is a generated entry", "is an edited entry")
    edit(glossary / "part-04.yaml", "in 2015.", "in 1999.")
    cold = reports(glossary, ".", "--jobs", "1", "--no-cache", out=tmp_path / "cold")
    for jobs in ("2", "1"):
        warm = reports(glossary, ".", "--jobs", jobs, *cache, out=tmp_path / f"warm{jobs}")
        assert warm == cold


def kept_tables(cache: Path) -> dict[str, tuple]:
    """Each table the rules keep across runs: its generation and the keys of its values."""
    tables = {}
    for path in (cache / LAYOUT / "kept").iterdir():
        data = path.read_bytes()
        payload = data.split(b"\n", 3)[3]
        value = pickle.loads(payload)
        tables[path.name] = (value["generation"], sorted(map(repr, value["values"])))
    return tables


def test_the_cache_holds_what_one_process_keeps(glossary, tmp_path):
    for jobs in ("1", "2"):
        reports(glossary, ".", "--jobs", jobs, "--cache-dir", tmp_path / f"cache{jobs}", out=tmp_path / jobs)
    one, two = kept_tables(tmp_path / "cache1"), kept_tables(tmp_path / "cache2")
    assert len(one) >= 3  # facts' claims, readability's numbers, style.circular's verdicts
    assert two == one


def test_the_run_is_the_same_run_in_the_cache(glossary, tmp_path):
    """How many processes checked is not part of any cache key: a run in one process answers
    the same run asked for in two."""
    registry = load_registry()
    keys = []
    for jobs in (1, 2):
        settings = settings_from(registry, {}, None, cwd=glossary, paths=[str(glossary)], cache=True,
                                 cache_dir=str(tmp_path / "cache"), jobs=jobs)
        keys.append(lint(settings, registry, glossary).cached)
    assert keys[0] and keys[0] == keys[1]


@pytest.mark.parametrize("folder, argv", FIXTURE_RUNS)
def test_fixtures(folder, argv, tmp_path):
    copy = tmp_path / "fixture"
    shutil.copytree(FIXTURES / folder, copy)
    assert_as_one_process(copy, *argv, tmp=tmp_path / "out")


def test_report_and_baseline_take_jobs(glossary, tmp_path, run):
    for jobs in ("1", "2"):
        for command, out in (("report", f"{jobs}.html"), ("baseline", f"{jobs}.json")):
            assert run(command, ".", "--jobs", jobs, "--no-cache", "-o", tmp_path / out, cwd=glossary)[0] == 0
    assert (tmp_path / "1.html").read_bytes() == (tmp_path / "2.html").read_bytes()
    assert (tmp_path / "1.json").read_bytes() == (tmp_path / "2.json").read_bytes()


def test_a_check_against_a_commit_and_a_baseline_in_two_processes(glossary, tmp_path, run):
    """--diff (both sides of the change checked in parts) and --baseline leave the same findings out."""
    git(glossary, "init", "-q")
    commit(glossary, "the glossary")
    assert run("baseline", ".", "--no-cache", "-o", tmp_path / "baseline.json", cwd=glossary)[0] == 0
    edit(glossary / "part-00.yaml", "is a generated entry", "is a generated entry which is a generated entry")
    edit(glossary / "part-04.yaml", "in 2015.", "in 1999.")
    argv = [".", "--diff", "HEAD", "--baseline", str(tmp_path / "baseline.json"), "--no-cache"]
    one = reports(glossary, *argv, "--jobs", "1", out=tmp_path / "one")
    assert reports(glossary, *argv, "--jobs", "2", out=tmp_path / "two") == one
    assert json.loads(one["json"])["findings"]  # the edits introduced findings the baseline has not got


@pytest.mark.parametrize("value", ["0", "-1", "two"])
def test_a_number_of_processes_is_one_or_more(glossary, run, value):
    code, _, err = run("check", ".", f"--jobs={value}", cwd=glossary)
    assert code == 2 and "--jobs" in err
    (glossary / ".gloss-lint.toml").write_text(f"jobs = {value if value != 'two' else repr(value)}\n")
    code, _, err = run("check", ".", cwd=glossary)
    assert code == 2 and "jobs" in err


def test_jobs_in_the_config(glossary):
    (glossary / ".gloss-lint.toml").write_text("jobs = 2\n")
    registry = load_registry()
    heard = []
    settings = load_settings(registry, cwd=glossary)
    lint(settings, registry, glossary, progress=heard.append)
    assert "checking each entry in 2 processes" in heard


def test_how_many_processes_by_default():
    if parallel.usable_cores() > 1:
        assert parallel.processes(None, parallel.THRESHOLD + 1) == parallel.usable_cores()
    assert parallel.processes(None, parallel.THRESHOLD) == 1
    assert parallel.processes(4, 3) == 3  # never more processes than entries
    assert parallel.processes(1, 10 * parallel.THRESHOLD) == 1


# ---------------------------------------------------------------- children that fail

PARENT = os.getpid()


def _dies_in_a_child(entry, ctx):
    if os.getpid() != PARENT:
        os._exit(3)  # a child killed mid-run (out of memory, a signal)
    yield Problem("checked here", ("term",))


def _always_fails(entry, ctx):
    raise ZeroDivisionError("a bug in a rule")
    yield


def _with_rule(check) -> tuple:
    rule = Rule(id="style.test-child", summary="", severity=Severity.INFO, scope="entry", doc="",
                bad="", good="", check=check)
    registry = load_registry(extra=[rule])
    return registry, lambda folder, jobs: settings_from(registry, {}, None, cwd=folder, paths=[str(folder)],
                                                        jobs=jobs)


def test_a_child_that_dies_has_its_part_done_here(glossary):
    registry, settings = _with_rule(_dies_in_a_child)
    one = lint(settings(glossary, 1), registry, glossary)
    two = lint(settings(glossary, 2), registry, glossary)
    assert sum(f.rule == "style.test-child" for f in one.findings) == 302
    assert list(map(repr, two.findings)) == list(map(repr, one.findings)) and two.data == one.data


def test_a_rule_that_fails_fails_as_in_one_process(glossary):
    registry, settings = _with_rule(_always_fails)
    for jobs in (1, 2):
        with pytest.raises(ZeroDivisionError):
            lint(settings(glossary, jobs), registry, glossary)


def _publishes_a_dict(entry, ctx):
    ctx.data.setdefault("test-child", {})[entry.term] = 1
    yield from ()


def test_a_one_entry_rule_publishes_in_lists(glossary):
    """Parts are put back in order list by list: a rule that publishes otherwise is told so."""
    registry, settings = _with_rule(_publishes_a_dict)
    assert "test-child" in lint(settings(glossary, 1), registry, glossary).data
    with pytest.raises(TypeError, match="style.test-child"):
        lint(settings(glossary, 2), registry, glossary)


@pytest.mark.parametrize("after", [0.0, 0.5])  # as a child starts; while both processes work
def test_ctrl_c_stops_every_process_quietly(tmp_path, after):
    """Ctrl-C (SIGINT to the terminal's process group) while a child checks its part: exit code
    130, no traceback from the parent or its child, and no process left behind."""
    import signal
    import subprocess
    import sys
    import time

    from conftest import ROOT

    folder = tmp_path / "glossary"
    folder.mkdir()
    generate(folder, terms=1500, per_file=300)  # 4,500 entries: seconds of work after the fork
    child = subprocess.Popen([sys.executable, "-m", "gloss_lint", "check", ".", "--no-cache", "--jobs", "2"],
                             cwd=folder, env={**os.environ, "PYTHONPATH": str(ROOT)},
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                             start_new_session=True)  # its own group, as a terminal's foreground job
    children = Path(f"/proc/{child.pid}/task/{child.pid}/children")
    while child.poll() is None and not children.read_text().split():
        time.sleep(0.02)
    time.sleep(after)
    assert child.poll() is None, f"the run ended before it forked: {child.communicate()[1].decode()}"
    os.killpg(child.pid, signal.SIGINT)
    _, stderr = child.communicate(timeout=120)
    assert child.returncode == 130
    assert b"Traceback" not in stderr and b"interrupted" in stderr, stderr.decode(errors="replace")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            os.killpg(child.pid, 0)
        except ProcessLookupError:
            break  # nothing is left of the run's group
        time.sleep(0.1)
    else:
        pytest.fail("a process of the run outlived it")
