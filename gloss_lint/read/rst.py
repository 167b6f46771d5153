"""reStructuredText: the entries of Sphinx ``.. glossary::`` directives, and a page's prose.

A glossary directive holds groups of term lines (several on consecutive lines are
one entry's term and aliases; ``term : key`` gives an index key, dropped) each
followed by an indented definition. Literal blocks (after ``::``), code
directives and comments are not prose: ``prose`` blanks them (same length, so
offsets stay the file's), and a ``.. glossary::`` shown inside a literal block is
an example, not a glossary. Other directives keep their content; their markup
line and options are blanked.
"""

from __future__ import annotations

import re
from pathlib import Path

from gloss_lint.model import SourceFile, Span
from gloss_lint.read.documents import own_fields
from gloss_lint.read.entries import ReadResult, add_entry, entry_from_tree
from gloss_lint.read.located import Tree
from gloss_lint.read.markup import paired
from gloss_lint.read.profiles import Profile

_DIRECTIVE = re.compile(r"^([ \t]*)\.\.[ \t]+([\w:.+-]+)[ \t]*::(.*)$")
_EXPLICIT = re.compile(r"^[ \t]*\.\.(?:[ \t]|$)")  # a comment, a target, a substitution
_NOTE = re.compile(r"^[ \t]*\.\.[ \t]+\[[^\]]+\][ \t]")  # a footnote or citation: its text is prose
_OPTION = re.compile(r"^[ \t]*:[\w-]+:")
# ``inline literal``: an opener paired with the first closer after it (see markup.paired).
_LITERAL_START = re.compile(r"``(?!\s)")
_LITERAL_END = re.compile(r"(?<!\s)``")
_INDEX_KEY = re.compile(r"(?<![ \t])[ \t]+:[ \t]+\S.*$")  # 'term 1 : A'
_CODE_DIRECTIVES = {"code-block", "code", "sourcecode", "literalinclude", "doctest", "testcode",
                    "testoutput", "testsetup", "testcleanup", "productionlist", "math", "raw",
                    "parsed-literal", "graphviz", "digraph", "graph", "highlight",
                    "autosummary", "toctree"}


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


class _Lines:
    """A text's lines with their offsets, and the indented block after a line."""

    def __init__(self, text: str):
        self.lines = text.split("\n")
        self.starts = [0]
        for line in self.lines:
            self.starts.append(self.starts[-1] + len(line) + 1)

    def block_end(self, i: int, indent: int) -> int:
        """The index of the first line after line ``i``'s indented block (blank lines inside it)."""
        k = i + 1
        while k < len(self.lines) and (not self.lines[k].strip() or _indent(self.lines[k]) > indent):
            k += 1
        while k > i + 1 and not self.lines[k - 1].strip():
            k -= 1
        return k

    def span(self, first: int, after: int) -> tuple[int, int]:
        """Offsets from line ``first`` to the end of line ``after - 1`` (empty when none)."""
        start = min(self.starts[first], self.starts[-1] - 1)  # the last line has no newline
        return start, self.starts[after] - 1 if after > first else start


def non_prose(text: str) -> list[tuple[int, int]]:
    """Offsets of what is not prose: literal blocks, code directives, comments, directive markup."""
    lines = _Lines(text)
    ranges = list(paired(text, _LITERAL_START, lambda m: _LITERAL_END))
    i = 0
    while i < len(lines.lines):
        line = lines.lines[i]
        directive = _DIRECTIVE.match(line)
        if directive:
            end = lines.block_end(i, _indent(line))
            if directive.group(2) in _CODE_DIRECTIVES:
                ranges.append(lines.span(i, end))
                i = end
                continue
            k = i + 1  # the directive line and its options are markup; its content is read on
            while k < end and _OPTION.match(lines.lines[k]):
                k += 1
            ranges.append(lines.span(i, k))
            i = k
            continue
        note = _NOTE.match(line)
        if note:
            ranges.append((lines.starts[i], lines.starts[i] + note.end()))
        elif _EXPLICIT.match(line):
            end = lines.block_end(i, _indent(line))
            ranges.append(lines.span(i, end))
            i = end
            continue
        if line.rstrip().endswith("::"):  # 'Example::' — the indented block after it is literal
            end = lines.block_end(i, _indent(line))
            if end > i + 1:
                ranges.append(lines.span(i + 1, end))
            i = end
            continue
        i += 1
    return sorted(ranges)


def prose(text: str) -> str:
    """``text`` with everything that is not prose blanked (newlines kept, same length)."""
    chars = list(text)
    for start, end in non_prose(text):
        for k in range(start, end):
            if chars[k] != "\n":
                chars[k] = " "
    return "".join(chars)


def glossary_blocks(text: str) -> list[tuple[int, int]]:
    """The line ranges (first line after the directive, end) of each real ``.. glossary::``."""
    lines = _Lines(text)
    literal = [r for r in non_prose(text)]
    found = []
    for i, line in enumerate(lines.lines):
        directive = _DIRECTIVE.match(line)
        if not directive or directive.group(2) != "glossary":
            continue
        at = lines.starts[i] + len(directive.group(1))
        if any(start <= at < end for start, end in literal if start != lines.starts[i]):
            continue  # an example of the directive inside a literal block
        found.append((i + 1, lines.block_end(i, _indent(line))))
    return found


def read_glossaries(file: SourceFile, path: Path, profile: Profile, result: ReadResult) -> None:
    """One entry per term group of every ``.. glossary::`` directive in the file."""
    text = file.text
    lines = _Lines(text)
    shown = prose(text)
    for first, end in glossary_blocks(text):
        k = first
        while k < end and (not lines.lines[k].strip() or _OPTION.match(lines.lines[k])):
            k += 1  # ':sorted:' and other options
        if k >= end:
            continue
        term_indent = _indent(lines.lines[k])
        group: list[int] = []  # the term lines of the entry being read
        definition_from = None
        for j in range(k, end + 1):
            line = lines.lines[j] if j < end else ""
            at_term = j < end and line.strip() and _indent(line) == term_indent
            if j == end or (at_term and definition_from is not None):
                if group:
                    _add(file, path, profile, result, lines, shown, group, definition_from or group[-1] + 1, j)
                group, definition_from = [], None
            if j == end:
                break
            if at_term:
                group.append(j)
            elif line.strip() and _indent(line) > term_indent and definition_from is None and group:
                definition_from = j


def _add(file: SourceFile, path: Path, profile: Profile, result: ReadResult, lines: _Lines, shown: str,
         group: list[int], first: int, after: int) -> None:
    value: dict = {}
    spans: dict[tuple, Span] = {}
    names = []
    for j in group:
        line = lines.lines[j]
        name = _INDEX_KEY.sub("", line.strip())
        start = lines.starts[j] + _indent(line)
        names.append((name, Span(start, start + len(name))))
    (term, term_span), aliases = names[0], names[1:]
    value["term"], spans[("term",)] = term, term_span
    if aliases:
        value["aliases"] = [name for name, _ in aliases]
        spans[("aliases",)] = Span(aliases[0][1].start, aliases[-1][1].end)
        for n, (_, where) in enumerate(aliases):
            spans[("aliases", n)] = where
    start, end = lines.span(first, after)
    paragraphs = [m.span() for m in re.finditer(r"\S(?:.*?\S)?(?=\n[ \t]*\n|\s*$)", shown[start:end], re.S)]
    if paragraphs:
        d_start, d_end = start + paragraphs[0][0], start + paragraphs[0][1]
        value["definition"], spans[("definition",)] = shown[d_start:d_end], Span(d_start, d_end)
        rest = shown[d_end:end]
        if rest.strip():
            b_start = d_end + len(rest) - len(rest.lstrip())
            b_end = d_end + len(rest.rstrip())
            value["body"], spans[("body",)] = shown[b_start:b_end], Span(b_start, b_end)
    entry = entry_from_tree(file, Tree(value, spans), Span(lines.starts[group[0]], max(end, term_span.end)),
                            profile, path)
    entry.markup = "rst"
    add_entry(result, own_fields(entry), profile)
