"""``readability.*``: the fixtures' passing and failing entries, options, markup, offline syllables."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import FIXTURES, ROOT

from gloss_lint.read.markup import mask
from gloss_lint.rules.readability.textstats import measure, sentences, syllables

READABILITY = FIXTURES / "readability"


def _found(report) -> list[tuple[str, int, int]]:
    return [(f["rule"], f["line"], f["column"]) for f in report["findings"]]


def test_failing_entries_each_break_their_rule(run_json):
    code, report = run_json(READABILITY / "fail.yaml", "--select", "readability,readability.reading-ease")
    assert _found(report) == [
        ("readability.sentence-length", 6, 7),   # the 54-word sentence, quoted at its start
        ("readability.definition-length", 13, 17),  # 3 words
        ("readability.grade", 17, 7),  # the text of 'definition: >-', not its marker line
        ("readability.reading-ease", 17, 7),  # off by default: selected by its id
        ("readability.definition-length", 23, 7),  # 115 words
        ("readability.sentence-length", 35, 7),  # its grade (28) comes from this sentence: said once
    ]
    messages = [f["message"] for f in report["findings"]]
    assert 'split this 54-word sentence ("Acquisition means the acquiring by contract …")' in messages[0]
    assert "3 words cannot define a term" in messages[1]
    assert "grade 39.6" in messages[2] and "shorter, plainer words" in messages[2]
    assert "115 words is an article" in messages[4] and "move the rest to the body" in messages[4]
    assert code == 0  # warnings do not fail the run at the default fail level


def test_grade_reports_what_sentence_length_does_not(run_json):
    _, report = run_json(READABILITY / "fail.yaml", "--select", "readability.grade")
    assert [(f["line"], f["message"]) for f in report["findings"]] == [
        (17, "definition: reads at US school grade 39.6 (Flesch–Kincaid; at most 20 here): say it "
             "with shorter, plainer words where you can (4.2 syllables a word) and explain the "
             "technical ones"),
        (35, "definition: reads at US school grade 28.2 (Flesch–Kincaid; at most 20 here): split "
             "its sentences (54 words a sentence on average, the longest 54)"),
    ]


def test_reading_ease_is_off_by_default(run_json):
    _, report = run_json(READABILITY / "fail.yaml")
    assert "readability.reading-ease" not in {f["rule"] for f in report["findings"]}
    assert "readability.grade" in {f["rule"] for f in report["findings"]}


def test_passing_entries_are_quiet(run_json):
    """Short but fine, a 'See …' pointer, code blocks, URLs and shortcodes are not prose."""
    _, report = run_json(READABILITY / "pass.yaml", "--select", "readability,readability.reading-ease")
    assert report["findings"] == []


def test_thresholds_are_options(tmp_path, run_json):
    (tmp_path / ".gloss-lint.toml").write_text(
        '[rules."readability.sentence-length"]\nmax-words = 60\n'
        '[rules."readability.definition-length"]\nmin-words = 2\nmax-words = 200\n'
        '[rules."readability.grade"]\nfields = ["body"]\n')
    _, report = run_json(READABILITY / "fail.yaml", "--select", "readability.sentence-length,"
                         "readability.definition-length,readability.grade", cwd=tmp_path)
    assert report["findings"] == []


def test_sentences_split_at_ends_not_at_abbreviations():
    text = "Tools, e.g. Docker and Podman, run containers. They need a runtime! Why? Fast.\n\n- a list item"
    pieces = [text[a:b] for a, b in sentences(text)]
    assert pieces == ["Tools, e.g. Docker and Podman, run containers.", "They need a runtime!",
                      "Why?", "Fast.", "- a list item"]


def test_a_citation_after_an_initialism_does_not_end_the_sentence():
    # 18F: "(41 U.S.C. 428a): (1) $15,000 …" was read as a new sentence.
    text = ("Set by the Act (41 U.S.C. 428a): (1) $15,000 in the U.S. and\n5 U.S.C.\n§ 552 applies. "
            "It ends at U.S.C. New ones start. Tools, i.e. 3 of them, and z.B. 4 more. 5 follow.")
    pieces = [text[a:b] for a, b in sentences(text)]
    assert pieces == ["Set by the Act (41 U.S.C. 428a): (1) $15,000 in the U.S. and\n5 U.S.C.\n§ 552 applies.",
                      "It ends at U.S.C.", "New ones start.", "Tools, i.e. 3 of them, and z.B. 4 more.",
                      "5 follow."]


def test_measure_counts_prose_only():
    text = "Use `someVeryLongFunctionName()` to start. See https://example.org/a/b for more."
    measured = measure(text)
    assert measured.words == 6 and len(measured.sentences) == 2
    assert mask(text)[measured.sentences[1].start:].startswith("See")


def test_a_link_whose_text_is_code_is_blanked_with_its_url():
    # MDN: "- [`trusted-types`](/en-US/docs/…/trusted-types)" read as a 29.9-grade word.
    text = "- [`trusted-types`](/en-US/docs/Web/HTTP/Reference/Headers/Content-Security-Policy/trusted-types)"
    assert mask(text).strip() == "-"
    assert mask("See [the `fetch()` method](/docs/fetch) here.").split() == ["See", "the", "method", "here."]
    assert mask("`[not a link](x)` and [a](b)").split() == ["and", "a"]


def test_syllables_come_from_pyphen_and_formulas_from_textstat():
    assert [syllables(w) for w in ("cat", "table", "tokenization", "computationally")] == [1, 2, 4, 6]
    measured = measure("The cat sat on the mat. The dog ate the tokenization.")
    # 11 words, 2 sentences, 14 syllables: the textstat English formulas.
    assert (measured.words, len(measured.sentences), measured.syllables) == (11, 2, 14)
    assert round(measured.grade, 2) == round(0.39 * 5.5 + 11.8 * 14 / 11 - 15.59, 2)
    assert round(measured.reading_ease, 2) == round(206.835 - 1.015 * 5.5 - 84.6 * 14 / 11, 2)


_OFFLINE = """
import json, socket, sys
import nltk

def refuse(*args, **kwargs):
    raise AssertionError("network")

socket.socket.connect = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
nltk.download = refuse
nltk.data.path[:] = [sys.argv[1]]

from gloss_lint.cli import main
code = main(["check", sys.argv[2], "--select", "readability", "--format", "json"])
from textstat.backend.utils import get_cmudict
assert get_cmudict.cache_info().currsize == 0, "textstat was asked for CMUdict"
"""


def test_readability_runs_offline_without_nltk_data(tmp_path, run):
    """Sockets blocked, NLTK pointed at an empty folder: the same findings, CMUdict never asked."""
    empty = tmp_path / "nltk_data"
    empty.mkdir()
    env = {"NLTK_DATA": str(empty), "PATH": "/usr/bin:/bin", "NO_COLOR": "1"}
    done = subprocess.run([sys.executable, "-c", _OFFLINE, str(empty), str(READABILITY)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    _, here, _ = run("check", READABILITY, "--select", "readability", "--format", "json")
    assert json.loads(done.stdout)["findings"] == json.loads(here)["findings"] != []
    assert list(empty.iterdir()) == []  # nothing downloaded


def test_results_do_not_depend_on_nltk_data(tmp_path):
    """A machine with a CMU dictionary (here a bogus one: every word 9 syllables) scores the same."""
    with_data = tmp_path / "with"
    (with_data / "corpora" / "cmudict").mkdir(parents=True)
    words = "acquisition means the acquiring by contract transformer dynamic host configuration"
    (with_data / "corpora" / "cmudict" / "cmudict").write_text(
        "".join(f"{w.upper()} 1 " + " ".join(["AH0"] * 9) + "\n" for w in words.split()))
    without = tmp_path / "without"
    without.mkdir()
    outputs = []
    for folder in (with_data, without):
        env = {"NLTK_DATA": str(folder), "PATH": "/usr/bin:/bin", "NO_COLOR": "1"}
        done = subprocess.run([sys.executable, "-m", "gloss_lint", "check", str(READABILITY),
                               "--select", "readability", "--format", "json"],
                              cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        outputs.append(json.loads(done.stdout)["findings"])
    assert outputs[0] == outputs[1] != []


def test_listing_rules_does_not_import_textstat():
    code = ("import sys; from gloss_lint.cli import main; main(['rules']); "
            "assert 'textstat' not in sys.modules and 'nltk' not in sys.modules")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_a_long_name_weighs_as_an_ordinary_word():
    """'European Computer Manufacturers Association' cannot be said in shorter words (MDN 'ECMA')."""
    named = measure("ECMA is the former name of the European Computer Manufacturers Association.")
    plain = measure("ECMA is the former name of the european computer manufacturers association.")
    assert named.words == plain.words and named.syllables < plain.syllables
    assert named.grade < 12 < plain.grade
