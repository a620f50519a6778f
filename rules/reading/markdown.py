"""The one markdown-it parser the linter, the exporter and the editor's preview share.

CommonMark plus what Japanese tech sites use: tables, strikethrough, footnotes, math
(``$…$`` and ``$$…$$``), front matter, the ``:::`` containers of Zenn and Qiita
(``:::message``, ``:::details``, ``:::note``), and Zenn's image size (``![alt](src =250x)``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.rules_block.table import table as _gfm_table
from markdown_it.rules_core.state_core import StateCore
from markdown_it.rules_core.text_join import text_join
from markdown_it.token import Token
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


class _BodyRows:
    """Stands in for ``state.push`` while the table rule writes a table's body.

    The rule pushes five tokens per cell (``td_open``, ``inline``, ``td_close`` and the row's),
    each with two dicts: a 2 MB table made 447,000 tokens and 150 MB. Inside ``tbody`` this
    hands the rule scratch tokens to fill in and keeps only each row's line and cell texts, in
    one ``table_rows`` token; everything else is pushed as the rule asks. The table's syntax
    stays the library's own.
    """

    def __init__(self, state):
        self.state = state
        self.push_token = type(state).push.__get__(state)
        self.rows: list[tuple[int, tuple[str, ...]]] = []
        self.cells: list[str] = []
        self.in_body = False
        self.row = Token("tr_open", "tr", 1)
        self.cell = Token("inline", "", 0)

    def __call__(self, ttype: str, tag: str, nesting):
        if ttype == "tbody_open":
            opened = self.push_token(ttype, tag, nesting)
            self.push_token("table_rows", "", 0).meta["rows"] = self.rows
            self.in_body = True
            return opened
        if not self.in_body:
            return self.push_token(ttype, tag, nesting)
        if ttype == "tbody_close":
            self.in_body = False
            return self.push_token(ttype, tag, nesting)
        if ttype == "tr_open":
            self.cells = []
            return self.row
        if ttype == "td_close":
            self.cells.append(self.cell.content)
        elif ttype == "tr_close":
            self.rows.append((self.row.map[0] if self.row.map else 0, tuple(self.cells)))
        return self.cell


def _table_with_compact_body(state, start_line: int, end_line: int, silent: bool) -> bool:
    """GFM's table rule, with the body's rows kept as one ``table_rows`` token (see _BodyRows)."""
    if silent:
        return _gfm_table(state, start_line, end_line, silent)
    state.push = _BodyRows(state)
    try:
        return _gfm_table(state, start_line, end_line, silent)
    finally:
        del state.push


def _inline_with_table_rows(state) -> None:
    """The core ``inline`` step, which also reads the cells of ``table_rows`` tokens in place
    when footnotes are about: a footnote is numbered, and listed at the end, only once its
    first reference is parsed, in document order. Otherwise the cells are left to
    ``parse_inline``, one at a time, so their tokens never all exist at once."""
    md, env = state.md, state.env
    footnotes = env.get("footnotes") or {}
    for token in state.tokens:
        if token.type == "inline":
            if token.children is None:
                token.children = []
            md.inline.parse(token.content, md, env, token.children)
        elif token.type == "table_rows":
            rows = token.meta["rows"]
            if footnotes.get("refs") or any("^[" in cell for _, cells in rows for cell in cells):
                token.meta["children"] = [[_inline(md, env, cell) for cell in cells] for _, cells in rows]


def _inline(md: MarkdownIt, env: dict, content: str) -> list[Token]:
    """A cell's inline tokens, as the core chain leaves an ``inline`` token's children: parsed,
    then with escapes and entities joined into the text (its ``text_join`` step)."""
    children: list[Token] = []
    md.inline.parse(content, md, env, children)
    token = Token("inline", "", 0, content=content, children=children)
    text_join(StateCore(content, md, env, [token]))
    return token.children or []


@lru_cache(maxsize=4)
def parser(html: bool = False, compact_tables: bool = False) -> MarkdownIt:
    """A configured parser; ``html=True`` lets raw HTML through (the preview escapes it).

    ``compact_tables=True`` gives a table's body as one ``table_rows`` token whose
    ``meta["rows"]`` lists ``(line, cell texts)``; the cells' inline tokens are in
    ``meta["children"]`` (row by row) when footnotes needed them parsed in order, else left to
    ``parse_inline``. For reading big documents; renderers need the full token tree.
    """
    md = MarkdownIt("commonmark", {"html": html, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.use(front_matter_plugin).use(footnote_plugin).use(dollarmath_plugin, double_inline=True)
    for name in CONTAINER_NAMES:
        md.use(container_plugin, name=name, validate=_container_validate(name))
    md.inline.ruler.before("image", "sized_image", _sized_image)
    if compact_tables:
        # The same chains as the library's table rule: a table may interrupt a paragraph.
        md.block.ruler.at("table", _table_with_compact_body, {"alt": ["paragraph", "reference"]})
        md.core.ruler.at("inline", _inline_with_table_rows)
    return md


def parse(text: str, html: bool = True):
    """Tokens of ``text``; ``token.map`` lines are lines of ``text`` itself."""
    return parser(html).parse(text)


def parse_compact(text: str) -> tuple[list[Token], dict]:
    """Tokens of ``text`` with tables' bodies compacted (see ``parser``), and the parse's
    environment (reference definitions, footnotes) that ``parse_inline`` needs."""
    env: dict = {}
    return parser(True, compact_tables=True).parse(text, env), env


def parse_inline(content: str, env: dict) -> list[Token]:
    """The inline tokens of one cell of a ``table_rows`` token (see ``_inline_with_table_rows``)."""
    return _inline(parser(True, compact_tables=True), env, content)
