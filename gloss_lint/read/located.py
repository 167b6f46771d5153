"""Parse YAML and JSON into plain values, with the span of every value and key.

A parsed document is a ``Tree``: ``value`` is plain data (dicts, lists, str, int,
float, bool, None — dates stay strings), ``spans[path]`` is where the value at
``path`` is written and ``key_spans[path]`` where its key is (``Located``: read from
the offsets the parser recorded, no span built until one is asked for). Parsing is
safe: no object construction, and alias expansion is bounded.

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
from array import array
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Iterator

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


class Located(Mapping):
    """Where each value below ``value`` is written, by path into it (with ``keys``, where each key is).

    The parser records the start and end of every node in the order it reads them: a value's
    own, then, in a mapping, each key's before its value's. A path's place in that order is
    found by walking ``value`` the same way, so no map of paths and no span is built until one
    is asked for (a glossary of 10,000 entries has some 150,000 positions, most never asked
    for). The offsets are the whole file's, shared by the views of all its entries.
    """

    __slots__ = ("value", "offsets", "base", "keys", "_places")

    def __init__(self, value: Any, offsets: array | list[int], base: int = 0, keys: bool = False):
        self.value = value
        self.offsets = offsets
        self.base = base  # the slot of ``value``'s own node
        self.keys = keys
        self._places: dict[int, tuple[Any, Any]] | None = None  # see _place

    def __reduce__(self):
        return Located, (self.value, self.offsets, self.base, self.keys)

    def _place(self, value: dict | list, step: Any) -> int:
        """How many slots after ``value``'s own the item ``step`` of it starts (at its key, in a
        mapping). Counted once for a long list or mapping (a file's entries), then looked up."""
        if len(value) <= 16:  # counted up to ``step`` only: {entries: [...]} has one key, and a long list
            at = 1
            for name, item in value.items() if type(value) is dict else enumerate(value):
                if name == step:
                    return at
                at += _size(item) + (type(value) is dict)
        if self._places is None:
            self._places = {}
        kept = self._places.get(id(value))
        if kept is None:
            kept = self._places[id(value)] = (value, _places(value))  # the value kept: its id stays its own
        return kept[1][step]

    def _slots(self, path: tuple) -> tuple[Any, int, int | None] | None:
        """The value at ``path``, its slot and its key's slot (None at the top or in a list)."""
        value, at, key_at = self.value, self.base, None
        for step in path:
            if type(value) is dict:
                if step not in value:
                    return None
                key_at = at + self._place(value, step)
                at = key_at + 1
            elif type(value) is list and isinstance(step, int) and 0 <= step < len(value):
                at += self._place(value, step)
                key_at = None
            else:
                return None
            value = value[step]
        return value, at, key_at

    def _span(self, slot: int | None) -> Span | None:
        if slot is None or 2 * slot + 1 >= len(self.offsets):
            return None
        return Span(self.offsets[2 * slot], self.offsets[2 * slot + 1])

    def get(self, path: tuple, default: Any = None) -> Any:
        found = self._slots(path)
        span = found and self._span(found[2] if self.keys else found[1])
        return default if span is None else span

    def __getitem__(self, path: tuple) -> Span:
        span = self.get(path)
        if span is None:
            raise KeyError(path)
        return span

    def __contains__(self, path: object) -> bool:
        return isinstance(path, tuple) and self.get(path) is not None

    def items(self) -> list[tuple[tuple, Span]]:  # type: ignore[override]
        found: list[tuple[tuple, int]] = []
        _walk(self.value, (), self.base, found, self.keys)
        return [(path, span) for path, slot in found if (span := self._span(slot)) is not None]

    def __iter__(self) -> Iterator[tuple]:
        return iter([path for path, _ in self.items()])

    def __len__(self) -> int:
        return len(self.items())

    def children(self, path: tuple) -> dict[Any, Located]:
        """Each value right under ``path``, by its key or index, its paths made relative to it
        (in one pass: the entries of a file are its list's items)."""
        value, at, _ = self._slots(path)
        places = _places(value) if type(value) in (dict, list) else []
        if type(places) is dict:  # a mapping's places are its keys': each value follows its key
            return {name: Located(value[name], self.offsets, at + place + 1) for name, place in places.items()}
        return {i: Located(value[i], self.offsets, at + place) for i, place in enumerate(places)}

    def of_keys(self) -> Located:
        """Where the keys of the same values are written."""
        return Located(self.value, self.offsets, self.base, keys=True)

    def under(self, path: tuple) -> list[tuple[tuple, Span]]:
        """(rest, span) of each path in here that starts with ``path``, ``rest`` the path after it."""
        found = self._slots(path)
        if found is None:
            return []
        value, at, key_at = found
        own = self._span(key_at) if self.keys else None
        return ([((), own)] if own else []) + Located(value, self.offsets, at, self.keys).items()


def _places(value: dict | list) -> dict[Any, int] | list[int]:
    """Where each item of a mapping (by key: where its key is) or of a list starts, in slots
    after the container's own."""
    places: Any = {} if type(value) is dict else []
    at = 1
    if type(value) is dict:
        for name, item in value.items():
            places[name] = at
            at += 1 + _size(item)
    else:
        for item in value:
            places.append(at)
            at += _size(item)
    return places


def _size(value: Any) -> int:
    """How many nodes a value was read from: its own, and its keys' and values' below it."""
    if type(value) is dict:
        return 1 + sum(1 + _size(item) for item in value.values())
    if type(value) is list:
        return 1 + sum(_size(item) for item in value)
    return 1


def _walk(value: Any, path: tuple, at: int, found: list[tuple[tuple, int]], keys: bool) -> int:
    """Add (path, slot) of ``value`` and of each value below it (of each key below it, with
    ``keys``) to ``found``, in the order read; return the slot that follows them."""
    if not keys:
        found.append((path, at))
    at += 1
    if type(value) is dict:
        for name, item in value.items():
            if keys:
                found.append((path + (name,), at))
            at = _walk(item, path + (name,), at + 1, found, keys)
    elif type(value) is list:
        for i, item in enumerate(value):
            at = _walk(item, path + (i,), at, found, keys)
    return at


def under(spans: Mapping, path: tuple) -> list[tuple[tuple, Span]]:
    """(rest, span) of each path in ``spans`` that starts with ``path`` (a map or ``Located``)."""
    if isinstance(spans, Located):
        return spans.under(path)
    n = len(path)
    return [(p[n:], s) for p, s in spans.items() if p[:n] == path]


class _Pairs:
    """Where the offsets of each key of one mapping being read lie (its own, then its value's).
    A key given twice keeps its first place in the mapping and takes its last value: the last
    pair's offsets are moved to the first one's place, so that walking the value finds them."""

    def __init__(self, offsets: list[int]):
        self.offsets = offsets
        self.at: dict[str, tuple[int, int]] = {}

    def read(self, key: str, first: int) -> None:
        """The pair of ``key`` was read: its offsets run from ``first`` to the end."""
        offsets = self.offsets
        if key not in self.at:
            self.at[key] = (first, len(offsets))
            return
        start, end = self.at[key]
        pair = offsets[first:]
        del offsets[first:]
        offsets[start:end] = pair
        shift = len(pair) - (end - start)
        self.at = {name: (a + shift, b + shift) if a > start else (a, b) for name, (a, b) in self.at.items()}
        self.at[key] = (start, start + len(pair))


def _packed(offsets: list[int], text: str) -> array:
    return array("I" if len(text) < 2**32 else "Q", offsets)


@dataclass
class Tree:
    value: Any
    spans: Mapping[tuple, Span] = field(default_factory=dict)
    key_spans: Mapping[tuple, Span] = field(default_factory=dict)
    duplicate_keys: list[tuple[str, Span]] = field(default_factory=list)
    replaced: list[Span] = field(default_factory=list)  # lone surrogates, now U+FFFD

    _children: dict[tuple, dict] = field(default_factory=dict, repr=False)

    def subtree(self, path: tuple) -> Tree:
        """The tree below ``path`` (of a parsed document), its paths made relative to it."""
        if not path:
            return self
        if path[:-1] not in self._children:  # once per list of entries: splitting a file is linear
            self._children[path[:-1]] = self.spans.children(path[:-1])
        spans = self._children[path[:-1]][path[-1]]
        return Tree(spans.value, spans, spans.of_keys())


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
_TEXT_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("str", "timestamp", "binary")}  # read as written


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

    def span(n: yaml.Node) -> tuple[int, int]:
        first, last = start + n.start_mark.index, start + n.end_mark.index
        if isinstance(n, yaml.ScalarNode) and n.style in ("|", ">"):
            # A block scalar's text starts below its '|' or '>' line, which only says how to read it.
            newline = file.text.find("\n", first, last)
            text = _BLANKS.match(file.text, newline + 1).end() if newline >= 0 else last
            if text < last:
                first = text
        return first, max(first, last)

    offsets: list[int] = []  # each node's start and end, in the order read (see Located)
    built: set[int] = set()  # nodes met once; an alias meets its anchor's node again
    expanded = 0

    def build(n: yaml.Node, depth: int, around: tuple[int, int] | None,
              alias: tuple[int, int] | None = None) -> Any:
        """``around``: where the key (or the list) this node is under is written; ``alias``:
        where the alias is that this node is a copy for, if it is one."""
        nonlocal expanded
        if alias is None and id(n) in built:
            alias = around
        if alias is not None:
            expanded += 1
            if expanded > MAX_ALIAS_VALUES:
                raise ParseError(f"YAML aliases expand to more than {MAX_ALIAS_VALUES:,} values (alias bomb?)",
                                 *file.position(alias[0]))
        else:
            built.add(id(n))
        if depth > MAX_DEPTH:  # a chain of aliases can nest deeper than the text does
            raise error_at("invalid YAML: nested too deeply", n.start_mark)
        where = span(n)  # an alias's copy: where its anchor's node is
        offsets.extend(where)
        if n.tag not in _PLAIN_TAGS:
            raise error_at(f"unsupported YAML tag {n.tag!r}: glossary files hold plain data only", n.start_mark)
        if isinstance(n, yaml.MappingNode):
            result: dict[str, Any] = {}
            pairs = _Pairs(offsets)
            for key_node, value_node in n.value:
                key = build_key(key_node)
                first = len(offsets)
                key_span = span(key_node)
                if key in result:
                    tree.duplicate_keys.append((key, Span(*key_span)))
                offsets.extend(key_span)
                result[key] = build(value_node, depth + 1, key_span, alias)
                pairs.read(key, first)
            return result
        if isinstance(n, yaml.SequenceNode):
            items = []
            for item in n.value:  # a loop, not a comprehension: one frame per level
                items.append(build(item, depth + 1, where, alias))
            return items
        return scalar(n)

    def scalar(n: yaml.ScalarNode) -> Any:
        if n.tag not in _SCALAR_TAGS:  # '!!seq text', or a tag on a key
            raise error_at(f"unsupported YAML tag {n.tag!r} on a plain value", n.start_mark)
        if n.tag in _TEXT_TAGS:
            value = n.value  # what their constructor gives, a third of the time
        else:
            try:  # straight to the tag's constructor: construct_object would keep every node it met
                value = _scalar.yaml_constructors[n.tag](_scalar, n)
            except yaml.YAMLError as error:
                raise error_at(f"invalid YAML value: {error}", n.start_mark) from None
            except ValueError:  # an int over Python's 4,300-digit limit
                raise error_at(f"a number of {len(n.value):,} digits is too long to read", n.start_mark) from None
        if type(value) is str:
            # Only the pure-Python parser lets lone surrogates by.
            if not value.isascii() and _SURROGATE.search(value):
                value = _without_surrogates(value)
                tree.replaced.append(Span(*span(n)))
            if len(value) <= _SHARED_LENGTH:
                value = sys.intern(value)  # keys, categories, sources, related terms: one copy each
        return value

    def build_key(n: yaml.Node) -> str:
        if not isinstance(n, yaml.ScalarNode):
            raise error_at("a mapping key must be a plain value, not a list or mapping", n.start_mark)
        key = scalar(n)
        return key if isinstance(key, str) else json.dumps(key) if key is not None else "null"

    try:
        tree.value = build(node, 0, None)
    finally:
        build = None  # it calls itself, a cycle that would keep what it read until a late collection
    tree.spans = Located(tree.value, _packed(offsets, file.text))
    tree.key_spans = tree.spans.of_keys()
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
    prefix = max(map(len, _LINE_PREFIX.findall(text)), default=0)
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
    value, at = reader.value(0, 0)
    at = reader.skip(at)
    if at < len(file.text):
        raise reader.fail("extra data after the document", at)
    reader.tree.value = value
    reader.tree.spans = Located(value, _packed(reader.offsets, file.text))
    reader.tree.key_spans = reader.tree.spans.of_keys()
    return reader.tree


class _JsonReader:
    """A recursive-descent JSON reader that records where each value and key is written."""

    def __init__(self, file: SourceFile):
        self.file = file
        self.text = file.text
        self.tree = Tree(None)
        self.offsets: list[int] = []  # each value's start and end, in the order read (see Located)

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

    def value(self, at: int, depth: int) -> tuple[Any, int]:
        # Objects and arrays are read here, not in methods of their own: one Python frame a
        # level keeps MAX_DEPTH levels inside the interpreter's recursion limit.
        if depth > MAX_DEPTH:
            raise self.fail("nested too deeply", at)
        text, offsets = self.text, self.offsets
        at = self.skip(at)
        start = at
        slot = len(offsets)
        offsets += (start, start)  # its end is known once it is read
        char = text[at:at + 1]
        if char in ("{", "["):
            close = "}" if char == "{" else "]"
            result: Any = {} if char == "{" else []
            pairs = _Pairs(offsets) if char == "{" else None
            at = self.skip(at + 1)
            if text[at:at + 1] == close:
                at += 1
            else:
                while True:
                    if char == "{":
                        first = len(offsets)
                        key, at = self.key(at, result)
                        result[key], at = self.value(at, depth + 1)
                        pairs.read(key, first)
                    else:
                        item, at = self.value(at, depth + 1)
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
        offsets[slot + 1] = at
        return result, at

    def key(self, at: int, siblings: dict[str, Any]) -> tuple[str, int]:
        """A member's key and its ':'; returns where its value starts."""
        at = self.skip(at)
        if self.text[at:at + 1] != '"':
            raise self.fail("expected a quoted key", at)
        key_start = at
        key, at = self.string(at)
        if key in siblings:
            self.tree.duplicate_keys.append((key, Span(key_start, at)))
        self.offsets += (key_start, at)
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
