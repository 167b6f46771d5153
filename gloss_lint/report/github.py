"""GitHub Actions workflow commands: an ``::error``/``::warning``/``::notice`` annotation per finding.

GitHub shows 10 error, 10 warning and 10 notice annotations per step (50 per job) and drops
the rest without a word. So past 10 of a kind a finding is a plain log line, and one last
notice says how many were not annotated and where they are.
"""

from __future__ import annotations

from collections import Counter

from gloss_lint.model import Severity
from gloss_lint.report import visible

_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
PER_KIND = 10  # annotations of one kind GitHub shows per step


def _escape(text: str, *, property_: bool = False) -> str:
    text = visible(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if property_ else text


def render(result, registry, settings, *, color: bool = False) -> str:
    kinds = Counter(_COMMANDS[f.severity] for f in result.findings)
    over = any(count > PER_KIND for count in kinds.values())
    room = {kind: PER_KIND for kind in _COMMANDS.values()}
    if over:
        room["notice"] -= 1  # kept for the line that says what was not annotated
    lines, plain = [], []
    for f in result.findings:
        kind = _COMMANDS[f.severity]
        if room[kind] == 0:
            plain.append(visible(f"{f.path}:{f.line}:{f.column}: {f.severity} {f.rule} {f.message}"))
            continue
        room[kind] -= 1
        props = [f"file={_escape(f.path, property_=True)}", f"line={f.line}", f"col={f.column}"]
        if f.end_line:
            props += [f"endLine={f.end_line}", f"endColumn={f.end_column}"]
        props.append(f"title={_escape(f.rule, property_=True)}")
        lines.append(f"::{kind} {','.join(props)}::{_escape(f.message)}")
    if plain:
        lines.extend(plain)
        lines.append(f"::notice title=gloss-lint::{len(plain)} more finding{'s' * (len(plain) != 1)} "
                     f"not annotated (GitHub shows {PER_KIND} of each kind per step): they are listed "
                     "in this step's log above, and in the job summary or SARIF report if the workflow writes one")
    return "".join(line + "\n" for line in lines)
