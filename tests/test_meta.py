"""Every rule documents itself, and docs/rules.md is what the registry generates."""

import dataclasses
import importlib.util
import re

import pytest

from conftest import ROOT

from gloss_lint.cli import rule_table
from gloss_lint.model import Severity
from gloss_lint.registry import FAMILIES, load_registry

_spec = importlib.util.spec_from_file_location("update_docs", ROOT / "tools" / "update_docs.py")
update_docs = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(update_docs)


def test_every_rule_is_documented():
    registry = load_registry()
    assert registry
    for rule_id, rule in registry.items():
        assert re.fullmatch(r"[a-z]+(\.[a-z0-9-]+)+", rule_id), rule_id
        assert rule.family in FAMILIES
        assert rule.summary and rule.summary.endswith(".") and "\n" not in rule.summary, rule_id
        assert rule.doc.strip() and rule.bad.strip() and rule.good.strip(), rule_id
        assert rule.bad != rule.good, rule_id
        assert isinstance(rule.severity, Severity)
        assert rule.scope in ("file", "entry", "corpus")
        assert (rule.check is None) == (rule.scope == "file"), rule_id


def test_a_rule_id_is_one_rule_of_a_known_family():
    """The registry refuses a second rule of one id and a family it does not know (the
    findings, the selectors and the docs all go by id and family)."""
    promotional = load_registry()["style.promotional"]
    with pytest.raises(ValueError, match="'style.promotional' is defined twice"):
        load_registry(extra=[promotional])
    with pytest.raises(ValueError, match="'grammar.promotional' is not in a known family"):
        load_registry(extra=[dataclasses.replace(promotional, id="grammar.promotional")])
    assert "style.mine" in load_registry(extra=[dataclasses.replace(promotional, id="style.mine")])


def test_rules_doc_is_generated_from_registry():
    registry = load_registry()
    rules_md = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert rules_md == update_docs.render(registry), "run: python tools/update_docs.py"
    for rule in registry.values():  # every rule, with its doc and both examples
        section = rules_md.split(f"### `{rule.id}`\n", 1)[1].split("\n### ", 1)[0]
        for text in (rule.summary, rule.doc.strip(), rule.bad.strip(), rule.good.strip()):
            assert text in section, rule.id
    assert rule_table(registry) in rules_md
