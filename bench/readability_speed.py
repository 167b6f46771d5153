"""Time the readability measures of 10,000 definitions.

    python bench/readability_speed.py [--definitions N]

The definitions are the real ones of ../shared/corpora (the glosario and MDN
glossaries) when present, else generated, each made unique so no cache helps.
Measures what the readability rules compute per field: markup masked, sentences
split, words and syllables counted, grade and reading ease.
"""

import argparse
import random
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORDS = ("model data token layer vector network training attention context memory signal "
         "sequence output input weight gradient batch loss label feature").split()


def definitions(n: int) -> list[str]:
    from gloss_lint.read.profiles import load_profile
    from gloss_lint.read.readers import discover, read_file

    texts: list[str] = []
    corpora = ROOT.parent / "shared" / "corpora"
    for folder, profile_name in (("glosario", "glosario"), ("mdn-glossary", "mdn")):
        if (corpora / folder).exists():
            profile = load_profile(profile_name)
            texts += [e.text("definition") for f in discover([corpora / folder], profile)
                      for e in read_file(f, str(f), profile).entries if e.text("definition")]
    if not texts:
        rng = random.Random(42)
        texts = [f"A generated entry about the {' '.join(rng.choice(WORDS) for _ in range(18))}."
                 for _ in range(500)]
    return [f"{texts[i % len(texts)]} Entry {i} ends here." for i in range(n)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--definitions", type=int, default=10_000)
    args = parser.parse_args()
    texts = definitions(args.definitions)
    words = sum(len(t.split()) for t in texts)
    started = time.perf_counter()
    from gloss_lint.rules.readability.textstats import measure

    measure("Warm up the imports (textstat, Pyphen) once.")
    imported = time.perf_counter()
    for text in texts:
        measured = measure(text)
        measured.grade, measured.reading_ease, measured.longest
    done = time.perf_counter()
    print(f"{len(texts):,} definitions, {words:,} words: imports {imported - started:.2f} s, "
          f"measures {done - imported:.2f} s ({(done - imported) / len(texts) * 1000:.2f} ms each)")


if __name__ == "__main__":
    main()
