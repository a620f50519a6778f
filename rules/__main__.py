"""``python -m rules`` is ``article-lint``."""
import sys

from .cli import main

sys.exit(main())
