"""gloss-lint's default rule pack: data files only (installed as ``gloss_lint.pack``)."""
