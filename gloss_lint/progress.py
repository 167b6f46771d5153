"""The progress line: one status line on a terminal's stderr while a long run works, erased at the end."""

from __future__ import annotations

import os
import sys
import time
from typing import Callable, TextIO

# Formats whose report on stdout a program reads: a status line beside it would end up in logs
# captured with 2>&1 and confuse whoever watches the terminal for the report's first bytes.
_MACHINE_FORMATS = ("json", "sarif")
_ERASE = "\r\033[K"


class Progress:
    """Shows ``gloss-lint: <what>`` on ``stream`` once the run has taken ``delay`` seconds, at most
    ten times a second, each line over the last; ``close()`` erases it."""

    def __init__(self, stream: TextIO, delay: float = 1.0, clock: Callable[[], float] = time.monotonic):
        self.stream, self.delay, self.clock = stream, delay, clock
        self.start = clock()
        self.shown_at: float | None = None
        self.shown = ""

    def __call__(self, what: str) -> None:
        now = self.clock()
        if now - self.start < self.delay or what == self.shown or (
                self.shown_at is not None and now - self.shown_at < 0.1):
            return
        width = _columns(self.stream) - 1
        self.stream.write(_ERASE + f"gloss-lint: {what}"[:width])
        self.stream.flush()
        self.shown_at, self.shown = now, what

    def close(self) -> None:
        if self.shown_at is not None:
            self.stream.write(_ERASE)
            self.stream.flush()
            self.shown_at, self.shown = None, ""


def for_run(formats: list[tuple[str, str | None]], stream: TextIO | None = None) -> Progress | None:
    """A progress line on ``stream`` (stderr) for a run writing reports ``formats`` ((name, file or
    None for stdout)), or None: only on a terminal, never in CI, never beside a machine-read
    report on stdout."""
    stream = stream or sys.stderr
    if not _terminal(stream) or os.environ.get("CI") or os.environ.get("TERM") == "dumb":
        return None
    if any(file is None and name in _MACHINE_FORMATS for name, file in formats):
        return None
    return Progress(stream)


def _terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # replaced by something that is no file, or closed
        return False


def _columns(stream: TextIO) -> int:
    try:
        return os.get_terminal_size(stream.fileno()).columns or 80
    except (OSError, ValueError):
        return 80
