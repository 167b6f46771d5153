"""Parse YAML and JSON into plain values, with the span of every value and key.

A parsed document is a ``Tree``: ``value`` is plain data (dicts, lists, str, int,
float, bool, None — dates stay strings), ``spans[path]`` is where the value at
``path`` is written and ``key_spans[path]`` where its key is. Parsing is safe:
no object construction, and alias expansion is bounded.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from gloss_lint.model import SourceFile, Span

MAX_NODES = 200_000  # bounds alias expansion ("billion laughs")
MAX_DEPTH = 500  # deeper nesting would exhaust the stack of the recursive builders


class ParseError(Exception):
    """A document that cannot be parsed; line and column are 1-based."""

    def __init__(self, message: str, line: int = 1, column: int = 1):
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


@dataclass
class Tree:
    value: Any
    spans: dict[tuple, Span] = field(default_factory=dict)
    key_spans: dict[tuple, Span] = field(default_factory=dict)
    duplicate_keys: list[tuple[str, Span]] = field(default_factory=list)

    _below: dict[int, tuple[dict, dict]] = field(default_factory=dict, repr=False)

    def subtree(self, path: tuple) -> Tree:
        """The tree below ``path``, its paths made relative to it."""
        n = len(path)
        value = self.value
        for step in path:
            value = value[step]
        if n not in self._below:  # one pass per depth, so splitting a file into entries is linear
            spans: dict[tuple, dict] = {}
            key_spans: dict[tuple, dict] = {}
            for source, target in ((self.spans, spans), (self.key_spans, key_spans)):
                for p, s in source.items():
                    if len(p) >= n:
                        target.setdefault(p[:n], {})[p[n:]] = s
            self._below[n] = (spans, key_spans)
        spans, key_spans = self._below[n]
        return Tree(value, spans.get(path, {}),
                    {p: s for p, s in key_spans.get(path, {}).items() if p})


# ---------------------------------------------------------------- YAML

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Constructor(yaml.constructor.SafeConstructor):
    """Scalars only; timestamps stay the strings they were written as."""


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", _Constructor.construct_yaml_str)
_Constructor.add_constructor("tag:yaml.org,2002:binary", _Constructor.construct_yaml_str)
_scalar = _Constructor()
_BLANKS = re.compile(r"[ \r\n]*")
_LINE_PREFIX = re.compile(r"^[ \t\-?:]+", re.M)
_PLAIN_TAGS = {f"tag:yaml.org,2002:{name}" for name in
               ("str", "int", "float", "bool", "null", "seq", "map", "timestamp", "binary")}


def parse_yaml(file: SourceFile, start: int = 0, end: int | None = None) -> Tree:
    """Parse ``file.text[start:end]`` (a whole file, or front matter) as one YAML document."""
    text = file.text[start:end]
    base_line, base_col = file.position(start)
    try:
        _refuse_deep_nesting(text, base_line)
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, col = (mark.line + base_line, mark.column + 1) if mark else (base_line, 1)
        problem = error.problem or error.context or "invalid YAML"
        raise ParseError(f"invalid YAML: {problem}", line, col) from None
    except yaml.YAMLError as error:
        raise ParseError(f"invalid YAML: {error}", base_line, 1) from None
    tree = Tree(None)
    if node is None:
        return tree

    def span(n: yaml.Node) -> Span:
        first = file.offset(n.start_mark.line + base_line, n.start_mark.column + 1)
        last = file.offset(n.end_mark.line + base_line, n.end_mark.column + 1)
        if isinstance(n, yaml.ScalarNode) and n.style in ("|", ">"):
            # A block scalar's text starts below its '|' or '>' line, which only says how to read it.
            newline = file.text.find("\n", first, last)
            text = _BLANKS.match(file.text, newline + 1).end() if newline >= 0 else last
            if text < last:
                first = text
        return Span(first, max(first, last))

    count = 0

    def build(n: yaml.Node, path: tuple) -> Any:
        nonlocal count
        count += 1
        if count > MAX_NODES:
            raise ParseError(
                f"YAML document expands to more than {MAX_NODES} values (alias bomb?)",
                n.start_mark.line + base_line, n.start_mark.column + 1)
        if len(path) > MAX_DEPTH:  # a chain of aliases can nest deeper than the text does
            raise ParseError("invalid YAML: nested too deeply",
                             n.start_mark.line + base_line, n.start_mark.column + 1)
        tree.spans[path] = span(n)
        if n.tag not in _PLAIN_TAGS:
            raise ParseError(f"unsupported YAML tag {n.tag!r}: glossary files hold plain data only",
                             n.start_mark.line + base_line, n.start_mark.column + 1)
        if isinstance(n, yaml.MappingNode):
            result: dict[str, Any] = {}
            for key_node, value_node in n.value:
                key = build_key(key_node)
                if key in result:
                    tree.duplicate_keys.append((key, span(key_node)))
                tree.key_spans[path + (key,)] = span(key_node)
                result[key] = build(value_node, path + (key,))
            return result
        if isinstance(n, yaml.SequenceNode):
            items = []
            for i, item in enumerate(n.value):  # a loop, not a comprehension: one frame per level
                items.append(build(item, path + (i,)))
            return items
        try:
            return _scalar.construct_object(n)
        except yaml.YAMLError as error:
            raise ParseError(f"invalid YAML value: {error}", n.start_mark.line + base_line,
                             n.start_mark.column + 1) from None

    def build_key(n: yaml.Node) -> str:
        if not isinstance(n, yaml.ScalarNode):
            raise ParseError("a mapping key must be a plain value, not a list or mapping",
                             n.start_mark.line + base_line, n.start_mark.column + 1)
        key = _scalar.construct_object(n)
        return key if isinstance(key, str) else json.dumps(key) if key is not None else "null"

    tree.value = build(node, ())
    return tree


def _refuse_deep_nesting(text: str, base_line: int) -> None:
    """Raise ParseError when collections nest deeper than MAX_DEPTH.

    The composer recurses once per level (the C one can overflow the stack and
    crash the process), so depth is measured first on the parser's flat events.
    """
    # A bound without parsing: each flow level opens a bracket, and two block levels take at
    # least one more column of indentation or a '- ' / '? ' before a line's content.
    prefix = max((m.end() - m.start() for m in _LINE_PREFIX.finditer(text)), default=0)
    if text.count("[") + text.count("{") + 2 * prefix + 2 <= MAX_DEPTH:
        return
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    raise ParseError("invalid YAML: nested too deeply",
                                     mark.line + base_line, mark.column + 1)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.MarkedYAMLError as error:
        # The parser has nesting limits of its own (libyaml's scanner stops at 1,000 flow
        # levels), worded differently from one release to the next: one message for all.
        mark = error.problem_mark
        if mark is not None and text.count("[", 0, mark.index) + text.count("{", 0, mark.index) > MAX_DEPTH:
            raise ParseError("invalid YAML: nested too deeply",
                             mark.line + base_line, mark.column + 1) from None
        raise


# ---------------------------------------------------------------- JSON

_WS = re.compile(r"[ \t\n\r]*")
_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?")
_LITERALS = {"true": True, "false": False, "null": None}


def parse_json(file: SourceFile) -> Tree:
    """Parse a JSON file, keeping the span of every value and key."""
    reader = _JsonReader(file)
    reader.tree.value, at = reader.value(0, (), 0)
    at = reader.skip(at)
    if at < len(file.text):
        raise reader.fail("extra data after the document", at)
    return reader.tree


class _JsonReader:
    """A recursive-descent JSON reader that records where each value and key is written."""

    def __init__(self, file: SourceFile):
        self.file = file
        self.text = file.text
        self.tree = Tree(None)

    def fail(self, message: str, at: int) -> ParseError:
        line, col = self.file.position(at)
        return ParseError(f"invalid JSON: {message}", line, col)

    def skip(self, at: int) -> int:
        return _WS.match(self.text, at).end()

    def string(self, at: int) -> tuple[str, int]:
        try:
            return json.decoder.scanstring(self.text, at + 1)
        except json.JSONDecodeError as error:
            raise self.fail(error.msg, error.pos) from None

    def value(self, at: int, path: tuple, depth: int) -> tuple[Any, int]:
        # Objects and arrays are read here, not in methods of their own: one Python frame a
        # level keeps MAX_DEPTH levels inside the interpreter's recursion limit.
        if depth > MAX_DEPTH:
            raise self.fail("nested too deeply", at)
        text, tree = self.text, self.tree
        at = self.skip(at)
        start = at
        char = text[at:at + 1]
        if char in ("{", "["):
            close = "}" if char == "{" else "]"
            result: Any = {} if char == "{" else []
            at = self.skip(at + 1)
            if text[at:at + 1] == close:
                at += 1
            else:
                while True:
                    if char == "{":
                        key, at = self.key(at, path, result)
                        result[key], at = self.value(at, path + (key,), depth + 1)
                    else:
                        item, at = self.value(at, path + (len(result),), depth + 1)
                        result.append(item)
                    at = self.skip(at)
                    if text[at:at + 1] == ",":
                        at += 1
                        continue
                    if text[at:at + 1] == close:
                        at += 1
                        break
                    raise self.fail(f"expected ',' or '{close}'", at)
        elif char == '"':
            result, at = self.string(at)
        else:
            result, at = self.scalar(at)
        tree.spans[path] = Span(start, at)
        return result, at

    def key(self, at: int, path: tuple, siblings: dict[str, Any]) -> tuple[str, int]:
        """A member's key and its ':'; returns where its value starts."""
        at = self.skip(at)
        if self.text[at:at + 1] != '"':
            raise self.fail("expected a quoted key", at)
        key_start = at
        key, at = self.string(at)
        if key in siblings:
            self.tree.duplicate_keys.append((key, Span(key_start, at)))
        self.tree.key_spans[path + (key,)] = Span(key_start, at)
        at = self.skip(at)
        if self.text[at:at + 1] != ":":
            raise self.fail("expected ':' after a key", at)
        return key, at + 1

    def scalar(self, at: int) -> tuple[Any, int]:
        """true, false, null or a number."""
        for word, literal in _LITERALS.items():
            if self.text.startswith(word, at):
                return literal, at + len(word)
        match = _NUMBER.match(self.text, at)
        if not match:
            raise self.fail("expected a value", at)
        number = match.group()
        return (float(number) if any(c in number for c in ".eE") else int(number)), match.end()
