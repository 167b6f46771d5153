"""Rules: what each one is, and the registry of all of them.

A rule is a plain value. Its ``check`` is a generator:

- scope ``entry``: ``check(entry, ctx)`` yields ``Problem``s about that entry;
- scope ``corpus``: ``check(ctx)`` yields ``Problem``s, each naming its entry;
- scope ``file``: no check; readers report these (``input.*``).

Rule modules keep heavy imports (spaCy, textstat) inside their checks, so that
building the registry, listing rules or a run without those rules stays fast.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Callable, Iterable, Literal, Mapping

from gloss_lint.model import Severity

FAMILIES = ("input", "schema", "links", "facts", "readability", "style")

RULE_MODULES = (
    "gloss_lint.rules.input.rules",
    "gloss_lint.rules.schema.rules",
    "gloss_lint.rules.links.rules",
    "gloss_lint.rules.facts.rules",
    "gloss_lint.rules.readability.rules",
    "gloss_lint.rules.style.rules",
)


@dataclass(frozen=True)
class Rule:
    id: str
    summary: str
    severity: Severity
    scope: Literal["file", "entry", "corpus"]
    doc: str
    bad: str
    good: str
    check: Callable[..., Iterable[Any]] | None = None
    options: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    enabled: bool = True  # on unless the user's config turns it off
    # A corpus rule's work on each entry alone, which may be done ahead over parts of the
    # entries (in other processes, gloss_lint.parallel): ``ahead(entries, ctx)`` keeps what it
    # finds in ``ctx.kept`` tables, where the check then finds it.
    ahead: Callable[..., None] | None = None

    @property
    def family(self) -> str:
        return self.id.split(".", 1)[0]

    def matches(self, selector: str) -> bool:
        """True when ``selector`` is this rule's id or a dotted prefix of it."""
        return self.id == selector or self.id.startswith(selector + ".")


Registry = Mapping[str, Rule]


def load_registry(modules: Iterable[str] = RULE_MODULES, extra: Iterable[Rule] = ()) -> Registry:
    """The rules of ``modules``, plus ``extra`` ones (a user's own style rule files)."""
    rules: dict[str, Rule] = {}
    for rule in [*(r for name in modules for r in importlib.import_module(name).RULES), *extra]:
        if rule.id in rules:
            raise ValueError(f"rule id {rule.id!r} is defined twice")
        if rule.family not in FAMILIES:
            raise ValueError(f"rule {rule.id!r} is not in a known family {FAMILIES}")
        rules[rule.id] = rule
    return MappingProxyType(dict(sorted(rules.items())))
