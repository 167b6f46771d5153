"""Layouts documentation sites keep glossaries in: Sphinx glossaries referred to from every page,
terms used in documentation files outside the glossary (``uses``), entry ids from file names,
external terms, redirects files."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import needs_shared

from gloss_lint.cli import _registry
from gloss_lint.config import load_settings
from gloss_lint.engine import Context, lint
from gloss_lint.rules.links import link_graph as graph

# ---------------------------------------------------------------- Sphinx, counted a second way

_INLINE_LITERAL = re.compile(r"``(?=\S)(?:[^`\n]|`(?!`)|\n(?![ \t]*\n))+?``")  # within a paragraph
# '.. code-block:: x' and the indented lines (or blank lines) after it
_CODE_BLOCK = re.compile(r"^( *)\.\. (?:code-block|code|sourcecode)::.*\n(?:\1 +.*\n| *\n)*", re.M)
# a paragraph ending in '::', then the lines indented deeper than it: a literal block
_LITERAL = re.compile(r"^( *)(?!\.\. )\S[^\n]*::\n(?: *\n)+(?:\1 +.*\n| *\n)*", re.M)


def _recount(root: Path) -> tuple[int, int, list[str]]:
    """Glossary entries, names (terms and aliases) and term references, by regular expressions."""
    entries, references, names = 0, [], []
    for path in sorted(root.rglob("*.rst")):
        text = _LITERAL.sub("", _CODE_BLOCK.sub("", path.read_text()))
        for glossary in re.finditer(r"^( *)\.\. glossary::\n((?:\1 +.*\n| *\n)*)", text, re.M):
            block = re.sub(r"^ *:\w+:.*\n", "", glossary.group(2), flags=re.M)  # options
            indent = min(len(line) - len(line.lstrip()) for line in block.splitlines() if line.strip())
            terms = re.findall(rf"^ {{{indent}}}(\S.*)$", block, re.M)
            groups = re.findall(rf"(?:^ {{{indent}}}\S.*\n)+", block, re.M)  # consecutive term lines
            names += terms
            entries += len(groups)
        text = _INLINE_LITERAL.sub("", text)
        references += [re.sub(r"\s+", " ", m.group(1)).lower()
                       for m in re.finditer(r":term:`(?:[^`<]*<)?([^`<>]+)>?`", text)]
    return entries, len(names), references


def test_sphinx_glossary_and_references_recounted(run_json, monkeypatch):
    root = needs_shared("corpora", "sphinx-doc")
    entries, names, references = _recount(root)
    assert (entries, names, len(references)) == (13, 14, 50)

    monkeypatch.chdir(root)
    registry = _registry(None)
    settings = load_settings(registry, cwd=root, paths=[str(root)], profile="sphinx", select=["links"])
    result = lint(settings, registry, cwd=root)
    assert len(result.corpus.linted) == entries
    assert sum(1 + len(e.aliases) for e in result.corpus.linted) == names
    links = graph(Context(result.corpus, settings)).links
    assert sorted(re.sub(r"\s+", " ", link.target).lower() for link, _ in links) == sorted(references)
    known = {n.lower() for e in result.corpus.linted for n in (e.term, *e.aliases)}
    broken = sorted(r for r in references if r not in known)
    assert broken == [] and all(r.entries for _, r in links)
    code, report = run_json(root, "--profile", "sphinx", cwd=root)
    assert [f for f in report["findings"] if f["rule"].startswith(("links.", "input."))] == []


def _sphinx_tree(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    (docs / "guide").mkdir(parents=True)
    (docs / "glossary.rst").write_text(
        "Glossary\n========\n\n.. glossary::\n   :sorted:\n\n"
        "   builder\n   builders : B\n      A class that turns parsed documents into output, one\n"
        "      format each.\n\n"
        "      .. code-block:: rst\n\n         :term:`not a reference`\n\n"
        "      It reads the :term:`environment`.\n\n"
        "   environment\n      A store of what every document holds, kept between builds.\n")
    (docs / "guide" / "intro.rst").write_text(
        "Intro\n=====\n\nEach :term:`Builder` reads the :term:`saved state <environment>`, and a\n"
        ":term:`builders` list; :term:`mapping` is Python's; :term:`enviroment` is a typo.\n\n"
        "Example::\n\n   :term:`inside a literal block`\n\n"
        "Use ``:term:`name``` to refer to a term.\n\n"
        ".. glossary::\n\n   theme\n      The look of the built pages.\n")
    return docs


def test_sphinx_entries_references_and_external_terms(tmp_path, run_json):
    docs = _sphinx_tree(tmp_path)
    code, report = run_json(docs, "--profile", "sphinx", "--select", "links", cwd=tmp_path)
    found = [(f["path"], f["line"], f["column"], re.search(r"'([^']+)'", f["message"]).group(1))
             for f in report["findings"]]
    line = (docs / "guide" / "intro.rst").read_text().splitlines()[4]
    assert found == [("docs/guide/intro.rst", 5, line.find(":term:`mapping`") + 1, "mapping"),
                     ("docs/guide/intro.rst", 5, line.find(":term:`enviroment`") + 1, "enviroment")]
    assert report["summary"]["entries"] == 3  # builder (alias builders), environment, theme
    (tmp_path / ".gloss-lint.toml").write_text('profile = "sphinx"\nexternal-terms = ["mapping"]\n')
    code, report = run_json(docs, "--select", "links", cwd=tmp_path)
    assert [f["message"] for f in report["findings"]] == [
        "link to 'enviroment' leads to no entry (no term, alias or id answers to it); did you mean 'environment'?"]


def test_sphinx_definition_prose_leaves_out_directives(tmp_path, monkeypatch):
    docs = _sphinx_tree(tmp_path)
    monkeypatch.chdir(tmp_path)
    registry = _registry(None)
    settings = load_settings(registry, cwd=tmp_path, paths=[str(docs)], profile="sphinx")
    entries = {e.term: e for e in lint(settings, registry, cwd=tmp_path).corpus.linted}
    builder = entries["builder"]
    assert builder.aliases == ["builders"]  # the index key ': B' is not part of the name
    assert " ".join(builder.text("definition").split()) == \
        "A class that turns parsed documents into output, one format each."
    assert builder.file.position(builder.spans[("definition",)].start) == (9, 7)
    assert " ".join(builder.text("body").split()) == "It reads the :term:`environment`."
    assert builder.file.position(builder.spans[("aliases", 0)].start) == (8, 4)


# ---------------------------------------------------------------- uses: terms outside the glossary

def test_native_terms_used_in_documentation_files(tmp_path, run_json):
    (tmp_path / "glossary").mkdir()
    (tmp_path / "docs" / "deep").mkdir(parents=True)
    (tmp_path / "glossary" / "terms.yaml").write_text(
        "- term: Embedding\n  category: Concepts\n  definition: A list of numbers that stands for a text.\n"
        "- term: Token\n  category: Concepts\n  definition: A piece of text a model reads as one unit.\n")
    (tmp_path / "docs" / "guide.md").write_text(
        "# Guide\n\nEvery [[Token]] gets an [[embedding|Embedding vector]]. This sentence is very long and "
        "written with no care at all, utilize it, a [[Tokenizer]] splits it.\n\n"
        "```\n[[Not a link]]\n```\n\n[An anchor](#setup) and [a page](other.md) are the page's own.\n")
    (tmp_path / "docs" / "deep" / "more.md").write_text("---\ntitle: More\n---\nSee [[Tokens]].\n")
    (tmp_path / ".gloss-lint.toml").write_text(
        'paths = ["glossary"]\nprofile = "mine"\n[profiles.mine]\nextends = "native"\n'
        'uses = ["docs/**/*.md"]\n')
    code, report = run_json(cwd=tmp_path)
    found = [(f["path"], f["line"], f["rule"], f["message"].split(" leads")[0]) for f in report["findings"]]
    assert found == [("docs/deep/more.md", 4, "links.unresolved", "link to 'Tokens'"),
                     ("docs/guide.md", 3, "links.unresolved", "link to 'Tokenizer'")]
    assert report["summary"]["entries"] == 2
    assert code == 1


def test_id_from_file_and_related_by_file(tmp_path, run_json):
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "k-means.md").write_text("---\ntitle: K-Means Clustering\nsee: [pca, lda]\n---\nA method that groups points around k moving centres.\n")
    (tmp_path / "t" / "pca.md").write_text("---\ntitle: Principal Component Analysis\nsee: [k-means]\n---\nA method that finds the axes along which data varies most.\n")
    (tmp_path / ".gloss-lint.toml").write_text(
        'profile = "s"\n[profiles.s]\nextends = "native"\nfields = { title = "term", see = { to = "related", list = true } }\n'
        'id = { from = "file" }\nrelated = { resolve = "file", path = "{target}.md" }\n'
        'schema = "uncategorised.schema.json"\nschema-reads = "native"\n')
    code, report = run_json(tmp_path / "t", cwd=tmp_path)
    assert [(Path(f["path"]).name, f["rule"], f["message"]) for f in report["findings"]] == [
        ("k-means.md", "links.unresolved",
         "related term 'lda' leads to no entry (no entry file 'lda.md' beside this one)")]


def test_a_redirects_file_is_never_an_entry(tmp_path, run_json):
    root = needs_shared("corpora", "mdn-glossary", "files", "en-us")
    redirects = root / "_redirects.glossary.txt"
    page = root / "glossary" / "ajax" / "index.md"
    code, report = run_json(page, redirects, "--profile", "mdn", "--select", "input", cwd=tmp_path)
    assert report["summary"]["entries"] == 1 and report["findings"] == []
