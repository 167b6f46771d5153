"""The values that flow through the pipeline: files as read, entries, problems, findings."""

from __future__ import annotations

import bisect
import hashlib
import re
from array import array
from dataclasses import dataclass, field
from enum import IntEnum
from functools import cached_property, lru_cache
from typing import Any, Iterable, Mapping

Path_ = tuple  # a path into an entry's fields, e.g. ("sources", 0, "url")


class Severity(IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, name: str) -> Severity:
        return cls[name.upper()]

    def __str__(self) -> str:
        return self.name.lower()


@dataclass(frozen=True, slots=True)  # a large glossary holds hundreds of thousands
class Span:
    """A stretch of a source file, as character offsets into its text."""

    start: int
    end: int

    def __reduce__(self):
        # A frozen dataclass with slots unpickles through a Python __setstate__, per span:
        # the constructor is 2.5x faster, and the cache reads every span of a glossary.
        return Span, (self.start, self.end)


class SourceFile:
    """One file as read: its display path, its text, and offset -> line/column."""

    def __init__(self, path: str, text: str):
        self.path = path
        self.text = text
        self._line_starts = array("I" if len(text) < 2**32 else "Q", [0])  # compact: a glossary has many lines
        self._line_starts.extend(m.end() for m in re.finditer("\n", text))

    def position(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a character offset."""
        offset = max(0, min(offset, len(self.text)))
        index = bisect.bisect_right(self._line_starts, offset) - 1
        return index + 1, offset - self._line_starts[index] + 1

    def offset(self, line: int, column: int) -> int:
        """Character offset of a 1-based line and column."""
        line = max(1, min(line, len(self._line_starts)))
        return self._line_starts[line - 1] + column - 1

    def __repr__(self) -> str:
        return f"SourceFile({self.path!r})"


_SURROGATE = re.compile("[\ud800-\udfff]")


def encodable(text: str) -> str:
    """``text`` with each lone surrogate (what a JSON ``"\\ud800"`` escape decodes to) made
    U+FFFD, so that spaCy, hashing and every encoder take it; one character for one, so
    offsets into the text stay right."""
    return text if text.isascii() else _SURROGATE.sub("\ufffd", text)


_BLANK = re.compile(r"\s+")
SEPARATORS = re.compile(r"[\s_\-\u2010-\u2015]+")  # space, '_', '-' and dashes: one separator
_PARENTHESES = re.compile(r"(?<!\s)\s*\(([^()]*)\)")  # from the start of a run of blanks only


def normalize_name(name: str) -> str:
    """The form under which terms, ids and aliases meet: case, spaces, '-' and '_' ignored."""
    return SEPARATORS.sub(" ", name.casefold()).strip(" \"'`.,;:")


def name_variants(name: str) -> list[str]:
    """'Boolean (JavaScript)' answers to itself, to 'Boolean' and to 'JavaScript'."""
    return [name, _PARENTHESES.sub("", name), *_PARENTHESES.findall(name)]


def slugify(name: str) -> str:
    return re.sub(r"[^\w]+", "-", name.casefold()).strip("-")


@lru_cache(maxsize=65536)  # one pattern per distinct needle (a term, a phrase): a corpus has thousands
def _blank_pattern(needle: str) -> re.Pattern:
    # Folded YAML and wrapped quotes break a line where the value has a space, and
    # indent the next line: any run of blanks in the needle matches any run in the file.
    return re.compile(r"\s+".join(re.escape(part) for part in _BLANK.split(needle)))


def occurrence(text: str, needle: str, start: int) -> int:
    """How many times ``needle`` occurs in ``text`` before ``start``, counted the way
    ``Entry.locate`` finds it in the file (a needle with blanks, blanks matching blanks)."""
    if not _BLANK.search(needle):
        return text.count(needle, 0, start)
    if _starts_nowhere(text, needle, 0, start):
        return 0  # the usual case: no pattern compiled
    return sum(1 for m in _blank_pattern(needle).finditer(text) if m.start() < start)


def _starts_nowhere(text: str, needle: str, start: int, end: int) -> bool:
    """Whether no match of ``_blank_pattern(needle)`` can start in ``text[start:end]``: the
    needle's first word (a match's first characters) does not start there."""
    first = _BLANK.split(needle, 1)[0]
    return bool(first) and text.find(first, start, end + len(first) - 1) < 0


@dataclass(eq=False)
class Entry:
    """One term, in native fields, every value located in its file.

    ``spans`` maps a path into ``fields`` to where its value is written;
    ``key_spans`` maps a path to where its key is written (for mappings).
    ``raw`` is the entry as its file spells it, before a profile renamed fields.
    """

    file: SourceFile
    fields: dict[str, Any]
    span: Span
    spans: Mapping[Path_, Span] = field(default_factory=dict)
    key_spans: Mapping[Path_, Span] = field(default_factory=dict)
    raw: dict[str, Any] | None = None
    raw_spans: Mapping[Path_, Span] = field(default_factory=dict)
    raw_key_spans: Mapping[Path_, Span] = field(default_factory=dict)
    source: str = ""
    suppressed: frozenset[str] = frozenset()
    # "markdown", or "rst": the reader blanked code and literal blocks already, and a single
    # backtick is a role's, not a code span's
    markup: str = "markdown"

    # Typed access to fields, the one place rules read them through: a value the schema
    # rejects (``aliases: 5``, ``term: 12``, ``related: {a: b}``) reads as absent here, and
    # ``schema.type`` reports it; text comes back encodable (no lone surrogates). An entry's
    # fields do not change once it is built: its names are worked out once (every rule asks).

    def text(self, name: str) -> str:
        """A text field, or '' when it is absent or not text."""
        value = self.fields.get(name)
        if not isinstance(value, str):
            return ""
        return value if value.isascii() else encodable(value)  # asked half a million times a run

    def items(self, name: str) -> list[tuple[int, Any]]:
        """The items of a list field with their indexes, or none when it is not a list."""
        value = self.fields.get(name)
        return list(enumerate(value)) if isinstance(value, list) else []

    def strings(self, name: str) -> list[tuple[int, str]]:
        """The text items of a list field (``aliases``, ``related``, ``tags``) with their indexes."""
        return [(i, encodable(item)) for i, item in self.items(name) if isinstance(item, str)]

    @cached_property
    def term(self) -> str:
        return self.text("term")

    @cached_property
    def id(self) -> str:
        return self.text("id") or slugify(self.term)

    @cached_property
    def aliases(self) -> list[str]:
        return [alias for _, alias in self.strings("aliases")]

    def names(self) -> list[str]:
        """Every name this entry answers to: term, id and aliases (one list, read, never changed)."""
        return self._names

    @cached_property
    def _names(self) -> list[str]:
        return [n for n in (self.term, self.id, *self.aliases) if n]

    def locate(self, path: Path_ = (), needle: str | None = None, *, key: bool = False,
               occurrence: int = 0, raw: bool = False) -> Span:
        """Where a value (or its key, or a piece of text inside it) is written.

        Falls back to the closest enclosing value, then to the entry itself.
        """
        spans = self.raw_spans if raw else self.spans
        key_spans = self.raw_key_spans if raw else self.key_spans
        path = tuple(path)
        if key and path in key_spans:
            return key_spans[path]
        for depth in range(len(path), -1, -1):
            span = spans.get(path[:depth]) or key_spans.get(path[:depth])
            if span is None:
                continue
            if needle and depth == len(path):
                found = self._find(needle, span, occurrence)
                if found is not None:
                    return found
            return span
        return self.span

    def _find(self, needle: str, span: Span, occurrence: int) -> Span | None:
        text = self.file.text
        end = max(span.end, span.start)
        if not _BLANK.search(needle):
            start = span.start
            for _ in range(occurrence + 1):
                at = text.find(needle, start, end)
                if at < 0:
                    return None
                start = at + 1
            return Span(at, at + len(needle))
        if occurrence == 0 and needle == needle.strip():
            at = text.find(needle, span.start, end)
            if at >= 0 and _starts_nowhere(text, needle, span.start, at):
                return Span(at, at + len(needle))  # as written, and no match can start before: no pattern compiled
        for i, match in enumerate(_blank_pattern(needle).finditer(text, span.start, end)):
            if i == occurrence:
                return Span(match.start(), match.end())
        return None

    def is_suppressed(self, rule_id: str) -> bool:
        # Asked for every entry and rule (180,000 times in a 10,000-entry run); most suppress nothing.
        return bool(self.suppressed) and any(rule_id == s or rule_id.startswith(s + ".") or s == "all"
                                             for s in self.suppressed)


@dataclass(frozen=True)
class Related:
    """A second place a problem involves (the other side of a conflict)."""

    entry: Entry
    message: str
    path: Path_ = ()
    needle: str | None = None


@dataclass(frozen=True)
class Problem:
    """What a rule found: the message, and where in the entry it is.

    A corpus-scope rule names the entry; an entry-scope rule may leave it to the engine.
    ``severity``, when given, caps the rule's configured severity (e.g. a hedged claim).
    """

    message: str
    path: Path_ = ()
    needle: str | None = None
    key: bool = False
    occurrence: int = 0
    raw: bool = False
    entry: Entry | None = None
    related: tuple[Related, ...] = ()
    severity: Severity | None = None


@dataclass(frozen=True)
class Location:
    path: str
    line: int
    column: int
    end_line: int | None = None
    end_column: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "path", encodable(self.path))  # a file name may not be UTF-8


@dataclass(frozen=True)
class RelatedLocation:
    location: Location
    message: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "message", encodable(self.message))


@dataclass(frozen=True, order=True)
class Finding:
    """One reported problem; findings sort into the order every report uses."""

    path: str
    line: int
    column: int
    rule: str
    message: str
    severity: Severity = field(compare=False)
    entry: str = field(default="", compare=False)
    end_line: int | None = field(default=None, compare=False)
    end_column: int | None = field(default=None, compare=False)
    related: tuple[RelatedLocation, ...] = field(default=(), compare=False)

    def __post_init__(self) -> None:
        # Glossary text and file names reach every report from here: each encoder must take them.
        for name in ("path", "message", "entry"):
            object.__setattr__(self, name, encodable(getattr(self, name)))

    @property
    def fingerprint(self) -> str:
        """Stable across runs, line moves and edits elsewhere in the file: no line numbers,
        not even those a message quotes for the other side of a conflict (``x.md:12:3``)."""
        message = _QUOTED_POSITION.sub("", self.message)
        key = "\0".join((self.rule, self.path, self.entry, message))
        return hashlib.sha256(key.encode()).hexdigest()[:16]


_QUOTED_POSITION = re.compile(r"(?<=\S):\d+:\d+\b")  # 'glossary/x.md:12:3' -> 'glossary/x.md'


def locate(file: SourceFile, span: Span) -> Location:
    line, column = file.position(span.start)
    end_line, end_column = file.position(span.end)
    return Location(file.path, line, column, end_line, end_column)


def sorted_findings(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(set(findings))
