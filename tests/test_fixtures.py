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
        "fixtures/glossary/briefly/glossary.yaml:27:17: error schema.empty definition is empty",
        "",
        "fixtures/glossary/nimbus/prompt.md:1:1: error schema.required missing required field 'term'",
        "fixtures/glossary/nimbus/prompt.md:2:1: error schema.unknown-field unknown field 'title'",
        "",
        "9 findings (9 errors, 0 warnings, 0 info) in 7 files, 11 entries",
    ]
