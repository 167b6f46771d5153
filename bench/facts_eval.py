"""Precision and recall of the facts.* rules on the evaluation sets, per fact kind.

Runs the real command line (``python -m gloss_lint check SET --select facts
--format json``) and scores its warning- and error-level findings against
``SET/gold.yaml``: a finding is right when it joins a source of one side of a
conflict label to a source of the other, for the same term and fact kind; a
gold conflict is found when a finding does so. A finding's source is the
``source`` of the entries in its file (a file's stem when it has none), and a
label's term matches a finding's entry through the set's terms and aliases.

With no ``--set``, both sets are scored, each on its own (their figures are
not pooled): ``fixtures/facts-eval`` (written alongside the rules) and
``fixtures/facts-eval-2`` (written blind to them).

    python bench/facts_eval.py [--set fixtures/facts-eval-2] [--model NAME]
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SETS = [ROOT / "fixtures" / "facts-eval", ROOT / "fixtures" / "facts-eval-2"]


def run(folder: Path, model: str | None) -> dict:
    command = [sys.executable, "-m", "gloss_lint", "check", str(folder), "--select", "facts",
               "--format", "json"]
    config = None
    if model:  # a config beside nothing else: only the model option
        config = folder.parent / ".facts-eval-model.toml"
        config.write_text(f'[rules.facts]\nmodel = "{model}"\n')
        command += ["--config", str(config)]
    try:
        out = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    finally:
        if config:
            config.unlink()
    if out.returncode not in (0, 1):
        sys.exit(f"gloss-lint failed ({out.returncode}): {out.stderr}")
    return json.loads(out.stdout)


def _name(text: str) -> str:
    return re.sub(r"[\s_-]+", "", str(text)).casefold()


def _entries(path: Path) -> list[dict]:
    """The entries of one file of a set, read plainly (front matter, a list, or ``entries:``)."""
    text = path.read_text(encoding="utf-8")
    if path.suffix in (".md", ".markdown"):
        match = re.match(r"---\n(.*?)\n---", text, re.S)
        data = yaml.safe_load(match.group(1)) if match else None
    elif path.suffix == ".json":
        data = json.loads(text)
    else:
        data = yaml.safe_load(text)
    if isinstance(data, dict):
        data = data.get("entries", [data])
    return [e for e in data or [] if isinstance(e, dict) and "term" in e]


class SetIndex:
    """Which source each file of a set holds, and which names are one term."""

    def __init__(self, folder: Path | None = None):
        self.sources: dict[Path, str] = {}
        self.parent: dict[str, str] = {}
        if folder is None:
            return
        for path in sorted(folder.rglob("*")):
            if path.suffix not in (".yaml", ".yml", ".json", ".md", ".markdown") or path.name == "gold.yaml":
                continue
            entries = _entries(path)
            found = {str(e["source"]) for e in entries if e.get("source")}
            if len(found) == 1:
                self.sources[path.resolve()] = found.pop()
            for e in entries:
                names = [e["term"], *(e.get("aliases") or [])]
                self._union(_name(names[0]), _name(names[0]))
                for other in names[1:]:
                    self._union(_name(names[0]), _name(other))

    def _find(self, name: str) -> str:
        while self.parent.get(name, name) != name:
            name = self.parent[name]
        return name

    def _union(self, a: str, b: str) -> None:
        self.parent.setdefault(a, a)
        self.parent.setdefault(b, b)
        self.parent[self._find(a)] = self._find(b)

    def source(self, path: str) -> str:
        return self.sources.get((ROOT / path).resolve(), Path(path).stem)

    def same_term(self, a: str, b: str) -> bool:
        return self._find(_name(a)) == self._find(_name(b))


def _joins(label: dict, a: str, b: str) -> bool:
    one, two = (set(side) for side in label["sides"])
    return (a in one and b in two) or (a in two and b in one)


def score(report: dict, labels: list[dict], folder: Path | None = None) -> tuple[dict, list[str]]:
    index = SetIndex(folder)
    predicted = []
    for f in report["findings"]:
        if f["severity"] == "info" or not f["rule"].startswith("facts.") or not f["related"]:
            continue
        kind = re.match(r"[\w-]+", f["message"]).group(0)
        here, other = index.source(f["path"]), index.source(f["related"][0]["path"])
        predicted.append((f["entry"], kind, here, other, f))
    conflicts = [g for g in labels if g["label"] == "conflict"]
    compatible = [g for g in labels if g["label"] == "compatible"]
    stats: dict[str, Counter] = {}
    notes = []
    for term, kind, a, b, f in predicted:
        s = stats.setdefault(kind, Counter())
        s["predicted"] += 1
        same = [g for g in conflicts if index.same_term(g["term"], term) and g["fact"] == kind]
        if any(_joins(g, a, b) for g in same):
            s["right"] += 1
        else:
            broken = sorted((g for g in compatible if index.same_term(g["term"], term) and _joins(g, a, b)),
                            key=lambda g: g["fact"] != kind)  # a label of the finding's kind first
            why = f" (breaks a hard negative: {broken[0].get('note', '')})" if broken else ""
            notes.append(f"false alarm{why}: {f['path']}:{f['line']} {f['rule']} {f['message'][:160]}")
    for g in conflicts:
        s = stats.setdefault(g["fact"], Counter())
        s["gold"] += 1
        if any(index.same_term(t, g["term"]) and k == g["fact"] and _joins(g, a, b)
               for t, k, a, b, _ in predicted):
            s["found"] += 1
        else:
            notes.append(f"missed: {g['term']} {g['fact']} {g['rule']} {g['sides']} {g.get('note', '')}")
    return stats, notes


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


def evaluate(folder: Path, model: str | None) -> tuple[float, float]:
    """Score one set, print its table and notes; return its overall precision and recall."""
    labels = yaml.safe_load((folder / "gold.yaml").read_text(encoding="utf-8"))["labels"]
    report = run(folder, model)
    stats, notes = score(report, labels, folder)
    terms = len({g["term"] for g in labels})
    print(f"facts.* on {folder.relative_to(ROOT) if folder.is_relative_to(ROOT) else folder}: "
          f"{report['summary']['entries']} entries, {terms} labelled terms, "
          f"{sum(g['label'] == 'conflict' for g in labels)} gold conflicts, "
          f"{sum(g['label'] == 'compatible' for g in labels)} hard negatives")
    print(f"{'fact kind':<12} {'gold':>5} {'found':>6} {'pred':>5} {'right':>6} {'precision':>10} {'recall':>7}")
    total = Counter()
    for kind in sorted(stats):
        s = stats[kind]
        total.update(s)
        p, r = _ratio(s["right"], s["predicted"]), _ratio(s["found"], s["gold"])
        print(f"{kind:<12} {s['gold']:>5} {s['found']:>6} {s['predicted']:>5} {s['right']:>6} {p:>10.3f} {r:>7.3f}")
    p, r = _ratio(total["right"], total["predicted"]), _ratio(total["found"], total["gold"])
    print(f"{'all':<12} {total['gold']:>5} {total['found']:>6} {total['predicted']:>5} {total['right']:>6} {p:>10.3f} {r:>7.3f}")
    for note in notes:
        print("  " + note)
    return p, r


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", help="one evaluation set (a folder with gold.yaml); default: both")
    parser.add_argument("--model", help="a trained spaCy pipeline instead of the blank one")
    args = parser.parse_args()
    folders = [Path(args.set).resolve()] if args.set else SETS
    results = []
    for i, folder in enumerate(folders):
        if i:
            print()
        results.append((folder, *evaluate(folder, args.model)))
    if len(results) > 1:
        print()
        print("per set (not pooled):")
        for folder, p, r in results:
            name = folder.relative_to(ROOT) if folder.is_relative_to(ROOT) else folder
            print(f"  {str(name):<24} precision {p:.3f}  recall {r:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
