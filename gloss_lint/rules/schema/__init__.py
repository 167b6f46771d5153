"""``schema.*``: entries checked against a JSON Schema, every error located to its line."""
