"""Reports: the JSON shape, SARIF valid against the official schema, byte-identical reruns."""

import json
import os
import subprocess
import sys

from conftest import ROOT, sarif_errors

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


def test_sarif_is_valid_and_describes_fired_rules(run):
    code, out, _ = run("check", "fixtures", "--format", "sarif")
    log = json.loads(out)
    assert sarif_errors(log) == []
    run_ = log["runs"][0]
    fired = {r["ruleId"] for r in run_["results"]}
    described = [r["id"] for r in run_["tool"]["driver"]["rules"]]
    # Sorted, not in a set's order: several families fire on the fixtures, so a set's order shows.
    assert len(fired) >= 10 and set(described) == fired and described == sorted(described)
    for result in run_["results"]:
        assert run_["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in ("error", "warning", "note")
        uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert uri.startswith("fixtures/")


def test_sarif_carries_every_related_location(tmp_path):
    """A finding that points at other places keeps each in relatedLocations (and stays valid)."""
    registry = load_registry()
    settings = load_settings(registry, cwd=tmp_path, paths=[str(tmp_path)])
    finding = Finding("a.yaml", 3, 5, "schema.enum", "conflicts with b.yaml", Severity.WARNING, entry="X",
                      related=(RelatedLocation(Location("b.yaml", 7, 2), "the other side"),
                               RelatedLocation(Location("c.yaml", 9, 4, 9, 8), "a third side")))
    result = Result([finding], ["a.yaml", "b.yaml", "c.yaml"], Corpus([]), {})
    log = json.loads(renderer("sarif")(result, registry, settings))
    assert sarif_errors(log) == []
    related = log["runs"][0]["results"][0]["relatedLocations"]
    assert [(r["id"], r["physicalLocation"]["artifactLocation"]["uri"], r["physicalLocation"]["region"],
             r["message"]["text"]) for r in related] == [
        (0, "b.yaml", {"startLine": 7, "startColumn": 2}, "the other side"),
        (1, "c.yaml", {"startLine": 9, "startColumn": 4, "endLine": 9, "endColumn": 8}, "a third side")]
    text = renderer("text")(result, registry, settings)
    assert {"    b.yaml:7:2: the other side", "    c.yaml:9:4: a third side"} <= set(text.splitlines())


_EVERY_FORMAT = """
import sys
from gloss_lint.cli import main
for fmt in sys.argv[2:]:
    main(["check", "fixtures", "--format", fmt, "--output", f"{sys.argv[1]}/{fmt}.out"])
"""


def test_reports_are_byte_identical_across_processes_and_hash_seeds(tmp_path):
    """Sets and dicts iterate in another order under another hash seed: the reports must not."""
    outputs = []
    for seed in ("1", "2"):
        folder = tmp_path / seed
        folder.mkdir()
        env = {**os.environ, "PYTHONHASHSEED": seed, "NO_COLOR": "1"}
        done = subprocess.run([sys.executable, "-c", _EVERY_FORMAT, str(folder), *sorted(REPORTERS)],
                              cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr
        outputs.append({fmt: (folder / f"{fmt}.out").read_bytes() for fmt in sorted(REPORTERS)})
    for fmt in sorted(REPORTERS):
        assert outputs[0][fmt] == outputs[1][fmt], fmt
        assert len(outputs[0][fmt]) > 1000, fmt  # a real report, findings and all


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
