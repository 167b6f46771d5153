"""Reporters: pure functions ``render(result, registry, settings) -> str``.

``REPORTERS`` maps a format name to the module that renders it; it also gives
the CLI its ``--format`` choices. Modules are imported only when used.
"""

from __future__ import annotations

import importlib
from typing import Callable

REPORTERS: dict[str, str] = {
    "text": "gloss_lint.report.text",
    "json": "gloss_lint.report.json_report",
    "sarif": "gloss_lint.report.sarif",
    "junit": "gloss_lint.report.junit",
    "github": "gloss_lint.report.github",
    "html": "gloss_lint.report.html",
}


def renderer(name: str) -> Callable[..., str]:
    return importlib.import_module(REPORTERS[name]).render
