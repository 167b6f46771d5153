"""The native fixture glossary: exact findings, with lines."""

from conftest import FIXTURES


def test_fixture_glossary_schema_findings(run):
    code, out, err = run("check", "fixtures/glossary", "--select", "input,schema")
    assert code == 1
    assert out.splitlines() == [
        "fixtures/glossary/atlas-ai/embeddings.json:3:14: error schema.type aliases should be a list, not text",
        "fixtures/glossary/atlas-ai/embeddings.json:8:13: error schema.format sources[0].url should be a valid absolute URI (https://…), not 'www.example.org/embeddings'",
        "fixtures/glossary/atlas-ai/embeddings.json:8:88: error schema.format sources[0].accessed should be a date written YYYY-MM-DD, not '2024-02-30'",
        "",
        "fixtures/glossary/atlas-ai/fine-tuning.yaml:3:1: error schema.unknown-field unknown field 'defintion'; did you mean 'definition'?",
        "",
        "fixtures/glossary/briefly/glossary.yaml:11:5: error schema.required missing required field 'category'",
        "fixtures/glossary/briefly/glossary.yaml:23:13: error schema.enum status is 'aproved', expected one of draft, review, approved, deprecated; did you mean 'approved'?",
        "fixtures/glossary/briefly/glossary.yaml:27:17: error schema.empty definition is empty: fill it in (the schema requires it)",
        "",
        "fixtures/glossary/nimbus/prompt.md:1:1: error schema.required missing required field 'term'",
        "fixtures/glossary/nimbus/prompt.md:2:1: error schema.unknown-field unknown field 'title'",
        "",
        "9 findings (9 errors, 0 warnings, 0 info) in 7 files, 11 entries",
    ]


def test_a_null_or_blank_field_is_one_empty_finding(tmp_path, run):
    # 'description: null' (18F) is an unfinished field, not a field of the wrong type.
    (tmp_path / "t.yaml").write_text(
        "term: RAG\ncategory:\ndefinition: null\naliases: ''\nstatus: ~\nrelated: [' ']\n")
    code, out, err = run("check", ".", "--select", "schema", cwd=tmp_path)
    # 'remove the field' only where the schema does not require it (18F: a term's description).
    assert out.splitlines()[:-2] == [
        f"t.yaml:{line}:{column}: error schema.empty {field} is empty: fill it in {fix}"
        for line, column, field, fix in [(2, 10, "category", "(the schema requires it)"),
                                         (3, 13, "definition", "(the schema requires it)"),
                                         (4, 10, "aliases", "or remove the field"),
                                         (5, 9, "status", "or remove the field"),
                                         (6, 11, "related[0]", "or remove the field")]]


def test_an_empty_field_a_profile_requires_is_not_to_be_removed(tmp_path, run_json):
    # An 18F term needs its description; an acronym needs none, so there it may go.
    (tmp_path / "glossary.yml").write_text(
        "entries:\n  Tender:\n    type: term\n    description: null\n"
        "  TND:\n    type: acronym\n    term: Tender\n    description: ''\n")
    _, report = run_json(".", "--profile", "18f", "--select", "schema.empty", cwd=tmp_path)
    assert [(f["entry"], f["message"]) for f in report["findings"]] == [
        ("Tender", "description is empty: fill it in (the schema requires it)"),
        ("TND", "description is empty: fill it in or remove the field")]


def test_two_letter_keys_are_not_offered_as_did_you_mean(tmp_path, run_json):
    # Glosario: 'def' where a language code belongs; 'de' is no fix for it. 'slugs' still gets 'slug'.
    (tmp_path / "glossary.yml").write_text(
        "- slug: widget\n  en: {term: Widget, def: A small device.}\n  def: Misplaced.\n  slugs: x\n")
    _, report = run_json(".", "--profile", "glosario", "--select", "schema.unknown-field", cwd=tmp_path)
    assert [(f["line"], f["message"]) for f in report["findings"]] == [
        (3, "unknown field 'def'"), (4, "unknown field 'slugs'; did you mean 'slug'?")]
