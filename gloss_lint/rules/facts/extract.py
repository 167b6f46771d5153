"""Claims out of entries: the spaCy pipeline, its matchers, and the linear scoping rules.

The pipeline is ``spacy.blank("en")`` + sentencizer + an EntityRuler fed by the
gazetteer (or a trained pipeline named in config, with the ruler before its
NER). Triggers compile to a ``Matcher``, cues and units to a ``PhraseMatcher``.
No parse is needed: a trigger counts only when its subject, read leftwards
over auxiliaries and adverbs, is the entry's term, an alias or a stand-in
("the term", "it"); its slots are read rightwards up to the end of its clause.
Precision first: what the rules cannot scope is left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from gloss_lint.config import ConfigError
from gloss_lint.model import Entry, normalize_name
from gloss_lint.rules.facts.gazetteer import UNKNOWN, Gazetteer
from gloss_lint.rules.facts.kinds import Kind, Kinds, check_patterns
from gloss_lint.rules.facts.values import (
    Interval,
    decade_part,
    number_of,
    show_number,
    year_of,
)

FIELDS = ("definition", "body")
_SCALE_WORDS = {"thousand", "million", "billion", "trillion"}
_LIST_JOINS = {",", "and", "or", "&", ", and"}
_AFTER_OBJECT = {"in", "by", "at", "as", "on", "with", "for", "to", "from", "during", "and", "around",
                 "circa", "back", "into", "under", "through", "while", "when", "after", "before", "but",
                 "was", "is", "which", "first", "together", "alongside", "some", "about", "c", "ca"}
_NAME_PARTICLES = {"van", "von", "de", "der", "den", "da", "di", "du", "le", "la", "bin", "al", "del"}
_NOT_NAMES = {"The", "A", "An", "This", "That", "These", "Those", "It", "Its", "In", "On", "At",
              "Some", "Many", "Most", "All", "Other", "Others", "Today", "Now", "Then", "Both", "Also"}


@dataclass(frozen=True)
class Claim:
    """One statement about a term: ``kind``/``key``/``slot`` say which fact, ``value`` what."""

    kind: str  # the fact kind's name, e.g. "origin"
    type: str  # event, list, category, number
    key: str  # within the kind: the event ("coined"), the example's id, the unit
    slot: str  # year, by, members, category, number
    value: Any  # Interval | entity id | frozenset of ids | category value | float
    shown: str  # the value as a person reads it
    entry: Entry
    field: str
    sentence: str
    needle: str
    negated: bool = False
    hedged: bool = False
    closed: bool = False
    names: tuple = ()  # (id, text as written) for the members of a list

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
        from spacy.matcher import Matcher, PhraseMatcher

        if model:
            try:
                nlp = spacy.load(model)
            except OSError:
                raise ConfigError(f"rules.facts: model {model!r} is not installed") from None
        else:
            nlp = spacy.blank("en")
        if not any(nlp.has_pipe(n) for n in ("sentencizer", "senter", "parser")):
            nlp.add_pipe("sentencizer", first=True)
        ruler = nlp.add_pipe("entity_ruler", name="gloss_lint_gazetteer",
                             before="ner" if nlp.has_pipe("ner") else None,
                             config={"overwrite_ents": True, "phrase_matcher_attr": "ORTH"})
        self.ruler = "gloss_lint_gazetteer"
        ruler.add_patterns(gazetteer.patterns())
        # Triggers are matched before the gazetteer's entities are set (see claims()), so
        # patterns may use only what the other components set.
        provided = {a for name in nlp.pipe_names if name != self.ruler
                    for a in nlp.get_pipe_meta(name).assigns}
        check_patterns(kinds, provided)
        self.nlp, self.kinds, self.gazetteer = nlp, kinds, gazetteer
        self.language = kinds.language
        # Trigger phrases go to a PhraseMatcher (a token Matcher with hundreds of LOWER
        # patterns costs several times more); explicit token patterns to a Matcher.
        self.trigger_phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.trigger_patterns = Matcher(nlp.vocab, validate=True)
        self.cues = PhraseMatcher(nlp.vocab, attr="LOWER")
        for kind in kinds.of("event"):
            for event, phrases in kind.spec["events"].items():
                self.trigger_phrases.add(f"{kind.name}|{event}", [nlp.make_doc(p) for p in phrases])
                if kind.spec.get("patterns", {}).get(event):
                    self.trigger_patterns.add(f"{kind.name}|{event}", kind.spec["patterns"][event])
        for kind in kinds.of("list"):
            self.cues.add(f"list|{kind.name}|", [nlp.make_doc(c) for c in kind.spec["cues"]])
        for kind in kinds.of("category"):
            for value, cues in kind.spec["values"].items():
                self.cues.add(f"category|{kind.name}|{value}", [nlp.make_doc(c) for c in cues])
        for kind in kinds.of("number"):
            for unit in kind.spec["units"]:
                self.cues.add(f"number|{kind.name}|{unit}", [nlp.make_doc(unit)])

    def claims(self, entries: Iterable[Entry]) -> list[Claim]:
        # A field longer than spaCy's max_length (a runaway file) is not read for facts.
        jobs = [(entry, name, entry.text(name)) for entry in entries for name in FIELDS
                if entry.text(name).strip() and len(entry.text(name)) <= self.nlp.max_length]
        found: list[Claim] = []
        # Entities are looked up only in texts where a trigger or cue matched: most text has none.
        ruler = self.nlp.get_pipe(self.ruler)
        with self.nlp.select_pipes(disable=[self.ruler]):
            docs = self.nlp.pipe((text for _, _, text in jobs), batch_size=256)
            for (entry, name, _), doc in zip(jobs, docs):
                matches = self.trigger_phrases(doc)
                if len(self.trigger_patterns):
                    matches += self.trigger_patterns(doc)
                cues = self.cues(doc)
                if matches or cues:
                    doc = ruler(doc)
                    found.extend(_Reader(self, entry, name, doc, matches, cues).claims())
        return found


def _names(entry: Entry) -> set[str]:
    names = set()
    for name in entry.names():
        key = normalize_name(name)
        names.update((key, key + "s", key + "es"))
    return names


class _Reader:
    """Reads one field's doc, sentence by sentence."""

    def __init__(self, pipeline: Pipeline, entry: Entry, field: str, doc, triggers, cues):
        self.p, self.entry, self.field, self.doc = pipeline, entry, field, doc
        self.trigger_matches, self.cue_matches = triggers, cues
        self.lang = pipeline.language
        self.names = _names(entry)
        self.low = [t.lower_ for t in doc]
        self.ents: dict[int, Any] = {}
        for ent in doc.ents:
            if ent.ent_id_:
                self.ents[ent.start] = ent

    # -- small readers ------------------------------------------------------

    def _subject_ends_at(self, j: int, lo: int) -> int | None:
        """Start of a subject (term, alias, stand-in) whose last token is ``j``, else None."""
        if not self._wordlike(j):
            return None
        for k in range(j, max(lo - 1, j - 7), -1):
            text = self.doc[k:j + 1].text
            if self._wordlike(k) and (text.lower() in self.lang["subjects"] or normalize_name(text) in self.names):
                return k
        return None

    def _wordlike(self, i: int) -> bool:
        """A token that can start or end a name: not bare punctuation ('color space - :')."""
        return any(c.isalnum() for c in self.doc[i].text)

    def _subject_starts_at(self, i: int, hi: int) -> int | None:
        """End (exclusive) of a subject starting at ``i``, else None."""
        while i < hi and self.low[i] in ("\"", "'", "“", "‘"):
            i += 1
        for k in range(min(hi, i + 7), i, -1):
            text = self.doc[i:k].text
            if ((text.lower() in self.lang["subjects"] and text.lower() not in ("it", "they", "this"))
                    or normalize_name(text) in self.names) and self._wordlike(k - 1) \
                    and self._ends_phrase(k, hi):
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
        return i >= hi or not self.doc[i].is_alpha or self.low[i] in _AFTER_OBJECT

    def _clause_end(self, i: int, hi: int, stops: set[int]) -> int:
        while i < hi and self.low[i] not in self.lang["clause_ends"] and i not in stops:
            i += 1
        return i

    def _entity_at(self, i: int):
        return self.ents.get(i)

    def _unknown_name(self, i: int, hi: int, sent_start: int) -> tuple[int, str] | None:
        """A run of capitalised words starting at ``i`` (a name the gazetteer lacks)."""
        k = i
        while k < hi and k not in self.ents and self.doc[k].is_alpha and (
                self.doc[k].text[:1].isupper() or (k > i and self.low[k] in _NAME_PARTICLES and k + 1 < hi
                                                    and self.doc[k + 1].text[:1].isupper())):
            k += 1
        if k == i or i == sent_start or self.doc[i].text in _NOT_NAMES:
            return None
        return k, self.doc[i:k].text

    def _name_before(self, k: int, lo: int) -> tuple[str, int, int] | None:
        """A run of capitalised words ending at ``k``, not part of a longer phrase."""
        i = k
        while i >= lo and self.doc[i].is_alpha and (self.doc[i].text[:1].isupper() or (
                i < k and self.low[i] in _NAME_PARTICLES)):
            i -= 1
        i += 1
        if i > k or self.doc[i].text in _NOT_NAMES or (i > lo and self.doc[i - 1].is_alpha
                                                        and self.low[i - 1] not in ("by", "and", "in")):
            return None
        return UNKNOWN + normalize_name(self.doc[i:k + 1].text), i, k + 1

    def _members(self, i: int, hi: int, sent_start: int, step: int, unknown: bool = True,
                 open_markers: frozenset[str] = frozenset()) -> tuple[list[tuple[str, int, int]], bool]:
        """A coordinated list of names from ``i`` going right (step 1) or left (step -1)."""
        members: list[tuple[str, int, int]] = []
        opened = False
        lo_bound = sent_start
        while lo_bound <= i < hi:
            if step > 0:
                ent = self._entity_at(i)
                if ent is not None:
                    members.append((ent.ent_id_, ent.start, ent.end))
                    i = ent.end
                else:
                    name = self._unknown_name(i, hi, sent_start) if unknown else None
                    if not name:
                        break
                    members.append((UNKNOWN + normalize_name(name[1]), i, name[0]))
                    i = name[0]
            else:
                ent = next((e for e in self.doc.ents if e.end == i + 1 and e.ent_id_), None)
                if ent is not None:
                    members.append((ent.ent_id_, ent.start, ent.end))
                    i = ent.start - 1
                else:
                    k = i
                    while k >= lo_bound and self.doc[k].text[:1].isupper() and self.doc[k].is_alpha:
                        k -= 1
                    if not unknown or k == i or self.doc[k + 1].text in _NOT_NAMES:
                        break
                    members.append((UNKNOWN + normalize_name(self.doc[k + 1:i + 1].text), k + 1, i + 1))
                    i = k
            # separators
            j = i
            seen = False
            while lo_bound <= j < hi and self.low[j] in _LIST_JOINS:
                seen = True
                j += step
            if not seen:
                break
            if step > 0 and j < hi and any(self.doc[j:j + n].text.lower() in open_markers for n in (1, 2, 3)):
                opened = True
                break
            i = j
        return members, opened

    def _hedged(self, sent) -> bool:
        text = " " + " ".join(self.low[sent.start:sent.end]) + " "
        return any(f" {h} " in text for h in self.lang["hedges"])

    def _needle(self, sent, start: int, end: int) -> str:
        """A piece of the sentence found verbatim in the file (folded YAML may not be)."""
        span = self.entry.spans.get((self.field,))
        file_text = self.entry.file.text
        lo, hi = (span.start, span.end) if span else (0, len(file_text))
        candidates = [sent.text.strip(), self.doc[start:end].text, self.doc[start:start + 1].text]
        for candidate in candidates:
            if candidate and "\n" not in candidate and file_text.find(candidate, lo, hi) >= 0:
                return candidate
        return self.doc[start:start + 1].text

    def _claim(self, kind: Kind, key: str, slot: str, value: Any, shown: str, sent, start: int,
               end: int, **flags) -> Claim:
        return Claim(kind.name, kind.type, key, slot, value, shown, self.entry, self.field,
                     " ".join(sent.text.split()), self._needle(sent, start, end), **flags)

    # -- the fact types ------------------------------------------------------

    def claims(self) -> list[Claim]:
        out: list[Claim] = []
        triggers = self._triggers()
        cues = sorted(self.cue_matches)
        for sent in self.doc.sents:
            inside = [t for t in triggers if sent.start <= t[1] < sent.end]
            if inside:
                out.extend(self._events(sent, inside))
            for match_id, start, end in cues:
                if sent.start <= start < sent.end:
                    label = self.doc.vocab.strings[match_id]
                    type_, name, value = label.split("|", 2)
                    kind = self.p.kinds.kinds[name]
                    if type_ == "list":
                        out.extend(self._list(kind, sent, start, end))
                    elif type_ == "category":
                        out.extend(self._category(kind, value, sent, start, end))
                    else:
                        out.extend(self._number(kind, value, sent, start, end))
        return _dedupe(out)

    def _triggers(self) -> list[tuple[Kind, int, int, str]]:
        from spacy.util import filter_spans

        matches = self.trigger_matches
        spans = [self.doc[s:e] for _, s, e in matches]
        labels = {(s, e): self.doc.vocab.strings[m] for m, s, e in matches}
        found = []
        for span in sorted(filter_spans(spans), key=lambda s: s.start):
            name, event = labels[(span.start, span.end)].split("|", 1)
            found.append((self.p.kinds.kinds[name], span.start, span.end, event))
        return found

    def _events(self, sent, triggers) -> list[Claim]:
        out: list[Claim] = []
        stops = {t[1] for t in triggers}
        previous_subject = False
        for index, (kind, t0, t1, event) in enumerate(triggers):
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
            if not subject:
                # active: "Stanford researchers coined the term"
                end = self._subject_starts_at(t1, sent.end)
                if end is None:
                    previous_subject = False
                    continue
                subject, right = True, end
                k = t0 - 1
                while k >= sent.start and (self.low[k] in self.lang["gap"] or self.low[k] in self.lang["negations"]
                                           or self.low[k] in ("did", "does", "do")):
                    negated |= self.low[k] in self.lang["negations"]
                    k -= 1
                ent = next((e for e in self.doc.ents if e.end == k + 1 and e.ent_id_ and e.label_ == "ORG"), None)
                if ent is not None:
                    active_org = (ent.ent_id_, ent.start, ent.end)
                elif k >= sent.start and not any(e.start <= k < e.end for e in self.doc.ents):
                    active_org = self._name_before(k, sent.start)  # "Mark Crispin developed IMAP"
            previous_subject = True
            clause_end = self._clause_end(right, sent.end, stops - {t0})
            hedged = self._hedged(sent)
            year = self._year(kind, right, clause_end, sent)
            if year is None and len(triggers) == 1:
                year = self._leading_year(sent, t0)
            org = active_org or self._by(kind, right, clause_end, sent)
            flags = dict(negated=negated, hedged=hedged)
            if year is not None:
                interval, approximate, y0 = year
                out.append(self._claim(kind, event, "year", interval, str(interval), sent, t0, clause_end,
                                       negated=negated, hedged=hedged or approximate))
            if org is not None:
                org_id, o0, o1 = org
                out.append(self._claim(kind, event, "by", org_id, self.p.gazetteer.name(org_id)
                                       if not org_id.startswith(UNKNOWN) else self.doc[o0:o1].text,
                                       sent, t0, clause_end, **flags))
        return out

    def _year(self, kind: Kind, lo: int, hi: int, sent) -> tuple[Interval, bool, int] | None:
        markers, fillers = kind.words("year", "markers"), kind.words("year", "fillers")
        approx = self.lang["approximate"]
        for i in range(lo, hi):
            interval = year_of(self.doc[i].text)
            if interval is None:
                continue
            j, approximate, marked = i - 1, False, False
            while j >= lo and (self.low[j] in fillers or self.low[j] in approx):
                if self.low[j] in ("early", "mid", "late"):
                    interval = decade_part(self.low[j], interval)
                approximate |= self.low[j] in approx
                marked |= self.low[j] in markers  # "around 1965"
                j -= 1
            if j >= sent.start and self.low[j] == "between" and i + 2 < sent.end and self.low[i + 1] == "and":
                last = year_of(self.doc[i + 2].text)  # "between 1985 and 1990"
                if last is not None and last.hi >= interval.lo:
                    return Interval(interval.lo, last.hi), False, i
            if marked or (j >= sent.start and self.low[j] in markers):
                approximate |= j >= sent.start and self.low[j] in approx
                return (interval.widened() if approximate else interval), approximate, i
        return None

    def _leading_year(self, sent, t0: int) -> tuple[Interval, bool, int] | None:
        """'In 2021, the term was coined.'"""
        s = sent.start
        if s + 2 < t0 and self.low[s] == "in":
            i = s + 1 + (self.low[s + 1] in ("the", "early", "mid", "late"))
            interval = year_of(self.doc[i].text) if i < t0 else None
            if interval is not None and self.low[s + 1] in ("early", "mid", "late"):
                interval = decade_part(self.low[s + 1], interval)
            if interval is not None:
                return interval, False, i
        return None

    def _by(self, kind: Kind, lo: int, hi: int, sent) -> tuple[str, int, int] | None:
        markers, fillers = kind.words("by", "markers"), kind.words("by", "fillers")
        unknown_after = kind.words("by", "unknown_after")
        for i in range(lo, hi):
            ent = self.ents.get(i)
            j = i - 1
            while j >= lo and (self.low[j] in fillers or year_of(self.doc[j].text) is not None):
                j -= 1
            if j < lo or self.low[j] not in markers:
                continue
            if ent is not None and ent.label_ == "ORG" and ent.end <= hi:
                # "by researchers at OpenAI and DeepMind": credit shared by coordinated names
                ids, end = [ent.ent_id_], ent.end
                while end + 1 < len(self.doc) and self.low[end] in ("and", ",", "&"):
                    nxt = self.ents.get(end + 1)
                    if nxt is None or nxt.label_ != "ORG":
                        break
                    ids.append(nxt.ent_id_)
                    end = nxt.end
                return "+".join(ids), ent.start, end
            if ent is None and self.low[j] in unknown_after:
                name = self._unknown_name(i, hi, sent.start)
                if name:
                    return UNKNOWN + normalize_name(name[1]), i, name[0]
        return None

    def _list(self, kind: Kind, sent, c0: int, c1: int) -> list[Claim]:
        fillers, copulas = kind.words("fillers"), kind.words("copulas") or {"are", "is"}
        openers, open_markers = kind.words("openers"), kind.words("open_markers")
        negs, closed_words = self.lang["negations"], self.lang["closed"]
        negated = closed = False
        j = c0 - 1
        while j >= sent.start and (self.low[j] in fillers or self.low[j] in negs or self.low[j] == "not"):
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
            members.reverse()
        if not members:
            i = c1
            for n in (2, 1):
                if self.doc[i:i + n].text.lower() in openers:
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
                            negated=negated, hedged=hedged, closed=closed and not opened,
                            names=tuple((m[0], self._shown(m)) for m in members))]

    def _shown(self, member: tuple[str, int, int]) -> str:
        return self.doc[member[1]:member[2]].text

    def _category(self, kind: Kind, value: str, sent, c0: int, c1: int) -> list[Claim]:
        negs = self.lang["negations"]
        members: list = []
        negated = False
        if c1 < sent.end and self.low[c1] == "(":
            members, _ = self._members(c1 + 1, sent.end, sent.start, 1, unknown=False)
        elif any(self.doc[c1:c1 + n].text.lower() in ("such as", "like", "including") for n in (1, 2)):
            n = 2 if self.doc[c1:c1 + 2].text.lower() == "such as" else 1
            members, _ = self._members(c1 + n, sent.end, sent.start, 1, unknown=False)
        if not members:
            j, skipped = c0 - 1, 0
            while j >= sent.start and skipped < 3 and (self.low[j] in ("a", "an", "the", "both", "all")
                                                       or self.low[j] in negs or
                                                       (self.doc[j].is_lower and self.doc[j].is_alpha
                                                        and self.low[j] not in ("is", "are", "was", "were"))):
                negated |= self.low[j] in negs
                j, skipped = j - 1, skipped + 1
            if j < sent.start or self.low[j] not in ("is", "are", "was", "were", "remains", "remain"):
                return []
            k = j - 1
            while k >= sent.start and self.low[k] in negs:
                negated, k = True, k - 1
            start = self._subject_ends_at(k, sent.start) if k >= sent.start else None
            if start is not None and (start == sent.start or self.low[start - 1] not in _LIST_JOINS):
                members = [("@term", start, k + 1)]
            else:
                members, _ = self._members(k, sent.end, sent.start, -1, unknown=False)
        hedged = self._hedged(sent)
        out = []
        for member_id, m0, m1 in members:
            shown = self.entry.term if member_id == "@term" else self.doc[m0:m1].text
            out.append(self._claim(kind, member_id, "category", value, f"{shown}: {value}", sent,
                                   min(m0, c0), max(m1, c1), negated=negated, hedged=hedged))
        return out

    def _number(self, kind: Kind, unit: str, sent, u0: int, u1: int) -> list[Claim]:
        j = u0 - 1
        scale = None
        if j >= sent.start and self.low[j] in _SCALE_WORDS:
            scale, j = self.low[j], j - 1
        if j < sent.start:
            return []
        value = number_of(self.doc[j].text, scale)
        if value is None:
            return []
        n0 = j
        j -= 1
        hedged = False
        while j >= sent.start and (self.low[j] in self.lang["approximate"] or self.low[j] in ("over", "than", "more", "less", "under")):
            hedged, j = True, j - 1
        if j < sent.start or self.low[j] not in kind.words("verbs"):
            return []
        j -= 1
        while j >= sent.start and self.low[j] in self.lang["gap"]:
            j -= 1
        if j < sent.start or self._subject_ends_at(j, sent.start) is None:
            return []
        hedged |= self._hedged(sent)
        return [self._claim(kind, unit, "number", value, f"{show_number(value)} {unit}", sent, n0, u1,
                            hedged=hedged)]


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

