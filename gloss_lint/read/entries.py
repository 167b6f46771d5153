"""Located entries from located trees: native fields by the profile, the Markdown body split.

What every layout shares (``read.readers`` for YAML, JSON and front matter;
``read.documents`` for headings and scraped pages): the result of reading a
file, an entry built from a mapping, and where a Markdown definition ends.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gloss_lint.model import Entry, SourceFile, Span
from gloss_lint.read.located import Tree, under
from gloss_lint.read.profiles import Profile

NATIVE_FIELDS = ("term", "id", "aliases", "definition", "category", "tags", "related",
                 "sources", "source", "body", "status")
_MORE = re.compile(r"<!--\s*more\s*-->")


@dataclass(frozen=True)
class InputProblem:
    """A file, or part of one, that could not be read as glossary entries."""

    rule: str  # an ``input.*`` rule id
    message: str
    line: int = 1
    column: int = 1


@dataclass
class ReadResult:
    file: SourceFile | None
    entries: list[Entry] = field(default_factory=list)
    problems: list[InputProblem] = field(default_factory=list)
    # Items the profile's ``skip`` says are not entries (a disambiguation page): not linted,
    # but their names are still pages a link may lead to.
    skipped: list[Entry] = field(default_factory=list)
    # Each rule id or prefix a ``gloss-lint: disable=…`` comment names, with its line and column:
    # the engine, which knows the rules, reports the ones that name none.
    disabled: list[tuple[str, int, int]] = field(default_factory=list)


def add_entry(result: ReadResult, entry: Entry, profile: Profile) -> None:
    """Keep an entry, or set it aside when the profile's ``skip`` says it is not one."""
    (result.skipped if skipped(entry.raw or {}, profile) else result.entries).append(entry)


def printable(name: str) -> str:
    """A file name as text every output can encode: bytes that were not UTF-8 escaped (\\xff)."""
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def known_fields(profile: Profile) -> set[str]:
    """The top-level field names an entry may have: the native ones and the profile's file fields."""
    return {*NATIVE_FIELDS, *(name.split(".")[0] for name in profile.fields)}


def kind_of(value: Any) -> str:
    return {list: "a list", str: "text", dict: "a mapping", type(None): "nothing"}.get(
        type(value), f"a {type(value).__name__}")


def _get(value: Any, path: tuple) -> Any:
    for step in path:
        value = value.get(step) if isinstance(value, dict) else None
    return value


def skipped(raw: dict[str, Any], profile: Profile) -> bool:
    """Whether the profile says this item is not an entry (a landing page, a disambiguation)."""
    for rule in profile.skip:
        value = _get(raw, tuple(rule["field"].split(".")))
        if rule.get("absent") and value is None:
            return True
        if any(value == v for v in rule.get("in", ())):
            return True
    return False


def entry_from_tree(file: SourceFile, tree: Tree, span: Span, profile: Profile, path: Path,
                    body: tuple[int, int] | None = None,
                    preset: dict[str, tuple[Any, Span]] | None = None) -> Entry:
    """An entry from a located mapping: fields renamed by the profile, Markdown body split.

    ``preset`` gives native fields the layout found outside the mapping (a map's key).
    """
    raw = tree.value
    if not (preset or body or profile.id_from == "file" or profile.ignore.intersection(raw)
            or any(name.split(".")[0] in raw for name in profile.field_rules)) and span == tree.spans.get(()):
        # The file's fields are the native ones: the entry's positions are the tree's (a large
        # glossary holds some fifteen an entry, read only for the few that get a finding).
        return Entry(file=file, fields=raw, span=span, spans=tree.spans, key_spans=tree.key_spans,
                     raw=raw, raw_spans=tree.spans, raw_key_spans=tree.key_spans, source=_source(raw, path, profile))
    fields: dict[str, Any] = {}
    spans: dict[tuple, Span] = {(): span}
    key_spans: dict[tuple, Span] = {}
    for native, (value, where) in (preset or {}).items():
        fields[native] = value
        spans[(native,)] = where
    taken: set[str] = set()
    for file_field, rule in profile.field_rules.items():
        field_path = tuple(file_field.split("."))
        if field_path[0] in raw:
            taken.add(field_path[0])  # mapped, even when empty: never an unknown field
        value = _get(raw, field_path)
        if value is None:
            continue
        native = rule["to"]
        if isinstance(value, str) and rule.get("strip"):
            value = re.sub(rule["strip"], "", value)
        wrapped = rule.get("list", False) and not isinstance(value, list)
        if wrapped:
            value = [value]
        if native in fields:
            if isinstance(fields[native], list) and isinstance(value, list):  # several file fields, one list
                offset = len(fields[native])
                fields[native] = fields[native] + value
                _move(tree, field_path, (native,), spans, key_spans, offset, wrapped)
            continue
        fields[native] = value
        _move(tree, field_path, (native,), spans, key_spans, 0, wrapped)
    if profile.id_from == "file":  # a static site's page slug: what its links and lists name
        fields["id"] = path.stem
        spans[("id",)] = spans.get(("term",), span)
        taken.add("id")
    for name, value in raw.items():
        if name in taken or name in profile.ignore or name in fields:
            continue
        fields[name] = value
        _move(tree, (name,), (name,), spans, key_spans)
    if body is not None:
        _split_body(file, body, profile, fields, spans)
    return Entry(
        file=file, fields=fields, span=span, spans=spans, key_spans=key_spans,
        raw=raw, raw_spans=tree.spans, raw_key_spans=tree.key_spans, source=_source(fields, path, profile),
    )


def _source(fields: dict[str, Any], path: Path, profile: Profile) -> str:
    """The entry's source: its ``source`` field, else the file's or folder's name, as the profile says."""
    source = fields.get("source")
    if isinstance(source, str) and source:
        return source
    folder = Path(os.path.realpath(path)).parent.name
    return {"file": printable(path.stem), "folder": printable(folder)}.get(profile.source, profile.source)


def _move(tree: Tree, origin: tuple, target: tuple, spans: dict, key_spans: dict,
          offset: int = 0, wrapped: bool = False) -> None:
    """Carry the spans of a file field's value over to its native path (into a list at ``offset``)."""
    for found, into in ((tree.spans, spans), (tree.key_spans, key_spans)):
        for rest, s in under(found, origin):
            if wrapped:  # a single value made a one-item list: it is both the list and its item
                into[target + (offset,) + rest] = s
                if not rest and not offset:
                    into[target] = s
            elif rest and isinstance(rest[0], int):
                into[target + (rest[0] + offset,) + rest[1:]] = s
            elif not offset:
                into[target + rest] = s


def _split_body(file: SourceFile, body: tuple[int, int], profile: Profile,
                fields: dict[str, Any], spans: dict[tuple, Span]) -> None:
    """Take the definition from a Markdown body when the front matter has none."""
    start, end = body
    text = file.text
    rest_start = start
    if not isinstance(fields.get("definition"), str) or not fields["definition"].strip():
        found = _definition_span(text, start, end, profile.definition)
        if found is not None:
            fields["definition"] = text[found.start:found.end]
            spans[("definition",)] = found
            rest_start = found.end
    if "body" not in fields:
        rest = text[rest_start:end]
        if rest.strip():
            lead = len(rest) - len(rest.lstrip())
            fields["body"] = rest.strip()
            spans[("body",)] = Span(rest_start + lead, rest_start + lead + len(rest.strip()))


def _definition_span(text: str, start: int, end: int, how: str | dict) -> Span | None:
    if how == "before-more":
        more = _MORE.search(text, start, end)
        if more:
            return _trimmed(text, start, more.start())
    elif isinstance(how, dict):
        section = section_span(text, start, end, how["section"])
        if section is not None:
            found = first_paragraph(text, section.start, section.end)
            if found is not None:
                return found
    return first_paragraph(text, start, end)


# A Markdown heading: its level, and its title without the blanks and '#'s that close the line.
# (Not '(.+?)[ \t#]*$': that tries the end of the line again after every character of the title.)
HEADING = re.compile(r"^(#{1,6})[ \t]++((?:[ \t#]*+[^ \t#\n])+)[ \t#]*$", re.MULTILINE)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def section_span(text: str, start: int, end: int, title: str) -> Span | None:
    """The text under the first Markdown heading called ``title`` (any case), to the next heading
    of the same or a higher level."""
    wanted = title.casefold().strip()
    for heading in HEADING.finditer(text, start, end):
        if heading.group(2).casefold().strip() != wanted:
            continue
        level = len(heading.group(1))
        after = heading.end() + 1
        for following in HEADING.finditer(text, after, end):
            if len(following.group(1)) <= level:
                return Span(after, following.start())
        return Span(after, end)
    return None


def _trimmed(text: str, start: int, end: int) -> Span | None:
    chunk = text[start:end]
    if not chunk.strip():
        return None
    lead = len(chunk) - len(chunk.lstrip())
    return Span(start + lead, start + lead + len(chunk.strip()))


def first_paragraph(text: str, start: int, end: int) -> Span | None:
    """The first paragraph of prose: headings, comments, blank lines and code fences skipped."""
    at = start
    in_fence = False
    while at < end:
        line_end = text.find("\n", at, end)
        line_end = end if line_end < 0 else line_end
        line = text[at:line_end].strip()
        if line.startswith(("```", "~~~")):
            in_fence = not in_fence
        elif (in_fence or not line or line.startswith(("#", "<!--"))
              or (line.startswith("<") and line.endswith(">"))
              or (line.startswith("{{") and line.endswith("}}"))):
            if line.startswith("<!--") and "-->" not in line:
                close = text.find("-->", at, end)
                line_end = end if close < 0 else text.find("\n", close, end)
                line_end = end if line_end < 0 else line_end
        else:
            stop = _BLANK_LINE.search(text, at, end)
            return _trimmed(text, at, stop.start() if stop else end)
        at = line_end + 1
    return None
