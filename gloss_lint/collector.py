"""Pausing Python's cyclic garbage collector around work that builds many objects and no cycles."""

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
