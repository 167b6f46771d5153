"""``schema.*``: entries checked against a JSON Schema, located to the offending key.

The default schema is ``rules/entry.schema.json``. ``[tool.gloss-lint.schema]``
replaces it (``path``) or adds more (``extend``); a profile may name its
glossary's own schema, which then checks the entry as its file spells it.
One validation per entry feeds every rule here; each jsonschema error becomes
one problem an editor can act on (combinators report their best branch only).
"""

from __future__ import annotations

import copy
import difflib
import json
from dataclasses import replace
from pathlib import Path
from typing import Any, Iterator

from gloss_lint.config import ConfigError
from gloss_lint.model import Entry, Problem, Severity
from gloss_lint.registry import Rule
from gloss_lint.resources import pack_dir

_TYPE_WORDS = {"string": "text", "array": "a list", "object": "a mapping", "integer": "a whole number",
               "number": "a number", "boolean": "true or false", "null": "nothing"}
_FORMAT_WORDS = {"uri": "a valid absolute URI (https://…)", "date": "a date written YYYY-MM-DD",
                 "date-time": "a date and time (ISO 8601)", "email": "an e-mail address"}


def _show(path: tuple) -> str:
    shown = ""
    for step in path:
        shown += f"[{step}]" if isinstance(step, int) else (f".{step}" if shown else str(step))
    return shown


def _kind_of(value: Any) -> str:
    if isinstance(value, bool):
        return "true or false"
    for name, kind in (("string", str), ("array", list), ("object", dict), ("integer", int),
                       ("number", float)):
        if isinstance(value, kind):
            return _TYPE_WORDS[name]
    return "nothing"


# An empty value fails these for want of content, whatever the schema expected of it.
_EMPTY_KINDS = {"type", "enum", "const", "pattern", "minLength", "minItems", "format"}


def _is_empty(value: Any) -> bool:
    """``field:`` or ``field: null`` with nothing after it, or only blanks, ``[]`` or ``{}``."""
    return value is None or value in ([], {}) or (isinstance(value, str) and not value.strip())


def _empty_message(path: tuple, required: bool = False) -> str:
    # Removing a field the schema requires trades this finding for schema.required.
    fix = "fill it in (the schema requires it)" if required else "fill it in or remove the field"
    return f"{_show(path) or 'entry'} is empty: {fix}"


def _required(validators: list, instance: Any, path: tuple) -> bool:
    """Whether the schema requires the field at ``path``: without it, the entry lacks a required field."""
    if not path or not isinstance(path[-1], str):
        return False
    without = copy.deepcopy(instance)
    parent = without
    for step in path[:-1]:
        parent = parent[step]
    if not isinstance(parent, dict):
        return False
    del parent[path[-1]]
    return any(error.validator == "required" and tuple(error.absolute_path) == path[:-1]
               and path[-1] in error.validator_value
               for validator in validators for error in validator.iter_errors(without))


def _load_schema(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"schema file not found: {path}") from None
    except (OSError, ValueError) as error:
        raise ConfigError(f"cannot read schema {path}: {error}") from None


def _validators(ctx) -> tuple[list, list, bool]:
    """The validators to run, each one's compiled test for entries it passes (or None), and
    whether they check the raw entry (a profile's own schema)."""
    import jsonschema

    from gloss_lint.rules.schema.fast import compile_test

    settings = ctx.settings
    raw = settings.schema is None and settings.profile.schema is not None and not settings.profile.schema_reads_native
    main = settings.schema or settings.profile.schema or pack_dir() / "entry.schema.json"
    validators = []
    for path in (main, *settings.schema_extends):
        schema = _load_schema(path)
        cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft202012Validator)
        try:
            cls.check_schema(schema)
        except jsonschema.SchemaError as error:
            raise ConfigError(f"{path}: not a valid JSON Schema: {error.message}") from None
        validators.append(cls(schema, format_checker=cls.FORMAT_CHECKER))
    drafts = (jsonschema.Draft4Validator, jsonschema.Draft6Validator, jsonschema.Draft7Validator,
              jsonschema.Draft201909Validator, jsonschema.Draft202012Validator)
    tests = [compile_test(v.schema, v.format_checker) if type(v) in drafts else None for v in validators]
    return validators, tests, raw


def _problems(entry: Entry, ctx) -> dict[str, list[Problem]]:
    validators, tests, raw = ctx.memo("schema.validators", lambda: _validators(ctx))
    instance = entry.raw if raw else entry.fields
    found: dict[str, list[Problem]] = {}
    for validator, test in zip(validators, tests):
        if test is not None and test(instance):
            continue  # passed: jsonschema would find nothing
        for error in validator.iter_errors(instance):
            for kind, problem in _explain(error, raw):
                found.setdefault(kind, []).append(problem)
    # An empty value is one problem, however many constraints it fails.
    if "empty" in found:
        found["empty"] = [replace(p, message=_empty_message(p.path, required=True))
                          if _required(validators, instance, p.path) else p
                          for p in {p.path: p for p in found["empty"]}.values()]
        empty = {p.path for p in found["empty"]}
        for kind in ("type", "format", "enum", "invalid"):
            if kind in found:
                found[kind] = [p for p in found[kind] if p.path not in empty]
    # A misspelt required field is one problem: keep "unknown … did you mean", drop "missing".
    misspelt = {p.needle for p in found.get("unknown-field", []) if p.needle}
    if misspelt:
        found["required"] = [p for p in found.get("required", []) if _missing(p) not in misspelt]
    return found


def _missing(problem: Problem) -> str:
    """The field a ``required`` problem says is missing."""
    return problem.message.rpartition("missing required field ")[2][1:-1]


def _explain(error, raw: bool) -> Iterator[tuple[str, Problem]]:
    import jsonschema

    if error.validator in ("anyOf", "oneOf") and error.context:
        yield from _explain(jsonschema.exceptions.best_match(error.context), raw)
        return
    path = tuple(error.absolute_path)
    where = f"{_show(path)}: " if path else ""
    value = error.instance
    kind = error.validator
    if kind == "required":
        for name in error.validator_value:
            if isinstance(value, dict) and name not in value:
                # Placed on the mapping that lacks it, not on the first place its name is written.
                yield "required", Problem(f"{where}missing required field {name!r}", path, raw=raw)
    elif kind in ("additionalProperties", "unevaluatedProperties"):
        known = sorted(error.schema.get("properties", {}))
        allowed = error.schema.get("properties", {})
        for name in (k for k in value if k not in allowed):
            # Two-letter keys (language codes) are too short for a useful "did you mean".
            hint = difflib.get_close_matches(name, [k for k in known if len(k) > 2], n=1, cutoff=0.7)
            suggestion = f"; did you mean {hint[0]!r}?" if hint else ""
            yield "unknown-field", Problem(
                f"{where}unknown field {name!r}{suggestion}", path + (name,), key=True,
                needle=hint[0] if hint else None, raw=raw)
    elif kind in _EMPTY_KINDS and _is_empty(value):
        yield "empty", Problem(_empty_message(path), path, raw=raw)
    elif kind == "type":
        expected = error.validator_value
        expected = [expected] if isinstance(expected, str) else expected
        words = " or ".join(_TYPE_WORDS.get(t, t) for t in expected)
        yield "type", Problem(f"{_show(path) or 'entry'} should be {words}, not {_kind_of(value)}",
                              path, raw=raw)
    elif kind == "format":
        want = _FORMAT_WORDS.get(error.validator_value, f"in the format {error.validator_value!r}")
        yield "format", Problem(f"{_show(path)} should be {want}, not {value!r}", path, raw=raw)
    elif kind in ("enum", "const"):
        options = error.validator_value if kind == "enum" else [error.validator_value]
        hint = difflib.get_close_matches(str(value), [str(o) for o in options], n=1)
        suggestion = f"; did you mean {hint[0]!r}?" if hint else ""
        yield "enum", Problem(f"{_show(path)} is {value!r}, expected one of "
                              f"{', '.join(map(str, options))}{suggestion}", path, raw=raw)
    else:
        yield "invalid", Problem(f"{where}{error.message}", path, raw=raw)


def _rule(kind: str, summary: str, doc: str, bad: str, good: str,
          severity: Severity = Severity.ERROR) -> Rule:
    def check(entry: Entry, ctx) -> Iterator[Problem]:
        problems = ctx.memo(("schema", id(entry)), lambda: _problems(entry, ctx))
        yield from problems.get(kind, [])

    return Rule(id=f"schema.{kind}", summary=summary, severity=severity, scope="entry",
                doc=doc, bad=bad, good=good, check=check)


RULES = [
    _rule("required", "A required field is missing.",
          "The entry schema requires `term`, `definition` and `category` (and `url` in each source).",
          "term: RAG\ncategory: Techniques", "term: RAG\ncategory: Techniques\ndefinition: Retrieval-augmented generation …"),
    _rule("unknown-field", "A field the schema does not know, often a misspelling.",
          "Unknown fields are usually typos, and their content is silently ignored by every tool "
          "that reads the glossary. The message suggests the closest known field.",
          "term: RAG\ndefintion: Retrieval-augmented generation …", "term: RAG\ndefinition: Retrieval-augmented generation …"),
    _rule("type", "A field has the wrong type (text where a list is expected …).",
          "Lists such as `aliases`, `tags` and `related` must be YAML lists even with one item.",
          "aliases: LLM", "aliases: [LLM]"),
    _rule("empty", "A field is present but empty.",
          "An empty value is almost always an unfinished edit; remove the field or fill it in "
          "(only fill it in where the schema requires the field).",
          "definition: ''", "definition: A model trained on broad data …"),
    _rule("format", "A value is not in its required format (a URI, a YYYY-MM-DD date).",
          "Source URLs must be absolute URIs and `accessed` dates ISO dates, so links and "
          "citations work.", "sources:\n  - url: www.example.com\n    accessed: 12/03/2024",
          "sources:\n  - url: https://www.example.com/\n    accessed: 2024-03-12"),
    _rule("enum", "A value is not one of those allowed.",
          "`status` takes one of draft, review, approved or deprecated (in the default schema).",
          "status: aproved", "status: approved"),
    _rule("invalid", "The entry breaks another constraint of the schema.",
          "Any schema constraint not covered by the rules above (a pattern, a length, a count); "
          "the message quotes the schema.", "id: Fine Tuning", "id: fine-tuning"),
]
