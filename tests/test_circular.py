"""style.circular through an inflection or a restated opening, and style.near-duplicate of short
definitions: sentences of the shapes issue 16 found in real glossaries, written for these tests."""

import pytest


def _findings(tmp_path, run_json, rule: str, entries: list[tuple[str, str]]) -> list[tuple[str, str]]:
    lines = ["entries:"]
    for term, definition in entries:
        lines += [f"  - term: {term}", "    category: Trade", f"    definition: {definition}"]
    (tmp_path / "g.yaml").write_text("\n".join(lines) + "\n")
    _, report = run_json(tmp_path, "--select", rule)
    return [(f["entry"], f["message"]) for f in report["findings"]]


@pytest.mark.parametrize("term, definition, says", [
    # The first sentence names the term and another name for it, then the definition starts.
    ("Lender", "Lender or creditor. A bank or person that gives money to be paid back later.",
     "opens by restating the term ('Lender or creditor.') instead of defining it"),
    ("Tariff", "A tariff. The tax a country charges on goods brought in from abroad.",
     "opens by restating the term ('A tariff.')"),
    # The same after a heading pasted into the text, where the definition then says a lot.
    ("Tariff", "Tariff. A tariff is a tax that a country charges on goods brought in from abroad.",
     "opens by restating the term ('Tariff.')"),
    # The term, inflected, is the head of the phrase that should say what it is.
    ("Miner", "Coal miners, quarry workers and well drillers.",
     "defines 'Miner' as 'Coal miners', a kind of the term itself"),
    ("Queue", "A queue is a waiting queue of jobs handled in the order they arrive.",
     "defines 'Queue' as 'waiting queue', a kind of the term itself"),
])
def test_the_term_explained_by_the_term(tmp_path, run_json, term, definition, says):
    found = _findings(tmp_path, run_json, "style.circular", [(term, definition)])
    assert len(found) == 1 and found[0][1].startswith(f"definition: {says}"), found


@pytest.mark.parametrize("term, definition", [
    # A later sentence that names the term again explains nothing by it.
    ("Buffer", "A buffer is a region of memory that holds data in transit. Buffers are emptied by the reader."),
    # The subject says what the term is; the term comes after the verb.
    ("Replica", "A copy of a database kept on another machine is a replica of the primary."),
    ("Idempotent", "An operation is idempotent when running it twice has the same effect as running it once."),
    # A parenthesis that tells two terms apart is a genus, not the name.
    ("Go (programming language)", "A compiled programming language with garbage collection, made at Google."),
    # An abbreviation inside parentheses ends no sentence.
    ("Transport Layer Security", "**Transport Layer Security** (abbr. TLS) is a protocol that encrypts "
                                 "traffic between two machines."),
    # A multi-word term's last word is its genus.
    ("Freight train", "A freight train is a train that carries goods rather than people."),
])
def test_a_definition_that_names_the_term_without_leaning_on_it(tmp_path, run_json, term, definition):
    assert _findings(tmp_path, run_json, "style.circular", [(term, definition)]) == []


def test_short_definitions_that_are_the_same_words_are_near_duplicates(tmp_path, run_json):
    found = _findings(tmp_path, run_json, "style.near-duplicate", [
        ("Thumbs-up", "A sign of approval for a post."),
        ("Like", "A sign of approval for a post."),
        ("Downvote", "A sign of disapproval for a post."),   # short and alike, but not the same
        ("Flag", "A mark for a moderator."),                 # four words: the shortest compared
        ("Report", "A mark for a moderator."),
        ("Mute", "Hides a user."),                           # three words say too little to call a copy
        ("Block", "Hides a user."),
        ("Ban", "See [Block](#block) for the same action."),  # pointers are no copies
        ("Kick", "See [Block](#block) for the same action."),
    ])
    assert [(entry, message.split(" (")[0]) for entry, message in found] == [
        ("Like", "definition: nearly the same as the definition of 'Thumbs-up'"),
        ("Report", "definition: nearly the same as the definition of 'Flag'"),
    ]


def test_where_an_entry_cannot_list_other_names_the_advice_says_so(tmp_path, run_json):
    # MDN pages have no field for other names: "make the other an alias" would not apply there.
    text = "A message a browser sends to ask a server for a page it has not loaded yet."
    for slug, title in (("fetch_request", "Fetch request"), ("page_request", "Page request")):
        page = tmp_path / "files" / "en-us" / "glossary" / slug / "index.md"
        page.parent.mkdir(parents=True)
        page.write_text(f"---\ntitle: {title}\nslug: Glossary/{title.replace(' ', '_')}\n"
                        f"page-type: glossary-definition\n---\n\n{text}\n")
    _, report = run_json(tmp_path, "--profile", "mdn", "--select", "style.near-duplicate")
    assert [f["message"].split("; ", 1)[1] for f in report["findings"]] == [
        "if the terms are synonyms, keep one entry and name the other in it, else say how they differ"]
