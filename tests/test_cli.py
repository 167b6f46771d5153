"""The command line, through ``main([...])`` and through the installed console script."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from gloss_lint import __version__
from gloss_lint.report import REPORTERS

GOOD = "term: Transformer\ncategory: Architectures\ndefinition: A neural network architecture built on attention.\n"


def test_version(run):
    code, out, _ = run("--version")
    assert (code, out.strip()) == (0, f"gloss-lint {__version__}")


def test_a_run_collects_garbage_rarely_and_leaves_the_thresholds_as_it_found_them(tmp_path, run):
    import gc

    from gloss_lint import collector

    before = gc.get_threshold()
    with collector.rare():
        assert gc.get_threshold()[0] > 10 * before[0]
    (tmp_path / "t.yaml").write_text(GOOD)
    run("check", ".", "--no-cache", cwd=tmp_path)
    assert gc.get_threshold() == before


def test_clean_glossary_exits_zero(tmp_path, run):
    (tmp_path / "t.yaml").write_text(GOOD)
    code, out, _ = run("check", ".", "--select", "schema,input", cwd=tmp_path)
    assert code == 0
    assert out == "0 findings (0 errors, 0 warnings, 0 info) in 1 file, 1 entry\n"


def test_missing_path_is_a_usage_error(run):
    code, out, err = run("check", "no/such/folder")
    assert code == 2 and out == ""
    assert "path not found: no/such/folder" in err


def test_unknown_rule_id_suggests(run):
    code, _, err = run("check", "fixtures/glossary", "--select", "schema.requird")
    assert code == 2
    assert "unknown rule or prefix 'schema.requird'; did you mean 'schema.required'?" in err


def test_bad_argument_is_usage_error(run):
    code, _, err = run("check", "--format", "xml")
    assert code == 2 and "'xml'" in err and all(name in err for name in REPORTERS)  # the formats to choose from


def test_select_and_ignore(run_json):
    _, report = run_json("fixtures/glossary", "--select", "schema", "--ignore", "schema.format,schema.enum")
    rules = {f["rule"] for f in report["findings"]}
    assert rules == {"schema.type", "schema.unknown-field", "schema.required", "schema.empty"}


def test_fail_on_levels(tmp_path, run):
    (tmp_path / ".gloss-lint.toml").write_text('[rules]\n"schema" = "warning"\n')
    (tmp_path / "t.yaml").write_text("term: X\ndefinition: An x.\n")  # no category
    code, out, _ = run("check", ".", "--select", "schema", cwd=tmp_path)
    assert code == 0 and "t.yaml:1:1: warning schema.required missing required field 'category'" in out
    assert run("check", ".", "--select", "schema", "--fail-on", "warning", cwd=tmp_path)[0] == 1
    assert run("check", ".", "--select", "schema", "--fail-on", "error", cwd=tmp_path)[0] == 0


def test_no_path_uses_configured_paths_else_cwd(tmp_path, run_json):
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary" / "t.yaml").write_text(GOOD)
    (tmp_path / "other.yaml").write_text("term: Y\n")
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.gloss-lint]\npaths = ["glossary"]\n')
    sub = tmp_path / "glossary"
    code, report = run_json(cwd=sub)  # config is found upward; its paths are relative to it
    assert report["summary"]["files"] == 1 and code == 0
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n')
    code, report = run_json(cwd=tmp_path)
    assert report["summary"]["files"] == 2 and code == 1


def test_output_file(tmp_path, run):
    target = tmp_path / "report.json"
    code, out, _ = run("check", "fixtures/glossary", "--format", "json", "--output", target)
    assert code == 1 and out == ""
    assert json.loads(target.read_text())["summary"]["entries"] == 11


def test_rules_listing(run):
    code, out, _ = run("rules")
    assert code == 0
    assert any(line.startswith("schema.required ") and "error" in line for line in out.splitlines())
    code, out, _ = run("rules", "--format", "json")
    listed = {r["id"]: r for r in json.loads(out)}
    assert listed["schema.empty"]["severity"] == "error"
    assert listed["input.empty"]["severity"] == "warning"


def test_rules_as_a_markdown_table_one_row_a_rule(run):
    from gloss_lint.registry import load_registry

    code, out, _ = run("rules", "--format", "markdown")
    lines = out.splitlines()
    assert code == 0 and lines[:2] == ["| rule | severity | default | summary |", "| --- | --- | --- | --- |"]
    registry = load_registry()
    assert [line.split("`")[1] for line in lines[2:]] == sorted(registry)
    row = next(line for line in lines if line.startswith("| `readability.reading-ease` |"))
    assert row == "| `readability.reading-ease` | warning | off | A definition or body with a low Flesch reading ease score. |"


def test_module_entry_point_runs_main(tmp_path, monkeypatch, capsys):
    import runpy

    (tmp_path / "t.yaml").write_text(GOOD)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "argv", ["gloss-lint", "check", ".", "--select", "schema"])
    with pytest.raises(SystemExit) as done:
        runpy.run_module("gloss_lint", run_name="__main__")
    assert done.value.code == 0 and capsys.readouterr().out.startswith("0 findings")


def _script() -> str:
    return str(Path(sys.executable).with_name("gloss-lint"))


def test_installed_console_script_and_module(tmp_path):
    env = {**os.environ, "NO_COLOR": "1"}
    done = subprocess.run([_script(), "check", str(ROOT / "fixtures" / "glossary"), "--select", "schema"],
                          capture_output=True, text=True, cwd=tmp_path, env=env)
    assert done.returncode == 1
    assert "error schema.unknown-field unknown field 'defintion'; did you mean 'definition'?" in done.stdout
    module = subprocess.run([sys.executable, "-m", "gloss_lint", "--version"], capture_output=True, text=True)
    assert module.stdout.strip() == f"gloss-lint {__version__}"


def test_colour_only_when_asked(run):
    _, out, _ = run("check", "fixtures/glossary", "--select", "schema.empty", "--color", "always")
    assert "\033[31merror\033[0m" in out
    _, out, _ = run("check", "fixtures/glossary", "--select", "schema.empty")
    assert "\033[" not in out


def test_profiles_listing(run):
    code, out, _ = run("profiles")
    listed = dict(line.split(None, 1) for line in out.splitlines())
    assert code == 0
    assert {"native", "kubernetes", "mdn", "glosario", "sss", "18f", "markdown-headings", "page"} <= set(listed)
    assert "### heading per term" in listed["markdown-headings"]  # not cut short by a YAML comment


def test_output_to_a_device_is_written_through_not_replaced(tmp_path, run):
    """``-o /dev/null`` once replaced the machine's /dev/null with a file (an atomic rename)."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE, text=True)
    code, _, err = run("check", "fixtures/glossary", "--format", "json", "--output", str(fifo))
    assert code == 1 and err == ""
    assert json.loads(reader.communicate(timeout=60)[0])["version"] == 1
    assert not fifo.is_file() and fifo.exists()  # still a pipe
