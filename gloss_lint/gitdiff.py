"""The glossary at a git commit, read from git's objects (nothing is checked out)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from gloss_lint.read.overlay import Overlay


class GitError(Exception):
    """git is missing, this is not a repository, or the commit is unknown (exit code 2)."""


def _git(root: Path, *args: str, stdin: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(["git", "--literal-pathspecs", "-C", str(root), *args], input=stdin,
                              capture_output=True, check=False)
    except OSError as error:
        raise GitError(f"cannot run git: {error.strerror}") from None
    if done.returncode != 0:
        message = done.stderr.decode(errors="replace").strip().splitlines()
        raise GitError(message[-1] if message else f"git {args[0]} failed")
    return done.stdout


def repo_root(cwd: Path) -> Path:
    return Path(_git(cwd, "rev-parse", "--show-toplevel").decode().strip()).resolve()


def base_commit(root: Path, ref: str) -> str:
    """Where the current branch left ``ref`` (``git diff REF...``), else ``ref`` itself."""
    try:
        commit = _git(root, "rev-parse", "--verify", "--quiet", "--end-of-options",
                      f"{ref}^{{commit}}").decode().strip()
    except GitError:
        raise GitError(f"unknown commit {ref!r} (fetch it first, e.g. with fetch-depth: 0)") from None
    try:  # a shallow clone may lack the history: then REF itself is the base
        return _git(root, "merge-base", commit, "HEAD").decode().strip() or commit
    except GitError:
        return commit


def _names(output: bytes) -> list[str]:
    return [name.decode("utf-8", "surrogateescape") for name in output.split(b"\0") if name]


def _relative(root: Path, paths: list[Path]) -> list[str]:
    """``paths`` as pathspecs relative to the repository root; outside it is an error."""
    specs = []
    for path in paths:
        try:
            specs.append(path.resolve().relative_to(root).as_posix() or ".")
        except ValueError:
            raise GitError(f"{path} is not inside the git repository at {root}") from None
    return specs


def blobs(root: Path, commit: str, names: list[str]) -> dict[str, bytes | None]:
    """Each file's bytes at ``commit`` (None where it did not exist), in one ``git cat-file``."""
    names = [n for n in names if "\n" not in n]
    request = "".join(f"{commit}:{name}\n" for name in names).encode("utf-8", "surrogateescape")
    output = _git(root, "cat-file", "--batch", stdin=request)
    found: dict[str, bytes | None] = {}
    at = 0
    for name in names:
        end = output.index(b"\n", at)
        header = output[at:end].split()
        at = end + 1
        found[name] = None  # "<name> missing", or a folder where a file is now
        if len(header) == 3 and header[2].isdigit():  # "<sha> <type> <size>", then the content
            size = int(header[2])
            if header[1] == b"blob":
                found[name] = output[at:at + size]
            at += size + 1
    return found


def glossary_at(ref: str, paths: list[Path], cwd: Path) -> tuple[Overlay, str, list[str]]:
    """The files under ``paths`` as they were at ``ref``'s base: an overlay of the disk.

    Returns the overlay, the base commit and the changed files (repository-relative).
    Only files that differ from the working tree are read from git.
    """
    root = repo_root(cwd)
    commit = base_commit(root, ref)
    specs = _relative(root, paths)
    listing = _names(_git(root, "ls-tree", "-r", "-z", "--name-only", "--full-tree", commit, "--", *specs))
    changed = _names(_git(root, "diff", "--name-only", "-z", "--no-renames", "--no-ext-diff",
                          "--ignore-submodules", commit, "--", *specs))
    then = blobs(root, commit, changed)
    contents = {root / name: data for name, data in then.items()}
    overlay = Overlay(contents, frozenset(root / name for name in listing))
    return overlay, commit, sorted(changed)


def at_head(files: list[Path], cwd: Path) -> dict[Path, bytes | None]:
    """The named files as HEAD has them (None: not in HEAD); {} outside a repository."""
    try:
        root = repo_root(cwd)
        head = _git(root, "rev-parse", "--verify", "--quiet", "HEAD").decode().strip()
    except GitError:
        return {}
    inside = [f.resolve() for f in files if f.resolve().is_relative_to(root)]
    then = blobs(root, head, [f.relative_to(root).as_posix() for f in inside])
    return {root / name: data for name, data in then.items()}
