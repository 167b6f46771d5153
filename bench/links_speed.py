"""Time link checking on a generated native glossary: N entries, 5 links each.

    python bench/links_speed.py [--entries N]

Each entry has three related terms and two inline links ([[Term]], [text](#id));
about 2% of the targets are misspelt, so suggestions are searched too. Prints the
time of building and resolving the link graph (in process, after reading), and of
the whole ``gloss-lint check --select links`` run (the real console script, cold).
Run it at two sizes to see the cost grow with the number of links, not with pairs.
"""

import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def make_glossary(folder: Path, n: int) -> int:
    rng = random.Random(7)
    per_file, links = 100, 0

    def target(i: int) -> str:
        name = f"Term {i}"
        return name.replace("Term", "Trem") if rng.random() < 0.02 else rng.choice([name, name.lower(), f"term-{i}"])

    for start in range(0, n, per_file):
        lines = ["entries:"]
        for i in range(start, min(n, start + per_file)):
            related = ", ".join(target(rng.randrange(n)) for _ in range(3))
            wiki, anchor = target(rng.randrange(n)), f"term-{rng.randrange(n)}"
            lines += [f"  - term: Term {i}", "    category: Generated",
                      f"    definition: A generated entry; see [[{wiki}]] and [the other](#{anchor}).",
                      f"    related: [{related}]"]
            links += 5
        (folder / f"part-{start // per_file:03}.yaml").write_text("\n".join(lines) + "\n")
    return links


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=10_000)
    args = parser.parse_args()
    from gloss_lint.read.profiles import load_profile
    from gloss_lint.read.readers import discover, read_file
    from gloss_lint.rules.links.graph import build_graph

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        links = make_glossary(folder, args.entries)
        profile = load_profile("native")
        entries = [e for p in discover([folder], profile) for e in read_file(p, p.name, profile).entries]
        started = time.perf_counter()
        graph = build_graph(entries, [], profile.data, [folder])
        resolved = time.perf_counter() - started
        broken = sum(not r.entries for _, r in graph.links)
        script = str(Path(sys.executable).with_name("gloss-lint"))
        started = time.perf_counter()
        subprocess.run([script, "check", tmp, "--select", "links", "--format", "json",
                        "-o", str(folder / "out.json")], check=False)
        whole = time.perf_counter() - started
    print(f"{len(entries)} entries, {len(graph.links)} links ({links} written), {broken} unresolved: "
          f"graph built and resolved in {resolved:.2f} s; whole check --select links {whole:.2f} s wall")


if __name__ == "__main__":
    main()
