import sys

from gloss_lint.cli import main

sys.exit(main())
