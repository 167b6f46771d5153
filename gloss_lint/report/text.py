"""Plain text: findings grouped by file, ``path:line:col: severity rule message``."""

from __future__ import annotations

from itertools import groupby

from gloss_lint.model import Severity
from gloss_lint.report import omitted_note, visible

_COLOURS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}


def _paint(text: str, code: str, color: bool) -> str:
    return f"\033[{code}m{text}\033[0m" if color else text


def render(result, registry, settings, *, color: bool = False) -> str:
    lines: list[str] = []
    for path, group in groupby(result.findings, key=lambda f: f.path):
        if lines:
            lines.append("")
        for f in group:
            severity = _paint(str(f.severity), _COLOURS[f.severity], color)
            where = _paint(f"{visible(f.path)}:{f.line}:{f.column}:", "1", color)
            lines.append(f"{where} {severity} {f.rule} {visible(f.message)}")
            for related in f.related:
                loc = related.location
                lines.append(f"    {visible(loc.path)}:{loc.line}:{loc.column}: {visible(related.message)}")
    if lines:
        lines.append("")
    lines.append(summary(result))
    note = omitted_note(result.omitted)
    if note:
        lines.append(note)
    return "\n".join(lines) + "\n"


def summary(result) -> str:
    """'3 findings (1 error, 2 warnings, 0 info) in 4 files, 12 entries'."""
    counts = {s: sum(1 for f in result.findings if f.severity == s) for s in Severity}
    files, entries = len(result.files), result.corpus.linted_count
    return (f"{len(result.findings)} finding{'s' * (len(result.findings) != 1)} "
            f"({counts[Severity.ERROR]} error{'s' * (counts[Severity.ERROR] != 1)}, "
            f"{counts[Severity.WARNING]} warning{'s' * (counts[Severity.WARNING] != 1)}, "
            f"{counts[Severity.INFO]} info) in {files} file{'s' * (files != 1)}, "
            f"{entries} entr{'ies' if entries != 1 else 'y'}")
