"""Entries cut out of prose documents: one Markdown heading per term, or a scraped web page.

These layouts find no field names in the file: the reader names what it cuts
(term, aliases, definition, body, related, sources), so an entry's ``raw`` is
its native fields and a profile's schema checks those. Every value is a span
of the file's text, so findings point at the exact line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gloss_lint.model import Entry, SourceFile, Span, slugify
from gloss_lint.read.entries import HEADING, ReadResult, add_entry, entry_from_tree
from gloss_lint.read.located import Tree
from gloss_lint.read.profiles import Profile

_FENCE = re.compile(r"^[ \t]*(```|~~~)")


@dataclass(frozen=True)
class Heading:
    level: int
    title: str
    line: Span  # the whole heading line
    text: Span  # the title's text


def headings(text: str) -> list[Heading]:
    """The Markdown headings of a text, outside code fences and HTML comments."""
    found: list[Heading] = []
    in_fence = in_comment = False
    at = 0
    for line in text.split("\n"):
        if in_comment:
            in_comment = "-->" not in line
        elif _FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence and line.lstrip().startswith("<!--") and "-->" not in line:
            in_comment = True
        elif not in_fence:
            match = HEADING.match(line)
            if match:
                found.append(Heading(len(match.group(1)), match.group(2),
                                     Span(at, at + len(line)), Span(at + match.start(2), at + match.end(2))))
        at += len(line) + 1
    return found


def term_and_alias(title: str) -> tuple[tuple[str, int], tuple[str, int]] | None:
    """'Term (alias)' -> (('Term', 0), ('alias', 6)): the title ends in one pair of
    parentheses, with no parenthesis inside, after some text."""
    if not title.endswith(")"):
        return None
    open_at = title.rfind("(")
    alias = title[open_at + 1:-1]
    term = title[:open_at].rstrip()
    if open_at < 0 or not alias or ")" in alias or not term:
        return None
    return (term, 0), (alias, open_at + 1)


def own_fields(entry: Entry) -> Entry:
    """The file spells no field names: the entry as read is its native fields."""
    entry.raw, entry.raw_spans, entry.raw_key_spans = entry.fields, entry.spans, entry.key_spans
    return entry


# ---------------------------------------------------------------- one heading per term

def read_headings(file: SourceFile, path: Path, profile: Profile, result: ReadResult) -> None:
    """``### term`` then its text, to the next heading of that level or higher."""
    options = profile.options("headings")
    level = options.get("level", 3)
    parentheses = options.get("aliases-in-parentheses", True)
    found = headings(file.text)
    for i, heading in enumerate(found):
        if heading.level != level:
            continue
        end = next((h.line.start for h in found[i + 1:] if h.level <= level), len(file.text))
        term, term_span = heading.title, heading.text
        value: dict[str, Any] = {"term": term, "id": slugify(heading.title)}
        spans = {("id",): heading.text}
        split = term_and_alias(heading.title) if parentheses else None
        if split:
            (term, _), (alias, alias_at) = split
            term_span = Span(heading.text.start, heading.text.start + len(term))
            alias_start = heading.text.start + alias_at
            value["term"], value["aliases"] = term, [alias]
            spans[("aliases",)] = spans[("aliases", 0)] = Span(alias_start, alias_start + len(alias))
        spans[("term",)] = term_span
        tree = Tree(value, spans)
        entry = entry_from_tree(file, tree, Span(heading.line.start, end), profile, path,
                                body=(heading.line.end + 1, end))
        add_entry(result, own_fields(entry), profile)


# ---------------------------------------------------------------- a scraped page

_LIST_ITEM = re.compile(r"^[ \t]*(?:[-*+•·]|\d+[.)])[ \t]+")
_QUOTE = re.compile(r"^[ \t]*>[ \t]?")
_RULE = re.compile(r"^[ \t]*(?:-{3,}|\*{3,}|_{3,})[ \t]*$")
_LABEL = re.compile(r"^([A-Za-z][\w ]{0,30}?):[ \t]+(\S.*)$")
_URL = re.compile(r"https?://[^\s)>\]\"']+")
_MD_LINK = re.compile(r"\[([^\[\]]+)\]\((https?://[^()\[\]\s]+)\)")
_QUESTION = re.compile(r"(?:what|who)\s++(is|are)\s++(?:(?:an?|the)\s++)?", re.IGNORECASE)
_URL_AT_END = re.compile(r"\(https?://[^()]*\)$")
_DASH = re.compile(r"(?<!\s)\s+[-–—:]\s+")


@dataclass
class _Block:
    kind: str  # heading, text, item, rule
    text: str
    span: Span
    section: str = "top"  # top, other, definition, related, sources, skip, end


def _blocks(text: str, markdown: bool) -> list[_Block]:
    """Headings, list items and paragraphs (in plain text, every line is a paragraph)."""
    blocks: list[_Block] = []
    at = 0
    paragraph: list[tuple[int, str]] = []

    def flush() -> None:
        if paragraph:
            start, end = paragraph[0][0], paragraph[-1][0] + len(paragraph[-1][1])
            blocks.append(_Block("text", " ".join(t.strip() for _, t in paragraph), Span(start, end)))
            paragraph.clear()

    for line in text.split("\n"):
        stripped = line.strip()
        lead = len(line) - len(line.lstrip())
        heading = HEADING.match(stripped) if markdown else None
        item = _LIST_ITEM.match(line)
        quote = _QUOTE.match(line)
        if not stripped:
            flush()
        elif markdown and _RULE.match(line):
            flush()
            blocks.append(_Block("rule", stripped, Span(at + lead, at + len(line))))
        elif heading:
            flush()
            blocks.append(_Block("heading", heading.group(2), Span(at + lead + heading.start(2),
                                                                   at + lead + heading.end(2))))
        elif markdown and _LABEL.match(stripped) and not quote:  # 'Category: …' lines stand alone
            flush()
            blocks.append(_Block("text", stripped, Span(at + lead, at + lead + len(stripped))))
        elif item:
            flush()
            blocks.append(_Block("item", line[item.end():].strip(), Span(at + item.end(), at + len(line.rstrip()))))
        else:
            body = line[quote.end():] if quote else line
            start = at + (quote.end() if quote else 0) + len(body) - len(body.lstrip())
            if not markdown:
                blocks.append(_Block("text", body.strip(), Span(start, start + len(body.strip()))))
            else:
                paragraph.append((start, body.strip()))
        at += len(line) + 1
    flush()
    return blocks


def _title_like(block: _Block) -> bool:
    """In plain text, a short line with no sentence punctuation reads as a heading; one that
    holds a URL ('W3C, OWL overview: https://…' under 'Sources') is a line of its section."""
    text = block.text
    return (block.kind == "text" and len(text.split()) <= 8 and not re.search(r"[.!;:,]$", text)
            and (text[:1].isupper() or text[:1].isdigit()) and "·" not in text and not _URL.search(text))


def _singular(phrase: str) -> str:
    """'Vector Databases' -> 'Vector Database', 'Ontologies' -> 'Ontology', 'Gaussian Processes'
    -> 'Gaussian Process'; 'Sentiment Analysis' stays as it is."""
    words = phrase.split()
    last = words[-1]
    if re.search(r"[^aeiou]ies$", last):
        last = last[:-3] + "y"
    elif last.endswith(("sses", "xes")):
        last = last[:-2]
    elif last.endswith("s") and not last.endswith(("ss", "us", "is")):
        last = last[:-1]
    return " ".join([*words[:-1], last])


def _term(block: _Block) -> tuple[str, Span]:
    """'What are Foundation Models?' -> 'Foundation Model'; a plain title stays as it is."""
    match = _QUESTION.match(block.text)
    asked = block.text[match.end():].rstrip() if match and block.text.endswith("?") else ""
    asked = asked[:-1].rstrip()
    if not asked:
        return block.text, block.span
    name = _singular(asked) if match.group(1).lower() == "are" else asked
    start = block.span.start + match.end()
    return name, Span(start, start + len(name))


def _mentions(paragraph: str, name: str) -> bool:
    return re.search(r"\b" + re.escape(name.casefold()), paragraph.casefold()) is not None


def read_page(file: SourceFile, path: Path, profile: Profile, result: ReadResult) -> None:
    """One scraped page, one entry: term, definition, body, related terms, sources."""
    options = profile.options("page")
    sections = {kind: [re.compile(p, re.IGNORECASE) for p in patterns]
                for kind, patterns in options.get("sections", {}).items()}
    boilerplate = [re.compile(p, re.IGNORECASE) for p in options.get("boilerplate", [])]
    labels = {k.casefold(): v for k, v in options.get("labels", {}).items()}
    text = file.text
    markdown = path.suffix.lower() in (".md", ".markdown") or bool(
        re.search(r"^#{1,6}[ \t]+\S", text, re.MULTILINE))
    blocks = [b for b in _blocks(text, markdown)
              if not any(p.fullmatch(b.text) for p in boilerplate)]
    _mark_sections(blocks, markdown, sections)

    prose = [b for b in blocks if b.kind == "text" and b.section in ("top", "other")
             and not _label(b, labels) and not _title_like(b)]
    lead = prose[0] if prose else None
    candidates = [b for b in blocks if b.kind == "heading" and not _section_kind(sections, b.text)
                  and (lead is None or b.span.start < lead.span.start)]
    definition_block = next((b for b in blocks if b.section == "definition" and b.kind == "text"), lead)
    if not candidates:
        return  # no title: not a page this profile reads
    said = " ".join(b.text for b in (lead, definition_block) if b is not None)
    term_block = next((b for b in candidates if _mentions(said, _term(b)[0])), candidates[0])
    term, term_span = _term(term_block)

    fields: dict[str, Any] = {"term": term}
    spans: dict[tuple, Span] = {("term",): term_span}
    if definition_block is not None:
        fields["definition"] = definition_block.text
        spans[("definition",)] = definition_block.span
    _page_fields(blocks, term_block, definition_block, labels, markdown, fields, spans)
    entry = entry_from_tree(file, Tree(fields, spans), Span(term_block.span.start, len(text)), profile, path)
    add_entry(result, own_fields(entry), profile)


def _section_kind(sections: dict[str, list[re.Pattern]], title: str) -> str | None:
    """The kind of section a title opens when the profile knows it (related, sources, end …)."""
    return next((kind for kind, patterns in sections.items()
                 if any(p.fullmatch(title.strip()) for p in patterns)), None)


def _mark_sections(blocks: list[_Block], markdown: bool, sections: dict[str, list[re.Pattern]]) -> None:
    """Set each block's section: a heading (in plain text, a title-like line) opens one."""
    # Inside related terms, title-like lines are the terms, so only a known section title ends
    # them; after an 'end' section (newsletter boxes, services, calls to action) nothing counts.
    current = "top"
    for block in blocks:
        if current == "end":
            block.section = "end"
            continue
        if block.kind == "rule":
            current = "end"
        elif (block.kind == "heading" if markdown else _title_like(block)):
            kind = _section_kind(sections, block.text)
            if kind or current != "related" or markdown:
                block.kind = "heading"
                current = kind or ("other" if current != "top" or _term_seen(blocks, block) else "top")
        block.section = current


def _page_fields(blocks: list[_Block], term_block: _Block, definition_block: _Block | None,
                 labels: dict[str, str], markdown: bool, fields: dict[str, Any], spans: dict[tuple, Span]) -> None:
    """Add what follows the term to ``fields`` (and ``spans``): labelled lines ('Category: …'),
    related terms, sources and the body."""
    related: list[str] = []
    sources: list[dict[str, str]] = []
    body: list[_Block] = []
    for block in blocks:
        if block.span.start <= term_block.span.start or block is definition_block:
            continue
        if block.section == "related" and block.kind != "heading":
            name, where = _related_name(block, markdown)
            if name:
                spans[("related", len(related))] = where
                related.append(name)
        elif block.section == "sources" or (block.kind != "heading" and block.section in ("top", "other")
                                             and _label(block, labels)):
            label = _label(block, labels)
            if label and label[0] != "sources" and label[0] not in fields:
                fields[label[0]] = label[1]
                spans[(label[0],)] = label[2]
                continue
            for title, url, where in _urls(block):
                spans[("sources", len(sources))] = spans[("sources", len(sources), "url")] = where
                sources.append({"url": url, **({"title": title} if title else {})})
        elif block.section in ("top", "other", "definition") and block.kind in ("text", "item"):
            body.append(block)  # what follows the definition in its own section too
    if related:
        fields["related"] = related
        spans[("related",)] = Span(spans[("related", 0)].start, spans[("related", len(related) - 1)].end)
    if sources:
        fields["sources"] = sources
        spans[("sources",)] = Span(spans[("sources", 0)].start, spans[("sources", len(sources) - 1)].end)
    if body:
        fields["body"] = "\n\n".join(b.text for b in body)
        spans[("body",)] = Span(body[0].span.start, body[-1].span.end)


def _term_seen(blocks: list[_Block], block: _Block) -> bool:
    """Whether a title came before this one (the first title is the term, not a section)."""
    return any(b.kind == "heading" for b in blocks if b.span.start < block.span.start)


def _label(block: _Block, labels: dict[str, str]) -> tuple[str, str, Span] | None:
    """A 'Category: Foundational' line the profile maps: (native field, value, value span)."""
    match = _LABEL.match(block.text) if block.kind == "text" else None
    if not match or match.group(1).casefold() not in labels:
        return None
    value = match.group(2)
    url = _URL_AT_END.search(value)
    value = (value[:url.start()] if url else value).strip()
    start = block.span.start + match.start(2)
    return labels[match.group(1).casefold()], value, Span(start, start + len(value))


def _related_name(block: _Block, markdown: bool) -> tuple[str, Span]:
    """A related term: a Markdown link's text, the text before ' - ', or a title-like line."""
    link = _MD_LINK.match(block.text)
    if link:
        return link.group(1), Span(block.span.start + 1, block.span.start + 1 + len(link.group(1)))
    if markdown:
        name = _DASH.split(block.text, maxsplit=1)[0]
        return name, Span(block.span.start, block.span.start + len(name))
    if _title_like(block):
        return block.text, block.span
    return "", block.span  # the related term's description


def _urls(block: _Block) -> list[tuple[str, str, Span]]:
    """The URLs of a line, with a Markdown link's text as title."""
    found = []
    for link in _MD_LINK.finditer(block.text):
        start = block.span.start + link.start(2)
        found.append((link.group(1), link.group(2), Span(start, start + len(link.group(2)))))
    if found:
        return found
    for url in _URL.finditer(block.text):
        start = block.span.start + url.start()
        found.append(("", url.group().rstrip(".,;"), Span(start, start + len(url.group().rstrip(".,;")))))
    return found


