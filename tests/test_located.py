"""Every value keeps its place: YAML, JSON and front-matter spans, and inline suppression."""

import pytest

from gloss_lint.model import SourceFile
from gloss_lint.read.located import parse_json, parse_yaml


def where(file, span):
    return file.position(span.start)


def test_yaml_spans_of_values_and_keys():
    file = SourceFile("t.yaml", "term: RAG\nsources:\n  - url: https://x.org\n    title: X\n")
    tree = parse_yaml(file)
    assert tree.value == {"term": "RAG", "sources": [{"url": "https://x.org", "title": "X"}]}
    assert where(file, tree.spans[("sources", 0, "url")]) == (3, 10)
    assert where(file, tree.key_spans[("sources", 0, "title")]) == (4, 5)


def test_yaml_dates_stay_text():
    file = SourceFile("t.yaml", "accessed: 2024-05-02\n")
    assert parse_yaml(file).value == {"accessed": "2024-05-02"}


def test_front_matter_offsets_are_file_lines():
    file = SourceFile("t.md", "---\nterm: RAG\ndefinition: x\n---\nbody\n")
    tree = parse_yaml(file, 4, file.text.index("---", 3))
    assert where(file, tree.spans[("definition",)]) == (3, 13)


def test_json_spans_with_unicode():
    file = SourceFile("t.json", '{"term": "Café",\n "aliases": ["é", "x"]}')
    tree = parse_json(file)
    assert tree.value == {"term": "Café", "aliases": ["é", "x"]}
    assert where(file, tree.spans[("aliases", 1)]) == (2, 19)
    assert where(file, tree.key_spans[("aliases",)]) == (2, 2)


def test_suppression_comment_scopes_to_its_entry(tmp_path, run_json):
    (tmp_path / "g.yaml").write_text(
        "- term: A\n  definition: a\n  # gloss-lint: disable=schema.required\n"
        "- term: B\n  definition: b\n")
    (tmp_path / "c.md").write_text("---\nterm: C\n---\n<!-- gloss-lint: disable=schema -->\nC is c.\n")
    code, report = run_json(".", "--select", "schema", cwd=tmp_path)
    assert [(f["entry"], f["rule"]) for f in report["findings"]] == [("B", "schema.required")]


def test_suppression_comment_above_an_entry_goes_to_it(tmp_path, run_json):
    """docs/entries.md: a comment belongs to the entry it sits in, or (before or between entries) the next."""
    (tmp_path / "g.yaml").write_text(
        "# gloss-lint: disable=schema.required\n"   # before the first entry: the first
        "- term: A\n  definition: a\n"
        "- term: B\n  # gloss-lint: disable=schema.required\n  definition: b\n"  # inside B
        "- term: C\n  definition: c\n")
    code, report = run_json(".", "--select", "schema", cwd=tmp_path)
    assert [(f["entry"], f["rule"]) for f in report["findings"]] == [("C", "schema.required")]


def test_suppression_comment_between_entries_goes_to_the_next(tmp_path, run_json):
    (tmp_path / "g.yaml").write_text(
        "- term: A\n  definition: a\n# gloss-lint: disable=schema.required\n- term: B\n  definition: b\n")
    code, report = run_json(".", "--select", "schema", cwd=tmp_path)
    assert [(f["entry"], f["rule"]) for f in report["findings"]] == [("A", "schema.required")]


def test_needle_locates_text_inside_a_block(tmp_path):
    text = "term: X\ndefinition: |\n  first line\n  second [[Target]] here\n"
    file = SourceFile("t.yaml", text)
    from gloss_lint.model import Entry
    tree = parse_yaml(file)
    entry = Entry(file=file, fields=tree.value, span=tree.spans[()], spans=tree.spans, key_spans=tree.key_spans)
    assert file.position(entry.locate(("definition",), "[[Target]]").start) == (4, 10)
    # Not found: the whole value, whose text starts below the '|'.
    assert file.position(entry.locate(("definition",), "not there").start) == (3, 3)
    assert file.position(entry.locate(("definition",)).start) == (3, 3)


def test_a_needle_wrapped_in_a_folded_block_is_found(tmp_path):
    # The value reads "… in order to …"; the file breaks the line inside the phrase.
    text = "term: X\ndefinition: >\n  Tools used in order\n  to run it, in order to\n  stop it.\n"
    file = SourceFile("t.yaml", text)
    from gloss_lint.model import Entry
    tree = parse_yaml(file)
    entry = Entry(file=file, fields=tree.value, span=tree.spans[()], spans=tree.spans, key_spans=tree.key_spans)
    assert "in order to run" in entry.text("definition")
    found = entry.locate(("definition",), "in order to")
    assert (file.position(found.start), file.position(found.end)) == ((3, 14), (4, 5))
    assert file.position(entry.locate(("definition",), "in order to", occurrence=1).start) == (4, 14)


def test_a_needle_at_the_very_start_of_the_file_is_found():
    from gloss_lint.model import Entry, Span

    file = SourceFile("t.yaml", "term: X\ndefinition: A thing.\n")
    tree = parse_yaml(file)
    entry = Entry(file=file, fields=tree.value, span=tree.spans[()], spans=tree.spans, key_spans=tree.key_spans)
    assert entry.locate((), "term:") == Span(0, 5) and entry.locate((), "term: X") == Span(0, 7)
    assert entry.locate((), "definition") == Span(8, 18)


def test_lines_and_columns_are_offsets_both_ways():
    file = SourceFile("t.yaml", "ab\ncd\n\nef")
    for offset, place in ((0, (1, 1)), (1, (1, 2)), (3, (2, 1)), (4, (2, 2)), (7, (4, 1)), (8, (4, 2))):
        assert file.position(offset) == place and file.offset(*place) == offset
    assert file.offset(9, 1) == 7  # past the last line: the last line
    assert file.offset(0, 2) == 1  # before the first: the first


def test_an_entry_without_an_id_answers_to_its_terms_slug():
    from gloss_lint.model import Entry

    for text, names in (("term: Large language model\n", ["Large language model", "large-language-model"]),
                        ("term: Large language model\nid: llm\n", ["Large language model", "llm"])):
        file = SourceFile("t.yaml", text)
        tree = parse_yaml(file)
        entry = Entry(file=file, fields=tree.value, span=tree.spans[()], spans=tree.spans, key_spans=tree.key_spans)
        assert entry.names() == names


def test_a_problem_without_an_occurrence_is_at_the_first(tmp_path):
    from gloss_lint.engine import _finding
    from gloss_lint.model import Entry, Problem, Severity

    file = SourceFile("t.yaml", "term: X\ndefinition: A word and a word.\n")
    tree = parse_yaml(file)
    entry = Entry(file=file, fields=tree.value, span=tree.spans[()], spans=tree.spans, key_spans=tree.key_spans)
    found = _finding("style.test", Severity.WARNING, entry, Problem("m", ("definition",), "word"))
    assert (found.line, found.column, found.end_column) == (2, 15, 19)


def test_what_rules_yield_and_the_engine_builds_cannot_change(tmp_path):
    from dataclasses import FrozenInstanceError

    from gloss_lint.config import load_settings
    from gloss_lint.engine import lint
    from gloss_lint.model import Location, Problem, Related, RelatedLocation, Span
    from gloss_lint.registry import load_registry

    (tmp_path / "g.yaml").write_text("term: A\ncategory: C\ndefinition: Links [[Nowhere]] here.\n")
    registry = load_registry()
    (finding,) = lint(load_settings(registry, cwd=tmp_path, select=["links"]), registry, cwd=tmp_path).findings
    problem = Problem("m", related=(Related(None, "r"),))
    where = RelatedLocation(Location("g.yaml", 1, 1), "r")
    for value, name in ((finding, "line"), (finding, "end_line"), (problem, "needle"), (problem.related[0], "message"),
                        (where, "message"), (where.location, "line"), (Span(0, 1), "start")):
        with pytest.raises(FrozenInstanceError):
            setattr(value, name, None)
