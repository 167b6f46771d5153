"""gloss-lint: a content-quality and consistency linter for glossaries."""

__version__ = "0.1.0"
