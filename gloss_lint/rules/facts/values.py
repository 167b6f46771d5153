"""Values a fact takes, normalised so that two sources can be compared.

Years are intervals at the granularity written ("2021" -> 2021-2021, "early
2020s" -> 2020-2023), widened by one year on each side when hedged ("around
2021"). Dates keep the precision written: "25 May 2018" is a day, "May 2018"
a month, "2018" a year, each an interval of days. Numbers carry a scale ("175
billion", "175B", "175,000,000,000"). Versions compare as dotted numbers
("v4.0.1" = "4.0.1", "17.0" = "17"). No date parser: they invent months and
days (see research/facts.md §2.1).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date


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


_YEAR = re.compile(r"(1[89]\d\d|20\d\d)")  # 1800-2099: a four-digit number is not always a year
_DECADE = re.compile(r"(1[89]\d|20\d)0s")
_RANGE = re.compile(r"(1[89]\d\d|20\d\d)[–—-](1[89]\d\d|20\d\d|\d\d)")
_PART = {"early": (0, 3), "mid": (3, 6), "late": (6, 9)}  # of a decade


def year_of(token: str) -> Interval | None:
    """A year-like token as an interval: '2021', '2020s', 'mid-2021', '2018–2019'."""
    text = token.strip("()[],.;:").lower()
    if text[:1] not in ("1", "2") and not text.startswith(("early-", "mid-", "late-")):
        return None  # every form starts with a year or a part of a decade
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


MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})


def day_of(token: str) -> int | None:
    """'25', '1st', '3rd' -> a day of the month."""
    m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?", token.lower())
    return int(m.group(1)) if m and 1 <= int(m.group(1)) <= 31 else None


def date_of(year: Interval, month: int | None = None, day: int | None = None) -> tuple[Interval, str] | None:
    """A year interval narrowed to the month and day written, as days (ordinals), and shown."""
    if month is None or year.lo != year.hi:
        return Interval(date(year.lo, 1, 1).toordinal(), date(year.hi, 12, 31).toordinal()), str(year)
    last = calendar.monthrange(year.lo, month)[1]
    if day is None:
        return (Interval(date(year.lo, month, 1).toordinal(), date(year.lo, month, last).toordinal()),
                f"{year.lo}-{month:02d}")
    if day > last:
        return None
    return Interval(date(year.lo, month, day).toordinal(), date(year.lo, month, day).toordinal()), \
        f"{year.lo}-{month:02d}-{day:02d}"


_VERSION = re.compile(r"v?(\d+(?:\.\d+)*)", re.I)


def version_of(text: str) -> str | None:
    """'v4.0.1' -> '4.0.1', '17.0' -> '17', '2022' -> '2022'; None when not a version number."""
    m = _VERSION.fullmatch(text.strip())
    if not m:
        return None
    parts = m.group(1).split(".")
    while len(parts) > 1 and int(parts[-1]) == 0:
        parts.pop()
    return ".".join(str(int(p)) for p in parts)
