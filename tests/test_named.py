"""A check of named files lints the glossary twice (as it was, as it is) and shares the work on
the rest of it between the two runs: it must report exactly what two runs sharing nothing report.

The reference below is that check the full way, as ``introduced.caused_by_named`` made it before
the runs shared anything: two separate ``lint`` calls. Each change edits, renames, deletes or adds
entries in named files (of a generated glossary and of the fixtures), in git and outside it.
"""

from __future__ import annotations

import shutil
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import FIXTURES
from gitrepo import commit, git
from test_cache import _delete_entry, edit, generate

from gloss_lint.baseline import subtract
from gloss_lint.config import load_settings
from gloss_lint.engine import display_path, lint
from gloss_lint.gitdiff import at_head
from gloss_lint.introduced import new_findings
from gloss_lint.read.overlay import Overlay
from gloss_lint.registry import load_registry
from gloss_lint.report import REPORTERS, renderer


def separately(settings, registry, cwd: Path):
    """The named files' findings and the rest's that they cause, by two runs that share nothing:
    (the run as it is, its findings as reported, how many elsewhere were there before)."""
    then = at_head(list(settings.named), cwd)
    changed = {p.resolve(): then.get(p.resolve()) for p in settings.named
               if then.get(p.resolve()) != (p.read_bytes() if p.is_file() else None)}
    wide = replace(settings, report_context=True)
    if not changed:
        now = lint(settings, registry, cwd)
        return now, now.findings, 0
    shown = {display_path(p, cwd) for p in settings.named}
    before = lint(wide, registry, cwd, Overlay(changed))
    now = lint(wide, registry, cwd)
    findings, preexisting, _ = subtract(now.findings, Counter(f.fingerprint for f in before.findings
                                                               if f.path not in shown))
    return now, findings, len(preexisting)


def assert_as_separately(folder: Path, *named: str) -> list:
    """``check NAMED`` (with and without the cache, and again from it) reports, in every format,
    what the two separate runs report."""
    registry = load_registry()
    settings = load_settings(registry, paths=list(named))
    now, findings, preexisting = separately(settings, registry, folder)
    reference = replace(now, findings=findings)
    for cache in (False, True, True):
        settings = load_settings(registry, paths=list(named), cache=cache)
        result = new_findings(settings, registry, cwd=folder)
        assert result.findings == findings
        assert result.omitted.preexisting == preexisting
        assert (result.files, result.corpus.linted_count) == (now.files, now.corpus.linted_count)
        assert result.data == now.data
        for name in REPORTERS:
            expected = renderer(name)(replace(reference, omitted=result.omitted), registry, settings)
            assert renderer(name)(result, registry, settings) == expected, name
    return findings


def _changes(glossary: Path) -> list:
    """(what it does, the named files) after each change, in order."""
    return [
        (lambda: edit(glossary / "part-01.yaml", "is a generated entry", "is an edited entry"), ["part-01.yaml"]),
        (lambda: edit(glossary / "part-04.yaml", "in 2015.", "in 1999."), ["part-04.yaml"]),
        # renamed: the links to it elsewhere lead nowhere, with suggestions from the names left
        (lambda: edit(glossary / "part-01.yaml", "- term: Term 30\n", "- term: Renamed 30\n"), ["part-01.yaml"]),
        (lambda: _delete_entry(glossary / "part-02.yaml", "Term 51"), ["part-02.yaml"]),
        # added: a term other entries link to without finding it
        (lambda: (glossary / "part-03.yaml").write_text(
            (glossary / "part-03.yaml").read_text() + "  - term: Missing 17\n    category: Generated\n"
            "    source: alpha\n    definition: Missing 17 is now defined here.\n"), ["part-03.yaml"]),
        # a term renamed in every source: the links to it elsewhere lead nowhere
        (lambda: [edit(glossary / name, "- term: Term 60\n", "- term: Renamed 60\n")
                  for name in ("part-02.yaml", "part-06.yaml", "part-10.yaml")],
         ["part-02.yaml", "part-06.yaml", "part-10.yaml"]),
        # an alias others link to without finding it, then another term's too: ambiguous
        (lambda: edit(glossary / "part-05.yaml", "    category: Generated\n",
                      "    aliases: [Missing 34, Term 7]\n    category: Generated\n"), ["part-05.yaml"]),
        (lambda: edit(glossary / "part-06.yaml", "    category: Generated\n",
                      "    aliases: [Missing 34]\n    category: Generated\n"), ["part-06.yaml"]),
        # a name one letter from a missing target: the links to it elsewhere are offered it
        (lambda: edit(glossary / "part-08.yaml", "    category: Generated\n",
                      "    aliases: [Missing 5]\n    category: Generated\n"), ["part-08.yaml"]),
        # a definition copied from another entry of its source: a near-duplicate of that one
        (lambda: _copy_definition(glossary / "part-03.yaml", glossary / "part-00.yaml"), ["part-00.yaml"]),
        (lambda: (glossary / "added.yaml").write_text(
            "term: Term 40\ncategory: Generated\nsource: beta\n"
            "definition: Term 40 is a term introduced by Google in 1990.\n"), ["added.yaml"]),
        (lambda: (glossary / "part-07.yaml").unlink(), ["part-07.yaml"]),
        (lambda: (edit(glossary / "part-08.yaml", "related: [", "related: [Term 8, "),
                  edit(glossary / "part-09.yaml", "is a generated entry", "is another entry")),
         ["part-08.yaml", "part-09.yaml"]),
    ]


def _copy_definition(source: Path, target: Path) -> None:
    """The first definition of ``target`` replaced by the first of ``source``."""
    copied = next(line for line in source.read_text().splitlines(keepends=True) if "definition:" in line)
    lines = target.read_text().splitlines(keepends=True)
    lines[next(i for i, line in enumerate(lines) if "definition:" in line)] = copied
    target.write_text("".join(lines))


@pytest.mark.parametrize("in_git", [False, True], ids=["outside-git", "in-git"])
def test_a_generated_glossary(tmp_path, monkeypatch, in_git):
    glossary = tmp_path / "glossary"
    glossary.mkdir()
    generate(glossary)
    monkeypatch.chdir(glossary)
    if in_git:
        git(glossary, "init", "-q")
        (glossary / ".gitignore").write_text(".gloss-lint-cache/\n")
        commit(glossary, "the glossary")
    caused = set()
    for change, named in _changes(glossary):
        change()
        findings = assert_as_separately(glossary, *named)
        caused |= {f.rule for f in findings if f.path not in named}
    # the changes broke something elsewhere, of each kind the shared work must recompute (outside
    # git, the glossary before had not got the named files: what they break was broken already)
    assert {"facts.year", "style.duplicate-name", "style.near-duplicate"} <= caused
    assert not in_git or {"links.unresolved", "links.ambiguous"} <= caused


@pytest.mark.parametrize("folder", ["glossary", "links", "style/duplicates", "facts-eval"])
def test_fixtures(folder, tmp_path, monkeypatch):
    copy = tmp_path / "fixture"
    shutil.copytree(FIXTURES / folder, copy)
    monkeypatch.chdir(copy)
    files = sorted(p for p in copy.rglob("*") if p.is_file() and p.suffix in (".yaml", ".yml", ".md", ".json"))
    assert files
    for path in files[:3]:
        named = path.relative_to(copy).as_posix()
        path.write_text(path.read_text() + "\n")  # changed: outside git, compared with its absence
        assert_as_separately(copy, named)
    files[0].unlink()
    assert_as_separately(copy, files[0].relative_to(copy).as_posix(), files[1].relative_to(copy).as_posix())
