"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` annotation per finding."""

from __future__ import annotations

from gloss_lint.model import Severity
from gloss_lint.report import visible

_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _escape(text: str, *, property_: bool = False) -> str:
    text = visible(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if property_ else text


def render(result, registry, settings, *, color: bool = False) -> str:
    lines = []
    for f in result.findings:
        props = [f"file={_escape(f.path, property_=True)}", f"line={f.line}", f"col={f.column}"]
        if f.end_line:
            props += [f"endLine={f.end_line}", f"endColumn={f.end_column}"]
        props.append(f"title={_escape(f.rule, property_=True)}")
        lines.append(f"::{_COMMANDS[f.severity]} {','.join(props)}::{_escape(f.message)}")
    return "".join(line + "\n" for line in lines)
