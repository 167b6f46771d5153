"""Parse YAML and JSON into plain values, with the span of every value and key.

A parsed document is a ``Tree``: ``value`` is plain data (dicts, lists, str, int,
float, bool, None — dates stay strings), ``spans[path]`` is where the value at
``path`` is written and ``key_spans[path]`` where its key is. Parsing is safe:
no object construction, and alias expansion is bounded.

What the rest of the program may rely on:
- no string in a tree (value or key) holds a lone surrogate: a JSON escape such as
  ``"\ud800"`` is read as U+FFFD and its place recorded in ``Tree.replaced``, so the
  reader reports it (``input.encoding``) and nothing downstream ever meets one;
- every int has fewer than 4,300 digits (Python's limit for turning text into an int and
  back): a longer number is a ``ParseError`` located at the number;
- spans are character offsets into the file's text, whatever the parser counts as a
  line break (YAML also breaks lines at U+0085, U+2028 and U+2029; editors do not).
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from typing import Any

import yaml

from gloss_lint.model import SourceFile, Span

MAX_ALIAS_VALUES = 200_000  # values built by expanding aliases ("billion laughs")
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
    replaced: list[Span] = field(default_factory=list)  # lone surrogates, now U+FFFD

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
            paths: dict[tuple, tuple] = {}  # the entries of a file share their relative paths
            for source, target in ((self.spans, spans), (self.key_spans, key_spans)):
                for p, s in source.items():
                    if len(p) >= n:
                        rest = p[n:]
                        target.setdefault(p[:n], {})[paths.setdefault(rest, rest)] = s
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
_SURROGATE = re.compile("[\ud800-\udfff]")
# Short texts recur in every entry (field names, categories, sources, related terms): the parser
# makes a new string for each, a glossary of 10,000 entries keeps a hundred thousand of them.
_SHARED_LENGTH = 64
_SCALAR_TAGS = {f"tag:yaml.org,2002:{name}" for name in
                ("str", "int", "float", "bool", "null", "timestamp", "binary")}
_PLAIN_TAGS = _SCALAR_TAGS | {"tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"}


def parse_yaml(file: SourceFile, start: int = 0, end: int | None = None) -> Tree:
    """Parse ``file.text[start:end]`` (a whole file, or front matter) as one YAML document."""
    text = file.text[start:end]

    def error_at(message: str, mark: yaml.Mark | None) -> ParseError:
        return ParseError(message, *file.position(start + (mark.index if mark else 0)))

    try:
        _refuse_deep_nesting(text, start, file)
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        problem = error.problem or error.context or "invalid YAML"
        raise error_at(f"invalid YAML: {problem}", error.problem_mark or error.context_mark) from None
    except yaml.reader.ReaderError as error:
        raise ParseError(f"invalid YAML: control character U+{error.character:04X} is not allowed",
                         *file.position(start + error.position)) from None
    except yaml.YAMLError as error:
        raise error_at(f"invalid YAML: {error}", None) from None
    tree = Tree(None)
    if node is None:
        return tree

    def span(n: yaml.Node) -> Span:
        first, last = start + n.start_mark.index, start + n.end_mark.index
        if isinstance(n, yaml.ScalarNode) and n.style in ("|", ">"):
            # A block scalar's text starts below its '|' or '>' line, which only says how to read it.
            newline = file.text.find("\n", first, last)
            text = _BLANKS.match(file.text, newline + 1).end() if newline >= 0 else last
            if text < last:
                first = text
        return Span(first, max(first, last))

    built: set[int] = set()  # nodes met once; an alias meets its anchor's node again
    expanded = 0

    def build(n: yaml.Node, path: tuple, alias: Span | None = None) -> Any:
        """``alias``: where the alias is that this node is a copy for, if it is one."""
        nonlocal expanded
        if alias is None and id(n) in built:
            alias = tree.key_spans.get(path) or tree.spans[path[:-1]]
        if alias is not None:
            expanded += 1
            if expanded > MAX_ALIAS_VALUES:
                raise ParseError(f"YAML aliases expand to more than {MAX_ALIAS_VALUES:,} values (alias bomb?)",
                                 *file.position(alias.start))
        else:
            built.add(id(n))
        if len(path) > MAX_DEPTH:  # a chain of aliases can nest deeper than the text does
            raise error_at("invalid YAML: nested too deeply", n.start_mark)
        tree.spans[path] = span(n)
        if n.tag not in _PLAIN_TAGS:
            raise error_at(f"unsupported YAML tag {n.tag!r}: glossary files hold plain data only", n.start_mark)
        if isinstance(n, yaml.MappingNode):
            result: dict[str, Any] = {}
            for key_node, value_node in n.value:
                key = build_key(key_node)
                if key in result:
                    tree.duplicate_keys.append((key, span(key_node)))
                tree.key_spans[path + (key,)] = span(key_node)
                result[key] = build(value_node, path + (key,), alias)
            return result
        if isinstance(n, yaml.SequenceNode):
            items = []
            for i, item in enumerate(n.value):  # a loop, not a comprehension: one frame per level
                items.append(build(item, path + (i,), alias))
            return items
        return scalar(n)

    def scalar(n: yaml.ScalarNode) -> Any:
        if n.tag not in _SCALAR_TAGS:  # '!!seq text', or a tag on a key
            raise error_at(f"unsupported YAML tag {n.tag!r} on a plain value", n.start_mark)
        try:  # straight to the tag's constructor: construct_object would keep every node it met
            value = _scalar.yaml_constructors[n.tag](_scalar, n)
        except yaml.YAMLError as error:
            raise error_at(f"invalid YAML value: {error}", n.start_mark) from None
        except ValueError:  # an int over Python's 4,300-digit limit
            raise error_at(f"a number of {len(n.value):,} digits is too long to read", n.start_mark) from None
        if isinstance(value, str) and _SURROGATE.search(value):  # only the pure-Python parser lets them by
            value = _without_surrogates(value)
            tree.replaced.append(span(n))
        if type(value) is str and len(value) <= _SHARED_LENGTH:
            value = sys.intern(value)  # keys, categories, sources, related terms: one copy each
        return value

    def build_key(n: yaml.Node) -> str:
        if not isinstance(n, yaml.ScalarNode):
            raise error_at("a mapping key must be a plain value, not a list or mapping", n.start_mark)
        key = scalar(n)
        return key if isinstance(key, str) else json.dumps(key) if key is not None else "null"

    tree.value = build(node, ())
    return tree


def _without_surrogates(text: str) -> str:
    """Pairs joined into the character they spell, lone surrogates made U+FFFD."""
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def _refuse_deep_nesting(text: str, start: int, file: SourceFile) -> None:
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
                    raise ParseError("invalid YAML: nested too deeply",
                                     *file.position(start + event.start_mark.index))
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.MarkedYAMLError as error:
        # The parser has nesting limits of its own (libyaml's scanner stops at 1,000 flow
        # levels), worded differently from one release to the next: one message for all.
        mark = error.problem_mark
        if mark is not None and text.count("[", 0, mark.index) + text.count("{", 0, mark.index) > MAX_DEPTH:
            raise ParseError("invalid YAML: nested too deeply", *file.position(start + mark.index)) from None
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
            result, end = json.decoder.scanstring(self.text, at + 1)
        except json.JSONDecodeError as error:
            raise self.fail(error.msg, error.pos) from None
        if _SURROGATE.search(result):
            self.tree.replaced.extend(_lone_escapes(self.text, at, end))
            result = _without_surrogates(result)
        return result, end

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
        try:
            return (float(number) if any(c in number for c in ".eE") else int(number)), match.end()
        except ValueError:  # an int over Python's 4,300-digit limit
            raise self.fail(f"a number of {len(number):,} digits is too long to read", at) from None


_ESCAPE = re.compile(r"\\(?:u([0-9a-fA-F]{4})|.)", re.S)


def _lone_escapes(text: str, start: int, end: int) -> list[Span]:
    """Where the ``\\uXXXX`` escapes of the JSON string ``text[start:end]`` spell lone surrogates."""
    found: list[Span] = []
    escapes = [(m.start(), int(m.group(1), 16)) for m in _ESCAPE.finditer(text, start, end) if m.group(1)]
    paired = False
    for i, (at, code) in enumerate(escapes):
        if paired:  # the low half of a pair
            paired = False
            continue
        following = escapes[i + 1] if i + 1 < len(escapes) else None
        if 0xD800 <= code <= 0xDBFF and following and following[0] == at + 6 and 0xDC00 <= following[1] <= 0xDFFF:
            paired = True
        elif 0xD800 <= code <= 0xDFFF:
            found.append(Span(at, at + 6))
    return found
