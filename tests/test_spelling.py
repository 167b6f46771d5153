"""style.spelling: a misspelt word is found on the word, with the glossary's own names, code, names,
acronyms and accepted words left alone; the rule is off by default and its dictionary (the
``spelling`` extra) is imported only when it runs, and a run without it is one clear error."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from conftest import ROOT

GLOSSARY = textwrap.dedent("""\
    - term: Gossip protocol
      id: gossip
      aliases: [Epidemic broadcast, Rumour mongering]
      category: Distributed systems
      definition: A way for nodes to spread state by telling a few random peers at a time.
    - term: Vector clock
      aliases: [Lamport stamp]
      category: Distributed systems
      definition: A list of counters, one per process, that orders the events of a system.
    """)


def _spelling(tmp_path, run_json, definition: str, *argv: str, config: str | None = None) -> list[dict]:
    (tmp_path / "g.yaml").write_text(GLOSSARY)
    (tmp_path / "case.yaml").write_text(f"term: Quorum\ncategory: Distributed systems\ndefinition: {definition}\n")
    if config is not None:
        (tmp_path / ".gloss-lint.toml").write_text(config)
    _, report = run_json(".", "--select", "style.spelling", *argv, cwd=tmp_path)
    return [f for f in report["findings"] if f["rule"] == "style.spelling"]


def test_a_misspelt_word_is_found_on_the_word_with_the_word_meant(tmp_path, run_json):
    found = _spelling(tmp_path, run_json, "The smallest number of replicas that must agree befor a write is kept.")
    assert [(f["path"], f["line"], f["column"], f["end_line"], f["end_column"]) for f in found] == [
        ("case.yaml", 3, 61, 3, 66)]
    assert "'befor'" in found[0]["message"] and "did you mean 'before'?" in found[0]["message"]
    assert found[0]["severity"] == "info"


def test_each_misspelling_is_found_and_a_repeated_one_once_per_field(tmp_path, run_json):
    found = _spelling(tmp_path, run_json, "A majority of the replicsa; a write waits for the replicsa to "
                                          "aknowledge it.")
    assert [f["message"].split("'")[1] for f in found] == ["replicsa", "aknowledge"]


def test_no_suggestion_when_no_word_is_clearly_the_nearest(tmp_path, run_json):
    # 'replica' and 'replicas' are both one edit from 'replicsa': neither is clearly meant.
    found = _spelling(tmp_path, run_json, "The smallest set of replicsa that must agree.")
    assert len(found) == 1 and "'replicsa'" in found[0]["message"]
    assert "did you mean" not in found[0]["message"]


@pytest.mark.parametrize("definition", [
    "Nodes agree by gossip, by epidemic broadcast or by rumour mongering between peers.",  # terms, aliases, id
    "Two gossips meet; the gossip protocol's rounds and the vector clocks' counters agree.",  # plurals, possessives
    "Each Lamport stamp orders one event.",  # an alias's words
])
def test_the_glossarys_own_names_are_words(tmp_path, run_json, definition):
    assert _spelling(tmp_path, run_json, definition) == []


@pytest.mark.parametrize("definition", [
    "Set `min_acks` or call `quorumSize()` before `cfg.replicas.count` is read.",  # code spans
    "The value is kept in write_quorum and read by raftNode.commitIndex in v2beta3.",  # identifiers
    "The spec is at https://example.org/qrmspec/readme and in ./docs/qrm_cfg.yaml here.",  # URL, path
    "An RPC over TCP or QUIC; the CRDTs and WALs of the DBMS agree.",  # acronyms
    "The behaviour of the organisation is to analyse the centre of the colour map.",  # British spellings
    "In 2012, researchers at Zyxtronic and Professor Qwillam described it.",  # names inside a sentence
    "A pre-trained, well-known, read-only value; a re-elected leader is deduplicated.",  # compounds
    "Researchers at Anthropic and DeepMind wrote about it.",  # the gazetteer's names
])
def test_code_urls_acronyms_identifiers_and_names_are_not_read_as_words(tmp_path, run_json, definition):
    assert _spelling(tmp_path, run_json, definition) == []


@pytest.mark.parametrize("definition", [
    "'The smallest majority; sometimes written \"qrm\" in logs.'",  # quoted: mentioned, not used
    "'A **qworum** (or **qworums**) is the smallest majority.'",  # in bold: named, as a term is
    "The smallest majority of a Replicated Quorum Group (rqg).",  # alone in parentheses: another name
    "See [Qworum counting rules](https://example.org/q) for more.",  # a link's text: a title
    "Zqxvor Vexmoor first described it.",  # a name of two capitalised words opens the sentence
])
def test_words_that_are_mentioned_or_named_are_not_checked(tmp_path, run_json, definition):
    assert _spelling(tmp_path, run_json, definition) == []


def test_a_word_the_glossary_writes_as_code_or_in_a_links_address_is_a_name(tmp_path, run_json):
    (tmp_path / "tool.yaml").write_text("term: Replica tool\ncategory: Tools\ndefinition: Run `frobctl "
                                        "--join` to add a node, as [the guide](https://example.org/qrmspec/) says.\n")
    assert _spelling(tmp_path, run_json, "A majority of nodes, counted by frobctl as the qrmspec says.") == []
    (tmp_path / "tool.yaml").unlink()
    assert len(_spelling(tmp_path, run_json, "A majority of nodes, counted by frobctl as the qrmspec says.")) == 2


def test_a_field_of_many_unknown_words_is_reported_once_past_fifty(tmp_path, run_json):
    words = " ".join(f"zq{a}{b}x" for a in "bcdfghjklm" for b in "bcdfgh")  # 60 distinct non-words
    found = _spelling(tmp_path, run_json, words)
    assert len(found) == 51
    assert "more than 50 words" in found[-1]["message"] and "is this English prose?" in found[-1]["message"]


def test_accept_words_and_an_accept_file(tmp_path, run_json):
    definition = "The smallest set of replicsa that must agree, as the frobnitz paper says."
    assert {f["message"].split("'")[1] for f in _spelling(tmp_path, run_json, definition)} == {
        "replicsa", "frobnitz"}
    config = '[rules."style.spelling"]\naccept = ["Frobnitz"]\naccept-file = "words.txt"\n'
    (tmp_path / "words.txt").write_text("# words of this glossary\nreplicsa  # our name for it\n")
    assert _spelling(tmp_path, run_json, definition, config=config) == []


def test_an_accept_file_that_cannot_be_read_is_a_config_error(tmp_path, run):
    (tmp_path / "g.yaml").write_text(GLOSSARY)
    (tmp_path / ".gloss-lint.toml").write_text('[rules."style.spelling"]\naccept-file = "missing.txt"\n')
    code, out, err = run("check", ".", "--select", "style.spelling", cwd=tmp_path)
    assert code == 2 and "accept-file" in err and "missing.txt" in err


def test_a_suppression_comment_silences_it(tmp_path, run_json):
    definition = "The smallest set of replicsa that must agree."
    (tmp_path / "g.yaml").write_text(GLOSSARY)
    (tmp_path / "case.yaml").write_text("# gloss-lint: disable=style.spelling\nterm: Quorum\n"
                                        f"category: Distributed systems\ndefinition: {definition}\n")
    _, report = run_json(".", "--select", "style.spelling", cwd=tmp_path)
    assert report["findings"] == []


def test_it_is_off_by_default_and_on_by_config(tmp_path, run_json):
    definition = "The smallest set of replicsa that must agree."
    (tmp_path / "g.yaml").write_text(GLOSSARY)
    (tmp_path / "case.yaml").write_text(f"term: Quorum\ncategory: Distributed systems\ndefinition: {definition}\n")
    _, report = run_json(".", cwd=tmp_path)
    assert not [f for f in report["findings"] if f["rule"] == "style.spelling"]
    (tmp_path / ".gloss-lint.toml").write_text('[rules."style.spelling"]\nenabled = true\n')
    _, report = run_json(".", cwd=tmp_path)
    assert [f["rule"] for f in report["findings"] if f["rule"] == "style.spelling"] == ["style.spelling"]


_RUN = """
import sys
{prelude}
from gloss_lint.cli import main
code = main(sys.argv[1:])
print(sorted(name for name in sys.modules if name == "spellchecker" or name.startswith("spellchecker.")))
sys.exit(code)
"""


def _subprocess(tmp_path, *argv: str, prelude: str = "") -> subprocess.CompletedProcess:
    (tmp_path / "g.yaml").write_text(GLOSSARY)
    return subprocess.run([sys.executable, "-c", _RUN.format(prelude=prelude), "check", str(tmp_path), *argv,
                           "--no-cache"],  # the rules run: a cached run imports nothing
                          cwd=ROOT, capture_output=True, text=True)


def test_a_run_without_the_rule_does_not_import_the_dictionary(tmp_path):
    done = _subprocess(tmp_path)
    assert done.returncode in (0, 1), done.stderr[-2000:]
    assert json.loads(done.stdout.splitlines()[-1].replace("'", '"')) == []
    done = _subprocess(tmp_path, "--select", "style.spelling")
    assert done.returncode in (0, 1), done.stderr[-2000:]
    assert "spellchecker" in json.loads(done.stdout.splitlines()[-1].replace("'", '"'))


def test_without_the_dictionary_package_the_rule_is_one_clear_error(tmp_path):
    # sys.modules[name] = None is how Python spells "this module cannot be imported".
    done = _subprocess(tmp_path, "--select", "style.spelling", prelude="sys.modules['spellchecker'] = None")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "pyspellchecker" in done.stderr and "pip install 'gloss-lint[spelling]'" in done.stderr
    done = _subprocess(tmp_path, prelude="sys.modules['spellchecker'] = None")  # the rule off: no error
    assert done.returncode in (0, 1), done.stderr[-2000:]
