"""``style.*``: data rules, circular definitions, duplicates; rule files validated with positions."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import FIXTURES, ROOT, SHARED, needs_shared

from gloss_lint.read.markup import mask, plain
from gloss_lint.registry import load_registry
from gloss_lint.resources import pack_dir
from gloss_lint.rules.style import data as style_data
from gloss_lint.rules.style.data import StyleRuleError, load_rule_file
from gloss_lint.rules.style.rules import stem

STYLE = FIXTURES / "style"


def _found(report) -> list[tuple[str, int, int]]:
    return [(f["rule"], f["line"], f["column"]) for f in report["findings"]]


def test_failing_entries_each_break_their_rule(run_json):
    _, report = run_json(STYLE / "fail", "--select", "style")
    assert _found(report) == [
        ("style.promotional", 9, 7),    # "Need help with foundation models?"
        ("style.promotional", 9, 41),   # "Our team has"
        ("style.promotional", 10, 7),   # "Get in touch"
        ("style.hedging", 13, 17),
        ("style.not-a-definition", 16, 17),
        ("style.wordy", 19, 70),
        ("style.circular", 22, 48),     # at 'tokenizing'
        ("style.circular", 25, 17),     # "Kubectl." only repeats the term
    ]
    messages = [f["message"] for f in report["findings"]]
    assert messages[5] == 'definition: write "to" instead of "in order to"'
    assert messages[6].startswith("definition: defines 'Tokenization' with 'tokenizing'")
    assert messages[7].startswith("definition: only repeats the term 'Kubectl'")
    assert [f["severity"] for f in report["findings"]] == [
        "warning", "warning", "warning", "info", "info", "info", "warning", "warning"]


def test_quoted_coded_linked_and_genus_text_is_quiet(run_json):
    _, report = run_json(STYLE / "pass", "--select", "style")
    assert report["findings"] == []


def test_duplicates_within_one_source(run_json):
    _, report = run_json(STYLE / "duplicates", "--select", "style")
    findings = report["findings"]
    assert _found(report) == [("style.duplicate-name", 7, 11), ("style.near-duplicate", 15, 17)]
    duplicate, near = findings
    assert duplicate["severity"] == "error" and near["severity"] == "info"
    assert duplicate["message"].startswith(
        "term 'RAG' is also the alias of 'Retrieval-augmented generation' (earlier in this file); ")
    assert [(r["line"], r["column"]) for r in duplicate["related"]] == [(4, 15)]  # the alias
    assert "'Embedding' (100% alike)" in near["message"]
    # The same term in folder 'other' is another source's entry: no finding there.
    assert all("/other/" not in f["path"] for f in findings)


def test_a_phrase_wrapped_in_the_file_is_reported_where_it_starts(tmp_path, run_json):
    # glosario: "in order to" folded across a line was reported at 'def: >'.
    (tmp_path / "t.yaml").write_text(
        "term: Sharding\ncategory: Systems\ndefinition: >\n  Splitting data over machines in order\n"
        "  to spread the load.\nbody: |\n  It is done in order\n  to scale, and in order to survive.\n")
    _, report = run_json(tmp_path, "--select", "style.wordy")
    assert [(f["line"], f["column"], f["end_line"], f["end_column"]) for f in report["findings"]] == [
        (4, 32, 5, 5), (7, 14, 8, 5), (8, 17, 8, 28)]


def test_in_order_to_stays_after_a_word_that_takes_a_to_of_its_own(tmp_path, run_json):
    # "… or a bug is fixed to clarify the goal" would read as 'fixed to', "the time it needs to be
    # read" as 'needs to'; elsewhere 'to' is enough.
    (tmp_path / "t.yaml").write_text(
        "term: Triage\ncategory: Process\ndefinition: >\n  Sorting reports before a defect is fixed in order\n"
        "  to settle what comes first. Reports are sorted in order to settle it. Each gets the time it\n"
        "  needs in order to be read.\n")
    _, report = run_json(tmp_path, "--select", "style.wordy")
    assert [(f["line"], f["column"]) for f in report["findings"]] == [(5, 50)]


def test_exceptions_still_hold_after_a_match_that_is_passed_over(tmp_path, run_json):
    # The exceptions are looked for only once a phrase is found: a first match skipped (the body
    # repeats the definition, reported there) must not leave a later match without them.
    definition = "Sorting reports in order to settle what comes first."
    (tmp_path / "t.yaml").write_text(
        f"term: Triage\ncategory: Process\ndefinition: {definition}\nbody: |\n  {definition}\n"
        "  Each gets the time it needs in order to be read, and is sorted in order to be fair.\n")
    _, report = run_json(tmp_path, "--select", "style.wordy")
    assert [(f["line"], f["column"]) for f in report["findings"]] == [(3, 29), (6, 66)]


def test_a_yaml_alias_of_another_definition_is_no_near_duplicate(tmp_path, run_json):
    # 18F: 'GSA Multiple Award Schedule Contracts: *a' repeats another entry on purpose.
    text = "A vector of numbers that represents the meaning of a piece of text for search."
    (tmp_path / "g.yaml").write_text(
        f"entries:\n  - term: Embedding\n    category: Models\n    definition: &d {text}\n"
        f"  - term: Text embedding\n    category: Models\n    definition: *d\n"
        f"  - term: Vector\n    category: Models\n    definition: {text}\n")
    _, report = run_json(tmp_path, "--select", "style.near-duplicate")
    assert [(f["entry"], f["line"], [r["line"] for r in f["related"]]) for f in report["findings"]] == [
        ("Vector", 10, [4])]  # the copy is reported once, against the first entry; the alias is not


def test_user_style_rule_file_through_config(run, run_json):
    custom = STYLE / "custom"
    _, report = run_json(".", cwd=custom)
    assert [(f["rule"], f["line"], f["message"]) for f in report["findings"]] == [
        ("style.house-style", 4, 'definition: write "email", not "e-mail"'),
        ("style.house-style", 5, 'definition: write "website", not "web site"'),  # across a line
    ]
    code, out, _ = run("rules", cwd=custom)
    assert code == 0 and "style.house-style" in out and "Our house spellings." in out


def test_shipped_rule_files_are_valid_and_registered():
    schema = json.loads((ROOT / "gloss_lint/schemas/style-rule.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    registry = load_registry()
    files = sorted((pack_dir() / "style").glob("*.yaml"))
    assert {p.stem for p in files} >= {"promotional", "hedging", "not-a-definition", "wordy"}
    for path in files:
        rule = load_rule_file(path)  # full validation, regexes compiled
        assert registry[rule.id].summary == rule.summary
        assert registry[rule.id].bad and registry[rule.id].good


@pytest.mark.parametrize("text, where, says", [
    ("kind: existence\nsummary: S.\ndoc: D\nmessage: M\nbad: b\ngood: g\ntokens: [a]\ncolour: red\n",
     "8:1", "unknown key 'colour'"),
    ("kind: existence\nsummary: S.\ndoc: D\nmessage: M\nbad: b\ngood: g\ntokens:\n  - fine\n  - '(unclosed'\n",
     "9:5", "tokens.1: not a valid regular expression"),
    # valid alone, but not as one alternative of the rule's pattern
    ("kind: existence\nsummary: S.\ndoc: D\nmessage: M\nbad: b\ngood: g\ntokens:\n  - fine\n  - '(?i)todo'\n",
     "9:5", "tokens.1: a phrase cannot set a flag for the whole rule"),
    ("kind: substitution\nsummary: S.\ndoc: D\nmessage: M\nbad: b\ngood: g\nswap:\n  '(?P<g0>e)-mail': email\n",
     "8:3", "swap.(?P<g0>e)-mail: a phrase cannot name a group 'g0'"),
    ("kind: existence\nsummary: S.\ndoc: D\nmessage: M\nbad: b\ngood: g\nseverity: loud\ntokens: [a]\n",
     "7:11", "severity: "),  # then jsonschema's words
    ("kind: substitution\nsummary: S.\ndoc: D\nmessage: M\nbad: b\ngood: g\ntokens: [a]\n",
     "1:1", "missing required key 'swap'"),
    ("kind: existence\nsummary: S.\ndoc: D\nmessage: M\nbad: b\ngood: g\ntokens: [a\n",
     "8:1", ""),  # YAML syntax error: the parser's position
])
def test_rule_files_are_validated_with_positions(tmp_path, text, where, says):
    path = tmp_path / "mine.yaml"
    path.write_text(text)
    with pytest.raises(StyleRuleError) as error:
        load_rule_file(path)
    assert str(error.value).startswith(f"{path}:{where}: "), str(error.value)
    assert says in str(error.value)


def test_bad_user_rule_file_is_a_usage_error(tmp_path, run):
    (tmp_path / ".gloss-lint.toml").write_text('style-files = ["mine.yaml"]\n')
    (tmp_path / "mine.yaml").write_text("kind: existence\nsummary: S.\n")
    (tmp_path / "g.yaml").write_text("term: A\ndefinition: An example entry for this test.\ncategory: C\n")
    code, out, err = run("check", ".", cwd=tmp_path)
    assert code == 2 and "mine.yaml:1:1: missing required keys 'doc', 'message', 'bad', 'good'" in err


def test_user_rule_cannot_shadow_a_shipped_one(tmp_path, run):
    (tmp_path / ".gloss-lint.toml").write_text('style-files = ["wordy.yaml"]\n')
    (tmp_path / "wordy.yaml").write_text((pack_dir() / "style" / "wordy.yaml").read_text())
    code, _, err = run("check", ".", cwd=tmp_path)
    assert code == 2 and "style.wordy, which is already a rule" in err


@pytest.mark.parametrize("phrase, text, flags", [
    ("kelvin", "\u212aelvin", re.I),  # the Kelvin sign is a 'k' to a case-blind match
    ("soft", "\u017foft", re.I),  # and the long s an 's'
    ("istanbul", "\u0130stanbul", re.I), ("ße", "ẞE", re.I), ("(?:book|schedule) a demo", "Schedule a demo", re.I),
    ("utili[sz]e", "UTILIZE", re.I), ("a+b", "AAB", re.I), ("[0-9]+ ways", "10 ways", re.I),
    ("(?:it )?refers to", "refers to", re.I), ("\\[?todo", "[TODO", re.I), ("(?-i:TODO)", "TODO", re.I),
    ("\\bclick", "Click", re.I), ("TODO", "TODO", 0), ("(?i:todo)", "TODO", 0),  # ignorecase: false
])
def test_a_phrase_starts_with_one_of_its_first_characters_in_any_case(phrase, text, flags):
    # A data rule tries its phrases only where one of their first characters is: never a miss.
    firsts = style_data._first_characters(style_data._spaced(phrase), flags)
    assert re.compile(phrase, flags).match(text)
    assert firsts is None or re.compile(f"[{''.join(map(re.escape, firsts))}]", flags).match(text)


def _without_shortcut(spec) -> re.Pattern:
    """A data rule's pattern as it was before it looked for first characters."""
    flags = re.IGNORECASE if spec.ignorecase else 0
    alternatives = "|".join(f"(?P<g{i}>{style_data._spaced(p)})" for i, p in enumerate(spec.tokens or tuple(spec.swap)))
    body = rf"(?=\S)(?<![\w-])(?P<m>{alternatives})(?![\w-])"
    return re.compile(rf"\A\s*{body}" if spec.at == "start" else body, flags)


def test_the_shipped_rules_find_what_they_found_without_the_first_characters():
    specs = [style_data.spec_of(path.stem, yaml.safe_load(path.read_text()))
             for path in sorted((pack_dir() / "style").glob("*.yaml"))]
    texts = [mask(p.read_text()) for p in sorted((FIXTURES / "style").rglob("*.yaml"))]
    texts += [mask(p.read_text()) for folder in ("mdn-glossary", "k8s-glossary") if (SHARED / "corpora" / folder).is_dir()
              for p in sorted((SHARED / "corpora" / folder).rglob("*.md"))[:150]]
    for spec in specs:
        samples = [p.replace("\\", "").replace("(?:", "").replace(")?", "").replace(")", "")
                   for p in spec.tokens or tuple(spec.swap)]
        samples += [s.upper() for s in samples] + [s.title() for s in samples]
        pattern, reference = style_data._compile(spec).pattern, _without_shortcut(spec)
        for text in texts + [" ".join(samples), "\n".join(samples)]:
            assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in reference.finditer(text)]
    assert any("(?=[" in style_data._compile(spec).pattern.pattern for spec in specs)


@pytest.mark.parametrize("phrase, text, flags", [
    ("kelvin", "\u212aelvin", re.I), ("soft", "\u017foft", re.I), ("istanbul", "\u0130stanbul", re.I),
    ("sit", "s\u0131t", re.I), ("ße", "ẞE", re.I), ("utili[sz]e", "UTILIZE", re.I), ("a+b", "x AAB", re.I),
    ("is able to", "It is ABLE\nto", re.I), ("(?:book|schedule) a demo", "Schedule a demo", re.I),
    ("an? (?:acronym|abbreviation)", "An Abbreviation", re.I), ("(?-i:TODO)", "TODO", re.I),
    ("[0-9]+ ways", "10 ways", re.I), ("e-mail", "E-Mail", re.I), ("TODO", "TODO", 0), ("(?i:todo)", "ToDo", 0),
    ("colou?r", "Color", re.I), ("(?:definition )?coming soon", "coming soon", re.I), ("x(?:ab|)y", "xy", re.I),
])
def test_a_text_a_phrase_matches_holds_a_string_it_needs(phrase, text, flags):
    # A data rule passes its pattern over a text only where the text holds one of them: never a miss.
    needs = style_data._needs((phrase,), flags)
    assert re.compile(style_data._spaced(phrase), flags).search(text)
    assert needs is None or style_data._may_match(text, needs)


def test_the_characters_a_case_blind_match_takes_for_ascii_are_known():
    ascii_ = re.compile(r"[\x00-\x7f]", re.IGNORECASE)
    assert {chr(c) for c in range(0x80, 0x110000) if ascii_.fullmatch(chr(c))} == set(style_data._FOLDED_TO_ASCII)


def test_the_shipped_rules_find_what_they_found_without_the_strings_they_need():
    from dataclasses import replace

    texts = [p.read_text() for p in sorted((FIXTURES / "style").rglob("*.yaml"))]
    texts += [p.read_text() for folder in ("mdn-glossary", "k8s-glossary") if (SHARED / "corpora" / folder).is_dir()
              for p in sorted((SHARED / "corpora" / folder).rglob("*.md"))[:150]]
    folded = str.maketrans({"i": "\u0131", "s": "\u017f", "k": "\u212a"})
    checked = 0
    for path in sorted((pack_dir() / "style").glob("*.yaml")):
        spec = style_data.spec_of(path.stem, yaml.safe_load(path.read_text()))
        compiled = style_data._compile(spec)
        assert compiled.needs or spec.at == "start"
        samples = [p.replace("\\", "").replace("(?:", "").replace(")?", "").replace(")", "")
                   for p in spec.tokens or tuple(spec.swap)]
        samples = [s for sample in samples for s in (sample, sample.upper(), sample.title(), sample.translate(folded))]
        for text in texts + samples + [" ".join(samples)]:
            found = list(style_data.matches(spec, compiled, text))
            assert found == list(style_data.matches(spec, replace(compiled, needs=None), text))
            checked += bool(found)
    assert checked > 50


def test_phrases_starting_beyond_u_ffff_in_a_case_blind_rule_find_what_they_found():
    # Python's case-blind class of two such letters ('[𐐀𐐁]') matches neither: no shortcut for them.
    spec = style_data.StyleSpec(id="x", kind="existence", message="m", fields=("definition",), ignorecase=True,
                                at="anywhere", tokens=("\U00010400x", "\U00010401y", "\U0001e900", "abc"),
                                swap={}, exceptions=())
    text = "\U00010428x \U00010401Y \U0001e922 ABC"
    found = [m.span() for m in style_data._compile(spec).pattern.finditer(text)]
    assert found == [m.span() for m in _without_shortcut(spec).finditer(text)] and len(found) == 4


def test_stems_meet_across_word_forms_only():
    assert stem("tokenization") == stem("tokenizing") == stem("tokenizer") == stem("tokenize")
    assert stem("tokens") != stem("tokenization")
    assert stem("embedding") == stem("embeds") == stem("embedded")
    assert stem("processes") == stem("process") and stem("APIs") == stem("API")


def test_no_matches_inside_markup():
    text = ('Use `get in touch` or {{Glossary("Get in touch", "contact")}}, see '
            'https://x.org/get-in-touch <span title="x">ok</span>')
    assert "touch" not in mask(text) and "contact" in mask(text) and "ok" in mask(text)


def test_a_quote_reads_links_by_their_text_without_emphasis_marks():
    text = 'A **bold** [link](/x) with `code_as_written_` and {{Glossary("Term", "shown")}} _here_.'
    assert plain(text) == "A bold link with `code_as_written_` and shown here."
    assert plain(text, text.index("bold"), text.index(" with")) == "bold link"


def test_style_and_readability_runs_need_no_network(run, monkeypatch):
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError("network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    code, out, _ = run("check", FIXTURES / "style", FIXTURES / "readability",
                       "--select", "style,readability", "--format", "json", "--no-cache")  # the rules run
    assert {f["rule"].split(".")[0] for f in json.loads(out)["findings"]} == {"style", "readability"}


# ---------------------------------------------------------------- the real glossaries

CORPORA = [("k8s-glossary", "kubernetes"), ("mdn-glossary", "mdn"), ("glosario", "glosario"),
           ("sss-ai-glossary", "sss"), ("18f-glossary", "18f"),
           ("hf-transformers-glossary", "markdown-headings")]


@pytest.mark.parametrize("corpus, profile", CORPORA, ids=[c for c, _ in CORPORA])
def test_real_glossaries_stay_mostly_quiet(run_json, corpus, profile):
    """At the defaults, at most 10% of a real glossary's entries get a readability or style warning."""
    root = needs_shared("corpora", corpus)
    others = sorted({r.family for r in load_registry().values()} - {"readability", "style"})
    _, report = run_json(root, "--profile", profile, "--ignore", ",".join(others))
    warned = {(f["path"], f["entry"]) for f in report["findings"]
              if f["severity"] != "info" and f["rule"].split(".")[0] in ("readability", "style")}
    assert len(warned) <= 0.10 * report["summary"]["entries"], sorted(warned)[:20]


def test_real_duplicates_are_found():
    """18F keeps three entries for one thing, and the sss glossary gives two entries one alias."""
    root = needs_shared("corpora", "sss-ai-glossary")
    from gloss_lint.config import load_settings
    from gloss_lint.engine import lint

    registry = load_registry()
    settings = load_settings(registry, paths=[str(root)], profile="sss", select=["style.duplicate-name"])
    found = sorted((Path(f.path).name, f.message.split(" is also")[0]) for f in lint(settings, registry, cwd=root).findings)
    assert found == [("instruction-tuning.yml", "alias 'supervised fine-tuning'"),
                     ("tool-use.yml", "alias 'function calling'")]


def test_shipped_rule_file_yaml_is_plain():
    for path in (pack_dir() / "style").glob("*.yaml"):
        data = yaml.safe_load(path.read_text())
        assert all(isinstance(t, str) for t in data.get("tokens", [])), path


def test_calls_to_action_of_a_real_scraped_page(tmp_path, run_json):
    """Seed page 001 ends with a vendor's call to action; the rest of the five pages has none."""
    seeds = needs_shared("seeds")
    for page in sorted(seeds.glob("*.txt")):
        body = "\n".join("  " + line for line in page.read_text().splitlines())
        (tmp_path / f"{page.stem}.yaml").write_text(
            f"term: Foundation model\ncategory: Models\ndefinition: A model.\nbody: |\n{body}\n")
    _, report = run_json(tmp_path, "--select", "style.promotional")
    found = [(Path(f["path"]).stem[:3], f["message"].split('"')[1]) for f in report["findings"]]
    assert found == [("001", "Need Help With Foundation Model?"), ("001", "Our team has"),
                     ("001", "Let's discuss your project"), ("001", "Get in Touch")]


def test_near_duplicates_are_found_in_each_source_and_not_across(tmp_path, run_json):
    """Each source's definitions are compared among themselves (one source's shingles at a time
    in a single run): a copy within each is found, the same text in two sources is none."""
    words = {"a": "maps each token to a dense vector that a model learns during its training",
             "b": "splits a long document into short passages that a retriever can index quickly",
             "c": "scores how well a ranked list of answers matches what the reader asked for"}
    lines = ["entries:"]
    for source in ("a", "b", "c"):
        for i, text in enumerate((words[source], words[source], words["a"])):
            lines += [f"  - term: {source.upper()} term {i}", f"    source: {source}", f"    definition: It {text}."]
    (tmp_path / "g.yaml").write_text("\n".join(lines) + "\n")
    _, report = run_json(tmp_path, "--select", "style.near-duplicate", "--no-cache")
    assert [(f["entry"], f["line"]) for f in report["findings"]] == [
        ("A term 1", 7), ("A term 2", 10), ("A term 2", 10), ("B term 1", 16), ("C term 1", 25)]
