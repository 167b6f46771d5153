"""GitLab Code Quality: a JSON array of issues (description, check_name, fingerprint, severity, location)."""

from __future__ import annotations

import hashlib
import json
from collections import Counter

from gloss_lint.model import Severity

# GitLab's scale is info, minor, major, critical, blocker; an error ranks above a warning,
# and none of ours is a blocker (that is for what breaks the build outright).
_SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def render(result, registry, settings, *, color: bool = False) -> str:
    issues = []
    seen: Counter[str] = Counter()
    for f in result.findings:
        # GitLab keeps one issue per fingerprint: the same problem twice in a file needs two.
        fingerprint = f.fingerprint if not seen[f.fingerprint] else hashlib.sha256(
            f"{f.fingerprint}\0{seen[f.fingerprint]}".encode()).hexdigest()[:16]
        seen[f.fingerprint] += 1
        lines = {"begin": f.line}
        end = (f.end_line or 0) - (f.end_column == 1)  # a span ending at a line's start ends before it
        if end > f.line:
            lines["end"] = end
        issues.append({
            "type": "issue",
            "description": f.message,
            "check_name": f.rule,
            "fingerprint": fingerprint,
            "severity": _SEVERITIES[f.severity],
            "location": {"path": f.path, "lines": lines},
        })
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"
