"""Links between entries: found once, resolved once, shared by every ``links.*`` rule.

A link is an item of an entry's ``related`` list, or an inline link found
in a text field by one of the profile's ``links`` patterns (a regular expression
whose group ``target`` is the link target, with an optional group ``fragment``).
Each pattern says how its target resolves:

- ``resolve: name`` (the default): against every entry's term, id and aliases,
  ignoring case unless ``case: sensitive``, with space, ``_`` and ``-`` the same
  unless ``separators: false``; a prefix ``strip`` removes first;
- ``resolve: file``: a path relative to the linking file, to a file holding one
  entry, or to the entry whose id or name is the ``#fragment``.

Related terms resolve by the profile's ``related`` policy (by name, or ``resolve: file``
with a ``path`` such as ``{target}.md`` for static sites whose lists hold file slugs).
A pattern's ``prefix`` keeps only targets under it (``/terms/`` of a root-relative URL).

A target no entry answers to may still be a page: an item the profile skips
(a disambiguation page), an old name in the profile's ``redirects`` files, or a term
the config lists in ``external-terms`` (another project's glossary).

Documentation files a profile names in ``uses`` are not entries: each is one
``Entry`` whose only field, ``uses``, is its prose; the syntaxes read in the field
``uses`` find its links, reported where they are written.
``malformed-links`` patterns find link syntax that is broken (``[text] (#x)``);
a link pattern's match inside a malformed one is not a link.

Everything is one pass over an index of names: the cost grows with the number
of links, never with pairs of entries.
"""

from __future__ import annotations

import difflib
import os
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator, NamedTuple

from gloss_lint.model import (
    SEPARATORS,
    Entry,
    name_variants,
    normalize_name,
    occurrence,
)
from gloss_lint.read.markup import code_spans
from gloss_lint.read.readers import redirect_paths

_MAX_REDIRECTS = 5
_SUGGEST_POOL = 500  # names compared for a suggestion, at most (unless one word is all there is)
DEFAULT_FIELDS = ("definition", "body")


class Policy(NamedTuple):  # a tuple: every link's lookups hash it, in C
    """How a link's target text is compared with entry names."""

    case: bool = False  # case-sensitive
    separators: bool = True  # space, '_' and '-' are the same
    resolve: str = "name"  # or "file"
    path: str = "{target}"  # resolve: file — the file's path relative to the linking file

    def key(self, name: str) -> str:
        return _key(self, name)


@lru_cache(maxsize=262144)
def _key(policy: Policy, name: str) -> str:
    """The form a name is indexed under for ``policy`` (names recur: computed once each)."""
    if not policy.case:
        return normalize_name(name) if policy.separators else name.strip().casefold()
    text = SEPARATORS.sub(" ", name).strip() if policy.separators else name.strip()
    return text.strip(" \"'`.,;:")


@dataclass(frozen=True)
class Syntax:
    """One way of writing a link: a profile's ``links`` item."""

    name: str
    pattern: re.Pattern
    fields: tuple[str, ...]
    policy: Policy
    strip: re.Pattern | None = None
    prefix: str = ""


@dataclass(eq=False, slots=True)  # one per link of a glossary, tens of thousands: not frozen, built 4x faster
class Link:
    """One reference, as written, and where: ``path`` into the entry, ``written`` the text to point at."""

    entry: Entry
    syntax: str  # "related", or the name of the inline syntax
    target: str
    written: str
    path: tuple
    policy: Policy
    occurrence: int = 0
    fragment: str = ""
    external: bool = False  # a scraped page's related term: a page of its own site

    @property
    def needle(self) -> str | None:
        return None if self.syntax == "related" else self.written


@dataclass(frozen=True, slots=True)
class Resolution:
    """What a link leads to. ``entries`` empty: it leads nowhere.

    ``via``: ``name`` (as written, or differing only in a word's first letter or a
    separator), ``case`` (only when case is ignored), ``redirect`` (through a redirect),
    ``page`` (a skipped page, not an entry). ``canonical`` is the form to write instead.
    """

    entries: tuple[Entry, ...] = ()
    via: str = ""
    canonical: str = ""
    suggestion: str = ""
    longer: str = ""  # the one name that contains the target's words and more ('generative AI' for 'AI')
    reason: str = ""  # why it leads nowhere, when there is more to say than "no such name"


@dataclass(frozen=True)
class Malformed:
    entry: Entry
    path: tuple
    written: str
    occurrence: int
    message: str


@dataclass
class Graph:
    links: list[tuple[Link, Resolution]] = field(default_factory=list)
    malformed: list[Malformed] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)  # redirect files that could not be read

    def related(self) -> Iterator[tuple[Link, Resolution]]:
        return ((link, r) for link, r in self.links if link.syntax == "related")


# ---------------------------------------------------------------- reading the profile

def policy(item: dict[str, Any]) -> Policy:
    """The resolution policy of a ``links`` item or of the profile's ``related`` table."""
    return Policy(case=item.get("case", "insensitive") == "sensitive", separators=item.get("separators", True),
                  resolve=item.get("resolve", "name"), path=item.get("path", "{target}"))


def syntaxes(profile_links: list[dict[str, Any]]) -> list[Syntax]:
    return [Syntax(
        name=item.get("name", item["pattern"]),
        pattern=re.compile(item["pattern"]),
        fields=tuple(item.get("fields", DEFAULT_FIELDS)),
        policy=policy(item),
        strip=re.compile(item["strip"]) if item.get("strip") else None,
        prefix=item.get("prefix", ""),
    ) for item in profile_links]


def read_redirects(roots: list[Path], spec: dict[str, Any], unreadable: list[str]) -> dict[str, str]:
    """Old name -> new name, from the redirect files (by name) under the linted paths; a file
    that cannot be read is added to ``unreadable`` (its name and why)."""
    pattern = re.compile(spec["pattern"], re.M)
    redirects: dict[str, str] = {}
    for path in redirect_paths(roots, spec.get("files", ())):
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError as error:
            unreadable.append(f"{path.name} ({error.strerror or error})")
            continue
        for m in pattern.finditer(text):
            redirects.setdefault(m.group("from"), m.group("to"))
    return redirects


# ---------------------------------------------------------------- finding links

def find_links(entry: Entry, inline: dict[str, list[Syntax]], malformed: list[tuple[re.Pattern, str]],
               related_external: bool = False, related_policy: Policy = Policy()
               ) -> tuple[list[Link], list[Malformed]]:
    """An entry's links and broken link syntax; ``inline`` maps a field to the syntaxes read in it."""
    links: list[Link] = []
    broken: list[Malformed] = []
    for i, item in entry.strings("related"):
        if item.strip():
            links.append(Link(entry, "related", item.strip(), item, ("related", i), related_policy,
                              external=related_external))
    for name, field_syntaxes in inline.items():
        text = entry.text(name)
        if not text:
            continue
        code = code_spans(text) if entry.markup == "markdown" else []
        taken: list[tuple[int, int]] = []
        for pattern, message in malformed:
            for m in pattern.finditer(text):
                if not _inside(m.span(), code):
                    taken.append(m.span())
                    broken.append(Malformed(entry, (name,), m.group(), occurrence(text, m.group(), m.start()),
                                            message))
        for syntax in field_syntaxes:
            for m in syntax.pattern.finditer(text):
                if _inside(m.span(), code) or any(_overlaps(m.span(), t) for t in taken):
                    continue
                written = m.group()
                at = occurrence(text, written, m.start())  # as Entry.locate counts them
                target = m.group("target") or ""
                if syntax.prefix:
                    if not target.startswith(syntax.prefix):
                        continue  # a link to another part of the site, not to the glossary
                    target = target[len(syntax.prefix):]
                if syntax.strip:
                    target = syntax.strip.sub("", target)
                fragment = (m.groupdict().get("fragment") or "").strip()
                if not target.strip() and not (syntax.policy.resolve == "file" and fragment):
                    broken.append(Malformed(entry, (name,), written, at, "the link has no target"))
                    continue
                links.append(Link(entry, syntax.name, target.strip(), written, (name,), syntax.policy,
                                  at, fragment))
    return links, broken


def _inside(span: tuple[int, int], ranges: list[tuple[int, int]]) -> bool:
    return any(start <= span[0] and span[1] <= end for start, end in ranges)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


# ---------------------------------------------------------------- resolving

_WORD_START = re.compile(r"(?<![^\W\d_])[^\W\d_]")
# A capital inside a word, or a capital word: a name cased on purpose ('JavaScript', 'ARPA').
_INNER_CAPITAL = re.compile(r"[^\W\d_][A-Z]")


def _loose(name: str) -> str:
    """A name with its separators one space and each word's first letter in lower case:
    'large language model' and 'Large Language Model' are the same name written in a
    sentence and in a title; 'Javascript' and 'JavaScript' are not."""
    name = SEPARATORS.sub(" ", name).strip()
    return _WORD_START.sub(lambda m: m.group().lower(), name)


def _written_names(entry: Entry) -> list[str]:
    """The names an entry spells out: its term, its id when it has one, its aliases."""
    return [n for n in (entry.term, entry.text("id"), *entry.aliases) if n]


class Resolver:
    """Entry names indexed per policy, built once per run and shared by all links."""

    def __init__(self, entries: list[Entry], pages: list[Entry], redirects: dict[str, str],
                 external: frozenset[str] = frozenset()):
        self.entries = entries
        self.external = external  # normalised names of terms defined elsewhere
        self.pages = pages
        self._page_ids = {id(p) for p in pages}
        self.redirects = redirects
        self._indexes: dict[Policy, dict[str, list[Entry]]] = {}
        self._redirects: dict[Policy, dict[str, str]] = {}
        self._files: dict[Policy, dict[str, list[Entry]]] = {}
        self._suggest_index: dict[str, set[str]] | None = None
        self._display: dict[str, str] = {}
        self._term_key_cache: dict[Policy, dict[int, tuple[str, str]]] = {}
        self._chosen_for: dict[tuple, Resolution] = {}  # see _chosen
        # What the link being resolved consulted (``resolved``): (policy, name key) of the
        # index, or the suggestion pool of a word's first letters; None: not recorded.
        self._consulted: set[tuple] | None = None

    def _term_keys(self, entry: Entry, policy: Policy) -> tuple[str, str]:
        """The keys of an entry's term and id, once per entry: every link to the term asks."""
        cache = self._term_key_cache.setdefault(policy, {})
        keys = cache.get(id(entry))
        if keys is None:
            keys = cache[id(entry)] = (policy.key(entry.term), policy.key(entry.id))
        return keys

    def index(self, policy: Policy) -> dict[str, list[Entry]]:
        if policy not in self._indexes:
            index: dict[str, list[Entry]] = defaultdict(list)
            for entry in [*self.entries, *self.pages]:
                for key in dict.fromkeys(policy.key(n) for n in entry.names()):
                    if key:
                        index[key].append(entry)
            self._indexes[policy] = dict(index)
        return self._indexes[policy]

    def _lookup(self, policy: Policy, key: str) -> list[Entry] | None:
        if self._consulted is not None:
            self._consulted.add((policy, key))
        return self.index(policy).get(key)

    def resolved(self, link: Link) -> tuple[Resolution, frozenset[tuple] | None]:
        """What ``link`` leads to, and what it depends on besides the link (see ``_consulted``):
        another resolver that holds the same there resolves it the same (``Unchanged``)."""
        self._consulted = set()
        resolution = self.resolve(link)
        consulted, self._consulted = self._consulted, None
        return resolution, None if consulted is None else frozenset(consulted)

    def resolve(self, link: Link) -> Resolution:
        if link.policy.resolve == "file":
            self._consulted = None  # the whole list of files: resolved again every time
            return self._resolve_file(link)
        policy = link.policy
        found = self._lookup(policy, policy.key(link.target))
        if found:
            return self._chosen(link, found, link.target)
        _, outside, *inside = name_variants(link.target)
        for variant in [*inside, outside]:
            found = self._lookup(policy, policy.key(variant)) if variant.strip() else None
            if found:  # 'RAG (Retrieval-Augmented Generation)' answers to 'RAG'
                return self._chosen(link, found, variant)
        redirected = self._follow(link.target, policy)
        if redirected:
            target, found = redirected
            chosen = self._chosen(link, found, target)
            return Resolution(chosen.entries, "redirect", target)
        if normalize_name(link.target) in self.external:
            return Resolution(via="external")
        suggestion = self._suggest(link)
        return Resolution(suggestion=suggestion, longer="" if suggestion else self._longer(link))

    def _chosen(self, link: Link, found: list[Entry], written: str) -> Resolution:
        # ``found`` is what ``written`` is indexed under: the choice depends on the policy, the
        # linking entry's source and ``written`` alone, and most targets are linked many times.
        chosen = self._chosen_for.get((link.policy, link.entry.source, written))
        if chosen is None:
            chosen = self._chosen_for[link.policy, link.entry.source, written] = \
                self._choose(link.policy, link.entry.source, found, written)
        return chosen

    def _choose(self, policy: Policy, source: str, found: list[Entry], written: str) -> Resolution:
        real = [e for e in found if id(e) not in self._page_ids]
        if not real:
            return Resolution((found[0],), "page")
        same_source = [e for e in real if e.source == source] or real
        key = policy.key(written)
        by_term = [e for e in same_source if key in self._term_keys(e, policy)]
        chosen = tuple(dict.fromkeys(by_term or same_source))  # a term or id before an alias
        if policy.case:
            return Resolution(chosen, "name")
        names = [n for e in chosen for n in _written_names(e) if policy.key(n) == key]
        if not names or written in names or any(_loose(n) == _loose(written) for n in names):
            return Resolution(chosen, "name")  # as written (or the id made from the term: no case)
        canonical = max(names, key=lambda n: difflib.SequenceMatcher(None, written, n).ratio())
        if not _INNER_CAPITAL.search(canonical):
            return Resolution(chosen, "name")  # 'responsible AI' for the entry 'responsible ai'
        return Resolution(chosen, "case", canonical)

    def _follow(self, target: str, policy: Policy) -> tuple[str, list[Entry]] | None:
        if not self.redirects:
            return None
        if policy not in self._redirects:
            self._redirects[policy] = {policy.key(old): new for old, new in self.redirects.items()}
        redirects = self._redirects[policy]
        seen = set()
        key = policy.key(target)
        for _ in range(_MAX_REDIRECTS):
            if key in seen or key not in redirects:
                return None
            seen.add(key)
            target = redirects[key]
            key = policy.key(target)
            found = self._lookup(policy, key)
            if found is not None:
                return target, found
        return None

    def _file_key(self, path: str, policy: Policy) -> str:
        path = os.path.normpath(path)
        return path if policy.case else path.casefold()

    def _resolve_file(self, link: Link) -> Resolution:
        policy = link.policy
        files = self._files.get(policy)
        if files is None:
            files = self._files[policy] = defaultdict(list)
            for entry in [*self.entries, *self.pages]:
                files[self._file_key(entry.file.path, policy)].append(entry)
        here = Path(link.entry.file.path)
        written = policy.path.replace("{target}", link.target)
        path = here.parent / written if link.target else here
        in_file = files.get(self._file_key(str(path), policy), [])
        if not in_file:
            close = difflib.get_close_matches(self._file_key(str(path), policy), list(files), n=1, cutoff=0.85)
            suggestion = os.path.relpath(files[close[0]][0].file.path, here.parent) if close else ""
            return Resolution(suggestion=suggestion, reason=f"no entry file '{written}' beside this one")
        if link.fragment:
            key = normalize_name(link.fragment)
            in_file = [e for e in in_file if any(normalize_name(n) == key for n in e.names())]
            if not in_file:
                return Resolution(reason=f"'{written or path.name}' holds no entry '#{link.fragment}'")
        return Resolution(tuple(in_file[:1]), "name")  # a file of several entries: the page itself

    def _suggest(self, link: Link) -> str:
        """The closest existing name, offered only when it is close and clearly closer than the
        next one; never a name of the linking entry itself (compared through a word/prefix index)."""
        target = normalize_name(link.target)
        # Names sharing a word's first three letters; a prefix most names share ('ter' of 'Term 1',
        # 'Term 2' …) is left out unless every word's is, so the comparison stays small.
        groups = sorted((self._pool(w) for w in target.split()), key=len)
        small = [g for g in groups if len(g) <= _SUGGEST_POOL]
        candidates = set().union(*(small or groups[:1]))
        if link.policy.case or not link.policy.separators:  # differs only in case or a separator
            loose = self._lookup(Policy(), target)
            if loose:
                return next(n for e in loose for n in e.names() if normalize_name(n) == target)
        own, words = id(link.entry), f" {target} "
        ranked = sorted((edit_distance(target, key), key) for key in candidates  # a longer name
                        if self._owners[key] != {own} and words not in f" {key} ")  # is not a slip
        if not ranked:
            return ""
        best, key = ranked[0]
        close = best <= max(1, len(target) // 8)  # a slip of a letter or two, not another name
        clear = len(ranked) == 1 or ranked[1][0] > best
        return self._display[key] if close and clear else ""


    def _pool(self, word: str) -> set[str]:
        """The names (normalised) with a word that starts as ``word`` does; their owners and
        how they are shown are read with them."""
        if self._consulted is not None:
            self._consulted.add(("pool", word[:3]))
        return self._names_by_start().get(word[:3], set())

    def _names_by_start(self) -> dict[str, set[str]]:
        if self._suggest_index is None:
            self._suggest_index = defaultdict(set)
            self._owners: dict[str, set[int]] = defaultdict(set)
            for entry in self.entries:
                for name in entry.names():
                    key = normalize_name(name)
                    self._display.setdefault(key, name)
                    self._owners[key].add(id(entry))
                    for word in key.split():
                        self._suggest_index[word[:3]].add(key)
        return self._suggest_index

    def _longer(self, link: Link) -> str:
        """The one name (of another entry) that holds the target's words and more, if just one does."""
        target = f" {normalize_name(link.target)} "
        first = normalize_name(link.target).split()[:1]
        found = {key for key in self._pool(first[0]) if target in f" {key} "
                 and self._owners[key] != {id(link.entry)}} if first else set()
        return self._display[found.pop()] if len(found) == 1 else ""


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance: letters inserted, deleted or replaced to turn ``a`` into ``b``."""
    if abs(len(a) - len(b)) > max(len(a), len(b)) // 2:
        return max(len(a), len(b))  # far apart: the exact figure does not matter
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return previous[-1]


class Unchanged:
    """Whether a resolver resolves a link as an earlier one did: the same entries (the same
    objects) under every name key the link consulted, the same names in every suggestion pool
    it consulted, with the same owners and shown the same, and the same redirects and
    external terms."""

    def __init__(self, earlier: Resolver, now: Resolver):
        self.earlier, self.now = earlier, now
        self.same_pages = earlier.redirects == now.redirects and earlier.external == now.external
        self._known: dict[tuple, bool] = {}

    def __call__(self, consulted: frozenset[tuple] | None) -> bool:
        return self.same_pages and consulted is not None and all(map(self._same, consulted))

    def _same(self, what: tuple) -> bool:
        if what not in self._known:
            self._known[what] = self._pool_same(what[1]) if what[0] == "pool" else self._key_same(*what)
        return self._known[what]

    def _key_same(self, policy: Policy, key: str) -> bool:
        then, now = self.earlier.index(policy).get(key, ()), self.now.index(policy).get(key, ())
        return len(then) == len(now) and all(a is b for a, b in zip(then, now))

    def _pool_same(self, start: str) -> bool:
        earlier, now = self.earlier, self.now
        then, names = earlier._names_by_start().get(start, set()), now._names_by_start().get(start, set())
        return then == names and all(earlier._owners[k] == now._owners[k] and earlier._display[k] == now._display[k]
                                     for k in names)


def build_graph(entries: list[Entry], pages: list[Entry], profile_data: dict[str, Any],
                roots: list[Path], documents: list[Entry] = (), external_terms: tuple[str, ...] = (),
                shared: dict | None = None) -> Graph:
    """Every link of every entry and documentation file, found and resolved: one pass, one index.

    ``shared`` (``Context.shared``): another run's links of the same entry objects are taken as
    they are, and its resolutions where ``Unchanged`` (a check of named files resolves the rest
    of the glossary's links again only where the names they consulted changed)."""
    if shared is not None and shared.get("profile") != (profile_data, roots):
        shared.clear()  # another layout: nothing found before holds
    inline: dict[str, list[Syntax]] = defaultdict(list)  # field -> the syntaxes read in it
    for syntax in syntaxes(profile_data.get("links", [])):
        for name in syntax.fields:
            inline[name].append(syntax)
    malformed = [(re.compile(m["pattern"]), m["message"]) for m in profile_data.get("malformed-links", [])]
    graph = Graph()
    redirects = read_redirects(roots, profile_data["redirects"], graph.unreadable) if "redirects" in profile_data else {}
    related = profile_data.get("related", {})
    related_policy = policy(related)
    resolver = Resolver(entries, pages, redirects, frozenset(normalize_name(t) for t in external_terms))
    if shared is None:  # a run alone
        for entry in [*entries, *documents]:
            links, broken = find_links(entry, inline, malformed, related.get("external", False), related_policy)
            graph.malformed += broken
            graph.links += [(link, resolver.resolve(link)) for link in links]
        return graph
    shared["profile"] = (profile_data, roots)
    # Each value holds the object whose id is its key: no other object has that id meanwhile.
    found: dict[int, tuple] = shared.setdefault("found", {})  # id(entry) -> entry, its links, broken ones
    earlier: dict[int, tuple] = shared.get("resolved", {})  # id(link) -> link, resolution, consulted
    unchanged = Unchanged(shared["resolver"], resolver) if "resolver" in shared else None
    resolved: dict[int, tuple] = {}
    for entry in [*entries, *documents]:
        known = found.get(id(entry))
        if known is None:
            known = found[id(entry)] = (entry, *find_links(entry, inline, malformed, related.get("external", False),
                                                             related_policy))
        _, links, broken = known
        graph.malformed += broken
        for link in links:
            before = earlier.get(id(link))
            if before is not None and unchanged is not None and unchanged(before[2]):
                resolved[id(link)] = before
            else:
                resolved[id(link)] = (link, *resolver.resolved(link))
            graph.links.append(resolved[id(link)][:2])
    shared.update(resolver=resolver, resolved=resolved)
    return graph
