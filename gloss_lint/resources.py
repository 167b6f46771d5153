"""Where the default rule pack (the repository's top-level ``rules/``) lives."""

from functools import cache
from importlib.resources import files
from pathlib import Path


@cache
def pack_dir() -> Path:
    """The default rule pack, installed as the package ``gloss_lint.pack``."""
    return Path(str(files("gloss_lint.pack")))
