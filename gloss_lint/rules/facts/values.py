"""Values a fact takes, normalised so that two sources can be compared.

Years are intervals at the granularity written ("2021" -> 2021-2021, "early
2020s" -> 2020-2023), widened by one year on each side when hedged ("around
2021"). Numbers carry a scale ("175 billion", "175B", "175,000,000,000").
No date parser: they invent months and days (see research/facts.md §2.1).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

FIRST_YEAR, LAST_YEAR = 1800, 2099


@dataclass(frozen=True, order=True)
class Interval:
    """A closed range of years."""

    lo: int
    hi: int

    def overlaps(self, other: Interval) -> bool:
        return self.lo <= other.hi and other.lo <= self.hi

    def within(self, other: Interval) -> bool:
        return other.lo <= self.lo and self.hi <= other.hi

    def widened(self, by: int = 1) -> Interval:
        return Interval(self.lo - by, self.hi + by)

    def __str__(self) -> str:
        return str(self.lo) if self.lo == self.hi else f"{self.lo}–{self.hi}"


_YEAR = re.compile(r"(1[89]\d\d|20\d\d)")
_DECADE = re.compile(r"(1[89]\d|20\d)0s")
_RANGE = re.compile(r"(1[89]\d\d|20\d\d)[–—-](1[89]\d\d|20\d\d|\d\d)")
_PART = {"early": (0, 3), "mid": (3, 6), "late": (6, 9)}  # of a decade


def year_of(token: str) -> Interval | None:
    """A year-like token as an interval: '2021', '2020s', 'mid-2021', '2018–2019'."""
    text = token.strip("()[],.;:").lower()
    part = None
    for word in _PART:
        if text.startswith(word + "-"):
            part, text = word, text[len(word) + 1:]
    if m := _RANGE.fullmatch(text):
        lo, hi = int(m.group(1)), m.group(2)
        hi = int(hi) if len(hi) == 4 else lo // 100 * 100 + int(hi)
        return Interval(lo, hi) if lo <= hi else None
    if m := _DECADE.fullmatch(text):
        start = int(m.group(1)) * 10
        lo, hi = _PART.get(part, (0, 9))
        return Interval(start + lo, start + hi)
    if _YEAR.fullmatch(text):
        return Interval(int(text), int(text))
    return None


def decade_part(word: str, interval: Interval) -> Interval:
    """'early' + 2020s -> 2020-2023; a part of a single year stays that year."""
    if word in _PART and interval.hi - interval.lo == 9:
        lo, hi = _PART[word]
        return Interval(interval.lo + lo, interval.lo + hi)
    return interval


_SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "billion": 1e9, "b": 1e9,
           "bn": 1e9, "trillion": 1e12, "t": 1e12}
_NUMBER = re.compile(r"(\d+(?:,\d{3})*(?:\.\d+)?)([kmbt]|bn)?", re.I)


def number_of(text: str, scale: str | None = None) -> float | None:
    """'175' + 'billion', '175B', '1,000' -> a float; None when not a number."""
    m = _NUMBER.fullmatch(text.strip())
    if not m:
        return None
    value = float(m.group(1).replace(",", ""))
    suffix = (m.group(2) or "").lower()
    if suffix:
        value *= _SCALES[suffix]
    if scale:
        value *= _SCALES.get(scale.lower(), 1)
    return value


def show_number(value: float) -> str:
    for word, size in (("trillion", 1e12), ("billion", 1e9), ("million", 1e6)):
        if value >= size:
            return f"{value / size:g} {word}"
    return f"{value:g}"


def close(a: float, b: float, tolerance: float) -> bool:
    return abs(a - b) <= tolerance * max(abs(a), abs(b))
