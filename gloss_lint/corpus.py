"""The corpus: every entry read, indexed once by term, id and alias."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from gloss_lint.model import Entry, normalize_name


@dataclass
class Corpus:
    entries: list[Entry]
    # Items a profile skips (a disambiguation page): not linted, but pages a link may lead to.
    pages: list[Entry] = field(default_factory=list)
    # Entries read only as context (the rest of a glossary some files of which are linted).
    context: frozenset[int] = frozenset()
    _index: dict[str, list[Entry]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        index: dict[str, list[Entry]] = defaultdict(list)
        for entry in self.entries:
            for key in dict.fromkeys(normalize_name(n) for n in entry.names()):
                if key:
                    index[key].append(entry)
        self._index = dict(index)

    @property
    def linted(self) -> list[Entry]:
        """The entries findings are reported on: all but the context."""
        return [e for e in self.entries if id(e) not in self.context] if self.context else self.entries

    def lookup(self, name: str) -> list[Entry]:
        """Entries answering to ``name`` (term, id or alias), ignoring case, spaces, '-' and '_'."""
        return self._index.get(normalize_name(name), [])

    def names(self) -> list[str]:
        """Every normalised name in the index (for "did you mean" suggestions)."""
        return list(self._index)
