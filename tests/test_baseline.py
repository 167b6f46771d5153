"""The baseline: today's findings accepted by fingerprint, new ones reported; fingerprints that
survive line moves and edits elsewhere in the file."""

from __future__ import annotations

import json

import pytest
from gitrepo import write

GLOSSARY = {
    "glossary.yaml": """\
        - term: Tokenizer
          definition: A program that splits text into tokens, the pieces a model reads.
        - term: Embedding
          category: Concept
          definition: A list of numbers that stands for a piece of text.
          related: [Nowhere]
        """,
}


@pytest.fixture
def folder(tmp_path):
    write(tmp_path, GLOSSARY)
    return tmp_path


def _rules(report) -> list[str]:
    return [f["rule"] for f in report["findings"]]


def test_baseline_round_trip(folder, run, run_json):
    code, out, err = run("baseline", cwd=folder)
    assert code == 0 and "recorded 2 findings" in out
    recorded = json.loads((folder / ".gloss-lint-baseline.json").read_text())
    assert recorded["version"] == 1
    assert {r["rule"] for r in recorded["findings"]} == {"schema.required", "links.unresolved"}
    assert all(set(r) == {"fingerprint", "rule", "path", "entry", "message"} for r in recorded["findings"])

    code, report = run_json("--baseline", ".gloss-lint-baseline.json", cwd=folder)
    assert code == 0 and report["findings"] == []
    assert report["summary"]["omitted"] == {"preexisting": 0, "baseline": ".gloss-lint-baseline.json",
                                            "baselined": 2, "stale": 0}

    # A new problem is reported; the accepted ones are not.
    text = (folder / "glossary.yaml").read_text()
    (folder / "glossary.yaml").write_text(text + "- term: Vector\n  category: Concept\n  definition: ''\n")
    code, report = run_json("--baseline", ".gloss-lint-baseline.json", cwd=folder)
    assert code == 1 and _rules(report) == ["schema.empty"]

    # A fixed problem leaves a stale entry: the summary says so, and --update drops it.
    (folder / "glossary.yaml").write_text(text.replace("related: [Nowhere]", "related: [Tokenizer]"))
    code, out, _ = run("check", "--baseline", ".gloss-lint-baseline.json", cwd=folder)
    assert code == 0
    assert "1 baselined in .gloss-lint-baseline.json; 1 baseline entry no longer occurs" in out
    code, out, _ = run("baseline", "--update", cwd=folder)
    assert code == 0 and "kept 1 findings" in out and "removed 1" in out
    code, report = run_json("--baseline", ".gloss-lint-baseline.json", cwd=folder)
    assert report["summary"]["omitted"]["stale"] == 0 and report["summary"]["omitted"]["baselined"] == 1


def test_baseline_from_config_and_output_option(folder, run, run_json):
    (folder / ".gloss-lint.toml").write_text('baseline = "lint/accepted.json"\n')
    (folder / "lint").mkdir()
    assert run("baseline", cwd=folder)[0] == 0
    assert (folder / "lint/accepted.json").is_file()
    code, report = run_json(cwd=folder)
    assert code == 0 and report["summary"]["omitted"]["baselined"] == 2
    assert run("baseline", "-o", "other.json", cwd=folder)[0] == 0
    assert (folder / "other.json").read_text() == (folder / "lint/accepted.json").read_text()


def test_a_finding_twice_needs_two_baseline_entries(folder, run, run_json):
    run("baseline", cwd=folder)
    text = (folder / "glossary.yaml").read_text()
    (folder / "glossary.yaml").write_text(text.replace("related: [Nowhere]", "related: [Nowhere, Nowhere]"))
    code, report = run_json("--baseline", ".gloss-lint-baseline.json", "--select", "links.unresolved",
                            cwd=folder)
    assert len(report["findings"]) == 1 and report["summary"]["omitted"]["baselined"] == 1


@pytest.mark.parametrize("content", ["{not json", '{"version": 9, "findings": []}', '{"version": 1}'])
def test_a_bad_baseline_is_a_usage_error(folder, run, content):
    (folder / "bad.json").write_text(content)
    code, _, err = run("check", "--baseline", "bad.json", cwd=folder)
    assert code == 2 and "bad.json" in err
    code, _, err = run("check", "--baseline", "missing.json", cwd=folder)
    assert code == 2 and "missing.json" in err


# ---------------------------------------------------------------- fingerprints

def _fingerprints(run_json, folder) -> dict[tuple[str, str], str]:
    _, report = run_json(cwd=folder)
    return {(f["rule"], f["entry"]): f["fingerprint"] for f in report["findings"]}


def test_fingerprints_survive_line_moves_and_edits_elsewhere(folder, run_json):
    before = _fingerprints(run_json, folder)
    text = (folder / "glossary.yaml").read_text()
    moved = ("# Our glossary.\n\n- term: Alpha\n  category: Concept\n  definition: The first letter of "
             "the Greek alphabet, and a word for the first of anything.\n" + text)
    moved = moved.replace("splits text into tokens", "cuts text into tokens")  # another field, edited
    (folder / "glossary.yaml").write_text(moved)
    after = _fingerprints(run_json, folder)
    assert after == before
    # The fingerprint is not blind: the same problem in another entry is another finding.
    (folder / "glossary.yaml").write_text(moved.replace("term: Embedding", "term: Embeddings"))
    assert _fingerprints(run_json, folder)[("links.unresolved", "Embeddings")] != before[("links.unresolved", "Embedding")]


def test_a_conflict_keeps_its_fingerprint_when_the_other_side_moves(tmp_path, run_json):
    """A facts message quotes the other side's file:line:col; moving that line keeps the fingerprint."""
    entry = "term: Widget\ncategory: Things\nsource: {0}\ndefinition: A small device used in examples.\nbody: {1}\n"
    write(tmp_path, {"a.yaml": entry.format("atlas", "The term was coined in 2021."),
                     "b.yaml": entry.format("briefly", "The term was coined in 2015.")})
    _, report = run_json("--select", "facts", cwd=tmp_path)
    (finding,) = report["findings"]
    other = "b.yaml" if finding["path"] == "a.yaml" else "a.yaml"
    assert f"{other}:5:" in finding["message"]
    (tmp_path / other).write_text("# moved\n\n" + (tmp_path / other).read_text())
    _, report = run_json("--select", "facts", cwd=tmp_path)
    (moved,) = report["findings"]
    assert f"{other}:7:" in moved["message"]
    assert moved["fingerprint"] == finding["fingerprint"]
