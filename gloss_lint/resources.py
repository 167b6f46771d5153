"""Where the data files live: the default rule pack (the top-level ``rules/``) and gloss-lint's own schemas."""

from functools import cache
from importlib.resources import files
from pathlib import Path


@cache
def pack_dir() -> Path:
    """The default rule pack: the checkout's ``rules/`` when run from source, else the
    installed package ``gloss_lint.pack``."""
    source = Path(__file__).resolve().parent.parent / "rules"
    if (source / "entry.schema.json").is_file():
        return source
    return Path(str(files("gloss_lint.pack")))


def own_schema(name: str) -> Path:
    """One of gloss-lint's own JSON Schemas (config, profile, style rule file)."""
    return Path(__file__).resolve().parent / "schemas" / name
