"""The baseline file: findings accepted today, by fingerprint, so a run fails only on new ones.

A JSON document, version 1: ``{"version": 1, "tool": "gloss-lint", "findings": [...]}``,
each finding ``{fingerprint, rule, path, entry, message}`` and no line numbers, so moving
text does not churn the file. A fingerprint may appear several times (the same problem
twice in one entry): it then accepts that many findings.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Iterable

from gloss_lint.model import Finding

VERSION = 1
DEFAULT = ".gloss-lint-baseline.json"


class BaselineError(Exception):
    """A baseline file that cannot be read (exit code 2)."""


def render(findings: Iterable[Finding]) -> str:
    rows = sorted(({"fingerprint": f.fingerprint, "rule": f.rule, "path": f.path, "entry": f.entry,
                    "message": f.message} for f in findings),
                  key=lambda r: (r["path"], r["rule"], r["entry"], r["fingerprint"], r["message"]))
    document = {"version": VERSION, "tool": "gloss-lint", "findings": rows}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def load(path: Path) -> Counter[str]:
    """How many findings of each fingerprint the baseline accepts."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BaselineError(f"baseline file not found: {path} (write one with 'gloss-lint baseline')") from None
    except OSError as error:
        raise BaselineError(f"cannot read baseline {path}: {error.strerror}") from None
    except (ValueError, UnicodeDecodeError) as error:
        raise BaselineError(f"{path}: not a gloss-lint baseline (invalid JSON: {error})") from None
    if not isinstance(document, dict) or document.get("version") != VERSION:
        raise BaselineError(f"{path}: not a version {VERSION} gloss-lint baseline")
    rows = document.get("findings")
    if not isinstance(rows, list) or not all(isinstance(r, dict) and isinstance(r.get("fingerprint"), str)
                                             for r in rows):
        raise BaselineError(f"{path}: 'findings' must be a list of objects with a 'fingerprint'")
    return Counter(r["fingerprint"] for r in rows)


def subtract(findings: Iterable[Finding], known: Counter[str]) -> tuple[list[Finding], list[Finding], Counter[str]]:
    """Split ``findings`` into those ``known`` does not account for and those it does,
    and return what is left of ``known`` (entries nothing matched)."""
    left = Counter(known)
    new: list[Finding] = []
    matched: list[Finding] = []
    for finding in findings:
        if left[finding.fingerprint] > 0:
            left[finding.fingerprint] -= 1
            matched.append(finding)
        else:
            new.append(finding)
    return new, matched, +left
