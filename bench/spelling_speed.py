"""What style.spelling costs on the seven real glossaries: seconds of a run with the rule on, less
a run with only the input rules, best of three (text caches emptied before each), and the
dictionary's load (once a process).

    python bench/spelling_speed.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from gloss_lint.config import load_settings
from gloss_lint.engine import lint
from gloss_lint.registry import load_registry

ROOT = Path(__file__).resolve().parent.parent
CORPORA = [("k8s-glossary", "kubernetes"), ("mdn-glossary", "mdn"), ("glosario", "glosario"),
           ("sss-ai-glossary", "sss"), ("18f-glossary", "18f"),
           ("hf-transformers-glossary", "markdown-headings"), ("sphinx-doc", "sphinx")]


def _best(run, times: int = 3) -> float:
    """Best of ``times`` cold runs: the text caches are emptied first, as in a new process."""
    from gloss_lint.read.markup import mask
    from gloss_lint.rules.style.spelling import _prose_words

    best = float("inf")
    for _ in range(times):
        mask.cache_clear()
        _prose_words.cache_clear()
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args(argv)
    registry = load_registry()
    start = time.perf_counter()
    from gloss_lint.rules.style.spelling import dictionary

    dictionary()
    print(f"dictionary load: {time.perf_counter() - start:.2f} s (once a process)")
    print(f"{'corpus':<26} {'entries':>7} {'words':>8} {'rule, s':>8} {'words/s':>9}")
    for folder, profile in CORPORA:
        root = args.shared / "corpora" / folder
        settings = {selected: load_settings(registry, cwd=root, paths=[str(root)], profile=profile,
                                            select=[selected]) for selected in ("input", "style.spelling")}
        result = lint(settings["input"], registry, cwd=root)
        from gloss_lint.read.markup import mask
        from gloss_lint.rules.style.spelling import _prose_words

        words = sum(1 for e in result.corpus.entries for f in ("definition", "body")
                    for _ in _prose_words(mask(e.text(f))))
        base = _best(lambda: lint(settings["input"], registry, cwd=root))
        spelled = _best(lambda: lint(settings["style.spelling"], registry, cwd=root))
        cost = max(spelled - base, 1e-6)
        print(f"{folder:<26} {len(result.corpus.entries):>7} {words:>8} {cost:>8.2f} {words / cost:>9,.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
