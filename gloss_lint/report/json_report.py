"""JSON: the documented, versioned machine format (docs/output-formats.md, "JSON").

Version 1. Top level: ``version``, ``tool``, ``summary`` (files, entries,
findings, error, warning, info; ``omitted`` when ``--diff`` or a baseline left findings
out: since, changed, preexisting, baseline, baselined, stale), ``findings`` (sorted; each with rule,
severity, path, line, column, end_line, end_column, message, entry,
fingerprint, related[]), and the sections rules publish that it carries (``SECTIONS``: ``facts``).
"""

from __future__ import annotations

import json

from gloss_lint import __version__
from gloss_lint.model import Finding, Severity

VERSION = 1
# What rules publish that the JSON carries. The link graph and the readability numbers
# ("links", "readability") are the HTML page's: megabytes on a large glossary.
SECTIONS = ("facts",)


def finding_dict(f: Finding) -> dict:
    return {
        "rule": f.rule,
        "severity": str(f.severity),
        "path": f.path,
        "line": f.line,
        "column": f.column,
        "end_line": f.end_line,
        "end_column": f.end_column,
        "message": f.message,
        "entry": f.entry,
        "fingerprint": f.fingerprint,
        "related": [{"path": r.location.path, "line": r.location.line,
                     "column": r.location.column, "message": r.message} for r in f.related],
    }


def render(result, registry, settings, *, color: bool = False) -> str:
    summary = {"files": len(result.files), "entries": result.corpus.linted_count,
               "findings": len(result.findings)}
    summary.update({str(s): sum(1 for f in result.findings if f.severity == s) for s in
                    sorted(Severity, reverse=True)})
    omitted = result.omitted
    if omitted.since or omitted.baseline or omitted.preexisting:  # only what the report left out
        fields = ["since", "changed"] if omitted.since else []
        fields += ["preexisting"] + (["baseline", "baselined", "stale"] if omitted.baseline else [])
        summary["omitted"] = {key: getattr(omitted, key) for key in fields}
    document = {
        "version": VERSION,
        "tool": {"name": "gloss-lint", "version": __version__},
        "summary": summary,
        "findings": [finding_dict(f) for f in result.findings],
        **{key: result.data[key] for key in SECTIONS if key in result.data},
    }
    return json.dumps(document, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
