"""Bad input: every kind is a located ``input.*`` finding, and the other files are still linted."""

import pytest

GOOD = "term: Transformer\ncategory: Architectures\ndefinition: A neural network architecture built on attention.\n"


def write_bad(tmp_path, name: str, content: bytes):
    (tmp_path / "good.yaml").write_text(GOOD)
    (tmp_path / "bad-entry.yaml").write_text("term: Attention\ncategory: Architectures\n")
    target = tmp_path / name
    target.write_bytes(content)
    return target


def _alias_chain(depth: int) -> bytes:
    """Each list holds the one before it, by alias: nesting that no bracket shows."""
    lines = ["a0: &a0 [x]"] + [f"a{i}: &a{i} [*a{i - 1}]" for i in range(1, depth)]
    return ("\n".join(lines) + "\nterm: Deep\ndefinition: x\n").encode()


# Every input.* finding of the bad file, in order: (rule, line, column, how the message starts:
# all of it where the words are gloss-lint's, its prefix where a parser's words follow).
@pytest.mark.parametrize("name, content, expected", [
    ("broken.yaml", b"term: RAG\ndefinition: [unclosed\ncategory: x\n", [("input.syntax", 3, 9, "invalid YAML: ")]),
    ("tabs.yaml", b"term: RAG\n\tdefinition: tab\n", [("input.syntax", 2, 1, "invalid YAML: ")]),
    ("front.md", b"---\nterm: RAG\ndefinition: [x\n---\nBody\n", [("input.syntax", 4, 1, "invalid YAML: ")]),
    ("open.md", b"---\nterm: RAG\n", [("input.syntax", 1, 1, "front matter opened with '---' is never closed")]),
    ("latin1.yaml", "term: Caf\u00e9\ndefinition: x\n".encode("latin-1"), [("input.encoding", 1, 10, "file is not UTF-8 (byte 0xe9); save it as UTF-8")]),
    ("image.yaml", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", [("input.binary", 1, 1, "file is binary, not text")]),
    ("empty.yaml", b"   \n\n", [("input.empty", 1, 1, "file is empty")]),
    ("strings.yaml", b"- Transformer\n- Attention\n",
     [("input.not-an-entry", line, 3, "expected an entry (a mapping with term, definition …), found text")
      for line in (1, 2)]),
    ("dupe.yaml", b"term: RAG\ncategory: x\ndefinition: One.\ndefinition: Two.\n",
     [("input.duplicate-key", 4, 1, "key 'definition' appears twice in the same mapping; only the last value is kept")]),
    ("alias-chain.yaml", _alias_chain(600), [("input.syntax", 1, 10, "invalid YAML: nested too deeply")]),
    ("key.yaml", b"term: RAG\ndefinition: x\n? [a, b]\n: y\n",
     [("input.syntax", 3, 3, "a mapping key must be a plain value, not a list or mapping")]),
    # The JSON reader is gloss-lint's own: each way a document can break.
    ("scalar.json", b'"just text"', [("input.not-an-entry", 1, 1,
                                       "file holds a single value, not an entry, a list of entries or an 'entries:' list")]),
    ("broken.json", b'{"term": "RAG",\n "definition": }\n', [("input.syntax", 2, 16, "invalid JSON: expected a value")]),
    ("deep.json", b'{"term": "X", "extra": ' + b"[" * 600 + b"]" * 600 + b"}",
     [("input.syntax", 1, 524, "invalid JSON: nested too deeply")]),
    ("dupe.json", b'{"term": "RAG", "category": "x", "definition": "y", "term": "RAG"}',
     [("input.duplicate-key", 1, 53, "key 'term' appears twice in the same mapping; only the last value is kept")]),
    ("key.json", b'{"term": "X", definition: "y"}', [("input.syntax", 1, 15, "invalid JSON: expected a quoted key")]),
    ("colon.json", b'{"term" "X"}', [("input.syntax", 1, 9, "invalid JSON: expected ':' after a key")]),
    ("comma.json", b'{"term": "X" "definition": "y"}', [("input.syntax", 1, 14, "invalid JSON: expected ',' or '}'")]),
    ("list.json", b'{"term": "X", "aliases": ["a" "b"]}', [("input.syntax", 1, 31, "invalid JSON: expected ',' or ']'")]),
    ("escape.json", b'{"term": "X\\q"}', [("input.syntax", 1, 12, "invalid JSON: ")]),
    ("open.json", b'{"term": "X', [("input.syntax", 1, 10, "invalid JSON: ")]),
    ("literal.json", b'{"term": "X", "definition": tru}', [("input.syntax", 1, 29, "invalid JSON: expected a value")]),
    ("extra.json", b'{"term": "X"} {"term": "Y"}', [("input.syntax", 1, 15, "invalid JSON: extra data after the document")]),
])
def test_bad_input_is_a_located_finding_and_the_run_goes_on(tmp_path, run_json, name, content, expected):
    write_bad(tmp_path, name, content)
    code, report = run_json(".", cwd=tmp_path)
    found = [(f["rule"], f["line"], f["column"], f["message"]) for f in report["findings"]
             if f["path"] == name and f["rule"].startswith("input.")]
    assert [(r, line, c, m[:len(start)]) for (r, line, c, m), (*_, start) in zip(found, expected)] == expected \
        and len(found) == len(expected), found
    # The other files were read and linted: the good entry and the incomplete one.
    assert any(f["path"] == "bad-entry.yaml" and f["rule"] == "schema.required" for f in report["findings"])
    assert report["summary"]["files"] == 3
    assert code == 1


def test_json_values_of_every_kind_are_read():
    from gloss_lint.model import SourceFile
    from gloss_lint.read.located import parse_json

    tree = parse_json(SourceFile("t.json", '{"a": true, "b": false, "c": null, "d": -1.5e3, "e": 12, "f": [],\n'
                                           ' "g": {}, "h": "\\u00e9"}'))
    assert tree.value == {"a": True, "b": False, "c": None, "d": -1500.0, "e": 12, "f": [], "g": {}, "h": "é"}
    assert type(tree.value["e"]) is int and tree.spans[("g",)] == tree.spans[("g",)].__class__(72, 74)


def test_too_large_file_is_reported_not_read(tmp_path, run_json):
    (tmp_path / ".gloss-lint.toml").write_text("max-file-size = 200\n")
    write_bad(tmp_path, "huge.yaml", b"term: Big\ndefinition: " + b"x" * 500 + b"\n")
    code, report = run_json(".", cwd=tmp_path)
    huge = [f for f in report["findings"] if f["path"] == "huge.yaml"]
    assert [(f["rule"], f["line"]) for f in huge] == [("input.too-large", 1)]
    assert "over the 200-byte limit" in huge[0]["message"]
    assert report["summary"]["entries"] == 2


def test_alias_bomb_is_bounded(tmp_path, run_json):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [*a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}]"
              for i in range(1, 9)]
    lines += ["term: Bomb", "definition: *a8"]
    write_bad(tmp_path, "bomb.yaml", "\n".join(lines).encode())
    code, report = run_json(".", cwd=tmp_path)
    bomb = [f for f in report["findings"] if f["path"] == "bomb.yaml"]
    assert bomb and bomb[0]["rule"] == "input.syntax" and "alias bomb" in bomb[0]["message"]


def _block_nesting(depth: int) -> bytes:
    return "".join(" " * level + "- \n" for level in range(depth)).encode()


@pytest.mark.parametrize("name, content, line", [
    ("flow.yaml", b"term: Deep\ndefinition: x\nextra: " + b"[" * 600 + b"]" * 600 + b"\n", 3),
    ("block.yaml", b"term: Deep\ndefinition: x\nextra:\n" + _block_nesting(1200), 503),
    ("front.md", b"---\nterm: Deep\nextra: " + b"{a: " * 600 + b"}" * 600 + b"\n---\nBody.\n", 3),
    ("front-block.md", b"---\nterm: Deep\nextra:\n" + _block_nesting(1200) + b"---\nBody.\n", 503),
    ("huge-flow.yaml", b"extra: " + b"[" * 100_000 + b"\n", 1),  # deeper than the C stack takes
])
def test_deep_nesting_is_a_syntax_finding_not_a_crash(tmp_path, run_json, name, content, line):
    write_bad(tmp_path, name, content)
    code, report = run_json(".", cwd=tmp_path)
    deep = [f for f in report["findings"] if f["path"] == name]
    assert [(f["rule"], f["line"], f["message"]) for f in deep] == [
        ("input.syntax", line, "invalid YAML: nested too deeply")]
    assert any(f["path"] == "bad-entry.yaml" and f["rule"] == "schema.required" for f in report["findings"])
    assert report["summary"]["files"] == 3


def test_nesting_up_to_the_limit_is_read(tmp_path, run_json):
    # The same limit as JSON's: 500 levels below the entry.
    write_bad(tmp_path, "deep.yaml", b"term: Deep\ndefinition: x\nextra: " + b"[" * 499 + b"]" * 499 + b"\n")
    code, report = run_json(".", cwd=tmp_path)
    deep = [f["rule"] for f in report["findings"] if f["path"] == "deep.yaml"]
    assert "input.syntax" not in deep and "schema.unknown-field" in deep


def test_yaml_objects_are_not_constructed(tmp_path, run_json):
    write_bad(tmp_path, "evil.yaml", b"term: !!python/object/apply:os.system ['echo pwned']\ndefinition: x\n")
    code, report = run_json(".", cwd=tmp_path)
    evil = [f for f in report["findings"] if f["path"] == "evil.yaml"]
    assert [f["rule"] for f in evil] == ["input.syntax"]
    assert evil[0]["line"] == 1 and evil[0]["message"].startswith("unsupported YAML tag ")


def test_non_glossary_yaml_and_markdown_are_skipped(tmp_path, run_json):
    (tmp_path / "mkdocs-like.yml").write_text("site_name: Docs\nnav: [index.md]\n")
    (tmp_path / "notes.md").write_text("# Notes\n\nNo front matter here.\n")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.yaml").write_text("term: Hidden\n")
    (tmp_path / "good.yaml").write_text(GOOD)
    code, report = run_json(".", cwd=tmp_path)
    assert code == 0
    assert report["summary"]["entries"] == 1
    assert report["findings"] == []
