"""Sentence ends in prose with markup, abbreviations and lower-case starts (readability.sentence-length
counts words per sentence, so a missed end is a false alarm with a wrong count), and advice that
fits the layout."""

import pytest

from gloss_lint.read.markup import mask
from gloss_lint.rules.readability.textstats import sentences


def _split(text: str) -> list[str]:
    prose = mask(text)
    return [" ".join(prose[a:b].split()) for a, b in sentences(prose)]


@pytest.mark.parametrize("text, expected", [
    # a sentence that opens with a code span (blanked by the mask)
    ("Traffic rules for a set of pods. `IngressRule` entries list the peers allowed.",
     ["Traffic rules for a set of pods.", "entries list the peers allowed."]),
    # lower-case names open sentences
    ("A lossless file format. bzip2 compresses better. iOS ships it.",
     ["A lossless file format.", "bzip2 compresses better.", "iOS ships it."]),
    # leftover emphasis marks around a blanked macro
    ("Values change type. *{{Glossary(\"Coercion\")}}* does it silently.",
     ["Values change type.", "* Coercion * does it silently."]),
    # abbreviations that may close a sentence, before a word that opens one
    ("Filed with the U.S. The office reviews it.", ["Filed with the U.S.", "The office reviews it."]),
    ("Forms, letters, etc. Each is kept.", ["Forms, letters, etc.", "Each is kept."]),
    # … and the same abbreviations inside a sentence
    ("The U.S. Navy and Acme Inc. Research buy it.", ["The U.S. Navy and Acme Inc. Research buy it."]),
    ("Formats, e.g. JSON, approx. 4 of them, cf. Table 2.", ["Formats, e.g. JSON, approx. 4 of them, cf. Table 2."]),
    # initials and citations
    ("Proposed by C. Shannon in 1948.", ["Proposed by C. Shannon in 1948."]),
    ("Rows of tables A and B. Where keys match, they join.", ["Rows of tables A and B.", "Where keys match, they join."]),
    ("See 10 U.S.C. 2302 for the rule.", ["See 10 U.S.C. 2302 for the rule."]),
    # '!' and '?' end a sentence only before a capital; an ellipsis goes on in small letters
    ("Jeopardy! is a quiz. Why? Because.", ["Jeopardy! is a quiz.", "Why?", "Because."]),
    ("It pauses … then resumes. Done.", ["It pauses … then resumes.", "Done."]),
])
def test_sentence_ends(text, expected):
    assert _split(text) == expected


def test_sentence_length_counts_the_sentence_after_a_code_span(tmp_path, run_json):
    words = " ".join(["word"] * 50)
    (tmp_path / "e.yaml").write_text(
        "term: Policy\ncategory: Networking\n"
        f"definition: A rule set for pods. `PolicyRule` entries then say {words}. Done.\n")
    _, report = run_json(tmp_path, "--select", "readability.sentence-length")
    assert [f["message"] for f in report["findings"]] == [
        'definition: split this 53-word sentence ("`PolicyRule` entries then say word word …") into '
        "shorter ones; at most 45 words a sentence reads easily"]


def test_definition_length_advice_fits_a_layout_without_a_body(tmp_path, run_json):
    long = " ".join(["word"] * 120)
    (tmp_path / "native.yaml").write_text(f"term: Native\ncategory: C\ndefinition: {long}\n")
    _, native = run_json(tmp_path / "native.yaml", "--select", "readability.definition-length")
    assert "move the rest to the body" in native["findings"][0]["message"]
    (tmp_path / "g").mkdir()
    (tmp_path / "g" / "glossary.yml").write_text(f"entries:\n  Mapped:\n    description: {long}\n")
    _, mapped = run_json(tmp_path / "g", "--profile", "18f", "--select", "readability.definition-length")
    message = mapped["findings"][0]["message"]
    assert "body" not in message and "shorten it, or split it into entries of their own" in message
