"""``links.*``: related terms and inline links that lead nowhere, or not where they say.

Links are found and resolved once per run (``gloss_lint.rules.links.graph.build_graph``);
each rule here reads that graph. Every finding points at the link as written.
"""

from __future__ import annotations

import re
from typing import Iterator
from urllib.parse import urlsplit

from gloss_lint.model import Entry, Problem, Related, Severity, encodable, normalize_name
from gloss_lint.registry import Rule
from gloss_lint.rules.links.graph import Graph, Link, build_graph


def graph(ctx) -> Graph:
    def build() -> Graph:
        roots = [*ctx.settings.paths, *ctx.settings.context]  # where a redirects file may lie
        built = build_graph(ctx.corpus.entries, ctx.corpus.pages, ctx.settings.profile.data, roots,
                            ctx.corpus.documents, ctx.settings.external_terms,
                            ctx.shared("links.graph") if ctx.sharing else None)
        if ctx.settings.publishes("links"):
            ctx.data["links"] = _published(built, ctx.corpus.entries)
        return built

    return ctx.memo("links.graph", build)


def _published(built: Graph, entries: list[Entry]) -> list[tuple]:
    """Each link of an entry as (linking entry, entries it leads to, how it resolved), entries
    given by their index in the corpus (``links`` in the result's data, for the HTML report).
    Links from documentation files (a profile's ``uses``) are left out: they are no entry's."""
    index = {id(e): i for i, e in enumerate(entries)}
    return [(index[id(link.entry)], tuple(index[id(e)] for e in resolution.entries if id(e) in index),
             resolution.via) for link, resolution in built.links if id(link.entry) in index]


def _at(link: Link, message: str, **extra) -> Problem:
    return Problem(message, link.path, link.needle, occurrence=link.occurrence, entry=link.entry, **extra)


def _what(link: Link) -> str:
    return "related term" if link.syntax == "related" else "link to"


def _name(entry: Entry) -> str:
    return entry.term or entry.id


# ---------------------------------------------------------------- checks

def check_unresolved(ctx) -> Iterator[Problem]:
    links = graph(ctx)
    # A redirect file that could not be read may hold the old name: say so on each link it could.
    unread = f"; the redirects file {', '.join(links.unreadable)} could not be read" if links.unreadable else ""
    # A site that shows related terms as plain text, not links, says so with a lower severity.
    related_severity = ctx.settings.profile.data.get("related", {}).get("severity")
    for link, resolution in links.links:
        if resolution.entries or link.external or resolution.via == "external":
            continue
        hint = f"; did you mean '{resolution.suggestion}'?" if resolution.suggestion else ""
        if not hint and resolution.longer:
            hint = f"; '{resolution.longer}' is a longer name that contains it"
        reason = (resolution.reason or "no term, alias or id answers to it") + unread
        severity = Severity[related_severity.upper()] if related_severity and link.syntax == "related" else None
        yield _at(link, f"{_what(link)} '{link.target or link.written}' leads to no entry ({reason}){hint}",
                  severity=severity)


def check_self(ctx) -> Iterator[Problem]:
    for link, resolution in graph(ctx).links:
        if resolution.entries == (link.entry,):
            yield _at(link, f"'{_name(link.entry)}' links to itself ('{link.target}')")


def check_duplicate(ctx) -> Iterator[Problem]:
    seen: dict[tuple[int, object], Link] = {}
    for link, resolution in graph(ctx).related():
        target = tuple(sorted(map(id, resolution.entries))) or normalize_name(link.target)
        key = (id(link.entry), target)
        if key in seen:
            first = seen[key]
            same = "" if normalize_name(first.target) == normalize_name(link.target) else \
                f" (as '{first.target}')"
            yield _at(link, f"related term '{link.target}' is already listed{same}; remove one",
                      related=(Related(link.entry, "listed first here", first.path),))
        else:
            seen[key] = link


def check_ambiguous(ctx) -> Iterator[Problem]:
    for link, resolution in graph(ctx).links:
        if len(resolution.entries) < 2 or resolution.via == "page":
            continue  # one entry answers (most links): no two terms to tell apart
        terms = {normalize_name(_name(e)): e for e in resolution.entries}
        if len(terms) < 2:
            continue
        entries = list(terms.values())
        names = ", ".join(f"'{_name(e)}'" for e in entries)
        yield _at(link, f"{_what(link)} '{link.target}' answers to {len(entries)} entries ({names}); "
                        f"link to one by its term or id",
                  related=tuple(Related(e, f"'{link.target}' answers to '{_name(e)}'") for e in entries))


def check_inexact(ctx) -> Iterator[Problem]:
    for link, resolution in graph(ctx).links:
        if resolution.via == "case":
            yield _at(link, f"{_what(link)} '{link.target}' matches '{resolution.canonical}' only when case "
                            f"is ignored; write '{resolution.canonical}'")
        elif resolution.via == "redirect":
            yield _at(link, f"{_what(link)} '{link.target}' is an old name that redirects to "
                            f"'{resolution.canonical}'; link to '{resolution.canonical}'")


def check_syntax(ctx) -> Iterator[Problem]:
    for broken in graph(ctx).malformed:
        yield Problem(f"malformed link '{broken.written}': {broken.message}", broken.path, broken.written,
                      occurrence=broken.occurrence, entry=broken.entry)


def check_orphan(ctx) -> Iterator[Problem]:
    linked = {id(e) for link, r in graph(ctx).links if r.via != "page"
              for e in r.entries if e is not link.entry}
    for entry in ctx.corpus.linted:
        if id(entry) not in linked and entry.term:
            yield Problem(f"no other entry links to '{entry.term}'", ("term",), entry=entry)


def check_one_way(ctx) -> Iterator[Problem]:
    pairs: set[tuple[int, int]] = set()
    lists = []
    for link, resolution in graph(ctx).related():
        if len(resolution.entries) == 1 and resolution.via != "page":
            target = resolution.entries[0]
            if target is not link.entry:
                pairs.add((id(link.entry), id(target)))
                lists.append((link, target))
    for link, target in lists:
        if target.source == link.entry.source and (id(target), id(link.entry)) not in pairs:
            yield _at(link, f"'{_name(link.entry)}' lists '{_name(target)}' as related, but "
                            f"'{_name(target)}' does not list '{_name(link.entry)}'",
                      related=(Related(target, f"'{_name(target)}' could list '{_name(link.entry)}'",
                                       ("related",)),))


_HOST = re.compile(r"(?:[\w](?:[\w-]*\w)?\.)+[^\W\d_][\w-]*\.?|localhost|\d{1,3}(?:\.\d{1,3}){3}|[0-9a-f.]*:[0-9a-f:.]*")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


def url_problem(url: str) -> str:
    """Why a source URL is not a well-formed absolute http(s) URL ('' when it is).

    A value with no scheme at all is not a URI: ``schema.format`` reports it.
    """
    url = url.strip()
    if not _SCHEME.match(url):
        return ""
    try:
        parts = urlsplit(url)
    except ValueError:  # unbalanced or misplaced brackets; a host that NFKC changes into '/', '?' …
        if re.match(r"[^:]*://[^/?#]*[\[\]]", url):
            return "is malformed: '[' and ']' in a host may only enclose an IPv6 address"
        return "is malformed: its host name holds characters a URL cannot have there"
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        return f"is a {scheme}: address, not a web page (http or https)"
    if re.search(r"\s", url):
        return "contains white space (write it as %20)"
    if not url[len(scheme) + 1:].startswith("//"):
        return f"lacks '//' after '{scheme}:' (write {scheme}://host/…)"
    try:
        parts.port
    except ValueError:
        return "has a port that is not a number"
    host = parts.hostname or ""
    if not host:
        return "has no host name"
    if not _HOST.fullmatch(host):
        return f"has a host name '{host}' that is not a domain"
    return ""


def check_url(entry: Entry, ctx) -> Iterator[Problem]:
    for i, source in entry.items("sources"):
        url, path = (source.get("url"), ("sources", i, "url")) if isinstance(source, dict) else (source, ("sources", i))
        if isinstance(url, str):
            url = encodable(url)
            problem = url_problem(url)
            if problem:
                yield Problem(f"source URL '{url}' {problem}", path)


# ---------------------------------------------------------------- the rules

def _rule(id: str, summary: str, severity: Severity, check, doc: str, bad: str, good: str,
          scope: str = "corpus", enabled: bool = True) -> Rule:
    return Rule(id=f"links.{id}", summary=summary, severity=severity, scope=scope, doc=doc,
                bad=bad, good=good, check=check, enabled=enabled)


RULES = [
    _rule("unresolved", "A related term or inline link leads to no entry.", Severity.ERROR, check_unresolved,
          "Every item of `related` and every inline link (`[[Term]]`, `[[Term|text]]`, `[text](#id)`, "
          "`[text](other.md)`, or a profile's syntax) must name an entry by its term, alias or id; case, "
          "spaces, `-` and `_` do not matter unless the profile says so. When an existing name is close, "
          "the finding suggests it. A profile may mark related terms as pages outside the glossary "
          "(`related: {external: true}`, a scraped page's own site); they are not checked.",
          "term: Fine-tuning\nrelated: [Transfer lerning]",
          "term: Fine-tuning\nrelated: [Transfer learning]   # an entry with this term exists"),
    _rule("self", "An entry links to itself.", Severity.WARNING, check_self,
          "A related term or inline link that resolves to the entry it is written in sends the reader "
          "nowhere new.",
          "term: Embedding\naliases: [vector embedding]\nrelated: [Vector embedding]",
          "term: Embedding\nrelated: [Vector database]"),
    _rule("duplicate", "The same entry is listed twice in `related`.", Severity.WARNING, check_duplicate,
          "Two items of one `related` list name the same entry (the same text, or a term and its alias).",
          "related: [Large language model, LLM]", "related: [Large language model]"),
    _rule("ambiguous", "A link's target answers to more than one entry.", Severity.WARNING, check_ambiguous,
          "Two different terms share the alias or id the link names, so a reader cannot tell which is meant. "
          "Entries of the linking entry's own source are preferred; the same term from several sources is "
          "not ambiguous.",
          "related: [RAG]   # alias of 'Retrieval-augmented generation' and of 'Red-amber-green status'",
          "related: [Retrieval-augmented generation]"),
    _rule("inexact", "A link resolves only when case is ignored, or only through a redirect.", Severity.INFO,
          check_inexact,
          "The link works, but names its target in another case ('Javascript' for 'JavaScript'; a "
          "sentence-case or title-case first letter is fine) or by an old name that the profile's "
          "redirects file sends elsewhere. The finding gives the canonical form.",
          "definition: Runs in the browser's [[Javascript]] engine.",
          "definition: Runs in the browser's [[JavaScript]] engine."),
    _rule("syntax", "Link syntax is malformed and renders as plain text.", Severity.ERROR, check_syntax,
          "Broken Markdown or wiki links: `[text])(#x)`, `[text] (#x)`, `[[Term]` or `[[]]`, or a profile's "
          "own malformed forms (`malformed-links`). A link with an empty target is malformed too.",
          "definition: Built on a [transformer] (#transformer).",
          "definition: Built on a [transformer](#transformer)."),
    _rule("url", "A source URL is not a well-formed absolute http(s) URL.", Severity.WARNING, check_url,
          "Each `sources` URL should be a web address a reader can open: `http` or `https`, `//`, a host "
          "name, no spaces. Values that are not URIs at all are `schema.format`'s.",
          "sources:\n  - url: https:/example.com/llm", "sources:\n  - url: https://example.com/llm",
          scope="entry"),
    _rule("orphan", "No other entry links to this one.", Severity.INFO, check_orphan,
          "An entry nothing links to is hard to find by browsing. Switch on with "
          "`rules = {\"links.orphan\" = \"info\"}`.",
          "term: Tokenization   # listed in no entry's related terms or links",
          "term: Large language model\nrelated: [Tokenization]", enabled=False),
    _rule("one-way", "A lists B as related but B does not list A.", Severity.INFO,
          check_one_way,
          "Related terms usually go both ways. Only entries of the same source are compared (another "
          "source's list is not yours to edit). Switch on with `rules = {\"links.one-way\" = \"info\"}`.",
          "term: RAG\nrelated: [Embedding]\n---\nterm: Embedding\nrelated: []",
          "term: RAG\nrelated: [Embedding]\n---\nterm: Embedding\nrelated: [RAG]", enabled=False),
]
