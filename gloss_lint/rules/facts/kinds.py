"""Fact kinds as data: ``rules/facts.yaml`` (and a user's file) loaded and validated.

A user's file adds kinds, extends a kind of the same name and type (its word
lists and events grow; a kind of another type replaces it), and extends the
``language`` word lists. Token patterns are checked here with spaCy's own
pattern schema, and against the attributes the loaded pipeline sets
(``check_attributes``): on a blank pipeline a ``LEMMA`` set-predicate silently
matches nothing, so it is refused instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from gloss_lint.config import ConfigError

TYPES = ("event", "list", "category", "number", "version")
LANGUAGE = ("subjects", "gap", "negations", "hedges", "approximate", "closed", "clause_ends",
            "transparent", "reflexives", "roles", "organisations", "abbreviations")

# Token attributes and which pipeline output sets them; the rest come from the tokenizer.
_NEEDS = {"LEMMA": "token.lemma", "POS": "token.pos", "TAG": "token.tag", "MORPH": "token.morph",
          "DEP": "token.dep", "HEAD": "token.dep", "ENT_TYPE": "token.ent_type",
          "ENT_IOB": "token.ent_iob", "ENT_ID": "token.ent_type", "ENT_KB_ID": "token.ent_kb_id",
          "SENT_START": "token.is_sent_start", "IS_SENT_START": "token.is_sent_start"}


@dataclass(frozen=True)
class Kind:
    """One fact kind: its name, type and the type's settings (word lists, patterns)."""

    name: str
    type: str
    spec: dict[str, Any]
    where: str = ""

    def words(self, *path: str) -> frozenset[str]:
        cache = self.__dict__.setdefault("_word_cache", {})  # read in every sentence: built once
        if path not in cache:
            cache[path] = self._words(path)
        return cache[path]

    def _words(self, path: tuple[str, ...]) -> frozenset[str]:
        value: Any = self.spec
        for step in path:
            value = value.get(step, {}) if isinstance(value, dict) else {}
        return frozenset(w.lower() for w in value) if isinstance(value, list) else frozenset()


@dataclass
class Kinds:
    language: dict[str, frozenset[str]] = field(default_factory=dict)
    kinds: dict[str, Kind] = field(default_factory=dict)

    def of(self, type_: str) -> list[Kind]:
        return [k for k in self.kinds.values() if k.type == type_]

    def patterns(self) -> list[tuple[str, list]]:
        """Every explicit token pattern, with where it was written (for validation)."""
        found = []
        for kind in self.kinds.values():
            for event, patterns in (kind.spec.get("patterns") or {}).items():
                for i, pattern in enumerate(patterns):
                    found.append((f"{kind.where}: kind {kind.name!r} patterns.{event}[{i}]", pattern))
        return found


def _fail(where: str, message: str):
    raise ConfigError(f"{where}: {message}")


# libyaml parses the shipped gazetteer and fact kinds in a tenth of the pure loader's time
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_data_file(path: Path, what: str) -> Any:
    """A facts data file (fact kinds, gazetteer) as YAML; a missing or unreadable one is a ConfigError."""
    try:
        text = path.read_text(encoding="utf-8")
        try:
            return yaml.load(text, Loader=_FAST_LOADER)
        except yaml.YAMLError:
            return yaml.safe_load(text)  # the pure loader's message, the same on every machine
    except FileNotFoundError:
        _fail(str(path), f"{what} file not found")
    except (OSError, yaml.YAMLError, UnicodeDecodeError) as error:
        _fail(str(path), f"cannot read {what}: {error}")


def _word_list(value: Any, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(w, str) and w.strip() for w in value):
        _fail(where, "expected a list of words or phrases")
    return value


_KEYS = {
    "event": {"events": dict, "order": list, "by": dict, "year": dict, "patterns": dict, "value": str,
              "general": list},
    "list": {"cues": list, "fillers": list, "copulas": list, "openers": list, "open_markers": list},
    "category": {"values": dict, "disjoint": list},
    "number": {"units": list, "verbs": list, "tolerance": (int, float), "variants": list},
    "version": {"cues": list, "words": list},
}
_REQUIRED = {"event": ("events",), "list": ("cues",), "category": ("values",),
             "number": ("units", "verbs"), "version": ("cues",)}


def _check_kind(item: Any, where: str) -> Kind:
    if not isinstance(item, dict):
        _fail(where, "a kind is a mapping with name and type")
    name, type_ = item.get("name"), item.get("type")
    if not isinstance(name, str) or not name:
        _fail(where, "'name' must be text")
    where = f"{where} ({name})"
    if type_ not in TYPES:
        _fail(where, f"'type' must be one of {', '.join(TYPES)}, not {type_!r}")
    spec = {k: v for k, v in item.items() if k not in ("name", "type")}
    allowed = _KEYS[type_]
    for key, value in spec.items():
        if key not in allowed:
            _fail(where, f"unknown key {key!r} for a {type_} kind (known: {', '.join(allowed)})")
        if not isinstance(value, allowed[key]):
            _fail(where, f"{key!r} has the wrong type")
    for key in _REQUIRED[type_]:
        if key not in spec:
            _fail(where, f"a {type_} kind needs {key!r}")
    if type_ == "event":
        for event, triggers in spec["events"].items():
            _word_list(triggers, f"{where}: events.{event}")
        for pair in spec.get("order", []):
            if not (isinstance(pair, list) and len(pair) == 2 and all(p in spec["events"] for p in pair)):
                _fail(where, f"order: {pair!r} must name two of its events")
        for slot in ("by", "year"):
            for key, value in spec.get(slot, {}).items():
                _word_list(value, f"{where}: {slot}.{key}")
        if spec.get("value", "year") not in ("year", "date"):
            _fail(where, "'value' must be year or date")
        for event in spec.get("general", []):
            if event not in spec["events"]:
                _fail(where, f"general: {event!r} is not one of its events")
        for event, patterns in spec.get("patterns", {}).items():
            if event not in spec["events"]:
                _fail(where, f"patterns.{event}: not one of its events")
            if not isinstance(patterns, list) or not all(isinstance(p, list) for p in patterns):
                _fail(where, f"patterns.{event}: a list of token patterns")
    elif type_ in ("list", "version"):
        for key in spec:
            _word_list(spec[key], f"{where}: {key}")
    elif type_ == "category":
        for value, cues in spec["values"].items():
            _word_list(cues, f"{where}: values.{value}")
        for pair in spec.get("disjoint", []):
            if not (isinstance(pair, list) and len(pair) >= 2 and all(p in spec["values"] for p in pair)):
                _fail(where, f"disjoint: {pair!r} must name values of this kind")
    else:
        for key in ("units", "verbs", "variants"):
            if key in spec:
                _word_list(spec[key], f"{where}: {key}")
    return Kind(name, type_, spec, where)


def _merged(base: dict, more: dict) -> dict:
    """A kind extended by a later file: mappings merge, lists add their new items."""
    out = dict(base)
    for key, value in more.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merged(out[key], value)
        elif isinstance(value, list) and isinstance(out.get(key), list):
            out[key] = out[key] + [v for v in value if v not in out[key]]
        else:
            out[key] = value
    return out


def load_kinds(paths: list[Path]) -> Kinds:
    kinds = Kinds()
    language: dict[str, list[str]] = {key: [] for key in LANGUAGE}
    for path in paths:
        data = read_data_file(path, "fact kinds")
        if not isinstance(data, dict):
            _fail(str(path), "a fact kinds file is a mapping with 'kinds' (and 'language')")
        unknown = set(data) - {"version", "language", "kinds"}
        if unknown:
            _fail(str(path), f"unknown key {sorted(unknown)[0]!r}")
        for key, words in (data.get("language") or {}).items():
            if key not in LANGUAGE:
                _fail(str(path), f"language: unknown list {key!r} (known: {', '.join(LANGUAGE)})")
            language[key].extend(_word_list(words, f"{path}: language.{key}"))
        items = data.get("kinds") or []
        if not isinstance(items, list):
            _fail(str(path), "'kinds' must be a list")
        for index, item in enumerate(items):
            kind = _check_kind(item, f"{path}: kinds[{index}]")
            known = kinds.kinds.get(kind.name)
            if known is not None and known.type == kind.type:
                kind = Kind(kind.name, kind.type, _merged(known.spec, kind.spec), kind.where)
            kinds.kinds[kind.name] = kind
    kinds.language = {key: frozenset(w.lower() for w in words) for key, words in language.items()}
    return kinds


def check_patterns(kinds: Kinds, provided: set[str]) -> None:
    """Refuse patterns spaCy would reject, or that use attributes no component sets."""
    from gloss_lint.nlp import load_spacy

    load_spacy()
    from spacy.schemas import validate_token_pattern

    for where, pattern in kinds.patterns():
        errors = validate_token_pattern(pattern)
        if errors:
            _fail(where, "; ".join(errors))
        for token in pattern:
            for attr in token:
                need = _NEEDS.get(attr.upper())
                if need and need not in provided:
                    _fail(where, f"uses {attr.upper()}, which the loaded pipeline does not set "
                                 f"before triggers are matched (a blank pipeline has no lemmas, "
                                 f"tags, parses or entities); use LOWER with the inflections, "
                                 f"or set a model")
