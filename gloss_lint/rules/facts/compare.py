"""Claims about the same term, compared by each fact type's policy.

Entries answering to a shared name (term, id or alias) describe one term.
Within a term, claims are bucketed by fact; distinct values are compared
pairwise (values, not claims: the work grows with disagreement, not with
sources). A conflict names both sides' first claims; its rule says which
policy found it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable

from gloss_lint.model import Entry, Severity
from gloss_lint.rules.facts.extract import Claim
from gloss_lint.rules.facts.gazetteer import UNKNOWN, Gazetteer
from gloss_lint.rules.facts.kinds import Kinds
from gloss_lint.rules.facts.names import AFFILIATION, kind_of, words_of
from gloss_lint.rules.facts.values import close


@dataclass(frozen=True)
class Conflict:
    rule: str  # the facts.* rule that reports it
    fact: str  # how the message names the fact
    here: Claim  # where the finding points
    other: Claim  # the related location
    severity: Severity
    why: str = ""


def order_key(claim: Claim) -> tuple:
    return (claim.entry.file.path, claim.entry.span.start, claim.field, claim.sentence, claim.shown)


def _severity(a: Claim, b: Claim, base: Severity = Severity.ERROR) -> Severity:
    return min(base, Severity.WARNING) if a.hedged or b.hedged else base


def _by_value(claims: Iterable[Claim]) -> dict:
    values: dict = {}
    for claim in sorted(claims, key=order_key):
        values.setdefault(claim.value, []).append(claim)
    return values


def _pairs(values: dict):
    keys = sorted(values, key=lambda v: order_key(values[v][0]))
    for i, a in enumerate(keys):
        for b in keys[i + 1:]:
            yield values[a], values[b]


def _across(a: list[Claim], b: list[Claim]) -> tuple[Claim, Claim] | None:
    """The first claims of two values that come from different entries."""
    for x in a:
        for y in b:
            if x.entry is not y.entry:
                return x, y
    return None


def _names_agree(a: str, b: str) -> bool:
    """Unknown names agree when one's words are all in the other ('Hinton', 'Geoffrey Hinton')."""
    wa, wb = words_of(a), words_of(b)
    return wa <= wb or wb <= wa


_STRENGTH = ("unknown", "sibling", "different")  # weakest disagreement first


def _party_relation(x: str, y: str, gazetteer: Gazetteer) -> str | None:
    """'agree', 'different', 'sibling', 'unknown' (two names that differ), or None: cannot tell
    (a person may work for any organisation; a name of either kind beside a known one)."""
    kx, ky = kind_of(x), kind_of(y)
    if {kx, ky} <= {"known", "affiliation"}:
        relation = gazetteer.relation(x.lstrip(AFFILIATION), y.lstrip(AFFILIATION))
        if relation in ("same", "part"):
            return "agree"
        # 'Google CEO Eric Schmidt' against 'at Compaq': people move; a warning at most
        return "unknown" if "affiliation" in (kx, ky) else relation
    if "affiliation" in (kx, ky):
        return None
    if "known" in (kx, ky):
        other = ky if kx == "known" else kx
        return "unknown" if other == "org" else None
    if _names_agree(x, y):
        return "agree"
    return None if {kx, ky} == {"person", "org"} else "unknown"


def credit_relation(a: str, b: str, gazetteer: Gazetteer) -> str | None:
    """Two credits ('x+y' is shared) agree when any of their parties agree; otherwise the
    strongest disagreement between parties that can be compared, or None."""
    found = [_party_relation(x, y, gazetteer) for x in a.split("+") for y in b.split("+")]
    if "agree" in found:
        return "agree"
    return max((r for r in found if r), key=_STRENGTH.index, default=None)


def compare(claims: list[Claim], groups: dict[str, list[Entry]], kinds: Kinds,
            gazetteer: Gazetteer) -> list[Conflict]:
    term_of = {id(e): key for key, members in groups.items() for e in members}
    buckets: dict[tuple, list[Claim]] = defaultdict(list)
    for claim in claims:
        if claim.cut and (claim.slot == "by" or claim.closed):
            continue  # a credit or a closed list read only in part: published, not compared
        buckets[(term_of[id(claim.entry)], claim.kind, claim.key, claim.slot)].append(claim)
    conflicts: list[Conflict] = []
    for (term, kind_name, key, slot), found in sorted(buckets.items()):
        kind = kinds.kinds[kind_name]
        positive = [c for c in found if not c.negated]
        negative = [c for c in found if c.negated]
        if slot == "year":
            conflicts += _years(kind_name, key, positive, negative)
        elif slot == "date" and key in kind.spec.get("general", []):
            continue  # compared below with every event of its kind
        elif slot == "date":
            conflicts += _years(kind_name, key, positive, negative, "facts.date", "date")
        elif slot == "version":
            conflicts += _versions(kind_name, positive, negative)
        elif slot == "by":
            conflicts += _orgs(kind_name, key, positive, negative, gazetteer)
        elif slot == "category":
            conflicts += _categories(kind, key, positive, negative)
        elif slot == "number":
            conflicts += _numbers(kind, key, positive)
        elif slot == "members":
            conflicts += _lists(kind_name, positive, negative, gazetteer)
    conflicts += _order(claims, term_of, kinds)
    conflicts += _general_dates(claims, term_of, kinds)
    return conflicts


def _years(kind: str, event: str, positive: list[Claim], negative: list[Claim],
           rule: str = "facts.year", unit: str = "year") -> list[Conflict]:
    fact = f"{kind} ({event}) {unit}"
    out = []
    for a, b in _pairs(_by_value(positive)):
        if a[0].value.overlaps(b[0].value):
            continue
        if pair := _across(a, b):
            out.append(Conflict(rule, fact, pair[1], pair[0], _severity(*pair)))
    for neg in negative:
        for pos in positive:
            if pos.entry is not neg.entry and pos.value.within(neg.value):
                out.append(Conflict(rule, fact, neg, pos, _severity(neg, pos), "negated"))
                break
    return out


def _orgs(kind: str, event: str, positive: list[Claim], negative: list[Claim],
          gazetteer: Gazetteer) -> list[Conflict]:
    fact = f"{kind} ({event}) by"
    out = []
    for a, b in _pairs(_by_value(positive)):
        relation = credit_relation(a[0].value, b[0].value, gazetteer)
        if relation in (None, "agree"):
            continue
        if pair := _across(a, b):
            base = Severity.ERROR if relation == "different" else Severity.WARNING
            out.append(Conflict("facts.by", fact, pair[1], pair[0], _severity(*pair, base)))
    for neg in negative:
        for pos in positive:
            if pos.entry is not neg.entry and any(n in gazetteer.ancestors(p.lstrip(AFFILIATION))
                                                  for n in neg.value.split("+") for p in pos.value.split("+")):
                out.append(Conflict("facts.by", fact, neg, pos, _severity(neg, pos), "negated"))
                break
    return out


def _versions(kind: str, positive: list[Claim], negative: list[Claim]) -> list[Conflict]:
    """Two sources naming different current versions; a version said to be and not to be current."""
    fact = f"{kind} (current)"
    out = []
    for a, b in _pairs(_by_value(positive)):
        if pair := _across(a, b):
            out.append(Conflict("facts.version", fact, pair[1], pair[0], Severity.WARNING))
    for neg in negative:
        pos = next((p for p in positive if p.entry is not neg.entry and p.value == neg.value), None)
        if pos is not None:
            out.append(Conflict("facts.version", fact, neg, pos, Severity.WARNING, "negated"))
    return out


def _general_dates(claims: list[Claim], term_of: dict, kinds: Kinds) -> list[Conflict]:
    """A general event ('took effect') may be any of its kind's events: it conflicts with another
    source only when none of that source's dates of the kind ('entered into force', 'applies
    from') overlaps it."""
    dates: dict[tuple, list[Claim]] = defaultdict(list)
    for c in claims:
        if c.slot == "date" and not c.negated:
            dates[(term_of[id(c.entry)], c.kind)].append(c)
    out = []
    for (term, name), found in sorted(dates.items()):
        general = set(kinds.kinds[name].spec.get("general", []))
        for claim in sorted((c for c in found if c.key in general), key=order_key):
            others = [c for c in sorted(found, key=order_key) if c.entry is not claim.entry]
            sources = {id(c.entry) for c in others}
            for source in sorted(sources, key=lambda s: order_key(next(c for c in others if id(c.entry) == s))):
                theirs = [c for c in others if id(c.entry) == source]
                if not any(c.value.overlaps(claim.value) for c in theirs):
                    other = theirs[0]
                    if other.key in general and order_key(other) < order_key(claim):
                        continue  # the pair is reported from the other side
                    out.append(Conflict("facts.date", f"{name} ({claim.key}) date", claim, other,
                                        _severity(claim, other)))
                    break
    return out


def _categories(kind, element: str, positive: list[Claim], negative: list[Claim]) -> list[Conflict]:
    disjoint = [set(group) for group in kind.spec.get("disjoint", [])]
    fact = f"{kind.name} of {positive[0].shown.split(':')[0] if positive else element}"
    out = []
    for a, b in _pairs(_by_value(positive)):
        if not any({a[0].value, b[0].value} <= group for group in disjoint):
            continue  # different, but not declared exclusive: both may be true
        if pair := _across(a, b):
            out.append(Conflict("facts.category", fact, pair[1], pair[0], _severity(*pair)))
    for neg in negative:
        for pos in positive:
            if pos.entry is not neg.entry and pos.value == neg.value:
                out.append(Conflict("facts.category", fact, neg, pos, _severity(neg, pos), "negated"))
                break
    return out


def _numbers(kind, unit: str, positive: list[Claim]) -> list[Conflict]:
    tolerance = float(kind.spec.get("tolerance", 0.02))
    out = []
    for a, b in _pairs(_by_value(positive)):
        hedged = a[0].hedged or b[0].hedged
        if close(a[0].value, b[0].value, max(tolerance, 0.1) if hedged else tolerance):
            continue
        if pair := _across(a, b):
            out.append(Conflict("facts.number", f"{kind.name} ({unit})", pair[1], pair[0], _severity(*pair)))
    return out


def _covered(member: str, members: frozenset, gazetteer: Gazetteer) -> bool:
    """A member is in a list as itself, as a part or whole of a listed one, or as a product of a
    listed maker ('Azure Functions' is Microsoft's)."""
    if member in members:
        return True  # the same as itself: asked most often, answered without the relations
    mine = {member, gazetteer.maker(member)}
    return any(_same_or_part(x, y, gazetteer) for x in mine for y in
               {z for m in members for z in (m, gazetteer.maker(m))})


def _same_or_part(a: str, b: str, gazetteer: Gazetteer) -> bool:
    """Whether ``gazetteer.relation(a, b)`` is 'same' or 'part', without working out the rest."""
    if "+" in a or "+" in b:
        return gazetteer.relation(a, b) in ("same", "part")
    return a == b or a in gazetteer.ancestors(b) or b in gazetteer.ancestors(a)


def _outside(member: str, closed: frozenset, gazetteer: Gazetteer) -> bool:
    """Whether a member is surely not in a closed list. A name the gazetteer does not know
    may be a product or part of a known listed one ("Azure" for Microsoft): not sure."""
    if _covered(member, closed, gazetteer):
        return False
    if member.startswith(UNKNOWN):
        if any(not m.startswith(UNKNOWN) for m in closed):
            return False
        return not any(_names_agree(member, m) for m in closed)
    # a known member beside a closed list of names the gazetteer lacks: those may be its products
    return not all(m.startswith(UNKNOWN) for m in closed) or gazetteer.entities[member].label == "ORG"


def _lists(kind: str, positive: list[Claim], negative: list[Claim], gazetteer: Gazetteer) -> list[Conflict]:
    out = []
    positive = sorted(positive, key=order_key)
    for closed in (c for c in positive if c.closed):
        for other in positive:
            if other.entry is closed.entry:
                continue
            extra = sorted(m for m in other.value if _outside(m, closed.value, gazetteer))
            if extra:
                names = ", ".join(other.name(m) or gazetteer.name(m) for m in extra)
                known = any(not m.startswith(UNKNOWN) for m in extra)
                base = Severity.ERROR if known else Severity.WARNING
                out.append(Conflict("facts.list", kind, other, closed, _severity(closed, other, base),
                                    f"{names} outside the closed list"))
    for neg in negative:
        for pos in positive:
            both = sorted(m for m in neg.value if _covered(m, pos.value, gazetteer))
            if pos.entry is not neg.entry and both:
                out.append(Conflict("facts.list", kind, neg, pos, _severity(neg, pos),
                                    f"{', '.join(neg.name(m) or gazetteer.name(m) for m in both)} negated"))
                break
    for a in positive:
        if a.closed:
            continue
        missing = sorted({m for b in positive if b.entry is not a.entry for m in b.value
                          if not m.startswith(UNKNOWN) and not _covered(m, a.value, gazetteer)})
        if missing:  # then another source lists a member this one lacks
            others = [b for b in positive if b.entry is not a.entry and set(b.value) - set(a.value)]
            out.append(Conflict("facts.list-incomplete", kind, a, others[0], Severity.INFO,
                                ", ".join(gazetteer.name(m) for m in missing)))
    return out


def _order(claims: list[Claim], term_of: dict, kinds: Kinds) -> list[Conflict]:
    years: dict[tuple, list[Claim]] = defaultdict(list)
    for c in claims:
        if c.slot == "year" and not c.negated:
            years[(term_of[id(c.entry)], c.kind, c.key)].append(c)
    out = []
    for kind in kinds.of("event"):
        for earlier, later in kind.spec.get("order", []):
            for (term, name, event), found in sorted(years.items()):
                if name != kind.name or event != earlier:
                    continue
                for first in sorted(found, key=order_key):
                    late = [c for c in sorted(years.get((term, name, later), []), key=order_key)
                            if c.value.hi < first.value.lo and c.entry is not first.entry]
                    if late:
                        out.append(Conflict("facts.order", f"{name}: {later} before {earlier}",
                                            late[0], first, Severity.WARNING))
                        break
    return out
