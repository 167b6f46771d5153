"""Time ``gloss-lint report`` against ``check`` on a generated glossary, and the page in Chromium.

    python bench/report_speed.py [--entries N] [--runs 3]

Writes the glossary of ``bench/check_speed.py`` (10,000 entries by default), then measures
(best of --runs, cold processes): ``check --format json`` and ``report`` wall time, the page's
size, and in headless Chromium the page's first render (its script marks the moment it has
drawn the first screenful) and how long a filter takes to redraw the findings.
"""

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))
from check_speed import make_glossary  # noqa: E402
from chromium import Chromium, executable, wait_for  # noqa: E402

_FILTER = """(() => {
  const select = document.getElementById('f-severity');
  const started = performance.now();
  select.value = '2';
  select.dispatchEvent(new Event('change', {bubbles: true}));
  const took = performance.now() - started;
  select.value = '';
  select.dispatchEvent(new Event('change', {bubbles: true}));
  return took;
})()"""


def _best(command: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    script = str(Path(sys.executable).with_name("gloss-lint"))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "glossary"
        folder.mkdir()
        make_glossary(folder, args.entries)
        page = Path(tmp) / "report.html"
        check = _best([script, "check", str(folder), "--format", "json", "-o", str(Path(tmp) / "out.json")], args.runs)
        report = _best([script, "report", str(folder), "-o", str(page)], args.runs)
        size = page.stat().st_size
        print(f"{args.entries} entries: check {check:.2f} s, report {report:.2f} s "
              f"(+{report - check:.2f} s), page {size / 1e6:.1f} MB")
        if executable() is None:
            print("no chromium on PATH: first render not measured")
            return
        renders, filters = [], []
        for _ in range(args.runs):
            with Chromium() as browser:
                tab = browser.page()
                tab.open(page.as_uri())
                renders.append(float(wait_for(tab, "document.documentElement.dataset.rendered")))
                filters.append(float(tab.evaluate(_FILTER)))
                count = tab.evaluate("document.getElementById('finding-count').value")
                assert tab.errors == [], tab.errors
        print(f"first render {min(renders):.0f} ms (median {statistics.median(renders):.0f}), "
              f"a filter redraws in {min(filters):.0f} ms; {count}")


if __name__ == "__main__":
    main()
