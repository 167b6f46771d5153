"""Reports for reviews: markdown (job summary, PR comment), GitLab Code Quality, GitHub annotations
within GitHub's limits, --statistics and --exit-zero."""

from __future__ import annotations

import json
import re

import jsonschema
import pytest
from gitrepo import write

# GitLab's documented Code Quality report: an array of issues with these fields
# (docs.gitlab.com, ci/testing/code_quality, "Code Quality report format").
GITLAB_SCHEMA = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["description", "check_name", "fingerprint", "severity", "location"],
        "properties": {
            "description": {"type": "string", "minLength": 1},
            "check_name": {"type": "string", "minLength": 1},
            "fingerprint": {"type": "string", "minLength": 1},
            "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
            "location": {
                "type": "object",
                "required": ["path", "lines"],
                "properties": {
                    "path": {"type": "string"},
                    "lines": {"type": "object", "required": ["begin"],
                              "properties": {"begin": {"type": "integer", "minimum": 1},
                                             "end": {"type": "integer", "minimum": 1}}},
                },
            },
        },
    },
}


def _many(folder, errors: int, warnings: int = 0):
    """A glossary with ``errors`` entries missing a category and ``warnings`` too-short definitions."""
    entries = [f"- term: Term {i}\n  definition: A word that is here only to be incomplete, number {i}.\n"
               for i in range(errors)]
    entries += [f"- term: Short {i}\n  category: C\n  definition: Too short.\n" for i in range(warnings)]
    # Entries this alike are near-duplicates and define themselves: not what these tests are about.
    write(folder, {"glossary.yaml": "".join(entries), ".gloss-lint.toml": '[rules]\nstyle = "off"\n'})
    return folder


def test_gitlab_code_quality_has_the_documented_shape(tmp_path, run):
    folder = _many(tmp_path, errors=2, warnings=1)
    (folder / "glossary.yaml").write_text((folder / "glossary.yaml").read_text()
                                          + "- term: X\n  category: C\n  definition: An x.\n  related: [Q, Q]\n")
    code, out, _ = run("check", "--format", "gitlab", cwd=folder)
    issues = json.loads(out)
    jsonschema.validate(issues, GITLAB_SCHEMA)
    assert len(issues) >= 5
    assert len({i["fingerprint"] for i in issues}) == len(issues)  # GitLab keeps one per fingerprint
    by_rule = {i["check_name"]: i for i in reversed(issues)}  # the first of each rule
    assert by_rule["schema.required"]["severity"] == "major"
    assert by_rule["readability.definition-length"]["severity"] == "minor"
    assert by_rule["schema.required"]["location"] == {"path": "glossary.yaml", "lines": {"begin": 1, "end": 2}}


def test_github_annotations_stay_within_the_per_step_limits(tmp_path, run):
    folder = _many(tmp_path, errors=25, warnings=3)
    code, out, _ = run("check", "--format", "github", cwd=folder)
    lines = out.splitlines()
    kinds = [line.split(" ", 1)[0] for line in lines if line.startswith("::")]
    assert kinds.count("::error") == 10 and kinds.count("::warning") == 3
    assert kinds.count("::notice") <= 10
    plain = [line for line in lines if not line.startswith("::")]
    assert len(plain) == 15 and all(" error schema.required " in line for line in plain)
    assert lines[-1].startswith("::notice") and "15 more findings not annotated" in lines[-1]
    assert code == 1


def test_github_annotations_below_the_limits_are_all_annotations(tmp_path, run):
    folder = _many(tmp_path, errors=10, warnings=10)
    _, out, _ = run("check", "--format", "github", cwd=folder)
    assert all(line.startswith(("::error", "::warning")) for line in out.splitlines())
    assert len(out.splitlines()) == 20


def test_markdown_summary_links_lines_on_github(tmp_path, run, monkeypatch):
    folder = _many(tmp_path, errors=2)
    monkeypatch.setenv("GITHUB_SERVER_URL", "https://github.example")
    monkeypatch.setenv("GITHUB_REPOSITORY", "owner/glossary")
    monkeypatch.setenv("GITHUB_SHA", "abc123")
    code, out, _ = run("check", "--format", "markdown", cwd=folder)
    assert code == 1
    assert out.startswith("### gloss-lint: 2 findings: 2 errors, 0 warnings, 0 info\n")
    assert "| `schema.required` | error | 2 |" in out
    assert "[1:3](https://github.example/owner/glossary/blob/abc123/glossary.yaml#L1)" in out
    assert "<details>" not in out  # short: listed in full


def test_markdown_collapses_a_long_list_and_escapes_glossary_text(tmp_path, run, monkeypatch):
    for name in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_SHA"):
        monkeypatch.delenv(name, raising=False)
    folder = _many(tmp_path, errors=30)
    (folder / "glossary.yaml").write_text((folder / "glossary.yaml").read_text()
                                          + "- term: X\n  category: C\n  definition: An x for examples here.\n"
                                            "  related: ['@octocat <b>#12</b>']\n")
    _, out, _ = run("check", "--format", "markdown", cwd=folder)
    assert "<details><summary>All 31 findings, by file</summary>" in out and out.rstrip().endswith("</details>")
    assert "](http" not in out  # no repository known: no links
    unresolved = next(line for line in out.splitlines() if "links.unresolved" in line and line.startswith("-"))
    assert "@octocat" not in unresolved and "<b>" not in unresolved and "#12" not in unresolved
    assert "&#64;octocat &lt;b&gt;&#35;12&lt;/b&gt;" in unresolved


def test_markdown_says_what_was_left_out(tmp_path, run):
    folder = _many(tmp_path, errors=2)
    assert run("baseline", cwd=folder)[0] == 0
    code, out, _ = run("check", "--format", "markdown", "--baseline", ".gloss-lint-baseline.json", cwd=folder)
    assert code == 0
    assert out.startswith("### gloss-lint: no new findings\n")
    assert "2 baselined in .gloss-lint-baseline.json" in out


def test_statistics_count_findings_per_rule(tmp_path, run):
    folder = _many(tmp_path, errors=3, warnings=2)
    code, out, _ = run("check", "--statistics", cwd=folder)
    rows = [re.split(r"\s{2,}", line.strip()) for line in out.splitlines()]
    assert [row[:2] for row in rows] == [["3", "schema.required"], ["2", "readability.definition-length"]]
    assert code == 1
    _, out, _ = run("check", "--statistics", "--format", "json", cwd=folder)
    assert [(r["rule"], r["count"]) for r in json.loads(out)] == [("schema.required", 3),
                                                                 ("readability.definition-length", 2)]
    clean = tmp_path / "clean"
    write(clean, {"glossary.yaml": "- term: Alpha\n  category: Letters\n  definition: The first letter of the "
                                   "Greek alphabet, written before beta.\n", ".gloss-lint.toml": '[rules]\nstyle = "off"\n'})
    assert run("check", "--statistics", cwd=clean)[:2] == (0, "")  # no rows, not an empty table
    assert run("check", "--statistics", "--format", "json", cwd=clean)[1] == "[]\n"


def test_exit_zero_reports_but_passes(tmp_path, run):
    folder = _many(tmp_path, errors=1)
    code, out, _ = run("check", "--exit-zero", cwd=folder)
    assert code == 0 and "schema.required" in out


def test_several_formats_from_one_run(tmp_path, run):
    folder = _many(tmp_path, errors=1)
    code, out, _ = run("check", "--format", "github", "--format", f"markdown:{tmp_path / 'summary.md'}",
                       "--format", f"sarif:{tmp_path / 'out.sarif'}", cwd=folder)
    assert code == 1 and out.startswith("::error ")
    assert (tmp_path / "summary.md").read_text().startswith("### gloss-lint: 1 finding")
    assert json.loads((tmp_path / "out.sarif").read_text())["version"] == "2.1.0"


@pytest.mark.parametrize("spec", ["xml", "xml:out.xml"])
def test_an_unknown_format_is_a_usage_error(run, spec):
    assert run("check", "--format", spec)[0] == 2
