"""schema.required points at the entry that lacks the field, never at a word of the same name in its text."""


def test_a_missing_field_is_placed_on_its_entry_not_on_its_name_in_the_text(tmp_path, run_json):
    (tmp_path / "g.yaml").write_text("- term: Widget\n  definition: A thing said to lack a category.\n"
                                     "- term: Gadget\n  category: Tools\n  definition: A small tool.\n")
    _, report = run_json(tmp_path, "--select", "schema.required")
    assert [(f["line"], f["column"], f["message"]) for f in report["findings"]] == [
        (1, 3, "missing required field 'category'")]
