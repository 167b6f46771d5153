"""Every regular expression that scans user text runs in linear time: each one, and each function
built on them, runs on adversarial texts (what it matches cut short and repeated, openers never
closed, long runs of blanks) of 1 MB (250 KB for a function that also loops in Python) and must
finish well under a second. A pattern that backtracks quadratically would take hours at that
size, so each is first tried on 64 KB, where a quadratic one already takes seconds."""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Callable

import pytest
import yaml

from gloss_lint import init, model, report
from gloss_lint.model import SEPARATORS, name_variants, normalize_name, occurrence, slugify
from gloss_lint.read import documents, entries, located, markup, readers, rst
from gloss_lint.read.profiles import link_syntaxes, load_profile, shipped_profiles
from gloss_lint.resources import pack_dir
from gloss_lint.rules.facts import extract, values
from gloss_lint.rules.links import graph
from gloss_lint.rules.links import rules as link_rules
from gloss_lint.rules.readability import textstats
from gloss_lint.rules.style import data as style_data
from gloss_lint.rules.style import rules as style_rules
from gloss_lint.rules.style import spelling

SIZE = 1_000_000
PROBE = 64_000
LIMIT = 0.5  # seconds for one regular expression over 1 MB; a linear scan takes hundredths
# A function built on them also loops in Python (over 300,000 sentences in 1 MB of 'U. U. '):
# it gets 250 KB, where a quadratic one would still take minutes.
FUNCTION_SIZE, FUNCTION_LIMIT = 250_000, 1.5


def adversarial(sample: str, size: int) -> list[str]:
    """Texts of about ``size`` characters made from ``sample``, a text the pattern matches."""
    texts = [" " * size, "a" * size, " \t\n" * (size // 3)]
    cuts = sorted({k for k in (1, 2, len(sample) // 2, len(sample) - 1) if 0 < k < len(sample)})
    for k in cuts:
        prefix = sample[:k]
        texts.append(prefix * (size // len(prefix)))  # openers, over and over
        texts.append(prefix + " " * size + "x")  # an opener, then a long run of blanks
        texts.append(prefix + "a" * size)  # an opener never closed
    texts.append(sample * (size // len(sample)))  # many real matches
    texts.append(sample[:-1] + " " * size + sample[-1] + "x")
    return texts


def _regex(run: Callable[[str], object]) -> Callable[[str], object]:
    run.regex = True
    return run


def _all(pattern: re.Pattern) -> Callable[[str], object]:
    return _regex(lambda text: sum(1 for _ in pattern.finditer(text)))


def _lines(pattern: re.Pattern) -> Callable[[str], object]:
    """How the code uses a pattern anchored to a line: match, line by line."""
    return _regex(lambda text: sum(1 for line in text.split("\n") if pattern.match(line)))


def _profile_patterns() -> list[tuple[str, Callable[[str], object], str]]:
    found = [(f"link-syntaxes.{name}", spec["pattern"]) for name, spec in link_syntaxes().items()]
    for name in shipped_profiles():
        data = load_profile(name).data
        for i, item in enumerate(data.get("links", [])):
            found.append((f"{name}.links[{i}]", item["pattern"]))
        for i, item in enumerate(data.get("malformed-links", [])):
            found.append((f"{name}.malformed-links[{i}]", item["pattern"]))
    samples = {
        "glosario": "see [the term](#slug) and [x] (#y) and [x])(#y)",
        "kubernetes": '{{< glossary_tooltip text="pod" term_id="pod" >}}',
        "markdown-headings": "see [the term](#slug) and [x] (#y) and [x])(#y)",
        "mdn": '{{Glossary("Term", "shown")}} {{glossary("/x", "y")}}',
        "native": "[[Term|shown]] [x](#id) [x](other.md#id) [x] (#y) [[x] [x]]",
        "link-syntaxes": '[[a|b]] [x](#y) [x](a.md#b) [x](/a/) [1]: /x/ "t" {{< glossary_tooltip '
                         'text="a" term_id="b" >}} :term:`a <b>`',
    }
    return [(label, _all(re.compile(pattern)), samples.get(label.split(".")[0], "[x](#y)"))
            for label, pattern in found]


def _style_patterns() -> list[tuple[str, Callable[[str], object], str]]:
    found = []
    for path in sorted((pack_dir() / "style").glob("*.yaml")):
        spec = style_data.spec_of(path.stem, yaml.safe_load(path.read_text()))
        compiled = style_data._compile(spec)
        sample = (spec.tokens or tuple(spec.swap))[0].replace("\\", "")
        # Many phrases in one pattern: as many tries at each place, so the function's bound.
        found.append((f"style.{path.stem}", lambda text, c=compiled: sum(1 for _ in c.pattern.finditer(text)),
                      sample))
        found.append((f"style.{path.stem} (as the rule runs)",
                      lambda text, s=spec, c=compiled: list(style_data.matches(s, c, text)), sample))
    return found


PATTERNS: list[tuple[str, Callable[[str], object], str]] = [
    # read/: files, front matter, suppressions
    ("readers._SUPPRESS", _all(readers._SUPPRESS), "# gloss-lint: disable=style.wordy, links -->"),
    ("readers._FRONT_MATTER_END", _all(readers._FRONT_MATTER_END), "\n---  \n"),
    ("init._FRONT_MATTER", _regex(lambda t: init._FRONT_MATTER.match(t)), "---\na: b\n---\n"),
    ("init._GLOSSARY_FOLDER", _all(init._GLOSSARY_FOLDER), "glossary"),
    ("rst.non_prose (_LITERAL_START _LITERAL_END _DIRECTIVE _EXPLICIT _NOTE _OPTION)", rst.non_prose,
     ".. glossary::\n   :sorted:\n\n   term 1 : A\n      ``lit`` text\n.. [1] note\n.. code:: py\n"),
    ("rst._INDEX_KEY", _regex(lambda t: rst._INDEX_KEY.sub("", t)), "term 1 : A"),
    ("readers._FRONT_MATTER_START", _regex(lambda t: readers._FRONT_MATTER_START.match(t)), "---  \n"),
    ("located._LINE_PREFIX", _all(located._LINE_PREFIX), "\n  - ? : x"),
    ("located._ESCAPE", _all(located._ESCAPE), "\\u00e9\\n"),
    ("located._NUMBER", _regex(lambda t: located._NUMBER.match(t)), "-12.5e+3"),
    ("located._WS _BLANKS", _regex(lambda t: located._WS.match(t)), " \t\r\n"),
    ("located._SURROGATE", _all(located._SURROGATE), "a\ud800"),
    ("entries._MORE", _all(entries._MORE), "<!--  more  -->"),
    ("entries.HEADING", _all(entries.HEADING), "\n## A heading ##  \n"),
    ("entries.first_paragraph (_BLANK_LINE)", lambda t: entries.first_paragraph(t, 0, len(t)), "# x\n<!-- c\n\nText.\n \n"),
    ("entries.section_span", lambda t: entries.section_span(t, 0, len(t), "x"), "# x\ntext\n# y \n"),
    ("documents.headings (_FENCE)", documents.headings, "### Term (alias) ##\n```\n<!-- c\n"),
    ("documents.aliases", documents.term_and_alias, "Term (alias)"),
    ("documents._LIST_ITEM", _lines(documents._LIST_ITEM), "  12) item"),
    ("documents._RULE", _lines(documents._RULE), "  ----  "),
    ("documents._LABEL", _lines(documents._LABEL), "Category: x"),
    ("documents._URL", _all(documents._URL), "https://example.org/x"),
    ("documents._MD_LINK", _all(documents._MD_LINK), "[text](https://example.org/x)"),
    ("documents._QUESTION", lambda t: documents._term(documents._Block("heading", t, documents.Span(0, 0))),
     "What are Foundation Models  ?"),
    ("documents._label (_URL_AT_END)", lambda t: documents._label(documents._Block("text", "Source: " + t, documents.Span(0, 0)),
                                                    {"source": "source"}), "x (https://example.org/)"),
    ("documents._related_name (_DASH)", lambda t: documents._related_name(documents._Block("text", t, documents.Span(0, 0)), True),
     "Term  -  what it is"),
    ("documents._mentions", lambda t: documents._mentions(t, "foundation model"), "a foundation model"),
    ("documents._blocks (_QUOTE)", lambda t: documents._blocks(t, True), "# T\n- item\n> quote\nCategory: x\n---\n"),
    # read/markup.py: what prose rules read
    ("markup.mask (_CODE_BLOCK _HTML_COMMENT _BACKTICKS _CODE_TAG _HUGO _HUGO_END _MACRO _MACRO_ARGS_END "
     "_EMPHASIS_RUN)", markup.mask, "`c` <code>x</code> {{< s >}} {{m(1)}} *em* [t](u) [[w]] ![i](p) "
                                 "<!-- c --> https://x.org ```\nx\n```\n"),
    ("markup.code_spans", markup.code_spans, "`c` <pre>x</pre> <!-- c -->"),
    ("markup.plain", markup.plain, '**a** [t](u) [[w|x]] {{< g text="x" >}} {{Glossary("a", "b")}} `c_d_`'),
    ("markup.link_texts", markup.link_texts, '[[a|b]] [t](u) {{< g text="x" >}} {{Glossary("a", "b")}}'),
    ("markup._URL", _all(markup._URL), "https://example.org/a_(b)/c"),
    ("markup._HTML_TAG", _all(markup._HTML_TAG), '<a href="x" />'),
    ("markup._TABLE_RULE", _all(markup._TABLE_RULE), "\n | :--- | --- |"),
    ("markup._MD_LINK", _all(markup._MD_LINK), "[text](/a_(b)/c)"),
    ("markup._WIKI_LINK", _all(markup._WIKI_LINK), "[[Term|shown]]"),
    ("markup._IMAGE", _all(markup._IMAGE), "![alt](pic.png)"),
    ("markup._HUGO_TEXT", _all(markup._HUGO_TEXT), 'text = "shown"'),
    ("markup._MACRO_ARGS", _all(markup._MACRO_ARGS), '"a", "b"'),
    ("markup.points_elsewhere (_POINTER)", markup.points_elsewhere, "See also [x](#x)."),
    # model.py: names
    ("model.normalize_name", normalize_name, "A - b_c"),
    ("model.name_variants (_PARENTHESES)", name_variants, "Boolean (JavaScript)"),
    ("model._SURROGATE", _all(model._SURROGATE), "a\ud800"),
    ("model.slugify", slugify, "A B"),
    ("model.SEPARATORS", _all(SEPARATORS), " -_"),
    ("model._QUOTED_POSITION", _all(model._QUOTED_POSITION), "glossary/x.md:12:3"),
    ("model.occurrence (_BLANK)", lambda t: occurrence(t, "a  b", len(t)), "a \n b"),
    # rules/
    ("textstats.sentences (_END _WORD_BEFORE _NEXT_WORD _INITIALISM)", textstats.sentences, "U.S.C. 428a. Then e.g. this!) And. "),
    ("textstats.measure", textstats.measure, "Words and more words. A sentence here."),
    ("textstats._WORD", _all(textstats._WORD), "it's"),
    ("values._NUMBER", _regex(lambda t: values._NUMBER.fullmatch(t)), "1,000.5bn"),
    ("values._RANGE", _regex(lambda t: values._RANGE.fullmatch(t)), "2020-2023"),
    ("values.year_of (_YEAR _DECADE)", values.year_of, "2020s"),
    ("values._VERSION", _regex(lambda t: values._VERSION.fullmatch(t)), "v1.2.3"),
    ("extract._MODIFIER", _regex(lambda t: extract._MODIFIER.fullmatch(t)), "gpt4"),
    ("extract._WORD_RUN", _all(extract._WORD_RUN), "ab cd"),
    ("rules.url_problem (_SCHEME)", link_rules.url_problem, "https://a-b.example.org:80/x"),
    ("rules._HOST", _regex(lambda t: link_rules._HOST.fullmatch(t)), "a-b.example.org"),
    ("rules._HOST (IPv6)", _regex(lambda t: link_rules._HOST.fullmatch(t)), "fe80::1:2"),
    ("graph._WORD_START", _all(graph._WORD_START), "ab cd"),
    ("graph._INNER_CAPITAL", _all(graph._INNER_CAPITAL), "JavaScript"),
    ("rules._WORD (style)", _all(style_rules._WORD), "it's"),
    ("rules._SENTENCE_VERB (style)", _all(style_rules._SENTENCE_VERB), "it is"),
    ("spelling._prose_words (_CHUNK _WORD _NOT_PROSE _ROLE)", lambda t: sum(1 for _ in spelling._prose_words(t)),
     ":dfn:`x` it's co-op a.b \"word\""),
    ("spelling._QUOTED", _all(spelling._QUOTED), '"a word" “another”'),
    ("spelling._ALONE_IN_PARENTHESES", _regex(lambda t: spelling._ALONE_IN_PARENTHESES.match(t)), "(npm),"),
    ("spelling._PART", _all(spelling._PART), "it's"),
    ("spelling._POSSESSIVE", _regex(lambda t: spelling._POSSESSIVE.sub("", t)), "word's"),
    ("spelling._CVC", _regex(lambda t: spelling._CVC.search(t)), "occur"),
    ("__init__._CONTROL (report)", _all(report._CONTROL), "a\x1b[2J"),
    *_profile_patterns(),
    *_style_patterns(),
]


def _seconds(run: Callable[[str], object], text: str) -> float:
    markup.mask.cache_clear()
    start = time.perf_counter()
    run(text)
    return time.perf_counter() - start


def _best_seconds(run: Callable[[str], object], text: str, limit: float) -> float:
    """Once more when over the limit: a run can lose its time slice on a shared machine."""
    took = _seconds(run, text)
    return min(took, _seconds(run, text)) if took >= limit else took


@pytest.mark.parametrize("name, run, sample", PATTERNS, ids=[p[0].split(" (")[0] for p in PATTERNS])
def test_linear_on_adversarial_text(name, run, sample):
    run(sample)  # imports and caches warmed up
    size, limit = (SIZE, LIMIT) if getattr(run, "regex", False) else (FUNCTION_SIZE, FUNCTION_LIMIT)
    for text in adversarial(sample, PROBE):  # a sixteenth of the size, the same time
        assert _best_seconds(run, text, limit) < limit, f"{name} is super-linear on {text[:40]!r}…"
    for text in adversarial(sample, size):
        took = _best_seconds(run, text, limit)
        assert took < limit, f"{name} took {took:.2f} s on {size:,} characters of {text[:40]!r}…"


def test_every_pattern_in_the_code_is_listed():
    """A new ``re.compile`` in gloss_lint/ is added above (by ``module.NAME``, or named in the
    brackets of the function that runs it), unless it scans no user text."""
    not_user_text = {"config._TOML_PLACE", "data._NAME"}  # a TOML error message; rule file names
    package = Path(located.__file__).resolve().parent.parent
    missing = []
    for path in sorted(package.rglob("*.py")):
        for match in re.finditer(r"^(_?[A-Z][A-Z_]*) = re\.compile", path.read_text(), re.M):
            name = f"{path.stem}.{match.group(1)}"
            if name not in not_user_text and not any(
                    label.startswith(f"{path.stem}.") and match.group(1) in re.split(r"[ ().]", label)
                    for label, _, _ in PATTERNS):
                missing.append(f"{path.relative_to(package)}: {match.group(1)}")
    assert missing == []
