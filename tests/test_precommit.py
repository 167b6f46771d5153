"""The pre-commit hooks as pre-commit runs them: their entry, with the changed files appended,
and `pre-commit try-repo` on this repository."""

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from gitrepo import GIT_ENV, git, glossary_repo, write

from gloss_lint.read.profiles import load_profile, shipped_profiles

HOOKS = {hook["id"]: hook for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}


def _command(hook) -> list[str]:
    command = shlex.split(hook["entry"])
    command[0] = str(Path(sys.executable).with_name(command[0]))
    return command


def test_hook_entry_lints_the_files_it_is_given(tmp_path):
    hook = HOOKS["gloss-lint"]
    assert hook["language"] == "python"
    (tmp_path / "ok.yaml").write_text("term: X\ncategory: C\ndefinition: An x.\n")
    (tmp_path / "bad.yaml").write_text("term: Y\ncategory: C\n")
    env = {**os.environ, "NO_COLOR": "1"}
    clean = subprocess.run([*_command(hook), "ok.yaml"], capture_output=True, text=True, cwd=tmp_path, env=env)
    assert clean.returncode == 0, clean.stdout
    dirty = subprocess.run([*_command(hook), "ok.yaml", "bad.yaml"], capture_output=True, text=True, cwd=tmp_path, env=env)
    assert dirty.returncode == 1
    assert "bad.yaml:1:1: error schema.required missing required field 'definition'" in dirty.stdout


@pytest.mark.parametrize("profile", sorted(shipped_profiles()))
def test_the_hook_is_given_every_file_a_profile_reads(profile):
    files = re.compile(HOOKS["gloss-lint"]["files"])
    for pattern in load_profile(profile).include:
        example = pattern.replace("*", "glossary-entry")
        assert files.search(example), f"{profile} reads {pattern}, which the hook is never given"
    assert "types_or" not in HOOKS["gloss-lint"] and "types" not in HOOKS["gloss-lint"]


def test_the_diff_hook_runs_on_every_commit_without_file_names():
    hook = HOOKS["gloss-lint-diff"]
    assert hook["always_run"] is True and hook["pass_filenames"] is False
    assert shlex.split(hook["entry"])[1:] == ["check", "--diff", "HEAD"]


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory):
    if shutil.which("pre-commit", path=str(Path(sys.executable).parent)) is None:
        pytest.skip("SKIPPED LOUDLY: pre-commit is not installed here (it is in the test extra: "
                    "pip install -e '.[test]')")
    return tmp_path_factory.mktemp("pre-commit-home")


def _try_repo(repo, home, *args) -> subprocess.CompletedProcess:
    env = {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1", "TERM": "dumb"}
    done = subprocess.run([str(Path(sys.executable).with_name("pre-commit")), "try-repo", str(ROOT), *args,
                           "--color", "never"], cwd=repo, env=env, capture_output=True, text=True, timeout=900)
    if done.returncode == 3:  # pre-commit's "unexpected error": the hook's environment was not built
        log = (home / "pre-commit.log").read_text() if (home / "pre-commit.log").exists() else done.stdout
        pytest.skip("SKIPPED LOUDLY: pre-commit could not build the hook's environment, which needs "
                    f"the package index: {log[-600:]}")
    return done


def _section(output: str, hook_name: str) -> str:
    """One hook's part of pre-commit's output: from its status line to the next hook's."""
    lines = output.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(hook_name + "."))
    end = next((i for i in range(start + 1, len(lines)) if re.match(r"^\S.*\.{3,}(Passed|Failed|Skipped)", lines[i])),
               len(lines))
    return "\n".join(lines[start:end])


def test_pre_commit_try_repo_runs_the_hooks_on_a_sample_glossary(tmp_path, pre_commit_home):
    """Both hooks as pre-commit installs them from this repository, in one run (pre-commit builds
    their virtualenv from the package index: a minute or two here)."""
    repo = glossary_repo(tmp_path / "repo")
    write(repo, {"glossary/vector-database.yaml": """\
        term: Vector database
        category: Technique
        definition: A database that stores numbers for texts and finds the closest ones fast.
        related: [Tokenizer]
        """})
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Vector database")
    write(repo, {"glossary/embedding.yaml": """\
        term: Embedding vector
        category: Concept
        definition: A list of numbers that stands for a piece of text.
        """, "docs/page.md": "---\ntitle: Still not an entry\n---\nChanged too.\n"})
    git(repo, "rm", "-q", "glossary/tokenizer.yaml")
    git(repo, "add", "-A")
    done = _try_repo(repo, pre_commit_home, "--verbose")
    assert done.returncode == 1, done.stdout
    named = _section(done.stdout, HOOKS["gloss-lint"]["name"])
    assert "glossary/rag.yaml:4:11: error links.unresolved related term 'Embedding'" in named
    assert "glossary/search.yaml:4:11: error links.unresolved related term 'Embedding'" in named
    assert "Nonexistent thing" not in named and "docs/page.md" not in named
    assert "'Tokenizer'" not in named  # pre-commit names no deleted file ...
    diff = _section(done.stdout, HOOKS["gloss-lint-diff"]["name"])
    assert "glossary/vector-database.yaml:4:11: error links.unresolved related term 'Tokenizer'" in diff  # ... this hook sees it
    assert "glossary/rag.yaml:4:11: error links.unresolved related term 'Embedding'" in diff
    assert "Nonexistent thing" not in diff
