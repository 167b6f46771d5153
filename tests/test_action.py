"""The GitHub Action (action.yml) run step by step on a sample pull request, as a runner would.

Each ``run:`` step's script runs in bash with the env the action gives it, its ``${{ … }}``
expressions filled from a pull_request event; the install step really installs this
repository (from the action's path) into a fresh virtual environment. Steps that ``uses:``
another action (setup-python, upload-sarif) are not run: the test checks what they are given.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import sysconfig

import pytest
import yaml
from conftest import ROOT
from gitrepo import commit, git, glossary_repo, write
from test_install import _setuptools_builds_this_project

_EXPRESSION = re.compile(r"\$\{\{\s*([\w.\-]+)\s*\}\}")
_CONDITION = re.compile(r"^inputs\.([\w-]+) (==|!=) '([^']*)'$")


def _fill(text: str, context: dict[str, str]) -> str:
    return _EXPRESSION.sub(lambda m: context[m.group(1)], text)


def _runs(condition: str | None, context: dict[str, str]) -> bool:
    if condition is None:
        return True
    match = _CONDITION.match(condition)
    assert match, f"the test cannot evaluate the condition {condition!r}"
    value = context[f"inputs.{match.group(1)}"]
    return (value == match.group(3)) == (match.group(2) == "==")


def _outputs(path) -> dict[str, str]:
    text = path.read_text() if path.exists() else ""
    return dict(line.split("=", 1) for line in text.splitlines() if "=" in line)


@pytest.fixture(scope="module")
def runner_python(tmp_path_factory):
    """A fresh Python as setup-python gives one; the test env's packages stand in for the index."""
    if not _setuptools_builds_this_project():
        pytest.skip("SKIPPED LOUDLY: the install step builds this repository offline with the test "
                    "environment's setuptools, which is older than pyproject.toml asks: "
                    "pip install -e '.[test]' brings it")
    venv = tmp_path_factory.mktemp("runner") / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    site = subprocess.run([str(venv / "bin/python"), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                          capture_output=True, text=True, check=True).stdout.strip()
    # pip, setuptools and the dependencies (spaCy, PyYAML …) from the test environment, after the
    # venv's own packages: the index is not needed, and the build uses a new enough setuptools.
    with open(os.path.join(site, "test-env.pth"), "w") as pth:
        pth.write(sysconfig.get_path("purelib") + "\n")
    return venv / "bin"


def test_the_action_on_a_pull_request(tmp_path, runner_python):
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    assert action["runs"]["using"] == "composite"

    repo = glossary_repo(tmp_path / "repo")
    base = git(repo, "rev-parse", "HEAD").strip()
    git(repo, "checkout", "-q", "-b", "rename")
    write(repo, {"glossary/embedding.yaml": """\
        term: Embedding vector
        category: Concept
        definition: A list of numbers that stands for a piece of text.
        """})
    commit(repo, "Rename Embedding")

    inputs = {f"inputs.{name}": spec.get("default", "") for name, spec in action["inputs"].items()}
    event = {"github.event.pull_request.base.sha": base, "github.action_path": str(ROOT)}
    context = {**event, **{k: _fill(v, event) for k, v in inputs.items()}, "inputs.sarif": "true"}
    assert context["inputs.base"] == base  # a pull request compares with its base by default

    temp = tmp_path / "runner-temp"
    temp.mkdir()
    env = {**os.environ, "PATH": f"{runner_python}{os.pathsep}{os.environ['PATH']}", "RUNNER_TEMP": str(temp),
           "PIP_NO_INDEX": "1", "PIP_NO_DEPS": "1", "PIP_NO_BUILD_ISOLATION": "0", "NO_COLOR": "1"}
    env.pop("VIRTUAL_ENV", None)
    uses, printed, exits = [], {}, {}
    for i, step in enumerate(action["runs"]["steps"]):
        if not _runs(step.get("if"), context):
            continue
        if "uses" in step:
            uses.append((step["uses"].split("@")[0], {k: _fill(str(v), context) for k, v in step.get("with", {}).items()}))
            continue
        outputs, summary = tmp_path / f"output-{i}", tmp_path / f"summary-{i}.md"
        step_env = {**env, "GITHUB_OUTPUT": str(outputs), "GITHUB_STEP_SUMMARY": str(summary),
                    **{k: _fill(str(v), context) for k, v in step.get("env", {}).items()}}
        done = subprocess.run(["bash", "-e", "-o", "pipefail", "-c", step["run"]], cwd=repo, env=step_env,
                              capture_output=True, text=True)
        name = step.get("id", step.get("name"))
        printed[name], exits[name] = done, done.returncode
        assert done.returncode == 0 or step is action["runs"]["steps"][-1], (name, done.stdout, done.stderr)
        for key, value in _outputs(outputs).items():
            context[f"steps.{step['id']}.outputs.{key}"] = value
        if summary.exists():
            printed[f"{name} summary"] = summary.read_text()

    # Installed from the action's path into the runner's Python, not the test environment's copy.
    where = subprocess.run([str(runner_python / "python"), "-c", "import gloss_lint; print(gloss_lint.__file__)"],
                           capture_output=True, text=True, env=env, cwd=tmp_path).stdout
    assert where.startswith(str(runner_python.parent))

    # The pull request broke two links in files it did not touch: annotated, and in the summary.
    log = printed["check"].stdout
    annotations = [line for line in log.splitlines() if line.startswith("::error")]
    assert len(annotations) == 2 and all("'Embedding'" in a for a in annotations)
    assert {re.search(r"file=([^,]+)", a).group(1) for a in annotations} == {"glossary/rag.yaml", "glossary/search.yaml"}
    summary = printed["check summary"]
    assert summary.startswith("### gloss-lint: 2 new findings: 2 errors")
    assert "Nonexistent thing" not in summary and "Nonexistent thing" not in log  # there before the PR
    assert context["steps.check.outputs.exit-code"] == "1" and exits["Fail on findings"] == 1

    # SARIF: the whole glossary, uploaded to code scanning by the next step.
    sarif = json.loads((temp / "gloss-lint.sarif").read_text())
    messages = [r["message"]["text"] for r in sarif["runs"][0]["results"]]
    assert any("Nonexistent thing" in m for m in messages) and sum("'Embedding'" in m for m in messages) == 2
    assert ("github/codeql-action/upload-sarif", {"sarif_file": str(temp / "gloss-lint.sarif"),
                                                  "category": "gloss-lint"}) in uses
    assert uses[0][0] == "actions/setup-python"


def test_outside_a_pull_request_the_action_checks_the_whole_glossary():
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    context = {"inputs.base": "", "inputs.sarif": "false"}
    names = [step.get("name", step.get("uses")) for step in action["runs"]["steps"] if _runs(step.get("if"), context)]
    assert "Fetch the base commit" not in names and "Upload SARIF" not in names
    check = next(step for step in action["runs"]["steps"] if step.get("id") == "check")
    assert 'if [ -n "$BASE" ]; then diff=(--diff "$BASE"); fi' in check["run"]
