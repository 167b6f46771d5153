"""facts.*: contradictions across sources, with the real blank spaCy pipeline on real files."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import textwrap
from datetime import date

import pytest
from conftest import FIXTURES, ROOT, needs_shared, sarif_errors

from gloss_lint.rules.facts.values import (Interval, close, date_of, day_of, decade_part, number_of,
                                           show_number, version_of, year_of)


def _glossary(tmp_path, *sources: tuple[str, str], config: str = "", files: dict | None = None):
    """One YAML file per source; each body is about the term 'Widget'."""
    for name, body in sources:
        (tmp_path / f"{name}.yaml").write_text(textwrap.dedent(f"""\
            term: Widget
            aliases: [Widgets]
            category: Things
            source: {name}
            definition: A small device.
            body: {json.dumps(body)}
            """))
    (tmp_path / ".gloss-lint.toml").write_text(config)
    for path, text in (files or {}).items():
        (tmp_path / path).write_text(textwrap.dedent(text))
    return tmp_path


def _facts(run_json, folder, *extra):
    code, report = run_json(str(folder), "--select", "facts", *extra, cwd=folder)
    return code, [(f["rule"], f["severity"], f["path"], f["related"][0]["path"] if f["related"] else None)
                  for f in report["findings"]], report


# ---------------------------------------------------------------- values

def test_years_are_intervals_at_their_granularity():
    assert year_of("2021") == Interval(2021, 2021)
    assert year_of("2020s") == Interval(2020, 2029)
    assert decade_part("early", year_of("2020s")) == Interval(2020, 2023)
    assert decade_part("late", year_of("1980s")) == Interval(1986, 1989)
    assert year_of("mid-2020s") == Interval(2023, 2026)
    assert year_of("2018–2019") == Interval(2018, 2019)
    assert year_of("2018–19") == Interval(2018, 2019) and year_of("1998-03") is None  # the end before the start
    assert year_of("(2021)") == Interval(2021, 2021)
    assert year_of("175") is None and year_of("3021") is None
    assert Interval(2021, 2021).widened() == Interval(2020, 2022)


def test_years_are_read_from_1800_to_2099_only():
    assert year_of("1800") == Interval(1800, 1800) and year_of("2099") == Interval(2099, 2099)
    assert year_of("1799") is None and year_of("2100") is None


def test_a_decade_part_narrows_a_decade_only():
    assert decade_part("early", Interval(2021, 2021)) == Interval(2021, 2021)  # 'early 2021'
    assert decade_part("early", Interval(2018, 2019)) == Interval(2018, 2019)
    assert decade_part("around", year_of("2020s")) == Interval(2020, 2029)


def test_numbers_with_scales():
    assert number_of("175", "billion") == number_of("175B") == number_of("175bn") == 175e9
    assert number_of("1,000") == 1000 and number_of("1.5", "million") == 1.5e6
    assert number_of("3M") == number_of("3", "m") == 3e6 and number_of("2k") == number_of("2", "thousand") == 2e3
    assert number_of("4T") == number_of("4", "trillion") == 4e12 and number_of("7", "dozen") == 7
    assert number_of("many") is None
    assert show_number(1e9) == "1 billion" and show_number(999e6) == "999 million" and show_number(1e6) == "1 million"
    assert show_number(1.5e12) == "1.5 trillion" and show_number(999_999) == "999999"


def test_numbers_are_close_up_to_the_tolerance_itself():
    assert close(100, 98, 0.02) and close(98, 100, 0.02)  # exactly 2 % apart
    assert not close(100, 97.9, 0.02) and not close(97.9, 100, 0.02)


def _days(year: int, month: int, first: int, last: int) -> Interval:
    return Interval(date(year, month, first).toordinal(), date(year, month, last).toordinal())


def test_dates_keep_the_precision_written():
    assert day_of("1st") == 1 and day_of("31") == 31 and day_of("0") is None and day_of("32") is None
    assert date_of(Interval(2018, 2018), 5) == (_days(2018, 5, 1, 31), "2018-05")
    assert date_of(Interval(2018, 2018), 5, 31) == (_days(2018, 5, 31, 31), "2018-05-31")  # a month's last day
    assert date_of(Interval(2018, 2018), 2, 29) is None and date_of(Interval(2020, 2020), 2, 29)[1] == "2020-02-29"
    # a month of a span of years ('May 2018–2019') is no narrower than the span
    assert date_of(Interval(2018, 2019), 5) == (Interval(_days(2018, 1, 1, 1).lo, _days(2019, 12, 31, 31).hi),
                                                "2018–2019")


def test_versions_compare_as_dotted_numbers():
    assert version_of("v4.0.1") == "4.0.1" and version_of("17.0") == version_of("17") == "17"
    assert version_of("4.1") == "4.1" and version_of("2.10.0.0") == "2.10" and version_of("0") == "0"
    assert version_of("4.x") is None


# ---------------------------------------------------------------- conflicts and hard negatives

def test_year_and_organisation_conflicts_point_at_both_sentences(tmp_path, run_json):
    folder = _glossary(tmp_path,
                       ("a", "Widgets are small. The term was coined by Stanford researchers in 2021."),
                       ("b", "The term was coined by OpenAI in 2019."))
    code, found, report = _facts(run_json, folder)
    assert code == 1
    assert sorted(found) == [("facts.by", "error", "b.yaml", "a.yaml"),
                             ("facts.year", "error", "b.yaml", "a.yaml")]
    year = next(f for f in report["findings"] if f["rule"] == "facts.year")
    # the finding is on the sentence itself (line 6, after 'body: "'), the other side too
    assert (year["line"], year["column"]) == (6, 8)
    assert (year["related"][0]["line"], year["related"][0]["column"]) == (6, 27)
    assert "2019 in b" in year["message"] and "2021 in a" in year["message"]
    assert "“The term was coined by OpenAI in 2019.”" in year["message"]
    assert "a.yaml:6:27" in year["message"]


@pytest.mark.parametrize("a, b", [
    ("The term was coined by Stanford researchers in 2021.",
     "The term was popularised by the Stanford CRFM in 2022."),  # different events
    ("The term was coined by Stanford researchers in 2021.",
     "It was coined by Stanford's Center for Research on Foundation Models."),  # part of
    ("Widgets were introduced by Facebook AI Research in 2020.", "It was introduced by Meta in 2020."),
    ("The term was coined in 2021.", "The term was coined in the early 2020s."),  # overlap
    ("The term was coined in 2020.", "The term was reportedly coined around 2021."),  # hedged, widened
    ("The term was coined by Stanford researchers.", "It was not coined by Google."),  # negation
    ("Although GPT-3 was introduced in 2020, the term was introduced in 2021.",
     "The term was introduced in 2021."),  # another subject in the same sentence
    ("GPT-4 was released by OpenAI in 2023.", "BERT was released by Google in 2018."),  # not the term
    ("It was introduced in 2017 by researchers at OpenAI and DeepMind.", "It was introduced by DeepMind."),
    ("OpenAI, Google and Anthropic are the main providers.", "Providers include OpenAI and Cohere."),
    ("Gemini is a multimodal model.", "GPT-4, Claude and Gemini are language models."),
    ("GPT-4 is a multimodal model.", "GPT-4V is a multimodal model. GPT-4 is a language model."),
    ("It was introduced in 2014 by Ian Goodfellow.", "It was introduced in 2014 by Goodfellow."),
    ("It has 175 billion parameters.", "It has about 175B parameters."),
    # from the real corpora (MDN): the object of the verb is not the term; punctuation is no subject
    ("Internet Explorer introduced Widget support in 1996.", "Widget was introduced in 1995."),
    ("- widget - : introduced by Apple in 2001.", "It was introduced by Google in 2001."),
    ("The term was coined by Ted Nelson around 1965.", "The term was coined by Ted Nelson in 1964."),
    ("It was created by Guido van Rossum between 1985 and 1990.", "Widgets were created in 1989."),
])
def test_compatible_statements_do_not_conflict(tmp_path, run_json, a, b):
    code, found, _ = _facts(run_json, _glossary(tmp_path, ("a", a), ("b", b)))
    # Two open lists that each name a provider the other lacks: each side is told, as information.
    both_open = a.endswith("main providers.") and b.startswith("Providers include")
    assert sorted(found) == ([("facts.list-incomplete", "info", "a.yaml", "b.yaml"),
                              ("facts.list-incomplete", "info", "b.yaml", "a.yaml")] if both_open else [])
    assert code == 0


@pytest.mark.parametrize("a, b, rule, severity", [
    ("It was created by Guido van Rossum between 1985 and 1990.", "Widgets were created in 1995.",
     "facts.year", "error"),
    ("The term was coined in 2021.", "The term was reportedly coined in 2015.", "facts.year", "warning"),
    ("The term was coined by Stanford researchers.", "The term was coined by Google.", "facts.by", "error"),
    ("It was coined by Google.", "It was not coined by Google.", "facts.by", "error"),
    ("It was not introduced in 2020.", "Widgets were introduced in 2020.", "facts.year", "error"),
    ("It was coined by Ada Lovelace.", "It was coined by Grace Hopper.", "facts.by", "warning"),
    ("Widgets were introduced by Google Brain.", "It was introduced by DeepMind.", "facts.by", "warning"),
    ("The term was coined in 2021.", "The term was popularised in 2018.", "facts.order", "warning"),
    ("The only providers are OpenAI and Google.", "OpenAI, Google and Anthropic are the main providers.",
     "facts.list", "error"),
    ("Cohere is not a provider.", "Providers include OpenAI, Cohere and others.", "facts.list", "error"),
    ("Llama is an open-weights model.", "Llama is a proprietary model.", "facts.category", "error"),
    ("Gemini is a text-only model.", "Multimodal models (GPT-4V, Gemini, LLaVA) read images.",
     "facts.category", "error"),
    ("Widgets have 96 layers.", "It has 48 layers.", "facts.number", "error"),
])
def test_planted_conflicts_are_found(tmp_path, run_json, a, b, rule, severity):
    _, found, _ = _facts(run_json, _glossary(tmp_path, ("a", a), ("b", b)))
    assert [(f[0], f[1]) for f in found] == [(rule, severity)]


def test_incomplete_list_is_information_only(tmp_path, run_json):
    code, found, report = _facts(run_json, _glossary(
        tmp_path, ("a", "Providers include OpenAI and Google."),
        ("b", "OpenAI, Google and Cohere are the main providers.")))
    assert code == 0 and found == [("facts.list-incomplete", "info", "a.yaml", "b.yaml")]
    assert "Cohere" in report["findings"][0]["message"]


def test_entries_meet_by_alias_across_files(tmp_path, run_json):
    folder = _glossary(tmp_path, ("a", "The term was coined in 2021."))
    (folder / "b.yaml").write_text("term: Gadget\naliases: [Widget]\ncategory: Things\nsource: b\n"
                                   "definition: A device.\nbody: The term was coined in 1990.\n")
    (folder / "c.yaml").write_text("term: Gizmo\ncategory: Things\nsource: c\n"
                                   "definition: A device.\nbody: The term was coined in 1980.\n")
    _, found, _ = _facts(run_json, folder)
    assert found == [("facts.year", "error", "b.yaml", "a.yaml")]  # Gizmo is another term


def test_sarif_carries_the_other_side(tmp_path, run):
    folder = _glossary(tmp_path, ("a", "The term was coined in 2021."), ("b", "The term was coined in 2019."))
    _, out, _ = run("check", str(folder), "--select", "facts", "--format", "sarif", cwd=folder)
    log = json.loads(out)
    result = log["runs"][0]["results"][0]
    assert result["ruleId"] == "facts.year"
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "b.yaml"
    related = result["relatedLocations"][0]
    assert related["physicalLocation"]["artifactLocation"]["uri"] == "a.yaml"
    assert "2021" in related["message"]["text"]
    assert sarif_errors(log) == []


def test_json_publishes_facts_per_term_sorted_and_stable(tmp_path, run_json):
    folder = _glossary(tmp_path, ("b", "The term was popularised by the Stanford CRFM in 2021."),
                       ("a", "The term was coined by Stanford researchers in 2021."))
    _, _, first = _facts(run_json, folder)
    _, _, second = _facts(run_json, folder)
    assert first == second
    facts = first["facts"]["widget"]
    assert [(f["fact"], f["value"], f["source"]) for f in facts] == [
        ("origin.coined.by", "Stanford", "a"), ("origin.coined.year", "2021", "a"),
        ("origin.popularised.by", "Stanford CRFM", "b"), ("origin.popularised.year", "2021", "b")]
    assert facts[0]["sentence"] == "The term was coined by Stanford researchers in 2021."
    assert (facts[0]["path"], facts[0]["line"]) == ("a.yaml", 6)


def test_unknown_names_are_kept_whole(tmp_path, run_json):
    _, _, report = _facts(run_json, _glossary(
        tmp_path, ("a", "It was created by Guido van Rossum as a successor to ABC.")))
    assert [(f["fact"], f["value"]) for f in report["facts"]["widget"]] == [
        ("origin.created.by", "Guido van Rossum")]
    _, _, report = _facts(run_json, _glossary(
        tmp_path, ("a", "Mark Crispin initially developed Widget in 1986. Three programmers created it.")))
    assert [(f["fact"], f["value"]) for f in report["facts"]["widget"]] == [
        ("origin.created.by", "Mark Crispin"), ("origin.created.year", "1986")]


def test_a_runaway_field_is_skipped_not_a_traceback(tmp_path, run_json):
    folder = _glossary(tmp_path, ("a", "The term was coined in 2021. " + "word " * 220_000),
                       ("b", "The term was coined in 2019."))
    code, found, report = _facts(run_json, folder)
    assert code == 0 and found == [("facts.unread", "info", "a.yaml", None)]  # said, not silently dropped
    assert report["findings"][0]["message"].startswith("body: 1,100,029 characters, more than the 1,000,000 ")


# ---------------------------------------------------------------- extension without Python

# A user's fact kind (and the line that makes its values exclude each other), for config tests.
PARADIGM = """\
kinds:
  - name: paradigm
    type: category
    values:
      functional: [functional language]
      imperative: [imperative language]
"""
DISJOINT = "    disjoint: [[functional, imperative]]\n"


def test_a_user_kind_and_gazetteer_from_config(tmp_path, run_json):
    config = '[rules.facts]\nkinds = "my-facts.yaml"\ngazetteer = "my-orgs.yaml"\n'
    files = {
        "my-facts.yaml": PARADIGM + DISJOINT,
        "my-orgs.yaml": """\
            entities:
              - {id: acme, label: ORG, aliases: [Acme Labs]}
              - {id: acme-research, label: ORG, parent: acme, aliases: [Acme Research]}
              - {id: globex, label: ORG, aliases: [Globex]}
            """,
    }
    folder = _glossary(tmp_path, ("a", "Widget is a functional language. It was created by Acme Research."),
                       ("b", "Widget is an imperative language. It was created by Acme Labs."),
                       ("c", "It was created by Globex."), config=config, files=files)
    _, found, report = _facts(run_json, folder)
    # Acme Research is part of Acme Labs; Globex conflicts with each (one finding per pair of values)
    assert sorted(found) == [("facts.by", "error", "c.yaml", "a.yaml"), ("facts.by", "error", "c.yaml", "b.yaml"),
                             ("facts.category", "error", "b.yaml", "a.yaml")]
    assert "paradigm of Widget" in next(f["message"] for f in report["findings"]
                                         if f["rule"] == "facts.category")


def test_a_user_number_kind_without_a_tolerance_allows_2_percent(tmp_path, run_json):
    files = {"my-facts.yaml": """\
        kinds:
          - name: span
            type: number
            units: [metres]
            verbs: [is, spans]
        """}
    config = '[rules.facts]\nkinds = "my-facts.yaml"\n'
    for other, conflict in (("98", False), ("97", True)):
        folder = _glossary(tmp_path, ("a", "It spans 100 metres."), ("b", f"It spans {other} metres."),
                           config=config, files=files)
        _, found, _ = _facts(run_json, folder)
        assert found == ([("facts.number", "error", "b.yaml", "a.yaml")] if conflict else []), other


def test_an_edited_kinds_file_is_read_again_in_the_same_process(tmp_path, run_json):
    # The pipeline is built once per process for the same files: by their content, not their names.
    folder = _glossary(tmp_path, ("a", "Widget is a functional language."), ("b", "Widget is an imperative language."),
                       config='[rules.facts]\nkinds = "my-facts.yaml"\n', files={"my-facts.yaml": PARADIGM})
    assert _facts(run_json, folder)[1] == []  # not declared disjoint: both can be true
    (folder / "my-facts.yaml").write_text(PARADIGM + DISJOINT)
    assert _facts(run_json, folder)[1] == [("facts.category", "error", "b.yaml", "a.yaml")]


def test_a_pattern_needing_lemmas_is_refused_on_the_blank_pipeline(tmp_path, run):
    files = {"my-facts.yaml": """\
        kinds:
          - name: origin
            type: event
            events: {coined: [coined]}
            patterns:
              coined: [[{LEMMA: {IN: [coin]}}]]
        """}
    folder = _glossary(tmp_path, ("a", "It was coined in 2021."), config='[rules.facts]\nkinds = "my-facts.yaml"\n',
                       files=files)
    code, out, err = run("check", str(folder), "--select", "facts", cwd=folder)
    assert code == 2 and "LEMMA" in err and "blank pipeline" in err


# LOWER comes from the tokenizer; NORM is a lexical attribute the blank pipeline works out only
# because a pattern names it (the readers leave it).
@pytest.mark.parametrize("attribute", ["LOWER", "NORM"])
def test_a_pattern_on_tokenizer_or_lexical_attributes_is_used(tmp_path, run_json, attribute):
    files = {"my-facts.yaml": f"""\
        kinds:
          - name: origin
            type: event
            events: {{coined: [coined]}}
            patterns:
              coined: [[{{{attribute}: minted}}]]
        """}
    folder = _glossary(tmp_path, ("a", "The term was minted in 2021."), ("b", "The term was coined in 2019."),
                       config='[rules.facts]\nkinds = "my-facts.yaml"\n', files=files)
    _, found, _ = _facts(run_json, folder)
    assert found == [("facts.year", "error", "b.yaml", "a.yaml")]


@pytest.mark.parametrize("text, message", [
    ("kinds:\n  - {name: x, type: tally, cues: [a]}\n", "'type' must be one of"),
    ("kinds:\n  - {name: x, type: list, cues: [a], closers: [b]}\n", "unknown key 'closers'"),
    ("kinds:\n  - {name: x, type: category, values: {a: [x]}, disjoint: [[a, b]]}\n", "must name values"),
    ("kinds:\n  - name: x\n    type: event\n    events: {a: [x]}\n    patterns: {a: [[{LOWR: x}]]}\n",
     "LOWR"),
    ("kinds:\n  - name: x\n    type: event\n    events: {a: [x]}\n    patterns: {a: [[{ENT_TYPE: ORG}]]}\n",
     "ENT_TYPE"),
])
def test_bad_kinds_files_are_configuration_errors(tmp_path, run, text, message):
    folder = _glossary(tmp_path, ("a", "It was coined in 2021."),
                       config='[rules.facts]\nkinds = "k.yaml"\n', files={"k.yaml": text})
    code, _, err = run("check", str(folder), "--select", "facts", cwd=folder)
    assert code == 2 and message in err


def test_a_missing_model_is_a_configuration_error(tmp_path, run):
    folder = _glossary(tmp_path, ("a", "It was coined in 2021."),
                       config='[rules.facts]\nmodel = "no_such_pipeline_xyz"\n')
    code, _, err = run("check", str(folder), "--select", "facts", cwd=folder)
    assert code == 2 and "no_such_pipeline_xyz" in err


# ---------------------------------------------------------------- the evaluation set and the seeds

def _bench():
    spec = importlib.util.spec_from_file_location("facts_eval", ROOT / "bench" / "facts_eval.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_evaluation_set_precision_and_recall(run_json):
    import yaml

    folder = FIXTURES / "facts-eval"
    labels = yaml.safe_load((folder / "gold.yaml").read_text())["labels"]
    assert len({g["term"] for g in labels}) >= 30
    _, report = run_json(str(folder), "--select", "facts")
    assert report["summary"]["entries"] == 168  # gold.yaml is not read as entries
    stats, notes = _bench().score(report, labels, folder)
    assert set(stats) == {g["fact"] for g in labels if g["label"] == "conflict"}
    for kind, s in stats.items():
        # Per kind, not pooled: a kind with a handful of labels would hide in the total.
        precision, recall = (0.95, 0.85) if s["gold"] >= 10 else (1.0, 1.0)
        assert s["right"] >= precision * s["predicted"] and s["found"] >= recall * s["gold"] > 0, (kind, s, notes)


def test_the_evaluation_set_passes_the_other_rules(run_json):
    _, report = run_json(str(FIXTURES / "facts-eval"), "--ignore", "facts")
    assert report["findings"] == [] and report["summary"]["entries"] == 168


def test_seed_pages_agree_and_their_facts_are_extracted(run_json):
    seeds = needs_shared("seeds")
    code, report = run_json(str(seeds), "--profile", "page", "--select", "facts")
    assert report["findings"] == [] and code == 0
    facts = report["facts"]["foundation model"]
    years = {(f["source"], f["fact"]) for f in facts if f["slot"] == "year" and f["value"] == "2021"}
    assert len({source for source, _ in years}) == 4
    orgs = {f["source"]: f["value"] for f in facts if f["slot"] == "by"}
    assert len(orgs) == 5 and set(orgs.values()) == {"Stanford", "Stanford CRFM"}
    providers = [f for f in facts if f["fact"] == "providers"]
    assert len(providers) == 1
    assert providers[0]["value"] == "OpenAI, Anthropic, Google, Meta, Mistral, Cohere"
    # nothing about GPT-4's release or the EU AI Act is taken as the term's origin
    assert not any("AI Act" in f["value"] or f["value"] == "2024" for f in facts)


# ---------------------------------------------------------------- no spaCy unless the facts rules run

_IMPORTED = """
import sys
from gloss_lint.cli import main
code = main(sys.argv[1:])
print(sorted(name for name in sys.modules if name == "spacy" or name.startswith("spacy.")))
sys.exit(code)
"""


def _spacy_modules(*argv: str) -> list[str]:
    """The spaCy modules loaded once a run of gloss-lint is over (in a fresh interpreter)."""
    done = subprocess.run([sys.executable, "-c", _IMPORTED, *argv], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode in (0, 1), done.stderr[-2000:]
    return json.loads(done.stdout.splitlines()[-1].replace("'", '"'))


@pytest.mark.parametrize("argv", [
    ("rules",),
    ("check", "fixtures/facts-eval", "--ignore", "facts,style,readability", "--format", "json"),
    ("check", "fixtures", "--select", "input,schema,links,readability", "--format", "json"),
])
def test_spacy_is_not_imported_without_the_facts_rules(argv):
    assert _spacy_modules(*argv) == []


def test_spacy_is_imported_when_the_facts_rules_run():
    # Cold: a cached run reads each field's claims from the cache, without spaCy (test_cache.py).
    assert "spacy" in _spacy_modules("check", "fixtures/facts-eval", "--select", "facts", "--format", "json",
                                     "--no-cache")
