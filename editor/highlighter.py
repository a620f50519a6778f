"""Markdown syntax colouring for the source editor.

Line based: block states carry "inside front matter" and "inside a code fence" across
lines. Chunk markers such as ``---END---`` get an alarming red band: they must never
reach a published post.
"""

from __future__ import annotations

import re

from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat

from article_studio import rules

from .theme import Colors

NORMAL, FRONT_MATTER, FENCE = 0, 1, 2

_HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t].*|$)")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CONTAINER = re.compile(r"^:::")
_INLINE = [
    ("code", re.compile(r"`[^`\n]+`")),
    ("strong", re.compile(r"\*\*[^*\n]+\*\*|__[^_\n]+__")),
    ("emphasis", re.compile(r"(?<![*\w])\*[^*\n]+\*(?!\*)")),
    ("link", re.compile(r"!?\[[^\]\n]*\]\([^)\n]*\)")),
    ("comment", re.compile(r"<!--.*?-->")),
]


def _fmt(color: str, bold: bool = False, italic: bool = False, bg: str | None = None) -> QTextCharFormat:
    f = QTextCharFormat()
    f.setForeground(QColor(color))
    if bold:
        f.setFontWeight(QFont.Bold)
    if italic:
        f.setFontItalic(True)
    if bg:
        f.setBackground(QColor(bg))
    return f


class MarkdownHighlighter(QSyntaxHighlighter):
    def __init__(self, document, colors: Colors):
        super().__init__(document)
        self.set_colors(colors, rehighlight=False)

    def set_colors(self, c: Colors, rehighlight: bool = True) -> None:
        self.formats = {
            "heading": _fmt(c.heading, bold=True),
            "strong": _fmt(c.emphasis, bold=True),
            "emphasis": _fmt(c.emphasis, italic=True),
            "code": _fmt(c.code, bg=c.code_bg),
            "link": _fmt(c.link),
            "front_matter": _fmt(c.front_matter),
            "marker": _fmt(c.marker_fg, bold=True, bg=c.marker_bg),
            "comment": _fmt(c.comment, italic=True),
            "container": _fmt(c.link, bold=True),
        }
        if rehighlight:
            self.rehighlight()

    def highlightBlock(self, text: str) -> None:
        prev = self.previousBlockState()
        block_no = self.currentBlock().blockNumber()
        n = len(text)
        if prev == FRONT_MATTER or (block_no == 0 and text.rstrip() == "---"):
            self.setFormat(0, n, self.formats["front_matter"])
            ends = prev == FRONT_MATTER and text.rstrip() in ("---", "...")
            self.setCurrentBlockState(NORMAL if ends else FRONT_MATTER)
            return
        if prev == FENCE:
            self.setFormat(0, n, self.formats["code"])
            self.setCurrentBlockState(NORMAL if _FENCE.match(text) else FENCE)
            return
        self.setCurrentBlockState(NORMAL)
        if rules.MARKER_RE.match(text):  # the linter's own marker pattern (AG001)
            self.setFormat(0, n, self.formats["marker"])
            return
        if _FENCE.match(text):
            self.setFormat(0, n, self.formats["code"])
            self.setCurrentBlockState(FENCE)
            return
        if _HEADING.match(text):
            self.setFormat(0, n, self.formats["heading"])
            return
        if _CONTAINER.match(text):
            self.setFormat(0, n, self.formats["container"])
            return
        # QSyntaxHighlighter positions are UTF-16 units; Python indices are code points.
        to16 = rules.LineIndex(text).utf16
        for kind, rx in _INLINE:
            for m in rx.finditer(text):
                s, e = to16(m.start()), to16(m.end())
                self.setFormat(s, e - s, self.formats[kind])
