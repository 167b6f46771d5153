"""What a change introduced, in real git repositories: ``check --diff REF`` and named files (the hook).

Each change breaks something in a file it does not touch; both paths must report that, and
nothing of what the glossary already had.
"""

from __future__ import annotations

import pytest
from gitrepo import UNTOUCHED, commit, git, glossary_repo, write


@pytest.fixture
def repo(tmp_path):
    return glossary_repo(tmp_path / "repo")


def _found(report) -> set[tuple[str, str, str]]:
    return {(f["path"], f["rule"], f["message"]) for f in report["findings"]}


def _has(found, path, rule, word) -> bool:
    return any(p == path and r == rule and word in m for p, r, m in found)


def rename(repo):
    write(repo, {"glossary/embedding.yaml": """\
        term: Embedding vector
        category: Concept
        definition: A list of numbers that stands for a piece of text.
        """})


def delete(repo):
    (repo / "glossary/embedding.yaml").unlink()


def contradict(repo):
    text = (repo / "glossary/widget-a.yaml").read_text()
    (repo / "glossary/widget-a.yaml").write_text(text.replace("coined in 2021", "coined in 2015"))


# (change, the file it changes, what it breaks elsewhere: (path, rule, a word of the message))
CASES = {
    "rename": (rename, "glossary/embedding.yaml", {
        ("glossary/rag.yaml", "links.unresolved", "'Embedding'"),
        ("glossary/search.yaml", "links.unresolved", "'Embedding'")}),
    "delete": (delete, "glossary/embedding.yaml", {
        ("glossary/rag.yaml", "links.unresolved", "'Embedding'"),
        ("glossary/search.yaml", "links.unresolved", "'Embedding'")}),
    "contradict": (contradict, "glossary/widget-a.yaml", {
        ("glossary/widget-b.yaml", "facts.year", "2015")}),
}


def _only(found, expected) -> None:
    for path, rule, word in expected:
        assert _has(found, path, rule, word), (path, rule, word, found)
    for path, rule, word in UNTOUCHED:
        assert not _has(found, path, rule, word), (path, rule, found)
    assert len(found) == len(expected), found


@pytest.mark.parametrize("case", sorted(CASES))
def test_diff_reports_what_the_last_commit_broke_elsewhere(case, repo, run_json):
    change, _, expected = CASES[case]
    change(repo)
    commit(repo, case)
    code, report = run_json("--diff", "HEAD~1", cwd=repo)
    assert code == 1
    _only(_found(report), expected)
    assert report["summary"]["omitted"]["since"] == "HEAD~1"
    assert report["summary"]["omitted"]["preexisting"] >= len(UNTOUCHED)


@pytest.mark.parametrize("case", sorted(CASES))
def test_named_files_report_what_the_staged_change_breaks_elsewhere(case, repo, run_json):
    """The hook's path: pre-commit names the staged files (a deleted one only when a user does)."""
    change, changed, expected = CASES[case]
    change(repo)
    git(repo, "add", "-A")
    code, report = run_json(changed, cwd=repo)
    assert code == 1
    found = _found(report)
    elsewhere = {f for f in found if f[0] != changed}
    _only(elsewhere, expected)


def test_the_whole_glossary_still_has_the_old_findings(repo, run_json):
    """The findings the changes must not report are real: a full check has them."""
    code, report = run_json(cwd=repo)
    found = _found(report)
    for path, rule, word in UNTOUCHED:
        assert _has(found, path, rule, word)


def test_a_change_that_breaks_nothing_reports_nothing(repo, run, run_json):
    write(repo, {"glossary/tokenizer.yaml": """\
        term: Tokenizer
        definition: A program that splits text into tokens, the pieces a model reads.
        """})
    commit(repo, "reword")
    code, report = run_json("--diff", "HEAD~1", cwd=repo)
    assert code == 0 and report["findings"] == []  # tokenizer's missing category was there before
    code, report = run_json("glossary/tokenizer.yaml", cwd=repo)
    assert [f["rule"] for f in report["findings"]] == ["schema.required"]  # a named file's own, all


def test_diff_with_nothing_changed_lints_nothing(repo, run):
    code, out, err = run("check", "--diff", "HEAD", cwd=repo)
    assert code == 0 and not err
    assert "no glossary file changed since HEAD" in out


def test_diff_against_a_branch_compares_with_where_the_branch_left_it(repo, run_json):
    git(repo, "checkout", "-q", "-b", "topic")
    rename(repo)
    commit(repo, "rename on topic")
    git(repo, "checkout", "-q", "main")
    write(repo, {"glossary/zeta.yaml": """\
        term: Zeta
        category: Concept
        definition: A letter, here only so that main moves on after the branch left it.
        related: [Missing on main]
        """})
    commit(repo, "main moves on")
    git(repo, "checkout", "-q", "topic")
    code, report = run_json("--diff", "main", cwd=repo)
    _only(_found(report), CASES["rename"][2])  # not zeta.yaml's absence, not main's own problems


def test_uncommitted_and_untracked_changes_count(repo, run_json):
    rename(repo)  # not committed
    write(repo, {"glossary/new.yaml": """\
        term: New entry
        definition: Something added and not yet known to git, without a category.
        """})
    code, report = run_json("--diff", "HEAD", cwd=repo)
    found = _found(report)
    _only(found - {f for f in found if f[0] == "glossary/new.yaml"}, CASES["rename"][2])
    assert _has(found, "glossary/new.yaml", "schema.required", "category")


def test_diff_errors_are_usage_errors(repo, tmp_path, run):
    code, _, err = run("check", "--diff", "no-such-branch", cwd=repo)
    assert code == 2 and "no-such-branch" in err
    (tmp_path / "plain").mkdir()
    write(tmp_path / "plain", {"a.yaml": "term: A\ncategory: C\ndefinition: The first letter of words.\n"})
    code, _, err = run("check", "--diff", "HEAD", cwd=tmp_path / "plain")
    assert code == 2 and "error" in err


def test_named_files_outside_paths_or_excluded_are_skipped_quietly(repo, run):
    code, out, err = run("check", "docs/page.md", "pyproject.toml", cwd=repo)
    assert code == 0 and err == ""
    assert out.startswith("0 findings")
    code, out, err = run("check", "--verbose", "docs/page.md", "glossary/rag.yaml", cwd=repo)
    assert code == 0
    assert "skipped docs/page.md" in err and "skipped glossary/rag.yaml" not in err


def test_a_deleted_named_file_is_not_an_error(repo, run):
    """``check $(git diff --name-only …)`` names deleted files too."""
    git(repo, "rm", "-q", "glossary/tokenizer.yaml")
    names = git(repo, "diff", "--cached", "--name-only").split()
    assert names == ["glossary/tokenizer.yaml"]
    code, out, err = run("check", *names, cwd=repo)
    assert code == 0, err  # nothing linked to it: its absence breaks nothing
    code, _, err = run("check", "no/such/folder", cwd=repo)
    assert code == 2  # a folder that is not there is a typo, not a deletion


def test_named_files_without_git_compare_with_the_glossary_without_them(tmp_path, run_json):
    """Outside a repository the named files' findings elsewhere are those their presence causes."""
    write(tmp_path, {
        "a.yaml": "term: Alpha\ncategory: C\ndefinition: The first letter of the Greek alphabet.\n",
        "b.yaml": "term: Alpha\ncategory: C\ndefinition: The first letter of the Greek alphabet.\n"
                  "related: [Nowhere]\n",
    })
    code, report = run_json("a.yaml", cwd=tmp_path)
    found = _found(report)
    assert _has(found, "b.yaml", "style.duplicate-name", "")  # a name now shared
    assert not _has(found, "b.yaml", "links.unresolved", "Nowhere")  # b's own, whatever a.yaml holds
