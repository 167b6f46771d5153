"""Claims out of entries: the spaCy pipeline, its matchers, and the linear scoping rules.

The pipeline is ``spacy.blank("en")`` + sentencizer (or a trained pipeline
named in config). Triggers compile to a ``Matcher``, cues and units to a
``PhraseMatcher``, the gazetteer's names to a ``PhraseMatcher`` (a ``Matcher``
for names of any case) whose matches are entities as spaCy's EntityRuler sets them.
No parse is needed: a trigger counts only when its subject, read leftwards
over auxiliaries and adverbs, is the entry's term, an alias or a stand-in
("the term", "it"), or when it hangs off the head of a definition written
without a subject ("Query language developed by Facebook in 2012"; see
``_about_head``); its slots are read rightwards up to the end of its clause.
Precision first: what the rules cannot scope is left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any, Callable, Iterable, Iterator

from gloss_lint.config import ConfigError
from gloss_lint.model import Entry, normalize_name
from gloss_lint.rules.facts.gazetteer import UNKNOWN, Gazetteer
from gloss_lint.rules.facts.kinds import Kind, Kinds, check_patterns
from gloss_lint.rules.facts.names import CUT_AFTER, NOT_NAMES, Mention, Names
from gloss_lint.rules.facts.values import (
    MONTHS,
    Interval,
    date_of,
    day_of,
    decade_part,
    number_of,
    show_number,
    version_of,
    year_of,
)

FIELDS = ("definition", "body")
_SCALE_WORDS = {"thousand", "million", "billion", "trillion"}
_LIST_JOINS = {",", "and", "or", "&", ", and"}
_AFTER_OBJECT = {"in", "by", "at", "as", "on", "with", "for", "to", "from", "during", "and", "around",
                 "circa", "back", "into", "under", "through", "while", "when", "after", "before", "but",
                 "was", "is", "which", "first", "together", "alongside", "some", "about", "c", "ca",
                 "jointly", "publicly", "officially", "formally", "internally", "quietly"}
_NOT_MODIFIERS = {"and", "or", "of", "for", "to", "the", "a", "an", "with", "by", "in", "on", "that", "which",
                  "is", "are", "was", "were", "not", "as", "from", "at", "but", "than", "no", "its", "their"}
_MODIFIER = re.compile(r"[a-z][a-z0-9]*")
_WORD_RUN = re.compile(r"\w+")
_COPULAS = {"is", "are", "was", "were", "has", "have", "had", "remains", "remain"}
_PRONOUNS = {"it", "they", "he", "she", "we"}
_RELATIVES = {"that", "which", "who"}
_OPEN_QUOTES = ("\"", "'", "“", "‘")


@dataclass(frozen=True, slots=True)  # one per fact sentence of a glossary
class Claim:
    """One statement about a term: ``kind``/``key``/``slot`` say which fact, ``value`` what."""

    kind: str  # the fact kind's name, e.g. "origin"
    type: str  # event, list, category, number, version
    key: str  # within the kind: the event ("coined"), the example's id, the unit, "current"
    slot: str  # year, date, by, members, category, number, version
    value: Any  # Interval (of years, of days) | credit | frozenset of ids | category value | float | str
    shown: str  # the value as a person reads it
    entry: Entry
    field: str
    sentence: str
    needle: str
    negated: bool = False
    hedged: bool = False
    closed: bool = False
    cut: bool = False  # the value stopped before the list or credit did ('and several others'): not compared
    names: tuple = ()  # (id, text as written) for the members of a list

    def __reduce__(self):
        # Pickled without its entry: claims are kept (in the cache, or by another process) under
        # the text they were read from, and read_claims gives them the entry that holds it.
        # Unpickled through the constructor: a frozen slots dataclass's __setstate__ is 2.5x
        # slower, and the claims kept in the cache (tens of thousands) are read every run.
        return Claim, tuple(None if name == "entry" else getattr(self, name) for name in Claim.__slots__)

    def name(self, member: str) -> str | None:
        return dict(self.names).get(member)

    @property
    def fact(self) -> str:
        if self.type == "event":
            return f"{self.kind}.{self.key}.{self.slot}"
        return self.kind if self.type == "list" else f"{self.kind}.{self.key}"


class Pipeline:
    """The loaded spaCy pipeline and the matchers compiled from the fact kinds."""

    def __init__(self, kinds: Kinds, gazetteer: Gazetteer, model: str = ""):
        from gloss_lint.nlp import load_spacy

        spacy = load_spacy()
        from spacy.attrs import IS_ALPHA, IS_PUNCT, LOWER
        from spacy.lang.lex_attrs import lower as str_lower
        from spacy.matcher import Matcher, PhraseMatcher
        from spacy.tokenizer import Tokenizer

        if model:
            try:
                nlp = spacy.load(model)
            except OSError:
                raise ConfigError(f"rules.facts: model {model!r} is not installed") from None
        else:
            nlp = spacy.blank("en")
        for abbreviation in kinds.language.get("abbreviations", ()):
            for form in (abbreviation, abbreviation.capitalize()):
                nlp.tokenizer.add_special_case(form, [{"ORTH": form}])
        if not any(nlp.has_pipe(n) for n in ("sentencizer", "senter", "parser")):
            nlp.add_pipe("sentencizer", first=True)
        if not model:
            # Each new word's lexical attributes are worked out by two dozen functions; the blank
            # pipeline reads only these: the readers and matchers, the sentencizer, the patterns.
            needed = {LOWER, IS_ALPHA, IS_PUNCT} | {_attribute(key) for _, pattern in kinds.patterns()
                                                  for token in pattern for key in token}
            nlp.vocab.lex_attr_getters = {a: f for a, f in nlp.vocab.lex_attr_getters.items() if a in needed}
        # The gazetteer's names, by entity id: as written, or in any case (token patterns).
        self.gazetteer_names = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.gazetteer_any_case = Matcher(nlp.vocab, validate=True)
        for pattern in gazetteer.patterns():
            if isinstance(pattern["pattern"], str):
                self.gazetteer_names.add(pattern["id"], [nlp.make_doc(pattern["pattern"])])
            else:
                self.gazetteer_any_case.add(pattern["id"], [pattern["pattern"]])
        check_patterns(kinds, {a for name in nlp.pipe_names for a in nlp.get_pipe_meta(name).assigns})
        self.nlp, self.kinds, self.gazetteer = nlp, kinds, gazetteer
        self.language = kinds.language
        self.hedges = [f" {h} " for h in self.language["hedges"]]  # as _Reader._hedged looks for them
        # Trigger phrases go to a PhraseMatcher (a token Matcher with hundreds of LOWER
        # patterns costs several times more); explicit token patterns to a Matcher.
        self.trigger_phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.trigger_patterns = Matcher(nlp.vocab, validate=True)
        self.cues = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.pattern_words = [_required_words(pattern) for _, pattern in kinds.patterns()]
        # The words (token texts, lower-cased) of each phrase a matcher looks for, for _Prefilter.
        wanted: list[set[str]] = []

        def docs(texts: Iterable[str]) -> list:
            made = [nlp.make_doc(t) for t in texts]
            wanted.extend({t.lower_ for t in doc} for doc in made)
            return made

        for kind in kinds.of("event"):
            for event, phrases in kind.spec["events"].items():
                self.trigger_phrases.add(f"{kind.name}|{event}", docs(phrases))
                if kind.spec.get("patterns", {}).get(event):
                    self.trigger_patterns.add(f"{kind.name}|{event}", kind.spec["patterns"][event])
        for kind in kinds.of("list"):
            self.cues.add(f"list|{kind.name}|", docs(kind.spec["cues"]))
        # A category cue of several words takes a few modifiers before its last word:
        # 'proprietary language model', 'supervised word-embedding model'. Its last words are
        # matched here; the rest is checked where one is found (see _flexible_cues).
        self.cue_heads = PhraseMatcher(nlp.vocab, attr="LOWER")
        # last word -> the word before it -> (label, the words before the last)
        self.flexible: dict[str, dict[str, list[tuple[int, tuple[str, ...]]]]] = {}
        for kind in kinds.of("category"):
            for value, cues in kind.spec["values"].items():
                label = f"category|{kind.name}|{value}"
                made = docs(cues)
                self.cues.add(label, made)
                for cue in made:
                    words = [t.lower_ for t in cue]
                    if len(words) > 1:
                        self.flexible.setdefault(words[-1], {}).setdefault(words[-2], []).append(
                            (nlp.vocab.strings.add(label), tuple(words[:-1])))
        heads = [nlp.make_doc(w) for w in self.flexible]
        self.cue_heads.add("head", heads)
        for head in heads:
            # a head counts only with its cue's other words before it (looked up by its first word)
            prefixes = [p for cues in self.flexible.get(head[0].lower_, {}).values() for _, p in cues] \
                if len(head) == 1 else []
            wanted.extend({t.lower_ for t in head} | set(p) for p in prefixes or [()])
        for kind in kinds.of("number"):
            for unit in kind.spec["units"]:
                # the singular stands in compounds: 'a 540-billion-parameter model'
                forms = [unit] + ([unit[:-1]] if unit.endswith("s") and " " not in unit else [])
                self.cues.add(f"number|{kind.name}|{unit}", docs(forms))
        for kind in kinds.of("version"):
            self.cues.add(f"version|{kind.name}|", docs(kind.spec["cues"]))
        if len(self.trigger_patterns):
            wanted.extend({w} for required in self.pattern_words for w in (required[0] if required else [""]))
        # Sound where a token's text is a piece of the text and its LOWER that piece lower-cased.
        plain = type(nlp.tokenizer) is Tokenizer and nlp.vocab.lex_attr_getters.get(LOWER) is str_lower
        self.prefilter = _Prefilter(wanted) if plain else None

    def claims(self, jobs: list[tuple[Entry, str, str]], names: dict[int, set[str]] | None = None
               ) -> Iterator[list[Claim]]:
        """The claims in each (entry, field, text) of ``jobs``, in order; ``names`` (by id of
        entry) are all the names its term answers to in any source (by default its own term,
        id and aliases)."""
        # A text in which no trigger or cue can match is not tokenised at all.
        read = [self.prefilter is None or self.prefilter(text) for _, _, text in jobs]
        docs = iter(self.nlp.pipe((text for (_, _, text), r in zip(jobs, read) if r), batch_size=256))
        for (entry, name, text), needed in zip(jobs, read):
            if not needed:
                yield []
                continue
            doc = next(docs)
            matches = self.trigger_phrases(doc)
            # token patterns cost a pass each: only where the words one of them needs occur
            if len(self.trigger_patterns) and (self._pattern_words_in(text)
                                               or (matches and self.prefilter is None)):
                matches += self.trigger_patterns(doc)
            heads = self.cue_heads(doc)
            cues = self.cues(doc)
            if not (matches or cues or heads):
                yield []
                continue
            words = _words(doc)
            cues += self._flexible_cues(heads, words[1])
            if matches or cues:  # entities are looked up only here: most text has none
                own = names.get(id(entry)) if names else None
                yield _Reader(self, entry, name, doc, text, words, self._entities(doc), matches, cues,
                              own).claims()
            else:
                yield []

    def _entities(self, doc) -> dict[int, Mention]:
        """The gazetteer's names in a doc, by first token, as spaCy's EntityRuler sets entities:
        the longest first, then the earliest, none overlapping another."""
        found = self.gazetteer_names(doc)
        if len(self.gazetteer_any_case):
            found = self.gazetteer_any_case(doc) + found
        strings, entities, taken = doc.vocab.strings, {}, set()
        for key, start, end in sorted({m for m in found if m[1] != m[2]}, key=lambda m: (m[2] - m[1], -m[1]),
                                      reverse=True):
            if start not in taken and end - 1 not in taken:
                entity = self.gazetteer.entities[strings[key]]
                entities[start] = Mention(start, end, entity.label, entity.id)
                taken.update(range(start, end))
        return dict(sorted(entities.items()))

    def _pattern_words_in(self, text: str) -> bool:
        """Whether the text holds one of each set of words a token pattern needs (where
        ``prefilter`` is sound; a capital sigma lowers by its context: see _Prefilter)."""
        low = text.lower()
        return "\u03a3" in text or any(all(any(w in low for w in words) for words in required)
                                        for required in self.pattern_words)

    def _flexible_cues(self, heads: list[tuple[int, int, int]], low: list[str]) -> list[tuple[int, int, int]]:
        """Category cues with one to three modifiers before their last word ('text-only model' is
        no 'text model': the first modifier must be a word, not a hyphen), from the matches of
        ``cue_heads`` in a doc whose lower-cased tokens are ``low``."""
        found = []
        for _, h, _ in heads:
            window = low[max(0, h - 8):h]
            n = len(window)
            gaps = []  # how many words before the head may be modifiers
            for gap in (1, 2, 3):
                word = window[n - gap] if gap <= n else None
                if word is None or word in _NOT_MODIFIERS or not (word == "-" or _MODIFIER.fullmatch(word)):
                    break
                if word != "-":
                    gaps.append(gap)
            ending = self.flexible.get(low[h], {})
            for gap in gaps:
                before = window[n - gap - 1] if gap < n else None  # the last word of a cue's prefix
                for label, prefix in ending.get(before, ()):
                    if n - gap - len(prefix) >= 0 and tuple(window[n - gap - len(prefix):n - gap]) == prefix:
                        found.append((label, h - gap - len(prefix), h + 1))
        return found


class _Prefilter:
    """Whether a text can hold one of the phrases a matcher looks for: only if each of its words
    (token texts, lower-cased) occurs in the lower-cased text. A token's text is a piece of the
    text and its LOWER is that piece's ``str.lower()``, the same characters as in the whole
    text's ``lower()``: only a capital sigma lowers by its context (final 'ς'), and a text
    with one is always read."""

    def __init__(self, phrases: list[set[str]]):
        self.always = any(not words or "" in words for words in phrases)
        # A phrase is tried where its longest word occurs, among the words found in a text.
        self.phrases: dict[str, list[frozenset[str]]] = {}
        for words in map(frozenset, phrases):
            if words:
                self.phrases.setdefault(max(sorted(words), key=len), []).append(words)
        known = {w for words in phrases for w in words}
        # A word of word characters only occurs inside one run of them: the words each run holds
        # are found once per distinct run. Others ('-') are looked for in the whole text.
        self.wordlike = [w for w in sorted(known) if _WORD_RUN.fullmatch(w)]
        self.others = [w for w in sorted(known) if not _WORD_RUN.fullmatch(w)]
        self.within: dict[str, frozenset[str]] = {}

    def __call__(self, text: str) -> bool:
        if self.always or "\u03a3" in text:
            return True
        low = text.lower()
        found: set[str] = {w for w in self.others if w in low}
        for run in set(_WORD_RUN.findall(low)):
            held = self.within.get(run)
            if held is None:
                if len(self.within) >= 100_000:
                    self.within.clear()
                held = self.within[run] = frozenset(w for w in self.wordlike if w in run)
            found |= held
        return any(words <= found for word in found for words in self.phrases.get(word, ()))


def read_claims(entries: Iterable[Entry], names: dict[int, set[str]], pipeline: Callable[[], Pipeline],
                kept) -> tuple[list[Claim], list[tuple[Entry, str, int]], int]:
    """The claims in the entries' fields, the fields too long to read (spaCy's ``max_length``: a
    runaway file, for facts.unread) and that length. A field read in a run before is taken from
    ``kept`` (``Context.kept``), keyed by all its claims depend on; the ``pipeline`` is built only
    when a field was not."""
    limit = kept.get("max_length")
    if limit is None:
        limit = pipeline().nlp.max_length
        kept.put("max_length", limit)
    texts = [(entry, name, entry.text(name)) for entry in entries for name in FIELDS if entry.text(name).strip()]
    unread = [(entry, name, len(text)) for entry, name, text in texts if len(text) > limit]
    # Line breaks inside a field (a YAML block scalar, a wrapped paragraph) are spaces to the reader.
    jobs = [(entry, name, " ".join(text.split())) for entry, name, text in texts if len(text) <= limit]
    keys = [_claims_key(entry, name, text, names.get(id(entry))) for entry, name, text in jobs]
    read: list[list[Claim] | None] = [kept.get(key) for key in keys]
    todo = [i for i, claims in enumerate(read) if claims is None]
    if todo:
        for i, claims in zip(todo, pipeline().claims([jobs[i] for i in todo], names)):
            read[i] = claims
            kept.put(keys[i], claims)
    found = [replace(c, entry=entry) if c.entry is not entry else c
             for (entry, _, _), claims in zip(jobs, read) for c in claims]
    return found, unread, limit


def _claims_key(entry: Entry, name: str, text: str, names: set[str] | None) -> tuple:
    """What a field's claims depend on: its text, as read and as its file writes it (a claim
    quotes a piece found there), the entry's term, and the names its term answers to."""
    span = entry.spans.get((name,))
    written = entry.file.text[span.start:span.end] if span else entry.file.text
    return (name, text, written, entry.term, tuple(sorted(names if names is not None else _names(entry))))


def _attribute(key: str | int) -> int | None:
    """The id of the token attribute a key of a token pattern names, as spaCy's Matcher reads it."""
    from spacy.attrs import IDS

    if isinstance(key, int):
        return key
    key = key.upper()
    return IDS.get({"TEXT": "ORTH", "IS_SENT_START": "SENT_START"}.get(key, key))


def _required_words(pattern: list) -> list[list[str]]:
    """For each token of a pattern that must match a word (LOWER, ORTH or TEXT: one, or IN a
    list), those words lower-cased: a text holds a match only if it holds one of each."""
    required = []
    for token in pattern:
        value = token.get("LOWER", token.get("ORTH", token.get("TEXT")))
        op = str(token.get("OP", "1"))
        if op in ("!", "?", "*") or op.startswith(("{0", "{,")):
            continue  # a token that may match nothing, or anything but its value
        if isinstance(value, str):
            required.append([value.lower()])
        elif isinstance(value, dict) and isinstance(value.get("IN"), list):
            required.append([str(v).lower() for v in value["IN"]])
    return required


def term_names(entries: Iterable[Entry]) -> set[str]:
    """The normalised names of a term (with plural forms) across the entries that describe it."""
    names = set()
    for entry in entries:
        names |= _names(entry)
    return names


def _names(entry: Entry) -> set[str]:
    names = set()
    for name in entry.names():
        key = normalize_name(name)
        names.update((key, key + "s", key + "es"))
    return names


def _words(doc) -> tuple[list[str], list[str], list[bool], list[int]]:
    """Each token's text, lower-cased text, whether it is alphabetic, and its offset: the
    readers look at tokens hundreds of times, and a Token is made anew for each look."""
    tok, low, alpha, idx = [], [], [], []
    for t in doc:
        tok.append(t.text)
        low.append(t.lower_)
        alpha.append(t.is_alpha)
        idx.append(t.idx)
    return tok, low, alpha, idx


class _Reader:
    """Reads one field's doc (of ``text``, with its ``_words``), sentence by sentence."""

    def __init__(self, pipeline: Pipeline, entry: Entry, field: str, doc, text: str, words,
                 ents: dict[int, Mention], triggers, cues, names: set[str] | None = None):
        self.p, self.entry, self.field, self.doc, self.text = pipeline, entry, field, doc, text
        self.trigger_matches, self.cue_matches = triggers, cues
        self.lang = pipeline.language
        self.names = names or _names(entry)
        self.tok, self.low, self.alpha, self.idx = words
        self.ents = ents
        self.who = Names(doc, self.tok, self.low, self.alpha, self.ents, self.lang["roles"],
                         self.lang["organisations"])
        self.inside = self.who.inside
        self.zones: dict[int, int | None] = {}
        self.bounds: tuple[int, int] | None = None  # of the field in its file, for _needle
        self.list_cut = False
        self.sents = list(doc.sents)
        # the sentence that opens a definition may name no subject: its head is the term
        self.opening = self.sents[0].start if self.sents and field == "definition" else None

    # -- small readers ------------------------------------------------------

    def _text(self, a: int, b: int) -> str:
        """``doc[a:b].text``, cut from the doc's text: the readers ask for hundreds of
        thousands of these, and a Span costs several times more. Indexes as a slice takes them."""
        n = len(self.tok)
        a = min(n, max(0, a + n if a < 0 else a))
        b = min(n, max(a, b + n if b < 0 else b))
        return self.text[self.idx[a]:self.idx[b - 1] + len(self.tok[b - 1])] if b > a else ""

    def _subject_ends_at(self, j: int, lo: int) -> int | None:
        """Start of a subject (term, alias, stand-in) whose last token is ``j``, else None."""
        if not self._wordlike(j):
            return None
        for k in range(j, max(lo - 1, j - 7), -1):
            if not self._wordlike(k):
                continue
            text = self._text(k, j + 1)
            if text.lower() in self.lang["subjects"] or normalize_name(text) in self.names:
                return k
        return None

    def _wordlike(self, i: int) -> bool:
        """A token that can start or end a name: not bare punctuation ('color space - :')."""
        return any(c.isalnum() for c in self.tok[i])

    def _subject_starts_at(self, i: int, hi: int) -> int | None:
        """End (exclusive) of a subject starting at ``i``, else None."""
        while i < hi and self.low[i] in ("\"", "'", "“", "‘"):
            i += 1
        for k in range(min(hi, i + 7), i, -1):
            if not (self._wordlike(k - 1) and self._ends_phrase(k, hi)):
                continue
            text = self._text(i, k)
            if (text.lower() in self.lang["subjects"] and text.lower() not in ("it", "they", "this")) \
                    or normalize_name(text) in self.names:
                end = k
                # "the term 'foundation model'": step over the quoted name too
                if end < hi and self.low[end] in ("\"", "'", "“", "‘"):
                    close = next((x for x in range(end + 1, min(hi, end + 8)) if self.low[x] in ("\"", "'", "”", "’")), None)
                    end = close + 1 if close is not None else end
                return end
        if i < hi and self.low[i] in ("it", "them") and self._ends_phrase(i + 1, hi):
            return i + 1
        return None

    def _ends_phrase(self, i: int, hi: int) -> bool:
        """The object of an active verb ends here: 'introduced JavaScript in 1995', not
        'introduced JavaScript support'."""
        return i >= hi or not self.alpha[i] or self.low[i] in _AFTER_OBJECT

    def _clause_end(self, i: int, hi: int, stops: set[int]) -> int:
        while i < hi and self.low[i] not in self.lang["clause_ends"] and i not in stops:
            i += 1
        return i

    def _entity_at(self, i: int):
        return self.ents.get(i)

    # -- the head of a definition ----------------------------------------------

    def _zone_start(self, sent) -> int | None:
        """Where a noun phrase standing for the term starts in this sentence: after 'TERM is a',
        'TERM (…) is a', 'TERM, also called X, is a', 'TERM, a …', 'TERM: …'; or the start of a
        definition's opening sentence, which usually has no subject ('Query language developed …')."""
        if sent.start not in self.zones:
            self.zones[sent.start] = self._find_zone(sent)
        return self.zones[sent.start]

    def _find_zone(self, sent) -> int | None:
        s, end = sent.start, sent.end
        first = self.low[s]
        for k in range(min(end, s + 8), s, -1) if any(n.startswith(first) for n in self.names) else ():
            if not self.tok[k - 1][:1].isalnum() or normalize_name(self._text(s, k)) not in self.names:
                continue
            j = k
            if j < end and self.low[j] == "(":
                j = next((x + 1 for x in range(j, min(end, j + 12)) if self.low[x] == ")"), end)
            elif j < end and self.low[j] == "," and j + 1 < end and self.low[j + 1] not in ("a", "an", "the", "one"):
                j = next((x + 1 for x in range(j + 1, min(end, j + 8)) if self.low[x] == ","), end)
            if j < end and self.low[j] in ("is", "are", "was", "were", ":"):
                return j + 1
            if j < end and self.low[j] == "," and j + 1 < end and self.low[j + 1] in ("a", "an", "the", "one"):
                return j + 1
            break
        return s if s == self.opening else None

    def _about_head(self, sent, t0: int) -> bool:
        """Whether the phrase at ``t0`` hangs off the head noun phrase that stands for the term:
        'Infrastructure-as-code tool, created by HashiCorp', 'Service from AWS, launched in 2014',
        'Service that Amazon launched in 2012' — and not 'GPT-3, released by OpenAI in 2020',
        'Gemma 3, released in 2025', 'it succeeded SSL, developed by Netscape', 'a successor to
        Objective-C, itself created in the 1980s'."""
        z = self._zone_start(sent)
        if z is None or t0 <= z:
            return False
        for i in range(z, t0):
            before = self.low[i - 1] if i > sent.start else ""
            if self.low[i] in (";", "—") or (self.low[i] in _PRONOUNS | _COPULAS and before not in _RELATIVES):
                return False
        j = t0 - 1
        while j > z and (self.low[j] in (",", "first", "originally", "later", "initially", "also", "publicly",
                                         "officially", "formally", "jointly", "subsequently", "then")
                         or self.low[j] in self.lang["hedges"]):
            j -= 1
        if self.low[j] in self.lang["reflexives"]:
            return False
        if self.low[j] == ")":
            j = next((x - 1 for x in range(j, z, -1) if self.low[x] == "("), z)
        r = self._name_start(j, z)
        if r is None:
            return j >= z
        if normalize_name(self._text(r, j + 1)) in self.names:
            return True
        # a name inside a phrase of the head ('service from AWS, launched'), or the subject of a
        # relative clause about it ('service that Amazon launched')
        return r > z and (self.low[r - 1] in self.lang["transparent"] or self.low[r - 1] in ("that", "which"))

    def _name_start(self, j: int, lo: int) -> int | None:
        """Start of a name (capitalised words, a known entity, a version after them: 'Gemma 3')
        ending at ``j``, or None when the word at ``j`` is no name."""
        i = j
        while i >= lo:
            ent = self.who.cover.get(i)
            if ent is not None:
                i = ent.start - 1
            elif self.who.namelike(i) or (self.tok[i][:1].isdigit() and i > lo and self.who.namelike(i - 1)) \
                    or (self.tok[i] in ("-", "/") and i > lo and i < j):
                i -= 1
            else:
                break
        start = i + 1
        if start > j:
            return None
        # the capital of a sentence's first word makes no name: 'Editor, released in 2011'
        if start == j == lo and start not in self.ents and self.tok[j][1:].islower():
            return None
        return start

    def _members(self, i: int, hi: int, sent_start: int, step: int, unknown: bool = True,
                 open_markers: frozenset[str] = frozenset()) -> tuple[list[tuple[str, int, int]], bool]:
        """A coordinated list of names from ``i`` going right (step 1) or ending at ``i`` (step -1).
        A member may be several words ('Amazon Aurora' is Amazon's), carry a parenthesis
        ('MongoDB (Atlas)'), or be a name the gazetteer lacks (unless ``unknown`` is False)."""
        if step < 0:
            return self._members_before(i, sent_start, unknown), False
        members: list[tuple[str, int, int]] = []
        opened = False
        self.list_cut = False
        while i < hi:
            ent = self.ents.get(i)
            if ent is None and not unknown:
                break
            found = self.who.party(i, hi)
            if found is None:
                break
            members.append((found[0][0], i, found[1]))
            j = found[1]
            if j < hi and self.low[j] == "(":  # 'Amazon (RDS and Aurora)'
                j = next((x + 1 for x in range(j, min(hi, j + 10)) if self.low[x] == ")"), j)
            seen = False
            while j < hi and self.low[j] in _LIST_JOINS:
                seen, j = True, j + 1
            if not seen:
                break
            if j < hi and any(" ".join(self.low[j:j + n]) in open_markers for n in (1, 2, 3)):
                opened = True
                break
            if j < hi and self.low[j] in CUT_AFTER and "and" in self.low[found[1]:j]:
                self.list_cut = True  # 'A, B and several smaller firms'
                break
            i = j
        return members, opened

    def _members_before(self, k: int, lo: int, unknown: bool) -> list[tuple[str, int, int]]:
        """The list that ends at ``k``: 'Oracle, Amazon Aurora and Google Cloud SQL are …'."""
        i = k
        while i >= lo and (self.who.namelike(i) or self.low[i] in _LIST_JOINS or self.low[i] in ("(", ")", "-")
                           or i in self.inside):
            i -= 1
        for start in range(i + 1, k + 1):
            if self.low[start] in _LIST_JOINS or self.tok[start] in NOT_NAMES:
                continue
            members, _ = self._members(start, k + 1, lo, 1, unknown)
            if members and members[-1][2] >= k + 1 - (self.low[k] == ")"):
                return members
        return []

    def _hedged(self, sent) -> bool:
        text = " " + " ".join(self.low[sent.start:sent.end]) + " "
        return any(h in text for h in self.p.hedges)

    def _needle(self, sentence: str, start: int, end: int) -> str:
        """A piece of the sentence found verbatim in the file (folded YAML may not be)."""
        file_text = self.entry.file.text
        if self.bounds is None:
            span = self.entry.spans.get((self.field,))
            self.bounds = (span.start, span.end) if span else (0, len(file_text))
        lo, hi = self.bounds
        candidates = (sentence.strip(), self._text(start, end))
        for candidate in candidates:
            if candidate and "\n" not in candidate and file_text.find(candidate, lo, hi) >= 0:
                return candidate
        return self.tok[start]

    def _claim(self, kind: Kind, key: str, slot: str, value: Any, shown: str, sent, start: int,
               end: int, **flags) -> Claim:
        sentence = self._text(sent.start, sent.end)
        return Claim(kind.name, kind.type, key, slot, value, shown, self.entry, self.field,
                     " ".join(sentence.split()), self._needle(sentence, start, end), **flags)

    # -- the fact types ------------------------------------------------------

    def claims(self) -> list[Claim]:
        out: list[Claim] = []
        triggers = self._triggers()
        cues = sorted(self.cue_matches)
        for sent in self.sents:
            inside = [t for t in triggers if sent.start <= t[1] < sent.end]
            if inside:
                out.extend(self._events(sent, inside))
            out.extend(self._maker(sent))
            for match_id, start, end in cues:
                if sent.start <= start < sent.end:
                    label = self.doc.vocab.strings[match_id]
                    type_, name, value = label.split("|", 2)
                    kind = self.p.kinds.kinds[name]
                    if type_ == "list":
                        out.extend(self._list(kind, sent, start, end))
                    elif type_ == "version":
                        out.extend(self._version(kind, sent, start, end))
                    elif type_ == "category":
                        out.extend(self._category(kind, value, sent, start, end))
                    else:
                        out.extend(self._number(kind, value, sent, start, end))
        return _dedupe(out)

    def _triggers(self) -> list[tuple[Kind, int, int, str]]:
        """The trigger matches that overlap no longer (or as long and earlier) one, in order: what
        spacy.util.filter_spans keeps, on (start, end) pairs rather than Spans."""
        matches = self.trigger_matches
        labels = {(s, e): self.doc.vocab.strings[m] for m, s, e in matches}
        kept, seen = [], set()
        for s, e in sorted([(s, e) for _, s, e in matches], key=lambda se: (se[1] - se[0], -se[0]), reverse=True):
            if s not in seen and e - 1 not in seen:
                kept.append((s, e))
                seen.update(range(s, e))
        found = []
        for s, e in sorted(kept):
            name, event = labels[(s, e)].split("|", 1)
            found.append((self.p.kinds.kinds[name], s, e, event))
        return found

    def _events(self, sent, triggers) -> list[Claim]:
        out: list[Claim] = []
        stops = {t[1] for t in triggers}
        previous_subject = False
        for kind, t0, t1, event in triggers:
            negated = False
            # passive or participle: subject on the left
            j = t0 - 1
            while j >= sent.start and (self.low[j] in self.lang["gap"] or self.low[j] in self.lang["negations"]
                                       or self.low[j] in self.lang["hedges"]
                                       or self.low[j] in ("did", "does", "do")):
                negated |= self.low[j] in self.lang["negations"]
                j -= 1
            subject = j >= sent.start and self._subject_ends_at(j, sent.start) is not None
            if not subject and j >= sent.start and self.low[j] == "and" and previous_subject:
                subject = True  # "coined in 2019 and popularised in 2021"
            active_org = None
            right = t1
            if not subject and self._about_head(sent, t0):
                subject = True
                # "service that Amazon Web Services launched in 2012": the relative clause's subject
                found = self.who.parties_before(t0 - 1, sent.start)
                if found and found[1] > sent.start and self.low[found[1] - 1] in ("that", "which"):
                    active_org = found
            if not subject:
                # active: "Stanford researchers coined the term", "Amazon made Lambda generally available"
                end = self._subject_starts_at(t1, sent.end)
                if end is None:
                    end = self._object_inside(t0, t1)
                if end is None:
                    previous_subject = False
                    continue
                subject, right = True, max(end, t1)
                k = t0 - 1
                while k >= sent.start and (self.low[k] in self.lang["gap"] or self.low[k] in self.lang["negations"]
                                           or self.low[k] in ("did", "does", "do")):
                    negated |= self.low[k] in self.lang["negations"]
                    k -= 1
                if k >= sent.start:
                    active_org = self.who.parties_before(k, sent.start)
            previous_subject = True
            clause_end = self._clause_end(right, sent.end, stops - {t0})
            self.credit_cut = False
            org = active_org or self._by(kind, right, clause_end, sent)
            if org is not None and org[2] > clause_end:  # 'by Facebook and Microsoft in 2017'
                clause_end = self._clause_end(org[2], sent.end, stops - {t0})
            hedged = self._hedged(sent)
            dated = kind.spec.get("value") == "date"
            year = self._year(kind, right, clause_end, sent)
            if year is None and len(triggers) == 1:
                year = self._leading_year(sent, t0, dated)
            if year is not None:
                interval, approximate, shown = year
                out.append(self._claim(kind, event, "date" if dated else "year", interval, shown, sent, t0,
                                       clause_end, negated=negated, hedged=hedged or approximate))
            if org is not None:
                out.append(self._credit(kind, event, org, sent, t0, clause_end, negated=negated, hedged=hedged,
                                        cut=self.credit_cut))
        return out

    def _after_org_word(self, i: int, hi: int) -> int:
        """Where a name starts after a description of it as an organisation ('a small start-up,
        Acme Labs', 'the company Acme'); ``i`` itself when there is none."""
        for k in range(i, min(hi, i + 6)):
            words = self._text(i, k + 1).lower().split()
            if words and words[-1] in self.lang["organisations"]:
                n = k + 1 + (k + 1 < hi and self.low[k + 1] == ",")
                return n if n < hi and (n in self.ents or self.who.namelike(n)) else i
            if not (self.tok[k].islower() or self.tok[k] == "-"):
                return i
        return i

    def _credit(self, kind: Kind, event: str, org: tuple[str, int, int], sent, start: int, end: int,
                **flags) -> Claim:
        org_id, o0, o1 = org
        known = all(not part.startswith(UNKNOWN) for part in org_id.split("+"))
        shown = self.p.gazetteer.name(org_id) if known else self._text(o0, o1)
        return self._claim(kind, event, "by", org_id, shown, sent, start, end, **flags)

    def _object_inside(self, t0: int, t1: int) -> int | None:
        """The term as the object inside a trigger pattern: 'made Lambda generally available'."""
        i = t0 + 1
        if i < t1 and self.low[i] in ("it", "them"):
            return t1
        for k in range(t1 - 1, i, -1):
            if normalize_name(self._text(i, k)) in self.names:
                return t1
        return None

    def _maker(self, sent) -> list[Claim]:
        """'Platform from NVIDIA, introduced in 2007', 'HashiCorp's tool for …': the head of a
        definition names its maker. Weaker than 'created by' (a steward may be meant), so hedged."""
        # the maker is an entity, at most one token past the sentence (after a zone start at its end)
        if not any(sent.start <= e <= sent.end + 1 for e in self.ents):
            return []
        z = self._zone_start(sent)
        kind = self.p.kinds.kinds.get("origin")
        if z is None or kind is None or kind.type != "event" or "created" not in kind.spec["events"]:
            return []
        ent = self.ents.get(z + (self.low[z] in ("a", "an", "the")))
        if ent is not None and ent.label == "ORG" and ent.end < sent.end and self.low[ent.end] in ("'s", "’s"):
            return [self._credit(kind, "created", (ent.id, ent.start, ent.end), sent, ent.start, ent.end + 1,
                                 hedged=True)]
        for i in range(z, sent.end):
            if self.low[i] in (",", ";", "(", "that", "which", "who") or (i > z and not self.tok[i][:1].isalnum()):
                return []
            if self.low[i] != "from" or i == z or not self.alpha[i - 1]:
                continue
            k = i + 1
            while k < min(sent.end, i + 5) and k not in self.ents and (self.tok[k].islower() or self.low[k] == "-"):
                k += 1  # 'from the Paris-based start-up Mistral AI'
            ent = self.ents.get(k)
            if ent is None or ent.label != "ORG":
                return []
            found = self.who.parties(k, sent.end)
            org = found if found else (ent.id, ent.start, ent.end)
            return [self._credit(kind, "created", org, sent, i, org[2], hedged=True)]
        return []

    def _year(self, kind: Kind, lo: int, hi: int, sent) -> tuple[Interval, bool, str] | None:
        """The first year (a date for kinds with ``value: date``) that a marker introduces."""
        markers, fillers = kind.words("year", "markers"), kind.words("year", "fillers")
        approx = self.lang["approximate"]
        dated = kind.spec.get("value") == "date"
        # a trigger ending in a marker: "applied since 25 May 2018"
        floor = lo - 1 if lo > sent.start and self.low[lo - 1] in markers else lo
        for i in range(lo, hi):
            interval = year_of(self.tok[i])
            if interval is None:
                continue
            j, month, day = i - 1, None, None
            if j - 2 >= lo and self.low[j] == "," and day_of(self.low[j - 1]) and self.low[j - 2] in MONTHS:
                month, day, j = MONTHS[self.low[j - 2]], day_of(self.low[j - 1]), j - 3  # 'January 1, 2020'
            elif j >= lo and self.low[j] in MONTHS:
                month, j = MONTHS[self.low[j]], j - 1
                if j >= lo and day_of(self.low[j]):
                    day, j = day_of(self.low[j]), j - 1
            approximate = marked = False
            while j >= lo and (self.low[j] in fillers or self.low[j] in approx or self.low[j] in ("'s", "’s")):
                if self.low[j] in ("'s", "’s"):  # "in Christopher Watkins's 1989 thesis"
                    j -= 1
                    while j >= lo and self.who.namelike(j):
                        j -= 1
                    continue
                if self.low[j] in ("early", "mid", "late"):
                    interval = decade_part(self.low[j], interval)
                approximate |= self.low[j] in approx
                marked |= self.low[j] in markers  # "around 1965"
                j -= 1
            if j >= sent.start and self.low[j] == "between" and i + 2 < sent.end and self.low[i + 1] == "and":
                last = year_of(self.tok[i + 2])  # "between 1985 and 1990"
                if last is not None and last.hi >= interval.lo:
                    return self._dated(Interval(interval.lo, last.hi), None, None, dated, False)
            if marked or (j >= floor and self.low[j] in markers):
                approximate |= j >= sent.start and self.low[j] in approx
                return self._dated(interval, month, day, dated, approximate)
        return None

    @staticmethod
    def _dated(interval: Interval, month, day, dated: bool, approximate: bool):
        if not dated:
            interval = interval.widened() if approximate else interval
            return interval, approximate, str(interval)
        found = date_of(interval, month, day)
        if found is None:
            return None
        days, shown = found
        return (days.widened(365) if approximate else days), approximate, shown

    def _leading_year(self, sent, t0: int, dated: bool) -> tuple[Interval, bool, str] | None:
        """'In 2021, the term was coined.'"""
        s = sent.start
        if s + 2 < t0 and self.low[s] == "in":
            i = s + 1 + (self.low[s + 1] in ("the", "early", "mid", "late"))
            interval = year_of(self.tok[i]) if i < t0 else None
            if interval is not None and self.low[s + 1] in ("early", "mid", "late"):
                interval = decade_part(self.low[s + 1], interval)
            if interval is not None:
                return self._dated(interval, None, None, dated, False)
        return None

    def _by(self, kind: Kind, lo: int, hi: int, sent) -> tuple[str, int, int] | None:
        """Who: the names after the clause's markers ('at Google by Rob Pike and Ken Thompson'
        is one credit). After most markers only an organisation the gazetteer knows counts."""
        markers, fillers = kind.words("by", "markers"), kind.words("by", "fillers")
        unknown_after = kind.words("by", "unknown_after")
        ids: list[str] = []
        start = end = None
        cut = False
        for m in range(lo, hi):
            if self.low[m] not in markers:
                continue
            i = m + 1
            while i < sent.end and i not in self.ents and (self.low[i] in fillers or year_of(self.tok[i])):
                i += 1
            if i not in self.ents and not self.who.namelike(i):
                i = self._after_org_word(i, sent.end)  # 'by a small start-up, Acme Labs'
            ent = self.ents.get(i)
            known_org = ent is not None and ent.label == "ORG"
            # a name the gazetteer lacks only after 'by', or right after the trigger ('credited to')
            if not known_org and (ent is not None or self.low[m] not in unknown_after
                                  or (self.low[m] != "by" and m != lo)):
                continue
            found = self.who.parties(i, sent.end)
            if found is None:
                continue
            cut = cut or self.who.cut
            parts = [x for x in found[0].split("+") if x.startswith(UNKNOWN)
                     or self.p.gazetteer.entities.get(x, None) is None
                     or self.p.gazetteer.entities[x].label == "ORG"]
            if not parts:
                continue
            ids += [x for x in parts if x not in ids]
            start = found[1] if start is None else start
            end = found[2]
        self.credit_cut = cut
        return ("+".join(ids), start, end) if ids else None

    def _list(self, kind: Kind, sent, c0: int, c1: int) -> list[Claim]:
        fillers, copulas = kind.words("fillers"), kind.words("copulas") or {"are", "is"}
        openers, open_markers = kind.words("openers"), kind.words("open_markers")
        negs, closed_words = self.lang["negations"], self.lang["closed"]
        negated = closed = False
        j, modifiers = c0 - 1, 0
        while j >= sent.start and (self.low[j] in fillers or self.low[j] in negs or self.low[j] == "not"
                                   or (modifiers < 2 and self.low[j] not in copulas and self.alpha[j]
                                       and j > sent.start and self.low[j - 1] in fillers)):
            # "the only CDN providers": a word naming what they provide may stand before the cue
            modifiers += not (self.low[j] in fillers or self.low[j] in negs or self.low[j] == "not")
            negated |= self.low[j] in negs
            closed |= self.low[j] in closed_words
            j -= 1
        members: list = []
        opened = False
        if j >= sent.start and self.low[j] in copulas:
            k = j - 1
            while k >= sent.start and self.low[k] in negs:
                negated, k = True, k - 1
            members, _ = self._members(k, sent.end, sent.start, -1)
        if not members:
            # "providers include A, B"; "the only vendors of vector databases are A, B"
            i = c1
            while i < min(sent.end, c1 + 7) and not any(self._text(i, i + n).lower() in openers for n in (2, 1)):
                if not (self.alpha[i] or self.low[i] == "-"):
                    break
                i += 1
            for n in (2, 1):
                if self._text(i, i + n).lower() in openers:
                    members, opened = self._members(i + n, sent.end, sent.start, 1,
                                                    open_markers=open_markers)
                    break
        if not members:
            return []
        value = frozenset(m[0] for m in members)
        shown = ", ".join(self._shown(m) for m in members)
        start, end = min(m[1] for m in members + [(0, c0, c1)]), max(m[2] for m in members + [(0, c0, c1)])
        hedged = self._hedged(sent)
        return [self._claim(kind, kind.name, "members", value, shown, sent, start, end,
                            negated=negated, hedged=hedged, closed=closed and not opened, cut=self.list_cut,
                            names=tuple((m[0], self._shown(m)) for m in members))]

    def _version(self, kind: Kind, sent, c0: int, c1: int) -> list[Claim]:
        """'The current version is TLS 1.3', 'The current version, WCAG 2.1, was …',
        'Unicode 17.0, released in 2025, is the current version', 'HTTP/3 is the latest'."""
        if c1 - c0 == 1 and c1 < sent.end and (self.alpha[c1] and self.low[c1] not in ("and", "but")):
            return []  # a bare 'latest' / 'current' ends its clause: 'HTTP/3 is the latest.'
        negated = False
        run = None
        j = c0 - 1
        if j > sent.start and self.low[j] in ("the", "its") and c0 - 1 == sent.start or (
                j >= sent.start and self.low[j] in ("the", "its") and (j == sent.start or not self.alpha[j - 1])):
            # the cue as subject: 'The current version is V', 'The current version, V, was …'
            k = c1
            if k < sent.end and self.low[k] == ",":
                run = self._version_run(k + 1, sent.end)
            elif k < sent.end and self.low[k] in ("is", "remains"):
                k += 1
                while k < sent.end and self.low[k] in ("now", "still", "not", "no", "longer"):
                    negated |= self.low[k] in ("not", "no")
                    k += 1
                run = self._version_run(k, sent.end)
        elif j >= sent.start and self.low[j] in ("the", "its"):
            # the cue as complement: 'V (, …,) is (now) the CUE'
            j -= 1
            while j >= sent.start and self.low[j] in ("now", "still", "not", "no", "longer"):
                negated |= self.low[j] in ("not", "no")
                j -= 1
            if j < sent.start or self.low[j] not in ("is", "remains"):
                return []
            j -= 1
            if j > sent.start and self.low[j] == ",":  # an aside between the version and its verb
                j = next((x - 1 for x in range(j - 1, max(sent.start, j - 15), -1) if self.low[x] == ","), sent.start)
            run = self._version_run_before(j, sent.start)
        if run is None:
            return []
        r0, r1 = run
        value = self._version_value(self._text(r0, r1), kind.words("words"))
        if value is None:
            return []
        return [self._claim(kind, "current", "version", value, self._text(r0, r1), sent, min(r0, c0),
                            max(r1, c1), negated=negated, hedged=self._hedged(sent))]

    def _version_token(self, i: int, words: frozenset) -> bool:
        text = self.tok[i]
        return self.who.namelike(i) or text[:1].isdigit() or text in ("/", "-", ":") or self.low[i] in words \
            or (text[:1] in "vV" and text[1:2].isdigit())

    def _version_run(self, i: int, hi: int) -> tuple[int, int] | None:
        words = self.p.kinds.kinds["version"].words("words") if "version" in self.p.kinds.kinds else frozenset()
        k = i + (i < hi and self.low[i] == "the")
        start = k
        while k < hi and self._version_token(k, words):
            k += 1
        return (start, k) if k > start else None

    def _version_run_before(self, j: int, lo: int) -> tuple[int, int] | None:
        words = self.p.kinds.kinds["version"].words("words") if "version" in self.p.kinds.kinds else frozenset()
        i = j
        while i >= lo and self._version_token(i, words):
            i -= 1
        return (i + 1, j + 1) if i < j else None

    def _version_value(self, text: str, words: frozenset) -> str | None:
        """The version number of the term in 'TLS 1.3', 'HTTP/3', 'PCI DSS v4.0.1', 'ISO/IEC
        27001:2022', 'version 4.0', 'the 2022 revision'; None for another name ('Chromium 120')."""
        rest = normalize_name(text)
        for name in sorted(self.names, key=len, reverse=True):
            if rest.startswith(name):
                rest = rest[len(name):]
                break
        parts = [w for w in rest.replace("/", " ").replace(":", " ").split() if w not in words]
        return version_of(parts[0]) if len(parts) == 1 else None

    def _shown(self, member: tuple[str, int, int]) -> str:
        return self._text(member[1], member[2])

    def _category(self, kind: Kind, value: str, sent, c0: int, c1: int) -> list[Claim]:
        negs = self.lang["negations"]
        members: list = []
        negated = False
        if c1 < sent.end and self.low[c1] == "(":
            members, _ = self._members(c1 + 1, sent.end, sent.start, 1, unknown=False)
        elif any(self._text(c1, c1 + n).lower() in ("such as", "like", "including") for n in (1, 2)):
            n = 2 if self._text(c1, c1 + 2).lower() == "such as" else 1
            members, _ = self._members(c1 + n, sent.end, sent.start, 1, unknown=False)
        if not members:
            j, skipped = c0 - 1, 0
            while j >= sent.start and skipped < 3 and (self.low[j] in ("a", "an", "the", "both", "all")
                                                       or self.low[j] in negs or
                                                       (self.tok[j].islower() and self.alpha[j]
                                                        and self.low[j] not in ("is", "are", "was", "were"))):
                negated |= self.low[j] in negs
                j, skipped = j - 1, skipped + 1
            if j < sent.start or self.low[j] not in ("is", "are", "was", "were", "remains", "remain"):
                # the head of a definition: 'Open-source speech recognition model released by …'
                return self._category_claims(kind, value, sent, c0, c1, [("@term", c0, c1)], False) \
                    if self._in_head(sent, c0, ("of",)) else []
            k = j - 1
            while k >= sent.start and self.low[k] in negs:
                negated, k = True, k - 1
            start = self._subject_ends_at(k, sent.start) if k >= sent.start else None
            if start is not None and (start == sent.start or self.low[start - 1] not in _LIST_JOINS):
                members = [("@term", start, k + 1)]
            else:
                members, _ = self._members(k, sent.end, sent.start, -1, unknown=False)
        return self._category_claims(kind, value, sent, c0, c1, members, negated)

    def _category_claims(self, kind: Kind, value: str, sent, c0: int, c1: int, members: list,
                         negated: bool) -> list[Claim]:
        hedged = self._hedged(sent)
        out = []
        for member_id, m0, m1 in members:
            shown = self.entry.term if member_id == "@term" else self._text(m0, m1)
            out.append(self._claim(kind, member_id, "category", value, f"{shown}: {value}", sent,
                                   min(m0, c0), max(m1, c1), negated=negated, hedged=hedged))
        return out

    def _number(self, kind: Kind, unit: str, sent, u0: int, u1: int) -> list[Claim]:
        """'It has 175 billion parameters', 'Model … with 340 billion parameters', 'a
        540-billion-parameter model'; 'the largest variant has 70 billion' is the largest variant's."""
        j = u0 - 1
        compound = j > sent.start and self.low[j] == "-"  # '540-billion-parameter'
        j -= compound
        scale = None
        if j >= sent.start and self.low[j] in _SCALE_WORDS:
            scale, j = self.low[j], j - 1
            if compound and j >= sent.start and self.low[j] == "-":
                j -= 1
        if j < sent.start:
            return []
        value = number_of(self.tok[j], scale)
        if value is None:
            return []
        n0 = j
        j -= 1
        hedged = False
        if compound:
            variant = "" if self._in_head(sent, n0) else None
        else:
            while j >= sent.start and (self.low[j] in self.lang["approximate"]
                                       or self.low[j] in ("over", "than", "more", "less", "under")):
                hedged, j = True, j - 1
            if j < sent.start or self.low[j] not in kind.words("verbs"):
                return []
            verb = j
            j -= 1
            while j >= sent.start and self.low[j] in self.lang["gap"]:
                j -= 1
            variant = self._variant(kind, j, sent.start)
            if variant is None and j >= sent.start and self._subject_ends_at(j, sent.start) is not None:
                variant = ""
            if variant is None and self._about_head(sent, verb):
                variant = ""  # 'Language model from Google with 340 billion parameters'
        if variant is None:
            return []
        hedged |= self._hedged(sent)
        key = f"{unit} ({variant})" if variant else unit
        return [self._claim(kind, key, "number", value, f"{show_number(value)} {unit}"
                            + (f" ({variant})" if variant else ""), sent, n0, u1, hedged=hedged)]

    def _variant(self, kind: Kind, j: int, lo: int) -> str | None:
        """The variant a subject names: 'the largest variant', 'Its largest version', 'The largest
        Llama 2 model', 'the tiny one', 'The smallest GPT-2' -> its qualifier; None otherwise."""
        variants = kind.words("variants")
        for q in range(j, max(lo - 1, j - 6), -1):
            if self.low[q] not in variants:
                continue
            if q == lo or self.low[q - 1] not in ("the", "its", "their"):
                return None
            rest = self.low[q + 1:j + 1]
            name = normalize_name(self._text(q + 1, j + 1)) if rest else ""
            heads = ("model", "models", "variant", "variants", "version", "versions", "one", "size", "release")
            if not rest or name in self.names or rest[-1] in heads and (
                    len(rest) == 1 or normalize_name(self._text(q + 1, j)) in self.names):
                return self.low[q]
            return None
        return None

    def _in_head(self, sent, i: int, allowed: tuple[str, ...] = ()) -> bool:
        """Whether ``i`` lies in the head noun phrase of a definition ('A 7.3-billion-parameter
        language model released …'): after the zone start, before any comma, clause or verb."""
        z = self._zone_start(sent)
        if z is None or i < z:
            return False
        return all(self.low[x] in ("a", "an", "the", "-") or self.alpha[x] for x in range(z, i)) and not any(
            self.low[x] in _RELATIVES | _COPULAS | self.lang["transparent"] and self.low[x] not in allowed
            for x in range(z, i))


def _dedupe(claims: list[Claim]) -> list[Claim]:
    """One claim per fact, value and sentence (a list both before and after its cue)."""
    seen: dict[tuple, Claim] = {}
    for claim in claims:
        key = (claim.fact, claim.slot, claim.field, claim.sentence, claim.negated)
        if claim.type == "list":
            other = seen.get(key)
            if other is None or len(claim.value) > len(other.value):
                seen[key] = claim
        else:
            seen.setdefault(key + (claim.value,), claim)
    return list(seen.values())

