"""``input.*``: files that cannot be read as entries (the readers find them; the rules name them)."""
