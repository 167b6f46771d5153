"""Real git repositories for tests: a small glossary, committed, then changed."""

from __future__ import annotations

import os
import subprocess
import tempfile
import textwrap
from pathlib import Path

# No user's or system's git config: a missing file is an empty config (not os.devnull, which a
# program that replaces its output file atomically may have turned into a file with text in it).
GIT_ENV = {"GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org",
           "GIT_CONFIG_GLOBAL": os.path.join(tempfile.gettempdir(), "gloss-lint-tests-no-gitconfig"),
           "GIT_CONFIG_NOSYSTEM": "1"}


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True,
                          env={**os.environ, **GIT_ENV}, check=True)
    return done.stdout


def write(repo: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = repo / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")


def commit(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--allow-empty", "-m", message)


# A glossary with findings that no change below touches: 'Nonexistent thing' leads
# nowhere, and 'Tokenizer' has no category. Widget's two sources agree on its year.
GLOSSARY = {
    "pyproject.toml": """\
        [tool.gloss-lint]
        paths = ["glossary"]
        exclude = ["docs/*"]
        """,
    "glossary/embedding.yaml": """\
        term: Embedding
        category: Concept
        definition: A list of numbers that stands for a piece of text.
        """,
    "glossary/rag.yaml": """\
        term: Retrieval-augmented generation
        category: Technique
        definition: Answering a question with documents found by comparing their numbers with it.
        related: [Embedding]
        """,
    "glossary/search.yaml": """\
        term: Vector search
        category: Technique
        definition: Finding the items whose numbers are closest to those of a query.
        related: [Embedding, Nonexistent thing]
        """,
    "glossary/tokenizer.yaml": """\
        term: Tokenizer
        definition: A program that splits text into tokens.
        """,
    "glossary/widget-a.yaml": """\
        term: Widget
        category: Things
        source: atlas
        definition: A small device that stands in for any product in examples.
        body: Widgets are small. The term was coined in 2021.
        """,
    "glossary/widget-b.yaml": """\
        term: Widget
        category: Things
        source: briefly
        definition: A small device that stands in for any product in examples.
        body: The term was coined in 2021.
        """,
    "docs/page.md": """\
        ---
        title: Not an entry
        ---
        A page about the project.
        """,
}

UNTOUCHED = {  # (path, rule, a word of the message) of the findings no change causes
    ("glossary/search.yaml", "links.unresolved", "Nonexistent thing"),
    ("glossary/tokenizer.yaml", "schema.required", "category"),
}


def glossary_repo(repo: Path) -> Path:
    repo.mkdir(parents=True, exist_ok=True)
    git(repo, "init", "-q", "-b", "main")
    write(repo, GLOSSARY)
    commit(repo, "A glossary")
    return repo
