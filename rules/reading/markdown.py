"""The one markdown-it parser the linter, the exporter and the editor's preview share.

CommonMark plus what Japanese tech sites use: tables, strikethrough, footnotes, math
(``$…$`` and ``$$…$$``), front matter, the ``:::`` containers of Zenn and Qiita
(``:::message``, ``:::details``, ``:::note``), and Zenn's image size (``![alt](src =250x)``).
"""

from __future__ import annotations

import re
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


# Zenn's size after an image's address: `` =250x``, `` =x120``, `` =250x120``, then ``)``.
_IMAGE_SIZE = re.compile(r"[ \t]+=(\d*)x(\d*)[ \t]*\)")


def _sized_image(state, silent: bool) -> bool:
    """``![alt](src =WxH)``: an image with a width and/or height in pixels (Zenn).

    CommonMark would leave it as text (a size is no link title), with its ``!`` and brackets
    read as prose. Tried before the standard image rule; anything else is left to that rule.
    """
    src, start, end = state.src, state.pos, state.posMax
    if not src.startswith("![", start):
        return False
    label_end = state.md.helpers.parseLinkLabel(state, start + 1, False)
    if label_end < 0 or label_end + 1 >= end or src[label_end + 1] != "(":
        return False
    pos = label_end + 2
    while pos < end and src[pos] in " \t\n":
        pos += 1
    res = state.md.helpers.parseLinkDestination(src, pos, end)
    if not res.ok:
        return False
    href = state.md.normalizeLink(res.str)
    size = _IMAGE_SIZE.match(src, res.pos, end)
    if not state.md.validateLink(href) or size is None or not (size.group(1) or size.group(2)):
        return False
    if not silent:
        content = src[start + 2 : label_end]
        children: list = []
        state.md.inline.parse(content, state.md, state.env, children)
        token = state.push("image", "img", 0)
        token.attrs = {"src": href, "alt": ""}
        token.children = children or None
        token.content = content
        if size.group(1):
            token.attrSet("width", size.group(1))
        if size.group(2):
            token.attrSet("height", size.group(2))
    state.pos = size.end()
    return True


@lru_cache(maxsize=2)
def parser(html: bool = False) -> MarkdownIt:
    """A configured parser; ``html=True`` lets raw HTML through (the preview escapes it)."""
    md = MarkdownIt("commonmark", {"html": html, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.use(front_matter_plugin).use(footnote_plugin).use(dollarmath_plugin, double_inline=True)
    for name in CONTAINER_NAMES:
        md.use(container_plugin, name=name, validate=_container_validate(name))
    md.inline.ruler.before("image", "sized_image", _sized_image)
    return md


def parse(text: str, html: bool = True):
    """Tokens of ``text``; ``token.map`` lines are lines of ``text`` itself."""
    return parser(html).parse(text)
