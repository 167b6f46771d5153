"""links.unresolved's "did you mean": a slip of a letter or two, clearly the closest, never the
linking entry's own name."""


def _unresolved(tmp_path, run_json, entries: str) -> list[str]:
    (tmp_path / "g.yaml").write_text(entries)
    _, report = run_json(tmp_path, "--select", "links.unresolved")
    return [f["message"] for f in report["findings"]]


def test_suggestion_is_a_slip_of_a_letter_not_a_longer_name(tmp_path, run_json):
    messages = _unresolved(tmp_path, run_json, """\
- {term: Generative machine learning, category: C, definition: Models that make data.}
- {term: Tokeniser, category: C, definition: Splits text into tokens.}
- {term: Vocabulary, category: C, definition: The tokens a model knows., related: [Tokenizer, machine learning]}
""")
    assert any("'Tokenizer'" in m and "did you mean 'Tokeniser'?" in m for m in messages), messages
    assert any("'machine learning'" in m and "did you mean" not in m for m in messages), messages


def test_suggestion_never_names_the_linking_entry_and_needs_a_clear_winner(tmp_path, run_json):
    messages = _unresolved(tmp_path, run_json, """\
- {term: Cache line, aliases: [Cache lines], category: C, definition: A block of memory., related: [Cache liner]}
- {term: Node A, category: C, definition: One node., related: [Node D]}
- {term: Node B, category: C, definition: Another node.}
- {term: Node C, category: C, definition: A third node.}
""")
    assert len(messages) == 2 and not any("did you mean" in m for m in messages), messages


def test_a_slip_may_be_a_letter_for_every_eight_of_the_name(tmp_path, run_json):
    messages = _unresolved(tmp_path, run_json, """\
- {term: Gradient descent, category: C, definition: A way to train a model.}
- {term: Tokeniser, category: C, definition: Splits text into tokens.}
- {term: Loss, category: C, definition: What training lowers., related: [Gradiant descant, Tokanisr]}
""")
    # 16 letters and spaces: two slips are a slip; 8 letters: two slips are another word
    assert sorted(messages) == [
        "related term 'Gradiant descant' leads to no entry (no term, alias or id answers to it); "
        "did you mean 'Gradient descent'?",
        "related term 'Tokanisr' leads to no entry (no term, alias or id answers to it)"]


def test_edit_distance_counts_letters_inserted_deleted_or_replaced():
    from gloss_lint.rules.links.graph import edit_distance

    assert edit_distance("tokeniser", "tokenizer") == 1 and edit_distance("tokanisr", "tokeniser") == 2
    assert edit_distance("cache", "caches") == edit_distance("caches", "cache") == 1
    assert edit_distance("", "ab") == 2 and edit_distance("same", "same") == 0


def test_a_longer_name_that_contains_the_target_is_named_as_such(tmp_path, run_json):
    messages = _unresolved(tmp_path, run_json, """\
- {term: Security incident response, category: C, definition: What a team does after a breach.}
- {term: Runbook, category: C, definition: Steps written down for an incident., related: [incident response]}
""")
    assert messages == ["related term 'incident response' leads to no entry (no term, alias or id answers to "
                        "it); 'Security incident response' is a longer name that contains it"]


def test_a_profile_may_lower_the_severity_of_related_terms_shown_as_plain_text(tmp_path, run_json):
    (tmp_path / ".gloss-lint.toml").write_text(
        'profile = "plain"\n[profiles.plain]\nextends = "native"\nrelated = {severity = "warning"}\n')
    (tmp_path / "g.yaml").write_text("- {term: A, category: C, definition: One thing here., related: [Nothing]}\n"
                                     "- {term: B, category: C, definition: 'Another, see [[Nowhere]].'}\n")
    _, report = run_json(tmp_path, "--select", "links.unresolved", cwd=tmp_path)
    assert sorted((f["entry"], f["severity"]) for f in report["findings"]) == [("A", "warning"), ("B", "error")]


def test_with_separators_strict_a_name_written_with_another_separator_is_suggested(tmp_path, run_json):
    (tmp_path / ".gloss-lint.toml").write_text(
        'profile = "strict"\n[profiles.strict]\nextends = "native"\nrelated = {separators = false}\n')
    (tmp_path / "g.yaml").write_text("- {term: Self-attention, category: C, definition: Attention within a sequence.}\n"
                                     "- {term: B, category: C, definition: Uses attention., related: [Self attention]}\n")
    _, report = run_json(".", "--select", "links.unresolved", cwd=tmp_path)
    assert [f["message"] for f in report["findings"]] == ["related term 'Self attention' leads to no entry (no term, alias or id answers to it); "
                        "did you mean 'Self-attention'?"]
