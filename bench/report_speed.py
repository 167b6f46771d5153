"""Time ``gloss-lint report`` against ``check`` on a generated glossary, and the page in Chromium.

    python bench/report_speed.py [--entries N] [--runs 3] [--one-way]

Writes the glossary of ``bench/check_speed.py`` (10,000 entries by default), then measures
``check --format json`` and ``report`` as cold processes, run in turns (best of --runs each),
and in one process the run and each report's rendering alone (what ``report`` adds to
``check`` on a busy machine, where whole runs vary by more than that); the page's size; and in
headless Chromium the page's first render (its script marks when it has drawn the first
screenful) and how long a filter takes to redraw the findings. ``--one-way`` switches on
``links.one-way``, which finds about three findings an entry here: a page heavy with findings.
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


def _timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def _rendering(folder: Path, config: Path) -> tuple[float, float, float]:
    """The run, then the JSON and the HTML reports of it, in this process (seconds)."""
    from gloss_lint.cli import _registry
    from gloss_lint.config import load_settings
    from gloss_lint.engine import lint
    from gloss_lint.report import renderer

    registry = _registry(config)
    settings = load_settings(registry, config_path=config, paths=[str(folder)])
    started = time.perf_counter()
    result = lint(settings, registry)
    times = [time.perf_counter() - started]
    for name in ("json", "html"):
        started = time.perf_counter()
        renderer(name)(result, registry, settings)
        times.append(time.perf_counter() - started)
    return times[0], times[1], times[2]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--one-way", action="store_true", help="switch links.one-way on (many findings)")
    args = parser.parse_args()
    script = str(Path(sys.executable).with_name("gloss-lint"))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "glossary"
        folder.mkdir()
        make_glossary(folder, args.entries)
        page = Path(tmp) / "report.html"
        config = Path(tmp) / "gloss-lint.toml"
        config.write_text('[rules]\n"links.one-way" = "info"\n' if args.one_way else "")
        common = [str(folder), "--config", str(config)]
        checks, reports = [], []
        for _ in range(args.runs):
            checks.append(_timed([script, "check", *common, "--format", "json", "-o", str(Path(tmp) / "out.json")]))
            reports.append(_timed([script, "report", *common, "-o", str(page)]))
        size = page.stat().st_size
        print(f"{args.entries} entries, cold processes (best of {args.runs}): check {min(checks):.2f} s, "
              f"report {min(reports):.2f} s; page {size / 1e6:.1f} MB")
        run, json_report, html_report = _rendering(folder, config)
        print(f"in one process: the run {run:.2f} s, then the JSON report {json_report:.2f} s, "
              f"the HTML page {html_report:.2f} s (+{html_report - json_report:.2f} s)")
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
