"""``readability.*``: the fixtures' passing and failing entries, options, markup, offline syllables."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from conftest import FIXTURES, ROOT

from gloss_lint.read.markup import mask
from gloss_lint.rules.readability.rules import _advice
from gloss_lint.rules.readability.textstats import Readability, Sentence, measure, sentences, syllables

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
    # the long sentence's finding spans its first six words, the words it quotes
    first = report["findings"][0]
    assert (first["end_line"], first["end_column"]) == (6, 7 + len("Acquisition means the acquiring by contract"))
    assert "3 words cannot define a term" in messages[1]
    assert _grade(messages[2]) > 20 and "shorter, plainer words" in messages[2]
    assert "115 words is an article" in messages[4] and "move the rest to the body" in messages[4]
    assert code == 0  # warnings do not fail the run at the default fail level


def _grade(message: str) -> float:
    return float(re.search(r"reads at US school grade (\d+\.\d) ", message).group(1))


def test_grade_reports_what_sentence_length_does_not(run_json):
    _, report = run_json(READABILITY / "fail.yaml", "--select", "readability.grade")
    found = [(f["line"], f["message"]) for f in report["findings"]]
    assert [line for line, _ in found] == [17, 35]
    # Long words: the advice is about words; one long sentence: about sentences.
    assert re.fullmatch(r"definition: reads at US school grade \d+\.\d \(Flesch–Kincaid; at most 20 here\): "
                        r"its sentences are short enough \(\d+ words on average\) but its words are long: "
                        r"say it with shorter, plainer words where you can \(\d\.\d syllables a word\) and "
                        r"explain the technical ones", found[0][1]), found[0][1]
    assert re.fullmatch(r"definition: reads at US school grade \d+\.\d \(Flesch–Kincaid; at most 20 here\): "
                        r"split its sentences \(54 words a sentence on average, the longest 54\)", found[1][1])
    assert all(_grade(message) > 20 for _, message in found)


# Plain prose, no names: its grade is whatever measure() says, and the rule compares that.
PROSE = ("The tool reads every file in the folder and reports each place where the text is "
         "hard to follow, so that a writer can fix it before anyone else reads it.")


def _grade_findings(tmp_path, run_json, config: str) -> list[str]:
    (tmp_path / "t.yaml").write_text(f"term: Checker\ncategory: Tools\ndefinition: {PROSE}\n")
    (tmp_path / ".gloss-lint.toml").write_text(config)
    _, report = run_json(".", "--select", "readability.grade", cwd=tmp_path)
    return [f["message"] for f in report["findings"]]


def test_grade_limit_is_the_max_grade_option_and_a_grade_at_it_passes(tmp_path, run_json):
    grade = measure(PROSE).grade
    assert 5 < grade < 20  # under the default: only the option can make it fire
    assert _grade_findings(tmp_path, run_json, "") == []
    at_limit = f'[rules."readability.grade"]\nmax-grade = {grade!r}\n'
    assert _grade_findings(tmp_path, run_json, at_limit) == []
    below = f'[rules."readability.grade"]\nmax-grade = {grade - 0.01!r}\n'
    (message,) = _grade_findings(tmp_path, run_json, below)
    assert f"grade {grade:.1f} (Flesch–Kincaid; at most {grade - 0.01:g} here)" in message
    low = '[rules."readability.grade"]\nmax-grade = 5\nmin-words = 40\n'
    assert _grade_findings(tmp_path, run_json, low) == []  # fewer words than min-words: not scored


def test_the_numbers_handed_to_the_report_are_each_fields_once(tmp_path):
    from gloss_lint.config import load_settings
    from gloss_lint.engine import lint
    from gloss_lint.registry import load_registry

    (tmp_path / "t.yaml").write_text(f"term: Checker\ncategory: Tools\ndefinition: {PROSE}\n")
    registry = load_registry()
    settings = load_settings(registry, cwd=tmp_path, paths=[str(tmp_path)],
                             select=["readability.grade", "readability.sentence-length"])
    measured = measure(PROSE)
    assert lint(settings, registry, cwd=tmp_path).data["readability"] == [{
        "entry": 0, "field": "definition", "words": measured.words, "sentences": len(measured.sentences),
        "longest": measured.longest.words, "grade": round(measured.grade, 1),
        "reading_ease": round(measured.reading_ease, 1)}]


def test_a_field_of_exactly_min_words_is_scored(tmp_path, run_json):
    hard = ("Computationally intensive parameterised transformation architecture facilitating "
            "contextualised representational optimisation across heterogeneous sequences.")
    assert measure(hard).words == 12  # the default min-words of both score rules
    (tmp_path / "t.yaml").write_text(f"term: Model\ncategory: Models\ndefinition: {hard}\n")
    _, report = run_json(".", "--select", "readability.grade,readability.reading-ease", cwd=tmp_path)
    assert [f["rule"] for f in report["findings"]] == ["readability.grade", "readability.reading-ease"]


def _measured(words_per_sentence: int, syllables_per_word: float, sentences: int = 2) -> Readability:
    """Numbers as measure() would give them for a text of that shape."""
    words = words_per_sentence * sentences
    return Readability(words, round(syllables_per_word * words),
                       tuple(Sentence(i, i + 1, words_per_sentence) for i in range(sentences)))


@pytest.mark.parametrize("words_per_sentence, syllables_per_word, advice", [
    # the grade's two parts above ordinary prose (15 words, 1.5 syllables): the larger one is the advice
    (15, 1.5, "split its sentences"),  # equal parts: sentences first
    (25, 1.8, "split its sentences"),  # 0.39 * 10 = 3.9 against 11.8 * 0.3 = 3.54
    (25, 1.82, "split its sentences"),  # 3.9 against 11.8 * 0.32 = 3.78
    (25, 1.84, "its words are long"),  # 3.9 against 11.8 * 0.34 = 4.01
    (20, 1.7, "its words are long (1.7 syllables a word) and so are its sentences (20 words"),  # 1.95 < 2.36
    (19, 1.7, "its sentences are short enough (19 words on average) but its words are long"),
])
def test_grade_advice_names_the_larger_part_of_the_grade(words_per_sentence, syllables_per_word, advice):
    assert _advice(_measured(words_per_sentence, syllables_per_word)).startswith(advice)


def test_sentence_length_reports_a_sentence_over_max_words_where_it_starts(tmp_path, run_json):
    (tmp_path / ".gloss-lint.toml").write_text('[rules."readability.sentence-length"]\nmax-words = 5\n')
    (tmp_path / "t.yaml").write_text("term: Alpha\ncategory: C\ndefinition: Five words make this one. "
                                     "Alpha beta gamma delta epsilon zeta.\n")
    _, report = run_json(".", "--select", "readability.sentence-length", cwd=tmp_path)
    (found,) = report["findings"]  # the first sentence, of exactly max-words, is fine
    assert (found["line"], found["column"]) == (3, 39)
    # six words quoted whole: nothing left out, no '…'
    assert 'split this 6-word sentence ("Alpha beta gamma delta epsilon zeta.") into' in found["message"]


def test_a_body_that_repeats_the_definition_has_its_long_sentence_reported_once(tmp_path, run_json):
    (tmp_path / ".gloss-lint.toml").write_text('[rules."readability.sentence-length"]\nmax-words = 5\n')
    long = "Alpha beta gamma delta epsilon zeta."
    (tmp_path / "t.yaml").write_text(f"term: Alpha\ncategory: C\ndefinition: {long}\n"
                                     f"body: {long} Then a short one. {long}\n")
    _, report = run_json(".", "--select", "readability.sentence-length", cwd=tmp_path)
    # the definition's, and the body's own (after the repeated definition), not the repeat
    assert [(f["line"], f["column"]) for f in report["findings"]] == [(3, 13), (4, 62)]


@pytest.mark.parametrize("definition, too_short", [
    ("A network address protocol.", False),  # 4 words: the default min-words
    ("Network address protocol.", True),
])
def test_a_definition_of_min_words_is_long_enough(tmp_path, run_json, definition, too_short):
    assert measure(definition).words == 4 - too_short
    (tmp_path / "t.yaml").write_text(f"term: DHCP\ncategory: Networking\ndefinition: {definition}\n")
    _, report = run_json(".", "--select", "readability.definition-length", cwd=tmp_path)
    assert len(report["findings"]) == too_short


def test_a_one_word_definition_is_one_word(tmp_path, run_json):
    (tmp_path / "t.yaml").write_text("term: DHCP\ncategory: Networking\ndefinition: Protocol.\n")
    _, report = run_json(".", "--select", "readability.definition-length", cwd=tmp_path)
    assert report["findings"][0]["message"].startswith("definition: 1 word cannot define a term;")


@pytest.mark.parametrize("words, too_long", [(100, False), (101, True)])  # 100: the default max-words
def test_a_definition_of_max_words_is_short_enough(tmp_path, run_json, words, too_long):
    definition = " ".join(["Data"] + ["moves"] * (words - 2) + ["fast."])
    assert measure(definition).words == words
    (tmp_path / "t.yaml").write_text(f"term: Flow\ncategory: Networking\ndefinition: {definition}\n")
    _, report = run_json(".", "--select", "readability.definition-length", cwd=tmp_path)
    assert len(report["findings"]) == too_long


def test_reading_ease_floor_is_its_option(tmp_path, run_json):
    ease = measure(PROSE).reading_ease
    (tmp_path / "t.yaml").write_text(f"term: Checker\ncategory: Tools\ndefinition: {PROSE}\n")
    for floor, fires in ((ease, False), (ease + 0.01, True)):
        (tmp_path / ".gloss-lint.toml").write_text(f'[rules."readability.reading-ease"]\nmin-score = {floor!r}\n')
        _, report = run_json(".", "--select", "readability.reading-ease", cwd=tmp_path)
        assert len(report["findings"]) == fires, floor


def test_reading_ease_is_off_by_default(run_json):
    _, report = run_json(READABILITY / "fail.yaml")
    assert "readability.reading-ease" not in {f["rule"] for f in report["findings"]}
    assert "readability.grade" in {f["rule"] for f in report["findings"]}


def test_passing_entries_are_quiet(run_json):
    """Short but fine, a 'See …' pointer, code blocks, URLs and shortcodes are not prose."""
    _, report = run_json(READABILITY / "pass.yaml", "--select", "readability,readability.reading-ease")
    assert report["findings"] == []


def test_thresholds_are_options(tmp_path, run_json):
    rules = "readability.sentence-length,readability.definition-length,readability.grade"
    _, report = run_json(READABILITY / "fail.yaml", "--select", rules, cwd=tmp_path)
    assert {f["rule"] for f in report["findings"]} == set(rules.split(","))
    (tmp_path / ".gloss-lint.toml").write_text(
        '[rules."readability.sentence-length"]\nmax-words = 60\n'
        '[rules."readability.definition-length"]\nmin-words = 2\nmax-words = 200\n'
        '[rules."readability.grade"]\nmax-grade = 45\n')
    _, report = run_json(READABILITY / "fail.yaml", "--select", rules, cwd=tmp_path)
    assert report["findings"] == []
    (tmp_path / ".gloss-lint.toml").write_text('[rules."readability.grade"]\nfields = ["body"]\n')
    _, report = run_json(READABILITY / "fail.yaml", "--select", "readability.grade", cwd=tmp_path)
    assert report["findings"] == []  # the fixture has no body


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
    import pyphen

    hyphenate = pyphen.Pyphen(lang="en_US")
    for word in ("cat", "table", "tokenization", "computationally"):
        assert syllables(word) == len(hyphenate.positions(word)) + 1 >= 1
    assert syllables("cat") < syllables("computationally")
    words = "the cat sat on the mat the dog ate the tokenization".split()
    measured = measure("The cat sat on the mat. The dog ate the tokenization.")
    counted = sum(syllables(w) for w in words)
    assert (measured.words, len(measured.sentences), measured.syllables) == (11, 2, counted)
    assert round(measured.grade, 2) == round(0.39 * 5.5 + 11.8 * counted / 11 - 15.59, 2)
    assert round(measured.reading_ease, 2) == round(206.835 - 1.015 * 5.5 - 84.6 * counted / 11, 2)


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
code = main(["check", sys.argv[2], "--select", "readability", "--format", "json", "--no-cache"])
"""


def test_readability_runs_offline_without_nltk_data(tmp_path, run):
    """Sockets blocked, NLTK pointed at an empty folder and its downloader refused: the same findings."""
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


def test_measuring_reads_textstat_data_without_importing_nltk():
    # textstat's package import loads NLTK (a quarter second) for a dictionary gloss-lint never uses
    code = ("import sys; from gloss_lint.rules.readability.textstats import measure; "
            "m = measure(\"It's a dog's life. Don't 'quote' me.\"); "
            "assert (m.words, len(m.sentences)) == (7, 2) and m.reading_ease != 0, m; "
            "assert 'nltk' not in sys.modules and 'textstat' not in sys.modules")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
