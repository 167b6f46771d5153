"""Prose documents read as entries: a Markdown glossary with one heading per term
(markdown-headings) and scraped web pages (page), on the project's own fixtures.

The terms, lines and links are counted again here from the files' text, without the reader.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import FIXTURES

from gloss_lint.cli import main

HEADINGS = FIXTURES / "headings"
PAGES = FIXTURES / "pages"


def _page_data(tmp_path: Path, *argv: str) -> dict:
    """The data the HTML report carries: entries as [file, line, term, source, definition,
    linted] and the link graph (count, incoming links, orphans)."""
    out = tmp_path / "report.html"
    assert main(["report", *map(str, argv), "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    return json.loads(page.partition('<script type="application/json" id="data">')[2].partition("</script>")[0])


def _outside_code(text: str) -> str:
    """The text without fenced code and HTML comments, line count kept."""
    blank = lambda m: "\n" * m.group().count("\n")  # noqa: E731
    text = re.sub(r"^(```|~~~).*?^\1", blank, text, flags=re.M | re.S)
    return re.sub(r"<!--.*?-->", blank, text, flags=re.S)


# ---------------------------------------------------------------- one heading per term

def test_headings_glossary_findings_through_the_cli(run_json):
    code, report = run_json(HEADINGS, "--profile", "markdown-headings", "--select", "links,links.orphan")
    found = [(f["rule"], f["line"], f["column"], f["entry"]) for f in report["findings"]]
    assert found == [
        ("links.unresolved", 38, 3, "padding"),    # [pad token](#pad-token): no such heading
        ("links.syntax", 38, 47, "padding"),       # [token] (#token)
        ("links.orphan", 45, 5, "pipeline()"),     # no link leads to it
    ]
    messages = [f["message"] for f in report["findings"]]
    assert "'pad-token'" in messages[0] and "did you mean" not in messages[0]
    assert "'[token] (#token)'" in messages[1] and "write [text](#target)" in messages[1]
    assert "'pipeline()'" in messages[2]
    assert report["summary"]["entries"] == 6 and code == 1


def test_headings_terms_lines_and_links_counted_again(tmp_path):
    text = (HEADINGS / "glossary.md").read_text()
    plain = _outside_code(text)
    headings = [(n, m.group(1)) for n, line in enumerate(plain.split("\n"), 1)
                for m in [re.match(r"### (.+)$", line)] if m]
    anchors = re.findall(r"\]\(#([^)\s]+)\)", plain)
    data = _page_data(tmp_path, HEADINGS, "--profile", "markdown-headings")
    terms = [(line, term) for _, line, term, *_ in data["entries"]]
    assert terms == [(n, re.sub(r" \((AR|MLM)\)$", "", title)) for n, title in headings]
    assert [n for n, _ in terms] == [8, 18, 24, 35, 45, 51]  # not the '###' in code or a comment
    assert data["links"]["count"] == len(anchors) == 6
    names = [term for _, term in terms]
    incoming = {names[to]: sorted(names[f] for f in froms) for to, froms in data["links"]["in"]}
    assert incoming == {"attention mask": ["padding"],  # (#Attention-Mask): anchors ignore case
                        "autoregressive model": ["masked language modeling"],
                        "masked language modeling": ["autoregressive model"],
                        "padding": ["attention mask"], "token": ["attention mask"]}
    assert [names[i] for i in data["links"]["orphans"]] == ["pipeline()"]
    definitions = {term: definition for _, _, term, _, definition, _ in data["entries"]}
    assert definitions["attention mask"].startswith("The attention mask tells") and "Without" not in \
        definitions["attention mask"]  # the first paragraph only


def test_headings_alias_in_parentheses_and_body():
    from gloss_lint.read.profiles import load_profile
    from gloss_lint.read.readers import read_file

    path = HEADINGS / "glossary.md"
    entries = {e.term: e for e in read_file(path, str(path), load_profile("markdown-headings")).entries}
    ar = entries["autoregressive model"]
    assert (ar.id, ar.aliases) == ("autoregressive-model-ar", ["AR"])
    assert ar.file.position(ar.spans[("aliases", 0)].start) == (18, 27)
    assert ar.text("term") == "autoregressive model"
    assert entries["pipeline()"].aliases == [] and entries["pipeline()"].id == "pipeline"  # '()' names nothing
    mask = entries["attention mask"].text("body")
    assert "#### Example" in mask and "2 rows and 5 columns" in mask  # a deeper heading stays in the entry
    assert "### a comment in code" in entries["masked language modeling"].text("body")
    assert "### retired term" in entries["padding"].text("body")
    assert not any("retired" in term or "fence" in term for term in entries)


def test_aliases_in_parentheses_can_be_switched_off(tmp_path):
    (tmp_path / ".gloss-lint.toml").write_text(
        'profile = "plain-headings"\n[profiles.plain-headings]\nextends = "markdown-headings"\n'
        'headings = {level = 3, aliases-in-parentheses = false}\n')
    data = _page_data(tmp_path, HEADINGS / "glossary.md", "--config", tmp_path / ".gloss-lint.toml")
    terms = [term for _, _, term, *_ in data["entries"]]
    assert "autoregressive model (AR)" in terms and "masked language modeling (MLM)" in terms
    assert "autoregressive model" not in terms
    assert data["links"]["count"] == 6 and len(data["links"]["in"]) == 5  # ids are the heading's slug all the same


# ---------------------------------------------------------------- scraped pages

def test_pages_through_the_cli(run_json):
    code, report = run_json(PAGES, "--profile", "page")
    found = [(Path(f["path"]).name, f["rule"], f["line"], f["column"]) for f in report["findings"]]
    # The call to action in the text is the entry's; the same kind of text in the footer
    # (after '---') and under 'Subscribe to our newsletter' is the site's, left out.
    assert found == [("vector-database.md", "style.promotional", 23, 1),
                     ("vector-database.md", "style.promotional", 23, 31)]
    assert ['"Need help with vector search?"' in report["findings"][0]["message"],
            '"Talk to our team"' in report["findings"][1]["message"]] == [True, True]
    assert {f["entry"] for f in report["findings"]} == {"Vector Database"}
    assert report["summary"]["entries"] == 2 and report["summary"]["files"] == 2 and code == 0  # warnings


def test_pages_terms_sources_and_related_links(tmp_path):
    data = _page_data(tmp_path, PAGES, "--profile", "page")
    files, sources = data["files"], data["sources"]
    entries = {files[f]: (line, term, sources[s], definition) for f, line, term, s, definition, _ in data["entries"]}
    assert entries["vector-database.md"] == (
        7, "Vector Database", "The Example Glossary",  # 'What are Vector Databases?'; 'Part of: …'
        "A vector database stores embeddings and finds the ones nearest to a query embedding.")
    assert entries["ontology.txt"][:3] == (3, "Ontology", "ontology")  # the first title the definition names
    assert entries["ontology.txt"][3].startswith("An ontology is a formal description")
    # Related terms: '- …' items under 'Related terms', name and description lines in plain text.
    md = (PAGES / "vector-database.md").read_text()
    txt = (PAGES / "ontology.txt").read_text()
    related = (re.findall(r"^- ", md.partition("## Related terms")[2].partition("##")[0], re.M)
               + txt.partition("Related Terms\n")[2].partition("Sources\n")[0].splitlines()[::2])
    assert data["links"]["count"] == len(related) == 4


def test_page_fields_labels_sections_and_furniture():
    from gloss_lint.read.profiles import load_profile
    from gloss_lint.read.readers import read_file

    profile = load_profile("page")
    path = PAGES / "vector-database.md"
    [vdb] = read_file(path, str(path), profile).entries
    assert vdb.fields["category"] == "Infrastructure"  # 'Category: …'
    assert vdb.file.position(vdb.spans[("category",)].start) == (11, 11)
    assert vdb.fields["related"] == ["Embedding", "Approximate nearest neighbour"]
    assert vdb.file.position(vdb.spans[("related", 1)].start) == (31, 3)
    assert vdb.fields["sources"] == [
        {"url": "https://example.org/glossary/vector-database"},  # 'Source: …'
        {"url": "https://arxiv.org/abs/1603.09320",
         "title": "Efficient and robust approximate nearest neighbor search"},
        {"url": "https://example.org/blog/vector-search"},  # the sentence's period is not the URL's
    ]
    body = vdb.text("body")
    assert body.startswith("It indexes the vectors") and "The index returns the nearest vectors." in body
    for furniture in ("Skip to", "Back to", "Search by meaning", "Example Corp", "AI Glossary"):
        assert furniture not in body and furniture not in vdb.text("definition")

    path = PAGES / "ontology.txt"
    [ontology] = read_file(path, str(path), profile).entries
    assert ontology.fields["related"] == ["Knowledge Graph", "Taxonomy"]
    assert ontology.fields["sources"] == [{"url": "https://www.w3.org/OWL/"}]  # a URL line is no title
    assert ontology.file.position(ontology.spans[("sources", 0)].start) == (15, 20)
    # What follows the definition in its section is the body; 'Key Takeaways' is skipped.
    assert ontology.text("body").startswith("Ontologies let programs share a vocabulary")
    assert "OWL." not in ontology.text("body") and "Get a new term" not in ontology.text("body")


def test_a_page_without_a_title_is_no_entry_and_one_without_prose_has_no_definition(tmp_path, run_json):
    (tmp_path / "banner.txt").write_text("we use cookies to improve your experience.\nthey help us a lot.\n")
    (tmp_path / "stub.txt").write_text("Knowledge Graph\nRelated Terms\nOntology\n")
    (tmp_path / "term.txt").write_text("Embedding\nAn embedding is a list of numbers that stands for a text.\n")
    code, report = run_json(tmp_path, "--profile", "page", "--select", "input,schema")
    assert (report["summary"]["files"], report["summary"]["entries"]) == (3, 2)
    assert [(f["path"][-8:], f["rule"], f["line"], f["column"], f["entry"]) for f in report["findings"]] == [
        ("stub.txt", "schema.required", 1, 1, "Knowledge Graph")]
    assert "'definition'" in report["findings"][0]["message"] and code == 1


@pytest.mark.parametrize("title, term", [
    ("What are Ontologies?", "Ontology"),
    ("What are Gaussian Processes?", "Gaussian Process"),
    ("What are Embeddings?", "Embedding"),
    ("What are Sentiment Analysis?", "Sentiment Analysis"),  # not a plural
    ("What is a Tokenizer?", "Tokenizer"),
])
def test_a_question_title_names_the_term(tmp_path, title, term):
    """'What are Ontologies?' is the page of 'Ontology': the term that links and facts group by."""
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary/page.md").write_text(f"# {title}\n\nThe {term.lower()} is what this page explains.\n")
    data = _page_data(tmp_path, tmp_path / "glossary", "--profile", "page")
    assert [(line, name) for _, line, name, *_ in data["entries"]] == [(1, term)]
