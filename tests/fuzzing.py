"""Hostile glossaries as Hypothesis strategies, and the check every run must pass.

Shared by ``tests/test_fuzz.py`` (a bounded run in the suite) and ``bench/fuzz.py``
(the same generator, ten thousand files and more).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from hypothesis import strategies as st

from gloss_lint.cli import main
from gloss_lint.read.profiles import shipped_profiles

ROOT = Path(__file__).resolve().parent.parent
# As in conftest.py: GLOSS_LINT_SHARED=/nowhere hides the corpora, so a run measures the suite alone.
SHARED = Path(os.environ.get("GLOSS_LINT_SHARED") or ROOT.parent / "shared")
FORMATS = ("text", "json", "sarif", "junit", "github", "html")

# What a hostile contributor writes: encodings, escapes, markup, numbers, nesting, comments.
SNIPPETS = [
    "\ud800", "\udfff", "x\udc80y",  # lone surrogates (JSON '\ud800')
    "\x1b[2J\x1b[H", "\x1b]0;pwned\x07", "\x1b]8;;http://evil.example\x1b\\link\x1b]8;;\x1b\\",
    "\x9b31m", "\x00", "\x7f", "\x01\x02\x08\x0b\x0c", "\r", "\r\n", "\u2028", "\u2029", "\u0085",
    "\ufeff", "\ufffe", "\uffff", "\u202e", "\u200b", "e\u0301", "\U0001F600", "\t",
    "http://[::1", "http://[[Term|shown]]", "https://ex ample.com", "https://exa\u2100mple.com/",
    "javascript:alert(1)", "[[", "]]", "[[Term]]", "[[Term|shown]]", "[[]]", "[x](#)", "[x] (#y)",
    "{{<", "{{< glossary_tooltip term_id=\"x\" >}}", "{{Glossary(\"x\")}}", "{{Glossary(",
    "<code>", "</code>", "`", "```", "*", "**", "_", "<!--", "-->", "<!--more-->", "<script>x</script>",
    "# gloss-lint: disable=all", "# gloss-lint: disable=schema.enmu", "<!-- gloss-lint: disable=links -->",
    "9" * 4400, "-" + "1" * 5000, "1e999", "NaN", ".inf", "0x1F", "2021-02-30", "~", "null",
    "[" * 200, "{a: " * 100, "&a [*a, *a]", "!!python/object/apply:os.system ['true']", "!!binary AAAA",
    "---", "...", "%YAML 1.1", ": ", " #", "'", "\"", "\\", "%", "|", ">", "- ", "? ",
    "Foundation model", "coined in 2021 by Stanford", "the only providers are OpenAI and Google",
    "This term refers to", "Get in touch with our team today!",
]


def _any_of(values: list[str]):
    """``sampled_from`` by index: Hypothesis shows a strategy's repr, and these values are long."""
    return st.integers(0, len(values) - 1).map(lambda i: values[i])


# Letters a run meets: printable text, controls, surrogates, anything.
CHARACTERS = st.one_of(
    st.characters(codec="ascii"),
    st.characters(min_codepoint=0, max_codepoint=0x10FFFF, exclude_categories=()),
    st.sampled_from(["\x00", "\x1b", "\x9b", "\x7f", "\ud800", "\u2028", "\r", "\n", "\t"]),
)
TEXT = st.one_of(
    _any_of(SNIPPETS),
    st.text(CHARACTERS, max_size=40),
    st.lists(st.one_of(_any_of(SNIPPETS), st.text(CHARACTERS, max_size=12)),
             max_size=8).map("".join),
)
NUMBERS = st.one_of(st.integers(), st.integers(min_value=10 ** 300), st.floats(allow_nan=True),
                    st.booleans(), st.none())


def _nested(depth: int):
    """A list or mapping nested ``depth`` deep (parsers and recursive code both meet it)."""
    return st.sampled_from([{"a": None}, [None]]).map(lambda leaf: _wrap(leaf, depth))


def _wrap(value, depth: int):
    for i in range(depth):
        value = [value] if i % 2 else {"k": value}
    return value


VALUES = st.recursive(
    st.one_of(TEXT, NUMBERS),
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(st.one_of(TEXT, st.integers()), inner, max_size=3)),
    max_leaves=10,
) | st.integers(0, 1200).flatmap(_nested)
FIELDS = ["term", "id", "aliases", "definition", "category", "tags", "related", "sources",
          "source", "body", "status", "title", "short_description", "aka", "def", "slug",
          "description", "longform", "cross_references", "relationships", "en", "ref"]
ENTRY = st.dictionaries(
    st.one_of(st.sampled_from(FIELDS), TEXT),
    st.one_of(TEXT, VALUES,
              st.lists(st.one_of(TEXT, st.fixed_dictionaries({"url": TEXT})), max_size=4)),
    max_size=8,
)
PLAUSIBLE = st.fixed_dictionaries(
    {"term": TEXT, "definition": TEXT},
    optional={"aliases": st.lists(TEXT, max_size=3), "related": st.lists(TEXT, max_size=3),
              "category": TEXT, "tags": st.lists(TEXT, max_size=3), "status": TEXT,
              "sources": st.lists(st.fixed_dictionaries({"url": TEXT}), max_size=2), "body": TEXT},
)


def _dump(write, value) -> str:
    """``value`` written by ``write``; what it cannot write (too deep, an int of 5,000 digits)
    is written by ``repr``, else left out: still a file, and a finding."""
    for how in (write, repr):
        try:
            return how(value)
        except (ValueError, RecursionError, TypeError):
            continue
    return "[unwritable"


def _dump_yaml(value) -> str:
    import yaml

    return _dump(lambda v: yaml.safe_dump(v, allow_unicode=True, sort_keys=False, width=60), value)


def _dump_json(value) -> str:
    return _dump(lambda v: json.dumps(v, ensure_ascii=True), value)  # lone surrogates: '\ud800'


@st.composite
def _markdown(draw) -> str:
    front = _dump_yaml(draw(st.one_of(PLAUSIBLE, ENTRY)))
    body = "\n\n".join(draw(st.lists(TEXT, max_size=5)))
    return draw(st.sampled_from(["---\n{f}---\n{b}", "---\n{f}\n{b}", "{b}", "----\n{f}----\n{b}"])
                ).format(f=front, b=body)


@cache
def seed_texts() -> tuple[str, ...]:
    """Real glossary files to mutate: the fixtures, and pieces of the shared corpora when here."""
    paths = sorted(p for p in (ROOT / "fixtures").rglob("*") if p.suffix in (".yaml", ".yml", ".json", ".md"))
    if (SHARED / "corpora").is_dir():
        corpora = sorted(p for p in (SHARED / "corpora").rglob("*")
                         if p.suffix in (".yaml", ".yml", ".md") and p.is_file())
        paths += corpora[::max(1, len(corpora) // 60)]
    texts = []
    for path in paths:
        text = path.read_text(encoding="utf-8", errors="replace")
        texts.append(text[:6000])  # a slice of a big file: enough to mutate, quick to lint
    return tuple(texts)


@st.composite
def _mutated(draw) -> str:
    seeds = seed_texts()
    text = seeds[draw(st.integers(0, len(seeds) - 1))]  # an index: a strategy's repr stays short
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        end = draw(st.integers(at, min(len(text), at + 200)))
        how = draw(st.sampled_from(["insert", "delete", "repeat", "truncate", "replace"]))
        if how == "insert":
            text = text[:at] + draw(TEXT) + text[at:]
        elif how == "delete":
            text = text[:at] + text[end:]
        elif how == "repeat":
            text = text[:end] + text[at:end] + text[end:]
        elif how == "truncate":
            text = text[:at]
        else:
            text = text[:at] + draw(TEXT) + text[end:]
    return text


# Values written into a file as they are, unquoted: numbers too long to convert, brackets that
# never close, tags, anchors, line breaks YAML counts and editors do not.
RAW = st.one_of(
    _any_of(SNIPPETS),
    _any_of(["9" * 5000, "-" + "9" * 4400, "1" + "0" * 4300, "0." + "1" * 5000, "[" * 600,
                     "{" * 600, "[" * 60 + "]" * 60, "&a x", "*a", "*nowhere", "!!str", "!!int x",
                     "\"\\ud800\"", "\"\\udfff x\"", "\"\\u001b[2J\"", "\"\\u0000\"", "\"a\u2028b\"",
                     "|\n  " + " " * 30000 + "x", ">-\n  ab\u0085cd", "'it''s'", "\"unclosed"]),
    st.text(CHARACTERS, max_size=20),
)


@st.composite
def _raw_yaml(draw) -> str:
    """Entries written by hand, values as drawn (often no longer YAML a dumper would write)."""
    entries = []
    for _ in range(draw(st.integers(1, 4))):
        keys = draw(st.lists(st.sampled_from(FIELDS), min_size=1, max_size=6, unique=True))
        lines = [f"{key}: {draw(RAW)}" for key in keys]
        entries.append("- " + "\n  ".join(lines))
    return "\n".join(entries) + "\n"


@st.composite
def _raw_json(draw) -> str:
    items = []
    for _ in range(draw(st.integers(1, 4))):
        keys = draw(st.lists(st.sampled_from(FIELDS), min_size=1, max_size=6, unique=True))
        items.append("{" + ", ".join(f'"{key}": {draw(RAW)}' for key in keys) + "}")
    return "[" + ", ".join(items) + "]"


# One file: its name and its bytes.
NAMES = st.one_of(
    st.sampled_from(["g", "a b", "ü", "x.y", "-dash", "#hash", "UPPER", "e\u0301", "n\x1bame", "long" * 30]),
    st.text(st.characters(codec="utf-8", exclude_characters="/\x00"), min_size=1, max_size=12),
).filter(lambda name: name not in (".", ".."))
FILES = st.one_of(
    st.tuples(st.just(".yaml"), st.lists(st.one_of(PLAUSIBLE, ENTRY), max_size=4).map(_dump_yaml)),
    st.tuples(st.just(".yaml"), st.one_of(PLAUSIBLE, ENTRY).map(_dump_yaml)),
    st.tuples(st.just(".json"), st.lists(st.one_of(PLAUSIBLE, ENTRY), max_size=4).map(_dump_json)),
    st.tuples(st.just(".json"), st.fixed_dictionaries({"entries": VALUES}).map(_dump_json)),
    st.tuples(st.just(".md"), _markdown()),
    st.tuples(st.just(".yaml"), _raw_yaml()),
    st.tuples(st.just(".json"), _raw_json()),
    st.tuples(st.just(".md"), _raw_yaml().map(lambda y: f"---\n{y[2:]}---\nBody.\n")),
    st.tuples(st.sampled_from([".yaml", ".md", ".json", ".yml"]), _mutated()),
    st.tuples(st.sampled_from([".yaml", ".md", ".json"]), TEXT),
)


def _encoded(text: str, how: str) -> bytes:
    if how == "utf-16":
        return text.encode("utf-16", "surrogatepass")
    return text.encode("utf-8", "surrogatepass")  # a lone surrogate is bytes no UTF-8 reader takes


@st.composite
def _file(draw) -> tuple[str, bytes]:
    """One file, named (a composite keeps the repr Hypothesis prints short)."""
    name, (suffix, text) = draw(NAMES), draw(FILES)
    return name + suffix, _encoded(text, draw(st.sampled_from(["utf-8"] * 9 + ["utf-16"])))


def glossaries(min_files: int = 1, max_files: int = 12):
    """A folder's files: (name, bytes), ``min_files`` to ``max_files`` of them."""
    return st.lists(_file(), min_size=min_files, max_size=max_files, unique_by=lambda f: f[0])
PROFILES = st.sampled_from(["native"] * 6 + sorted(shipped_profiles()))


# ---------------------------------------------------------------- one run, checked

@dataclass
class Run:
    code: int
    seconds: float


_RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@cache
def _sarif_validator():
    import jsonschema

    vendored = ROOT / "fixtures" / "sarif" / "sarif-schema-2.1.0.json"
    path = vendored if vendored.exists() else SHARED / "schemas" / "sarif-schema-2.1.0.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    return jsonschema.validators.validator_for(schema)(schema)


def write_glossary(folder: Path, files: list[tuple[str, bytes]]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files:
        (folder / name).write_bytes(data)


def check_output(fmt: str, data: bytes) -> None:
    """The report encodes as UTF-8 and parses as its format says; the terminal formats carry no
    raw control character."""
    text = data.decode("utf-8")
    if fmt in ("json", "sarif"):
        document = json.loads(text)
        if fmt == "sarif":
            errors = list(_sarif_validator().iter_errors(document))
            assert not errors, errors[0].message
    elif fmt == "junit":
        ET.fromstring(data)
    elif fmt in ("text", "github"):
        assert not _RAW_CONTROL.search(text), f"raw control character in {fmt} output"
    else:
        assert text.rstrip().endswith("</html>")


def lint_twice(folder: Path, fmt: str, profile: str) -> Run:
    """``gloss-lint check`` twice on ``folder``: no exception, exit 0 or 1, nothing on stderr, the
    report parses, and the second report is byte-identical to the first."""
    import time

    reports, seconds = [], []
    for i in range(2):
        start = time.perf_counter()
        out = folder.parent / f"{folder.name}.{i}.{fmt}"
        err = io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            code = main(["check", str(folder), "--format", fmt, "--profile", profile, "--output", str(out)])
        assert code in (0, 1), f"exit {code}: {err.getvalue()}"
        assert err.getvalue() == "", err.getvalue()
        seconds.append(time.perf_counter() - start)
        reports.append(out.read_bytes())
    check_output(fmt, reports[0])
    assert reports[0] == reports[1], "two runs on the same files gave different reports"
    return Run(code, max(seconds))
