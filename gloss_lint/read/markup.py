"""Prose inside markup: a field's text with code, URLs, tags and shortcodes blanked out.

Prose rules (readability, style) read ``mask(text)``: the same length as the text,
every character of markup replaced by a space, so an offset found in the mask is
the offset of the same words in the field and a finding quotes the field exactly.
Link texts and the shown text of glossary shortcodes stay, since a reader reads them.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Blanked whole: a reader does not read them as prose.
_CODE_BLOCK = re.compile(r"^[ \t]*(```|~~~)[^\n]*\n.*?(?:^[ \t]*\1[^\n]*$|\Z)", re.M | re.S)
_HTML_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1", re.S)
_CODE_TAG = re.compile(r"<(code|pre|kbd|samp|script|style)\b[^>]*>.*?</\1\s*>", re.S | re.I)
_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_URL = re.compile(r"<?\b(?:https?://|ftp://|www\.)[^\s<>()\[\]\"'`]*(?:\([^\s()]*\)[^\s<>()\[\]\"'`]*)*>?")
_HTML_TAG = re.compile(r"</?[A-Za-z][\w:-]*(?:\s[^<>]*)?/?>")
_TABLE_RULE = re.compile(r"^[ \t]*\|?[ \t]*:?-{3,}.*$", re.M)

# Partly kept: the text a reader sees stays, the syntax around it goes.
_MD_LINK = re.compile(r"\[([^\[\]\n]+)\](\([^()\n]*(?:\([^()\n]*\)[^()\n]*)*\)|\[[^\]\n]*\])")
_WIKI_LINK = re.compile(r"\[\[(?:[^|\]\n]+\|)?([^|\]\n]+)\]\]")
# Hugo shortcodes: {{< glossary_tooltip text="control plane" term_id="control-plane" >}}.
_HUGO = re.compile(r"\{\{[<%].*?[>%]\}\}", re.S)
_HUGO_TEXT = re.compile(r"""\btext\s*=\s*["']([^"']*)["']""")
# Kuma/KumaScript macros (MDN): {{Glossary("Term", "shown")}}, {{domxref("Window.fetch()")}}.
_MACRO = re.compile(r"\{\{\s*([A-Za-z][\w-]*)\s*(?:\((.*?)\))?\s*\}\}", re.S)
_MACRO_ARGS = re.compile(r"""["']([^"']*)["']""")
_SHOWN_MACROS = {"glossary"}  # their (last) text argument is prose
_EMPHASIS = re.compile(r"(?<![\w*])(\*{1,3}|_{1,3})(?=[^\s*_])(.+?)(?<=[^\s*_])\1(?![\w*])")


def _blank(chars: list[str], start: int, end: int) -> None:
    for i in range(start, end):
        if chars[i] != "\n":
            chars[i] = " "


@lru_cache(maxsize=4096)
def mask(text: str) -> str:
    """``text`` with markup blanked: same length, newlines kept, prose where it was."""
    if not any(c in text for c in "`<[{*_/~") and "www." not in text:
        return text
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

    for pattern in (_CODE_BLOCK, _HTML_COMMENT, _CODE_TAG, _CODE_SPAN):
        for m in pattern.finditer(text):
            if free(m.start(), m.end()):
                take(m.start(), m.end())
    for m in _HUGO.finditer(text):
        if free(m.start(), m.end()):
            shown = _HUGO_TEXT.search(m.group())
            take(m.start(), m.end(),
                 (m.start() + shown.start(1), m.start() + shown.end(1)) if shown else None)
    for m in _MACRO.finditer(text):
        if free(m.start(), m.end()):
            keep = None
            if m.group(1).casefold() in _SHOWN_MACROS and m.group(2):
                args = list(_MACRO_ARGS.finditer(m.group(2)))
                if args:
                    base = m.start(2) + args[-1].start(1)
                    keep = (base, base + len(args[-1].group(1)))
            take(m.start(), m.end(), keep)
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
    for m in _EMPHASIS.finditer(masked):
        _blank(chars, m.start(1), m.end(1))
        _blank(chars, m.end(2), m.end())
    return "".join(chars)


def code_spans(text: str) -> list[tuple[int, int]]:
    """Where code is (fenced blocks, code spans and tags, HTML comments): no link is read there."""
    if not any(c in text for c in "`<~"):
        return []
    return [m.span() for p in (_CODE_BLOCK, _HTML_COMMENT, _CODE_TAG, _CODE_SPAN) for m in p.finditer(text)]


def plain(text: str) -> str:
    """The prose of ``text`` on one line: markup gone, whitespace collapsed."""
    return " ".join(mask(text).split())


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
    for m in _HUGO.finditer(text):
        shown = _HUGO_TEXT.search(m.group())
        if shown:
            spans.append((m.start() + shown.start(1), m.start() + shown.end(1)))
    for m in _MACRO.finditer(text):
        if m.group(1).casefold() in _SHOWN_MACROS and m.group(2):
            args = list(_MACRO_ARGS.finditer(m.group(2)))
            if args:
                spans.append((m.start(2) + args[-1].start(1), m.start(2) + args[-1].end(1)))
    return spans


# "See [bias](#bias).": the definition sends the reader to another entry.
_POINTER = re.compile(r"^\W*(?:see|same as|synonym (?:of|for)|another (?:name|word|term) for|"
                      r"(?:abbreviation|short) (?:of|for))\b", re.IGNORECASE)


def points_elsewhere(definition: str) -> bool:
    """A definition that is only a cross-reference ("See …", "Same as …")."""
    return _POINTER.match(mask(definition)) is not None
