"""Markdown for a job summary or a pull-request comment: the counts, then the findings by file.

In GitHub Actions (``GITHUB_SERVER_URL``, ``GITHUB_REPOSITORY`` and ``GITHUB_SHA`` set) each
finding links to its line. A long list is collapsed in ``<details>``; past a comment's size
only a count is given. Glossary text is untrusted: messages are escaped, and ``@``/``#`` cannot
mention anyone or link an issue.
"""

from __future__ import annotations

import os
from collections import Counter
from itertools import groupby
from typing import Mapping
from urllib.parse import quote

from gloss_lint.model import Severity
from gloss_lint.report import omitted_note, visible

LONG = 20  # more findings than this are listed in a collapsed <details> block
BUDGET = 60_000  # characters; a GitHub comment holds 65,536
_ICONS = {Severity.ERROR: ":x:", Severity.WARNING: ":warning:", Severity.INFO: ":information_source:"}
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "@": "&#64;", "#": "&#35;",
                          "*": r"\*", "_": r"\_", "[": r"\[", "]": r"\]", "|": r"\|", "`": r"\`",
                          "\\": "\\\\", "\n": " "})


def escape(text: str) -> str:
    return visible(text).translate(_ESCAPES)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' * (count != 1)}"


def line_links(environ: Mapping[str, str]):
    """``path, line -> URL`` on the repository's web page at the run's commit, or None."""
    server, repository, sha = (environ.get(k) for k in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_SHA"))
    if not (server and repository and sha):
        return None
    return lambda path, line: f"{server}/{repository}/blob/{sha}/{quote(path)}#L{line}"


def render(result, registry, settings, *, color: bool = False,
           environ: Mapping[str, str] | None = None) -> str:
    # The CI run's environment says where the repository is; a test passes its own.
    link = line_links(os.environ if environ is None else environ)
    findings = result.findings
    counts = Counter(f.severity for f in findings)
    new = "new " if result.omitted.since or result.omitted.baseline or result.omitted.preexisting else ""
    if findings:
        title = (f"{_plural(len(findings), new + 'finding')}: {_plural(counts[Severity.ERROR], 'error')}, "
                 f"{_plural(counts[Severity.WARNING], 'warning')}, {counts[Severity.INFO]} info")
    else:
        title = f"no {new}findings"
    entries = result.corpus.linted_count
    checked = f"Checked {_plural(len(result.files), 'file')}, {entries} entr{'ies' if entries != 1 else 'y'}."
    note = omitted_note(result.omitted)
    out = [f"### gloss-lint: {title}", "", checked + (f" {escape(note[0].upper() + note[1:])}." if note else "")]
    if not findings:
        return "\n".join(out) + "\n"
    out += ["", "| rule | severity | findings |", "| --- | --- | --- |"]
    by_rule = Counter(f.rule for f in findings)
    for rule, count in sorted(by_rule.items(), key=lambda item: (-item[1], item[0])):
        out.append(f"| `{rule}` | {settings.rules[rule].severity} | {count} |")
    listing, listed = [], 0
    size = sum(len(line) for line in out)
    for path, group in groupby(findings, key=lambda f: f.path):
        block = ["", f"**{escape(path)}**", ""]
        for f in group:
            where = f"{f.line}:{f.column}"
            where = f"[{where}]({link(f.path, f.line)})" if link else where
            block.append(f"- {_ICONS[f.severity]} {where} `{f.rule}` {escape(f.message)}")
        if size + sum(len(line) + 1 for line in block) > BUDGET:
            break
        size += sum(len(line) + 1 for line in block)
        listing += block
        listed += len(block) - 3
    if listed < len(findings):
        listing += ["", f"… and {_plural(len(findings) - listed, 'more finding')}, not listed here for "
                        "length: see the full report (text, SARIF or JSON)."]
    if len(findings) > LONG:
        listing = ["", f"<details><summary>All {_plural(len(findings), new + 'finding')}, by file</summary>",
                   *listing, "", "</details>"]
    return "\n".join(out + listing) + "\n"
