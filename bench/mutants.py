"""Mutation run: does the test suite notice small bugs in the code that decides findings?

Each mutant changes one expression of one module — a comparison flipped (``<`` to ``<=``,
``==`` to ``!=``, ``in`` to ``not in``), ``and`` to ``or``, a ``not`` dropped, a number off by
one, ``+`` to ``-``, a ``True``/``False`` swapped — in a copy of the checkout, and the tests
that cover that module run on the copy (``-x``: the first failure kills the mutant). A
mutant no test notices survives; the run prints each survivor, to be read: an equivalent
change (harmless), or a gap in the tests.

Candidates are every such expression of the module, in order; ``--per-module N`` takes N of
them spread evenly over the file (deterministic, so two runs try the same mutants).
``../shared`` is hidden from the copy: the figure is what the suite catches alone.

    python bench/mutants.py [--per-module 12] [--module gloss_lint/model.py] [--at MODULE:LINE] [--list]
"""

from __future__ import annotations

import argparse
import ast
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# module -> the tests that cover it (the fastest first: -x stops at the first failure)
TARGETS = {
    "gloss_lint/model.py": ["tests/test_located.py", "tests/test_fixtures.py", "tests/test_links.py",
                            "tests/test_style.py", "tests/test_reports.py"],
    "gloss_lint/rules/links/graph.py": ["tests/test_links.py", "tests/test_suggestions.py"],
    "gloss_lint/rules/links/rules.py": ["tests/test_links.py", "tests/test_suggestions.py"],
    "gloss_lint/rules/facts/compare.py": ["tests/test_facts_shapes.py", "tests/test_facts.py"],
    "gloss_lint/rules/facts/values.py": ["tests/test_facts.py", "tests/test_facts_shapes.py"],
    "gloss_lint/rules/readability/rules.py": ["tests/test_readability.py", "tests/test_sentences.py"],
    "gloss_lint/config.py": ["tests/test_config.py", "tests/test_cli.py"],
}

_FLIP = {ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt, ast.Eq: ast.NotEq,
         ast.NotEq: ast.Eq, ast.In: ast.NotIn, ast.NotIn: ast.In, ast.Is: ast.IsNot, ast.IsNot: ast.Is}


@dataclass(frozen=True)
class Mutant:
    module: str
    line: int
    before: str
    after: str
    start: int  # character offsets of the expression in the module's text
    end: int


def _offsets(text: str) -> list[int]:
    starts, at = [0], 0
    for line in text.splitlines(keepends=True):
        at += len(line)
        starts.append(at)
    return starts


def _variants(node: ast.AST) -> list[ast.AST]:
    """The mutated copies of one node (none when the node is not a mutation point)."""
    import copy

    out = []
    if isinstance(node, ast.Compare) and len(node.ops) == 1 and type(node.ops[0]) in _FLIP:
        new = copy.deepcopy(node)
        new.ops = [_FLIP[type(node.ops[0])]()]
        out.append(new)
    elif isinstance(node, ast.BoolOp):
        new = copy.deepcopy(node)
        new.op = ast.Or() if isinstance(node.op, ast.And) else ast.And()
        out.append(new)
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        out.append(copy.deepcopy(node.operand))
    elif isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub)):
        new = copy.deepcopy(node)
        new.op = ast.Sub() if isinstance(node.op, ast.Add) else ast.Add()
        out.append(new)
    elif isinstance(node, ast.Constant) and type(node.value) in (int, float) and not isinstance(node.value, bool):
        out.append(ast.Constant(node.value + 1))
    elif isinstance(node, ast.Constant) and isinstance(node.value, bool):
        out.append(ast.Constant(not node.value))
    return out


def candidates(module: str) -> list[Mutant]:
    text = (ROOT / module).read_text()
    tree = ast.parse(text)
    starts = _offsets(text)
    docstrings = {id(n.body[0].value) for n in ast.walk(tree)
                  if isinstance(n, (ast.Module, ast.FunctionDef, ast.ClassDef)) and n.body
                  and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
    found = []
    for node in ast.walk(tree):
        if id(node) in docstrings or not hasattr(node, "lineno"):
            continue
        for variant in _variants(node):
            start = starts[node.lineno - 1] + len(text[starts[node.lineno - 1]:].encode()[:node.col_offset].decode())
            end = starts[node.end_lineno - 1] + len(
                text[starts[node.end_lineno - 1]:].encode()[:node.end_col_offset].decode())
            before = text[start:end]
            after = f"({ast.unparse(variant)})"
            mutated = text[:start] + after + text[end:]
            try:
                ast.parse(mutated)
            except SyntaxError:
                continue
            found.append(Mutant(module, node.lineno, " ".join(before.split()), after, start, end))
    found.sort(key=lambda m: (m.start, m.after))
    return found


def spread(items: list, n: int) -> list:
    if n <= 0 or len(items) <= n:
        return items
    return [items[round(i * (len(items) - 1) / (n - 1))] for i in range(n)] if n > 1 else items[:1]


def copy_checkout(into: Path) -> Path:
    """The checkout's tracked files, as they are in the work tree, under ``into``."""
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True, check=True)
    for name in filter(None, tracked.stdout.split("\0")):
        if (ROOT / name).is_file():
            (into / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, into / name)
    return into


def run_tests(copy: Path, tests: list[str], timeout: int) -> tuple[bool, float]:
    """True when the tests pass on the copy (the mutant survives)."""
    env = {**os.environ, "PYTHONPATH": str(copy), "GLOSS_LINT_SHARED": str(copy / "no-shared"),
           "NO_COLOR": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("GLOSS_LINT_REQUIRE_SHARED", None)
    started = time.monotonic()
    try:
        done = subprocess.run([sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *tests],
                              cwd=copy, env=env, capture_output=True, text=True, timeout=timeout)
        passed = done.returncode == 0
    except subprocess.TimeoutExpired:
        passed = False  # a mutant that hangs the suite is noticed
    return passed, time.monotonic() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-module", type=int, default=12)
    parser.add_argument("--module", action="append", help="only these modules (paths as in TARGETS)")
    parser.add_argument("--at", action="append", metavar="MODULE:LINE",
                        help="only the sampled mutants on these lines (to run the survivors again)")
    parser.add_argument("--list", action="store_true", help="list the mutants, run nothing")
    parser.add_argument("--timeout", type=int, default=600)
    args = parser.parse_args()
    modules = args.module or list(TARGETS)
    mutants = [m for module in modules for m in spread(candidates(module), args.per_module)
               if not args.at or f"{m.module}:{m.line}" in args.at]
    if args.list:
        for m in mutants:
            print(f"{m.module}:{m.line}: {m.before}  ->  {m.after}")
        return 0
    with tempfile.TemporaryDirectory() as folder:
        copy = copy_checkout(Path(folder))
        probe = subprocess.run([sys.executable, "-c", "import gloss_lint; print(gloss_lint.__file__)"],
                               cwd=copy, env={**os.environ, "PYTHONPATH": str(copy)}, capture_output=True, text=True)
        assert probe.stdout.strip().startswith(str(copy)), f"the copy is not what runs: {probe.stdout}"
        for module in dict.fromkeys(m.module for m in mutants):
            passed, _ = run_tests(copy, TARGETS[module], args.timeout)
            assert passed, f"the tests of {module} fail before any mutation"
        survivors, killed = [], 0
        for i, m in enumerate(mutants, 1):
            path = copy / m.module
            original = path.read_text()
            path.write_text(original[:m.start] + m.after + original[m.end:])
            try:
                survived, seconds = run_tests(copy, TARGETS[m.module], args.timeout)
            finally:
                path.write_text(original)
            killed += not survived
            if survived:
                survivors.append(m)
            print(f"[{i}/{len(mutants)}] {'SURVIVED' if survived else 'killed  '} {seconds:5.1f}s "
                  f"{m.module}:{m.line}: {m.before[:70]}  ->  {m.after[:70]}", flush=True)
    print(f"\n{killed} of {len(mutants)} mutants killed ({100 * killed / max(len(mutants), 1):.1f} %)")
    for m in survivors:
        print(f"  survivor {m.module}:{m.line}: {m.before}  ->  {m.after}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
