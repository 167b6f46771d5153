"""Reports: the JSON shape, SARIF valid against the official schema, byte-identical reruns."""

import json

import jsonschema
import pytest
from conftest import needs_shared

from gloss_lint.config import load_settings
from gloss_lint.corpus import Corpus
from gloss_lint.engine import Result
from gloss_lint.model import Finding, Location, RelatedLocation, Severity
from gloss_lint.registry import load_registry
from gloss_lint.report import REPORTERS, renderer


def test_json_report_shape(run_json):
    code, report = run_json("fixtures/glossary", "--select", "input,schema")
    assert code == 1
    assert report["version"] == 1 and report["tool"]["name"] == "gloss-lint"
    assert report["summary"] == {"files": 7, "entries": 11, "findings": 9, "error": 9, "warning": 0, "info": 0}
    first = report["findings"][0]
    assert set(first) == {"rule", "severity", "path", "line", "column", "end_line", "end_column",
                          "message", "entry", "fingerprint", "related"}
    assert (first["rule"], first["path"], first["line"], first["column"], first["entry"]) == (
        "schema.type", "fixtures/glossary/atlas-ai/embeddings.json", 3, 14, "Embedding")
    assert len(first["fingerprint"]) == 16


def _sarif_validator():
    schema = json.loads(needs_shared("schemas", "sarif-schema-2.1.0.json").read_text())
    return jsonschema.validators.validator_for(schema)(schema)


def test_sarif_is_valid_and_describes_fired_rules(run):
    code, out, _ = run("check", "fixtures/glossary", "--format", "sarif")
    log = json.loads(out)
    errors = list(_sarif_validator().iter_errors(log))
    assert errors == [], errors[0].message if errors else ""
    run_ = log["runs"][0]
    fired = {r["ruleId"] for r in run_["results"]}
    described = [r["id"] for r in run_["tool"]["driver"]["rules"]]
    assert set(described) == fired and described == sorted(described)
    for result in run_["results"]:
        assert run_["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in ("error", "warning", "note")
        uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert uri.startswith("fixtures/glossary/")


def test_sarif_carries_related_locations(tmp_path):
    """A finding that points at a second place keeps it in relatedLocations (and stays valid)."""
    registry = load_registry()
    settings = load_settings(registry, cwd=tmp_path, paths=[str(tmp_path)])
    finding = Finding("a.yaml", 3, 5, "schema.enum", "conflicts with b.yaml", Severity.WARNING, entry="X",
                      related=(RelatedLocation(Location("b.yaml", 7, 2), "the other side"),))
    result = Result([finding], ["a.yaml", "b.yaml"], Corpus([]), {})
    log = json.loads(renderer("sarif")(result, registry, settings))
    assert list(_sarif_validator().iter_errors(log)) == []
    related = log["runs"][0]["results"][0]["relatedLocations"]
    assert related[0]["physicalLocation"]["artifactLocation"]["uri"] == "b.yaml"
    assert related[0]["physicalLocation"]["region"]["startLine"] == 7
    assert related[0]["message"]["text"] == "the other side"
    text = renderer("text")(result, registry, settings)
    assert "    b.yaml:7:2: the other side" in text.splitlines()


@pytest.mark.parametrize("fmt", sorted(REPORTERS))
def test_reports_are_byte_identical_across_runs(run, fmt):
    first = run("check", "fixtures", "--format", fmt)[1]
    second = run("check", "fixtures", "--format", fmt)[1]
    assert first == second and first


def test_github_annotations(run):
    _, out, _ = run("check", "fixtures/glossary", "--format", "github", "--select", "schema.unknown-field")
    assert out.splitlines()[0] == (
        "::error file=fixtures/glossary/atlas-ai/fine-tuning.yaml,line=3,col=1,endLine=3,endColumn=10,"
        "title=schema.unknown-field::unknown field 'defintion'; did you mean 'definition'?")


def test_junit_has_a_case_per_file_and_failures_at_the_fail_level(run):
    import xml.etree.ElementTree as ET

    _, out, _ = run("check", "fixtures/glossary", "--format", "junit", "--select", "input,schema")
    suite = ET.fromstring(out).find("testsuite")
    cases = {c.get("name"): c for c in suite.findall("testcase")}
    assert len(cases) == 7 and suite.get("failures") == "4"
    failure = cases["fixtures/glossary/briefly/glossary.yaml"].find("failure")
    assert failure.text.splitlines()[0] == (
        "fixtures/glossary/briefly/glossary.yaml:11:5: error schema.required missing required field 'category'")
    assert cases["fixtures/glossary/atlas-ai/foundation-model.md"].find("failure") is None
