"""``readability.*``: definitions and bodies a newcomer to the field can read.

Each field (``definition`` and ``body``) is measured on its own, with code,
URLs, tags and shortcodes left out (``gloss_lint.read.markup``), by
``gloss_lint.rules.readability.textstats`` (textstat's words and formulas, Pyphen's syllables, no
network). The default thresholds were tuned on six real glossaries with
``bench/readability_distribution.py``: they flag the worst few entries of each
and leave a well-kept glossary mostly quiet. Scores of very short texts say
little, so the score rules skip fields under ``min-words``.
"""

from __future__ import annotations

import re
from typing import Iterator

from gloss_lint.model import Entry, Problem, Severity, occurrence
from gloss_lint.registry import Rule

FIELDS = ["definition", "body"]


def _measured(entry: Entry, name: str, ctx):
    from gloss_lint.rules.readability.textstats import measure

    text = entry.text(name)
    if not text.strip():
        return None
    # a text's numbers depend on the text alone
    measured = ctx.kept("readability.measure").computed(text, lambda: measure(text))
    _publish(entry, name, measured, ctx)
    return measured


def _publish(entry: Entry, name: str, measured, ctx) -> None:
    """Each field's numbers, once, for the HTML report (``readability`` in the result's data;
    ``entry`` is the entry's index in the corpus)."""
    if not ctx.settings.publishes("readability"):
        return
    published = ctx.memo("readability.published", set)
    if (id(entry), name) in published:
        return
    published.add((id(entry), name))
    index = ctx.memo("readability.index", lambda: {id(e): i for i, e in enumerate(ctx.corpus.entries)})
    longest = measured.longest
    ctx.data.setdefault("readability", []).append({
        "entry": index[id(entry)], "field": name, "words": measured.words,
        "sentences": len(measured.sentences), "longest": longest.words if longest else 0,
        "grade": round(measured.grade, 1), "reading_ease": round(measured.reading_ease, 1)})


def _needle(text: str, start: int, end: int, words: int = 6) -> tuple[str, int]:
    """The first words of a stretch of the field, on one line, and which occurrence it is."""
    piece = text[start:end].partition("\n")[0]
    parts = list(re.finditer(r"\S+", piece))
    if not parts:
        return "", 0
    needle = piece[:parts[min(words, len(parts)) - 1].end()]
    return needle, occurrence(text, needle, start)


def _quote(text: str, start: int, end: int, words: int = 6) -> str:
    """The first words of a stretch of the field as written (code kept, a link by its text), on one line."""
    from gloss_lint.read.markup import plain

    shown = plain(text, start, end).split()
    return " ".join(shown[:words]) + (" …" if len(shown) > words else "")


# A sentence of 15 words and words of 1.5 syllables are ordinary prose (grade 8 or so): the
# grade's two parts say how far each of them is above that.
_ORDINARY_WORDS_PER_SENTENCE, _ORDINARY_SYLLABLES_PER_WORD = 15.0, 1.5


def _advice(measured) -> str:
    """What to change: long sentences, or long words, whichever part of the grade is further up."""
    per_sentence, per_word = measured.words_per_sentence, measured.syllables_per_word
    from_sentences = 0.39 * (per_sentence - _ORDINARY_WORDS_PER_SENTENCE)
    from_words = 11.8 * (per_word - _ORDINARY_SYLLABLES_PER_WORD)
    if from_sentences >= from_words:
        longest = measured.longest
        return (f"split its sentences ({per_sentence:.0f} words a sentence on average, the longest "
                f"{longest.words})")
    if per_sentence >= 20:
        return (f"its words are long ({per_word:.1f} syllables a word) and so are its sentences "
                f"({per_sentence:.0f} words on average): use plainer words where you can, explain the "
                f"technical ones, and split its sentences")
    return (f"its sentences are short enough ({per_sentence:.0f} words on average) but its words are "
            f"long: say it with shorter, plainer words where you can ({per_word:.1f} syllables a word) "
            f"and explain the technical ones")


# ---------------------------------------------------------------- sentence length

def check_sentence_length(entry: Entry, ctx) -> Iterator[Problem]:
    from gloss_lint.read.markup import repeats_definition

    limit = ctx.options["max-words"]
    for name in ctx.options["fields"]:
        measured = _measured(entry, name, ctx)
        if measured is None:
            continue
        text = entry.text(name)
        # A Hugo body repeats the definition (the text before <!--more-->): report it once.
        skip = repeats_definition(text, entry.text("definition")) if name == "body" else None
        for sentence in measured.sentences:
            if sentence.words > limit and not (skip and skip[0] <= sentence.start < skip[1]):
                needle, occurrence = _needle(text, sentence.start, sentence.end)
                yield Problem(
                    f"{name}: split this {sentence.words}-word sentence (\"{_quote(text, sentence.start, sentence.end)}\") "
                    f"into shorter ones; at most {limit} words a sentence reads easily",
                    (name,), needle=needle or None, occurrence=occurrence)


# ---------------------------------------------------------------- definition length

def check_definition_length(entry: Entry, ctx) -> Iterator[Problem]:
    measured = _measured(entry, "definition", ctx)
    if measured is None:
        return  # a missing or empty definition is schema.required / schema.empty
    from gloss_lint.read.markup import points_elsewhere

    if points_elsewhere(entry.text("definition")):
        return  # a cross-reference ("See [bias](#bias).") is not a definition to measure
    shortest, longest = ctx.options["min-words"], ctx.options["max-words"]
    if measured.words < shortest:
        yield Problem(f"definition: {measured.words} word{'s' if measured.words != 1 else ''} "
                      f"cannot define a term; say what it is and what it does or is for "
                      f"(at least {shortest} words)", ("definition",))
    elif measured.words > longest:
        rest = ("move the rest to the body" if ctx.settings.profile.has_body
                else "shorten it, or split it into entries of their own")
        yield Problem(f"definition: {measured.words} words is an article, not a definition; keep "
                      f"what the term is in at most {longest} words and {rest}", ("definition",))


# ---------------------------------------------------------------- scores

def _said_already(measured, name: str, ctx) -> bool:
    """The score's cause is a sentence readability.sentence-length reports, at its place."""
    sentences = ctx.settings.rules.get("readability.sentence-length")
    return (sentences is not None and sentences.enabled and name in sentences.options["fields"]
            and measured.longest.words > sentences.options["max-words"]
            and _advice(measured).startswith("split"))


def check_grade(entry: Entry, ctx) -> Iterator[Problem]:
    limit = ctx.options["max-grade"]
    for name in ctx.options["fields"]:
        measured = _measured(entry, name, ctx)
        if measured is None or measured.words < ctx.options["min-words"]:
            continue
        grade = measured.grade
        if grade > limit and not _said_already(measured, name, ctx):
            yield Problem(f"{name}: reads at US school grade {grade:.1f} (Flesch–Kincaid; at most "
                          f"{limit:g} here): {_advice(measured)}", (name,))


def check_reading_ease(entry: Entry, ctx) -> Iterator[Problem]:
    floor = ctx.options["min-score"]
    for name in ctx.options["fields"]:
        measured = _measured(entry, name, ctx)
        if measured is None or measured.words < ctx.options["min-words"]:
            continue
        score = measured.reading_ease
        if score < floor and not _said_already(measured, name, ctx):
            yield Problem(f"{name}: Flesch reading ease {score:.1f} (at least {floor:g} here): "
                          f"{_advice(measured)}", (name,))


RULES = [
    Rule(
        id="readability.sentence-length",
        summary="A sentence too long to read in one go.",
        doc="Counts the words of each sentence of the definition and the body (code, URLs and "
            "markup left out) and reports each sentence over `max-words`, quoting its start. "
            "Split it where it changes subject, or turn a list of clauses into a list.",
        bad="definition: A Pod is the smallest deployable unit of computing that you can create "
            "and manage in Kubernetes and it is a group of one or more containers with shared "
            "storage and network resources and a specification for how to run the containers, "
            "which are always co-located and co-scheduled and run in a shared context.",
        good="definition: The smallest deployable unit of computing in Kubernetes. A Pod is a "
             "group of one or more containers with shared storage and network resources, and a "
             "specification for how to run them.",
        severity=Severity.WARNING, scope="entry", check=check_sentence_length,
        options={"max-words": 45, "fields": list(FIELDS)},
    ),
    Rule(
        id="readability.definition-length",
        summary="A definition too short to define or too long to be a definition.",
        doc="Counts the definition's words (markup left out). Under `min-words` it names the term "
            "again instead of defining it; over `max-words` it is an article, and the reader "
            "looking up a term wants one or two sentences: move the rest to the body. A definition "
            "that only points elsewhere (\"See [bias](#bias).\") is a cross-reference and not counted.",
        bad="term: DHCP\ndefinition: Dynamic Host Configuration.",
        good="term: DHCP\ndefinition: A network protocol that gives each device on a network its "
             "IP address and settings automatically.",
        severity=Severity.WARNING, scope="entry", check=check_definition_length,
        options={"min-words": 4, "max-words": 100},
    ),
    Rule(
        id="readability.grade",
        summary="A definition or body that reads at too high a school grade.",
        doc="The Flesch–Kincaid grade level of each field (syllables from Pyphen, see the "
            "README). A score weighs sentence length and word length; the message says which of "
            "the two to work on. Fields shorter than `min-words` are not scored, and a field whose "
            "score comes from a sentence `readability.sentence-length` already reports is not "
            "reported twice.",
        bad="definition: Computationally intensive parameterised transformation architecture "
            "facilitating contextualised representational optimisation.",
        good="definition: A neural network that turns each word into numbers that capture its "
             "meaning in context.",
        severity=Severity.WARNING, scope="entry", check=check_grade,
        options={"max-grade": 20.0, "min-words": 12, "fields": list(FIELDS)},
    ),
    Rule(
        id="readability.reading-ease",
        summary="A definition or body with a low Flesch reading ease score.",
        doc="The Flesch reading ease of each field (100 is very easy, under 30 is a scientific "
            "paper). Off by default: it measures what `readability.grade` does on another "
            "scale; turn it on instead of the grade if your style guide names a Flesch score.",
        bad="definition: Computationally intensive parameterised transformation architecture "
            "facilitating contextualised representational optimisation.",
        good="definition: A neural network that turns each word into numbers that capture its "
             "meaning in context.",
        severity=Severity.WARNING, scope="entry", check=check_reading_ease, enabled=False,
        options={"min-score": 0.0, "min-words": 12, "fields": list(FIELDS)},
    ),
]
