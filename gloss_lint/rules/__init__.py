"""The rule families, one package each: ``input``, ``schema``, ``links``, ``facts``, ``readability``, ``style``.

Each family's ``rules`` module holds its ``RULES``, which the registry names as
strings (not imports); whatever else a family needs lives beside it. Code
outside a family imports only the family's package, ``gloss_lint.rules.<family>``,
never its modules: what a family hands on, its ``__init__`` says and exports
(``tests/test_imports.py`` holds this). Today ``style`` hands on
``configured_rules`` (the CLI loads a user's style files) and ``links`` hands on
``link_graph(ctx)`` (``gloss-lint init`` counts the links of each syntax).

For a reporter: rules publish what a report shows besides findings into
``Result.data`` (``ctx.data``): the ``facts`` rules every claim per term
(``facts``, also the JSON report's section), the ``links`` rules the link graph
(``links``) and the ``readability`` rules each measured field (``readability``),
so the HTML report reads them from the result and never re-lints.
"""
