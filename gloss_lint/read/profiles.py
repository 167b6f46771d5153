"""Profiles: data that maps a glossary's layout onto the native fields.

A profile is a YAML mapping (schema: ``gloss_lint/schemas/profile.json``). The
shipped ones are ``rules/profiles/*.yaml``; a user defines more under
``[tool.gloss-lint.profiles.NAME]`` or in a YAML file named by path, and either
may ``extends`` another profile.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from gloss_lint.resources import own_schema, pack_dir

_SCHEMA_PATH = own_schema("profile.json")


class ProfileError(Exception):
    pass


@dataclass(frozen=True)
class Profile:
    name: str
    data: dict[str, Any]

    @property
    def description(self) -> str:
        return self.data.get("description", "")

    @property
    def include(self) -> list[str]:
        return self.data.get("files", {}).get("include", [])

    @property
    def exclude(self) -> list[str]:
        return self.data.get("files", {}).get("exclude", [])

    @property
    def layout(self) -> str:
        return self.data.get("layout", "auto")

    @property
    def language(self) -> str:
        return self.data.get("language", "en")

    def _localised(self, text: str) -> str:
        return text.replace("{lang}", self.language)

    @property
    def fields(self) -> dict[str, str]:
        """File field (a dotted path, ``{lang}`` filled in) -> native field."""
        return {name: rule["to"] for name, rule in self.field_rules.items()}

    @property
    def field_rules(self) -> dict[str, dict[str, Any]]:
        """File field -> ``{"to": native, "strip": regex, "list": bool}``."""
        rules = {}
        for name, target in self.data.get("fields", {}).items():
            rule = {"to": target} if isinstance(target, str) else dict(target)
            rules[self._localised(name)] = rule
        return rules

    @property
    def has_body(self) -> bool:
        """Whether an entry can hold longer text besides its definition: a field that becomes the
        body, a layout that cuts one (Markdown, headings, pages), or native fields."""
        return ("body" in self.fields.values() or self.layout in ("headings", "page")
                or not self.field_rules
                or any(p.endswith((".md", ".markdown", ".rst", ".txt")) for p in self.include))

    @property
    def has_aliases(self) -> bool:
        """Whether an entry can give other names for its term: a field that becomes aliases, a
        heading's parentheses, a Sphinx glossary's several term lines, or a field named 'aliases'
        that the profile's own schema allows (sss), as native entries do. A scraped page has none."""
        if self.layout in ("page", "headings"):
            return self.layout == "headings" and self.data.get("headings", {}).get("aliases-in-parentheses", True)
        if self.layout == "rst-glossary" or "aliases" in self.fields.values():
            return True
        if self.schema is None or self.schema_reads_native:
            return True
        try:
            return "aliases" in json.loads(self.schema.read_text(encoding="utf-8")).get("properties", {})
        except (OSError, ValueError, AttributeError):
            return True  # the schema rules report a schema they cannot read

    @property
    def ignore(self) -> frozenset[str]:
        return frozenset(self._localised(name) for name in self.data.get("ignore", []))

    @property
    def skip(self) -> list[dict[str, Any]]:
        """Conditions that make an item not an entry (a landing page, a disambiguation page)."""
        return [{**rule, "field": self._localised(rule["field"])} for rule in self.data.get("skip", [])]

    @property
    def definition(self) -> str | dict[str, Any]:
        return self.data.get("definition", "first-paragraph")

    @property
    def source(self) -> str:
        """An entry's source when no field names it: ``folder`` or ``file`` (their name), or a name."""
        return self.data.get("source", "folder")

    def options(self, layout: str) -> dict[str, Any]:
        """The options of a layout (``map:``, ``headings:``, ``page:``)."""
        return self.data.get(layout, {})

    @property
    def id_from(self) -> str:
        """Where an entry's id comes from: ``field`` (its id field, else its term's slug) or ``file``."""
        return self.data.get("id", {}).get("from", "field")

    @property
    def uses(self) -> list[str]:
        """Documentation files (globs) whose term links are checked too; they are not entries."""
        return self.data.get("uses", [])

    @property
    def redirect_files(self) -> list[str]:
        return self.data.get("redirects", {}).get("files", [])

    @property
    def schema_reads_native(self) -> bool:
        """Whether the profile's schema checks native fields, not the fields as the file spells them."""
        return self.data.get("schema-reads", "source") == "native"

    @property
    def schema(self) -> Path | None:
        schema = self.data.get("schema")
        return Path(schema) if schema else None


def shipped_profiles() -> dict[str, Path]:
    return {p.stem: p for p in sorted((pack_dir() / "profiles").glob("*.yaml"))}


@cache
def link_syntaxes() -> dict[str, dict[str, Any]]:
    """The link syntaxes a profile names by ``syntax:`` (``rules/link-syntaxes.yaml``)."""
    return _read(pack_dir() / "link-syntaxes.yaml")


def _expand_links(name: str, data: dict[str, Any]) -> None:
    """A ``links`` item naming a ``syntax`` starts from that syntax's keys; its own keys win."""
    known = link_syntaxes()
    expanded = []
    for i, item in enumerate(data.get("links", [])):
        if "syntax" in item:
            if item["syntax"] not in known:
                hint = difflib.get_close_matches(item["syntax"], list(known), n=1)
                suggestion = f"; did you mean {hint[0]!r}?" if hint else f"; known: {', '.join(known)}"
                raise ProfileError(f"profile {name!r}: links[{i}]: unknown syntax {item['syntax']!r}{suggestion}")
            item = {"name": item["syntax"], **known[item["syntax"]], **item}
        elif "pattern" not in item:
            raise ProfileError(f"profile {name!r}: links[{i}]: give a 'pattern' or a 'syntax'")
        expanded.append(item)
    if "links" in data:
        data["links"] = expanded


@cache
def _validator():
    import jsonschema

    return jsonschema.Draft202012Validator(json.loads(_SCHEMA_PATH.read_text()))


def _read(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError, UnicodeDecodeError) as error:
        raise ProfileError(f"cannot read profile {path}: {error}") from None
    if not isinstance(data, dict):
        raise ProfileError(f"profile {path} is not a mapping")
    return data


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _check_patterns(name: str, data: dict[str, Any]) -> None:
    """Every regex a profile holds compiles, so a typo is a config error, not a crash mid-run."""
    page = data.get("page", {})
    patterns = [("page.boilerplate", p) for p in page.get("boilerplate", [])]
    patterns += [(f"page.sections.{kind}", p) for kind, ps in page.get("sections", {}).items() for p in ps]
    patterns += [(f"fields.{name}.strip", rule["strip"]) for name, rule in data.get("fields", {}).items()
                 if isinstance(rule, dict) and "strip" in rule]
    groups: dict[str, tuple[str, ...]] = {}
    for i, item in enumerate(data.get("links", [])):
        patterns.append((f"links[{i}].pattern", item["pattern"]))
        groups[f"links[{i}].pattern"] = ("target",)
        if "strip" in item:
            patterns.append((f"links[{i}].strip", item["strip"]))
    patterns += [(f"malformed-links[{i}].pattern", m["pattern"]) for i, m in enumerate(data.get("malformed-links", []))]
    if "redirects" in data:
        patterns.append(("redirects.pattern", data["redirects"]["pattern"]))
        groups["redirects.pattern"] = ("from", "to")
    for where, pattern in patterns:
        try:
            compiled = re.compile(pattern)
        except re.error as error:
            raise ProfileError(f"profile {name!r}: {where}: bad regular expression {pattern!r}: {error}") from None
        missing = [g for g in groups.get(where, ()) if g not in compiled.groupindex]
        if missing:
            raise ProfileError(f"profile {name!r}: {where}: the regular expression needs a named group "
                               f"{', '.join(f'(?P<{g}>…)' for g in missing)}")


def load_profile(name: str, user_profiles: dict[str, Any] | None = None,
                 config_dir: Path | None = None, _seen: tuple[str, ...] = ()) -> Profile:
    """Load a profile by name (a user's, then a shipped one) or by path to a YAML file."""
    user_profiles = user_profiles or {}
    if name in _seen:
        raise ProfileError(f"profile {name!r} extends itself: {' -> '.join(_seen + (name,))}")
    base_dir = config_dir or Path.cwd()
    if name in user_profiles:
        data = dict(user_profiles[name])
    elif name in shipped_profiles():
        path = shipped_profiles()[name]
        data, base_dir = _read(path), path.parent
    elif name.endswith((".yaml", ".yml")) and (base_dir / name).is_file():
        path = base_dir / name
        data, base_dir = _read(path), path.parent
    else:
        known = sorted({*shipped_profiles(), *user_profiles})
        hint = difflib.get_close_matches(name, known, n=1)
        suggestion = f"; did you mean {hint[0]!r}?" if hint else f"; known profiles: {', '.join(known)}"
        raise ProfileError(f"unknown profile {name!r}{suggestion}")
    errors = sorted(_validator().iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        where = "/".join(str(p) for p in errors[0].absolute_path) or "(top)"
        raise ProfileError(f"profile {name!r}: {where}: {errors[0].message}")
    _expand_links(name, data)
    _check_patterns(name, data)
    if "schema" in data:  # relative to the file that names it, else a shipped schema by name
        beside, shipped = base_dir / data["schema"], pack_dir() / "profiles" / data["schema"]
        data["schema"] = str((shipped if not beside.is_file() and shipped.is_file() else beside).resolve())
    if "extends" in data:
        parent = load_profile(data["extends"], user_profiles, config_dir, _seen + (name,))
        data = _merge(parent.data, {k: v for k, v in data.items() if k != "extends"})
    data["name"] = name
    return Profile(name=name, data=data)
