"""Who did something: organisations from the gazetteer, and people or unknown organisations by their shape.

A credit is one or more parties joined by '+' ("Rivest, Shamir and Adleman"). A
party is a gazetteer id, or a name the gazetteer lacks: ``?p:`` a person (a role
word is written with it: "Finnish student Linus Torvalds"), ``?o:`` an
organisation (its last word or an appositive says so: "Acme Labs", "dotCloud,
the company …"), ``?`` either. A role word's other side is dropped unless the
gazetteer knows it ("Forrester analyst John Kindervag" is Kindervag and Forrester).
"""

from __future__ import annotations

from typing import NamedTuple

from gloss_lint.model import normalize_name
from gloss_lint.rules.facts.gazetteer import UNKNOWN

PERSON, ORGANISATION = UNKNOWN + "p:", UNKNOWN + "o:"
AFFILIATION = "~"  # before a known organisation a person of the credit belongs to
PARTICLES = {"van", "von", "de", "der", "den", "da", "di", "du", "le", "la", "bin", "al", "del"}
NOT_NAMES = {"The", "A", "An", "This", "That", "These", "Those", "It", "Its", "In", "On", "At", "Some",
             "Many", "Most", "All", "Other", "Others", "Today", "Now", "Then", "Both", "Also", "Since",
             "After", "Before", "When", "While", "Version", "He", "She", "They", "His", "Her", "Their"}
_JOINS = {",", "and", "&"}
# after 'and', these start a phrase the reader cannot name: the list was cut ('and several others')
CUT_AFTER = {"a", "an", "the", "several", "many", "some", "various", "its", "their", "his", "her", "few",
             "numerous", "multiple", "two", "three", "four", "five", "other", "more", "dozens", "hundreds"}
_SUFFIXES = {"inc", "inc.", "ltd", "ltd.", "llc", "corp", "corp.", "gmbh", "plc"}


def words_of(party: str) -> set[str]:
    return set(party.split(":", 1)[-1].lstrip(UNKNOWN).split())


def kind_of(party: str) -> str:
    """'known', 'affiliation' (a known organisation a person belongs to), 'person', 'org' or
    'name' (an unknown name that may be either)."""
    if party.startswith(AFFILIATION):
        return "affiliation"
    if party.startswith(PERSON):
        return "person"
    if party.startswith(ORGANISATION):
        return "org"
    return "name" if party.startswith(UNKNOWN) else "known"


class Mention(NamedTuple):
    """A name the gazetteer knows, found at tokens ``start`` to ``end`` of a doc."""

    start: int
    end: int
    label: str
    id: str


class Names:
    """Reads names in one doc; ``ents`` maps a token index to the gazetteer entity starting there."""

    def __init__(self, doc, tok: list[str], low: list[str], alpha: list[bool], ents: dict, roles: frozenset,
                 organisations: frozenset):
        self.doc, self.tok, self.low, self.alpha, self.ents = doc, tok, low, alpha, ents
        self.roles, self.organisations = roles, organisations
        self.cut = False  # whether the last credit read stopped before its end
        self.cover = {i: e for e in ents.values() for i in range(e.start, e.end)}
        self.inside = set(self.cover)

    # -- tokens ---------------------------------------------------------------

    def namelike(self, i: int) -> bool:
        """A capitalised word, or one with a capital inside ('dotCloud', 'eBay')."""
        text = self.tok[i]
        if not text[:1].isalpha() or text in NOT_NAMES or text.islower():  # islower: no capital anywhere
            return False
        return text[:1].isupper() or (any(c.isupper() for c in text[1:]) and text.isalnum())

    def _name_part(self, i: int, hi: int) -> bool:
        if i >= hi or i in self.ents or self.low[i] in self.roles:
            return False
        if self.namelike(i) or self.low[i] in _SUFFIXES:
            return True
        if self.low[i] in PARTICLES:
            return i + 1 < hi and self.namelike(i + 1)
        return self.tok[i] == "-" and i + 1 < hi and self.namelike(i + 1)  # 'Berners-Lee'

    def run_end(self, i: int, hi: int) -> int:
        """End of a run of name words from ``i`` (i itself when there is none); ', Inc.' belongs to it."""
        k = i
        while self._name_part(k, hi):
            k += 1
            if k + 1 < hi and self.low[k] == "," and self.low[k + 1] in _SUFFIXES:
                k += 2
        return k

    # -- parties --------------------------------------------------------------

    def party(self, i: int, hi: int) -> tuple[list[str], int] | None:
        """One party at ``i``: its ids (a person may bring a known affiliation) and where it ends.

        [entity | name] ['s] [role …] [name]: 'OpenAI', 'Acme Labs', 'Amazon Aurora' (a product of
        Amazon's), 'Finnish student Linus Torvalds', 'Google CEO Eric Schmidt', 'Amazon engineers'."""
        k, known, name = i, None, None
        ent = self.ents.get(k)
        if ent is not None and ent.end <= hi:
            known, k = ent.id, ent.end
            k = self.run_end(k, hi)  # 'Amazon Aurora': the maker's
        elif self._name_part(k, hi):
            name, k = (k, self.run_end(k, hi)), self.run_end(k, hi)
        if k < hi and self.low[k] in ("'s", "’s") and (known or name):
            k += 1
        role = k
        while k < hi and self.low[k] in self.roles:
            k += 1
        ids: list[str] = []
        if k > role:  # a role: the name after it is a person; only a known affiliation is kept
            if self._name_part(k, hi):
                end = self.run_end(k, hi)
                ids += [AFFILIATION + known] if known else []
                ids.append(PERSON + normalize_name(self.doc[k:end].text))
                k = end
            elif known:
                ids.append(known)  # Amazon engineers
        elif known:
            ids.append(known)
        elif name:
            ids.append(self._unknown(self.doc[name[0]:name[1]].text, name[0], name[1], hi))
            k = name[1]
        if not ids:
            return None
        # 'Eric Schmidt of Google', 'Brendan Eich at Netscape'
        if k + 1 < hi and self.low[k] in ("of", "at") and self.ents.get(k + 1) is not None and not known:
            ids.append(AFFILIATION + self.ents[k + 1].id)
            k = self.ents[k + 1].end
        return ids, k

    def _unknown(self, text: str, start: int, end: int, hi: int) -> str:
        name = normalize_name(text.replace(", Inc", " Inc"))
        if self.low[end - 1] in self.organisations or self._described_as_org(end, hi) \
                or self._described_as_org_before(start):
            return ORGANISATION + name
        return UNKNOWN + name

    def _described_as_org(self, end: int, hi: int) -> bool:
        """'dotCloud, the company later renamed …', 'Garantia Data, a small start-up'."""
        if end + 1 >= hi or self.low[end] not in (",", "("):
            return False
        k = end + 1
        if self.low[k] not in ("the", "a", "an", "then", "now"):
            return False
        return any(w.strip(",.;") in self.organisations for w in self.doc[k + 1:min(hi, k + 6)].text.lower().split()[:3])

    def _described_as_org_before(self, start: int) -> bool:
        """'a small start-up, Acme Labs', 'the start-up Acme'."""
        k = start - 1
        if k >= 0 and self.low[k] == ",":
            k -= 1
        words = self.doc[max(0, k - 2):k + 1].text.lower().split()
        return k >= 0 and bool(words) and words[-1] in self.organisations

    def parties(self, i: int, hi: int) -> tuple[str, int, int] | None:
        """A credit at ``i``: one or more parties joined by ',', 'and', '&'; (id, start, end)."""
        self.cut = False
        first = self.party(i, hi)
        if first is None:
            return None
        ids, end = first
        while end < hi and self.low[end] in _JOINS:
            j = end
            while j < hi and self.low[j] in _JOINS:
                j += 1
            nxt = self.party(j, hi)
            if nxt is None:
                self.cut = j < hi and self.low[j] in CUT_AFTER and "and" in self.low[end:j]
                break
            ids += nxt[0]
            end = nxt[1]
        unique = list(dict.fromkeys(ids))
        return "+".join(unique), i, end

    def parties_before(self, k: int, lo: int) -> tuple[str, int, int] | None:
        """A credit ending at ``k`` (the subject of an active verb): 'NASA and Rackspace started'."""
        i = k
        while i >= lo and (self.namelike(i) or self.low[i] in self.roles or self.low[i] in _JOINS
                           or self.low[i] in PARTICLES or self.low[i] in _SUFFIXES
                           or self.low[i] in ("'s", "’s", "-") or i in self.inside):
            i -= 1
        start = i + 1
        while start <= k and self.low[start] in _JOINS | {"'s", "’s", "-"}:
            start += 1
        if start > k or (start > lo and self.alpha[start - 1]
                         and self.low[start - 1] not in ("by", "and", "in", "the", "from")):
            return None
        # 'Engineers from Mozilla' has no name where it starts: the credit must reach k
        for s in range(start, k + 1):
            if self.low[s] in _JOINS:
                continue
            found = self.parties(s, k + 1)
            if found and found[2] == k + 1:
                return found
        return None
