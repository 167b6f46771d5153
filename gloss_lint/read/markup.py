"""Prose inside markup: a field's text with code, URLs, tags and shortcodes blanked out.

Prose rules (readability, style) read ``mask(text)``: the same length as the text,
every character of markup replaced by a space, so an offset found in the mask is
the offset of the same words in the field and a finding quotes the field exactly.
Link texts and the shown text of glossary shortcodes stay, since a reader reads them.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from typing import Callable, Iterator

# Every pattern here runs in time linear in the text (tests/test_regex_linear.py): no class that
# an unclosed opener could scan to the end of the text from each of many openers, no two
# quantifiers that could share a run of blanks. Openers closed by the first closer after them
# (tags, shortcodes, macros, code spans, emphasis) are paired in one pass, not by '.*?'.

# Blanked whole: a reader does not read them as prose.
_CODE_BLOCK = re.compile(r"^[ \t]*(```|~~~)[^\n]*\n.*?(?:^[ \t]*\1[^\n]*$|\Z)", re.M | re.S)
_HTML_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_BACKTICKS = re.compile(r"`+")
_CODE_TAG = re.compile(r"<(code|pre|kbd|samp|script|style)\b[^<>]*>", re.I)
_IMAGE = re.compile(r"!\[[^\[\]\n]*\]\([^()\n]*\)")
_URL = re.compile(r"<?\b(?:https?://|ftp://|www\.)[^\s<>()\[\]\"'`]*(?:\([^\s()]*\)[^\s<>()\[\]\"'`]*)*>?")
_HTML_TAG = re.compile(r"</?[A-Za-z][\w:-]*(?:\s[^<>]*)?/?>")
_TABLE_RULE = re.compile(r"^[ \t]*+\|?[ \t]*+:?-{3,}.*$", re.M)

# Partly kept: the text a reader sees stays, the syntax around it goes.
_MD_LINK = re.compile(r"\[([^\[\]\n]+)\](\([^()\n]*(?:\([^()\n]*\)[^()\n]*)*\)|\[[^\[\]\n]*\])")
_WIKI_LINK = re.compile(r"\[\[(?:[^\[|\]\n]+\|)?([^\[|\]\n]+)\]\]")
# Hugo shortcodes: {{< glossary_tooltip text="control plane" term_id="control-plane" >}}.
_HUGO = re.compile(r"\{\{[<%]")
_HUGO_END = re.compile(r"[>%]\}\}")
_HUGO_TEXT = re.compile(r"""\btext\s*=\s*["']([^"']*)["']""")
# Kuma/KumaScript macros (MDN): {{Glossary("Term", "shown")}}, {{domxref("Window.fetch()")}}.
_MACRO = re.compile(r"\{\{\s*+([A-Za-z][\w-]*+)\s*+")
_MACRO_ARGS_END = re.compile(r"\)\s*+\}\}")
_MACRO_ARGS = re.compile(r"""["']([^"']*)["']""")
_SHOWN_MACROS = {"glossary"}  # their (last) text argument is prose
_EMPHASIS_RUN = re.compile(r"\*+|_+")


def paired(text: str, opener: re.Pattern, closer: Callable[[re.Match], re.Pattern]) -> Iterator[tuple[int, int]]:
    """(start, end) from each opener to the first closer after it, left to right, as
    ``opener.*?closer`` would find them, in one pass: once an opener finds no closer,
    no later opener of its kind will."""
    dead: set[re.Pattern] = set()
    at = 0
    while (m := opener.search(text, at)) is not None:
        kind = closer(m)
        close = None if kind in dead else kind.search(text, m.end())
        if close is None:
            dead.add(kind)
            at = m.start() + 1
            continue
        yield m.start(), close.end()
        at = close.end()


@lru_cache(maxsize=16)
def _end_tag(name: str) -> re.Pattern:
    return re.compile(rf"</{name}\s*+>", re.I)


def _code_tags(text: str) -> Iterator[tuple[int, int]]:
    return paired(text, _CODE_TAG, lambda m: _end_tag(m.group(1).lower()))


def _hugo(text: str) -> Iterator[tuple[int, int]]:
    return paired(text, _HUGO, lambda m: _HUGO_END)


def _code_spans(text: str) -> Iterator[tuple[int, int]]:
    """Code spans: a run of backticks to the next run of the same length (CommonMark)."""
    runs = [(m.start(), m.end() - m.start()) for m in _BACKTICKS.finditer(text)]
    by_length: dict[int, list[int]] = {}
    for i, (_, length) in enumerate(runs):
        by_length.setdefault(length, []).append(i)
    i = 0
    while i < len(runs):
        start, length = runs[i]
        same = by_length[length]
        j = bisect_right(same, i)
        if j < len(same):
            close_start, _ = runs[same[j]]
            yield start, close_start + length
            i = same[j] + 1
        else:
            i += 1


def _macros(text: str) -> Iterator[tuple[int, int, str, int, int]]:
    """``{{name}}`` and ``{{name(args)}}``: (start, end, name, args start, args end)."""
    no_close = False  # no ')}}' after some point: no later macro with arguments closes
    at = 0
    while (m := _MACRO.search(text, at)) is not None:
        after = m.end()
        if text.startswith("(", after) and not no_close:
            close = _MACRO_ARGS_END.search(text, after + 1)
            if close is not None:
                yield m.start(), close.end(), m.group(1), after + 1, close.start()
                at = close.end()
                continue
            no_close = True
        if text.startswith("}}", after):
            yield m.start(), after + 2, m.group(1), after, after
            at = after + 2
        else:
            at = m.start() + 1


def _emphasis(text: str) -> Iterator[tuple[int, int, int, int]]:
    """``*em*``, ``**strong**``, ``_em_``: (opener start, opener end, closer start, closer end).

    An opener is a run of one to three '*' or '_' after neither a word character nor '*',
    before a character that is neither blank nor '*' or '_'; it closes at the first run of the
    same characters on its line that follows a character neither blank nor '*' or '_', and is
    followed by neither a word character nor '*'.
    """
    def word(c: str) -> bool:
        return c.isalnum() or c in "_*"

    def blank(c: str) -> bool:
        return c.isspace() or c in "*_"

    runs = [(m.start(), m.end()) for m in _EMPHASIS_RUN.finditer(text)]
    padded = f" {text} "  # padded[i + 1] is text[i]; the ends of the text read as blanks
    closers: dict[str, list[int]] = {}  # a run's text -> starts of the runs that can close it
    for start, end in runs:
        if not blank(padded[start]) and not word(padded[end + 1]):
            closers.setdefault(text[start:end], []).append(start)
    newlines = [m.start() for m in re.finditer("\n", text)]
    taken = 0  # the text before this is inside an emphasis already found
    for start, end in runs:
        if start < taken or end - start > 3 or word(padded[start]) or blank(padded[end + 1]):
            continue
        candidates = closers.get(text[start:end], [])
        k = bisect_right(candidates, end)
        line_end = bisect_right(newlines, end)
        if k < len(candidates) and (line_end == len(newlines) or candidates[k] < newlines[line_end]):
            close = candidates[k]
            yield start, end, close, close + end - start
            taken = close + end - start


def _blank(chars: list[str], start: int, end: int) -> None:
    for i in range(start, end):
        if chars[i] != "\n":
            chars[i] = " "


@lru_cache(maxsize=4096)
def mask(text: str) -> str:
    """``text`` with markup blanked: same length, newlines kept, prose where it was."""
    if not any(c in text for c in "`<[{*_/~") and "www." not in text:
        return text
    masked, marks = _marked(text)
    chars = list(masked)
    for start, end in marks:
        _blank(chars, start, end)
    return "".join(chars)


@lru_cache(maxsize=4096)
def _marked(text: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """``text`` with every markup but emphasis blanked, and where the emphasis marks are."""
    chars = list(text)
    taken = [False] * len(text)

    def free(start: int, end: int) -> bool:
        return not any(taken[start:end])

    def take(start: int, end: int, keep: tuple[int, int] | None = None) -> None:
        _blank(chars, start, end)
        for i in range(start, end):
            taken[i] = True
        if keep:
            chars[keep[0]:keep[1]] = text[keep[0]:keep[1]]

    for start, end in _code(text):
        if free(start, end):
            take(start, end)
    for start, end in _hugo(text):
        if free(start, end):
            shown = _HUGO_TEXT.search(text, start, end)
            take(start, end, shown.span(1) if shown else None)
    for start, end, name, args_start, args_end in _macros(text):
        if free(start, end):
            take(start, end, _shown_argument(text, name, args_start, args_end))
    for pattern in (_IMAGE, _URL, _TABLE_RULE):
        for m in pattern.finditer(text):
            if free(m.start(), m.end()):
                take(m.start(), m.end())
    for m in _WIKI_LINK.finditer(text):
        if free(m.start(), m.end()):
            take(m.start(), m.end(), (m.start(1), m.end(1)))
    for m in _MD_LINK.finditer(text):
        # The brackets decide: a code span may be the link text ([`fetch()`](/docs/…)),
        # and the URL may already be blanked, but a link inside code is no link.
        if not taken[m.start()] and not taken[m.end(1)]:
            take(m.start(), m.start(1))
            take(m.end(1), m.end())
    for m in _HTML_TAG.finditer(text):
        if free(m.start(), m.end()):
            take(m.start(), m.end())
    masked = "".join(chars)
    # Emphasis markers go last, on what is left: '**closure**' reads as 'closure'.
    marks = tuple(span for a, b, c, d in _emphasis(masked) for span in ((a, b), (c, d)))
    return masked, marks


def _code(text: str) -> list[tuple[int, int]]:
    return [*(m.span() for p in (_CODE_BLOCK, _HTML_COMMENT) for m in p.finditer(text)),
            *_code_tags(text), *_code_spans(text)]


def _shown_argument(text: str, name: str, start: int, end: int) -> tuple[int, int] | None:
    """Where the shown text of a ``{{Glossary("Term", "shown")}}`` macro is (its last argument)."""
    if name.casefold() not in _SHOWN_MACROS or start == end:
        return None
    args = list(_MACRO_ARGS.finditer(text, start, end))
    return args[-1].span(1) if args else None


def code_spans(text: str) -> list[tuple[int, int]]:
    """Where code is (fenced blocks, code spans and tags, HTML comments): no link is read there."""
    if not any(c in text for c in "`<~"):
        return []
    return _code(text)


def url_spans(text: str) -> list[tuple[int, int]]:
    """Where the URLs of a text are (bare, in links, in angle brackets)."""
    return [m.span() for m in _URL.finditer(text)] if "/" in text or "www." in text else []


def strong_texts(text: str) -> list[tuple[int, int]]:
    """Where text set in bold is (``**endian**``, ``__falsy__``): how a definition names a term."""
    return [(open_end, close_start) for open_start, open_end, close_start, _ in _emphasis(text)
            if open_end - open_start >= 2]


def plain(text: str, start: int = 0, end: int | None = None) -> str:
    """``text[start:end]`` as a reader sees it, on one line, to quote: a link by its shown text,
    emphasis marks dropped, the rest (code too) as written."""
    end = len(text) if end is None else end
    kept, at = [], start
    for a, b in _syntax(text):
        if b <= at:
            continue
        if a >= end:
            break
        kept.append(text[at:max(a, at)])
        at = min(b, end)
    kept.append(text[at:end])
    return " ".join("".join(kept).split())


@lru_cache(maxsize=256)
def _syntax(text: str) -> tuple[tuple[int, int], ...]:
    """Where the marks around shown text are, in order: emphasis, a link's brackets and target, a
    glossary shortcode or macro but its shown text."""
    if not any(c in text for c in "[{*_"):
        return ()
    masked, marks = _marked(text)
    spans = list(marks)
    code = [False] * len(text)
    for a, b in _code(text):
        code[a:b] = [True] * (b - a)
    for m in (*_WIKI_LINK.finditer(text), *_MD_LINK.finditer(text)):
        if not code[m.start()]:
            spans += [(m.start(), m.start(1)), (m.end(1), m.end())]
    shown = [(a, b) for a, b in link_texts(text) if not code[a]]
    for a, b in (*_hugo(text), *((a, b) for a, b, *_ in _macros(text))):
        inside = [(x, y) for x, y in shown if a <= x and y <= b]
        if inside and not code[a]:
            spans += [(a, inside[0][0]), (inside[0][1], b)]
    merged: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        elif a < b:
            merged.append((a, b))
    return tuple(merged)


def repeats_definition(body: str, definition: str) -> tuple[int, int] | None:
    """Where a body repeats its entry's definition (a Hugo page's text before ``<!--more-->``),
    so that a finding in it is reported once, on the definition."""
    definition = definition.strip()
    at = body.find(definition) if definition else -1
    return (at, at + len(definition)) if at >= 0 else None


def link_texts(text: str) -> list[tuple[int, int]]:
    """Where the shown text of each link to another page or entry is (Markdown, [[wiki]],
    glossary shortcodes): a word there is the other entry's, a reader can follow it."""
    spans = [m.span(1) for m in _WIKI_LINK.finditer(text)]
    spans += [m.span(1) for m in _MD_LINK.finditer(text)]
    for start, end in _hugo(text):
        shown = _HUGO_TEXT.search(text, start, end)
        if shown:
            spans.append(shown.span(1))
    for _, _, name, args_start, args_end in _macros(text):
        shown = _shown_argument(text, name, args_start, args_end)
        if shown:
            spans.append(shown)
    return spans


# "See [bias](#bias).": the definition sends the reader to another entry.
_POINTER = re.compile(r"^\W*(?:see|same as|synonym (?:of|for)|another (?:name|word|term) for|"
                      r"(?:abbreviation|short) (?:of|for))\b", re.IGNORECASE)


def points_elsewhere(definition: str) -> bool:
    """A definition that is only a cross-reference ("See …", "Same as …")."""
    return _POINTER.match(mask(definition)) is not None
