"""Bad input: every kind is a located ``input.*`` finding, and the other files are still linted."""

import pytest

GOOD = "term: Transformer\ncategory: Architectures\ndefinition: A neural network architecture built on attention.\n"


def write_bad(tmp_path, name: str, content: bytes):
    (tmp_path / "good.yaml").write_text(GOOD)
    (tmp_path / "bad-entry.yaml").write_text("term: Attention\ncategory: Architectures\n")
    target = tmp_path / name
    target.write_bytes(content)
    return target


@pytest.mark.parametrize("name, content, rule, line, column", [
    ("broken.yaml", b"term: RAG\ndefinition: [unclosed\ncategory: x\n", "input.syntax", 3, 9),
    ("tabs.yaml", b"term: RAG\n\tdefinition: tab\n", "input.syntax", 2, 1),
    ("broken.json", b'{"term": "RAG",\n "definition": }\n', "input.syntax", 2, 16),
    ("front.md", b"---\nterm: RAG\ndefinition: [x\n---\nBody\n", "input.syntax", 4, 1),
    ("open.md", b"---\nterm: RAG\n", "input.syntax", 1, 1),
    ("latin1.yaml", "term: Caf\u00e9\ndefinition: x\n".encode("latin-1"), "input.encoding", 1, 10),
    ("image.yaml", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "input.binary", 1, 1),
    ("empty.yaml", b"   \n\n", "input.empty", 1, 1),
    ("strings.yaml", b"- Transformer\n- Attention\n", "input.not-an-entry", 1, 3),  # and 2:3
    ("scalar.json", b'"just text"', "input.not-an-entry", 1, 1),
    ("dupe.yaml", b"term: RAG\ncategory: x\ndefinition: One.\ndefinition: Two.\n", "input.duplicate-key", 4, 1),
])
def test_bad_input_is_a_located_finding_and_the_run_goes_on(tmp_path, run_json, name, content, rule, line, column):
    write_bad(tmp_path, name, content)
    code, report = run_json(".", cwd=tmp_path)
    found = [f for f in report["findings"] if f["path"] == name]
    assert [(f["rule"], f["line"], f["column"]) for f in found if f["rule"].startswith("input.")][:1] == [(rule, line, column)]
    # The other files were read and linted: the good entry and the incomplete one.
    assert any(f["path"] == "bad-entry.yaml" and f["rule"] == "schema.required" for f in report["findings"])
    assert report["summary"]["files"] == 3
    assert code == 1


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
    assert "python/object" in evil[0]["message"]


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
