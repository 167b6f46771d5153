"""The schema rules' compiled test passes only entries jsonschema finds nothing wrong with."""

from __future__ import annotations

import copy
import datetime
import json
import random
from pathlib import Path
from collections import OrderedDict, UserList

import jsonschema
import pytest
from conftest import FIXTURES, needs_shared

from gloss_lint.read.profiles import load_profile
from gloss_lint.read.readers import discover, read_file
from gloss_lint.resources import pack_dir
from gloss_lint.rules.schema.fast import compile_test

# Values of every JSON type and of none (a YAML date), empty and blank, near and far from the
# enums, formats and patterns of the shipped schemas.
ODD = [None, "", " ", "x", "draft", "approved", "nope", "https://example.com/a", "www.example.com", "2024-03-12",
       "12/03/2024", "Fine Tuning", "fine-tuning", "Ünïcode", 0, 1, 1.0, 1.5, True, False, [], {}, ["x"], [""],
       ["x", "x"], [1], [None], [{"url": "https://example.com/"}], [{"url": "no url"}], [{}], {"x": 1},
       {"url": "https://example.com/"}, datetime.date(2024, 3, 12)]


def _validator(schema: dict):
    cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft202012Validator)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def _variants(instance: dict):
    """The instance, and each of its fields removed, replaced by each odd value, or renamed."""
    yield instance
    for key in list(instance):
        yield {k: v for k, v in instance.items() if k != key}
        yield {(k + "x" if k == key else k): v for k, v in instance.items()}
        for value in ODD:
            yield {**instance, key: copy.deepcopy(value)}
        if isinstance(instance[key], list) and instance[key]:
            for value in ODD:
                yield {**instance, key: [*instance[key], copy.deepcopy(value)]}
    yield {**instance, "unknown": "x"}


def _entries(folder, profile_name: str):
    profile = load_profile(profile_name)
    for path in discover([folder], profile)[:40]:
        yield from read_file(path, path.name, profile).entries


# (profile, the fixture or the corpus under ../shared/corpora, looked for when the test runs)
CASES = [("native", FIXTURES / "glossary"), ("kubernetes", "k8s-glossary"), ("mdn", "mdn-glossary"),
         ("sss", "sss-ai-glossary")]


@pytest.mark.parametrize("profile, folder", CASES, ids=[c[0] for c in CASES])
def test_what_the_test_passes_jsonschema_passes_and_real_entries_pass_it(profile, folder):
    folder = folder if isinstance(folder, Path) else needs_shared("corpora", folder)
    read_as = load_profile(profile)
    raw = read_as.schema is not None and not read_as.schema_reads_native
    schema = json.loads((read_as.schema or pack_dir() / "entry.schema.json").read_text())
    validator = _validator(schema)
    test = compile_test(schema, validator.format_checker)
    assert test is not None
    entries = list(_entries(folder, profile))
    instances = [e.raw if raw else e.fields for e in entries]
    assert instances
    passed = 0
    for instance in instances:
        for variant in _variants(instance):
            if test(variant):
                passed += 1
                assert list(validator.iter_errors(variant)) == [], variant
    valid = [i for i in instances if not list(validator.iter_errors(i))]
    assert valid and all(test(i) for i in valid)  # the fast path is taken where it can be
    assert passed > len(valid)


@pytest.mark.parametrize("schema, passes, fails", [
    ({"type": "integer"}, [1, -3], [True, 1.5, "1", None]),
    ({"type": ["string", "null"], "minLength": 2}, ["ab", None], ["a", 2]),
    ({"enum": ["a", 1]}, ["a"], ["b", True]),  # 1 is left to jsonschema
    ({"const": "a"}, ["a"], ["b", 1]),
    ({"uniqueItems": True}, [["a", "b"], "not a list"], [["a", "a"], [1, True]]),
    ({"anyOf": [{"type": "string"}, {"type": "array", "maxItems": 1}]}, ["a", [1]], [[1, 2], 3]),
    ({"allOf": [{"pattern": "^a"}, {"pattern": "b$"}]}, ["ab", 3], ["a", "b"]),
    ({"properties": {"a": {"type": "string"}}, "additionalProperties": {"type": "integer"}},
     [{"a": "x", "b": 1}], [{"a": 1}, {"b": "x"}]),
    ({"items": {"format": "date"}}, [["2024-03-12"]], [["2024-13-45"]]),
    # a mapping or a list of another class is one to jsonschema, whatever the schema says of it
    ({"required": ["a"], "items": {"type": "string"}}, [{"a": 1}, ["a"]], [OrderedDict(), UserList([1])]),
])
def test_each_keyword_passes_what_it_allows_and_sends_on_what_it_does_not(schema, passes, fails):
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
    validator = _validator(schema)
    test = compile_test(schema, validator.format_checker)
    assert [test(v) for v in passes] == [True] * len(passes)
    assert [test(v) for v in fails] == [False] * len(fails)
    assert all(not list(validator.iter_errors(v)) for v in passes)


@pytest.mark.parametrize("schema", [
    {"$ref": "#/$defs/x", "$defs": {"x": {"type": "string"}}}, {"if": {"type": "string"}, "then": {}},
    {"patternProperties": {"^x": {}}, "additionalProperties": False}, {"items": [{"type": "string"}]},
    {"prefixItems": [{}], "items": {"type": "string"}}, {"properties": {"a": {"not": {}}}}, False,
])
def test_a_keyword_not_compiled_leaves_the_whole_schema_to_jsonschema(schema):
    assert compile_test(schema, None) is None


def test_entries_the_test_does_not_pass_are_still_explained(tmp_path, run_json):
    (tmp_path / "g.yaml").write_text(
        "- term: Widget\n  category: Tools\n  definition: A thing.\n  status: aproved\n"
        "- term: Gadget\n  category: Tools\n  definition: A small tool.\n  tags: [a, 2]\n"
        "- term: Gizmo\n  category: Tools\n  definition: A device.\n  sources:\n"
        "    - url: https://example.com/\n      accessed: 12/03/2024\n")
    _, report = run_json(tmp_path, "--select", "schema")
    assert [(f["rule"], f["line"]) for f in report["findings"]] == [
        ("schema.enum", 4), ("schema.type", 8), ("schema.format", 14)]


class _Text(str):
    pass


# Values as YAML or a caller may give them: bools beside 1 and 1.0, NaN and infinity, a huge
# integer, letters that fold case ('ſ', the Kelvin sign), astral and combining characters,
# dates, bytes, a str subclass, tuples and sets; mappings with keys that are not text.
_ATOMS = [None, True, False, 0, 1, -1, 1.0, 0.0, -0.0, 2.5, float("nan"), float("inf"), 10**30, "", " ", "a", "ab",
          "A", "\u017f", "\u212a", "\U0001f600", "\U0001f600\U0001f600", "a\n", "e\u0301", "2024-03-12", "2024-13-45",
          "https://x.org/", "x@y.z", "1.2.3.4", "[", "abc", datetime.date(2024, 3, 12),
          datetime.datetime(2024, 3, 12, 1, 2), b"ab", _Text("ab"), (1,), frozenset("a")]
_TEXTS = ["a", "ab", "A", "\u017f", "", "1", "2024-03-12", "https://x.org/", "abc"]
_DRAFTS = ["http://json-schema.org/draft-04/schema#", "http://json-schema.org/draft-06/schema#",
           "http://json-schema.org/draft-07/schema#", "https://json-schema.org/draft/2019-09/schema",
           "https://json-schema.org/draft/2020-12/schema", None]


def _value(r, depth=0):
    k = r.random()
    if depth > 2 or k < 0.55:
        return r.choice(_ATOMS)
    if k < 0.75:
        return [_value(r, depth + 1) for _ in range(r.randint(0, 3))]
    if k < 0.8:
        return OrderedDict(a=1)
    return {r.choice(["a", "b", "A", 1, None, True, "\u017f"]): _value(r, depth + 1) for _ in range(r.randint(0, 3))}


def _schema(r, depth=0):
    if depth > 2 or r.random() < 0.15:
        return r.choice([True, {}, {"type": "string"}, {"type": "integer"}])
    types = ["string", "object", "array", "boolean", "null", "integer", "number"]
    makers = {
        "type": lambda: r.choice(types) if r.random() < 0.6 else r.sample(types, r.randint(1, 3)),
        "properties": lambda: {k: _schema(r, depth + 1) for k in r.sample(["a", "b", "A", "1", "\u017f", "True"], 2)},
        "additionalProperties": lambda: r.choice([False, True, _schema(r, depth + 1)]),
        "required": lambda: r.sample(["a", "b", "1", "True", "None"], r.randint(1, 2)),
        "items": lambda: _schema(r, depth + 1),
        "pattern": lambda: r.choice(["^a", "b$", "(?i)a", "^.$", "^\\w+$", "\\d", "^$", "^.{2}$", "\u017f", "[^a]"]),
        "enum": lambda: r.sample(_TEXTS + [1, 1.0, True, None, [], {}, ["a"]], r.randint(1, 4)),
        "const": lambda: r.choice(_TEXTS + [1, True, None, ["a"]]),
        "format": lambda: r.choice(["date", "email", "uri", "ipv4", "regex", "date-time", "time", "uuid", "nope"]),
        "minLength": lambda: r.randint(0, 3), "maxLength": lambda: r.randint(0, 3),
        "minItems": lambda: r.randint(0, 3), "maxItems": lambda: r.randint(0, 3),
        "uniqueItems": lambda: r.choice([True, False]),
        "allOf": lambda: [_schema(r, depth + 1) for _ in range(r.randint(1, 3))],
        "anyOf": lambda: [_schema(r, depth + 1) for _ in range(r.randint(1, 3))],
        "title": lambda: "t",
    }
    return {kw: makers[kw]() for kw in r.sample(sorted(makers), r.randint(1, 4))}


def test_on_generated_schemas_of_every_draft_and_odd_values_nothing_passed_is_faulted():
    r = random.Random(13)
    compiled = passed = 0
    for _ in range(2000):
        schema, draft = _schema(r), r.choice(_DRAFTS)
        if isinstance(schema, dict) and draft:
            schema = {"$schema": draft, **schema}
        cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft202012Validator)
        try:
            cls.check_schema(schema)
        except jsonschema.SchemaError:
            continue
        validator = _validator(schema)
        test = compile_test(schema, validator.format_checker)
        compiled += test is not None
        for value in [_value(r) for _ in range(20)] if test else ():
            if test(value):
                passed += 1
                assert list(validator.iter_errors(value)) == [], (schema, value)
    assert compiled > 1000 and passed > 5000
