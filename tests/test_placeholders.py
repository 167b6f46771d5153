"""style.placeholder finds text left to fill in, whatever its length; style.not-a-definition finds
the opener that names the term ("Raft refers to …") as well as "This term refers to …"."""

import pytest


def _style(tmp_path, run_json, definition: str, term: str = "Gossip protocol") -> list[tuple[str, str]]:
    (tmp_path / "e.yaml").write_text(f"term: {term}\ncategory: Distributed systems\ndefinition: {definition}\n")
    _, report = run_json(tmp_path, "--select", "style.placeholder,style.not-a-definition")
    return [(f["rule"], f["message"]) for f in report["findings"]]


@pytest.mark.parametrize("definition, shown", [
    ('"[TODO] to be defined"', "[TODO] to be defined"),
    ("TBD", "TBD"),
    ("'FIXME: write this'", "FIXME:"),
    ("Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt.", "Lorem ipsum dolor"),
    ("Coming soon.", "Coming soon"),
    ("A protocol that spreads state between nodes; the rest is to be written later.", "to be written later"),
])
def test_placeholders_are_found_whatever_their_length(tmp_path, run_json, definition, shown):
    assert _style(tmp_path, run_json, definition) == [
        ("style.placeholder", f'definition: "{shown}" is a placeholder: write the text, or keep the entry '
                              f"out until it is written")]


def test_a_placeholder_term_is_found_too(tmp_path, run_json):
    found = _style(tmp_path, run_json, "A protocol that spreads state from node to node.", term="TBD")
    assert [rule for rule, _ in found] == ["style.placeholder"]


@pytest.mark.parametrize("definition", [
    "A todo list of the tasks a node still has to run.",      # 'todo' as a word, not a marker
    "A protocol whose rounds are to be counted from zero.",   # 'to be' + another verb
    "A client-chosen string that refers to a node by name.",  # 'that refers to': the subject is a thing
])
def test_ordinary_prose_is_not_a_placeholder_nor_a_non_definition(tmp_path, run_json, definition):
    assert _style(tmp_path, run_json, definition) == []


@pytest.mark.parametrize("definition, opener", [
    ("Gossip protocol refers to nodes passing state to random peers.", "Gossip protocol refers to"),
    ("Epidemic broadcast is a term for the same idea.", "Epidemic broadcast is a term for"),
    ("The term gossip refers to peers telling peers.", "The term gossip refers to"),
])
def test_an_opener_about_the_word_is_not_a_definition(tmp_path, run_json, definition, opener):
    assert _style(tmp_path, run_json, definition) == [
        ("style.not-a-definition", f'definition: start with what the term is, not "{opener}"')]


def test_the_opener_is_quoted_as_a_reader_sees_it(tmp_path, run_json):
    # Emphasis opened before the match and closed inside it, bold: marks dropped, no gaps left.
    found = _style(tmp_path, run_json, "'_Hot swapping_ (**HS**) refers to replacing a [part](#part) "
                                       "while the machine runs.'", term="Hot swap")
    assert found == [("style.not-a-definition", 'definition: start with what the term is, not '
                                                '"Hot swapping (HS) refers to"')]


@pytest.mark.parametrize("term, definition", [
    # A term that names a saying refers to it: the opener is what such a term does.
    ("Worse is better", "Refers to a slogan Richard Gabriel wrote about simple software winning."),
    ("Ninety-ninety rule", "The ninety-ninety rule refers to a programmers' joke about schedules."),
])
def test_a_term_that_names_a_saying_may_refer_to_it(tmp_path, run_json, term, definition):
    assert _style(tmp_path, run_json, definition, term=term) == []


# ---------------------------------------------------------------- style.term-shape

@pytest.mark.parametrize("term, definition, expected", [
    ("Vector clock.", "A list of counters, one per process.", "ends with a full stop"),
    ("A vector clock is what orders the events of many processes", "Counters per process.",
     "reads as a sentence (11 words)"),
    ("Logical clock of a distributed process group", "Counters per node.", "far longer than its 3-word definition"),
])
def test_a_term_that_is_not_a_name(tmp_path, run_json, term, definition, expected):
    (tmp_path / "e.yaml").write_text(f"term: {term}\ncategory: C\ndefinition: {definition}\n")
    _, report = run_json(tmp_path, "--select", "style.term-shape")
    assert [f["rule"] for f in report["findings"]] == ["style.term-shape"]
    assert expected in report["findings"][0]["message"]


@pytest.mark.parametrize("term, definition", [
    ("Acme Inc.", "A firm that makes anvils for the trade."),
    ("U.S.", "The United States of America, a country."),
    ("Logical clock of a process group", "See [vector clock](#vector-clock)."),  # a cross-reference
    ("Service level objective", "A target for a service level."),
])
def test_names_are_fine(tmp_path, run_json, term, definition):
    (tmp_path / "e.yaml").write_text(f"term: {term}\ncategory: C\ndefinition: \"{definition}\"\n")
    _, report = run_json(tmp_path, "--select", "style.term-shape")
    assert report["findings"] == []
