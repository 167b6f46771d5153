"""Reporters: pure functions ``render(result, registry, settings) -> str``.

``REPORTERS`` maps a format name to the module that renders it; it also gives
the CLI its ``--format`` choices. Modules are imported only when used.
"""

from __future__ import annotations

import importlib
import re
from typing import Callable

REPORTERS: dict[str, str] = {
    "text": "gloss_lint.report.text",
    "json": "gloss_lint.report.json_report",
    "sarif": "gloss_lint.report.sarif",
    "junit": "gloss_lint.report.junit",
    "github": "gloss_lint.report.github",
    "html": "gloss_lint.report.html",
    "markdown": "gloss_lint.report.markdown",
    "gitlab": "gloss_lint.report.gitlab",
}


# The sections of a run's data (``Result.data``) each format shows besides its findings.
SHOWS: dict[str, tuple[str, ...]] = {"json": ("facts",), "html": ("facts", "links", "readability")}


def renderer(name: str) -> Callable[..., str]:
    return importlib.import_module(REPORTERS[name]).render


def shown(formats: list[str]) -> tuple[str, ...]:
    """The data sections reports in ``formats`` show: all a run needs to publish for them."""
    return tuple(sorted({section for name in formats for section in SHOWS.get(name, ())}))


# C0 controls but tab and newline, DEL, C1 controls: a terminal acts on them (ESC [2J clears the
# screen, OSC sets the window title); XML 1.0 forbids most of them, and U+FFFE and U+FFFF.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")


def visible(text: str) -> str:
    """Glossary text and file names safe for a terminal or XML: each control character
    written out as its escape (``\\x1b``), so a reader sees it and nothing acts on it."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}" if m.group() < "\u0100"
                        else f"\\u{ord(m.group()):04x}", text)


def omitted_note(omitted) -> str:
    """What the summary says about findings left out (``--diff``, baseline), or ''."""
    parts = []
    if omitted.since:
        if omitted.changed:
            files = f"{omitted.changed} file{'s' * (omitted.changed != 1)} changed"
            parts.append(f"new since {omitted.since} ({files}); {omitted.preexisting} there before not shown")
        else:
            parts.append(f"no glossary file changed since {omitted.since}")
    elif omitted.preexisting:
        parts.append(f"{omitted.preexisting} elsewhere in the glossary, there before these files changed, not shown")
    if omitted.baseline:
        parts.append(f"{omitted.baselined} baselined in {omitted.baseline}")
        if omitted.stale:
            entries = "entries no longer occur" if omitted.stale != 1 else "entry no longer occurs"
            parts.append(f"{omitted.stale} baseline {entries} ('gloss-lint baseline --update' drops them)")
    return "; ".join(parts)
