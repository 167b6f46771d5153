"""``style.*`` rules (see the module docs as they are written)."""

RULES: list = []
