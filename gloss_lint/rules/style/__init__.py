"""``style.*``: wording rules as data (``data``: the YAML rule files, the shipped ones and a
user's own) and the rules written in Python (``rules``: circular definitions, duplicates)."""

from gloss_lint.rules.style.data import configured_rules

__all__ = ["configured_rules"]
