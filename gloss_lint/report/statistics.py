"""``check --statistics``: how many findings each rule made, most first (as ruff and flake8 print it)."""

from __future__ import annotations

import json
from collections import Counter


def render(result, registry, settings, *, as_json: bool = False) -> str:
    counts = Counter(f.rule for f in result.findings)
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    if as_json:
        return json.dumps([{"rule": rule, "count": count, "severity": str(settings.rules[rule].severity),
                            "summary": registry[rule].summary} for rule, count in rows], indent=2) + "\n"
    if not rows:
        return ""
    width = max(len(rule) for rule, _ in rows)
    digits = len(str(rows[0][1]))
    return "".join(f"{count:>{digits}}  {rule:<{width}}  {registry[rule].summary}\n" for rule, count in rows)
