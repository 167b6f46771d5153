"""Files -> located entries.

``discover`` walks the paths a user gave and picks the glossary files by the
profile's include/exclude globs. ``read_file`` turns one file into entries in
native fields, every value located, plus ``InputProblem``s for what could not
be read. A reader never raises for bad input and never knows about rules: a
problem names its kind (the rule id) and where it is.

Skipped without a word: hidden files and folders (``.git``, ``.venv`` …),
``node_modules``, ``__pycache__``, files the profile does not include, Markdown
without front matter (a README, not an entry), and YAML/JSON documents that
share no field with an entry (``mkdocs.yml``, CI configs).
"""

from __future__ import annotations

import fnmatch
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from gloss_lint.located import ParseError, Tree, parse_json, parse_yaml
from gloss_lint.model import Entry, SourceFile, Span
from gloss_lint.profiles import Profile

NATIVE_FIELDS = ("term", "id", "aliases", "definition", "category", "tags", "related",
                 "sources", "source", "body", "status")
SKIPPED_DIRS = {"node_modules", "__pycache__", "site-packages"}
DEFAULT_MAX_BYTES = 2_000_000

_SUPPRESS = re.compile(r"(?:#|<!--)[ \t]*gloss-lint:[ \t]*disable[ \t]*[=:]?[ \t]*([\w.,\- \t]+?)[ \t]*(?:-->|$)",
                       re.MULTILINE)
_FRONT_MATTER_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
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


# ---------------------------------------------------------------- discovery

def _matches(path: Path, patterns: list[str]) -> bool:
    posix = path.as_posix()
    return any(fnmatch.fnmatch(path.name, p) or fnmatch.fnmatch(posix, p)
               or fnmatch.fnmatch(posix, "*/" + p) for p in patterns)


def discover(paths: list[Path], profile: Profile, exclude: list[str] = ()) -> list[Path]:
    """Glossary files under ``paths``, sorted; a file named explicitly is always taken."""
    found: set[Path] = set()
    excluded = [*profile.exclude, *exclude]
    for path in paths:
        if path.is_file():
            found.add(path)
            continue
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIPPED_DIRS
                             and not _matches(Path(root, d), list(exclude)))
            for name in files:
                candidate = Path(root, name)
                if (not name.startswith(".") and _matches(candidate, profile.include)
                        and not _matches(candidate, excluded)):
                    found.add(candidate)
    return sorted(found)


# ---------------------------------------------------------------- reading

def read_file(path: Path, display: str, profile: Profile,
              max_bytes: int = DEFAULT_MAX_BYTES) -> ReadResult:
    """Read one file into entries; every failure becomes an ``InputProblem``."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return ReadResult(None, problems=[InputProblem(
                "input.too-large", f"file is {size:,} bytes, over the {max_bytes:,}-byte limit "
                "(raise max-file-size in the config to lint it)")])
        data = path.read_bytes()
    except OSError as error:
        return ReadResult(None, problems=[InputProblem("input.unreadable", f"cannot read file: {error.strerror}")])
    if b"\0" in data[:8192]:
        return ReadResult(None, problems=[InputProblem("input.binary", "file is binary, not text")])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        return ReadResult(None, problems=[InputProblem(
            "input.encoding", f"file is not UTF-8 (byte 0x{data[error.start]:02x}); save it as UTF-8",
            line, column)])
    file = SourceFile(display, text.replace("\r\n", "\n"))
    result = ReadResult(file)
    if not file.text.strip():
        result.problems.append(InputProblem("input.empty", "file is empty"))
        return result
    if profile.layout not in LAYOUTS:
        import gloss_lint.documents  # noqa: F401  the prose layouts, built on this module, register themselves
    try:
        LAYOUTS[profile.layout](file, path, profile, result)
    except ParseError as error:
        result.problems.append(InputProblem("input.syntax", error.message, error.line, error.column))
    _assign_suppressions(result)
    return result


def _read_auto(file: SourceFile, path: Path, profile: Profile, result: ReadResult) -> None:
    """YAML, JSON, or Markdown with front matter: one entry, a list, or an ``entries`` list."""
    suffix = path.suffix.lower()
    if suffix in (".md", ".markdown"):
        _read_markdown(file, profile, result)
        return
    tree = parse_json(file) if suffix == ".json" else parse_yaml(file)
    _report_duplicate_keys(file, tree, result)
    value = tree.value
    if isinstance(value, dict) and isinstance(value.get("entries"), list):
        items: list[tuple] = [("entries", i) for i in range(len(value["entries"]))]
    elif isinstance(value, list):
        items = [(i,) for i in range(len(value))]
    elif isinstance(value, dict):
        items = [()]
    else:
        result.problems.append(InputProblem(
            "input.not-an-entry", "file holds a single value, not an entry, a list of entries "
            "or an 'entries:' list", *file.position(tree.spans.get((), Span(0, 0)).start)))
        return
    known = _source_names(profile)
    for item in items:
        entry_tree = tree.subtree(item)
        span = tree.spans[item]
        if not isinstance(entry_tree.value, dict):
            result.problems.append(InputProblem(
                "input.not-an-entry", f"expected an entry (a mapping with term, definition …), "
                f"found {_kind(entry_tree.value)}", *file.position(span.start)))
            continue
        if item == () and not known.intersection(entry_tree.value):
            return  # a YAML/JSON file that is not a glossary (see module doc)
        add_entry(result, entry_from_tree(file, entry_tree, span, profile, path), profile)


def _read_map(file: SourceFile, path: Path, profile: Profile, result: ReadResult) -> None:
    """One YAML/JSON mapping of entries keyed by their term (``map: {under: entries, key: term}``)."""
    options = profile.options("map")
    under = tuple(options.get("under", "").split(".")) if options.get("under") else ()
    key_field = options.get("key", "term")
    tree = parse_json(file) if path.suffix.lower() == ".json" else parse_yaml(file)
    _report_duplicate_keys(file, tree, result)
    value = tree.value
    for step in under:
        if not isinstance(value, dict) or step not in value:
            return  # not this glossary's file (a config, a data file): skipped like any non-glossary
        value = value[step]
    if not isinstance(value, dict):
        result.problems.append(InputProblem(
            "input.not-an-entry", f"expected a mapping of entries keyed by {key_field} under "
            f"{'.'.join(under) or 'the top level'}, found {_kind(value)}",
            *file.position(tree.spans.get(under, Span(0, 0)).start)))
        return
    for key in value:
        item = under + (key,)
        entry_tree = tree.subtree(item)
        key_span = tree.key_spans[item]
        if entry_tree.value is None:
            entry_tree.value = {}
        if not isinstance(entry_tree.value, dict):
            result.problems.append(InputProblem(
                "input.not-an-entry", f"expected the fields of {key!r} (a mapping), found "
                f"{_kind(entry_tree.value)}", *file.position(tree.spans[item].start)))
            continue
        span = Span(key_span.start, max(key_span.end, tree.spans[item].end))
        add_entry(result, entry_from_tree(file, entry_tree, span, profile, path,
                                          preset={key_field: (key, key_span)}), profile)


def add_entry(result: ReadResult, entry: Entry, profile: Profile) -> None:
    """Keep an entry, or set it aside when the profile's ``skip`` says it is not one."""
    (result.skipped if skipped(entry.raw or {}, profile) else result.entries).append(entry)


def _read_markdown(file: SourceFile, profile: Profile, result: ReadResult) -> None:
    text = file.text
    if not text.startswith("---"):
        return  # not an entry: Markdown without front matter
    first_newline = text.find("\n")
    end = _FRONT_MATTER_END.search(text, first_newline + 1)
    if end is None:
        raise ParseError("front matter opened with '---' is never closed", 1, 1)
    tree = parse_yaml(file, first_newline + 1, end.start())
    _report_duplicate_keys(file, tree, result)
    if tree.value is None:
        tree.value = {}
    if not isinstance(tree.value, dict):
        line, column = file.position(first_newline + 1)
        raise ParseError(f"front matter must be a mapping, found {_kind(tree.value)}", line, column)
    body_start = end.end() + 1
    add_entry(result, entry_from_tree(file, tree, Span(0, len(text)), profile, Path(file.path),
                                      body=(body_start, len(text))), profile)


Layout = Callable[[SourceFile, Path, Profile, ReadResult], None]
LAYOUTS: dict[str, Layout] = {
    "auto": _read_auto,
    "map": _read_map,
}


# ---------------------------------------------------------------- entries

def _source_names(profile: Profile) -> set[str]:
    return {*NATIVE_FIELDS, *(name.split(".")[0] for name in profile.fields)}


def _kind(value: Any) -> str:
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
    fields: dict[str, Any] = {}
    spans: dict[tuple, Span] = {(): span}
    key_spans: dict[tuple, Span] = {}
    for native, (value, where) in (preset or {}).items():
        fields[native] = value
        spans[(native,)] = where
    taken: set[str] = set()
    for source_name, rule in profile.field_rules.items():
        source_path = tuple(source_name.split("."))
        if source_path[0] in raw:
            taken.add(source_path[0])  # mapped, even when empty: never an unknown field
        value = _get(raw, source_path)
        if value is None:
            continue
        native = rule["to"]
        if isinstance(value, str) and rule.get("strip"):
            value = re.sub(rule["strip"], "", value)
        wrapped = rule.get("list", False) and not isinstance(value, list)
        if wrapped:
            value = [value]
        if native in fields:
            if isinstance(fields[native], list) and isinstance(value, list):  # several sources, one list
                offset = len(fields[native])
                fields[native] = fields[native] + value
                _move(tree, source_path, (native,), spans, key_spans, offset, wrapped)
            continue
        fields[native] = value
        _move(tree, source_path, (native,), spans, key_spans, 0, wrapped)
    for name, value in raw.items():
        if name in taken or name in profile.ignore or name in fields:
            continue
        fields[name] = value
        _move(tree, (name,), (name,), spans, key_spans)
    if body is not None:
        _split_body(file, body, profile, fields, spans)
    source = fields.get("source")
    if not (isinstance(source, str) and source):
        source = {"file": path.stem, "folder": path.resolve().parent.name}.get(profile.source, profile.source)
    return Entry(
        file=file, fields=fields, span=span, spans=spans, key_spans=key_spans,
        raw=raw, raw_spans=tree.spans, raw_key_spans=tree.key_spans, source=source,
    )


def _move(tree: Tree, source: tuple, target: tuple, spans: dict, key_spans: dict,
          offset: int = 0, wrapped: bool = False) -> None:
    """Carry the spans of a source value over to its native path (into a list at ``offset``)."""
    n = len(source)
    for found, into in ((tree.spans, spans), (tree.key_spans, key_spans)):
        for p, s in found.items():
            if p[:n] != source:
                continue
            rest = p[n:]
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


_HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t#]*$", re.MULTILINE)


def section_span(text: str, start: int, end: int, title: str) -> Span | None:
    """The text under the first Markdown heading called ``title`` (any case), to the next heading
    of the same or a higher level."""
    wanted = title.casefold().strip()
    for heading in _HEADING.finditer(text, start, end):
        if heading.group(2).casefold().strip() != wanted:
            continue
        level = len(heading.group(1))
        after = heading.end() + 1
        for following in _HEADING.finditer(text, after, end):
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
            stop = re.compile(r"\n[ \t]*\n").search(text, at, end)
            return _trimmed(text, at, stop.start() if stop else end)
        at = line_end + 1
    return None


def _report_duplicate_keys(file: SourceFile, tree: Tree, result: ReadResult) -> None:
    for key, span in tree.duplicate_keys:
        result.problems.append(InputProblem(
            "input.duplicate-key", f"key {key!r} appears twice in the same mapping; "
            "only the last value is kept", *file.position(span.start)))


def _assign_suppressions(result: ReadResult) -> None:
    """Give each ``gloss-lint: disable=…`` comment to the entry it sits in (or the next one)."""
    if result.file is None or not result.entries:
        return
    entries = sorted(result.entries, key=lambda e: e.span.start)
    for match in _SUPPRESS.finditer(result.file.text):
        ids = frozenset(i.strip() for i in re.split(r"[,\s]+", match.group(1)) if i.strip())
        at = match.start()
        owner = next((e for e in entries if e.span.start <= at < e.span.end), None) \
            or next((e for e in entries if e.span.start >= at), None)
        if owner is not None:
            owner.suppressed = owner.suppressed | ids
