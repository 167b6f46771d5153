"""HTML: the editors' page, one self-contained file (``gloss-lint report``, ``--format html``).

The page is built from the run's result only: findings, the corpus's entries grouped by term,
and what the rules published (``facts``, ``links``, ``readability``). The summary and the
readability plots are written here as HTML and SVG; the long lists (terms, findings, links) go
into one JSON blob that the page's script renders a screenful at a time. Every glossary string
is escaped: HTML through ``fill`` (a ``string.Template`` whose values are escaped unless marked
safe), the blob with ``<`` written as ``\\u003c`` so no text can close its script element, and
the script builds nodes with ``textContent`` only. The Content-Security-Policy allows no load
at all and only the page's own script, by its hash.
"""

from __future__ import annotations

import base64
import bisect
import hashlib
import html
import json
import os
from collections import Counter, defaultdict
from functools import cache
from importlib.resources import files
from string import Template

from gloss_lint import __version__, collector
from gloss_lint.model import Entry, Finding, Severity

_CONTEXT = 100  # characters shown either side of a finding's span on a long line
_OUTLIERS = 8  # entries named under each source's plots


class Markup(str):
    """Text that is already HTML: ``fill`` inserts it as is."""


def escape(value: object) -> Markup:
    return value if isinstance(value, Markup) else Markup(html.escape(str(value), quote=True))


def fill(template: str, **values: object) -> Markup:
    """``template`` with each ``$name`` replaced by its value, escaped unless it is ``Markup``."""
    return Markup(Template(template).substitute({k: escape(v) for k, v in values.items()}))


def join(parts) -> Markup:
    return Markup("".join(escape(p) for p in parts))


@cache
def _asset(name: str) -> str:
    return (files("gloss_lint.report") / "page" / name).read_text(encoding="utf-8")


def render(result, registry, settings, *, color: bool = False, timestamp: str | None = None,
           link_base: str = "") -> str:
    """The page. ``link_base`` leads from the page's folder to the working directory, so that
    ``file:line`` links open the files; ``timestamp`` is shown only when given."""
    with collector.paused():
        page = _Page(result, registry, settings)
        blob = json.dumps(page.blob(link_base), ensure_ascii=False, separators=(",", ":"))
    script = _asset("report.js")
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    return fill(
        _asset("report.html"),
        csp=(f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{digest}'; "
             f"img-src data:; base-uri 'none'; form-action 'none'"),
        title=page.title(), style=Markup(_asset("report.css")),
        heading=page.title(), subtitle=page.subtitle(timestamp),
        summary=page.summary(), readability=page.readability(),
        data=Markup(blob.replace("<", "\\u003c")), script=Markup(script))


class _Page:
    """The result, indexed for the page: entries by file and line, findings by entry."""

    def __init__(self, result, registry, settings):
        self.result, self.registry, self.settings = result, registry, settings
        self.entries: list[Entry] = result.corpus.entries
        self.linted = {id(e) for e in result.corpus.linted}
        self.files = sorted({*result.files, *(e.file.path for e in self.entries),
                             *(f.path for f in result.findings)})
        self.file_index = {path: i for i, path in enumerate(self.files)}
        self.prefix = _common_folder(self.files)  # said once, left out of every path shown
        self.texts = {e.file.path: e.file for e in [*self.entries, *result.corpus.pages]}
        self.positions = {id(e): i for i, e in enumerate(self.entries)}
        self.sources = sorted({self.source(e) for e in self.entries})
        self.source_index = {s: i for i, s in enumerate(self.sources)}
        self.starts: dict[str, list[tuple[int, int]]] = defaultdict(list)  # path -> (first line, entry)
        for i, entry in enumerate(self.entries):
            self.starts[entry.file.path].append((entry.file.position(entry.span.start)[0], i))
        for starts in self.starts.values():
            starts.sort()
        # Entries with no term share no name: each is a term of its own here.
        terms = [(key, members) for key, members in result.corpus.terms().items() if key]
        terms += [("", [e]) for e in result.corpus.terms().get("", [])]
        self.terms = sorted(terms, key=lambda item: (item[0].casefold(), item[0]))
        self.term_of = {i: t for t, (_, members) in enumerate(self.terms)
                        for i in map(self._index_of, members)}
        self.finding_entry = [self.entry_at(f.path, f.line) for f in result.findings]
        self.facts = result.data.get("facts", {})

    # ------------------------------------------------------------ lookups

    def _index_of(self, entry: Entry) -> int:
        return self.positions[id(entry)]

    def short(self, path: str) -> str:
        return path[len(self.prefix):] if path.startswith(self.prefix) else path

    def source(self, entry: Entry) -> str:
        return entry.source or entry.file.path.rsplit("/", 1)[0]

    def entry_at(self, path: str, line: int) -> int:
        """The entry written at ``path:line`` (the last one starting at or before it), or -1."""
        starts = self.starts.get(path, [])
        at = bisect.bisect_right(starts, (line, len(self.entries))) - 1
        return starts[at][1] if at >= 0 else -1

    def title(self) -> str:
        return "gloss-lint report"

    def subtitle(self, timestamp: str | None) -> str:
        paths = ", ".join(p.as_posix() if hasattr(p, "as_posix") else str(p) for p in self.settings.paths)
        shown = f"{paths} · profile {self.settings.profile.name} · gloss-lint {__version__}"
        if self.prefix:
            shown += f" · file paths below are under {self.prefix}"
        return f"{shown} · written {timestamp}" if timestamp else shown

    # ------------------------------------------------------------ summary (HTML)

    def summary(self) -> Markup:
        findings = self.result.findings
        several = sum(1 for _, members in self.terms if len({self.source(e) for e in members}) > 1)
        counts = Counter(f.severity for f in findings)
        cards = join(fill('<div class="stat$cls"><span class="n">$n</span> $label</div>',
                          n=n, label=label, cls=cls) for n, label, cls in (
            (len(self.result.files), "files", ""), (len(self.result.corpus.linted), "entries", ""),
            (several, "terms with several sources", ""),
            (counts[Severity.ERROR], "errors", " error"), (counts[Severity.WARNING], "warnings", " warning"),
            (counts[Severity.INFO], "info", " info")))
        by_family: dict[str, Counter] = defaultdict(Counter)
        for f in findings:
            by_family[f.rule.split(".", 1)[0]][f.severity] += 1
        rows = join(fill('<tr><th scope="row">$family</th><td>$e</td><td>$w</td><td>$i</td></tr>',
                         family=family, e=c[Severity.ERROR], w=c[Severity.WARNING], i=c[Severity.INFO])
                    for family, c in sorted(by_family.items()))
        families = fill('<table class="counts"><caption>Findings by family</caption><thead><tr><th scope="col">family</th>'
                        '<th scope="col">errors</th><th scope="col">warnings</th><th scope="col">info</th></tr>'
                        '</thead><tbody>$rows</tbody></table>', rows=rows) if rows else Markup(
            "<p>No findings.</p>")
        return join([Markup('<div class="stats">'), cards, Markup("</div>"), Markup('<div class="worst">'),
                     families, self._worst_files(findings), self._worst_terms(findings), Markup("</div>")])

    @staticmethod
    def _weight(c: Counter) -> tuple:
        return (c[Severity.ERROR], c[Severity.WARNING], c[Severity.INFO])

    def _worst(self, caption: str, counted: dict, name) -> Markup:
        worst = sorted(counted.items(), key=lambda kv: (tuple(-n for n in self._weight(kv[1])), str(kv[0])))[:10]
        if not worst:
            return Markup("")
        rows = join(fill('<tr><th scope="row">$name</th><td>$e</td><td>$w</td><td>$i</td></tr>',
                         name=name(key), e=c[Severity.ERROR], w=c[Severity.WARNING], i=c[Severity.INFO])
                    for key, c in worst)
        return fill('<table class="counts"><caption>$caption</caption><thead><tr><th scope="col"></th>'
                    '<th scope="col">errors</th><th scope="col">warnings</th><th scope="col">info</th></tr>'
                    '</thead><tbody>$rows</tbody></table>', caption=caption, rows=rows)

    def _worst_files(self, findings: list[Finding]) -> Markup:
        counted: dict[str, Counter] = defaultdict(Counter)
        for f in findings:
            counted[f.path][f.severity] += 1
        def name(path: str) -> Markup:  # a long path breaks after a '/', not inside a name
            return Markup("/<wbr>".join(escape(part) for part in self.short(path).split("/")))

        return self._worst("Files with the most findings", counted, name)

    def _worst_terms(self, findings: list[Finding]) -> Markup:
        counted: dict[int, Counter] = defaultdict(Counter)
        for f, entry in zip(findings, self.finding_entry):
            if entry >= 0:
                counted[self.term_of[entry]][f.severity] += 1

        def name(term: int) -> Markup:
            return fill('<a href="#term-$n" data-term="$n">$name</a>', n=term, name=self._term_name(term))

        return self._worst("Terms with the most findings", counted, name)

    def _term_name(self, term: int) -> str:
        members = self.terms[term][1]
        named = next((e.term for e in members if e.term), "")
        if named:
            return named
        entry = members[0]
        return f"(no term: {self.short(entry.file.path)}:{entry.file.position(entry.span.start)[0]})"

    # ------------------------------------------------------------ readability (SVG)

    def readability(self) -> Markup:
        scores = self.result.data.get("readability")
        if not scores:
            return Markup("<p>No readability rule ran, so there are no scores to show.</p>")
        options = self.settings.rules
        grade = options.get("readability.grade")
        length = options.get("readability.definition-length")
        max_grade = grade.options["max-grade"] if grade else None
        min_words, max_words = (length.options["min-words"], length.options["max-words"]) if length else (None, None)
        by_source: dict[str, list[dict]] = defaultdict(list)
        for score in scores:
            by_source[self.source(self.entries[score["entry"]])].append(score)
        figures = []
        for source in sorted(by_source):
            found = by_source[source]
            definitions = [s for s in found if s["field"] == "definition"]
            grades = [s["grade"] for s in found if s["words"] >= (grade.options["min-words"] if grade else 0)]
            plots = join([
                _histogram("Flesch–Kincaid grade (definitions and bodies)", grades, 0, 30, 2,
                           [(max_grade, f"max {max_grade:g}")] if max_grade is not None else []),
                _histogram("Definition length (words)", [s["words"] for s in definitions], 0, 150, 10,
                           [(v, f"{label} {v}") for v, label in ((min_words, "min"), (max_words, "max"))
                            if v is not None]),
            ])
            outliers = self._outliers(found, max_grade, min_words, max_words)
            figures.append(fill(
                '<figure class="plots"><figcaption><strong>$source</strong> · $n of $e'
                '</figcaption><div class="plot-pair">$plots</div>$outliers</figure>',
                source=source or "(no source)", n=_count(len(found), "field"),
                e=_count(len({s["entry"] for s in found}), "entry", "entries"),
                plots=plots, outliers=outliers))
        return join(figures)

    def _outliers(self, found: list[dict], max_grade, min_words, max_words) -> Markup:
        named = []
        for s in found:
            if max_grade is not None and s["grade"] > max_grade:
                named.append((0, -s["grade"], s, f"{s['field']} grade {s['grade']:g}"))
            if s["field"] == "definition" and max_words is not None and s["words"] > max_words:
                named.append((1, -s["words"], s, _count(s["words"], "word")))
            if s["field"] == "definition" and min_words is not None and s["words"] < min_words:
                named.append((2, s["words"], s, _count(s["words"], "word")))
        if not named:
            return Markup('<p class="quiet">No outliers past the thresholds.</p>')
        named.sort(key=lambda n: (n[0], n[1], n[2]["entry"]))

        def item(score: dict, why: str) -> Markup:
            entry = self.entries[score["entry"]]
            return fill('<li><a href="#term-$t" data-term="$t">$name</a> <span class="quiet">$why · '
                        '$path:$line</span></li>', t=self.term_of[score["entry"]], name=entry.term or "(no term)",
                        why=why, path=self.short(entry.file.path), line=entry.file.position(entry.span.start)[0])

        items = join(item(score, why) for _, _, score, why in named[:_OUTLIERS])
        more = fill('<li class="quiet">and $n more (see the findings)</li>', n=len(named) - _OUTLIERS) \
            if len(named) > _OUTLIERS else ""
        return fill('<p class="outliers-title">Past the thresholds ($n):</p><ul class="outliers">$items$more</ul>',
                    n=len(named), more=more, items=items)

    # ------------------------------------------------------------ the blob (JSON)

    def blob(self, link_base: str) -> dict:
        findings = self.result.findings
        rule_ids = sorted({f.rule for f in findings})
        rule_index = {r: i for i, r in enumerate(rule_ids)}
        finding_at = {}  # (rule, here, other) -> finding index, to mark facts cells
        for n, f in enumerate(findings):
            for r in f.related or (None,):
                other = (r.location.path, r.location.line, r.location.column) if r else None
                finding_at.setdefault((f.rule, (f.path, f.line, f.column), other), []).append(n)
        return {
            "base": link_base,
            "prefix": self.prefix,
            "files": [self.short(path) for path in self.files],
            "sources": self.sources,
            "entries": [[self.file_index[e.file.path], e.file.position(e.span.start)[0], e.term,
                         self.source_index[self.source(e)],
                         e.text("definition"), int(id(e) in self.linted)] for e in self.entries],
            "rules": [self._rule(r) for r in rule_ids],
            "findings": [[rule_index[f.rule], int(f.severity), self.file_index[f.path], f.line, f.column,
                          self.finding_entry[n], f.message, self._context(f),
                          [[self.file_index.get(r.location.path, -1), self.short(r.location.path), r.location.line,
                            r.location.column, r.message] for r in f.related]]
                         for n, f in enumerate(findings)],
            "terms": [[self._term_name(t), [self._index_of(e) for e in members],
                       self._facts(key, finding_at)] for t, (key, members) in enumerate(self.terms)],
            "links": self._links(),
        }

    def _rule(self, rule_id: str) -> list:
        rule = self.registry.get(rule_id)
        if rule is None:
            return [rule_id, "", "", "", ""]
        return [rule_id, rule.summary, rule.doc, rule.bad, rule.good]

    def _context(self, f: Finding) -> list | None:
        """The finding's line: [line, before, marked, after], long lines cut around the span."""
        source = self.texts.get(f.path)
        if source is None:
            return None
        start = source.offset(f.line, 1)
        end = source.text.find("\n", start)
        line = source.text[start:end if end >= 0 else len(source.text)].rstrip("\r")
        a = min(max(f.column - 1, 0), len(line))
        b = len(line) if f.end_line is None or f.end_line != f.line else min(max(f.end_column - 1, a), len(line))
        if a == b and f.end_line not in (None, f.line):
            b = len(line)
        before, marked, after = line[:a], line[a:b], line[b:]
        if len(before) > _CONTEXT:
            before = "…" + before[-_CONTEXT:]
        if len(marked) > 3 * _CONTEXT:
            marked = marked[:3 * _CONTEXT] + "…"
        if len(after) > _CONTEXT:
            after = after[:_CONTEXT] + "…"
        return [f.line, before, marked, after]

    def _facts(self, key: str, finding_at: dict) -> list:
        """Rows of the term's facts table: [fact, [[entry, value, group, sentence, line, column,
        flags, [[finding, other entry, other value]], event]]]; claims that agree share a group
        number; a claim is marked only where a finding reports its conflict."""
        claims = self.facts.get(key)
        if not claims:
            return []
        marks: dict[int, list[int]] = defaultdict(list)
        for i, claim in enumerate(claims):
            for conflict in claim["conflicts"]:
                j = conflict["with"]
                other = claims[j]
                for n in finding_at.get((conflict["rule"], (claim["path"], claim["line"], claim["column"]),
                                         (other["path"], other["line"], other["column"])), []):
                    marks[i].append([n, self.entry_at(other["path"], other["line"]), other["value"]])
                    marks[j].append([n, self.entry_at(claim["path"], claim["line"]), claim["value"]])
        # A finding names one claim of each side; the claims saying the same about the same
        # fact stand on that side too.
        sides: dict[tuple, list] = defaultdict(list)
        for i, claim in enumerate(claims):
            side = sides[(claim["fact"], claim["group"])]
            side.extend(m for m in marks[i] if m not in side)
        for i, claim in enumerate(claims):
            if not marks[i]:
                marks[i] = sides[(claim["fact"], claim["group"])]
        # An event's year and credit are rows of their own kind ("origin: year"), the event
        # named in each cell: 2021 agrees with 2021 whether coined, introduced or popularised.
        rows: dict[str, list] = {}
        slots: dict[str, str] = {}
        groups: dict[str, dict[str, int]] = defaultdict(dict)
        for i, claim in enumerate(claims):
            parts = claim["fact"].split(".")
            row, event = (f"{parts[0]}.{parts[2]}", parts[1]) if len(parts) == 3 else (claim["fact"], "")
            slots[row] = claim["slot"]
            group = groups[row].setdefault(claim["group"], len(groups[row]))
            flags = [f for f in ("negated", "hedged", "closed") if claim[f]]
            rows.setdefault(row, []).append([
                self.entry_at(claim["path"], claim["line"]), claim["value"], group, claim["sentence"],
                claim["line"], claim["column"], flags, sorted(marks[i]), event])
        # Contradictions first, then events (when, by whom), lists, counts, categories.
        order = {"year": 0, "by": 1, "members": 2, "number": 3, "category": 4}
        return sorted(([row, cells] for row, cells in rows.items()),
                      key=lambda r: (not any(c[7] for c in r[1]), order.get(slots[r[0]], 5), r[0]))

    def _links(self) -> dict | None:
        links = self.result.data.get("links")
        if links is None:
            return None
        incoming: dict[int, set] = defaultdict(set)
        for source, targets, via in links:
            if via != "page":
                for target in targets:
                    if target != source:
                        incoming[target].add(source)
        orphans = [i for i, e in enumerate(self.entries) if id(e) in self.linted and e.term and i not in incoming]
        return {"in": [[to, sorted(froms)] for to, froms in sorted(incoming.items())], "orphans": orphans,
                "count": len(links)}


def _count(n: int, one: str, many: str = "") -> str:
    return f"{n} {one if n == 1 else many or one + 's'}"


def _common_folder(paths: list[str]) -> str:
    """The folder every path is under, with a trailing '/' ('' when there is none)."""
    try:
        common = os.path.commonpath([os.path.dirname(p) or "." for p in paths]) if paths else ""
    except ValueError:  # absolute and relative paths mixed
        return ""
    return "" if common in ("", ".", "/") else common + "/"


def _histogram(title: str, values: list[float], low: float, high: float, step: float,
               lines: list[tuple[float, str]]) -> Markup:
    """A bar chart of ``values`` in bins of ``step`` (the last bin takes everything above),
    with each threshold of ``lines`` drawn as a dashed line."""
    bins = int((high - low) / step)
    counts = [0] * bins
    for v in values:
        counts[min(max(int((v - low) // step), 0), bins - 1)] += 1
    width, height, left, right, bottom, top = 320, 120, 28, 14, 18, 14
    plot_w, plot_h = width - left - right, height - bottom - top
    tallest = max(counts) or 1
    bar_w = plot_w / bins
    parts = [fill('<rect class="frame" x="$x" y="$y" width="$w" height="$h"/>',
                  x=left, y=top, w=plot_w, h=plot_h)]
    for i, n in enumerate(counts):
        if n:
            h = max(plot_h * n / tallest, 1.5)
            label = f"{low + i * step:g}–{low + (i + 1) * step:g}" if i < bins - 1 else f"{low + i * step:g}+"
            parts.append(fill('<rect class="bar" x="$x" y="$y" width="$w" height="$h"><title>$label: $n</title>'
                              '</rect>', x=f"{left + i * bar_w + 1:.1f}", y=f"{top + plot_h - h:.1f}",
                              w=f"{bar_w - 2:.1f}", h=f"{h:.1f}", label=label, n=n))
    for i in range(0, bins + 1, max(bins // 5, 1)):
        parts.append(fill('<text class="tick" text-anchor="middle" x="$x" y="$y">$v</text>', x=f"{left + i * bar_w:.1f}",
                          y=height - 4, v=f"{low + i * step:g}"))
    parts.append(fill('<text class="tick" x="2" y="$y">$n</text>', y=top + 8, n=tallest))
    for value, label in lines:
        x = left + plot_w * (min(max(value, low), high) - low) / (high - low)
        parts.append(fill('<line class="threshold" x1="$x" x2="$x" y1="$y1" y2="$y2"/>'
                          '<text class="threshold-label" x="$tx" y="$ty">$label</text>',
                          x=f"{x:.1f}", y1=top - 2, y2=top + plot_h, tx=f"{x + 3:.1f}", ty=top - 4, label=label))
    return fill('<div class="plot"><svg class="histogram" viewBox="0 0 $w $h" role="img" aria-label="$title, $n values">'
                '<title>$title</title>$parts</svg><p class="plot-title">$title</p></div>',
                w=width, h=height, title=title, n=len(values), parts=join(parts))
