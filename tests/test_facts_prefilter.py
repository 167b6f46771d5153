"""Facts: a text in which no trigger or cue can match is not tokenised, and no claim changes for it."""

from __future__ import annotations

import pytest
from conftest import FIXTURES, SHARED

from gloss_lint.read.profiles import load_profile
from gloss_lint.read.readers import discover, read_file
from gloss_lint.resources import pack_dir
from gloss_lint.rules.facts.extract import FIELDS, Pipeline
from gloss_lint.rules.facts.gazetteer import load_gazetteer
from gloss_lint.rules.facts.kinds import load_kinds

CORPORA = [("k8s-glossary", "kubernetes"), ("mdn-glossary", "mdn"), ("glosario", "glosario"),
           ("sss-ai-glossary", "sss"), ("18f-glossary", "18f")]


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(load_kinds([pack_dir() / "facts.yaml"]), load_gazetteer([pack_dir() / "gazetteer.yaml"]))


def _matched(pipeline: Pipeline, text: str) -> bool:
    """Whether any matcher finds anything in TEXT: the token patterns too, whatever word starts them."""
    doc = pipeline.nlp.make_doc(text)
    return bool(pipeline.trigger_phrases(doc) or pipeline.trigger_patterns(doc) or pipeline.cues(doc)
                or pipeline._flexible_cues(pipeline.cue_heads(doc), [t.lower_ for t in doc]))


def _phrases(pipeline: Pipeline) -> list[str]:
    """Every phrase, cue and unit of the shipped fact kinds, as written there."""
    found = []
    for kind in pipeline.kinds.kinds.values():
        spec = kind.spec
        found += [p for phrases in spec.get("events", {}).values() for p in phrases]
        found += [c for cues in spec.get("values", {}).values() for c in cues]
        found += list(spec.get("cues", ())) + list(spec.get("units", ()))
    return found


def _around(phrase: str) -> list[str]:
    """The phrase as a sentence may hold it: capitalised, upper-case, inside other words, hyphened,
    with a modifier before its last word, after a capital sigma."""
    *first, last = phrase.split(" ")
    return [f"It was {phrase} in 2019.", phrase.upper(), phrase.title(), f"un{phrase}ed", f"x-{phrase}-y",
            phrase.replace(" ", "-"), " ".join([*first, "large", last]), f"“{phrase}”", f"ΣΑΣ {phrase}",
            f"The {last} of {' '.join(first)}.", f"Made by OpenAI. {phrase}", f"{phrase}s"]


def test_every_phrase_in_every_form_is_read(pipeline):
    texts = [v for p in _phrases(pipeline) for v in _around(p)]
    missed = [t for t in texts if _matched(pipeline, t) and not pipeline.prefilter(t)]
    assert missed == []
    assert sum(map(_matched, [pipeline] * len(texts), texts)) > len(texts) // 2


def test_what_is_passed_over_matches_nothing_in_real_glossaries(pipeline):
    texts = []
    for folder in sorted((FIXTURES / "facts-eval").parent.glob("facts-eval*")):
        profile = load_profile("native")
        texts += [e.text(n) for p in discover([folder], profile) for e in read_file(p, p.name, profile).entries
                  for n in FIELDS]
    for corpus, name in CORPORA:
        if (SHARED / "corpora" / corpus).is_dir():
            profile = load_profile(name)
            paths = discover([SHARED / "corpora" / corpus], profile)[:150]
            texts += [e.text(n) for p in paths for e in read_file(p, p.name, profile).entries for n in FIELDS]
    texts = [" ".join(t.split()) for t in texts if t.strip()]
    passed = [t for t in texts if not pipeline.prefilter(t)]
    assert len(passed) > len(texts) // 10  # it does pass over texts
    assert [t for t in passed if _matched(pipeline, t)] == []


def test_the_words_must_all_be_there_but_may_be_anywhere(pipeline):
    # 'first released' is one phrase: both words, in any order or place, or the text is read
    assert not pipeline.prefilter("A plain sentence.")
    assert pipeline.prefilter("Released, at first.")
    assert pipeline.prefilter("BITCOIN")  # 'coin' inside another word: read (and nothing found)
    assert pipeline.prefilter("Σ")  # a capital sigma lowers by its context: always read


def test_claims_are_those_read_without_it(pipeline):
    profile = load_profile("native")
    entries = [e for folder in sorted(FIXTURES.glob("facts-eval*")) for p in discover([folder], profile)
               for e in read_file(p, p.name, profile).entries]
    jobs = [(e, n, " ".join(e.text(n).split())) for e in entries for n in FIELDS if e.text(n).strip()]
    jobs += [(entries[0], "definition", "A plain sentence."), (entries[0], "definition", "Bitcoin, made of coins.")]
    with_it = list(pipeline.claims(jobs))
    prefilter, pipeline.prefilter = pipeline.prefilter, None
    try:
        without = list(pipeline.claims(jobs))
    finally:
        pipeline.prefilter = prefilter
    assert with_it == without and any(with_it)


def test_a_pattern_whose_first_token_may_be_absent_is_tried_from_its_next(tmp_path):
    (tmp_path / "kinds.yaml").write_text(
        "kinds:\n  - name: origin\n    type: event\n    events:\n      released: [released]\n    patterns:\n"
        "      released:\n        - [{LOWER: officially, OP: '?'}, {LOWER: debuted}]\n"
        "        - [{LOWER: quietly, OP: '*'}, {LOWER: {IN: [rolled]}}, {LOWER: out}]\n"
        "        - [{LOWER: widely, OP: '{0,2}'}, {LOWER: premiered}]\n"
        "        - [{LOWER: not, OP: '!'}, {LOWER: unveiled}, {LOWER: publicly}]\n")
    pipeline = Pipeline(load_kinds([pack_dir() / "facts.yaml", tmp_path / "kinds.yaml"]),
                        load_gazetteer([pack_dir() / "gazetteer.yaml"]))
    texts = ["Widget debuted in 2019.", "Widget rolled out in 2019.", "Widget premiered in 2019.",
             "Widget was unveiled publicly in 2019."]
    assert [pipeline.prefilter(t) for t in texts] == [True] * len(texts)
    entry = next(e for p in discover([FIXTURES / "glossary"], load_profile("native"))
                 for e in read_file(p, p.name, load_profile("native")).entries)
    claims = list(pipeline.claims([(entry, "definition", t) for t in texts]))
    assert [[c.value.lo for c in found] for found in claims] == [[2019]] * len(texts)
