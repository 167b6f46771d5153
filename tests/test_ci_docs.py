"""docs/ci.md can be copied: its commands run in a sample repository (a pull request on a branch,
an origin to compare with), its GitLab job's script runs there, its workflow and pre-commit
config name what action.yml and .pre-commit-hooks.yaml provide."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import ROOT
from gitrepo import GIT_ENV, commit, git, glossary_repo, write
from test_docs import _lines, blocks
from test_review_reports import GITLAB_SCHEMA

DOC = ROOT / "docs" / "ci.md"
BLOCKS = blocks(DOC)
ACTION = yaml.safe_load((ROOT / "action.yml").read_text())
HOOKS = {hook["id"]: hook for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}


def _yaml_blocks() -> list:
    return [yaml.safe_load(b.text) for b in BLOCKS if b.language == "yaml"]


@pytest.fixture
def pull_request(tmp_path):
    """A repository on branch 'topic' that renames an entry others link to; origin/main is its base."""
    origin = tmp_path / "origin.git"
    repo = glossary_repo(tmp_path / "repo")
    git(tmp_path, "clone", "-q", "--bare", str(repo), str(origin))
    git(repo, "remote", "add", "origin", str(origin))
    git(repo, "fetch", "-q", "origin")
    git(repo, "checkout", "-q", "-b", "topic")
    write(repo, {"glossary/embedding.yaml": """\
        term: Embedding vector
        category: Concept
        definition: A list of numbers that stands for a piece of text.
        """})
    commit(repo, "Rename Embedding")
    return repo


def _bash(command: str, repo: Path, **env: str) -> subprocess.CompletedProcess:
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"
    return subprocess.run(["bash", "-c", command], cwd=repo, capture_output=True, text=True,
                          env={**os.environ, **GIT_ENV, "PATH": path, "NO_COLOR": "1", **env})


def test_every_shell_command_runs_in_a_pull_request(pull_request):
    commands = [line for block in BLOCKS if block.language == "sh" for _, line in _lines(block)]
    assert len(commands) >= 9
    done = {}
    for command in commands:
        result = _bash(command, pull_request)
        assert result.returncode in (0, 1), (command, result.stdout, result.stderr)
        assert "Traceback" not in result.stderr, command
        done[command] = result
    broke = "related term 'Embedding' leads to no entry"
    diff = done["gloss-lint check --diff main"]
    assert diff.returncode == 1 and diff.stdout.count(broke) == 2 and "Nonexistent thing" not in diff.stdout
    report = json.loads(done["gloss-lint check --changed-since HEAD~1 --format json"].stdout)
    assert len(report["findings"]) == 2
    github = done["gloss-lint check --diff origin/main --format github --format markdown:summary.md"]
    assert github.stdout.count("::error ") == 2
    assert (pull_request / "summary.md").read_text().startswith("### gloss-lint: 2 new findings")
    assert done["gloss-lint check --baseline .gloss-lint-baseline.json"].returncode == 0
    assert done["gloss-lint check --exit-zero"].returncode == 0
    assert "links.unresolved" in done["gloss-lint check --statistics"].stdout


def test_the_gitlab_job_runs_in_a_merge_request(pull_request):
    (job,) = [b for b in _yaml_blocks() if isinstance(b, dict) and "gloss-lint" in b and "script" in b["gloss-lint"]]
    job = job["gloss-lint"]
    assert job["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    base = git(pull_request, "rev-parse", "origin/main").strip()
    results = []
    for line in job["script"]:
        if "pip install" in line:
            continue  # gloss-lint is installed here already
        results.append(_bash(line, pull_request, CI_MERGE_REQUEST_DIFF_BASE_SHA=base))
        assert "Traceback" not in results[-1].stderr
    assert [r.returncode for r in results] == [0, 0, 1]  # the job fails on the new findings
    assert results[-1].stdout.count("related term 'Embedding' leads to no entry") == 2
    issues = json.loads((pull_request / "gl-code-quality-report.json").read_text())
    jsonschema.validate(issues, GITLAB_SCHEMA)
    assert any("Nonexistent thing" in i["description"] for i in issues)  # the whole glossary, for GitLab to compare


def test_the_workflow_uses_the_action_with_its_inputs():
    (workflow,) = [b for b in _yaml_blocks() if isinstance(b, dict) and "jobs" in b]
    assert "pull_request" in workflow.get(True, workflow.get("on"))  # YAML 1.1 reads `on` as true
    steps = workflow["jobs"]["gloss-lint"]["steps"]
    assert steps[0]["uses"].startswith("actions/checkout@")
    (ours,) = [s for s in steps if re.fullmatch(r"<owner>/gloss-lint@<release tag>", s.get("uses", ""))]
    assert set(ours.get("with", {})) <= set(ACTION["inputs"])
    table = re.findall(r"^\| `([\w-]+)` \|", DOC.read_text(), re.M)
    assert table == list(ACTION["inputs"]), "the inputs table in docs/ci.md is action.yml's inputs"


def test_the_pre_commit_configs_name_the_hooks():
    configs = [b for b in _yaml_blocks() if isinstance(b, dict) and "repos" in b]
    fragments = [b for b in _yaml_blocks() if isinstance(b, list)]
    (config,) = configs
    (hook,) = config["repos"][0]["hooks"]
    assert hook["id"] in HOOKS
    files = re.compile(hook["files"])
    assert files.search("glossary/embedding.yaml") and not files.search("docs/page.md")
    assert [item["id"] for fragment in fragments for item in fragment] == ["gloss-lint-diff"]
    assert "gloss-lint-diff" in HOOKS
