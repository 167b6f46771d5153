"""A light stemmer the style rules share: 'tokenization', 'tokenizing' and 'tokenizer' meet."""

from __future__ import annotations

from functools import lru_cache

_SUFFIXES = ("ations", "ation", "ings", "ing", "ers",
             "er", "ies", "ied", "es", "ed", "s", "e")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light stem so that 'tokenization', 'tokenizing' and 'tokenizer' meet, and 'tokens' does not."""
    if word.isupper() or (word[:-1].isupper() and word[-1:] == "s"):
        return word.rstrip("s").casefold() if len(word) > 2 else word.casefold()  # an acronym: APIs
    word = word.casefold().removesuffix("'s").removesuffix("’s")
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not (suffix == "s" and word.endswith("ss")):
            word = word[:-len(suffix)]
            break
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "ls":
        word = word[:-1]  # 'embedd(ing)' -> 'embed'
    return word
