"""Markdown syntax colouring for the source editor.

Line based: block states carry "inside front matter" and "inside a code fence" across
lines. Chunk markers such as ``---END---`` get an alarming red band: they must never
reach a published post.
"""

from __future__ import annotations

import re
import time

from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat, QTextCursor

from article_studio import rules

from .theme import Colors

NORMAL, FRONT_MATTER, FENCE = 0, 1, 2
SLICE_SECONDS = 0.008  # how long one slice of catching up may hold the event loop

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
    """Colours the source. A long text put in at once is coloured a screen first, the rest in slices
    (``defer``): colouring every block of a 100,000-character article took a twentieth of a second."""

    def __init__(self, document, colors: Colors):
        super().__init__(document)
        self._ready: int | None = None  # blocks from this number on are not coloured yet (None: all are)
        # True while a slice of catching up is handed to the document: the document then says its
        # contents changed, though only colours did (the tab does not take that for an edit).
        self.recolouring = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._catch_up)
        self.set_colors(colors, rehighlight=False)

    def defer(self, first: int = 200, start: bool = True) -> None:
        """Colour only the first ``first`` blocks of the text about to be set; the others follow,
        from the next turn of the event loop on (or from ``resume``, unless ``start``)."""
        self._ready = first
        if start:
            self._timer.start()

    def resume(self) -> None:
        """Colour the blocks ``defer`` left (a text that went in over several turns is all in)."""
        if self._ready is not None:
            self._timer.start()

    @property
    def done(self) -> bool:
        return self._ready is None

    def _catch_up(self) -> None:
        if self._ready is None:
            return
        doc = self.document()
        block = doc.findBlockByNumber(self._ready)
        # One edit block around the slice: each block's new colours would otherwise make the
        # document lay out again on its own, a cost that grows with the length of the text.
        batch = QTextCursor(doc)
        self.recolouring = True
        try:
            batch.beginEditBlock()
            deadline = time.perf_counter() + SLICE_SECONDS
            while block.isValid() and time.perf_counter() < deadline:
                self._ready = block.blockNumber() + 1
                self.rehighlightBlock(block)
                block = block.next()
            batch.endEditBlock()
        finally:
            self.recolouring = False
        if block.isValid():
            self._timer.start()
        else:
            self._ready = None

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
            self.recolouring = True  # new colours, not an edit: the tab relints once, for the preview
            try:
                self.rehighlight()
            finally:
                self.recolouring = False

    def highlightBlock(self, text: str) -> None:
        prev = self.previousBlockState()
        block_no = self.currentBlock().blockNumber()
        if self._ready is not None and block_no >= self._ready:
            self._track_state(text, prev, block_no)  # coloured when the catching up gets here
            return
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

    def _track_state(self, text: str, prev: int, block_no: int) -> None:
        """Only the block's state (inside front matter or a code fence), as ``highlightBlock`` sets it."""
        if prev == FRONT_MATTER or (block_no == 0 and text.rstrip() == "---"):
            ends = prev == FRONT_MATTER and text.rstrip() in ("---", "...")
            self.setCurrentBlockState(NORMAL if ends else FRONT_MATTER)
        elif prev == FENCE:
            self.setCurrentBlockState(NORMAL if _FENCE.match(text) else FENCE)
        elif _FENCE.match(text) and not rules.MARKER_RE.match(text):
            self.setCurrentBlockState(FENCE)
        else:
            self.setCurrentBlockState(NORMAL)
