"""Fuzzing: random, mutated and hostile glossaries never break a run, a report or determinism.

Bounded for CI (a fixed number of examples, derandomized so every run tries the same ones);
``bench/fuzz.py`` runs the same generator on ten thousand files and more.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from fuzzing import FORMATS, PROFILES, glossaries, lint_twice, write_glossary
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st


@settings(max_examples=16, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(files=glossaries(), fmt=st.sampled_from(FORMATS), profile=PROFILES)
def test_no_glossary_breaks_a_run(files, fmt, profile):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "glossary"
        write_glossary(folder, files)
        lint_twice(folder, fmt, profile)
