"""The persistent cache gives exactly what a cold run gives: edits, renames, deletions and
additions between cached runs, config and profile changes, a damaged cache, two runs at once."""

from __future__ import annotations

import os
import pickle
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT

from gloss_lint.cache import LAYOUT, Cache
from gloss_lint.cli import main

FORMATS = ("text", "json", "sarif", "junit", "github", "gitlab", "markdown", "html")


def reports(folder: Path, *argv: str, out: Path) -> dict[str, bytes]:
    """Every format of one ``check`` run in ``folder``, and its exit code, by name (the HTML
    report links to the files relative to ``out``: compare runs written at the same depth)."""
    out.mkdir(parents=True, exist_ok=True)
    for old in out.iterdir():
        old.unlink()
    formats = [f"--format={name}:{out / name}" for name in FORMATS]
    cwd = Path.cwd()
    os.chdir(folder)
    try:
        code = main(["check", *map(str, argv), *formats])
    finally:
        os.chdir(cwd)
    return {"exit": str(code).encode(), **{name: (out / name).read_bytes() for name in FORMATS}}


def assert_as_cold(folder: Path, *argv: str, tmp: Path) -> dict[str, bytes]:
    """A cached run, and the same again (answered from the cache), give what ``--no-cache`` gives."""
    cold = reports(folder, *argv, "--no-cache", out=tmp / "cold")
    for attempt in ("first", "again"):
        cached = reports(folder, *argv, out=tmp / attempt)
        for name in cold:
            assert cached[name] == cold[name], f"{attempt} cached run differs in {name}"
    return cold


# ---------------------------------------------------------------- a generated glossary

SOURCES = ("alpha", "beta", "gamma")
WORDS = ("model data token layer vector network training attention context memory signal "
         "sequence output input weight gradient batch loss label feature").split()
ORGS = ("Google", "OpenAI", "Meta", "DeepMind")


def generate(folder: Path, terms: int = 100, per_file: int = 25) -> None:
    """A native glossary of ``terms`` terms, each described by the three sources (300 entries):
    related terms (some to terms that do not exist), years a term was introduced (some that
    disagree), a few near-duplicate definitions and suppression comments."""
    rng = random.Random(13)
    entries = []
    for t in range(terms):
        for s, source in enumerate(SOURCES):
            words = " ".join(rng.choice(WORDS) for _ in range(12))
            definition = f"Term {t} is a generated entry about the {words}."
            if t % 3 == 0:
                year = 2015 + t % 7 + (s if t % 9 == 0 else 0)  # every ninth term disagrees
                definition += f" The term was introduced by {ORGS[t % 4]} in {year}."
            related = [f"Term {rng.randrange(terms)}" for _ in range(rng.randint(1, 3))]
            if t % 17 == 0:
                related.append(f"Missing {t}")
            entries.append((t, source, definition, related))
    entries.sort(key=lambda e: (e[1], e[0]))
    for start in range(0, len(entries), per_file):
        lines = ["entries:"]
        for t, source, definition, related in entries[start:start + per_file]:
            lines += [f"  - term: Term {t}", "    category: Generated", f"    source: {source}",
                      f"    definition: {definition}", f"    related: [{', '.join(related)}]"]
            if t % 23 == 0:
                lines.append("    # gloss-lint: disable=links.unresolved")
        (folder / f"part-{start // per_file:02}.yaml").write_text("\n".join(lines) + "\n")


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text()
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, count))


@pytest.fixture
def glossary(tmp_path: Path) -> Path:
    folder = tmp_path / "glossary"
    folder.mkdir()
    generate(folder)
    return folder


def test_edits_between_cached_runs(glossary, tmp_path):
    """Each change below, made after a cached run, gives the findings a cold run gives."""
    tmp = tmp_path / "out"
    first = assert_as_cold(glossary, ".", tmp=tmp)
    assert b"facts.year" in first["json"] and b"links.unresolved" in first["json"]
    assert (glossary / ".gloss-lint-cache" / LAYOUT / "runs").is_dir()
    changes = [
        # a definition edited
        lambda: edit(glossary / "part-00.yaml", "is a generated entry", "is an edited entry"),
        # a fact changed: its term's group is compared again (Term 0 is in every source)
        lambda: edit(glossary / "part-04.yaml", "in 2015.", "in 1999."),
        # an entry others link to renamed
        lambda: edit(glossary / "part-01.yaml", "- term: Term 30\n", "- term: Renamed 30\n"),
        # an entry deleted (its lines: term … related)
        lambda: _delete_entry(glossary / "part-02.yaml", "Term 51"),
        # a file added, defining a term that was missing
        lambda: (glossary / "added.yaml").write_text(
            "term: Missing 17\ncategory: Generated\ndefinition: Missing 17 is now defined here.\n"),
        # a file deleted
        lambda: (glossary / "part-05.yaml").unlink(),
        # a file renamed
        lambda: (glossary / "part-06.yaml").rename(glossary / "renamed.yaml"),
        # a broken file
        lambda: (glossary / "broken.yaml").write_text("term: [unclosed\n"),
        # the config: a rule off, another's severity and option changed
        lambda: (glossary / ".gloss-lint.toml").write_text(
            '[rules]\n"links.unresolved" = "off"\n"readability.definition-length" = '
            '{severity = "info", max-words = 12}\n'),
        # the config back to none
        lambda: (glossary / ".gloss-lint.toml").unlink(),
    ]
    for i, change in enumerate(changes):
        change()
        assert_as_cold(glossary, ".", tmp=tmp / str(i))


def _delete_entry(path: Path, term: str) -> None:
    lines = path.read_text().splitlines(keepends=True)
    start = lines.index(f"  - term: {term}\n")
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("  - ")), len(lines))
    path.write_text("".join(lines[:start] + lines[end:]))


def test_profile_and_rule_selection_are_part_of_the_key(glossary, tmp_path):
    assert_as_cold(glossary, ".", tmp=tmp_path / "a")
    assert_as_cold(glossary, ".", "--select", "links", tmp=tmp_path / "b")
    assert_as_cold(glossary, ".", "--ignore", "facts", tmp=tmp_path / "c")
    assert_as_cold(glossary, ".", "--profile", "page", tmp=tmp_path / "d")  # reads nothing as an entry


def test_a_baseline_between_cached_runs(glossary, tmp_path, run):
    """The reports kept in the cache are those of the findings reported: after a baseline too."""
    assert run("baseline", "-o", tmp_path / "baseline.json", cwd=glossary)[0] == 0
    edit(glossary / "part-02.yaml", "is a generated entry", "is a changed entry")
    assert_as_cold(glossary, ".", tmp=tmp_path / "all")
    assert_as_cold(glossary, ".", "--baseline", tmp_path / "baseline.json", tmp=tmp_path / "new")
    assert_as_cold(glossary, ".", "--statistics", tmp=tmp_path / "statistics")


def test_named_files_inside_the_glossary(glossary, tmp_path):
    """``check one.yaml`` (the rest read as context) after a whole run, after edits."""
    assert_as_cold(glossary, ".", tmp=tmp_path / "whole")
    assert_as_cold(glossary, "part-01.yaml", tmp=tmp_path / "named")
    edit(glossary / "part-01.yaml", "- term: Term 30\n", "- term: Renamed 30\n")  # linked to from elsewhere
    assert_as_cold(glossary, "part-01.yaml", tmp=tmp_path / "renamed")
    edit(glossary / "part-04.yaml", "in 2015.", "in 1999.")
    assert_as_cold(glossary, "part-04.yaml", "part-01.yaml", tmp=tmp_path / "two")
    (glossary / "part-03.yaml").unlink()
    assert_as_cold(glossary, "part-03.yaml", tmp=tmp_path / "deleted")


def test_a_named_file_after_a_whole_run_reads_only_itself_again(glossary, tmp_path, monkeypatch):
    """The glossary as it was before the named file's change (outside git: without it) is read
    from what the whole run kept, though that side lists its files by their resolved paths."""
    monkeypatch.chdir(glossary)
    files = glossary / ".gloss-lint-cache" / LAYOUT / "files"
    assert main(["check", ".", "-o", str(tmp_path / "whole.txt")]) == 1
    kept = set(files.iterdir())
    edit(glossary / "part-01.yaml", "is a generated entry", "is an edited entry")
    assert main(["check", "part-01.yaml", "-o", str(tmp_path / "named.txt")]) == 1
    assert len(set(files.iterdir()) - kept) == 1  # the edited file


# Fixture sets and how each is checked: every run-equivalence suite goes over them.
FIXTURE_RUNS = [
    ("glossary", ["."]),
    ("links", ["."]),
    ("style", ["."]),
    ("readability", ["."]),
    ("profiles/acme", []),
    ("layouts/sphinx", ["--profile", "sphinx"]),
    ("facts-eval", ["."]),
]


@pytest.mark.parametrize("folder, argv", FIXTURE_RUNS)
def test_fixtures(folder, argv, tmp_path):
    copy = tmp_path / "fixture"
    shutil.copytree(FIXTURES / folder, copy)
    cold = assert_as_cold(copy, *argv, tmp=tmp_path / "out")
    assert cold["exit"] in (b"0", b"1")


# ---------------------------------------------------------------- the cache itself

def test_data_is_built_for_the_reports_that_show_it(glossary, tmp_path):
    """A text report shows no facts, links or readability figures: a run for it builds none.
    A JSON or HTML report after it, from the same cache, still gets them as a cold run does."""
    from dataclasses import replace

    from gloss_lint.config import load_settings
    from gloss_lint.engine import lint
    from gloss_lint.registry import load_registry

    registry = load_registry()
    settings = load_settings(registry, cwd=glossary, paths=[str(glossary)])
    everything, text_only = (lint(replace(settings, publish=publish), registry, cwd=glossary) for publish in (None, ()))
    assert set(everything.data) == {"facts", "links", "readability"} and text_only.data == {}
    assert text_only.findings == everything.findings
    cold = reports(glossary, ".", "--no-cache", out=tmp_path / "cold")
    cwd = Path.cwd()
    os.chdir(glossary)
    try:
        for name in ("text", "json", "html", "text"):
            out = tmp_path / "alone" / name
            out.parent.mkdir(exist_ok=True)
            main(["check", ".", f"--format={name}:{out}"])
            assert out.read_bytes() == cold[name], name
    finally:
        os.chdir(cwd)


def test_a_warm_run_reads_nothing_again(glossary):
    """Nothing changed: the stored result is the answer, without the language pipeline."""
    script = ("import sys; from gloss_lint.cli import main; code = main(['check', '.', '-o', 'out.txt']); "
              "print('spacy' in sys.modules)")
    runs = [subprocess.run([sys.executable, "-c", script], cwd=glossary, capture_output=True, text=True,
                           env={**os.environ, "PYTHONPATH": str(ROOT)}) for _ in range(2)]
    assert [r.stdout.strip() for r in runs] == ["True", "False"], [r.stderr for r in runs]


def test_what_unchanged_fields_gave_is_kept(glossary, tmp_path):
    """A change that leaves every field's text and term as it was (a category) reads no fact and
    tokenizes no definition again (facts, style.circular): the language pipeline is not even
    loaded; and the findings are a cold run's."""
    script = ("import sys; from gloss_lint.cli import main; "
              "code = main(['check', '.', '-o', 'out.txt']); print('spacy' in sys.modules)")

    def spacy_loaded() -> bool:
        done = subprocess.run([sys.executable, "-c", script], cwd=glossary, capture_output=True, text=True,
                              env={**os.environ, "PYTHONPATH": str(ROOT)})
        assert done.returncode == 0, done.stderr
        return done.stdout.strip() == "True"

    assert spacy_loaded()
    edit(glossary / "part-03.yaml", "category: Generated", "category: Changed", count=5)
    assert not spacy_loaded()
    assert_as_cold(glossary, ".", tmp=tmp_path / "category")
    edit(glossary / "part-03.yaml", "introduced by", "first introduced by")  # a fact's text: read again
    assert spacy_loaded()
    assert_as_cold(glossary, ".", tmp=tmp_path / "fact")


def test_spans_and_claims_unpickle_as_they_were():
    """They unpickle through their constructors (faster than a frozen dataclass's state): every
    field comes back in its place, but a claim's entry (claims are kept by the text they were read
    from, and given the entry that holds it when taken back)."""
    from dataclasses import fields, replace

    from gloss_lint.model import Span
    from gloss_lint.rules.facts.extract import Claim

    claim = Claim(**{f.name: f"{f.name} value" for f in fields(Claim)})
    for value, back in ((Span(3, 8), Span(3, 8)), (claim, replace(claim, entry=None))):
        assert pickle.loads(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)) == back


def test_damaged_cache_files_are_rebuilt(glossary, tmp_path):
    cold = assert_as_cold(glossary, ".", tmp=tmp_path / "out")
    values = sorted(p for p in (glossary / ".gloss-lint-cache" / LAYOUT).rglob("*") if p.is_file())
    assert len(values) > 10
    damage = [
        lambda data: data[:len(data) // 2],  # truncated
        lambda data: data[:-10] + bytes(10),  # the end overwritten
        lambda data: b"",  # empty
        lambda data: os.urandom(200),  # not ours
        lambda data: b"gloss-lint cache 1\n" + data[len(b"gloss-lint cache 1\n"):].replace(b"Term", b"Tirm"),
        lambda data: data.replace(b"gloss-lint cache", b"another cache!!!"),  # another tool's
    ]
    for i, path in enumerate(values):
        path.write_bytes(damage[i % len(damage)](path.read_bytes()))
    for attempt in ("damaged", "rebuilt"):
        cached = reports(glossary, ".", out=tmp_path / "out" / attempt)
        assert cached == cold, attempt
    shutil.rmtree(glossary / ".gloss-lint-cache" / LAYOUT / "files")
    (glossary / ".gloss-lint-cache" / LAYOUT / "files").write_text("a file where a folder was")
    assert reports(glossary, ".", out=tmp_path / "out" / "folder-is-a-file") == cold


def test_a_cache_that_cannot_be_written_is_skipped(glossary, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    cold = reports(glossary, ".", "--no-cache", out=tmp_path / "cold")
    assert reports(glossary, ".", "--cache-dir", blocker / "cache", out=tmp_path / "cached") == cold
    assert not (glossary / ".gloss-lint-cache").exists()


def test_where_the_cache_is(glossary, tmp_path, run):
    assert run("check", ".", "--no-cache", cwd=glossary)[0] == 1
    assert not (glossary / ".gloss-lint-cache").exists()
    assert run("check", ".", "--cache-dir", tmp_path / "elsewhere", cwd=glossary)[0] == 1
    assert not (glossary / ".gloss-lint-cache").exists()
    assert (tmp_path / "elsewhere" / ".gitignore").read_text().splitlines()[-1] == "*"
    (glossary / ".gloss-lint.toml").write_text("cache = false\n")
    assert run("check", ".", cwd=glossary)[0] == 1
    assert not (glossary / ".gloss-lint-cache").exists()
    (glossary / ".gloss-lint.toml").write_text('paths = ["."]\ncache-dir = "build/lint-cache"\n')
    sub = glossary / "sub"
    sub.mkdir()
    assert run("check", cwd=sub)[0] == 1  # the config is found upward: its folder holds the cache
    assert (glossary / "build/lint-cache" / LAYOUT).is_dir()
    assert not (sub / ".gloss-lint-cache").exists()


def test_two_runs_at_once(glossary, tmp_path):
    cold = reports(glossary, ".", "--no-cache", out=tmp_path / "cold")
    command = [sys.executable, "-m", "gloss_lint", "check", ".", "--format", "json"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for round_ in range(2):  # both write a fresh cache, then both read it
        children = [subprocess.Popen(command, cwd=glossary, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     env=env) for _ in range(2)]
        for child in children:
            out, err = child.communicate(timeout=300)
            assert (child.returncode, err) == (1, b"")
            assert out == cold["json"], round_
    assert reports(glossary, ".", out=tmp_path / "after") == cold


def test_a_value_is_written_whole_or_not_at_all(tmp_path):
    """A value is pickled straight into its file: read back it is what was stored; one that
    cannot be pickled (part-way through) leaves neither a value nor a temporary file."""
    store = Cache(tmp_path / "cache")
    value = ([("Term", i, {"words": "x" * i}) for i in range(2000)], "end")
    store.store("runs", "good", value)
    store.store("runs", "bad", ["fine so far", lambda: "a function cannot be pickled"])
    assert Cache(tmp_path / "cache").load("runs", "good") == value
    assert Cache(tmp_path / "cache").load("runs", "bad") is None
    assert [p.name for p in (tmp_path / "cache" / LAYOUT / "runs").iterdir()] == [store._path("runs", "good").name]


def test_size_is_bounded(tmp_path):
    """Past its cap, the least recently used values go; what this run used stays."""
    folder = tmp_path / "cache"
    old = Cache(folder)
    for i in range(20):
        old.store("files", f"old {i}", bytes(1000))
    past = sorted((folder / LAYOUT / "files").iterdir())
    for i, path in enumerate(past):
        os.utime(path, (1_000_000 + i, 1_000_000 + i))
    recent = past[-3:]
    new = Cache(folder, max_bytes=12_000)
    for i in range(5):
        new.store("files", f"new {i}", bytes(1000))
    new.prune()
    kept = set((folder / LAYOUT / "files").iterdir())
    assert sum(p.stat().st_size for p in kept) <= 12_000
    assert {new._path("files", f"new {i}") for i in range(5)} <= kept
    assert set(recent) <= kept and past[0] not in kept  # least recently used first
    assert all(new.load("files", f"new {i}") == bytes(1000) for i in range(5))


def test_a_glossary_of_many_runs_stays_under_the_cap(glossary, tmp_path, monkeypatch):
    import gloss_lint.cache

    monkeypatch.setattr(gloss_lint.cache, "MAX_BYTES", 600_000)  # about one run and a half
    for i in range(6):
        edit(glossary / "part-00.yaml", "generated entry", f"generated ({i}) entry")
        reports(glossary, ".", "--select", "schema,links", out=tmp_path / "out")
    total = sum(p.stat().st_size for p in (glossary / ".gloss-lint-cache").rglob("*") if p.is_file())
    assert total <= 600_000 + 20_000  # the cap, and the folder's own two small files
    assert len(list((glossary / ".gloss-lint-cache" / LAYOUT / "runs").iterdir())) < 6  # some went
