"""The corpus: the glossary as read, every entry indexed once by term, id and alias, grouped by term."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Callable

from gloss_lint.model import Entry, normalize_name


@dataclass
class Corpus:
    entries: list[Entry]
    # Items a profile skips (a disambiguation page): not linted, but pages a link may lead to.
    pages: list[Entry] = field(default_factory=list)
    # Entries read only as context (the rest of a glossary some files of which are linted).
    context: frozenset[int] = frozenset()
    # Documentation files the profile names in ``uses``: read for the term links they hold, never
    # linted as entries (one Entry each, its text in the field ``uses``).
    documents: list[Entry] = field(default_factory=list)
    _index: dict[str, list[Entry]] = field(default_factory=dict, repr=False)
    _terms: dict[str, list[Entry]] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        index: dict[str, list[Entry]] = defaultdict(list)
        for entry in self.entries:
            for key in dict.fromkeys(normalize_name(n) for n in entry.names()):
                if key:
                    index[key].append(entry)
        self._index = dict(index)

    @classmethod
    def deferred(cls, build: Callable[[], Corpus], linted_count: int) -> Corpus:
        """A corpus built by ``build`` only when a report needs more of it than how many entries
        were linted (a run the cache answered need not read its files)."""
        corpus = cls.__new__(cls)
        corpus.__dict__.update(_build=build, _linted_count=linted_count)
        return corpus

    def __getattr__(self, name: str) -> Any:
        # Reached only for a field a deferred corpus has not got yet: build it now.
        build = None if name.startswith("__") else self.__dict__.pop("_build", None)
        if build is None:
            raise AttributeError(name)
        self.__dict__.update(build().__dict__)
        return getattr(self, name)

    @property
    def linted_count(self) -> int:
        """How many entries findings are reported on (the reports' summary)."""
        count = self.__dict__.get("_linted_count")
        return len(self.linted) if count is None else count

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

    def terms(self) -> dict[str, list[Entry]]:
        """Entries per term: those sharing a normalised name describe one term (union-find),
        keyed by the least of their normalised terms. Built once."""
        if self._terms is None:
            self._terms = self._group()
        return self._terms

    def _group(self) -> dict[str, list[Entry]]:
        parent: dict[int, int] = {}

        def find(x: int) -> int:
            while parent.setdefault(x, x) != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        position = {id(e): i for i, e in enumerate(self.entries)}
        for sharing in self._index.values():  # the entries answering to one name are one term
            first = find(position[id(sharing[0])])
            for other in sharing[1:]:
                parent[find(position[id(other)])] = first
        groups: dict[int, list[Entry]] = defaultdict(list)
        for i, entry in enumerate(self.entries):
            groups[find(i)].append(entry)
        named: dict[str, list[Entry]] = {}
        for members in groups.values():
            key = min((normalize_name(e.term) for e in members if e.term), default="")
            named.setdefault(key, []).extend(members)
        return named
