"""The gazetteer: organisations and products by canonical id, with aliases and parents.

Loaded from ``rules/gazetteer.yaml`` (and a user's file, which adds to it or
overrides entities by id). Entities become the patterns of the names the reader
looks for, whose ``id`` is the canonical id; ``relation()`` says how two ids
relate through ``parent``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from gloss_lint.config import ConfigError
from gloss_lint.rules.facts.kinds import read_data_file

LABELS = ("ORG", "PRODUCT")
UNKNOWN = "?"  # prefix of the id of a name the gazetteer does not know


@dataclass(frozen=True)
class Entity:
    id: str
    label: str
    aliases: tuple[str, ...]
    parent: str | None = None
    maker: str | None = None
    any_case: bool = False


@dataclass
class Gazetteer:
    entities: dict[str, Entity] = field(default_factory=dict)

    def name(self, entity_id: str) -> str:
        if "+" in entity_id:
            return " and ".join(self.name(part) for part in entity_id.split("+"))
        entity_id = entity_id.lstrip("~")  # an affiliation (see names.AFFILIATION)
        if entity_id.startswith(UNKNOWN):
            return entity_id[len(UNKNOWN):]
        entity = self.entities.get(entity_id)
        return entity.aliases[0] if entity else entity_id

    def maker(self, entity_id: str) -> str:
        """Who makes a product ('azure' -> 'microsoft'); anything else is its own maker."""
        entity = self.entities.get(entity_id)
        return entity.maker if entity is not None and entity.maker else entity_id

    def ancestors(self, entity_id: str) -> list[str]:
        """The id itself, then its parent, its parent's parent …"""
        chain = [entity_id]
        while (entity := self.entities.get(chain[-1])) and entity.parent and entity.parent not in chain:
            chain.append(entity.parent)
        return chain

    def relation(self, a: str, b: str) -> str:
        """'same', 'part' (one is part of the other), 'sibling' (parts of one whole),
        'unknown' (a name not in the gazetteer), or 'different'. 'x+y' is a credit shared by x and y: it agrees
        with whatever agrees with one of them."""
        if "+" in a or "+" in b:
            found = [self.relation(x, y) for x in a.split("+") for y in b.split("+")]
            return next((r for r in ("same", "part", "unknown", "sibling") if r in found), "different")
        if a == b:
            return "same"
        if a in self.ancestors(b) or b in self.ancestors(a):
            return "part"
        if a.startswith(UNKNOWN) or b.startswith(UNKNOWN):
            return "unknown"
        if set(self.ancestors(a)[1:]) & set(self.ancestors(b)[1:]):
            return "sibling"  # two parts of one whole: teams overlap more than a gazetteer says
        return "different"

    def patterns(self) -> list[dict]:
        """One pattern per alias (its text, or token patterns for any case); id = the canonical id."""
        patterns = []
        for entity in self.entities.values():
            for alias in entity.aliases:
                if entity.any_case:
                    pattern = [{"LOWER": word.lower()} for word in alias.split()]
                else:
                    pattern = alias
                patterns.append({"label": entity.label, "pattern": pattern, "id": entity.id})
        return patterns


def _fail(where: str, message: str):
    raise ConfigError(f"{where}: {message}")


def load_gazetteer(paths: list[Path]) -> Gazetteer:
    """Entities from each file in turn; a later file adds or replaces entities by id."""
    gazetteer = Gazetteer()
    for path in paths:
        data = read_data_file(path, "gazetteer")
        if not isinstance(data, dict) or not isinstance(data.get("entities"), list):
            _fail(str(path), "a gazetteer is a mapping with an 'entities' list")
        for index, item in enumerate(data["entities"]):
            where = f"{path}: entities[{index}]"
            if not isinstance(item, dict):
                _fail(where, "an entity is a mapping with id, label and aliases")
            unknown = set(item) - {"id", "label", "aliases", "parent", "maker", "case"}
            if unknown:
                _fail(where, f"unknown key {sorted(unknown)[0]!r}")
            if not isinstance(item.get("id"), str) or not item["id"]:
                _fail(where, "'id' must be text")
            if item.get("label", "ORG") not in LABELS:
                _fail(where, f"'label' must be one of {', '.join(LABELS)}")
            aliases = item.get("aliases")
            if not isinstance(aliases, list) or not aliases or not all(isinstance(a, str) and a.strip() for a in aliases):
                _fail(where, "'aliases' must be a non-empty list of text")
            gazetteer.entities[item["id"]] = Entity(
                item["id"], item.get("label", "ORG"), tuple(aliases), item.get("parent"),
                item.get("maker"), item.get("case") == "any")
    owners: dict[str, str] = {}
    for entity in gazetteer.entities.values():
        if entity.parent and entity.parent not in gazetteer.entities:
            raise ConfigError(f"gazetteer: {entity.id}: parent {entity.parent!r} is not an entity")
        for alias in entity.aliases:
            if owners.setdefault(alias, entity.id) != entity.id:
                raise ConfigError(f"gazetteer: alias {alias!r} belongs to both "
                                  f"{owners[alias]!r} and {entity.id!r}")
    return gazetteer
