"""The run: files -> entries -> corpus -> rules -> findings.

Rules say what they found; the engine attaches the rule id, severity and
location, drops what an entry suppresses, and returns sorted findings.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping

from gloss_lint.cache import (
    Cache,
    Kept,
    Table,
    code_stamp,
    digest,
    file_digest,
    open_cache,
    read_cached,
    settings_key,
)
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
from gloss_lint.parallel import in_parts
from gloss_lint.read.entries import InputProblem, ReadResult, printable
from gloss_lint.read.overlay import Overlay
from gloss_lint.read.readers import discover, discover_uses, file_bytes, read_document
from gloss_lint.registry import Registry


@dataclass
class Context:
    """What a rule's check sees: the corpus, its own options, the settings, shared memos."""

    corpus: Corpus
    settings: Settings
    options: Mapping[str, Any] = field(default_factory=dict)
    data: dict[str, Any] = field(default_factory=dict)  # what rules publish for the reports
    _memo: dict[Any, Any] = field(default_factory=dict)
    _kept: Kept | None = None  # tables kept across runs, in the cache
    _shared: dict[str, dict] | None = None  # what the runs of one command share (``shared``)

    def memo(self, key: Any, build: Callable[[], Any]) -> Any:
        """Build something once per run (a validator, an NLP pipeline) and share it."""
        if key not in self._memo:
            self._memo[key] = build()
        return self._memo[key]

    def kept(self, name: str, *depends: bytes | str) -> Table:
        """A table of values kept across runs (in the cache; without one, for this run only).
        ``depends``: what every value in it depends on besides its key (data files' contents);
        gloss-lint's own code is always part of it."""
        kept = self._kept
        build = Table if kept is None else lambda: kept.table(name, *depends)
        return self.memo(("kept", name, *depends), build)

    def tables(self) -> dict[tuple, Table]:
        """The kept tables this context used, by ``(name, *depends)``."""
        return {key[1:]: table for key, table in self._memo.items()
                if type(key) is tuple and key[:1] == ("kept",)}

    def fresh(self) -> Context:
        """A context over the same corpus, settings, kept and shared tables, nothing built yet."""
        return Context(self.corpus, self.settings, _kept=self._kept, _shared=self._shared)

    def shared(self, name: str) -> dict:
        """A dict the runs of one command share (a check of named files lints the glossary as it
        is and as it was, mostly the same entries, read once): a rule keeps there what it
        computed from entries, to be taken again for the same entry objects. Without a second
        run, a new dict each time: nothing is kept (a glossary's shingles and resolutions, some
        60 MiB in 10,000 entries) that no run will take again."""
        if self._shared is None:
            return {}
        return self._shared.setdefault(name, {})

    @property
    def sharing(self) -> bool:
        """Whether another run of this command takes what this one keeps in ``shared``."""
        return self._shared is not None

    def with_options(self, options: Mapping[str, Any]) -> Context:
        return Context(self.corpus, self.settings, options, self.data, self._memo, self._kept, self._shared)


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
    cached: str = ""  # the run's key in the cache ('' without one): its reports are kept there too


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
         overlay: Overlay | None = None, progress: Callable[[str], None] | None = None,
         shared: dict[str, dict] | None = None) -> Result:
    """Lint the glossary on disk, or as it was (``overlay``: at a git commit, say); ``progress``
    hears what the run is doing (files read, rule families done). Runs given the same ``shared``
    dict (one command's, with the same settings) read each file once and share what rules
    computed from its entries (``Context.shared``).

    With a cache (``settings.cache_dir``), files are read once per content, and a run whose
    settings and files are all as a run before gives that run's result at once."""
    progress = progress or (lambda what: None)
    cwd = cwd or Path.cwd()
    glossary = _Glossary.gather(settings, cwd, overlay)
    store = open_cache(settings.cache_dir) if settings.cache_dir else None
    if store is not None:
        run_key = digest(settings_key(settings, registry, cwd), str(overlay is None), *glossary.key())
        kept = store.load("runs", run_key)
        if isinstance(kept, tuple) and len(kept) == 4:
            findings, files, linted, data = kept
            return Result(findings, files, Corpus.deferred(lambda: glossary.read(registry, store)[0], linted),
                          data, cached=run_key)
    reads = shared.setdefault("reads", {}) if shared is not None else None
    corpus, findings = glossary.read(registry, store, progress, reads)
    files = glossary.files
    del glossary  # and with it every file's bytes (read for the run's cache key), not needed again
    kept = Kept(store) if store is not None else None
    if kept is not None and shared is not None:  # the tables are read once for the command's runs
        kept = shared.setdefault("kept", kept)
    context = Context(corpus, settings, _kept=kept, _shared=shared)
    enabled = settings.enabled()
    families = list(dict.fromkeys(r.split(".")[0] for r in enabled if registry[r].check is not None))
    ahead = in_parts(context, corpus.linted, [(r, registry[r], settings.rules[r]) for r in enabled
                                              if registry[r].scope == "entry" or registry[r].ahead],
                     check_entries, settings.jobs, progress)
    for rule_id in enabled:
        rule = registry[rule_id]
        if rule.check is None:
            continue
        family = rule_id.split(".")[0]
        progress(f"checking {family} ({families.index(family)} of {len(families)} rule families done)")
        rule_settings = settings.rules[rule_id]
        ctx = context.with_options(rule_settings.options)
        if rule.scope == "entry":
            findings.extend(ahead.take(rule_id, context.data) if ahead else
                            check_entries(rule_id, rule, rule_settings, corpus.linted, ctx))
        else:
            for problem in rule.check(ctx):
                if problem.entry is None:
                    raise ValueError(f"rule {rule_id} yielded a problem with no entry")
                reported = settings.report_context or id(problem.entry) not in corpus.context
                if reported and not problem.entry.is_suppressed(rule_id):
                    findings.append(_finding(rule_id, rule_settings.severity, problem.entry, problem))
    result = Result(sorted_findings(findings), files, corpus, context.data,
                    cached=run_key if store is not None else "")
    if store is not None:
        store.store("runs", run_key, (result.findings, result.files, len(corpus.linted), result.data))
        kept.save()
    return result


@dataclass
class _Glossary:
    """The files a run reads, found and read as bytes: enough to tell whether a run before
    read the same (``key``), before any is parsed (``read``)."""

    settings: Settings
    cwd: Path
    not_followed: list[tuple[Path, InputProblem]]
    linted: list[tuple[Path, str, bytes | InputProblem]]  # path, as shown, content
    around: list[tuple[Path, str, bytes | InputProblem]]  # the rest of the glossary (context)
    documents: list[tuple[Path, bool]]  # documentation files (``uses``), and whether linted

    @classmethod
    def gather(cls, settings: Settings, cwd: Path, overlay: Overlay | None) -> _Glossary:
        not_followed: list[tuple[Path, InputProblem]] = []
        found = discover(list(settings.paths), settings.profile, list(settings.exclude), overlay,
                         follow_symlinks=settings.follow_symlinks, problems=not_followed)
        linted = [(path, display_path(path, cwd), file_bytes(path, settings.max_bytes, overlay))
                  for path in found]
        around = []
        if settings.context:
            seen = {_real(p) for p in found}
            around = [(path, display_path(path, cwd), file_bytes(path, settings.max_bytes, overlay))
                      for path in discover(list(settings.context), settings.profile, list(settings.exclude),
                                           overlay, follow_symlinks=settings.follow_symlinks)
                      if _real(path) not in seen]
        documents = []
        if settings.profile.uses and overlay is None:  # documentation files are read from disk only
            roots = [*settings.paths, *settings.context]
            documents = [(path, not settings.context or any(_under(path, p) for p in settings.paths))
                         for path in discover_uses(roots, settings.root, settings.profile,
                                                   list(settings.exclude))]
        return cls(settings, cwd, not_followed, linted, around, documents)

    @property
    def files(self) -> list[str]:
        return [shown for _, shown, _ in self.linted]

    def key(self) -> list[str]:
        """Every file's path and content (or why it was not read)."""
        def content(data: bytes | InputProblem) -> str:
            return digest(data) if isinstance(data, bytes) else repr(data)

        return [*(f"not followed {path}\0{problem}" for path, problem in self.not_followed),
                *(f"linted {shown}\0{_real(path)}\0{content(data)}" for path, shown, data in self.linted),
                *(f"around {shown}\0{_real(path)}\0{content(data)}" for path, shown, data in self.around),
                *(f"document {path}\0{linted}\0{file_digest(path)}" for path, linted in self.documents)]

    def read(self, registry: Registry, store: Cache | None,
             progress: Callable[[str], None] = lambda what: None,
             reads: dict[tuple, ReadResult] | None = None) -> tuple[Corpus, list[Finding]]:
        """The corpus, and the findings of reading it (``input.*``); ``reads``: files read by
        another run of the same command, by what they were read from (taken as they are)."""
        settings, cwd = self.settings, self.cwd
        findings: list[Finding] = []
        entries: list[Entry] = []
        pages: list[Entry] = []
        around: list[Entry] = []  # the rest of the glossary, read for links and comparisons only
        read_from: dict[Path, list[Entry]] = {}  # a file's entries, blanked when it is also a document
        profile_key = digest(code_stamp(), repr(settings.profile))

        def report(shown: str, problem: InputProblem) -> None:
            rule = settings.rules[problem.rule]
            if rule.enabled:
                findings.append(Finding(shown, problem.line, problem.column, problem.rule,
                                        problem.message, rule.severity))

        def read_one(path: Path, shown: str, data: bytes | InputProblem) -> ReadResult:
            if isinstance(data, InputProblem):
                return ReadResult(None, problems=[data])
            if reads is None:
                return read_cached(store, profile_key, data, shown, path, settings.profile)
            key = (shown, path.name, _real(path), data)  # what read_cached's key holds
            if key not in reads:
                reads[key] = read_cached(store, profile_key, data, shown, path, settings.profile)
            return reads[key]

        for path, problem in self.not_followed:
            report(display_path(path, cwd), problem)
        for done, (path, shown, data) in enumerate(self.linted):
            progress(f"reading files ({done} of {len(self.linted)} read)")
            read = read_one(path, shown, data)
            read_from[_real(path)] = read.entries
            entries.extend(read.entries)
            pages.extend(read.skipped)
            for problem in [*read.problems, *_unknown_disabled(read.disabled, registry)]:
                report(shown, problem)
        for path, shown, data in self.around:
            read = read_one(path, shown, data)
            read_from[_real(path)] = read.entries
            around.extend(read.entries)
            pages.extend(read.skipped)
        documents, around_documents = [], []
        for path, linted_here in self.documents:
            document = read_document(path, display_path(path, cwd), settings.max_bytes,
                                     read_from.get(_real(path), []))
            if document is not None:
                (documents if linted_here else around_documents).append(document)
        corpus = Corpus(entries + around, pages, frozenset(map(id, [*around, *around_documents])),
                        documents + around_documents)
        return corpus, findings


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


def check_entries(rule_id: str, rule, rule_settings, entries: Iterable[Entry], ctx: Context) -> list[Finding]:
    """What a one-entry rule finds in ``entries``, in their order."""
    return [_finding(rule_id, rule_settings.severity, entry, p)
            for entry in entries if not entry.is_suppressed(rule_id) for p in rule.check(entry, ctx)]


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

