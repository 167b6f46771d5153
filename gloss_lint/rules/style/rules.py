"""``style.*``: wording rules as data (``rules/style/*.yaml``), circular definitions, duplicates.

The data rules are built by ``gloss_lint.rules.style.data``; a user adds their own
files with ``style-files`` in the config. The rules written here need more than
a phrase list: a definition that defines a term with the term itself (spaCy's
tokens, the entry's term and aliases), and two entries of one source that
answer to the same name or say the same thing under different names.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from itertools import islice
from typing import Iterator

from gloss_lint.model import (
    Entry,
    Problem,
    Related,
    Severity,
    Span,
    name_variants,
    normalize_name,
    occurrence,
)
from gloss_lint.registry import Rule
from gloss_lint.rules.style.data import shipped_rules
from gloss_lint.rules.style.spelling import INSTALL, check_spelling
from gloss_lint.rules.style.stems import stem

# ---------------------------------------------------------------- circular definitions

# Words that name a genus without defining anything ("the process of …", "a type of …").
_GENERIC = {"process", "act", "action", "method", "way", "technique", "practice", "type", "kind", "form",
            "sort", "thing", "something", "someone", "concept", "term", "word", "state", "result",
            "use", "means", "set", "part", "one", "ones", "name", "called", "known", "defined"}
# The verb that ends a definition's subject: "Tokenization is …", "A cache refers to …".
_DEFINING = {"is", "are", "was", "refers", "means", "describes", "denotes", "stands", "represents",
             "consists", "includes", "involves", "–", "—", ":"}


def _nlp():
    from gloss_lint.nlp import blank_english

    return blank_english()


def _find(stems: list[str], sequence: list[str], taken: list[bool]) -> list[tuple[int, int]]:
    """Where a sequence of stems occurs among the definition's word stems, not yet taken."""
    n = len(sequence)
    return [(i, i + n) for i in range(len(stems) - n + 1)
            if stems[i:i + n] == sequence and not any(taken[i:i + n])]


@lru_cache(maxsize=65536)
def _name_stems(name: str) -> tuple[str, ...]:
    """The stems of a name's words, once per name: a term recurs in every source that defines it."""
    from gloss_lint.read.markup import mask

    return tuple(stem(w) for w in (t.text for t in _nlp().make_doc(mask(name))) if w.isalpha())


def check_circular(entry: Entry, ctx) -> Iterator[Problem]:
    # What it finds depends on the term, the aliases, the definition and the option alone:
    # kept across runs, so that a run of unchanged definitions needs no tokenizer.
    key = (entry.term, tuple(entry.aliases), entry.text("definition"), ctx.options["max-other-words"])
    yield from ctx.kept("style.circular").computed(key, lambda: list(_circular(entry, ctx)))


def _circular(entry: Entry, ctx) -> Iterator[Problem]:
    from gloss_lint.read.markup import link_texts, mask, points_elsewhere

    text = entry.text("definition")
    if not text.strip() or not entry.term or points_elsewhere(text):
        return
    variants = [name_variants(n) for n in dict.fromkeys([entry.term, *entry.aliases])]
    names = [list(_name_stems(v)) for v in dict.fromkeys(v for vs in variants for v in vs)]
    names = sorted((n for n in names if n), key=len, reverse=True)
    prose = mask(text)
    folded = prose.casefold()
    if not any(s in folded for name in names for s in name):
        return  # the term's words are not there at all: nothing to look at
    nlp = _nlp()
    stops = nlp.Defaults.stop_words
    doc = nlp.make_doc(prose)
    # spaCy's blank English computes a token's is_alpha, lower_ and is_stop from its text alone
    # (str.isalpha, str.lower, the lower-case text in the stop words: spacy/lang/lex_attrs.py):
    # each token's text is read once, not each attribute of each Token (a crossing into Cython).
    tokens = [t.text for t in doc]
    at = [i for i, w in enumerate(tokens) if w.isalpha() or w in _DEFINING]  # the words, by token
    words = [tokens[i] for i in at]
    stems = [stem(w) if w.isalpha() else w for w in words]
    verb = next((i for i, w in enumerate(words[:15]) if w.lower() in _DEFINING), None)
    opening = _restated_opening(tokens, names)
    # "Tokens are small tokens of text", "American Indians, …" for 'Indian': the phrase that says
    # what the term is has the term as its head. A parenthesis ('R (programming language)') is a
    # genus, not the name.
    head = _head_phrase(tokens, at[verb] + 1 if verb is not None else 0, stops)
    whole = [list(_name_stems(v)) for vs in variants for v in vs[:2]]
    headed = any(n and len(head) >= len(n) and [stem(tokens[i]) for i in head[-len(n):]] == n for n in whole)
    # A content word no name has is never the subject, a genus or a distinctive word: past the
    # option's number of them, the definition says more than the term (most do), and only its
    # opening or its head phrase can still be the term again.
    named = {s for n in names for s in n}
    unnamed = (w for w, s in zip(words, stems)
               if s not in named and w.isalpha() and w.lower() not in stops and w.lower() not in _GENERIC)
    says_more = next(islice(unnamed, max(ctx.options["max-other-words"], 0), None), None) is not None
    if says_more and opening is None and not headed:
        return
    taken = [False] * len(words)
    # The subject: every mention of a name before the first defining verb ("In programming, a
    # **closure** is …", "Retrieval-augmented generation (RAG) is …").
    subject = False
    for name in names:
        for a, b in _find(stems, name, taken):
            leading = all(words[i].lower() in stops for i in range(a))  # "A scheduler schedules …"
            if (verb is not None and b <= verb) or (verb is None and leading):
                taken[a:b] = [True] * (b - a)
                subject = True
    # The term again, whole ("Fine-tuning means fine-tuning a model"): not a genus.
    again = [False] * len(words)
    for name in names:
        if len(name) > 1:
            for a, b in _find(stems, name, [x or y for x, y in zip(taken, again)]):
                again[a:b] = [True] * (b - a)
    # The genus: a tail of the term ("An embedding model is a model that …").
    genus: set[str] = set()
    blocked = [x or y for x, y in zip(taken, again)]
    for name in names:
        for size in range(len(name) - 1, 0, -1):
            for a, b in _find(stems, name[-size:], blocked):
                taken[a:b] = blocked[a:b] = [True] * (b - a)
                genus.update(name[-size:])
    links = link_texts(text)
    rest = [(i, w, s) for i, w, s, used in zip(at, words, stems, taken) if not used and w.isalpha()]
    content = [w for _, w, _ in rest if w.lower() not in stops and w.lower() not in _GENERIC]
    if subject and not content:
        yield Problem(f"definition: only repeats the term {entry.term!r}: say what it is and what "
                      f"it does", ("definition",))
        return
    if opening is not None:
        shown = text[doc[0].idx:doc[opening].idx + 1]
        yield Problem(f"definition: opens by restating the term ({' '.join(shown.split())!r}) instead "
                      f"of defining it: start with what {entry.term!r} is", ("definition",),
                      needle=shown, occurrence=occurrence(text, shown, doc[0].idx))
        return
    # Not "An object … is an instance of …": there the subject defines the term after the verb.
    if headed and (verb is not None) == subject:
        start = doc[head[0]].idx
        if not any(a <= start < b for a, b in links):
            shown = text[start:doc[head[-1]].idx + len(tokens[head[-1]])]
            yield Problem(f"definition: defines {entry.term!r} as {shown!r}, a kind of the term "
                          f"itself: say what it is in other words a newcomer already knows",
                          ("definition",), needle=shown, occurrence=occurrence(text, shown, start))
            return
    # Circular: every distinctive word of a name (not its genus, not a stop word) comes back,
    # outside links to other entries, and little else is said.
    for name in names:
        distinctive = {s for s in name if s.lower() not in stops}
        if not any(again):
            distinctive -= genus
        found = [(i, w, s) for i, w, s in rest if s in distinctive
                 and not any(a <= doc[i].idx < b for a, b in links)]
        if not distinctive or {s for _, _, s in found} != distinctive:
            continue
        others = [w for w in content if stem(w) not in distinctive]
        if len(others) <= ctx.options["max-other-words"]:
            first, needle, _ = found[0]
            shown = ", ".join(dict.fromkeys(f"'{w}'" for _, w, _ in found))
            yield Problem(f"definition: defines {entry.term!r} with {shown}: say what it is in other "
                          f"words a newcomer already knows", ("definition",), needle=needle,
                          occurrence=text.count(needle, 0, doc[first].idx))
            return


# Words that join the names of one thing ("Offeror or bidder.", "Pod, also called …").
_JOINING = {"or", "and", "also", "aka", "called", "known", "as", "a", "an", "the"}
_DETERMINERS = {"a", "an", "the", "any", "all", "each", "every", "one"}


def _restated_opening(tokens: list[str], names: list[list[str]]) -> int | None:
    """The token that ends a first sentence that only restates the term ("Offeror or bidder."),
    when a definition follows it: the term, other names for it, and no verb."""
    end = next((i for i, w in enumerate(tokens[:12]) if w in (".", "!", "?")), None)
    if end is None or not any(w.isalpha() for w in tokens[end + 1:]) \
            or tokens[:end].count("(") != tokens[:end].count(")"):  # "(abbr."
        return None
    opening = [w for w in tokens[:end] if w.isalpha()]
    stems = [stem(w) for w in opening]
    start = next((i for i, w in enumerate(opening) if w.lower() not in _DETERMINERS), len(opening))
    name = next((n for n in names if stems[start:start + len(n)] == n), None)
    if name is None or any(w.lower() in _DEFINING for w in opening):
        return None
    named = {s for n in names for s in n}
    others = [w for w, s in zip(opening, stems) if s not in named and w.lower() not in _JOINING]
    if len(others) > 2:
        return None
    return end


def _head_phrase(tokens: list[str], start: int, stops: set[str]) -> list[int]:
    """The words (token indices) of the noun phrase that opens at ``start`` (after a determiner),
    up to the first punctuation or function word: "American Indians" in "American Indians, Eskimos, …"."""
    i = start
    while i < len(tokens) and tokens[i].lower() in _DETERMINERS:
        i += 1
    phrase = []
    while i < len(tokens) and (tokens[i].isalpha() and tokens[i].lower() not in stops
                               or tokens[i] == "-" and phrase):
        if tokens[i].isalpha():
            phrase.append(i)
        i += 1
    return phrase


# ---------------------------------------------------------------- duplicates

def _same_source(ctx) -> dict[str, list[Entry]]:
    groups: dict[str, list[Entry]] = defaultdict(list)
    for entry in ctx.corpus.entries:
        groups[entry.source].append(entry)
    return groups


def check_duplicate_name(ctx) -> Iterator[Problem]:
    """Within one source, each term and alias leads to one entry."""
    for entries in _same_source(ctx).values():
        first: dict[str, tuple[Entry, tuple, str]] = {}
        for entry in entries:
            seen_here: set[str] = set()
            places = [(("term",), entry.term)] + [(("aliases", i), a) for i, a in entry.strings("aliases")]
            for path, name in places:
                key = normalize_name(name)
                if not key or key in seen_here:
                    continue
                seen_here.add(key)
                if key not in first:
                    first[key] = (entry, path, name)
                    continue
                other, other_path, other_name = first[key]
                what = "term" if path == ("term",) else "alias"
                theirs = "term" if other_path == ("term",) else "alias"
                # No line number in the message: it would change the finding's fingerprint
                # (and break baselines) whenever a line is added above; the related location has it.
                where = "earlier in this file" if other.file is entry.file else other.file.path
                yield Problem(
                    f"{what} {name!r} is also the {theirs} of {other.term!r} ({where}); "
                    f"a name must lead to one entry: merge the two or rename one",
                    path, needle=name, entry=entry,
                    related=(Related(other, f"the {theirs} {other_name!r} is here", other_path, other_name),))


_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")


def _words(entry: Entry) -> tuple[str, ...]:
    from gloss_lint.read.markup import mask

    return tuple(map(str.casefold, _WORD.findall(mask(entry.text("definition")))))


def _shingles(words: tuple[str, ...]) -> set[str]:
    """Each three words in a row, joined by a space (which no word holds, and which sorts before
    any letter: the shingles sort as the word triples would), one string instead of four objects."""
    return set(map(" ".join, zip(words, words[1:], words[2:])))


def _share_a_name(a: Entry, b: Entry) -> bool:
    return bool({normalize_name(n) for n in a.names()} & {normalize_name(n) for n in b.names()})


# A short definition is compared only with the same words: "A vote in favour of it." twice is a
# copy, while two short texts that share three words are merely alike. Under this many words
# ("Used for accounting.") the same text says too little to call one entry a copy of another.
_SHORTEST_COPY = 4


def check_near_duplicate(ctx) -> Iterator[Problem]:
    """Definitions that say nearly the same thing under different terms, within one source."""
    from gloss_lint.read.markup import points_elsewhere

    threshold, least = ctx.options["min-similarity"], ctx.options["min-words"]
    # Where an entry cannot list other names (an MDN page), the other name goes into its text.
    merge = ("make the other an alias" if ctx.settings.profile.has_aliases
             else "name the other in it")
    read = ctx.shared("style.near-duplicate")  # id(entry) -> entry (kept alive), its words, their shingles
    for entries in _same_source(ctx).values():
        if not ctx.sharing:
            read.clear()  # no other run takes them: one source's shingles at a time
        sets = {}
        short: dict[tuple[str, ...], list[Entry]] = defaultdict(list)
        written: set[tuple[str, Span]] = set()
        for entry in entries:
            where = (entry.file.path, entry.spans.get(("definition",)))
            if where[1] is not None and where in written:
                continue  # a YAML alias (*anchor) of a definition compared already: one text on purpose
            written.add(where)
            known = read.get(id(entry))
            if known is None:
                words = _words(entry)
                known = read[id(entry)] = (entry, words, _shingles(words))
            _, words, shingles = known
            if len(words) >= least:
                sets[id(entry)] = (entry, shingles)
            elif len(words) >= _SHORTEST_COPY and not points_elsewhere(entry.text("definition")):
                short[words].append(entry)
        for copies in short.values():
            first = min(copies, key=lambda e: (e.file.path, e.span.start))
            for other in copies:
                if other is not first and not _share_a_name(first, other):
                    yield _near_duplicate(first, other, 1.0, merge)
        # Candidates share one of their rarest shingles: linear, not all pairs.
        frequency: dict[str, int] = defaultdict(int)
        for _, shingles in sets.values():
            for s in shingles:
                frequency[s] += 1
        postings: dict[str, list[int]] = defaultdict(list)
        for key, (_, shingles) in sets.items():
            for s in sorted(sorted(shingles), key=frequency.__getitem__)[:3]:  # rarest, then first
                postings[s].append(key)
        reported: set[tuple[int, int]] = set()
        for keys in postings.values():
            if len(keys) > 50:
                continue  # a stock phrase, not a copy
            for i, a in enumerate(keys):
                for b in keys[i + 1:]:
                    pair = (min(a, b), max(a, b))
                    if pair in reported:
                        continue
                    (ea, sa), (eb, sb) = sets[a], sets[b]
                    if not sa or not sb or min(len(sa), len(sb)) < threshold * max(len(sa), len(sb)):
                        continue  # too different in length to reach the threshold
                    similarity = len(sa & sb) / len(sa | sb)
                    # The same name twice is style.duplicate-name's to report.
                    if similarity >= threshold and not _share_a_name(ea, eb):
                        reported.add(pair)
                        first, second = sorted((ea, eb), key=lambda e: (e.file.path, e.span.start))
                        yield _near_duplicate(first, second, similarity, merge)


def _near_duplicate(first: Entry, second: Entry, similarity: float, merge: str) -> Problem:
    return Problem(f"definition: nearly the same as the definition of {first.term!r} "
                   f"({similarity:.0%} alike); if the terms are synonyms, keep one entry and "
                   f"{merge}, else say how they differ",
                   ("definition",), entry=second,
                   related=(Related(first, f"the definition of {first.term!r}", ("definition",)),))


# ---------------------------------------------------------------- the term's own shape

_SENTENCE_VERB = re.compile(r"\b(?:is|are|was|were|means|refers|describes|has|have|can|will|should)\b", re.I)


def check_term_shape(entry: Entry, ctx) -> Iterator[Problem]:
    """A term is a name: not a sentence, not closed by a full stop, not longer than what defines it."""
    from gloss_lint.read.markup import points_elsewhere

    term = entry.text("term").strip()
    if not term:
        return
    words = term.split()
    definition = entry.text("definition").split()
    if term.endswith(".") and not re.search(r"(?:\b\w\.){2,}$|\b(?:etc|Inc|Ltd|Co|Corp|Jr|Sr)\.$", term):
        yield Problem(f"term: '{term}' ends with a full stop; a term is a name, write it without one",
                      ("term",))
    elif len(words) >= ctx.options["max-words"] and _SENTENCE_VERB.search(term):
        yield Problem(f"term: '{_short(term)}' reads as a sentence ({len(words)} words); name the "
                      f"thing in a few words and say the rest in the definition", ("term",))
    elif (len(definition) >= 3 and len(words) >= 2 * len(definition)
          and not points_elsewhere(entry.text("definition"))):
        yield Problem(f"term: {len(words)} words, far longer than its {len(definition)}-word definition; "
                      f"the term names the thing and the definition says what it is", ("term",))


def _short(text: str, words: int = 8) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


RULES = [
    *shipped_rules(),
    Rule(
        id="style.circular",
        summary="A definition that defines the term with the term itself.",
        doc="The definition uses the term's own words (any form: 'tokenizing' for 'Tokenization') "
            "and says little else, so a reader who does not know the term learns nothing. The "
            "subject ('Tokenization is …') and a genus taken from the term ('An embedding model is "
            "a model that …') are fine, and so is a word inside a link to another entry. The rule "
            "fires when every distinctive word of the term comes back and at most "
            "`max-other-words` other content words remain, when the definition only repeats "
            "the term, when its first sentence only restates the term ('Offeror or bidder. A "
            "vendor that …'), or when the phrase that says what the term is has the term itself, "
            "in any form, as its head ('Indian': 'American Indians, …'; 'A token is a small token "
            "of text'). A later sentence that names the term again ('Caches are cleared …') is "
            "fine. Uses spaCy's tokenizer (`spacy.blank('en')`), the term and its aliases.",
        bad="term: Tokenization\ndefinition: Tokenization is the process of tokenizing text.",
        good="term: Tokenization\ndefinition: Tokenization is the process of splitting text into "
             "tokens, the units a language model reads.",
        severity=Severity.WARNING, scope="entry", check=check_circular,
        options={"max-other-words": 1},
    ),
    Rule(
        id="style.duplicate-name",
        summary="Two entries of one source with the same term, or an alias that is another entry's name.",
        doc="Within one source (a folder, or the profile's `source`), a term or alias must lead to "
            "one entry; otherwise links and look-ups pick one at random. Names are compared "
            "ignoring case, spaces, '-' and '_'. The finding is on the later entry, with the "
            "earlier one as related location.",
        bad="- term: RAG\n  definition: …\n- term: Retrieval-augmented generation\n  aliases: [RAG]",
        good="- term: Retrieval-augmented generation\n  aliases: [RAG]\n  definition: …",
        severity=Severity.ERROR, scope="corpus", check=check_duplicate_name,
    ),
    Rule(
        id="style.near-duplicate",
        summary="Near-identical definitions under different terms.",
        doc="Two entries of one source whose definitions share at least `min-similarity` of their "
            "three-word sequences. Either the terms are synonyms "
            "(keep one entry, make the other an alias; where the layout has no aliases, as MDN's "
            "pages, name the other in it) or the definitions should say how they "
            "differ. A definition under `min-words` words is a near-duplicate only of the same "
            "words ('A vote in favour of it.' under two terms); under four words, or a pointer "
            "('See …'), it is not compared, nor is an entry whose "
            "definition is a YAML alias (`*anchor`) of another's: that is one text on purpose.",
        bad="- term: Embedding\n  definition: A vector of numbers that represents the meaning of a text.\n"
            "- term: Text embedding\n  definition: A vector of numbers that represents the meaning of a text.",
        good="- term: Embedding\n  aliases: [Text embedding]\n  definition: A vector of numbers that "
             "represents the meaning of a text.",
        severity=Severity.INFO, scope="corpus", check=check_near_duplicate,
        options={"min-similarity": 0.8, "min-words": 8},
    ),
    Rule(
        id="style.term-shape",
        summary="A term that is not a name: a sentence, closed by a full stop, or longer than its definition.",
        doc="A term is what a reader looks up: a name of a few words. A term that ends with a full "
            "stop (not an abbreviation such as 'Inc.' or 'U.S.'), that reads as a sentence (at "
            "least `max-words` words with a verb such as 'is' or 'means'), or that has twice as "
            "many words as its definition (not a cross-reference) was most likely pasted into the "
            "wrong field.",
        bad="term: Offeror or bidder.\ndefinition: A firm that makes an offer.",
        good="term: Offeror\naliases: [Bidder]\ndefinition: A firm that makes an offer in response to a "
             "solicitation.",
        severity=Severity.WARNING, scope="entry", check=check_term_shape,
        options={"max-words": 8},
    ),
    Rule(
        id="style.spelling",
        summary="A word neither the dictionary nor the glossary knows (off by default).",
        doc="Each word of the `fields` that is in neither pyspellchecker's English dictionary nor "
            "the glossary itself: every word of every entry's term, aliases and id is known, with "
            "its plurals. Never read: code, URLs, tags and shortcodes, identifiers (`snake_case`, "
            "`camelCase`, `dotted.names`, words with digits), paths, all-caps acronyms and "
            "mixed-case names (iOS), a capitalised word inside a sentence (a name), a word "
            "the glossary writes capitalised inside a sentence anywhere, a \"quoted\" word, a word in "
            "bold, a word alone in parentheses (another name for what precedes) and a word the "
            "glossary writes as code or in a link's address somewhere. A word at least "
            "`min-entries` entries use is the glossary's own vocabulary. Names in the facts "
            "gazetteer, British spellings of dictionary words (colour, organise), closed "
            "compounds of two words (dataset) and the `accept` words (and those of "
            "`accept-file`, one a line, relative to the config) are known. A suggestion is given "
            "only when one word one edit away is clearly the best; past 50 words in one field, one "
            "finding says so instead of the rest. Grammar (\"an average rates\") "
            f"is not spelling and not checked. Needs the `spelling` extra: `{INSTALL}`.",
        bad="term: Attention\ndefinition: A model's tendancy to weigh some tokens more than others.",
        good="term: Attention\ndefinition: A model's tendency to weigh some tokens more than others.",
        severity=Severity.INFO, scope="entry", check=check_spelling, enabled=False,
        options={"fields": ["definition", "body"], "accept": [], "accept-file": "", "min-entries": 3},
    ),
]
