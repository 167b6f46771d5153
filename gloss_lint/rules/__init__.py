"""The rule families, one package each: ``input``, ``schema``, ``links``, ``facts``, ``readability``, ``style``.

Each family's ``rules`` module holds its ``RULES``, which the registry lists;
whatever else a family needs lives beside it. Code outside a family uses only
what the family's ``__init__`` hands on.
"""
