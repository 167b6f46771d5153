"""New findings only: those a change introduced, and those the baseline does not accept.

"Introduced" compares fingerprints with the same glossary linted as it was before the change:

- ``--diff REF``: before = the glossary at the commit where the branch left REF, read from git
  objects (nothing is checked out);
- files named on the command line (the pre-commit hook): every finding on the named files, and
  of the rest of the glossary only what the named files cause: findings that would not be there
  if the named files were as HEAD has them (absent, if HEAD has not got them or there is no git).

The configuration is the same on both sides: a changed config introduces nothing.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from pathlib import Path

from gloss_lint import baseline as baseline_file
from gloss_lint.config import Settings
from gloss_lint.corpus import Corpus
from gloss_lint.engine import Omitted, Result, display_path, lint
from gloss_lint.gitdiff import at_head, glossary_at
from gloss_lint.read.overlay import Overlay
from gloss_lint.registry import Registry


def since(settings: Settings, registry: Registry, ref: str, cwd: Path,
          progress=None) -> tuple[Result, Counter[str], Omitted]:
    """The glossary now, and the fingerprints it had at ``ref``'s base."""
    overlay, _, changed = glossary_at(ref, [*settings.paths, *settings.context], cwd)
    note = Omitted(since=ref, changed=len(changed))
    if not changed:  # the glossary is as it was: nothing can be new, nothing to lint
        return Result([], [], Corpus([]), {}), Counter(), note
    before = lint(settings, registry, cwd, overlay, progress)
    return lint(settings, registry, cwd, progress=progress), Counter(f.fingerprint for f in before.findings), note


def caused_by_named(settings: Settings, registry: Registry, cwd: Path,
                    progress=None) -> tuple[Result, Counter[str]]:
    """The named files' findings and the rest of the glossary's, and the fingerprints the
    rest had with the named files as HEAD has them."""
    then = at_head(list(settings.named), cwd)
    changed = {}
    for path in settings.named:
        data = then.get(path.resolve())
        if data != (path.read_bytes() if path.is_file() else None):
            changed[path.resolve()] = data
    if not changed:  # as in HEAD: they cause what they caused before
        return lint(settings, registry, cwd, progress=progress), Counter()
    wide = replace(settings, report_context=True)
    named = {display_path(path, cwd) for path in settings.named}
    shared: dict[str, dict] = {}  # both sides read the rest of the glossary once, and share work on it
    before = lint(wide, registry, cwd, Overlay(changed), progress, shared)
    now = lint(wide, registry, cwd, progress=progress, shared=shared)
    return now, Counter(f.fingerprint for f in before.findings if f.path not in named)


def new_findings(settings: Settings, registry: Registry, *, since_ref: str | None = None,
                 baseline: Path | None = None, cwd: Path | None = None, progress=None) -> Result:
    """Lint, then leave out the baseline's findings and those there before the change
    (``progress``: see ``engine.lint``)."""
    cwd = cwd or Path.cwd()
    note = Omitted()
    if since_ref:
        result, before, note = since(settings, registry, since_ref, cwd, progress)
    elif settings.named:
        result, before = caused_by_named(settings, registry, cwd, progress)
    else:
        result, before = lint(settings, registry, cwd, progress=progress), Counter()
    findings = result.findings
    if baseline is not None:
        accepted = baseline_file.load(baseline)
        findings, matched, left = baseline_file.subtract(findings, accepted)
        before -= accepted  # a finding both there before and in the baseline counts once
        # Entries that no longer occur are counted only when the whole glossary was linted.
        whole = not settings.named and (not since_ref or note.changed)
        note = replace(note, baseline=display_path(baseline, cwd), baselined=len(matched),
                       stale=sum(left.values()) if whole else None)
    findings, preexisting, _ = baseline_file.subtract(findings, before)
    return replace(result, findings=findings, omitted=replace(note, preexisting=len(preexisting)))
