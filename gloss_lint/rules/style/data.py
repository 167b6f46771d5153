"""Style rules as data: one YAML file per rule, checked with line numbers, built into a ``Rule``.

The shipped files are ``rules/style/*.yaml``; a user adds their own with
``style-files = [...]`` in the config. A file's rule id is ``style.`` plus its
name without ``.yaml``. The kinds, after Vale's:

- ``existence``: each phrase of ``tokens`` found in a field is reported;
- ``substitution``: each phrase that is a key of ``swap`` is reported with
  the wording to use instead.

Phrases are regular expressions matched on whole words, ignoring case unless
``ignorecase: false``; a space matches any run of white space (so a phrase may
cross a line break). Matching reads the prose only (``markup.mask``): nothing
is found inside code, URLs, tags or shortcodes, nor inside double quotes on one
line (a definition that quotes "Get in touch" is talking about the phrase).
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any, Callable, Iterator, Mapping

import yaml

from gloss_lint.model import Entry, Problem, Severity, SourceFile, Span, occurrence
from gloss_lint.read.located import ParseError, parse_yaml
from gloss_lint.read.markup import mask, plain, repeats_definition
from gloss_lint.registry import Rule
from gloss_lint.resources import own_schema, pack_dir

_SCHEMA_PATH = own_schema("style-rule.json")
_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
DEFAULTS = {"severity": "warning", "enabled": True, "fields": ["definition", "body"],
            "ignorecase": True, "at": "anywhere", "exceptions": []}


class StyleRuleError(ValueError):
    """A style rule file that cannot be used: ``path:line:column: what is wrong``."""


@dataclass(frozen=True)
class StyleSpec:
    """A rule file as read: what to find, where, and what to say."""

    id: str
    kind: str
    message: str
    fields: tuple[str, ...]
    ignorecase: bool
    at: str
    tokens: tuple[str, ...]
    swap: Mapping[str, str]
    exceptions: tuple[str, ...]


def shipped_rules() -> list[Rule]:
    """The default pack's style rules (validated by the test suite, so loading stays cheap)."""
    return [load_rule_file(p, validate=False) for p in sorted((pack_dir() / "style").glob("*.yaml"))]


def load_rule_files(paths: list[Path]) -> list[Rule]:
    return [load_rule_file(p) for p in paths]


def load_rule_file(path: Path, *, validate: bool = True) -> Rule:
    name = path.name.removesuffix(".yaml").removesuffix(".yml")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise StyleRuleError(f"{path}: cannot read style rule file: {error}") from None
    if not _NAME.fullmatch(name):
        raise StyleRuleError(f"{path}: a style rule file's name is its id: use lower-case letters, "
                             f"digits and '-' (e.g. 'brand-names.yaml')")
    if validate:
        data = _validated(path, text)
    else:
        data = yaml.safe_load(text)
    data = {**DEFAULTS, **data}
    spec = spec_of(name, data)
    return Rule(id=spec.id, summary=data["summary"], severity=Severity.parse(data["severity"]),
                scope="entry", doc=data["doc"].strip(), bad=data["bad"].strip(),
                good=data["good"].strip(), check=_checker(spec), enabled=data["enabled"])


def spec_of(name: str, data: dict[str, Any]) -> StyleSpec:
    """What rule file ``name`` asks for, from its (valid) data; keys it leaves out take ``DEFAULTS``."""
    data = {**DEFAULTS, **data}
    return StyleSpec(id=f"style.{name}", kind=data["kind"], message=data["message"],
                     fields=tuple(data["fields"]), ignorecase=data["ignorecase"], at=data["at"],
                     tokens=tuple(data.get("tokens", ())),
                     swap=MappingProxyType(dict(data.get("swap", {}))),
                     exceptions=tuple(data["exceptions"]))


# ---------------------------------------------------------------- validation, with positions

def _validated(path: Path, text: str) -> dict[str, Any]:
    import jsonschema

    file = SourceFile(str(path), text)
    try:
        tree = parse_yaml(file)
    except ParseError as error:
        raise StyleRuleError(f"{path}:{error.line}:{error.column}: {error.message}") from None
    if not isinstance(tree.value, dict):
        raise StyleRuleError(f"{path}:1:1: a style rule file is a mapping (kind, summary, doc, …)")
    validator = jsonschema.Draft202012Validator(json.loads(_SCHEMA_PATH.read_text()))
    errors = sorted(validator.iter_errors(tree.value), key=lambda e: (list(map(str, e.absolute_path)), e.message))
    missing = [name for e in errors if e.validator == "required" and not e.absolute_path
               for name in e.validator_value if name not in tree.value]
    if missing:
        raise StyleRuleError(f"{_at(file, tree, ())}: missing required key"
                             f"{'s' if len(missing) > 1 else ''} {', '.join(map(repr, dict.fromkeys(missing)))}")
    for error in errors:
        where = tuple(error.absolute_path)
        if error.validator == "additionalProperties":
            extra = [k for k in error.instance if k not in error.schema.get("properties", {})]
            raise StyleRuleError(f"{_at(file, tree, where + (extra[0],), key=True)}: unknown key {extra[0]!r}")
        message = error.message
        if error.validator in ("if", "not", "allOf"):
            message = (f"a {tree.value.get('kind')} rule needs "
                       f"{'tokens' if tree.value.get('kind') == 'existence' else 'swap'}, and not the other")
        raise StyleRuleError(f"{_at(file, tree, where)}: {'.'.join(map(str, where)) + ': ' if where else ''}{message}")
    for key in ("tokens", "exceptions"):
        for i, phrase in enumerate(tree.value.get(key, [])):
            _compiles(phrase, file, tree, (key, i))
    for phrase in tree.value.get("swap", {}):
        _compiles(phrase, file, tree, ("swap", phrase), key=True)
    return tree.value


def _at(file: SourceFile, tree, path: tuple, key: bool = False) -> str:
    span = (tree.key_spans.get(path) if key or path not in tree.spans else tree.spans.get(path)) \
        or tree.key_spans.get(path) or tree.spans.get(path[:-1]) or Span(0, 0)
    line, column = file.position(span.start)
    return f"{file.path}:{line}:{column}"


def _compiles(phrase: str, file: SourceFile, tree, path: tuple, key: bool = False) -> None:
    """A phrase is a regular expression that works as one alternative of the rule's pattern."""
    where = f"{_at(file, tree, path, key)}: {'.'.join(map(str, path))}"
    try:
        names = re.compile(_spaced(phrase)).groupindex
    except re.error as error:
        raise StyleRuleError(f"{where}: not a valid regular expression: {error}") from None
    try:
        re.compile(f"(?:{_spaced(phrase)})")
    except re.error:  # '(?i)todo': a flag for the whole pattern, which holds the other phrases too
        raise StyleRuleError(f"{where}: a phrase cannot set a flag for the whole rule, as {phrase!r} "
                             f"does: use 'ignorecase', or a flag for a group ('(?i:…)')") from None
    taken = [name for name in names if name == "m" or (name[:1] == "g" and name[1:].isdecimal()
                                                        and name[1:].isascii())]  # the groups _compile names
    if taken:
        raise StyleRuleError(f"{where}: a phrase cannot name a group {taken[0]!r}: "
                             f"'m' and 'g' with a number are gloss-lint's own")


# ---------------------------------------------------------------- matching

def _spaced(phrase: str) -> str:
    """A space in a phrase matches any run of white space (a phrase may cross a line break)."""
    return re.sub(r"(?<!\\) +", r"\\s+", phrase)


# Strings one of which every match holds, each with the sets of strings one of which it holds too.
_Needs = tuple[tuple[str, tuple[frozenset[str], ...]], ...]


@dataclass(frozen=True)
class _Compiled:
    pattern: re.Pattern
    exceptions: re.Pattern | None
    groups: tuple[str, ...]  # substitution: group name -> replacement, by index
    needs: _Needs | None  # what a text holds where the pattern can match (``_needs``)


def _compile(spec: StyleSpec) -> _Compiled:
    flags = re.IGNORECASE if spec.ignorecase else 0
    phrases = spec.tokens or tuple(spec.swap)
    alternatives = "|".join(f"(?P<g{i}>{_spaced(p)})" for i, p in enumerate(phrases))
    # '(?=\S)' first: a blank starts no phrase, and the alternatives are not tried at each blank;
    # nor, where the phrases can only start with a few letters, at any other letter.
    firsts = [_first_characters(_spaced(p), flags) for p in phrases]
    starts = "" if None in firsts else "(?=[" + "".join(re.escape(c) for c in sorted(set().union(*firsts))) + "])"
    body = rf"{starts}(?=\S)(?<![\w-])(?P<m>{alternatives})(?![\w-])"
    pattern = re.compile(rf"\A\s*{body}" if spec.at == "start" else body, flags)
    exceptions = (re.compile("|".join(f"(?:{_spaced(p)})" for p in spec.exceptions), flags)
                  if spec.exceptions else None)
    # A pattern tried at the start alone costs less than looking for its strings.
    needs = _needs(phrases, flags) if spec.at != "start" else None
    return _Compiled(pattern, exceptions, tuple(spec.swap.values()), needs)


def _first_characters(pattern: str, flags: int) -> set[str] | None:
    """The characters a match of PATTERN can start with (matched with FLAGS, so a letter stands
    for its other case too), when it starts with a letter, a small class or a choice of them."""
    from re import _constants as sre, _parser  # Python's own parse of a pattern

    def firsts(items) -> set[str] | None:
        if not items:
            return None
        op, av = items[0]
        if op is sre.LITERAL:
            return {chr(av)}
        if op is sre.SUBPATTERN and not av[1] and not av[2]:  # a group that sets no flags
            return firsts(av[3].data)
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[0] >= 1:
            return firsts(av[2].data)
        if op is sre.BRANCH:
            found = [firsts(branch.data) for branch in av[1]]
            return None if None in found else set().union(*found)
        if op is sre.IN and all(o is sre.LITERAL or (o is sre.RANGE and a[1] - a[0] < 64) for o, a in av):
            return {chr(c) for o, a in av for c in ([a] if o is sre.LITERAL else range(a[0], a[1] + 1))}
        return None

    try:
        found = firsts(_parser.parse(pattern, flags).data)
    except (AttributeError, TypeError, ValueError, re.error):  # another Python's parser: no shortcut
        return None
    # Python 3.11's case-blind class of two or more letters beyond U+FFFF (Deseret, Adlam …)
    # matches none of them: '[𐐀𐐁]' misses '𐐀'.
    return None if found and max(found) > "\uffff" else found


# Past this many ways to spell a phrase's words, a part of it is not looked for (the rest still is).
_MOST_CHOICES = 64


def _needed_strings(pattern: str, flags: int) -> list[frozenset[str]] | None:
    """What a match of PATTERN holds, as choices of which every match meets one: each choice a set
    of strings (ASCII, lower case) that a match holds all of: 'talk' and 'about' in "let's talk
    about", 'utili' in 'utili[sz]e'. None when a match may hold no such string."""
    from re import _constants as sre, _parser  # Python's own parse of a pattern

    repeats = (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", sre.MAX_REPEAT))

    def needed(items) -> list[frozenset[str]]:
        choices = [frozenset()]
        run = ""
        for op, av in [*items, (None, None)]:
            if op is sre.LITERAL and chr(av).isascii():
                run += chr(av).lower()
                continue
            parts = [[frozenset([run])]] if run else []
            run = ""
            if op is sre.SUBPATTERN:
                parts.append(needed(av[-1].data))
            elif op is sre.BRANCH:
                parts.append([choice for branch in av[1] for choice in needed(branch.data)])
            elif op in repeats and av[0] >= 1:
                parts.append(needed(av[2].data))
            for part in parts:
                if len(choices) * len(part) <= _MOST_CHOICES:
                    choices = [a | b for a in choices for b in part]
        return choices

    try:
        choices = needed(_parser.parse(pattern, flags).data)
    except (AttributeError, TypeError, ValueError, IndexError, re.error):  # another Python's parser
        return None
    return None if frozenset() in choices else choices


def _needs(phrases: tuple[str, ...], flags: int) -> _Needs | None:
    """The choices of ``_needed_strings`` of every phrase, by the longest string of each (the one
    a text is least likely to hold); None when a match of some phrase may hold no such string."""
    needs = [_needed_strings(_spaced(p), flags) for p in phrases]
    if not needs or None in needs:
        return None
    by_longest: dict[str, set[frozenset[str]]] = {}
    for choices in needs:
        for choice in choices:
            longest = max(sorted(choice), key=len)
            by_longest.setdefault(longest, set()).add(choice - {longest})
    return tuple((longest, tuple(sorted(others, key=sorted))) for longest, others in sorted(by_longest.items()))


# Besides ASCII letters themselves, the only characters Python's case-blind matching takes for an
# ASCII character (tests/test_style.py checks every code point).
_FOLDED_TO_ASCII = "\u0130\u0131\u017f\u212a"  # İ ı ſ K (Kelvin)


def _may_match(prose: str, needs: _Needs) -> bool:
    """Whether a text holds, in any case, all the strings of one of the choices a rule's every
    match meets (``_needs``)."""
    if not prose.isascii() and any(c in prose for c in _FOLDED_TO_ASCII):
        return True
    lowered = prose.lower()
    for longest, rest in needs:
        if longest in lowered and any(all(n in lowered for n in others) for others in rest):
            return True
    return False


def _quoted(prose: str) -> Callable[[int], bool]:
    """Whether an offset is inside double quotes opened earlier on its line, for offsets asked
    in increasing order: each character is counted once, however many matches a line holds."""
    line_start = at = straight = opened = closed = 0

    def quoted(start: int) -> bool:
        nonlocal line_start, at, straight, opened, closed
        newline = prose.rfind("\n", at, start)
        if newline >= 0:
            line_start = at = newline + 1
            straight = opened = closed = 0
        between = prose[at:start]
        straight, opened, closed = (straight + between.count('"'), opened + between.count("“"),
                                    closed + between.count("”"))
        at = start
        return straight % 2 == 1 or opened > closed

    return quoted


def matches(spec: StyleSpec, compiled: _Compiled, text: str,
            skip: tuple[int, int] | None = None) -> Iterator[tuple[int, int, str | None]]:
    """(start, end, replacement) of each reportable match in a field's text."""
    prose = mask(text)
    if compiled.needs is not None and not _may_match(prose, compiled.needs):
        return  # most text holds none of the rule's words: no pass of its pattern
    excepted: list[tuple[int, int]] | None = None  # found at the first match: most fields have none
    quoted = _quoted(prose)
    for m in compiled.pattern.finditer(prose):
        start, end = m.span("m")
        if skip and skip[0] <= start < skip[1]:
            continue
        if excepted is None:
            excepted = [e.span() for e in compiled.exceptions.finditer(prose)] if compiled.exceptions else []
            excepted_starts = [a for a, _ in excepted]
        around = bisect_right(excepted_starts, start) - 1  # the one exception that can hold it
        if quoted(start) or (around >= 0 and end <= excepted[around][1]):
            continue
        replacement = None
        if compiled.groups:
            index = next(int(k[1:]) for k, v in m.groupdict().items() if v is not None and k[0] == "g")
            replacement = compiled.groups[index]
        yield start, end, replacement


def _checker(spec: StyleSpec):
    def check(entry: Entry, ctx) -> Iterator[Problem]:
        compiled = ctx.memo(("style", spec.id), lambda: _compile(spec))
        for name in spec.fields:
            text = entry.text(name)
            if not text.strip():
                continue
            skip = repeats_definition(text, entry.text("definition")) if name == "body" else None
            for start, end, replacement in matches(spec, compiled, text, skip):
                needle = text[start:end]
                shown = plain(text, start, end)
                message = spec.message.format(match=shown, replacement=replacement or "")
                yield Problem(f"{name}: {message}", (name,), needle=needle,
                              occurrence=occurrence(text, needle, start))

    return check


# ---------------------------------------------------------------- the user's own files

def configured_rules(config_path: Path | None, cwd: Path, taken: set[str]) -> list[Rule]:
    """The style rule files the config names in ``style-files`` (paths relative to the config);
    ``taken`` are the rule ids already defined, which a file may not reuse."""
    from gloss_lint.config import ConfigError, find_config, read_config

    path = config_path or find_config(cwd)
    if path is None or not path.is_file():
        return []
    names = read_config(path).get("style-files", [])
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        return []  # the config's own validation reports the wrong type
    taken = set(taken)
    rules = []
    for name in names:
        try:
            rule = load_rule_file(path.parent / name)
        except StyleRuleError as error:
            raise ConfigError(str(error)) from None
        if rule.id in taken:
            raise ConfigError(f"{path}: style-files: {name} would define {rule.id}, which is already "
                              f"a rule; rename the file")
        taken.add(rule.id)
        rules.append(rule)
    return rules
