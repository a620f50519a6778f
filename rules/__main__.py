"""``python -m article_studio.rules`` is ``article-lint``."""

import sys

from .cli.main import main

sys.exit(main())
