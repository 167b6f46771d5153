"""Configuration: discovery, validation with suggestions, the most specific rule key wins."""

from dataclasses import FrozenInstanceError

import pytest

from gloss_lint.config import find_config, load_settings
from gloss_lint.registry import load_registry

GOOD = "term: Transformer\ncategory: Architectures\ndefinition: A neural network architecture built on attention.\n"


@pytest.mark.parametrize("config, message", [
    ("fail_on = 'error'\n", "unknown key 'fail_on'; did you mean 'fail-on'?"),
    ("[rules]\n'schema.requird' = 'off'\n", "unknown rule or prefix 'schema.requird'; did you mean 'schema.required'?"),
    ("[rules]\n'schema' = 'loud'\n", "rules.schema"),
    ("profile = 'nativ'\n", "unknown profile 'nativ'; did you mean 'native'?"),
    ("[rules]\n'schema.required' = { colour = 'red' }\n", "rules.schema.required: unknown option 'colour'"),
    ("[rules.readability]\nmax-grad = 5\n", "rules.readability: unknown option 'max-grad'; did you mean 'max-grade'?"),
    # a field's name is offered from half its letters ('defn' is 57 % of 'definition')
    ("[rules.readability]\nfields = ['defn']\n",
     "rules.readability.grade.fields: no entry field is called 'defn'; did you mean 'definition'?"),
    ("[rules.readability]\nfields = ['summary']\n", "no entry field is called 'summary'\n"),
    ("[rules.readability]\nmax-grade = true\n", "rules.readability.grade.max-grade: expected float, got True"),
    ("[rules.readability]\nmax-grade = '20'\n", "rules.readability.grade.max-grade: expected float, got '20'"),
    ("[rules.readability]\nfields = 'definition'\n", "rules.readability.grade.fields: expected list, got 'definition'"),
    ("fail-on = 'error'\nx = \n", ".gloss-lint.toml:2:5: invalid config: "),  # then tomllib's own words
    ("paths = 'glossary'\n", ".gloss-lint.toml: paths: "),  # then the validator's own words
    ("this is not toml", "invalid config"),
])
def test_bad_config_is_exit_2_with_a_clear_message(tmp_path, run, config, message):
    (tmp_path / ".gloss-lint.toml").write_text(config)
    (tmp_path / "t.yaml").write_text(GOOD)
    code, out, err = run("check", ".", cwd=tmp_path)
    assert code == 2, out
    assert message in err


def test_a_yaml_config_that_does_not_parse_is_located(tmp_path, run):
    (tmp_path / ".gloss-lint.yaml").write_text("fail-on: error\nrules:\n  schema: [unclosed\n  other: x\n")
    (tmp_path / "t.yaml").write_text(GOOD)
    code, out, err = run("check", ".", cwd=tmp_path)
    assert (code, out) == (2, "") and f"{tmp_path / '.gloss-lint.yaml'}:4:8: invalid config: " in err, err


def test_most_specific_key_wins(tmp_path, run_json):
    (tmp_path / ".gloss-lint.yaml").write_text("rules:\n  schema: 'off'\n  schema.required: warning\n")
    (tmp_path / "t.yaml").write_text("term: X\nstatus: nope\n")
    code, report = run_json(".", cwd=tmp_path)
    assert [(f["rule"], f["severity"]) for f in report["findings"]] == [
        ("schema.required", "warning"), ("schema.required", "warning")]
    assert code == 0


def test_a_pyproject_toml_is_a_config_only_with_a_gloss_lint_table(tmp_path):
    (tmp_path / ".gloss-lint.toml").write_text("")
    inner = tmp_path / "inner"
    inner.mkdir()
    (inner / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    assert find_config(inner) == tmp_path / ".gloss-lint.toml"
    (inner / "pyproject.toml").write_text("[project]\nname = 'x'\n[tool.gloss-lint]\nfail-on = 'warning'\n")
    assert find_config(inner) == inner / "pyproject.toml"


def test_a_pyproject_toml_table_is_read(tmp_path, run):
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n[tool.gloss-lint.rules]\nschema = 'off'\n")
    (tmp_path / "t.yaml").write_text("term: X\n")
    assert run("check", ".", cwd=tmp_path) == (0, "0 findings (0 errors, 0 warnings, 0 info) in 1 file, 1 entry\n", "")


def test_settings_are_read_only(tmp_path):
    (tmp_path / ".gloss-lint.toml").write_text("fail-on = 'warning'\n")
    settings = load_settings(load_registry(), cwd=tmp_path)  # found from cwd, not the process's directory
    assert settings.config_file == tmp_path / ".gloss-lint.toml" and settings.fail_on.name == "WARNING"
    grade = settings.rules["readability.grade"]
    with pytest.raises(FrozenInstanceError):
        grade.enabled = False
    with pytest.raises(TypeError):
        grade.options["max-grade"] = 5
    with pytest.raises(TypeError):
        settings.rules["readability.grade"] = grade
    with pytest.raises(FrozenInstanceError):
        settings.fail_on = grade.severity


def test_a_named_file_outside_the_configured_paths_is_skipped_with_the_first_reason(tmp_path, run):
    (tmp_path / ".gloss-lint.toml").write_text('paths = ["glossary", "more"]\n')
    for folder in ("glossary", "more", "notes"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "t.yaml").write_text(GOOD)
    # the rest of the glossary: read, not reported on (its broken link is not the named file's doing)
    (tmp_path / "more" / "t.yaml").write_text("term: X\ncategory: C\ndefinition: See [[Nowhere]] here.\n")
    code, out, err = run("check", "notes/t.yaml", "glossary/t.yaml", "-v", cwd=tmp_path)
    assert err == "gloss-lint: skipped notes/t.yaml: not under glossary\n"
    assert (code, out) == (0, "0 findings (0 errors, 0 warnings, 0 info) in 1 file, 1 entry\n"
                              "1 elsewhere in the glossary, there before these files changed, not shown\n")
    # linted as a library: the context's own findings are left out unless asked for
    from gloss_lint.engine import lint

    registry = load_registry()
    settings = load_settings(registry, cwd=tmp_path, paths=[str(tmp_path / "glossary" / "t.yaml")])
    assert lint(settings, registry, cwd=tmp_path).findings == []


def test_a_named_file_that_is_gone_is_a_deletion_and_a_missing_folder_a_typo(tmp_path, run):
    (tmp_path / "t.yaml").write_text(GOOD)
    (tmp_path / "README").write_text("not an entry")
    code, out, err = run("check", "t.yaml", "gone.yaml", "README", "-v", cwd=tmp_path)
    assert (code, out) == (0, "0 findings (0 errors, 0 warnings, 0 info) in 1 file, 1 entry\n")
    assert "gone.yaml does not exist (deleted)" in err and "skipped README: not a file" in err
    code, _, err = run("check", "t.yaml", "nowhere", cwd=tmp_path)
    assert code == 2 and "path not found: nowhere" in err


def test_a_whole_number_is_a_number_for_a_decimal_option(tmp_path, run):
    (tmp_path / ".gloss-lint.toml").write_text('[rules."readability.grade"]\nmax-grade = 25\n')  # default 20.0
    (tmp_path / "t.yaml").write_text(GOOD)
    assert run("check", ".", cwd=tmp_path) == (0, "0 findings (0 errors, 0 warnings, 0 info) in 1 file, 1 entry\n", "")


def test_a_file_link_leading_outside_is_followed_only_when_the_config_says(tmp_path, run):
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "t.yaml").write_text(GOOD)
    glossary = tmp_path / "g"
    glossary.mkdir()
    (glossary / "t.yaml").symlink_to(tmp_path / "outside" / "t.yaml")
    code, out, _ = run("check", ".", cwd=glossary)
    assert "input.symlink" in out and out.endswith("in 0 files, 0 entries\n")
    (glossary / ".gloss-lint.toml").write_text("follow-symlinks = true\n")
    assert run("check", ".", cwd=glossary) == (0, "0 findings (0 errors, 0 warnings, 0 info) in 1 file, 1 entry\n", "")


def test_explicit_config_file(tmp_path, run):
    (tmp_path / "custom.toml").write_text("[rules]\nschema = 'off'\n")
    (tmp_path / "t.yaml").write_text("term: X\n")
    code, out, _ = run("check", ".", cwd=tmp_path)
    assert code == 1 and "t.yaml:1:1: error schema.required missing required field 'definition'" in out
    code, out, _ = run("check", ".", "--config", "custom.toml", cwd=tmp_path)
    assert (code, out) == (0, "0 findings (0 errors, 0 warnings, 0 info) in 1 file, 1 entry\n")
    code, _, err = run("check", ".", "--config", "missing.toml", cwd=tmp_path)
    assert code == 2 and "config file not found" in err


def test_schema_replaced_and_extended(tmp_path, run_json):
    (tmp_path / "schema.json").write_text('{"type": "object", "required": ["term", "owner"]}')
    (tmp_path / "extra.json").write_text('{"properties": {"term": {"maxLength": 5}}}')
    (tmp_path / ".gloss-lint.toml").write_text('[schema]\npath = "schema.json"\nextend = ["extra.json"]\n')
    (tmp_path / "t.yaml").write_text("term: Transformer\nsurprise: yes\n")
    code, report = run_json("t.yaml", cwd=tmp_path)
    assert [(f["rule"], f["line"], f["message"].split(": ")[0]) for f in report["findings"]] == [
        ("schema.required", 1, "missing required field 'owner'"),
        ("schema.invalid", 1, "term"),  # maxLength, from the extension, in jsonschema's words
    ]


def test_invalid_user_schema_is_a_config_error(tmp_path, run):
    (tmp_path / "schema.json").write_text('{"type": "objekt"}')
    (tmp_path / ".gloss-lint.toml").write_text('[schema]\npath = "schema.json"\n')
    (tmp_path / "t.yaml").write_text(GOOD)
    code, _, err = run("check", ".", cwd=tmp_path)
    assert code == 2 and "not a valid JSON Schema" in err


def test_a_prefix_severity_leaves_off_by_default_rules_off(tmp_path, run_json):
    (tmp_path / "t.yaml").write_text("- term: A\n  definition: The first letter.\n  related: [B]\n"
                                     "- term: B\n  definition: The second letter.\n")
    (tmp_path / ".gloss-lint.yaml").write_text("rules:\n  links: warning\n")
    _, report = run_json(".", "--select", "links", cwd=tmp_path)
    assert report["findings"] == []  # B lists nothing back, A has no link to it: both rules are off
    (tmp_path / ".gloss-lint.yaml").write_text("rules:\n  links: warning\n  links.one-way: warning\n")
    _, report = run_json(".", "--select", "links", cwd=tmp_path)
    assert [(f["rule"], f["severity"], f["entry"]) for f in report["findings"]] == [
        ("links.one-way", "warning", "A")]


# ---------------------------------------------------------------- files the config names

_LATIN1 = "caf\u00e9: x\n".encode("latin-1")


@pytest.mark.parametrize("config, files, says", [
    ('[schema]\npath = "missing.json"\n', {}, "schema file not found: "),
    ('[schema]\npath = "s.json"\n', {"s.json": b"{not json"}, "cannot read schema "),
    ('[schema]\nextend = ["missing.json"]\n', {}, "schema file not found: "),
    ('style-files = ["missing.yaml"]\n', {}, "missing.yaml: cannot read style rule file: "),
    ('style-files = ["Bad_Name.yaml"]\n', {"Bad_Name.yaml": b"kind: existence\n"}, "a style rule file's name is its id"),
    ('style-files = ["list.yaml"]\n', {"list.yaml": b"- a\n- b\n"}, "list.yaml:1:1: a style rule file is a mapping"),
    ('style-files = ["latin.yaml"]\n', {"latin.yaml": _LATIN1}, "latin.yaml: cannot read style rule file: "),
    ('profile = "mine.yaml"\n', {"mine.yaml": b"links: [unclosed\n"}, "cannot read profile "),
    ('profile = "mine.yaml"\n', {"mine.yaml": b"- a list\n"}, "is not a mapping"),
    ('profile = "mine.yaml"\n', {"mine.yaml": b"extends: native\nlayuot: auto\n"}, "profile 'mine.yaml': (top): "),
    ('profile = "missing.yaml"\n', {}, "unknown profile 'missing.yaml'; known profiles: "),
    ('profile = "a"\n[profiles.a]\nextends = "b"\n[profiles.b]\nextends = "a"\n', {},
     "profile 'a' extends itself: a -> b -> a"),
    ('profile = "a"\n[profiles.a]\nextends = "native"\nlinks = [{syntax = "wikki"}]\n', {},
     "profile 'a': links[0]: unknown syntax 'wikki'; did you mean 'wiki'?"),
    ('profile = "a"\n[profiles.a]\nextends = "native"\nlinks = [{name = "x"}]\n', {},
     "profile 'a': links[0]: give a 'pattern' or a 'syntax'"),
])
def test_a_broken_or_missing_file_named_by_the_config_is_exit_2(tmp_path, run, config, files, says):
    (tmp_path / ".gloss-lint.toml").write_text(config)
    for name, content in files.items():
        (tmp_path / name).write_bytes(content)
    (tmp_path / "t.yaml").write_text(GOOD)
    code, out, err = run("check", ".", cwd=tmp_path)
    assert (code, out) == (2, "") and err.startswith("gloss-lint: error: ") and says in err, err


@pytest.mark.parametrize("option, text, says", [
    ("kinds", None, "kinds file not found"),
    ("kinds", "kinds: [unclosed\n", "cannot read"),
    ("kinds", "- not a mapping\n", "kinds"),
    ("kinds", "kinds:\n  - just text\n", "kinds[0]"),
    ("kinds", "kinds:\n  - {type: list, cues: [a]}\n", "kinds[0]"),
    ("kinds", "kinds:\n  - {name: x, type: list}\n", "kinds[0]"),
    ("kinds", "kinds:\n  - {name: x, type: number, units: []}\n", "kinds[0]"),
    ("gazetteer", None, "gazetteer file not found"),
    ("gazetteer", "entities: [unclosed\n", "cannot read gazetteer"),
    ("gazetteer", "entities: {}\n", "a gazetteer is a mapping with an 'entities' list"),
    ("gazetteer", "entities:\n  - just text\n", "an entity is a mapping with id, label and aliases"),
    ("gazetteer", "entities:\n  - {id: a, aliases: [A], colour: red}\n", "unknown key 'colour'"),
    ("gazetteer", "entities:\n  - {id: '', aliases: [A]}\n", "'id' must be text"),
    ("gazetteer", "entities:\n  - {id: a, label: CITY, aliases: [A]}\n", "'label' must be one of"),
    ("gazetteer", "entities:\n  - {id: a, aliases: []}\n", "'aliases' must be a non-empty list of text"),
    ("gazetteer", "entities:\n  - {id: a, parent: nobody, aliases: [A]}\n", "parent 'nobody' is not an entity"),
    ("gazetteer", "entities:\n  - {id: a, aliases: [Twin]}\n  - {id: b, aliases: [Twin]}\n",
     "alias 'Twin' belongs to both 'a' and 'b'"),
])
def test_a_broken_facts_file_is_exit_2(tmp_path, run, option, text, says):
    (tmp_path / ".gloss-lint.toml").write_text(f'[rules.facts]\n{option} = "mine.yaml"\n')
    if text is not None:
        (tmp_path / "mine.yaml").write_text(text)
    (tmp_path / "t.yaml").write_text(GOOD)
    code, out, err = run("check", ".", "--select", "facts", cwd=tmp_path)
    # Named by file, or (a clash between entities of several files) as the gazetteer's.
    assert (code, out) == (2, "") and says in err and ("mine.yaml" in err or "error: gazetteer: " in err), err
