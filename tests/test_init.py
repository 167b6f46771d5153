"""``gloss-lint init``: on each real glossary it writes a config with which ``check`` finds the
same entries and links as the shipped profile; on a Jekyll-style glossary whose related terms
are file slugs it resolves them by file; it never overwrites a config without being asked."""

from __future__ import annotations

import json
import re
import shutil
import tomllib
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES, needs_shared

from gloss_lint.cli import _registry
from gloss_lint.config import load_settings
from gloss_lint.engine import Context, lint
from gloss_lint.rules.links import link_graph as graph

LAYOUTS = FIXTURES / "layouts"

# folder under ../shared, the hand-written profile for it
GLOSSARIES = [
    (("corpora", "k8s-glossary"), "kubernetes"),
    (("corpora", "mdn-glossary"), "mdn"),
    (("corpora", "glosario"), "glosario"),
    (("corpora", "sss-ai-glossary"), "sss"),
    (("corpora", "18f-glossary"), "18f"),
    (("corpora", "hf-transformers-glossary"), "markdown-headings"),
    (("corpora", "sphinx-doc"), "sphinx"),
    (("seeds",), "page"),
]


def _links(folder: Path, monkeypatch, **options) -> tuple[int, list[tuple]]:
    """Entries linted, and every link (file, syntax, target, resolved) of a check run in ``folder``."""
    monkeypatch.chdir(folder)
    registry = _registry(None)
    settings = load_settings(registry, cwd=folder, select=["links"], **options)
    result = lint(settings, registry, cwd=folder)
    links = graph(Context(result.corpus, settings)).links
    return len(result.corpus.linted), sorted((link.entry.file.path, link.syntax, link.target, bool(r.entries))
                                             for link, r in links)


@pytest.mark.parametrize("where, profile", GLOSSARIES, ids=[g[0][-1] for g in GLOSSARIES])
def test_init_config_finds_what_the_shipped_profile_finds(tmp_path, run, run_json, monkeypatch, where, profile):
    _init_finds_what_the_profile_finds(tmp_path, needs_shared(*where), profile, run, run_json, monkeypatch)


@pytest.mark.parametrize("name, profile", [("headings", "markdown-headings"), ("pages", "page")])
def test_init_recognises_the_prose_fixtures(tmp_path, run, run_json, monkeypatch, name, profile):
    """One Markdown file of '###' terms, and scraped pages: what init makes of the project's own."""
    _init_finds_what_the_profile_finds(tmp_path, FIXTURES / name, profile, run, run_json, monkeypatch)


def _init_finds_what_the_profile_finds(tmp_path, source: Path, profile: str, run, run_json, monkeypatch):
    folder = tmp_path / source.name
    shutil.copytree(source, folder)
    entries, links = _links(folder, monkeypatch, paths=[str(folder)], profile=profile)
    _, by_hand = run_json(folder, "--profile", profile, cwd=folder)

    code, out, err = run("init", folder, cwd=tmp_path)
    assert code == 0, err
    config = tomllib.loads((folder / ".gloss-lint.toml").read_text())
    assert config["profile"] == profile
    assert f"entries: {entries}\n" in out

    assert _links(folder, monkeypatch) == (entries, links)
    _, by_init = run_json(cwd=folder)
    assert by_init["summary"]["entries"] == by_hand["summary"]["entries"] == entries > 0
    assert [f for f in by_init["findings"] if f["rule"].startswith("links.")] == \
           [f for f in by_hand["findings"] if f["rule"].startswith("links.")]


def test_jekyll_related_terms_are_file_slugs(tmp_path, run, run_json):
    folder = tmp_path / "jekyll"
    shutil.copytree(LAYOUTS / "jekyll", folder)
    code, out, _ = run("init", folder, cwd=tmp_path)
    assert code == 0
    profile = tomllib.loads((folder / ".gloss-lint.toml").read_text())["profiles"]["glossary"]
    assert profile["related"] == {"resolve": "file", "path": "{target}.md"}
    assert profile["fields"]["title"] == "term" and profile["id"] == {"from": "file"}
    assert {"syntax": "root", "prefix": "/glossary/"} in profile["links"]

    # What is broken, found here from the files: a related slug or a /glossary/ link with no file.
    terms = folder / "_glossary"
    broken = []
    for page in terms.glob("*.md"):
        text = page.read_text()
        slugs = re.search(r"^related_terms: \[(.*)\]$", text, re.M).group(1).split(", ")
        slugs += re.findall(r"\]\(/glossary/([^/)]+)/\)", text)
        broken += [(page.name, slug) for slug in slugs if not (terms / f"{slug}.md").exists()]
    assert len(broken) == 4

    _, report = run_json(cwd=folder)
    unresolved = [(Path(f["path"]).name, re.search(r"'([^']+)'", f["message"]).group(1))
                  for f in report["findings"] if f["rule"] == "links.unresolved"]
    assert sorted(unresolved) == sorted(broken)
    assert {f["rule"] for f in report["findings"]} == {"links.unresolved"}  # no inexact, no schema noise


def test_root_relative_and_reference_links_under_their_prefix(tmp_path, run, run_json):
    folder = tmp_path / "site"
    shutil.copytree(LAYOUTS / "hugo-root", folder)
    assert run("init", folder, cwd=tmp_path)[0] == 0
    profile = tomllib.loads((folder / ".gloss-lint.toml").read_text())["profiles"]["glossary"]
    assert {"syntax": "root", "prefix": "/terms/"} in profile["links"]
    assert {"syntax": "reference", "prefix": "/terms/"} in profile["links"]
    _, report = run_json(cwd=folder)
    # /terms/vocabulary/ has no page; /docs/install/ is another part of the site, not a term
    assert [(Path(f["path"]).name, f["rule"], f["line"]) for f in report["findings"]] == \
           [("tokenizer.md", "links.unresolved", 6)]


# ---------------------------------------------------------------- writing the config

def test_dry_run_prints_the_config_and_writes_nothing(tmp_path, run):
    folder = tmp_path / "jekyll"
    shutil.copytree(LAYOUTS / "jekyll", folder)
    code, out, _ = run("init", "--dry-run", folder, cwd=tmp_path)
    assert code == 0 and not (folder / ".gloss-lint.toml").exists()
    config = tomllib.loads(out.split("(not written: --dry-run)\n", 1)[1])
    assert config["paths"] == ["_glossary"] and config["profile"] == "glossary"


def test_an_existing_config_is_not_overwritten_without_yes(tmp_path, run):
    folder = tmp_path / "jekyll"
    shutil.copytree(LAYOUTS / "jekyll", folder)
    (folder / ".gloss-lint.toml").write_text('profile = "native"\n')
    code, _, err = run("init", folder, cwd=tmp_path)
    assert code == 2 and "--yes" in err
    assert (folder / ".gloss-lint.toml").read_text() == 'profile = "native"\n'
    assert run("init", "--yes", folder, cwd=tmp_path)[0] == 0
    assert tomllib.loads((folder / ".gloss-lint.toml").read_text())["profile"] == "glossary"


def test_pyproject_gets_the_table_only_when_asked(tmp_path, run, run_json):
    folder = tmp_path / "jekyll"
    shutil.copytree(LAYOUTS / "jekyll", folder)
    pyproject = folder / "pyproject.toml"
    pyproject.write_text('[project]\nname = "site"\n\n[tool.other]\nx = 1\n')
    assert run("init", folder, cwd=tmp_path)[0] == 0  # not a terminal, no --yes: its own file
    assert "gloss-lint" not in pyproject.read_text() and (folder / ".gloss-lint.toml").exists()

    (folder / ".gloss-lint.toml").unlink()
    assert run("init", "--yes", folder, cwd=tmp_path)[0] == 0
    data = tomllib.loads(pyproject.read_text())
    assert data["project"]["name"] == "site" and data["tool"]["other"] == {"x": 1}
    assert data["tool"]["gloss-lint"]["profile"] == "glossary"
    assert run("init", "--yes", folder, cwd=tmp_path)[0] == 0  # replaced, not written twice
    assert tomllib.loads(pyproject.read_text())["tool"]["gloss-lint"]["paths"] == ["_glossary"]
    _, report = run_json(cwd=folder)
    assert report["summary"]["entries"] == 10


def test_init_on_a_file_is_a_usage_error(tmp_path, run):
    (tmp_path / "a.md").write_text("x")
    code, _, err = run("init", tmp_path / "a.md", cwd=tmp_path)
    assert code == 2 and "not a folder" in err


def test_written_config_is_valid_toml_with_awkward_keys(tmp_path, run):
    folder = tmp_path / "g"
    (folder / "terms").mkdir(parents=True)
    for slug, title in (("a-b", 'Quote "A" \\ B'), ("c", "C"), ("d", "D")):
        (folder / "terms" / f"{slug}.md").write_text(
            f'---\ntitle: {json.dumps(title)}\n"see also": [c]\nsidebar_position: 2\n---\nSome text about it.\n')
    assert run("init", "--yes", folder, cwd=tmp_path)[0] == 0
    config = tomllib.loads((folder / ".gloss-lint.toml").read_text())
    assert "see also" in config["profiles"]["glossary"]["ignore"]


def test_docusaurus_relative_links_in_the_glossary_folder(tmp_path, run, run_json):
    folder = tmp_path / "site"
    shutil.copytree(LAYOUTS / "docusaurus", folder)
    assert run("init", folder, cwd=tmp_path)[0] == 0
    config = tomllib.loads((folder / ".gloss-lint.toml").read_text())
    assert config["paths"] == ["docs/glossary"]  # not the site's other pages
    terms = folder / "docs" / "glossary"
    broken = [(page.name, target) for page in sorted(terms.glob("*.md"))
              for target in re.findall(r"\]\(\./([^)]+)\)", page.read_text())
              if not (terms / f"{target}.md").exists()]
    _, report = run_json(cwd=folder)
    assert [(Path(f["path"]).name, re.search(r"'([^']+)'", f["message"]).group(1))
            for f in report["findings"]] == broken == [("sdk.md", "oauth")]


def test_a_data_file_of_entries_with_its_own_keys(tmp_path, run, run_json):
    folder = tmp_path / "site"
    shutil.copytree(LAYOUTS / "jekyll-data", folder)
    assert run("init", folder, cwd=tmp_path)[0] == 0
    profile = tomllib.loads((folder / ".gloss-lint.toml").read_text())["profiles"]["glossary"]
    assert profile["fields"]["name"] == "term" and profile["fields"]["abbr"] == {"to": "aliases", "list": True}
    items = yaml.safe_load((folder / "_data" / "glossary.yml").read_text())
    names = {item["name"].lower() for item in items} | {item.get("abbr", "").lower() for item in items}
    broken = [related for item in items for related in item["see_also"] if related.lower() not in names]
    _, report = run_json(cwd=folder)
    assert report["summary"]["entries"] == len(items)
    assert [re.search(r"'([^']+)'", f["message"]).group(1) for f in report["findings"]] == broken == ["Throughput"]
