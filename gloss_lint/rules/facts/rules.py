"""``facts.*`` rules: contradictory facts across sources.

All the rules share one run of extraction and comparison (``ctx.memo``); each
reports the conflicts of its policy. spaCy is imported only when one of them
runs. The extracted facts per term are published for the JSON report as
``facts``. Options (set them once on ``[tool.gloss-lint.rules.facts]``):
``kinds`` and ``gazetteer`` name YAML files that extend the shipped ones,
``model`` a trained spaCy pipeline to use instead of the blank one.
"""

from __future__ import annotations

import functools
from importlib import metadata
from pathlib import Path
from typing import Iterator

from gloss_lint.model import Problem, Related, Severity, locate
from gloss_lint.registry import Rule
from gloss_lint.resources import pack_dir

OPTIONS = {"kinds": "", "gazetteer": "", "model": ""}


def _paths(shipped: str, extra: str, root: Path) -> list[Path]:
    return [pack_dir() / shipped] + ([root / extra] if extra else [])


_PIPELINES: dict[tuple, object] = {}  # by the data files' content and the model


def _pipeline(contents: tuple[bytes, ...], model: str, build):
    """The pipeline for these fact kinds and gazetteer (by content) and model, built once per
    process: a check of named files lints twice, and building it costs a third of a second."""
    key = (contents, model)
    if key not in _PIPELINES:
        if len(_PIPELINES) >= 4:
            del _PIPELINES[next(iter(_PIPELINES))]
        _PIPELINES[key] = build()
    return _PIPELINES[key]


def _reading(ctx, options: tuple[str, str, str]):
    """What reading claims needs: the fact kinds, the gazetteer, the pipeline (built when first
    called), the names each entry's term answers to, and the table of claims kept across runs."""
    from gloss_lint.rules.facts.extract import Pipeline, term_names
    from gloss_lint.rules.facts.gazetteer import load_gazetteer
    from gloss_lint.rules.facts.kinds import load_kinds

    kinds_file, gazetteer_file, model = options
    root = ctx.settings.root
    kinds_paths, gazetteer_paths = _paths("facts.yaml", kinds_file, root), _paths("gazetteer.yaml", gazetteer_file, root)
    kinds = load_kinds(kinds_paths)
    gazetteer = load_gazetteer(gazetteer_paths)
    contents = tuple(p.read_bytes() for p in [*kinds_paths, *gazetteer_paths])
    pipeline = functools.cache(lambda: _pipeline(contents, model, lambda: Pipeline(kinds, gazetteer, model)))
    names = {}
    for members in ctx.corpus.terms().values():
        shared = term_names(members)
        names.update((id(e), shared) for e in members)
    kept = ctx.kept("facts.claims", model, _version(model), *contents)
    return kinds, gazetteer, pipeline, names, kept


def _options(ctx) -> tuple[str, str, str]:
    return ctx.options.get("kinds", ""), ctx.options.get("gazetteer", ""), ctx.options.get("model", "")


def read_ahead(entries, ctx) -> None:
    """Read the claims of some entries into the kept table, where the check finds them (in
    another process, with --jobs: gloss_lint.parallel)."""
    from gloss_lint.rules.facts.extract import read_claims

    options = _options(ctx)
    _, _, pipeline, names, kept = ctx.memo(("facts.reading", options), lambda: _reading(ctx, options))
    ctx.memo(("facts.ahead", options), lambda: read_claims(entries, names, pipeline, kept))  # once for all the rules


def _analyse(ctx, options: tuple[str, str, str]):
    from gloss_lint.rules.facts.compare import compare, order_key
    from gloss_lint.rules.facts.extract import read_claims

    kinds, gazetteer, pipeline, names, kept = ctx.memo(("facts.reading", options), lambda: _reading(ctx, options))
    groups = ctx.corpus.terms()
    # A term's claims, conflicts and published facts depend on its entries alone (and the data
    # files): another run of this command gave them for the same entry objects (``ctx.shared``).
    done = ctx.shared("facts.terms")
    if done.get("data") != (kinds, gazetteer, options):
        done.clear()
    done["data"] = (kinds, gazetteer, options)
    terms: dict[str, tuple] = {}  # group key -> (claims, unread, conflicts, published)
    todo: dict[str, list] = {}
    for key, members in groups.items():
        known = done.get(tuple(map(id, members)))  # kept with the members: no other has their ids
        if known is not None:
            terms[key] = known[1:]
        else:
            todo[key] = members
    if todo or "limit" not in done:  # the limit: for facts.unread's message
        term_of = {id(e): key for key, members in todo.items() for e in members}
        # in the corpus's order, as a run over every entry reads them (claims compare in that order)
        entries = [e for e in ctx.corpus.entries if id(e) in term_of]
        claims, unread, done["limit"] = read_claims(entries, names, pipeline, kept)
        conflicts = compare(claims, todo, kinds, gazetteer)
        parts = {key: ([], [], []) for key in todo}
        for claim in claims:
            parts[term_of[id(claim.entry)]][0].append(claim)
        for item in unread:
            parts[term_of[id(item[0])]][1].append(item)
        for conflict in conflicts:
            parts[term_of[id(conflict.here.entry)]][2].append(conflict)
        for key, (claims, unread, conflicts) in parts.items():
            published = (_published(key, claims, conflicts, order_key, gazetteer)
                         if ctx.settings.publishes("facts") else [])
            terms[key] = (claims, unread, conflicts, published)
            done[tuple(map(id, todo[key]))] = (todo[key], *terms[key])
    if ctx.settings.publishes("facts"):
        ctx.data["facts"] = {key: terms[key][3] for key in sorted(terms) if terms[key][3]}
    return [c for key in terms for c in terms[key][2]], [u for key in terms for u in terms[key][1]], done["limit"]


def _version(model: str) -> str:
    """The installed version of a trained pipeline named by its package (claims kept across
    runs are read again when it changes)."""
    try:
        return metadata.version(model) if model else ""
    except (metadata.PackageNotFoundError, ValueError):
        return ""


def _where(claim) -> str:
    loc = _location(claim)
    return f"{loc.path}:{loc.line}:{loc.column}"


def _location(claim):
    return locate(claim.entry.file, claim.entry.locate((claim.field,), claim.needle))


def _source(claim) -> str:
    return claim.entry.source or claim.entry.file.path


def _side(claim) -> str:
    flags = "".join(f" [{f}]" for f in ("negated", "hedged", "closed", "cut") if getattr(claim, f))
    return f"{claim.shown}{flags} in {_source(claim)}"


def _group(claim, gazetteer) -> str:
    """Claims of one fact with the same group say the same: an organisation and its parts
    ('Stanford CRFM', 'Stanford') are one group, other values are their own."""
    if claim.slot == "by":
        return "+".join(sorted({gazetteer.ancestors(v.lstrip("~"))[-1] for v in claim.value.split("+")}))
    return claim.shown


def _published(term: str, claims, conflicts, order_key, gazetteer) -> list[dict]:
    """A term's every claim; a claim's ``conflicts`` name the rule and the index (in the
    term's list) of each claim it contradicts, as the rules found them (before suppressions)."""
    listed: list[dict] = []
    published: dict[int, tuple[int, dict]] = {}  # id(claim) -> its index in its term's list, its dict
    for claim in sorted(claims, key=lambda c: (c.fact, c.slot, order_key(c))):
        loc = _location(claim)
        listed.append({
            "fact": claim.fact, "slot": claim.slot, "value": claim.shown, "group": _group(claim, gazetteer),
            "negated": claim.negated, "hedged": claim.hedged, "closed": claim.closed, "cut": claim.cut,
            "source": _source(claim), "entry": claim.entry.term, "path": loc.path,
            "line": loc.line, "column": loc.column, "sentence": claim.sentence, "conflicts": []})
        published[id(claim)] = (len(listed) - 1, listed[-1])
    for c in conflicts:
        published[id(c.here)][1]["conflicts"].append({"rule": c.rule, "with": published[id(c.other)][0]})
    return listed


def _analysed(ctx):
    options = _options(ctx)
    return ctx.memo(("facts", options), lambda: _analyse(ctx, options))


def check_unread(ctx) -> Iterator[Problem]:
    _, unread, limit = _analysed(ctx)
    for entry, name, length in unread:
        yield Problem(f"{name}: {length:,} characters, more than the {limit:,} the language pipeline "
                      f"reads at once: its facts were not compared", (name,), entry=entry)


def _rule(name: str, summary: str, doc: str, bad: str, good: str,
          severity: Severity = Severity.ERROR, enabled: bool = True, check=None) -> Rule:
    rule_id = f"facts.{name}"

    def check_conflicts(ctx) -> Iterator[Problem]:
        conflicts, _, _ = _analysed(ctx)
        for c in conflicts:
            if c.rule != rule_id:
                continue
            why = f" ({c.why})" if c.why else ""
            message = (f"{c.fact}: {_side(c.here)}: “{c.here.sentence}” — "
                       f"vs {_side(c.other)} ({_where(c.other)}): “{c.other.sentence}”{why}")
            related = Related(c.other.entry, f"{c.fact}: {_side(c.other)}: “{c.other.sentence}”",
                              (c.other.field,), c.other.needle)
            yield Problem(message, (c.here.field,), needle=c.here.needle, entry=c.here.entry,
                          related=(related,), severity=c.severity)

    return Rule(id=rule_id, summary=summary, severity=severity, scope="corpus", doc=doc,
                bad=bad, good=good, check=check or check_conflicts, options=dict(OPTIONS), enabled=enabled,
                ahead=read_ahead)


_EXTEND = ("Fact kinds live in `rules/facts.yaml`, organisations and products in "
           "`rules/gazetteer.yaml`; extend them with the `kinds` and `gazetteer` options.")

RULES = [
    _rule("year", "Two sources date the same event of a term in years that cannot both be true.",
          "The year a term was coined, introduced, released, created or popularised, compared "
          "as intervals ('early 2020s' is 2020–2023) per event: 'coined in 2021' and "
          "'popularised in 2022' are different events and never conflict. A hedged side "
          "('reportedly', 'around 2021') makes it a warning; 'not coined in 2021' conflicts "
          "only with 'coined in 2021'. " + _EXTEND,
          "a.md: The term was coined by Stanford researchers in 2021.\n"
          "b.md: The term was coined in 2019.",
          "a.md: The term was coined by Stanford researchers in 2021.\n"
          "b.md: The term was coined in the early 2020s and popularised in 2022."),
    _rule("by", "Two sources credit the same event of a term to different organisations.",
          "Who coined, introduced or released a term, by canonical id: an organisation and its "
          "part agree ('Stanford researchers', 'Stanford CRFM'; 'FAIR' within 'Meta'), "
          "unrelated ones conflict ('OpenAI' vs 'Google'). Two names the gazetteer does not know "
          "conflict as a warning; a known and an unknown name are not compared. " + _EXTEND,
          "a.md: The term was coined by OpenAI.\nb.md: The term was coined by Google researchers.",
          "a.md: The term was coined by Stanford researchers.\n"
          "b.md: The term was coined by Stanford's Center for Research on Foundation Models."),
    _rule("date", "Two sources give a term's date of effect on days that cannot both be true.",
          "Dates of effect ('took effect', 'entered into force', 'applies from') keep the precision "
          "written: '25 May 2018' and 'May 2018' agree, '1 July 2020' and '2021' do not. Entry into "
          "force and application are different events; 'took effect' may mean either, so it "
          "conflicts only with a source none of whose dates of effect matches it. " + _EXTEND,
          "a.md: The regulation took effect on 1 January 2020.\nb.md: The regulation took effect in 2021.",
          "a.md: The regulation took effect on 25 May 2018.\n"
          "b.md: It entered into force in May 2016 and has applied since 25 May 2018."),
    _rule("version", "Two sources name different current versions of a term.",
          "'The current version is TLS 1.3' and 'TLS 1.2 is the latest version' cannot both be "
          "true (one source is out of date). Versions compare as numbers ('v4.0.1' = '4.0.1', "
          "'17.0' = '17'); a version named without 'current' or 'latest' ('TLS 1.2 is still "
          "widely supported', 'version 3.2.1 was retired') says nothing.",
          "a.md: The current version is TLS 1.3.\nb.md: Its latest version is TLS 1.2.",
          "a.md: The current version is TLS 1.3.\nb.md: TLS 1.3 is the current version; TLS 1.2 is "
          "still widely supported.", Severity.WARNING),
    _rule("order", "One source dates a later event of a term before another source's earlier one.",
          "Events have an order declared in `rules/facts.yaml` (`order`): a term is not "
          "popularised before it was coined, a product not released before it was created.",
          "a.md: The term was coined in 2021.\nb.md: The term was popularised in 2018.",
          "a.md: The term was coined in 2021.\nb.md: The term was popularised in 2022.",
          Severity.WARNING),
    _rule("list", "A closed or negated list of a term contradicts members another source names.",
          "Lists such as providers are open-world: a shorter list is only incomplete. A conflict "
          "needs a closed list ('the only providers are …') that leaves out a member another "
          "source names, or a negation ('Cohere is not a provider') of a listed member.",
          "a.md: The only providers are OpenAI and Google.\n"
          "b.md: OpenAI, Google and Anthropic are the main providers.",
          "a.md: OpenAI and Google are providers.\n"
          "b.md: OpenAI, Google and Anthropic are the main providers."),
    _rule("list-incomplete", "A list of a term leaves out members other sources name.",
          "Information only: open lists differ all the time, and a glossary may list the "
          "leading members on purpose.",
          "a.md: Providers include OpenAI and Google.\nb.md: Providers include OpenAI, Google and Cohere.",
          "a.md: Providers include OpenAI, Google and others.\nb.md: Providers include OpenAI, Google and Cohere.",
          Severity.INFO),
    _rule("category", "Two sources put an example (or the term) in categories declared disjoint.",
          "Categories conflict only where `rules/facts.yaml` declares them `disjoint`: Gemini "
          "as a language model and as a multimodal model is fine; as text-only and multimodal "
          "it is not. Open-weights and proprietary are disjoint too.",
          "a.md: Llama is an open-weights model.\nb.md: Llama is a proprietary model.",
          "a.md: Gemini is a multimodal model.\nb.md: GPT-4, Claude and Gemini are language models."),
    _rule("number", "Two sources give a term different counts of the same unit.",
          "Counts with a unit ('175 billion parameters', '96 layers') are compared within a "
          "tolerance (2 %, 10 % when one side says 'about' or 'over').",
          "a.md: GPT-3 has 175 billion parameters.\nb.md: GPT-3 has 1.5 billion parameters.",
          "a.md: GPT-3 has 175 billion parameters.\nb.md: GPT-3 has about 175B parameters."),
    _rule("unread", "A field too long for the language pipeline to read for facts.",
          "spaCy reads at most `max_length` characters (1,000,000) of one text; a longer field "
          "(a runaway file, a pasted dump) is left out of the comparison, and this says so, "
          "so that 'no contradiction' is not taken for 'nothing to compare'.",
          "body: <a million characters pasted from a log>",
          "body: A few paragraphs about the term.",
          Severity.INFO, check=check_unread),
]
