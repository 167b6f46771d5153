"""A JSON Schema's common keywords compiled to a test that passes only what jsonschema would pass.

jsonschema walks the schema afresh for every entry, a tenth of a check's CPU. Most entries
are valid, so a compiled test answers them, and jsonschema explains the rest: the test
may send a valid entry on to jsonschema (a keyword or a value type it does not know), but
never passes one jsonschema would fault. A schema using any other keyword (``$ref``,
``if``, ``patternProperties`` …) gets no test at all.
"""

from __future__ import annotations

import re
from typing import Any, Callable

Test = Callable[[Any], bool]

# Keywords that constrain nothing (annotations), in every draft a test is made for.
_ANNOTATIONS = {"title", "description", "$comment", "$schema", "$id", "default", "examples", "deprecated",
                "readOnly", "writeOnly"}
# The instance types whose JSON type is certain; a value of any other type (a date, a subclass)
# goes to jsonschema. An integral float is left out of "integer": drafts differ on it.
_TYPES: dict[str, tuple[type, ...]] = {"string": (str,), "object": (dict,), "array": (list,), "boolean": (bool,),
                                       "null": (type(None),), "integer": (int,), "number": (int, float)}
_KNOWN = tuple({t for types in _TYPES.values() for t in types})


def compile_test(schema: Any, format_checker) -> Test | None:
    """A test for SCHEMA (a draft 4 to 2020-12 schema), or None when it uses a keyword not
    compiled here. ``format_checker`` is the validator's: formats are checked by the same code."""
    if schema is True:
        return lambda value: True
    if not isinstance(schema, dict) or not set(schema) <= _ANNOTATIONS | set(_KEYWORDS):
        return None
    tests = []
    for keyword, argument in schema.items():
        if keyword in _KEYWORDS:
            test = _KEYWORDS[keyword](argument, schema, format_checker)
            if test is None:
                return None
            tests.append(test)

    def accepts(value: Any) -> bool:
        if type(value) not in _KNOWN:
            return False
        for test in tests:
            if not test(value):
                return False
        return True

    return accepts


def _type(argument, schema, checker) -> Test | None:
    names = [argument] if isinstance(argument, str) else argument
    if not isinstance(names, list) or not all(isinstance(n, str) and n in _TYPES for n in names):
        return None
    types = tuple(t for n in names for t in _TYPES[n])
    return lambda value: type(value) in types


def _properties(argument, schema, checker) -> Test | None:
    if not isinstance(argument, dict):
        return None
    tests = {name: compile_test(sub, checker) for name, sub in argument.items()}
    if None in tests.values():
        return None

    def passes(value) -> bool:
        if type(value) is dict:
            for name, item in value.items():
                test = tests.get(name)
                if test is not None and not test(item):
                    return False
        return True

    return passes


def _additional(argument, schema, checker) -> Test | None:
    known = schema.get("properties", {})
    if not isinstance(known, dict):
        return None
    if argument is False:
        return lambda value: type(value) is not dict or value.keys() <= known.keys()
    test = compile_test(argument, checker)
    if test is None:
        return None
    return lambda value: type(value) is not dict or all(test(v) for key, v in value.items() if key not in known)


def _required(argument, schema, checker) -> Test | None:
    if not isinstance(argument, list):
        return None
    return lambda value: type(value) is not dict or all(name in value for name in argument)


def _items(argument, schema, checker) -> Test | None:
    test = compile_test(argument, checker)
    if test is None or "prefixItems" in schema:
        return None
    return lambda value: type(value) is not list or all(test(item) for item in value)


def _pattern(argument, schema, checker) -> Test | None:
    try:
        search = re.compile(argument).search  # the schema's own, which jsonschema runs too
    except (TypeError, re.error):
        return None
    return lambda value: type(value) is not str or search(value) is not None


def _one_of_strings(values) -> Test | None:
    strings = {v for v in values if type(v) is str}
    return lambda value: type(value) is str and value in strings  # other values: to jsonschema


def _enum(argument, schema, checker) -> Test | None:
    return _one_of_strings(argument) if isinstance(argument, list) else None


def _const(argument, schema, checker) -> Test | None:
    return _one_of_strings([argument])


def _format(argument, schema, checker) -> Test | None:
    if checker is None:
        return lambda value: True
    return lambda value: checker.conforms(value, argument)


def _length(at_least: bool, of: type):
    def keyword(argument, schema, checker) -> Test | None:
        if type(argument) is not int:
            return None
        if at_least:
            return lambda value: type(value) is not of or len(value) >= argument
        return lambda value: type(value) is not of or len(value) <= argument

    return keyword


def _unique(argument, schema, checker) -> Test | None:
    if argument is not True:
        return None if argument is not False else (lambda value: True)
    # Only lists of text: jsonschema's equality tells 1 from True and 1.0 from 1.
    return lambda value: type(value) is not list or (all(type(v) is str for v in value)
                                                     and len(set(value)) == len(value))


def _combined(need_all: bool):
    def keyword(argument, schema, checker) -> Test | None:
        if not isinstance(argument, list) or not argument:
            return None
        tests = [compile_test(sub, checker) for sub in argument]
        if None in tests:
            return None
        if need_all:
            return lambda value: all(test(value) for test in tests)
        return lambda value: any(test(value) for test in tests)

    return keyword


_KEYWORDS: dict[str, Callable[[Any, dict, Any], Test | None]] = {
    "type": _type, "properties": _properties, "additionalProperties": _additional, "required": _required,
    "items": _items, "pattern": _pattern, "enum": _enum, "const": _const, "format": _format,
    "minLength": _length(True, str), "maxLength": _length(False, str), "minItems": _length(True, list),
    "maxItems": _length(False, list), "uniqueItems": _unique, "allOf": _combined(True), "anyOf": _combined(False),
}
