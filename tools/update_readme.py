"""Regenerate the README's rule table from the registry: ``python tools/update_readme.py``."""

import re
from pathlib import Path

from gloss_lint.cli import rule_table
from gloss_lint.registry import load_registry

README = Path(__file__).resolve().parent.parent / "README.md"
text = README.read_text()
table = rule_table(load_registry())
README.write_text(re.sub(r"<!-- rules:start -->.*<!-- rules:end -->",
                         lambda _: f"<!-- rules:start -->\n{table}<!-- rules:end -->", text, flags=re.S))
