"""The rule families, one package each: ``input``, ``schema``, ``links``, ``facts``, ``readability``, ``style``.

Each family's ``rules`` module holds its ``RULES``, which the registry names as
strings (not imports); whatever else a family needs lives beside it. Code
outside a family imports only the family's package, ``gloss_lint.rules.<family>``,
never its modules: what a family hands on, its ``__init__`` says and exports
(``tests/test_imports.py`` holds this). Today ``style`` hands on
``configured_rules`` (the CLI loads a user's style files).

For a reporter (``gloss-lint report``) that shows the link graph or the facts:
the ``facts`` rules publish the facts in ``Result.data["facts"]`` (the JSON
report's ``facts`` section), so a reporter reads them from the result and never
re-lints; the link graph, if a reporter needs it, is handed on the same way or
by ``gloss_lint.rules.links`` exporting it from ``links.graph`` — not by
importing ``gloss_lint.rules.links.graph`` from outside.
"""
