"""Readability numbers for one field's prose, offline and the same on every machine.

textstat 0.7.13 counts English syllables with NLTK's CMU dictionary and calls
``nltk.download('cmudict')`` the first time it needs it: a linter must never do
that, and results would differ between a machine that has the data and one that
does not. So gloss-lint never asks textstat for syllables. It takes from textstat
its word list (``list_words``: punctuation and hyphens removed, contractions kept
whole, here with textstat's own apostrophe pattern) and its English formula
constants, read from textstat's constants file without importing the package,
whose import loads NLTK (a quarter second) for that dictionary; and it counts syllables itself with
Pyphen's ``en_US`` hyphenation dictionary, which is textstat's own fallback for
words CMUdict lacks and is installed with textstat (Pyphen is a dependency of it).
Every threshold in ``rules/readability.py`` is tuned with this syllable source;
Pyphen reads about 10 points easier on Flesch reading ease than CMUdict.

Sentences are split here too, on the masked prose (``markup.mask``), so that a
long sentence can be quoted at its place in the field: textstat's own sentence
count drops sentences of two words or fewer and splits at every "e.g.".
"""

from __future__ import annotations

import importlib.util
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import ModuleType

from gloss_lint.read.markup import mask

SYLLABLE_SOURCE = "pyphen en_US"

# Where a sentence may end: end punctuation (with closing quotes, brackets and leftover emphasis
# marks) before white space, a blank line, or a line that starts a list item, heading or table row.
# A run of end punctuation is tried from its start only, and nothing is given back: linear. The
# pattern opens with the one class its matches start with, so that the scan skips to those
# characters instead of trying the pattern at every one.
_END = re.compile(r"""[.!?…\n](?:(?<=[.!?…])(?<![.!?…].)[.!?…]*+['"’”)\]*_]*+(?=\s)"""
                  r"""|(?<=\n)[ \t]*\n"""
                  r"""|(?<=\n)(?=[ \t]*(?:[-*+•]|\d+[.)]|#{1,6}|\|)[ \t]))""")
_WORD_BEFORE = re.compile(r"(\S{1,64})$")
_NEXT_WORD = re.compile(r"""\s*[(\['"‘“_*]*(\S{0,64})""")
# Abbreviations whose period ends no sentence ("e.g. HTTP", "approx. 5", "Dr. Smith") …
_ABBREVIATIONS = {"e.g", "i.e", "vs", "cf", "approx", "dr", "mr", "mrs", "ms", "st", "no", "fig", "eq",
                  "a.k.a", "aka", "ph.d", "resp", "incl", "esp", "viz"}
# … and those that may also close one: "etc." before any capital, the others before a word that
# usually opens a sentence ("… in the U.S. The agency …", but "U.S. Army").
_MAY_CLOSE = {"etc", "u.s", "inc", "ltd", "co", "corp", "al", "u.k", "e.u"}
_OPENERS = {"the", "this", "that", "these", "those", "it", "its", "a", "an", "in", "for", "if", "when",
            "see", "they", "such", "each", "some", "most", "all", "as", "on", "at", "to", "by", "other",
            "also", "however", "note", "there", "we", "you", "one", "many", "any", "both", "unlike",
            "because", "while", "after", "before", "since", "with", "without", "from", "under", "use",
            "where", "what", "which", "who", "how", "why", "so", "but", "and", "or", "then", "thus",
            "hence", "here", "not", "only", "every", "even", "yet", "although", "though", "once",
            "until", "unless", "whether", "instead", "otherwise", "therefore", "today", "now", "he",
            "she", "his", "her", "their", "our", "i", "is", "are", "was", "were", "can", "do", "does"}
# An initialism ("U.S.C.", "z.B.") before a number, '§' or a small letter is a citation, not an end.
_INITIALISM = re.compile(r"(?:[^\W\d_]{1,3}\.)+[^\W\d_]{1,3}")


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int  # offsets into the field's text
    end: int
    words: int


@dataclass(frozen=True, slots=True)
class Readability:
    words: int
    syllables: int
    sentences: tuple[Sentence, ...]

    @property
    def words_per_sentence(self) -> float:
        return self.words / len(self.sentences) if self.sentences else 0.0

    @property
    def syllables_per_word(self) -> float:
        return self.syllables / self.words if self.words else 0.0

    @property
    def reading_ease(self) -> float:
        """Flesch reading ease: 100 is very easy, below 30 is hard (a scientific paper)."""
        if not self.words:
            return 0.0
        base, per_sentence, per_syllable = _constants()
        return base - per_sentence * self.words_per_sentence - per_syllable * self.syllables_per_word

    @property
    def grade(self) -> float:
        """Flesch–Kincaid grade: the US school year that reads the text comfortably."""
        if not self.words:
            return 0.0
        return 0.39 * self.words_per_sentence + 11.8 * self.syllables_per_word - 15.59

    @property
    def longest(self) -> Sentence | None:
        return max(self.sentences, key=lambda s: s.words, default=None)


@lru_cache(maxsize=1)
def _textstat_constants() -> ModuleType:
    """textstat's ``backend/utils/constants.py`` (plain data, no imports), loaded from its file."""
    package = Path(importlib.util.find_spec("textstat").origin).parent
    spec = importlib.util.spec_from_file_location("gloss_lint._textstat_constants",
                                                  package / "backend" / "utils" / "constants.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@lru_cache(maxsize=1)
def _constants() -> tuple[float, float, float]:
    english = _textstat_constants().LANG_CONFIGS["en"]
    return tuple(english[k] for k in ("fre_base", "fre_sentence_length", "fre_syll_per_word"))


@lru_cache(maxsize=1)
def _word_patterns() -> tuple[re.Pattern, re.Pattern]:
    """textstat's ``remove_punctuation`` (apostrophes of contractions kept): its two patterns."""
    return re.compile(_textstat_constants().RE_NONCONTRACTION_APOSTROPHE), re.compile(r"[^\w\s\']")


@lru_cache(maxsize=1)
def _hyphenator():
    import pyphen

    return pyphen.Pyphen(lang="en_US")


@lru_cache(maxsize=65536)
def syllables(word: str) -> int:
    """Syllables of one lower-case word, as textstat counts a word CMUdict does not know.

    A "word" longer than any English one (a hash, words run together) is not hyphenated,
    which takes Pyphen time in proportion to its length: it counts a syllable for every
    three letters, English's average."""
    if len(word) > _LONGEST_WORD:
        return len(word) // 3
    return len(_hyphenator().positions(word)) + 1


_LONGEST_WORD = 45


def _words(text: str) -> list[str]:
    """textstat's ``list_words(text, lowercase=True)``."""
    apostrophe, punctuation = _word_patterns()
    if "'" in text:  # the apostrophe pattern finds nothing else
        text = apostrophe.sub("", text)
    return punctuation.sub("", text).lower().split()


def sentences(prose: str, text: str | None = None) -> list[tuple[int, int]]:
    """(start, end) of each sentence of an already masked text; with the ``text`` it was masked
    from, a sentence that opens or closes with markup starts and ends where its text does.

    Markup is blanked, so a sentence may open with blanks where code was, with a lower-case
    name ("gzip", "sRGB") or with leftover emphasis marks: after end punctuation and white
    space, a new sentence starts whatever follows, unless the period belongs to an
    abbreviation or an initial.
    """
    found: list[tuple[int, int]] = []
    start = 0
    for m in _END.finditer(prose):
        if m.group()[:1] in ".…" and not _ends_sentence(prose, m):
            continue
        if m.group()[:1] in "!?" and not _next_word(prose, m.end())[:1].isupper():
            continue  # "Yahoo! is", "what? then": only a capital opens the next sentence
        found.append((start, m.end()))
        start = m.end()
    found.append((start, len(prose)))
    result = []
    for a, b in found:
        piece = (text or prose)[a:b]
        if prose[a:b].strip():
            a += len(piece) - len(piece.lstrip())
            b -= len(piece) - len(piece.rstrip())
            result.append((a, b))
    return result


def _next_word(prose: str, at: int) -> str:
    return _NEXT_WORD.match(prose, at).group(1)


def _ends_sentence(prose: str, end: re.Match) -> bool:
    """Whether the period (or ellipsis) of ``end`` closes its sentence."""
    following = _next_word(prose, end.end())
    if end.group()[:1] == "…" or end.group().startswith(".."):
        return following[:1].isupper()  # an ellipsis inside a sentence goes on in small letters
    before = _WORD_BEFORE.search(prose, max(0, end.start() - 64), end.start())
    word = before.group(1).lstrip("""(['"‘“_*""").lower() if before else ""
    if word in _ABBREVIATIONS:
        return False
    if word in _MAY_CLOSE:
        return following[:1].isupper() and (word == "etc" or following.lower().strip(",") in _OPENERS)
    if _INITIALISM.fullmatch(word):
        return following[:1].isupper()
    if len(word) == 1 and word.isalpha() and before.group(1).isupper():
        # "J. Smith": an initial before a name; "tables A and B. Where …": a letter closing a sentence
        return not following[:1].isupper() or following.lower().strip(",") in _OPENERS
    return True


# A capitalised word inside a sentence is part of a name ('European Computer Manufacturers
# Association', 'Kubernetes'): an editor cannot say it in shorter words, so it weighs no more
# than an average word.
_NAME_SYLLABLES = 2
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def _names(sentence: str) -> set[str]:
    first = _WORD.search(sentence)
    rest = sentence[first.end():] if first else ""
    if rest.islower():
        return set()  # no capital after the first word (most sentences): no name
    return {w.lower() for w in _WORD.findall(rest) if w[0].isupper()}


def measure(text: str) -> Readability:
    """Words, syllables and sentences of a field's prose (markup left out)."""
    prose = mask(text)
    counted: list[Sentence] = []
    total_syllables = 0
    for start, end in sentences(prose, text):
        words = _words(prose[start:end])
        if words:
            counted.append(Sentence(start, end, len(words)))
            names = _names(prose[start:end])
            total_syllables += sum(min(syllables(w), _NAME_SYLLABLES) if w in names else syllables(w)
                                   for w in words)
    return Readability(sum(s.words for s in counted), total_syllables, tuple(counted))
