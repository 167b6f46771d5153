"""The bad-input catalogue: each kind of hostile or broken file, in a folder beside a good entry,
through the real CLI in a child process under a time bound. Each gives a located ``input.*``
finding (or is skipped, as docs/input.md says), the good entry is still linted, and the JSON and
SARIF reports are written and parse. A case that hangs is stopped and reported as hung."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pytest

from gloss_lint.read.profiles import load_profile
from gloss_lint.read.readers import read_file

GOOD = b"term: Transformer\ncategory: Architectures\ndefinition: A neural network architecture built on attention.\n"
ENTRY = "term: {term}\ncategory: Architectures\ndefinition: {definition}\n"
CASE_SECONDS = 20  # a case normally takes well under a second; a hang or runaway takes forever
SECRET = "root:x:0:0:SECRET-LINE"


@dataclass
class Case:
    name: str
    files: dict[str, bytes] = field(default_factory=dict)
    # the first input.* finding on ``path``: (rule, line, column or the columns it may be at)
    rule: tuple[str, int, int | range] | None = None
    path: str = ""  # the file or folder the finding is on (default: the only bad file)
    entries: int = 1  # entries linted, the good one included
    args: tuple[str, ...] = ()
    build: Callable[[Path], None] | None = None  # for what bytes cannot say (pipes, links, odd names)


def _entry(term: str = "Attention", definition: str = "A way to weigh the parts of an input.") -> bytes:
    return ENTRY.format(term=term, definition=definition).encode()


def _alias_bomb() -> bytes:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]
    return ("\n".join(lines) + "\nterm: Bomb\ndefinition: *a8\n").encode()


def _fifo(folder: Path) -> None:
    os.mkfifo(folder / "pipe.yaml")


def _link(name: str, target: str) -> Callable[[Path], None]:
    return lambda folder: os.symlink(target, folder / name)


def _loop(folder: Path) -> None:
    os.symlink("b.yaml", folder / "a.yaml")
    os.symlink("a.yaml", folder / "b.yaml")


def _outside(kind: str) -> Callable[[Path], None]:
    """A link from the linted folder to a file or folder beside it, outside the linted tree."""
    def build(folder: Path) -> None:
        outside = folder.parent.parent / f"outside-{folder.name}"
        (outside / "etc").mkdir(parents=True)
        (outside / "etc" / "passwd.yaml").write_text(f"term: {SECRET}\ncategory: x\ndefinition: {SECRET}\n")
        if kind == "file":
            os.symlink(outside / "etc" / "passwd.yaml", folder / "passwd.yaml")
        else:
            os.symlink(outside / "etc", folder / "etc")
    return build


def _odd_name(folder: Path) -> None:
    with open(os.path.join(os.fsencode(folder), b"a\xff.yaml"), "wb") as f:
        f.write(b"term: Odd\ndefinition: [unclosed\n")


def _big_values() -> bytes:
    # An alias-free data file: 210,000 values in 1.9 MB.
    lines = [f"  - [{i:06d}, value-{i % 97:03d}, alpha, bravo-charlie, delta, golf, india]"
             for i in range(30_000)]
    return ("data:\n" + "\n".join(lines) + "\n").encode()


CASES = [
    Case("empty", {"empty.yaml": b"   \n\n"}, ("input.empty", 1, 1)),
    Case("yaml-null", {"null.yaml": b"~\n"}, ("input.not-an-entry", 1, 1)),
    Case("binary", {"image.yaml": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"}, ("input.binary", 1, 1)),
    Case("nul-after-8k", {"late.yaml": b"term: Late\ndefinition: " + b"x" * 9000 + b"\x00\n"}, ("input.binary", 1, 1)),
    Case("latin-1", {"latin1.yaml": "term: Caf\u00e9\ndefinition: x\n".encode("latin-1")}, ("input.encoding", 1, 10)),
    Case("utf-16-bom", {"wide.yaml": _entry("Caf\u00e9").decode().encode("utf-16")}, ("input.encoding", 1, 1)),
    Case("utf-16-be", {"wide.yaml": _entry().decode().encode("utf-16-be")}, ("input.encoding", 1, 1)),
    Case("control-char", {"bell.yaml": b"term: Bell\ndefinition: ding \x07 dong\n"}, ("input.syntax", 2, 18)),
    Case("broken-yaml", {"broken.yaml": b"term: RAG\ndefinition: [unclosed\ncategory: x\n"}, ("input.syntax", 3, 9)),
    Case("tabs", {"tabs.yaml": b"term: RAG\n\tdefinition: tab\n"}, ("input.syntax", 2, 1)),
    Case("broken-json", {"broken.json": b'{"term": "RAG",\n "definition": }\n'}, ("input.syntax", 2, 16)),
    Case("json-extra", {"extra.json": b'{"term": "RAG"} trailing'}, ("input.syntax", 1, 17)),
    Case("duplicate-key", {"dupe.yaml": _entry() + b"definition: Two.\n"}, ("input.duplicate-key", 4, 1), entries=2),
    Case("duplicate-key-json", {"dupe.json": b'{"term": "RAG", "term": "R"}'}, ("input.duplicate-key", 1, 17), entries=2),
    # At a bracket past the bound of 500 levels (the mapping is one): which one depends on the
    # libyaml PyYAML was built with (the 500th, or the 1,000th where libyaml's own limit stops first).
    Case("deep-yaml", {"deep.yaml": b"term: " + b"[" * 3000}, ("input.syntax", 1, range(506, 3007))),
    Case("deep-json", {"deep.json": b"[" * 3000}, ("input.syntax", 1, 502)),
    # At the collection whose aliases pass the bound: a5's ten copies of a4's 11,111 values.
    Case("alias-bomb", {"bomb.yaml": _alias_bomb()}, ("input.syntax", 6, 5)),
    Case("too-large", {"huge.yaml": b"term: Big\ndefinition: " + b"x" * 2_000_000 + b"\n"}, ("input.too-large", 1, 1)),
    Case("scalar", {"scalar.json": b'"just text"'}, ("input.not-an-entry", 1, 1)),
    Case("list-of-strings", {"strings.yaml": b"- Transformer\n- Attention\n"}, ("input.not-an-entry", 1, 3)),
    Case("entries-mapping", {"many.yaml": b"entries:\n  RAG:\n    definition: x\n"}, ("input.not-an-entry", 2, 3)),
    Case("front-matter-open", {"open.md": b"---\nterm: RAG\n"}, ("input.syntax", 1, 1)),
    Case("front-matter-list", {"list.md": b"---\n- a\n- b\n---\nBody\n"}, ("input.syntax", 2, 1)),
    Case("front-matter-broken", {"front.md": b"---\nterm: RAG\ndefinition: [x\n---\nBody\n"}, ("input.syntax", 4, 1)),
    Case("python-tag", {"tag.yaml": b"term: !!python/object/apply:os.system ['true']\n"}, ("input.syntax", 1, 7)),
    Case("unknown-alias", {"alias.yaml": b"term: *nope\n"}, ("input.syntax", 1, 7)),
    Case("two-documents", {"two.yaml": b"term: A\n---\nterm: B\n"}, ("input.syntax", 2, 1)),
    Case("list-as-key", {"key.yaml": b"[a, b]: x\nterm: y\n"}, ("input.syntax", 1, 1)),
    Case("huge-int-yaml", {"int.yaml": _entry() + b"year: " + b"9" * 5000 + b"\n"}, ("input.syntax", 4, 7)),
    Case("huge-int-json", {"int.json": b'{"term": "Big",\n "year": ' + b"9" * 5000 + b"}"}, ("input.syntax", 2, 10)),
    Case("lone-surrogate", {"s.json": b'{"term": "A\\ud800B",\n "category": "C", "definition": "D \\udfff."}'},
         ("input.encoding", 1, 12), entries=2),
    Case("cr-line-ends", {"mac.yaml": _entry().replace(b"\n", b"\r") + b"definition: Two.\r"},
         ("input.duplicate-key", 4, 1), entries=2),
    Case("line-separator", {"ls.yaml": 'term: "A\u2028B"\ncategory: "C\u0085D"\ndefinition: E\ndefinition: F\n'.encode()},
         ("input.duplicate-key", 4, 1), entries=2),
    Case("markdown-rule", {"rule.md": b"----\n\nA page that opens with a rule, then prose.\n"}),
    Case("markdown-no-front-matter", {"README.md": b"# Read me\n\nNot an entry.\n"}),
    Case("not-a-glossary", {"mkdocs.yml": b"site_name: Docs\nnav:\n  - index.md\n"}),
    Case("bom", {"bom.yaml": b"\xef\xbb\xbf" + _entry()}, entries=2),
    Case("fifo", build=_fifo, rule=("input.unreadable", 1, 1), path="pipe.yaml"),
    Case("dev-zero", build=_link("zero.yaml", "/dev/zero"), rule=("input.symlink", 1, 1), path="zero.yaml"),
    Case("dev-zero-followed", build=_link("zero.yaml", "/dev/zero"), rule=("input.unreadable", 1, 1),
         path="zero.yaml", args=("--follow-symlinks",)),
    Case("symlink-loop", build=_loop, rule=("input.unreadable", 1, 1), path="a.yaml"),
    Case("folder-loop", build=_link("loop", "."), rule=("input.symlink", 1, 1), path="loop"),
    Case("link-outside", build=_outside("file"), rule=("input.symlink", 1, 1), path="passwd.yaml"),
    Case("folder-link-outside", build=_outside("folder"), rule=("input.symlink", 1, 1), path="etc"),
    Case("link-outside-followed", build=_outside("file"), entries=2, args=("--follow-symlinks",)),
    Case("file-name-not-utf-8", build=_odd_name, rule=("input.syntax", 3, 1), path="a\\xff.yaml"),
    Case("suppression-blanks", {"s.yaml": _entry() + b"# gloss-lint: disable=style" + b" " * 60_000 + b"!\n"}, entries=2),
    Case("unclosed-markup", {"m.md": b"---\nterm: Markup\ncategory: C\n---\n"
                             + b"A *start {{macro( {{< <code> `tick [[link " * 5_000 + b"\n"}, entries=2),
    # This profile reads Markdown only: the good entry is a second heading of the same file.
    Case("heading-blanks", {"h.md": b"### Term" + b" " * 60_000 + b"x\n\nText.\n\n### Good\n\n"
                            + b"A term that reads well, defined in one plain sentence.\n"},
         entries=2, args=("--profile", "markdown-headings")),
    Case("one-long-word", {"w.yaml": _entry("Word", "w" * 1_900_000)}, entries=2),
]

# Runs each case folder through main() in one child process: a per-case alarm stops a hang,
# a memory cap stops a runaway read, and each report goes to stdout as a strict UTF-8 stream.
CHILD = textwrap.dedent("""
    import contextlib, json, os, resource, signal, sys, time, traceback
    from gloss_lint.cli import main
    resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))
    def alarm(*_): raise TimeoutError("case took too long")
    signal.signal(signal.SIGALRM, alarm)
    cases, reports, seconds = sys.argv[1], sys.argv[2], int(sys.argv[3])
    for name in sys.argv[4:]:
        folder = os.path.join(cases, name)
        args = json.load(open(os.path.join(folder, ".args")))
        os.chdir(folder)
        start = time.perf_counter()
        signal.alarm(seconds)
        try:
            for fmt in ("json", "sarif", "text"):
                with open(os.path.join(reports, f"{name}.{fmt}"), "w", encoding="utf-8") as out:
                    with contextlib.redirect_stdout(out):
                        main(["check", "--format", fmt, *args, "."])
            outcome = "ok"
        except BaseException:
            outcome = traceback.format_exc()
        signal.alarm(0)
        print(json.dumps([name, outcome, time.perf_counter() - start]), flush=True)
""")


def _make(root: Path, case: Case) -> None:
    folder = root / case.name
    folder.mkdir()
    (folder / "good.yaml").write_bytes(GOOD)
    (folder / ".args").write_text(json.dumps(list(case.args)))
    for name, content in case.files.items():
        (folder / name).write_bytes(content)
    if case.build:
        case.build(folder)


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory) -> tuple[Path, dict[str, tuple[str, float]]]:
    root = tmp_path_factory.mktemp("catalogue")
    cases, reports = root / "cases", root / "reports"
    cases.mkdir()
    reports.mkdir()
    for case in CASES:
        _make(cases, case)
    results: dict[str, tuple[str, float]] = {}
    waiting = [case.name for case in CASES]
    while waiting:  # a case that wedges the child is marked hung and the rest run in a new child
        child = subprocess.Popen([sys.executable, "-c", CHILD, str(cases), str(reports),
                                  str(CASE_SECONDS), *waiting], stdout=subprocess.PIPE, text=True)
        try:
            out, _ = child.communicate(timeout=CASE_SECONDS * len(waiting) + 60)
        except subprocess.TimeoutExpired:
            child.kill()
            out, _ = child.communicate()
        for line in out.splitlines():
            name, outcome, seconds = json.loads(line)
            results[name] = (outcome, seconds)
        done = [n for n in waiting if n in results]
        if len(done) < len(waiting):
            results[waiting[len(done)]] = ("hung (or killed the child)", float("inf"))
        waiting = [n for n in waiting if n not in results]
    return reports, results


def test_catalogue_holds_thirty_kinds():
    assert len({case.name for case in CASES}) == len(CASES) >= 30


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_bad_input(case: Case, outcomes):
    reports, results = outcomes
    outcome, seconds = results[case.name]
    assert outcome == "ok", outcome
    assert seconds < CASE_SECONDS
    report = json.loads((reports / f"{case.name}.json").read_text(encoding="utf-8"))
    sarif = json.loads((reports / f"{case.name}.sarif").read_text(encoding="utf-8"))
    assert sarif["runs"][0]["results"] is not None
    path = case.path or next(iter(case.files), "")
    found = [(f["rule"], f["line"], f["column"]) for f in report["findings"]
             if f["path"] == path and f["rule"].startswith("input.")]
    if case.rule is None:
        assert found == []
    else:
        rule, line, column = case.rule
        columns = column if isinstance(column, range) else (column,)
        assert found[:1] and found[0][:2] == (rule, line) and found[0][2] in columns, (found[:1], case.rule)
    # The good entry beside it was read and linted (it has no findings of its own).
    assert report["summary"]["entries"] == case.entries
    assert not [f for f in report["findings"] if f["path"] == "good.yaml"]
    for fmt in ("json", "sarif", "text"):  # what a link outside led to is never read unless asked
        assert SECRET not in (reports / f"{case.name}.{fmt}").read_text(encoding="utf-8") or case.args


# ---------------------------------------------------------------- what the catalogue cannot see

def _read(tmp_path: Path, name: str, content: bytes):
    path = tmp_path / name
    path.write_bytes(content)
    return read_file(path, name, load_profile("native"))


def test_lone_surrogates_are_replaced_at_read_time(tmp_path):
    read = _read(tmp_path, "s.json", b'{"term": "A\\ud800B", "x\\udc00": ["\\ud83d\\ude00 \\udbff"]}')
    (entry,) = read.entries
    assert entry.fields == {"term": "A\ufffdB", "x\ufffd": ["\U0001F600 \ufffd"]}
    assert [(p.rule, p.line, p.column) for p in read.problems] == [
        ("input.encoding", 1, 12), ("input.encoding", 1, 24), ("input.encoding", 1, 48)]


def test_a_surrogate_pair_is_one_character(tmp_path):
    read = _read(tmp_path, "s.json", b'{"term": "\\ud83d\\ude00"}')
    assert read.entries[0].fields["term"] == "\U0001F600" and read.problems == []


def test_alias_free_file_with_many_values_is_read(tmp_path):
    content = _big_values()
    assert 1_800_000 < len(content) < 2_000_000 and content.count(b",") + content.count(b"[") >= 210_000
    read = _read(tmp_path, "data.yaml", content.replace(b"data:", b"term: Data\ndefinition: Numbers.\ntags:"))
    assert read.problems == [] and len(read.entries[0].fields["tags"]) == 30_000


def test_aliases_are_counted_as_they_expand(tmp_path):
    # 9 copies of 10,001 values through aliases: under the bound; 30 copies: over it.
    small = b"a: &a [" + b", ".join([b"x"] * 10_000) + b"]\nterm: T\nb: [" + b", ".join([b"*a"] * 9) + b"]\n"
    assert _read(tmp_path, "small.yaml", small).problems == []
    big = small.replace(b", ".join([b"*a"] * 9), b", ".join([b"*a"] * 30))
    problems = _read(tmp_path, "big.yaml", big).problems
    assert [(p.rule, p.line) for p in problems] == [("input.syntax", 3)] and "alias" in problems[0].message


def test_entries_mapping_says_what_to_do(tmp_path):
    read = _read(tmp_path, "many.yaml", b"entries:\n  RAG:\n    definition: x\n")
    assert "list" in read.problems[0].message


def test_utf16_is_named(tmp_path):
    read = _read(tmp_path, "wide.yaml", _entry().decode().encode("utf-16-le"))
    assert read.problems[0].rule == "input.encoding" and "UTF-16" in read.problems[0].message


def test_cr_line_ends_locate_values(tmp_path):
    read = _read(tmp_path, "mac.yaml", b"term: Mac\rcategory: C\rdefinition: Old\r  style.\r")
    (entry,) = read.entries
    assert entry.fields["definition"] == "Old style."
    assert entry.file.position(entry.spans[("definition",)].start) == (3, 13)
