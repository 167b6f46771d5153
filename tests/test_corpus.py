"""The corpus index: terms, ids and aliases meet whatever their case and separators."""

from gloss_lint.config import load_settings
from gloss_lint.engine import lint
from gloss_lint.registry import load_registry


def test_lookup_ignores_case_spaces_hyphens_and_underscores(tmp_path):
    (tmp_path / "g.yaml").write_text(
        "- term: Fine-Tuning\n  definition: x\n- term: Large language model\n  id: llm\n  aliases: [LLM]\n"
        "  definition: y\n- term: C++\n  definition: z\n- term: C\n  definition: w\n")
    registry = load_registry()
    result = lint(load_settings(registry, cwd=tmp_path, paths=[str(tmp_path)], select=["schema"]), registry,
                  cwd=tmp_path)
    corpus = result.corpus
    for name in ("Fine-Tuning", "fine tuning", "fine-tuning", "FINE_TUNING", "fine  tuning"):
        assert [e.term for e in corpus.lookup(name)] == ["Fine-Tuning"], name
    assert [e.term for e in corpus.lookup("llm")] == ["Large language model"]
    assert [e.term for e in corpus.lookup("large-language-model")] == ["Large language model"]
    assert [e.term for e in corpus.lookup("c++")] == ["C++"]  # punctuation that carries meaning stays
    assert corpus.lookup("finetuning") == []


def test_option_types_are_checked_when_config_loads(tmp_path, run):
    from gloss_lint.registry import load_registry as load

    with_options = [r for r in load().values() if r.options]
    if not with_options:
        import pytest
        pytest.skip("no rule declares options yet")
    rule = with_options[0]
    name, default = next(iter(rule.options.items()))
    wrong = "'text'" if not isinstance(default, str) else "3"
    (tmp_path / ".gloss-lint.toml").write_text(f'[rules."{rule.id}"]\n{name} = {wrong}\n')
    (tmp_path / "t.yaml").write_text("term: X\n")
    code, _, err = run("check", ".", cwd=tmp_path)
    assert code == 2 and f"rules.{rule.id}.{name}: expected" in err
