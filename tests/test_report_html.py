"""The HTML report: escaping, determinism and exit codes, then the page itself in headless Chromium."""

from __future__ import annotations

import html
import json
import os
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
import yaml

from chromium import Chromium, executable, wait_for
from conftest import FIXTURES, ROOT, needs_shared
from gloss_lint.cli import main
from gloss_lint.report.html import Markup, fill

XSS_TERM = "<script>document.title='pwned'</script>"
XSS_ATTR = "\"><img src=x onerror=\"document.title='pwned'\">"


def _xss_glossary(tmp_path: Path) -> Path:
    """Two sources describing one hostile term (with a contradiction), a hostile file name."""
    folder = tmp_path / "hostile"
    for source, text in (("one", "The term was coined by OpenAI in 2019."),
                         ("two", f"The term was coined by Google in 2021. {XSS_ATTR} ![x](http://127.0.0.1:9/x.png)")):
        (folder / source).mkdir(parents=True)
        (folder / source / f"{source}{XSS_ATTR if source == 'two' else ''}.yaml".replace("/", "_")).write_text(
            yaml.safe_dump({"term": XSS_TERM, "category": XSS_ATTR, "definition": text,
                            "related": [XSS_ATTR, "</script><script>document.title='pwned'</script>"],
                            "sources": [{"url": "http://127.0.0.1:9/source"}]}), encoding="utf-8")
    return folder


def _report(tmp_path: Path, *argv: str) -> Path:
    out = tmp_path / "report.html"
    assert main(["report", *argv, "-o", str(out)]) == 0
    return out


# ---------------------------------------------------------------- without a browser

def test_fill_escapes_every_value_unless_marked_safe():
    assert fill("<p title=\"$a\">$b</p>", a='"><x', b="<b>&") == '<p title="&quot;&gt;&lt;x">&lt;b&gt;&amp;</p>'
    assert fill("<p>$b</p>", b=Markup("<b>ok</b>")) == "<p><b>ok</b></p>"


def test_hostile_text_never_reaches_the_page_as_markup(tmp_path):
    page = _report(tmp_path, str(_xss_glossary(tmp_path))).read_text(encoding="utf-8")
    head, _, rest = page.partition('<script type="application/json" id="data">')
    blob, _, tail = rest.partition("</script>")
    assert "<img" not in page and "pwned'</script>" not in page
    assert json.loads(blob)["terms"][0][0] == XSS_TERM  # the blob still carries the text exactly
    assert tail.count("<script") == 1 and "default-src 'none'" in html.unescape(head)


def _report_in_subprocess(tmp_path: Path, seed: str, name: str) -> bytes:
    out = tmp_path / name
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run([sys.executable, "-m", "gloss_lint", "report", "fixtures", "-o", str(out)],
                          cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    return out.read_bytes()


def test_the_page_is_byte_identical_across_runs(tmp_path):
    first = _report_in_subprocess(tmp_path, "1", "a.html")
    assert first == _report_in_subprocess(tmp_path, "2", "b.html")
    assert b"written 20" not in first


def test_exit_codes_and_check_format_html(tmp_path, run):
    out = tmp_path / "page.html"
    assert run("report", "fixtures/glossary", "-o", out)[0] == 0 and out.read_text().startswith("<!DOCTYPE html>")
    assert "written 20" in (_report(tmp_path, "fixtures/glossary", "--timestamp").read_text())
    assert run("report", "fixtures", "--profile", "no-such-profile", "-o", out)[0] == 2
    assert run("report", "fixtures", "--select", "no-such-rule", "-o", out)[0] == 2
    assert run("report", "fixtures", "-o", tmp_path / "no" / "such" / "folder.html")[0] == 2
    assert run("report", "--no-such-option")[0] == 2
    code, html_out, _ = run("check", "fixtures/glossary", "--format", "html")
    assert code == 1 and html_out.startswith("<!DOCTYPE html>")


def test_report_writes_the_default_file_in_the_working_directory(tmp_path, run):
    glossary = _xss_glossary(tmp_path)
    assert run("report", glossary, cwd=tmp_path)[0] == 0
    assert (tmp_path / "gloss-lint-report.html").is_file()


# ---------------------------------------------------------------- in the browser

@pytest.fixture(scope="module")
def browser():
    if executable() is None:
        reason = ("BROWSER TESTS SKIPPED: no chromium on PATH; install it with "
                  "`apt-get install chromium` (.ci/run does) to test the HTML report in a real browser")
        warnings.warn(reason)
        print(f"\n*** {reason} ***", file=sys.stderr)
        pytest.skip(reason)
    with Chromium() as chromium:
        yield chromium


def _open(browser, path: Path):
    page = browser.page()
    page.open(path.resolve().as_uri())
    wait_for(page, "document.documentElement.dataset.rendered")
    return page


def _quiet(page, url: str) -> None:
    assert page.errors == []
    assert page.requests == [url]  # the page itself, nothing else


@pytest.fixture(scope="module")
def fixtures_page(browser, tmp_path_factory):
    out = tmp_path_factory.mktemp("fixtures") / "report.html"
    assert main(["report", str(FIXTURES), "-o", str(out)]) == 0
    page = _open(browser, out)
    yield page, out


# Reads a term card as the page shows it: its rows, each cell's source and claims.
_READ_TERM = """
(name) => {
  const search = document.getElementById('term-search'), show = document.getElementById('term-show');
  search.value = name; show.value = 'all';
  show.dispatchEvent(new Event('change', {bubbles: true}));
  const card = [...document.querySelectorAll('#term-list article.term')]
    .find((a) => a.querySelector('h3').textContent === name);
  if (!card) return null;
  const table = card.querySelector('table.facts');
  const sources = [...card.querySelectorAll('.sources h4 > span:first-child')].map((s) => s.textContent);
  if (!table) return {sources, rows: []};
  const columns = [...table.querySelectorAll('thead th')].slice(1).map((th) => th.firstChild.textContent);
  const rows = [...table.querySelectorAll('tbody tr')].map((tr) => ({
    label: tr.querySelector('th').firstChild.textContent,
    cells: [...tr.querySelectorAll('td')].map((td, i) => ({
      source: columns[i],
      claims: [...td.querySelectorAll('.claim')].map((c) => ({
        value: c.querySelector('.value').textContent, group: c.querySelector('.value').className,
        conflict: c.classList.contains('conflict'),
        sentence: c.querySelector('q').textContent}))}))}));
  return {sources, rows};
}
"""


def _term(page, name: str):
    return page.evaluate(f"({_READ_TERM})({json.dumps(name)})")


def test_planted_contradictions_show_both_sides(fixtures_page):
    page, out = fixtures_page
    gold = yaml.safe_load((FIXTURES / "facts-eval" / "gold.yaml").read_text())["labels"]
    planted = [g for g in gold if g["label"] == "conflict"]
    assert planted
    for label in planted:
        card = _term(page, label["term"])
        assert card is not None, label["term"]
        sides = []
        for side in label["sides"]:
            sides.append({(row["label"], claim["sentence"]) for row in card["rows"]
                          if row["label"].split(":")[0] == label["fact"]
                          for cell in row["cells"] if cell["source"] in side
                          for claim in cell["claims"] if claim["conflict"] and claim["sentence"]})
        rows = {r for side in sides for r, _ in side}
        assert all(sides) and any(all(r in {x for x, _ in side} for side in sides) for r in rows), label
    _quiet(page, out.resolve().as_uri())


def test_the_seed_pages_side_by_side_agree(browser, tmp_path):
    seeds = needs_shared("seeds")
    out = _report(tmp_path, str(seeds), "--profile", "page")
    page = _open(browser, out)
    data = json.loads(page.evaluate("document.getElementById('data').textContent"))
    name = next(t[0] for t in data["terms"] if len(t[1]) == len(data["entries"]))
    card = _term(page, name)
    assert len(card["sources"]) == len(data["entries"]) == 5
    rows = {row["label"]: row for row in card["rows"]}
    claims = lambda label: [c for cell in rows[label]["cells"] for c in cell["claims"]]  # noqa: E731
    years = claims("origin: year")
    assert {c["value"] for c in years} == {"2021"} and len({c["group"] for c in years}) == 1
    assert sum(1 for cell in rows["origin: year"]["cells"] if cell["claims"]) == 4
    assert len({c["group"] for c in claims("origin: by")}) == 1
    assert sum(1 for cell in rows["providers"]["cells"] if cell["claims"]) == 1
    assert not any(c["conflict"] for row in card["rows"] for cell in row["cells"] for c in cell["claims"])
    _quiet(page, out.resolve().as_uri())


def _listed(page, selector: str) -> int:
    return page.evaluate(f"document.querySelectorAll({json.dumps(selector)}).length")


def _set(page, control: str, value: str) -> None:
    page.evaluate(f"""(() => {{ const c = document.getElementById({json.dumps(control)});
        c.value = {json.dumps(value)}; c.dispatchEvent(new Event('change', {{bubbles: true}})); }})()""")


def test_filters_change_what_is_listed(fixtures_page):
    page, out = fixtures_page
    data = json.loads(page.evaluate("document.getElementById('data').textContent"))
    total = len(data["findings"])
    count = lambda: page.evaluate("document.getElementById('finding-count').value")  # noqa: E731
    assert count() == f"{total} of {total} findings"
    families = sorted({data["rules"][f[0]][0].split(".")[0] for f in data["findings"]})
    assert len(families) > 1
    for family in families:
        _set(page, "f-family", family)
        shown = page.evaluate("[...document.querySelectorAll('#finding-list .rule-id')].map((e) => e.textContent)")
        expected = sum(1 for f in data["findings"] if data["rules"][f[0]][0].startswith(family + "."))
        assert count() == f"{expected} of {total} findings" and 0 < len(shown) <= expected
        assert all(rule.startswith(family + ".") for rule in shown)
    _set(page, "f-family", "")
    _set(page, "f-severity", "3")
    errors = sum(1 for f in data["findings"] if f[1] == 3)
    assert count() == f"{errors} of {total} findings" and errors < total
    assert set(page.evaluate("[...document.querySelectorAll('#finding-list .sev')].map((e) => e.textContent)")) == {"error"}
    _set(page, "f-severity", "")
    page.evaluate("document.getElementById('f-text').value = 'Kubernetes'; "
                  "document.getElementById('f-text').dispatchEvent(new Event('input'))")
    wait_for(page, f"document.getElementById('finding-count').value !== '{total} of {total} findings'")
    texts = page.evaluate("[...document.querySelectorAll('#finding-list .finding')].map((e) => e.textContent)")
    assert texts and all("kubernetes" in t.lower() for t in texts)
    page.evaluate("document.getElementById('finding-controls').reset()")
    wait_for(page, f"document.getElementById('finding-count').value === '{total} of {total} findings'")
    # terms: with several entries, with contradictions only, all
    page.evaluate("document.getElementById('term-search').value = ''")
    counts = {}
    for show in ("several", "conflicts", "all"):
        _set(page, "term-show", show)
        counts[show] = int(page.evaluate("document.getElementById('term-count').value").split()[0])
        cards = page.evaluate("[...document.querySelectorAll('#term-list article.term')].map((a) => "
                              "[a.querySelectorAll('.sources .source').length, !!a.querySelector('.claim.conflict')])")
        assert cards and all(n > 1 for n, _ in cards) if show == "several" else True
        assert cards and all(marked for _, marked in cards) if show == "conflicts" else True
    several = counts["several"]
    assert counts["conflicts"] < counts["several"] < counts["all"] == len(data["terms"])
    assert several > 0
    _quiet(page, out.resolve().as_uri())


def test_findings_show_their_line_with_the_span_marked_and_the_rules_doc(fixtures_page):
    page, _ = fixtures_page
    first = page.evaluate("""(() => { const f = document.querySelector('#finding-list .finding');
        return {context: f.querySelector('pre.context').textContent, mark: f.querySelector('mark').textContent,
                about: f.querySelector('details.about').textContent}; })()""")
    assert first["mark"] and first["mark"] in first["context"]
    assert "Bad:" in first["about"] and "Good:" in first["about"]


def test_keyboard_narrow_screen_and_print(fixtures_page):
    page, _ = fixtures_page
    page.send("Input.dispatchKeyEvent", type="keyDown", key="/", text="/")
    page.send("Input.dispatchKeyEvent", type="keyUp", key="/")
    assert page.evaluate("document.activeElement.id") == "f-text"
    page.send("Emulation.setDeviceMetricsOverride", width=375, height=800, deviceScaleFactor=1, mobile=True)
    try:
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
    finally:
        page.send("Emulation.clearDeviceMetricsOverride")
    page.send("Emulation.setEmulatedMedia", media="print")
    try:
        assert page.evaluate("getComputedStyle(document.getElementById('finding-controls')).display") == "none"
    finally:
        page.send("Emulation.setEmulatedMedia", media="")


def test_a_hostile_glossary_shows_as_text(browser, tmp_path):
    out = _report(tmp_path, str(_xss_glossary(tmp_path)))
    page = _open(browser, out)
    card = _term(page, XSS_TERM)
    assert card is not None and len(card["sources"]) == 2
    assert any(claim["conflict"] for row in card["rows"] for cell in row["cells"] for claim in cell["claims"])
    assert page.evaluate("document.title") == "gloss-lint report"
    assert page.evaluate("document.images.length") == 0
    assert page.evaluate("document.querySelectorAll('script').length") == 2
    body = page.evaluate("document.body.innerText")
    assert XSS_TERM in body and XSS_ATTR in body
    _quiet(page, out.resolve().as_uri())
