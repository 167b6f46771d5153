"""The run: files -> entries -> corpus -> rules -> findings.

Rules say what they found; the engine attaches the rule id, severity and
location, drops what an entry suppresses, and returns sorted findings.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping

from gloss_lint.config import Settings, unknown_selector
from gloss_lint.corpus import Corpus
from gloss_lint.model import (
    Entry,
    Finding,
    Problem,
    RelatedLocation,
    Severity,
    locate,
    sorted_findings,
)
from gloss_lint.read.entries import InputProblem, printable
from gloss_lint.read.overlay import Overlay
from gloss_lint.read.readers import discover, discover_uses, read_document, read_file
from gloss_lint.registry import Registry


@dataclass
class Context:
    """What a rule's check sees: the corpus, its own options, the settings, shared memos."""

    corpus: Corpus
    settings: Settings
    options: Mapping[str, Any] = field(default_factory=dict)
    data: dict[str, Any] = field(default_factory=dict)  # what rules publish for the reports
    _memo: dict[Any, Any] = field(default_factory=dict)

    def memo(self, key: Any, build: Callable[[], Any]) -> Any:
        """Build something once per run (a validator, an NLP pipeline) and share it."""
        if key not in self._memo:
            self._memo[key] = build()
        return self._memo[key]

    def with_options(self, options: Mapping[str, Any]) -> Context:
        return Context(self.corpus, self.settings, options, self.data, self._memo)


@dataclass(frozen=True)
class Omitted:
    """Findings a run left out of its report, and why: its summary says so."""

    since: str = ""  # --diff REF: the commit compared with
    changed: int = 0  # glossary files changed since then
    preexisting: int = 0  # findings the glossary had before the change
    baseline: str = ""  # the baseline file
    baselined: int = 0  # findings recorded in it
    stale: int | None = None  # its entries that no longer occur (None: not counted this run)


@dataclass
class Result:
    findings: list[Finding]
    files: list[str]
    corpus: Corpus
    data: dict[str, Any]
    omitted: Omitted = field(default_factory=Omitted)


def _real(path: Path) -> Path:
    """Where ``path`` leads; unlike ``Path.resolve`` (Python 3.11), no error on a link loop."""
    return Path(os.path.realpath(path))


def display_path(path: Path, cwd: Path) -> str:
    """Paths relative to the working directory when under it, always with '/'.

    A link is shown where it is, not where it leads; bytes of a name that are not UTF-8
    are shown escaped (``a\\xff.yaml``), so every report can encode the path.
    """
    shown = Path(os.path.relpath(os.path.abspath(path), os.path.abspath(cwd))).as_posix()
    return printable(shown)


def lint(settings: Settings, registry: Registry, cwd: Path | None = None,
         overlay: Overlay | None = None) -> Result:
    """Lint the glossary on disk, or as it was (``overlay``: at a git commit, say)."""
    cwd = cwd or Path.cwd()
    findings: list[Finding] = []
    entries: list[Entry] = []
    pages: list[Entry] = []
    files: list[str] = []
    read_from: dict[Path, list[Entry]] = {}  # a file's entries, blanked when it is also a document

    def report(shown: str, problem: InputProblem) -> None:
        rule = settings.rules[problem.rule]
        if rule.enabled:
            findings.append(Finding(shown, problem.line, problem.column, problem.rule,
                                    problem.message, rule.severity))

    not_followed: list[tuple[Path, InputProblem]] = []
    linted = discover(list(settings.paths), settings.profile, list(settings.exclude), overlay,
                      follow_symlinks=settings.follow_symlinks, problems=not_followed)
    for path, problem in not_followed:
        report(display_path(path, cwd), problem)
    for path in linted:
        shown = display_path(path, cwd)
        files.append(shown)
        read = read_file(path, shown, settings.profile, settings.max_bytes, overlay)
        read_from[_real(path)] = read.entries
        entries.extend(read.entries)
        pages.extend(read.skipped)
        for problem in [*read.problems, *_unknown_disabled(read.disabled, registry)]:
            report(shown, problem)
    around: list[Entry] = []  # the rest of the glossary, read for links and comparisons only
    if settings.context:
        seen = {_real(p) for p in linted}
        for path in discover(list(settings.context), settings.profile, list(settings.exclude), overlay,
                             follow_symlinks=settings.follow_symlinks):
            if _real(path) not in seen:
                read = read_file(path, display_path(path, cwd), settings.profile, settings.max_bytes,
                                 overlay)
                read_from[_real(path)] = read.entries
                around.extend(read.entries)
                pages.extend(read.skipped)
    documents, around_documents = [], []
    if settings.profile.uses and overlay is None:  # documentation files are read from disk only
        roots = [*settings.paths, *settings.context]
        for path in discover_uses(roots, settings.root, settings.profile, list(settings.exclude)):
            document = read_document(path, display_path(path, cwd), settings.max_bytes,
                                     read_from.get(_real(path), []))
            if document is not None:
                linted_here = not settings.context or any(_under(path, p) for p in settings.paths)
                (documents if linted_here else around_documents).append(document)
    corpus = Corpus(entries + around, pages, frozenset(map(id, [*around, *around_documents])),
                    documents + around_documents)
    context = Context(corpus, settings)
    for rule_id in settings.enabled():
        rule = registry[rule_id]
        if rule.check is None:
            continue
        rule_settings = settings.rules[rule_id]
        ctx = context.with_options(rule_settings.options)
        if rule.scope == "entry":
            for entry in corpus.linted:
                if not entry.is_suppressed(rule_id):
                    findings.extend(_finding(rule_id, rule_settings.severity, entry, p)
                                    for p in rule.check(entry, ctx))
        else:
            for problem in rule.check(ctx):
                if problem.entry is None:
                    raise ValueError(f"rule {rule_id} yielded a problem with no entry")
                reported = settings.report_context or id(problem.entry) not in corpus.context
                if reported and not problem.entry.is_suppressed(rule_id):
                    findings.append(_finding(rule_id, rule_settings.severity, problem.entry, problem))
    return Result(sorted_findings(findings), files, corpus, context.data)


def _unknown_disabled(disabled: list[tuple[str, int, int]], registry: Registry) -> Iterator[InputProblem]:
    """A ``gloss-lint: disable=…`` comment that names no rule silences nothing: say so."""
    for selector, line, column in disabled:
        problem = selector != "all" and unknown_selector(registry, selector)
        if problem:
            yield InputProblem("input.unknown-rule", f"'gloss-lint: disable' names an {problem}",
                               line, column)


def _under(path: Path, root: Path) -> bool:
    path, root = _real(path), _real(root)
    return path == root or root in path.parents


def _finding(rule_id: str, severity: Severity, entry: Entry, problem: Problem) -> Finding:
    entry = problem.entry or entry
    where = locate(entry.file, entry.locate(problem.path, problem.needle, key=problem.key,
                                            occurrence=problem.occurrence, raw=problem.raw))
    if problem.severity is not None:
        severity = min(severity, problem.severity)
    related = tuple(
        RelatedLocation(locate(r.entry.file, r.entry.locate(r.path, r.needle)), r.message)
        for r in problem.related)
    return Finding(where.path, where.line, where.column, rule_id, problem.message, severity,
                   entry=entry.term, end_line=where.end_line, end_column=where.end_column,
                   related=related)


def fails(findings: Iterable[Finding], fail_on: Severity) -> bool:
    return any(f.severity >= fail_on for f in findings)

