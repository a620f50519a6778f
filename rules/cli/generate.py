"""The project's generated files, printed for a maintainer to save (a test checks each is current):

python -m article_studio.rules.cli.generate docs > docs/rules.md
python -m article_studio.rules.cli.generate catalog > rules/checks/_catalog.py
python -m article_studio.rules.cli.generate shipped-terms > rules/terminology/_shipped_terms.py
python -m article_studio.rules.cli.generate english-words > resources/words/en_US-words.txt
"""

from __future__ import annotations

import sys

from ..engine.catalog import render_catalog
from ..output.ruledocs import render_markdown
from ..terminology.hunspell_words import render_english_words
from ..terminology.termpairs import render_shipped_terms

GENERATORS = {
    "docs": render_markdown,
    "catalog": render_catalog,
    "shipped-terms": render_shipped_terms,
    "english-words": render_english_words,
}


def main(argv: list[str]) -> int:
    if len(argv) != 1 or argv[0] not in GENERATORS:
        print(f"usage: python -m article_studio.rules.cli.generate {{{'|'.join(GENERATORS)}}}", file=sys.stderr)
        return 2
    sys.stdout.write(GENERATORS[argv[0]]())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
