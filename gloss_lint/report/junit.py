"""JUnit XML: one test case per file, a failure per finding at or above the fail level."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from itertools import groupby

from gloss_lint.report import visible


def _line(f) -> str:
    return visible(f"{f.path}:{f.line}:{f.column}: {f.severity} {f.rule} {f.message}")


def render(result, registry, settings, *, color: bool = False) -> str:
    by_path = {path: list(group) for path, group in groupby(result.findings, key=lambda f: f.path)}
    suite = ET.Element("testsuite", name="gloss-lint", tests=str(len(result.files)),
                       failures=str(sum(1 for p in result.files if any(
                           f.severity >= settings.fail_on for f in by_path.get(p, [])))),
                       errors="0", skipped="0")
    for path in sorted(result.files):
        case = ET.SubElement(suite, "testcase", classname="gloss-lint", name=visible(path))
        findings = by_path.get(path, [])
        failures = [f for f in findings if f.severity >= settings.fail_on]
        if failures:
            failure = ET.SubElement(case, "failure", type="gloss-lint",
                                    message=f"{len(failures)} finding(s) at or above {settings.fail_on}")
            failure.text = "\n".join(map(_line, failures))
        others = [f for f in findings if f.severity < settings.fail_on]
        if others:
            ET.SubElement(case, "system-out").text = "\n".join(map(_line, others))
    root = ET.Element("testsuites", name="gloss-lint", tests=suite.get("tests"),
                      failures=suite.get("failures"))
    root.append(suite)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
