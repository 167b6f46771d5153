"""``facts.*`` rules."""

RULES: list = []
