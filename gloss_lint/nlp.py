"""spaCy, imported without its command line (which opens a socket and costs a quarter second)."""

from __future__ import annotations

import sys
import types
from functools import lru_cache


def _info(*args, **kwargs):
    from spacy.cli.info import info  # the real one, for whoever calls spacy.info()

    return info(*args, **kwargs)


def load_spacy() -> types.ModuleType:
    """The ``spacy`` package, imported once; call it before any ``from spacy… import``.

    ``spacy/__init__.py`` imports ``spacy.cli.info`` for ``spacy.info``; that imports the whole
    CLI, which imports ``requests``, whose urllib3 probes IPv6 at import time by opening and
    binding a socket. gloss-lint promises no socket, so while spaCy is imported its CLI is a
    placeholder; afterwards the placeholder is gone and ``import spacy.cli`` works as usual.
    """
    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    cli = types.ModuleType("spacy.cli")
    cli.__path__ = []  # a package, so that 'spacy.cli.info' is looked up in sys.modules
    info = types.ModuleType("spacy.cli.info")
    info.info = _info
    placeholders = {"spacy.cli": cli, "spacy.cli.info": info}
    sys.modules.update(placeholders)
    try:
        import spacy
    finally:
        for name, module in placeholders.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
        package = sys.modules.get("spacy")
        if getattr(package, "cli", None) is cli:
            del package.cli
    return spacy


@lru_cache(maxsize=1)
def blank_english():
    """``spacy.blank("en")``, built once per process (its ~4,000 tokenizer exceptions cost a
    tenth of a second) for rules that only tokenise: add nothing to it."""
    return load_spacy().blank("en")
