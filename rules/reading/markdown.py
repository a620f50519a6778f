"""The one markdown-it parser the linter, the exporter and the editor's preview share.

CommonMark plus what Japanese tech sites use: tables, strikethrough, footnotes, math
(``$…$`` and ``$$…$$``), front matter, and the ``:::`` containers of Zenn and Qiita
(``:::message``, ``:::details``, ``:::note``).
"""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

CONTAINER_NAMES = ("message", "details", "note")


def _container_validate(name: str):
    def validate(params: str, *args) -> bool:
        return params.strip().split(" ", 1)[0] == name

    return validate


@lru_cache(maxsize=2)
def parser(html: bool = False) -> MarkdownIt:
    """A configured parser; ``html=True`` lets raw HTML through (the preview escapes it)."""
    md = MarkdownIt("commonmark", {"html": html, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.use(front_matter_plugin).use(footnote_plugin).use(dollarmath_plugin, double_inline=True)
    for name in CONTAINER_NAMES:
        md.use(container_plugin, name=name, validate=_container_validate(name))
    return md


def parse(text: str, html: bool = True):
    """Tokens of ``text``; ``token.map`` lines are lines of ``text`` itself."""
    return parser(html).parse(text)
