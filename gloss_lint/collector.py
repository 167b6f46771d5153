"""Python's cyclic garbage collector tuned for a batch run, and paused around work that builds no cycles."""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def paused() -> Iterator[None]:
    """No cyclic collection inside: building millions of fresh objects (unpickling a cache, the
    report page's lists) would set off full collections that walk them all and find nothing."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def rare() -> Iterator[None]:
    """Rare collections inside: a run builds hundreds of thousands of long-lived objects (entries,
    spans, tokens) and frees few cycles; with the default thresholds the collector rescans them
    all, about a sixth of a 10,000-entry run's CPU. Rarer collections keep the memory bounded."""
    thresholds = gc.get_threshold()
    gc.set_threshold(100_000, 50, 100)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
