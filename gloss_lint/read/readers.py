"""Files -> located entries: which files are read (discovery), and each by its type and layout.

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

import bisect
import codecs
import fnmatch
import os
import re
import stat
from pathlib import Path
from typing import Callable

from gloss_lint.model import Entry, SourceFile, Span
from gloss_lint.read.documents import read_headings, read_page
from gloss_lint.read.entries import (
    InputProblem,
    ReadResult,
    add_entry,
    entry_from_tree,
    kind_of,
    known_fields,
    printable,
)
from gloss_lint.read.located import ParseError, Tree, parse_json, parse_yaml
from gloss_lint.read.overlay import Overlay
from gloss_lint.read.profiles import Profile
from gloss_lint.read.rst import prose, read_glossaries

SKIPPED_DIRS = {"node_modules", "__pycache__", "site-packages"}
DEFAULT_MAX_BYTES = 2_000_000

# 'gloss-lint: disable=a, b' in a comment; group 1 is the ids. Possessive blanks and ids that
# start and end with a character that is not blank: no run of blanks is tried twice.
_SUPPRESS = re.compile(r"(?:#|<!--)[ \t]*+gloss-lint:[ \t]*+disable[ \t]*+[=:]?[ \t]*+"
                       r"([\w.,\-]+(?:[ \t]+[\w.,\-]+)*)[ \t]*+(?:-->|$)", re.MULTILINE)
_FRONT_MATTER_START = re.compile(r"---[ \t]*(?:\n|$)")
_FRONT_MATTER_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)


# ---------------------------------------------------------------- discovery

def _matches(path: Path, patterns: list[str]) -> bool:
    posix = path.as_posix()
    return any(fnmatch.fnmatch(path.name, p) or fnmatch.fnmatch(posix, p)
               or fnmatch.fnmatch(posix, "*/" + p) for p in patterns)


def discover(paths: list[Path], profile: Profile, exclude: list[str] = (),
             overlay: Overlay | None = None, *, follow_symlinks: bool = False,
             problems: list[tuple[Path, InputProblem]] | None = None) -> list[Path]:
    """Glossary files under ``paths``, sorted; a file named explicitly is always taken.

    A symbolic link is followed when it leads inside the folders being linted (a folder link
    there is not: its files are linted where they are). One that leads outside is not
    followed unless ``follow_symlinks``, and a folder link back to a folder above it never
    is: each is added to ``problems`` (``input.symlink``), as is a folder that cannot be read.

    With an ``overlay`` (the glossary as it was), its files replace the disk's and
    the paths found are resolved.
    """
    found: set[Path] = set()
    excluded = [*profile.exclude, *exclude, *profile.redirect_files]  # redirects are never entries
    problems = [] if problems is None else problems
    for path in paths:
        # Named: taken even if it is not a regular file (read_file says what it is), unless deleted.
        if overlay.exists(path) if overlay else os.path.lexists(path) and not path.is_dir():
            if path.name not in profile.redirect_files:
                found.add(path)
            continue
        if (overlay is None or overlay.listing is None) and path.is_dir():
            found.update(_walk(path, paths, profile, exclude, excluded, follow_symlinks, problems))
        if overlay is not None:
            found.update(f for f in overlay.files_under(path)
                         if skip_reason(f, path, profile, exclude) is None)
    if overlay is not None:
        found = {Path(os.path.realpath(p)) for p in found} - overlay.absent()
    return sorted(found)


def _walk(top: Path, paths: list[Path], profile: Profile, exclude: list[str], excluded: list[str],
          follow_symlinks: bool, problems: list[tuple[Path, InputProblem]]) -> set[Path]:
    """The glossary files under the folder ``top`` (see ``discover`` for links)."""
    roots = [os.path.realpath(p) for p in paths]
    walked = {os.path.realpath(top)}
    found: set[Path] = set()

    def not_followed(path: Path, message: str) -> None:
        problems.append((path, InputProblem("input.symlink", message)))

    folders = [top]
    while folders:
        folder = folders.pop()
        try:
            with os.scandir(folder) as listing:
                children = sorted(listing, key=lambda e: e.name)
        except OSError as error:
            problems.append((folder, InputProblem("input.unreadable",
                                                  f"cannot read folder: {error.strerror or error}")))
            continue
        for child in children:
            path = Path(child.path)
            link = child.is_symlink()
            real = os.path.realpath(path) if link else ""
            inside = link and any(_within(real, root) for root in roots)
            if _is_dir(child):
                if not _kept_dir(path, exclude):
                    continue
                if link:
                    if _within(os.path.realpath(folder), real):
                        not_followed(path, "folder link loops back to a folder above it: not followed")
                        continue
                    if inside or real in walked:
                        continue  # its files are linted where they are
                    if not follow_symlinks:
                        not_followed(path, "folder link leads outside the linted folders: not followed "
                                           "(--follow-symlinks follows it)")
                        continue
                    walked.add(real)
                folders.append(path)
            elif _kept_file(path, profile, excluded):
                # A link that leads nowhere (or in a loop) is taken: read_file says what it is.
                if link and not inside and not follow_symlinks and os.path.exists(path):
                    not_followed(path, "file link leads outside the linted folders: not read "
                                       "(--follow-symlinks reads it)")
                    continue
                found.add(path)
    return found


def _is_dir(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError:  # a link loop: not a folder to walk
        return False


def _within(path: str, folder: str) -> bool:
    """Whether the real path ``path`` is ``folder`` or under it."""
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def skip_reason(path: Path, root: Path, profile: Profile, exclude: list[str] = ()) -> str | None:
    """Why ``discover(root)`` would not take ``path`` (which need not exist), or None."""
    try:
        relative = path.resolve().relative_to(root.resolve())
    except ValueError:
        return f"not under {Path(os.path.relpath(root)).as_posix()}"
    path = root.joinpath(relative)  # as discover spells it, for the patterns to match alike
    for depth in range(1, len(relative.parts)):
        if not _kept_dir(root.joinpath(*relative.parts[:depth]), exclude):
            return f"in a skipped folder ({relative.parts[depth - 1]})"
    if not relative.parts:
        return None
    if any(_matches(path, [p]) for p in exclude):
        return "matches the exclude patterns"
    if not _kept_file(path, profile, [*profile.exclude, *exclude, *profile.redirect_files]):
        return f"not a file the {profile.name} profile reads"
    return None


def _kept_dir(path: Path, exclude: list[str]) -> bool:
    return (not path.name.startswith(".") and path.name not in SKIPPED_DIRS
            and not _matches(path, list(exclude)))


def _kept_file(path: Path, profile: Profile, excluded: list[str]) -> bool:
    return (not path.name.startswith(".") and _matches(path, profile.include)
            and not _matches(path, excluded))


def redirect_paths(roots: list[Path], names: list[str]) -> list[Path]:
    """The files named ``names`` (a profile's redirect files) under the folders ``roots``."""
    names = set(names)
    found: list[Path] = []
    for root in roots if names else ():
        if root.is_file():
            continue
        for folder, dirs, files in os.walk(root):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            found += [Path(folder, f) for f in sorted(files) if f in names]
    return found


def discover_uses(paths: list[Path], root: Path, profile: Profile, exclude: list[str] = ()) -> list[Path]:
    """The documentation files of the profile's ``uses``: a file-name glob under ``paths``,
    a glob with '/' from ``root`` (the config's folder)."""
    found: set[Path] = set()
    names = [p for p in profile.uses if "/" not in p]
    for pattern in (p for p in profile.uses if "/" in p):
        found.update(p for p in root.glob(pattern) if p.is_file() and not _matches(p, list(exclude)))
    for path in paths if names else ():
        if path.is_file():
            if _matches(path, names):
                found.add(path)
            continue
        for folder, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if _kept_dir(Path(folder, d), exclude))
            found.update(Path(folder, f) for f in files if not f.startswith(".")
                         and _matches(Path(folder, f), names) and not _matches(Path(folder, f), list(exclude)))
    return sorted(found)


def read_document(path: Path, display: str, max_bytes: int = DEFAULT_MAX_BYTES,
                  entries: list[Entry] = ()) -> Entry | None:
    """A documentation file as one ``Entry`` whose field ``uses`` is its prose: code, literal
    blocks and front matter blanked, and so are the ``entries`` read from the same file (their
    links are theirs). ``None`` when it cannot be read (it is not a glossary file: no finding)."""
    data = _read_bytes(path, max_bytes)
    text = _decode(data) if isinstance(data, bytes) else data
    if isinstance(text, InputProblem):
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    file = entries[0].file if entries else SourceFile(display, text)
    text = file.text
    markup = "rst" if path.suffix.lower() in (".rst", ".rest") else "markdown"
    shown = prose(text) if markup == "rst" else text
    blank = [e.span for e in entries]
    if _FRONT_MATTER_START.match(text):
        end = _FRONT_MATTER_END.search(text, text.find("\n") + 1)
        blank.append(Span(0, end.end() if end else len(text)))
    if blank:
        chars = list(shown)
        for span in blank:
            chars[span.start:span.end] = re.sub(r"[^\n]", " ", shown[span.start:span.end])
        shown = "".join(chars)
    if not shown.strip():
        return None
    return Entry(file=file, fields={"uses": shown}, span=Span(0, len(text)), spans={("uses",): Span(0, len(text))},
                 raw={}, source=printable(Path(os.path.realpath(path)).parent.name), markup=markup)


# ---------------------------------------------------------------- reading

def read_file(path: Path, display: str, profile: Profile,
              max_bytes: int = DEFAULT_MAX_BYTES, overlay: Overlay | None = None) -> ReadResult:
    """Read one file into entries; every failure becomes an ``InputProblem``."""
    data = file_bytes(path, max_bytes, overlay)
    if isinstance(data, InputProblem):
        return ReadResult(None, problems=[data])
    return read_data(data, display, path, profile)


def file_bytes(path: Path, max_bytes: int = DEFAULT_MAX_BYTES,
               overlay: Overlay | None = None) -> bytes | InputProblem:
    """A glossary file's bytes (as the ``overlay`` has them, if it does), or why they cannot be read."""
    data = overlay.read_bytes(path) if overlay else None
    if data is None:
        return _read_bytes(path, max_bytes)
    return _too_large(f"{len(data):,}", max_bytes) if len(data) > max_bytes else data


_KINDS = {stat.S_IFIFO: "a named pipe", stat.S_IFCHR: "a device", stat.S_IFBLK: "a device",
          stat.S_IFSOCK: "a socket", stat.S_IFDIR: "a folder"}


def _read_bytes(path: Path, max_bytes: int) -> bytes | InputProblem:
    """The bytes of a regular file of at most ``max_bytes``: a pipe or a device is never opened,
    and no read takes more than ``max_bytes + 1`` bytes, whatever size the system claims."""
    try:
        mode = os.stat(path).st_mode
        if not stat.S_ISREG(mode):
            kind = _KINDS.get(stat.S_IFMT(mode), "not a regular file")
            return InputProblem("input.unreadable", f"not a regular file ({kind}): not read")
        # O_NONBLOCK: should the file become a pipe after the check, opening it does not wait.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
        with open(fd, "rb") as stream:
            status = os.fstat(fd)
            if not stat.S_ISREG(status.st_mode):
                return InputProblem("input.unreadable", "not a regular file: not read")
            if status.st_size > max_bytes:
                return _too_large(f"{status.st_size:,}", max_bytes)
            data = stream.read(max_bytes + 1)
    except OSError as error:
        return InputProblem("input.unreadable", f"cannot read file: {error.strerror or error}")
    return _too_large(f"more than {max_bytes:,}", max_bytes) if len(data) > max_bytes else data


def _too_large(size: str, max_bytes: int) -> InputProblem:
    return InputProblem("input.too-large", f"file is {size} bytes, over the {max_bytes:,}-byte limit "
                        "(raise max-file-size in the config to lint it)")


def read_data(data: bytes, display: str, path: Path, profile: Profile) -> ReadResult:
    """Read one file's bytes (``path`` says which reader: its suffix) into entries."""
    text = _decode(data)
    if isinstance(text, InputProblem):
        return ReadResult(None, problems=[text])
    # A line ends at \n, \r\n or \r, as in an editor; nothing else counts (U+2028 is text).
    file = SourceFile(display, text.replace("\r\n", "\n").replace("\r", "\n"))
    result = ReadResult(file)
    if not file.text.strip():
        result.problems.append(InputProblem("input.empty", "file is empty"))
        return result
    try:
        LAYOUTS[profile.layout](file, path, profile, result)
    except ParseError as error:
        result.problems.append(InputProblem("input.syntax", error.message, error.line, error.column))
    _assign_suppressions(result)
    return result


def _decode(data: bytes) -> str | InputProblem:
    """UTF-8 text (a BOM is dropped), or the problem: UTF-16, binary, or not UTF-8."""
    wide = _utf16(data)
    if wide:
        return InputProblem("input.encoding", f"file looks like {wide}, not UTF-8; save it as UTF-8")
    if b"\0" in data:
        return InputProblem("input.binary", "file is binary, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        return InputProblem("input.encoding", f"file is not UTF-8 (byte 0x{data[error.start]:02x}); "
                            "save it as UTF-8", line, column)


def _utf16(data: bytes) -> str | None:
    """'UTF-16 (little-endian)' or the like when the bytes read as UTF-16 (or UTF-32) text."""
    for bom, name in ((codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),
                      (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16")):
        if data.startswith(bom):
            return f"{name} (it starts with a {name} byte order mark)"
    if b"\0" not in data[:4096]:
        return None
    sample = data[:4096]
    for codec, name in (("utf-16-le", "UTF-16 (little-endian)"), ("utf-16-be", "UTF-16 (big-endian)")):
        try:
            text = codecs.getincrementaldecoder(codec)().decode(sample, final=False)
        except UnicodeDecodeError:
            continue
        # Text, not bytes that happen to pair up: no NUL, no control character but line ends and tabs.
        if text and all(c.isprintable() or c in "\t\n\r" for c in text):
            return name
    return None


def _read_auto(file: SourceFile, path: Path, profile: Profile, result: ReadResult) -> None:
    """YAML, JSON, or Markdown with front matter: one entry, a list, or an ``entries`` list."""
    suffix = path.suffix.lower()
    if suffix in (".md", ".markdown"):
        _read_markdown(file, profile, result)
        return
    tree = parse_json(file) if suffix == ".json" else parse_yaml(file)
    _report_tree(file, tree, result)
    known = known_fields(profile)
    value = tree.value
    if isinstance(value, dict) and isinstance(value.get("entries"), list):
        items: list[tuple] = [("entries", i) for i in range(len(value["entries"]))]
    elif isinstance(value, dict) and "entries" in value and not known.intersection(value):
        result.problems.append(InputProblem(
            "input.not-an-entry", f"'entries:' must be a list of entries (- term: …), found "
            f"{kind_of(value['entries'])}", *file.position(tree.spans[("entries",)].start)))
        return
    elif isinstance(value, list):
        items = [(i,) for i in range(len(value))]
    elif isinstance(value, dict):
        items = [()]
    else:
        result.problems.append(InputProblem(
            "input.not-an-entry", "file holds a single value, not an entry, a list of entries "
            "or an 'entries:' list", *file.position(tree.spans.get((), Span(0, 0)).start)))
        return
    for item in items:
        entry_tree = tree.subtree(item)
        span = entry_tree.spans[()]  # where the subtree starts: no second walk of the file's entries
        if not isinstance(entry_tree.value, dict):
            result.problems.append(InputProblem(
                "input.not-an-entry", f"expected an entry (a mapping with term, definition …), "
                f"found {kind_of(entry_tree.value)}", *file.position(span.start)))
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
    _report_tree(file, tree, result)
    value = tree.value
    for step in under:
        if not isinstance(value, dict) or step not in value:
            return  # not this glossary's file (a config, a data file): skipped like any non-glossary
        value = value[step]
    if not isinstance(value, dict):
        result.problems.append(InputProblem(
            "input.not-an-entry", f"expected a mapping of entries keyed by {key_field} under "
            f"{'.'.join(under) or 'the top level'}, found {kind_of(value)}",
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
                f"{kind_of(entry_tree.value)}", *file.position(tree.spans[item].start)))
            continue
        span = Span(key_span.start, max(key_span.end, tree.spans[item].end))
        add_entry(result, entry_from_tree(file, entry_tree, span, profile, path,
                                          preset={key_field: (key, key_span)}), profile)


def _read_markdown(file: SourceFile, profile: Profile, result: ReadResult) -> None:
    text = file.text
    if not _FRONT_MATTER_START.match(text):
        return  # not an entry: Markdown without front matter (a '----' rule opens none)
    first_newline = text.find("\n")
    end = _FRONT_MATTER_END.search(text, first_newline + 1)
    if end is None:
        raise ParseError("front matter opened with '---' is never closed", 1, 1)
    tree = parse_yaml(file, first_newline + 1, end.start())
    _report_tree(file, tree, result)
    if tree.value is None:
        tree.value = {}
    if not isinstance(tree.value, dict):
        line, column = file.position(first_newline + 1)
        raise ParseError(f"front matter must be a mapping, found {kind_of(tree.value)}", line, column)
    body_start = end.end() + 1
    add_entry(result, entry_from_tree(file, tree, Span(0, len(text)), profile, Path(file.path),
                                      body=(body_start, len(text))), profile)


Layout = Callable[[SourceFile, Path, Profile, ReadResult], None]
LAYOUTS: dict[str, Layout] = {
    "auto": _read_auto,
    "map": _read_map,
    "headings": read_headings,
    "page": read_page,
    "rst-glossary": read_glossaries,
}


def _report_tree(file: SourceFile, tree: Tree, result: ReadResult) -> None:
    """What the parser read past: keys given twice, lone surrogates it replaced."""
    for key, span in tree.duplicate_keys:
        result.problems.append(InputProblem(
            "input.duplicate-key", f"key {key!r} appears twice in the same mapping; "
            "only the last value is kept", *file.position(span.start)))
    for span in tree.replaced:
        result.problems.append(InputProblem(
            "input.encoding", "this escape is half of a UTF-16 surrogate pair, not a character; "
            "read as U+FFFD (write the character itself, or both halves of the pair)",
            *file.position(span.start)))


def _assign_suppressions(result: ReadResult) -> None:
    """Give each ``gloss-lint: disable=…`` comment to the entry it sits in, or to the next one
    when it is between entries: before any entry, or on a line of its own after an entry's
    last field and indented no deeper than the line where the next entry starts (the YAML
    parser's span of a list item runs on to the next ``-``, over such comments)."""
    if result.file is None:
        return
    file = result.file
    text = file.text
    entries = sorted(result.entries, key=lambda e: e.span.start)
    starts = [e.span.start for e in entries]
    for match in _SUPPRESS.finditer(text):
        named = list(re.finditer(r"[^,\s]+", match.group(1)))
        result.disabled.extend((m.group(), *file.position(match.start(1) + m.start())) for m in named)
        at = match.start()
        index = bisect.bisect_right(starts, at)  # entries[index] is the first to start after it
        inside = entries[index - 1] if index and at < entries[index - 1].span.end else None
        following = entries[index] if index < len(entries) else None
        line_start = text.rfind("\n", 0, at) + 1
        between = (inside is None or following is not None and not text[line_start:at].strip()
                   and _content_end(inside) <= at
                   and at - line_start <= _indent(text, following.span.start))
        owner = following if between else inside
        if owner is not None:
            owner.suppressed = owner.suppressed | {m.group() for m in named}


def _indent(text: str, offset: int) -> int:
    """How far the line holding ``offset`` is indented (to its first non-blank character)."""
    start = text.rfind("\n", 0, offset) + 1
    at = start
    while at < len(text) and text[at] in " \t":
        at += 1
    return at - start


def _content_end(entry) -> int:
    """Where the last key or value written in the entry ends (its span may run on over
    blank lines and comments up to the next entry)."""
    ends = [s.end for spans in (entry.spans, entry.key_spans) for path, s in spans.items() if path]
    return max(ends, default=entry.span.end)
