"""Hostile input downstream of reading: rules, findings, reports, the terminal, the CLI's edges."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET

import pytest
import yaml
from conftest import ROOT

from gloss_lint.read.entries import NATIVE_FIELDS
from gloss_lint.registry import FAMILIES, load_registry
from gloss_lint.report import REPORTERS

GOOD = ("- term: Tokenization\n  definition: Splitting text into the units a language model reads.\n"
        "  category: nlp\n")
# What a terminal acts on: C0 but tab and newline, DEL, C1.
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _parsed(fmt: str, out: str):
    """Each machine format parses; the human ones at least encode."""
    out.encode("utf-8")
    if fmt in ("json", "sarif"):
        return json.loads(out)
    if fmt == "junit":
        return ET.fromstring(out.encode("utf-8"))
    return out


# ---------------------------------------------------------------- lone surrogates

SURROGATES = json.dumps([{
    "term": "Tok\ud800enizer",
    "aliases": ["\udfff", "Tok\ud800"],
    "definition": "A Tok\ud800enizer is a tok\ud800enizer that tokenizes \udc00 text, coined in 2019 by "
                  "Google.",
    "related": ["Nowhere \ud800"],
    "category": "nlp\ud800",
    "sources": [{"url": "https://ex\ud800ample.org/x"}],
}], ensure_ascii=True)


@pytest.mark.parametrize("fmt", sorted(REPORTERS))
def test_lone_surrogates_reach_no_encoder(tmp_path, run, fmt):
    # '\ud800' in JSON decodes to a lone surrogate: spaCy's tokenizer, style.circular, the
    # fingerprint and every encoder used to raise on it.
    (tmp_path / "hostile.json").write_text(SURROGATES)
    (tmp_path / "good.yaml").write_text(GOOD)
    code, out, err = run("check", ".", "--format", fmt, cwd=tmp_path)
    assert code in (0, 1) and err == ""
    _parsed(fmt, out)
    if fmt == "json":
        report = json.loads(out)
        assert report["summary"]["entries"] == 2
        assert {f["path"] for f in report["findings"]} == {"hostile.json"}
        assert "links.unresolved" in {f["rule"] for f in report["findings"]}


# ---------------------------------------------------------------- brackets in a URL's host

def test_brackets_in_a_source_url_host_are_a_finding(tmp_path, run_json):
    (tmp_path / "g.yaml").write_text(textwrap.dedent("""\
        - term: Loopback
          definition: The address a machine uses to reach itself.
          sources:
            - url: "http://[::1"
            - url: "http://[[Term|shown]]"
            - url: "http://[::1]:8080/ok"
        """))
    code, report = run_json(".", "--select", "links.url", cwd=tmp_path)
    found = [(f["line"], f["message"]) for f in report["findings"]]
    assert [line for line, _ in found] == [4, 5]
    assert all("malformed" in message for _, message in found)


# ---------------------------------------------------------------- values of the wrong type

WRONG = [5, True, 12.5, {"a": "b"}, ["x", 1, {"a": "b"}, ["nested"], None]]


def _every_field_wrong(value) -> dict:
    return {name: value for name in NATIVE_FIELDS}


@pytest.mark.parametrize("family", FAMILIES)
def test_every_rule_copes_with_every_field_of_the_wrong_type(tmp_path, run_json, family):
    # The schema reports the types; no other rule may fall over them (aliases: 5 raised TypeError).
    entries = [_every_field_wrong(v) for v in WRONG]
    entries += [{"term": "Ok", "definition": "Fine text about Ok.", name: v}
                for name in NATIVE_FIELDS for v in WRONG]
    (tmp_path / "wrong.yaml").write_text(yaml.safe_dump(entries))
    (tmp_path / "wrong.json").write_text(json.dumps(entries))
    (tmp_path / "good.yaml").write_text(GOOD)
    ids = [r.id for r in load_registry().values() if r.family == family]  # an id selects even an off rule
    code, report = run_json(".", "--select", ",".join(ids), cwd=tmp_path)
    assert code in (0, 1)
    if family == "schema":
        typed = {f["message"].split()[0] for f in report["findings"] if f["rule"] == "schema.type"}
        assert {"aliases", "related", "tags", "definition", "sources"} <= typed


# ---------------------------------------------------------------- the command line's edges

def test_output_into_a_missing_folder_is_a_usage_error(tmp_path, run):
    target = tmp_path / "no" / "such" / "report.json"
    code, out, err = run("check", "fixtures/glossary", "--output", str(target))
    assert code == 2 and out == ""
    assert err.startswith("gloss-lint: error:") and "does not exist" in err
    assert not target.parent.exists()


def _into_a_closed_pipe(*argv: str) -> subprocess.CompletedProcess:
    """Run the CLI with stdout a pipe nobody reads (``| head -1`` after the first line)."""
    read, write = os.pipe()
    os.close(read)
    try:
        return subprocess.run([sys.executable, "-m", "gloss_lint", *argv], cwd=ROOT, stdout=write,
                              stderr=subprocess.PIPE, timeout=120)
    finally:
        os.close(write)


@pytest.mark.parametrize("argv,code", [
    (("rules",), 0),
    (("rules", "--format", "json"), 0),
    (("profiles",), 0),
    (("check", "fixtures/glossary", "--select", "schema"), 1),  # still says findings, quietly
])
def test_a_closed_pipe_ends_quietly(argv, code):
    done = _into_a_closed_pipe(*argv)
    assert done.stderr.decode() == "" and done.returncode == code


@pytest.mark.parametrize("name,text,where", [
    ("pyproject.toml", "[tool.gloss-lint\nprofile = 'native'\n", "pyproject.toml:1:"),
    ("pyproject.toml", "[project]\nname = 'x'\n\n[tool.gloss-lint]\nfail-on = \n", "pyproject.toml:5:"),
    (".gloss-lint.toml", "fail-on = 'error'\nfail-on = 'warning'\n", ".gloss-lint.toml:2:"),
    (".gloss-lint.yaml", "fail-on: error\nrules: [\n", ".gloss-lint.yaml:3:"),
])
def test_a_config_that_does_not_parse_is_an_error_with_its_line(tmp_path, run, name, text, where):
    (tmp_path / name).write_text(text)
    (tmp_path / "g.yaml").write_text(GOOD)
    code, out, err = run("check", ".", cwd=tmp_path)
    assert code == 2 and out == ""
    assert where in err


def test_a_fields_option_naming_no_field_is_an_error_with_a_suggestion(tmp_path, run):
    (tmp_path / ".gloss-lint.toml").write_text('[rules."readability.sentence-length"]\nfields = ["defn"]\n')
    (tmp_path / "g.yaml").write_text(GOOD)
    code, out, err = run("check", ".", cwd=tmp_path)
    assert code == 2 and "'defn'" in err and "did you mean 'definition'?" in err


def test_a_fields_option_may_name_a_field_the_users_schema_declares(tmp_path, run):
    (tmp_path / "extra.json").write_text(json.dumps({"properties": {"notes": {"type": "string"}}}))
    (tmp_path / ".gloss-lint.toml").write_text(
        '[schema]\nextend = ["extra.json"]\n[rules."readability.sentence-length"]\nfields = ["notes"]\n')
    (tmp_path / "g.yaml").write_text(GOOD + "  notes: " + "word " * 60 + "\n")
    code, out, err = run("check", ".", "--select", "readability.sentence-length", cwd=tmp_path)
    assert err == "" and code == 0 and "readability.sentence-length" in out


# ---------------------------------------------------------------- suppression comments

def test_a_suppression_comment_between_entries_goes_to_the_next_one(tmp_path, run_json):
    (tmp_path / "g.yaml").write_text(textwrap.dedent("""\
        - term: Alpha
          definition: The first letter.
          status: bogus
        # gloss-lint: disable=schema.enum
        - term: Beta
          definition: The second letter.
          status: bogus
        """))
    _, report = run_json(".", "--select", "schema.enum", cwd=tmp_path)
    assert [(f["entry"], f["line"]) for f in report["findings"]] == [("Alpha", 3)]


def test_an_unknown_rule_in_a_suppression_comment_is_a_finding(tmp_path, run_json):
    (tmp_path / "g.yaml").write_text(textwrap.dedent("""\
        - term: Alpha
          definition: The first letter.
          # gloss-lint: disable=schema.enmu, links, all
          status: bogus
        """))
    (tmp_path / "p.md").write_text("---\nterm: Beta\n---\n<!-- gloss-lint: disable=stlye -->\nB.\n")
    _, report = run_json(".", "--select", "input", cwd=tmp_path)
    found = [(f["rule"], f["path"], f["line"], f["column"], f["message"]) for f in report["findings"]]
    assert [f[:4] for f in found] == [("input.unknown-rule", "g.yaml", 3, 25),
                                      ("input.unknown-rule", "p.md", 4, 26)]
    assert "'schema.enmu'" in found[0][4] and "did you mean 'schema.enum'?" in found[0][4]
    assert "did you mean 'style'?" in found[1][4]


# ---------------------------------------------------------------- the terminal and XML

HOSTILE_TEXT = textwrap.dedent("""\
    - term: "Clear\\e[2J\\e[H"
      definition: "Sets the title \\e]0;pwned\\a and \\x9b31m colours \\x7f with \\0 a NUL \\x01."
      category: nlp
      related: ["\\e[2J\\e[Hgone", "\\e]8;;http://evil.example\\e\\\\link\\e]8;;\\e\\\\"]
    """)


@pytest.mark.parametrize("fmt", ["text", "github", "junit"])
def test_control_characters_never_reach_the_terminal_or_xml_raw(tmp_path, run, fmt):
    (tmp_path / "g.yaml").write_text(HOSTILE_TEXT)
    (tmp_path / "name\x1b[2J.yaml").write_text("- term: [unclosed\n")
    code, out, err = run("check", ".", "--format", fmt, "--color", "never", cwd=tmp_path)
    assert code == 1 and err == ""
    assert not RAW_CONTROL.search(out.replace("\t", "").replace("\r", "")), repr(out)
    assert "\\x1b[2J" in out and "links.unresolved" in out
    _parsed(fmt, out)


def test_colour_codes_are_still_written_around_escaped_text(tmp_path, run):
    (tmp_path / "g.yaml").write_text(HOSTILE_TEXT)
    code, out, _ = run("check", ".", "--color", "always", "--select", "links", cwd=tmp_path)
    assert "\033[31merror\033[0m" in out and "\033[2J" not in out


# ---------------------------------------------------------------- no socket, ever

AUDIT = """
import sys
events = []
sys.addaudithook(lambda event, args: events.append(event) if event.startswith("socket.") else None)
from gloss_lint.cli import main
code = main(["check", "fixtures", "--format", "json", "--output", sys.argv[1], "--no-cache"])  # every rule runs
print(code, sorted(set(events)), "spacy" in sys.modules, "pyphen" in sys.modules, "nltk" in sys.modules)
"""


def test_a_full_default_run_opens_no_socket(tmp_path):
    # Not just no connection: urllib3 (pulled in by spaCy's CLI) opened and bound an IPv6 socket
    # at import time. An audit hook sees every socket call, whatever library makes it.
    done = subprocess.run([sys.executable, "-c", AUDIT, str(tmp_path / "r.json")], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    # spaCy and readability (Pyphen's syllables) both ran; NLTK, which textstat imports, did not
    assert done.stdout.split() == ["1", "[]", "True", "True", "False"]
    assert json.loads((tmp_path / "r.json").read_text())["summary"]["findings"] > 0


def test_spacy_loaded_by_gloss_lint_still_has_its_cli():
    script = ("from gloss_lint.nlp import load_spacy; import sys\n"
              "spacy = load_spacy(); assert 'spacy.cli' not in sys.modules\n"
              "import spacy.cli; print(spacy.cli.info.__module__, callable(spacy.info))")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert done.stdout.split() == ["spacy.cli.info", "True"], done.stderr
