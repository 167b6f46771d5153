"""``style.spelling``: words neither the dictionary nor the glossary knows.

The dictionary is pyspellchecker's English word list (an optional extra:
``pip install 'gloss-lint[spelling]'``), loaded only when the rule runs. The
glossary is a dictionary too: every word of every entry's term, aliases and id
is known, with its plurals and other forms, and so is what its text teaches
(names, words it writes as code, its vocabulary). What is not prose is never
read: markup (``markup.mask``), identifiers, paths, numbers, acronyms,
mixed-case names, a capitalised word inside a sentence (a name), quoted and
bold words. Names the facts gazetteer lists, British spellings, regular forms
and compounds of dictionary words and the ``accept`` words are known as well.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache, lru_cache
from pathlib import Path
from typing import Iterable, Iterator

import yaml

from gloss_lint.config import ConfigError
from gloss_lint.model import Entry, Problem
from gloss_lint.resources import pack_dir
from gloss_lint.rules.style.stems import stem

INSTALL = "pip install 'gloss-lint[spelling]'"

# A run of text between blanks; what is around a word (quotes, brackets, punctuation) is cut
# off by _WORD, what is inside it decides whether it is prose at all.
_CHUNK = re.compile(r"\S+")
_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['’\-](?=[^\W\d_]))*")
# Inside a chunk, any of these makes it code, a path, an address, a number or a version.
_NOT_PROSE = re.compile(r"[\d_/\\@=<>#~{}|*+$%&^]|[.:][^\W_]")
_ROLE = re.compile(r"[(\[]?:[\w-]+:")  # an reStructuredText role, ':dfn:`text`': markup
# A mention, not a use: '"regex" is short for …' (a double-quoted stretch of one line, of a
# bounded length so that an opener never closed is not scanned to the end from each opener).
_QUOTED = re.compile(r'"[^"\n]{0,200}+"|“[^”\n]{0,200}+”')
_ALONE_IN_PARENTHESES = re.compile(r"\([^\W\d_]+\)[.,;:]?$")
_PART = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_POSSESSIVE = re.compile(r"['’]s?$")
_SENTENCE_END = frozenset(".!?:;")
_OPENING = frozenset("\"'“‘([*_>-•")

# British spellings of a dictionary's American words: each pattern and its American form.
_BRITISH = [(re.compile(p), r) for p, r in (
    (r"our(?=s?$|ed$|ing$|ite|ful|able|al|er)", "or"),       # colour, behaviour, favourite
    (r"is(?=e$|es$|ed$|ing$|ation|er$|ers$|able$)", "iz"),     # organise, organisation, tokeniser
    (r"ys(?=e$|es$|ed$|ing$)", "yz"),                        # analyse
    (r"tre(?=s?$)", "ter"),                                  # centre, metre
    (r"ence(?=s?$)", "ense"),                                # licence, defence
    (r"ogue(?=s?$)", "og"),                                  # catalogue
    (r"ll(?=ed$|ing$|er$|ers$)", "l"),                       # modelling, labelled
    (r"mme(?=s?$)", "m"),                                    # programme
)]
# Prefixes written closed up ("pretrained", "subtag"): the rest must be a known word.
_PREFIXES = ("anti", "auto", "bi", "co", "cross", "de", "hyper", "inter", "intra", "meta", "micro",
             "mid", "multi", "non", "over", "post", "pre", "re", "self", "semi", "sub", "super",
             "un", "under")
_MIN_PART = 3  # letters of a word checked, and of each part of a closed compound ('data' + 'set')
_PARTICLES = ("up", "in", "on")  # the short end of a closed compound: 'lookup', 'plugin', 'addon'
_COMMON = 1000  # a compound's parts are common words: this many uses in the dictionary's corpus
# Latin words English writes in phrases and abbreviations: 'etc.', 'vice versa', 'de facto', 'ad hoc'.
_LATIN = frozenset({"etc", "versa", "facto", "hoc", "fide", "vs", "viz", "al", "ibid", "cf", "passim",
                    "circa", "priori", "posteriori", "seq"})
# The prefixes of units (SI and binary), written out: 'giga', 'mebi'.
_UNIT_PREFIXES = frozenset({"yotta", "zetta", "exa", "peta", "tera", "giga", "mega", "kilo", "hecto", "deca",
                            "deci", "centi", "milli", "micro", "nano", "pico", "femto", "atto", "kibi",
                            "mebi", "gibi", "tebi", "pebi", "exbi", "zebi", "yobi"})
# The endings of regular forms of a word: '-ize', '-ly', '-able', '-ing', '-s' …
_ENDINGS = ("ization", "izations", "izing", "ized", "izes", "izer", "izers", "ize", "isation", "ised",
            "ising", "ise", "ally", "ly", "al", "ities", "ity", "able", "ible", "ful", "ness", "less",
            "ment", "ments", "ors", "or", "ers", "er", "ing", "ed", "ies", "es", "s")
_INFLECTIONS = frozenset({"ed", "ing", "er", "ers"})  # after a consonant-vowel-consonant: the dictionary's
_CVC = re.compile(r"(?:^|[^aeiou])[aeiou][^aeiouwxyz]$")
_SIBILANTS = ("s", "x", "z", "ch", "sh")
_MIN_STEM = 5  # a glossary word's other forms ('tokenizer', 'tokenization') share a stem this long
_LONGEST = 30  # letters: a longer 'word' is a name or an identifier run together, not prose
_CLEARLY = 20  # a suggestion is made when it is this many times as common as the next nearest word
_GLOSSARY_USES = 10 ** 9  # a glossary word, as a suggestion, ranks as the commonest
_MOST = 50  # words reported in one field: a field with more is no English prose


@cache
def dictionary() -> dict[str, int]:
    """pyspellchecker's English words and how often each is used, loaded once a process (a third
    of a second); read as a plain dict, far faster than through its checker."""
    try:
        from spellchecker import SpellChecker
    except ImportError:
        raise ConfigError(f"rules.style.spelling needs the pyspellchecker package, which is not "
                          f"installed: {INSTALL} (or turn the rule off)") from None
    return SpellChecker(language="en", distance=1).word_frequency.dictionary


def _words(text: str) -> list[str]:
    return [w.casefold().replace("’", "'") for w in _PART.findall(text)]


def _with_forms(words: Iterable[str]) -> set[str]:
    """Words with their plurals: a glossary that defines 'offeror' knows 'offerors'."""
    known = set()
    for word in words:
        known.update((word, word + "s", word + "es"))
        if word.endswith("y"):
            known.add(word[:-1] + "ies")
    return known


def _names(ctx) -> list[str]:
    """Every word of the glossary's names, the gazetteer's and the config's ``accept`` words."""
    words: list[str] = []
    for entry in ctx.corpus.entries:
        for name in entry.names():
            words += _words(name)
    words += _gazetteer_words()
    words += [w for item in ctx.options["accept"] for w in _words(str(item))]
    words += _accept_file(ctx)
    return words


@cache
def _gazetteer_words() -> tuple[str, ...]:
    """The words of the organisations and products the facts rules know (the pack's gazetteer)."""
    data = yaml.safe_load((pack_dir() / "gazetteer.yaml").read_text(encoding="utf-8")) or {}
    return tuple(w for entity in data.get("entities", ()) for alias in entity.get("aliases", ())
                 for w in _words(str(alias)))


def _accept_file(ctx) -> list[str]:
    name = ctx.options["accept-file"]
    if not name:
        return []
    path = Path(ctx.settings.root) / name
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or "not UTF-8"
        raise ConfigError(f"rules.style.spelling.accept-file: cannot read {path}: {reason}") from None
    return [w for line in text.splitlines() for w in _words(line.split("#", 1)[0])]


def _learned(ctx) -> tuple[set[str], set[str]]:
    """What the glossary's text teaches: the words it writes capitalised inside a sentence
    somewhere (names, wherever they stand); the words it writes as code or in the addresses of
    its links somewhere (names of things: 'div', 'stringify', 'wiki/Bytecode'); and the words at
    least ``min-entries`` entries use (its vocabulary: a slip of the keys is rarely made the same
    way three times)."""
    from gloss_lint.read.markup import code_spans, mask, url_spans

    names: set[str] = set()
    coded: set[str] = set()
    entries_using: dict[str, int] = {}
    for entry in ctx.corpus.entries:
        used = set()
        for field in ctx.options["fields"]:
            raw = entry.text(field)
            for a, b in [*code_spans(raw), *url_spans(raw)]:
                coded.update(_words(raw[a:b]))
            text = mask(raw)
            for start, word in _prose_words(text):
                folded = word.casefold()
                used.add(folded)
                if word[:1].isupper() and word[1:].islower() and not _starts_sentence(text, start):
                    names.add(folded)
        for word in used:
            entries_using[word] = entries_using.get(word, 0) + 1
    least = ctx.options["min-entries"]
    vocabulary = {w for w, n in entries_using.items() if least and n >= least}
    return names, vocabulary | coded


@lru_cache(maxsize=4096)
def _prose_words(text: str) -> tuple[tuple[int, str], ...]:
    """(offset, word) of each word that is prose: not code, a path, a number, an address or an
    reStructuredText role (``:dfn:``). A hyphenated compound is one word here. Cached: the rule
    reads each field twice (what the glossary teaches, then each word)."""
    return tuple(_each_prose_word(text))


def _each_prose_word(text: str) -> Iterator[tuple[int, str]]:
    for chunk in _CHUNK.finditer(text):
        if _ROLE.match(chunk.group()):
            continue
        core = chunk.group().strip("\"'“”‘’()[]{},;:!?.…")
        if not core or _NOT_PROSE.search(core) or _ALONE_IN_PARENTHESES.match(chunk.group()):
            continue  # '(npm)' after 'Node Package Manager': another name for what precedes
        offset = chunk.start() + chunk.group().find(core)
        for found in _WORD.finditer(core):
            yield offset + found.start(), found.group()


def _starts_sentence(text: str, start: int) -> bool:
    """Whether the word at ``start`` opens a sentence, a paragraph, a heading or a list item."""
    i = start - 1
    while i >= 0 and (text[i] in " \t" or text[i] in _OPENING):
        i -= 1
    if i < 0:
        return True
    if text[i] == "\n":
        line_start = text.rfind("\n", 0, start) + 1
        marker = text[line_start:start].strip()
        if marker and (marker[0] in "#-*+>•" or marker[:-1].isdigit()):
            return True  # a heading or a list item
        j = i - 1
        while j >= 0 and text[j] in " \t":
            j -= 1
        if j < 0 or text[j] == "\n":
            return True  # a new paragraph
        i = j
    return text[i] in _SENTENCE_END


class Speller:
    """Whether a word is known: the dictionary, the glossary's words and the names it writes."""

    def __init__(self, words: list[str], names: set[str], vocabulary: set[str]):
        self.dictionary = dictionary()  # word -> uses
        self.known = _with_forms(words) | vocabulary | _LATIN | _UNIT_PREFIXES
        self.stems = {s for s in map(stem, words) if len(s) >= _MIN_STEM}
        self.names = names
        self._seen: dict[str, bool] = {}
        self._forms: dict[str, bool] = {}

    def knows(self, word: str) -> bool:
        word = _POSSESSIVE.sub("", word.casefold().replace("’", "'"))
        if not word or word in _PREFIXES or self._word(word):
            return True
        if "'" in word:
            return False  # a contraction is the dictionary's to know ("does'nt")
        if len(word) > _LONGEST:
            return True  # a 'word' this long is a name or words run together, not prose
        if word not in self._seen:
            self._seen[word] = stem(word) in self.stems or self._formed(word)
        return self._seen[word]

    def _word(self, word: str) -> bool:
        """In the dictionary or the glossary, as written or in its American spelling."""
        return word in self.dictionary or word in self.known or self._british(word)

    def _british(self, word: str) -> bool:
        for pattern, american in _BRITISH:
            changed = pattern.sub(american, word)
            if changed != word and (changed in self.dictionary or changed in self.known):
                return True
        return False

    def _formed(self, word: str) -> bool:
        """A known word, or one formed from known words: a regular ending, a prefix, a compound."""
        if word not in self._forms:
            self._forms[word] = False  # no word is formed from itself
            self._forms[word] = self._word(word) or self._derived(word) or self._compound(word)
        return self._forms[word]

    def _derived(self, word: str) -> bool:
        """A regular form of a known word: 'natively', 'tokenized', 'cacheable', 'attaches'. An
        ending after consonant-vowel-consonant is left to the dictionary, which knows whether the
        consonant doubles ('occurred', 'visited')."""
        for ending in _ENDINGS:
            base = word.removesuffix(ending)
            if base == word or len(base) < _MIN_PART:
                continue
            if ending in _INFLECTIONS and _CVC.search(base):
                continue
            if ending in ("s", "es") and (base.endswith(_SIBILANTS) != (ending == "es")):
                continue  # 'attaches', 'tokens'; not 'attachs'
            for stem_ in (base, base + "e", base[:-1] + "y" if base.endswith("i") else None):
                if stem_ and len(stem_) >= _MIN_PART and (self._word(stem_) or self._compound(stem_)):
                    return True
        return False

    def _compound(self, word: str) -> bool:
        """'pretrained', 'untrusted': a prefix and a known word, unless a word one edit away is
        commoner than that word ('untill' is 'until' misspelt, not 'un' + 'till'). 'dataset',
        'runtime': two common words, unless a word is one edit away ('usefull' is 'useful')."""
        for prefix in _PREFIXES:
            rest = word.removeprefix(prefix)
            if rest != word and len(rest) >= (4 if len(prefix) > 2 else 5) and self._formed(rest):
                uses = self.dictionary.get(rest, _COMMON)
                if all(self.dictionary.get(w, 0) <= uses for w in self._near(word)):
                    return True
        return (any(self._common(word[:i]) and self._common(word[i:]) for i in range(_MIN_PART, len(word) - 1))
                and not self._near(word) - {word + "s", word + "es"})  # its own plural is no other word

    def _common(self, word: str) -> bool:
        return ((len(word) >= _MIN_PART or word in _PARTICLES)
                and self.dictionary.get(word, 0) >= _COMMON)

    def _near(self, word: str) -> set[str]:
        """The known words one edit (a letter left out, added, changed, or two swapped) away."""
        return {w for w in _edits1(word) if w in self.dictionary or w in self.known}

    def suggestion(self, word: str) -> str | None:
        """The nearest word, only when it is clearly the best: the only one at one edit, or far
        more common than the next one."""
        found = self._near(word.casefold())
        if not found:
            return None
        # A word of the glossary counts as common as the commonest; then by use in the dictionary.
        uses = {w: _GLOSSARY_USES if w in self.known else self.dictionary.get(w, 0) for w in found}
        ranked = sorted(found, key=lambda w: (-uses[w], w))
        if len(ranked) > 1 and uses[ranked[0]] < _CLEARLY * uses[ranked[1]]:
            return None
        best = ranked[0]
        return best.capitalize() if word[:1].isupper() else best


def _edits1(word: str) -> set[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    return ({a + b[1:] for a, b in splits if b}
            | {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
            | {a + c + b[1:] for a, b in splits if b for c in letters}
            | {a + c + b for a, b in splits for c in letters})


def check_spelling(entry: Entry, ctx) -> Iterator[Problem]:
    from gloss_lint.model import occurrence

    speller = ctx.memo("style.spelling", lambda: Speller(_names(ctx), *_learned(ctx)))
    for field in ctx.options["fields"]:
        text = entry.text(field)
        for count, (at, word) in enumerate(_unknown(text, entry, field, speller)):
            if count == _MOST:
                yield Problem(f"{field}: more than {_MOST} words neither the dictionary nor the glossary "
                              f"knows; the rest are not reported: is this English prose?", (field,),
                              needle=word, occurrence=occurrence(text, word, at))
                break
            suggestion = speller.suggestion(_POSSESSIVE.sub("", word))
            advice = f"did you mean '{suggestion}'?" if suggestion else "check its spelling"
            yield Problem(f"{field}: '{word}' is in neither the dictionary nor the glossary: {advice} "
                          f"(a right word goes in the rule's accept list)", (field,), needle=word,
                          occurrence=occurrence(text, word, at))


def _unknown(text: str, entry: Entry, field: str, speller: Speller) -> Iterator[tuple[int, str]]:
    """(offset, word) of each word of the field the speller does not know, once each."""
    from gloss_lint.read.markup import link_texts, mask, repeats_definition, strong_texts

    if not text.strip():
        return
    masked = mask(text)
    skip = [m.span() for m in _QUOTED.finditer(masked)]
    if field == "body" and (repeated := repeats_definition(text, entry.text("definition"))):
        skip = sorted([*skip, repeated])  # a Hugo body repeats the definition: reported once, there
    titles = sorted(link_texts(text))  # '[Pseudorandom number generator](…)': a title, capitalised
    # A word in bold is named, as a term is ("**Endian** (or **endianness**) …").
    skip = sorted([*skip, *strong_texts(text)])
    reported = set()
    for start, word in _prose_words(masked):
        if _inside(skip, start) or ("-" in word and speller.knows(word.replace("-", ""))):  # 'co-ordinate'
            continue
        for at, part in _parts(start, word):
            if part not in reported and _is_checked(part, masked, at, speller, titles) and not speller.knows(part):
                reported.add(part)
                yield at, part


def _inside(spans: list[tuple[int, int]], offset: int) -> bool:
    """Whether ``offset`` is inside one of ``spans`` (sorted by start)."""
    i = bisect_right(spans, (offset, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= offset < spans[i][1]


def _parts(start: int, word: str) -> Iterator[tuple[int, str]]:
    """Each part of a hyphenated compound, with its offset."""
    at = start
    for part in word.split("-"):
        yield at, part
        at += len(part) + 1


def _is_checked(word: str, text: str, start: int, speller: Speller, titles: list[tuple[int, int]]) -> bool:
    """Whether ``word`` is an ordinary word: not an acronym, a mixed-case name, a name inside a
    sentence, a capitalised word of a link's text or before another capitalised word (Vint
    Cerf), nor a word of a foreign alphabet or accents."""
    bare = _POSSESSIVE.sub("", word)
    if len(bare) < _MIN_PART or not bare.replace("’", "'").isascii():
        return False
    if any(c.isupper() for c in bare[1:]):
        return False  # an acronym (APIs), camelCase, a brand (iOS, JavaScript)
    if bare[:1].isupper():
        after = text[start + len(word):start + len(word) + 2]
        return (_starts_sentence(text, start) and bare.casefold() not in speller.names
                and not (after[:1] == " " and after[1:].isupper())
                and not _inside(titles, start))
    return True
