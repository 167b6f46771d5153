"""``facts.*``: claims extracted from each entry (``extract``, by the kinds in ``kinds`` and the
organisations in ``gazetteer``, with values from ``values``), compared across sources (``compare``)."""
