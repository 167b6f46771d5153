"""Contradictory facts across sources: ``facts.*``."""
