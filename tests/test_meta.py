"""Every rule documents itself, and the README's rule table matches the registry."""

import re

from conftest import ROOT

from gloss_lint.cli import rule_table
from gloss_lint.model import Severity
from gloss_lint.registry import FAMILIES, load_registry


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


def test_readme_rule_table_matches_registry():
    readme = (ROOT / "README.md").read_text()
    table = re.search(r"<!-- rules:start -->\n(.*)<!-- rules:end -->", readme, re.S).group(1)
    assert table == rule_table(load_registry()), "run: python tools/update_readme.py"
