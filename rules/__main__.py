"""``python -m article_studio.rules`` is ``article-lint``."""

from .cli.main import run

run()
