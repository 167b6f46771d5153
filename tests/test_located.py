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


def _paths(value, path=()):
    yield path
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for step, item in items:
        yield from _paths(item, path + (step,))


def _written(file, tree) -> dict:
    """Each path's value and key as the file writes them, found through the tree's positions."""
    def text(span):
        return None if span is None else file.text[span.start:span.end]

    return {path: (text(tree.spans[path]), text(tree.key_spans.get(path))) for path in _paths(tree.value)}


def test_every_value_and_key_is_where_the_file_writes_it():
    """Positions are read from the order the parser met the nodes: through nesting, a key given
    twice (its last value, at its first place in the mapping), an alias (its anchor's text)."""
    text = ("entries:\n"
            "  - term: Alpha\n    related: [Beta, Gamma]\n    sources:\n      - url: u1\n        title: t1\n"
            "    term: Alphabet\n    definition: &d Letters in order\n"
            "  - term: Beta\n    definition: *d\n    notes: {a: 1, b: [x, y], a: [z]}\n    tags: [q]\n")
    file = SourceFile("t.yaml", text)
    tree = parse_yaml(file)
    written = _written(file, tree)
    assert written[("entries", 0, "term")] == ("Alphabet", "term")  # the last of the two
    assert written[("entries", 0, "sources", 0, "title")] == ("t1", "title")
    assert written[("entries", 1, "definition")] == ("&d Letters in order", "definition")  # the anchor's
    assert written[("entries", 1, "notes", "a")] == ("[z]", "a") and written[("entries", 1, "tags", 0)] == ("q", None)
    for path, (value, key) in written.items():
        scalar = tree.value
        for step in path:
            scalar = scalar[step]
        if not isinstance(scalar, (dict, list)):
            assert value.removeprefix("&d ") == str(scalar), path
        assert key == (path[-1] if path and isinstance(path[-1], str) else None), path
    entry = tree.subtree(("entries", 1))
    assert _written(file, entry) == {p[2:]: w for p, w in written.items() if p[:2] == ("entries", 1)}
    assert ("notes", "b", 2) not in entry.spans and entry.spans.get(("nothing",)) is None
    assert entry.key_spans.get(()) is None


def test_json_positions_through_a_key_given_twice():
    file = SourceFile("t.json", '{"term": "A", "x": {"y": [1, 2]}, "term": ["B", "C"], "z": "é"}')
    tree = parse_json(file)
    written = _written(file, tree)
    assert written[("term",)] == ('["B", "C"]', '"term"') and written[("term", 1)] == ('"C"', None)
    assert written[("x", "y", 1)] == ("2", None) and written[("z",)] == ('"é"', '"z"')
    assert list(tree.spans) == [(), ("term",), ("term", 0), ("term", 1), ("x",), ("x", "y"), ("x", "y", 0),
                                ("x", "y", 1), ("z",)]


def test_positions_survive_the_cache(tmp_path):
    """The cache pickles files as read: an entry's positions come back the same."""
    import pickle

    from gloss_lint.read.profiles import load_profile
    from gloss_lint.read.readers import read_file

    path = tmp_path / "g.yaml"
    path.write_text("- term: A\n  related: [B, C]\n  definition: a\n- term: B\n  definition: >\n    b\n    c\n")
    read = read_file(path, "g.yaml", load_profile("native"))
    again = pickle.loads(pickle.dumps(read))
    for before, after in zip(read.entries, again.entries, strict=True):
        for name in ("spans", "key_spans", "raw_spans", "raw_key_spans"):
            assert dict(getattr(after, name).items()) == dict(getattr(before, name).items()), name
        assert after.locate(("related", 1)) == before.locate(("related", 1))
    assert read.entries[1].file.text[read.entries[1].spans[("definition",)].start:][:3] == "b\n "


def test_positions_in_long_lists_and_mappings():
    """A file's entries are a long list (or mapping): where each item starts is counted once."""
    items = ", ".join(f'"k{i}": [{i}, {{"v": "w{i}"}}]' for i in range(40))
    file = SourceFile("t.json", f'{{"many": [{", ".join(map(str, range(40)))}], {items}}}')
    tree = parse_json(file)
    written = _written(file, tree)
    assert written[("many", 37)] == ("37", None) and written[("k33",)] == ('[33, {"v": "w33"}]', '"k33"')
    assert written[("k39", 1, "v")] == ('"w39"', '"v"') and tree.subtree(("k21",)).spans[(1, "v")] == tree.spans[("k21", 1, "v")]
