"""``python -m gloss_lint``: the same as the ``gloss-lint`` command."""

import sys

from gloss_lint.cli import main

sys.exit(main())
