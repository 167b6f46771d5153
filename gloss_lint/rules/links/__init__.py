"""``links.*``: the link graph (``graph``: every related term and inline reference, resolved) and
the rules that read it (``rules``)."""
