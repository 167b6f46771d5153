"""SARIF 2.1.0 for code scanning: one run, rules that fired in ``tool.driver.rules``."""

from __future__ import annotations

import json

from gloss_lint import __version__
from gloss_lint.model import Location, Severity

_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _location(loc: Location, message: str | None = None) -> dict:
    region = {"startLine": loc.line, "startColumn": loc.column}
    if loc.end_line and loc.end_column and (loc.end_line, loc.end_column) > (loc.line, loc.column):
        region.update(endLine=loc.end_line, endColumn=loc.end_column)
    location: dict = {"physicalLocation": {"artifactLocation": {"uri": loc.path},
                                           "region": region}}
    if message is not None:
        location["message"] = {"text": message}
    return location


def render(result, registry, settings, *, color: bool = False) -> str:
    fired = sorted({f.rule for f in result.findings})
    index = {rule_id: i for i, rule_id in enumerate(fired)}
    rules = []
    for rule_id in fired:
        rule = registry[rule_id]
        rules.append({
            "id": rule.id,
            "name": rule.id,
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": rule.doc},
            "help": {"text": f"{rule.doc}\n\nBad:\n{rule.bad}\n\nGood:\n{rule.good}"},
            "defaultConfiguration": {"level": _LEVELS[rule.severity]},
        })
    results = []
    for f in result.findings:
        item = {
            "ruleId": f.rule,
            "ruleIndex": index[f.rule],
            "level": _LEVELS[f.severity],
            "message": {"text": f.message},
            "locations": [_location(Location(f.path, f.line, f.column, f.end_line, f.end_column))],
            "partialFingerprints": {"glossLint/v1": f.fingerprint},
        }
        if f.entry:
            item["properties"] = {"entry": f.entry}
        if f.related:
            item["relatedLocations"] = [dict(_location(r.location, r.message), id=i)
                                        for i, r in enumerate(f.related)]
        results.append(item)
    log = {
        "$schema": _SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "gloss-lint", "version": __version__,
                                "informationUri": "https://pypi.org/project/gloss-lint/",
                                "rules": rules}},
            "results": results,
            "columnKind": "unicodeCodePoints",
        }],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
