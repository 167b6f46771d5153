"""``links.*``: the link graph (``graph``: every related term and inline link, resolved) and
the rules that read it (``rules``). ``link_graph(ctx)`` hands the run's graph on (``gloss-lint init``
counts the links of each syntax)."""

from gloss_lint.rules.links.rules import graph as link_graph

__all__ = ["link_graph"]
