"""The pre-commit hook as pre-commit runs it: its entry, with the changed files appended."""

import os
import shlex
import subprocess
import sys
from pathlib import Path

import yaml
from conftest import ROOT


def test_hook_entry_lints_the_files_it_is_given(tmp_path):
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert hook["id"] == "gloss-lint" and hook["language"] == "python"
    assert set(hook["types_or"]) == {"yaml", "json", "markdown"}
    (tmp_path / "ok.yaml").write_text("term: X\ncategory: C\ndefinition: An x.\n")
    (tmp_path / "bad.yaml").write_text("term: Y\ncategory: C\n")
    command = shlex.split(hook["entry"])
    command[0] = str(Path(sys.executable).with_name(command[0]))
    env = {**os.environ, "NO_COLOR": "1"}
    clean = subprocess.run([*command, "ok.yaml"], capture_output=True, text=True, cwd=tmp_path, env=env)
    assert clean.returncode == 0, clean.stdout
    dirty = subprocess.run([*command, "ok.yaml", "bad.yaml"], capture_output=True, text=True, cwd=tmp_path, env=env)
    assert dirty.returncode == 1
    assert "bad.yaml:1:1: error schema.required missing required field 'definition'" in dirty.stdout
