"""The rendered page: a QTextBrowser showing ``rules.render.render_html`` output.

Nothing is fetched from the network and raw HTML is escaped by the renderer. Scroll
sync works through the ``L{line}`` anchors: after each render we note which text block
holds each anchor; their y positions are asked of the layout only when scroll sync needs
them (asking right after a render would force the layout of the whole page at once, a
visible stall on long articles), and kept until the layout changes.
"""
from __future__ import annotations

import importlib.util
from bisect import bisect_right

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices, QTextDocument
from PySide6.QtWidgets import QTextBrowser

from .paths import resources_dir
from .theme import DARK_PREVIEW_CSS


def load_css(dark: bool) -> str:
    path = resources_dir() / "preview.css"
    css = path.read_text(encoding="utf-8") if path.is_file() else ""
    return css + (DARK_PREVIEW_CSS if dark else "")


def webengine_available() -> bool:
    """Whether the optional Qt WebEngine (PySide6-Addons, the ``webengine`` extra) is installed."""
    try:
        return importlib.util.find_spec("PySide6.QtWebEngineWidgets") is not None
    except (ImportError, ValueError):
        return False


def effective_engine(choice: str) -> str:
    """The engine a preview will use for the setting ``choice``."""
    return "webengine" if choice == "webengine" and webengine_available() else "textbrowser"


def create_preview(choice: str, dark: bool):
    """A preview widget for the engine setting; QTextBrowser unless WebEngine is chosen and loads."""
    if effective_engine(choice) == "webengine":
        try:
            from .preview_web import WebPreview
        except ImportError:
            pass
        else:
            return WebPreview(dark)
    return Preview(dark)


class HtmlPage:
    """What both preview engines share: the theme's stylesheet and skipping unchanged pages."""

    dark: bool
    css: str
    html: str

    def set_dark(self, dark: bool) -> None:
        self.dark = dark
        self.css = load_css(dark)
        if self.html:
            self.show_html(self.html, force=True)

    def _take(self, html: str, force: bool) -> bool:
        """Record ``html`` as shown; False when it is what the page already shows."""
        if html == self.html and not force:
            return False
        self.html = html
        return True


class Preview(HtmlPage, QTextBrowser):
    topLineChanged = Signal(float)  # the source line at the top of the view (fractional)
    engine = "textbrowser"

    def __init__(self, dark: bool = False, parent=None):
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._on_link)
        self.dark = dark
        self.css = load_css(dark)
        self._anchor_blocks: list = []  # (source line, QTextBlock) in document order
        self._anchor_y: list[tuple[float, int]] | None = None
        self.document().documentLayout().documentSizeChanged.connect(self._layout_changed)
        self.html = ""
        self.verticalScrollBar().valueChanged.connect(self._on_scroll)
        self._quiet = False

    def show_html(self, html: str, force: bool = False) -> None:
        if not self._take(html, force):
            return
        bar = self.verticalScrollBar()
        keep = bar.value()
        self._quiet = True
        try:
            self.document().setDefaultStyleSheet(self.css)
            self.setHtml(f"<html><body>{html}</body></html>")
            self._collect_anchors()
            bar.setValue(keep)
        finally:
            self._quiet = False

    def _collect_anchors(self) -> None:
        doc: QTextDocument = self.document()
        found: dict[int, object] = {}
        block = doc.begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                for name in it.fragment().charFormat().anchorNames():
                    if name.startswith("L") and name[1:].isdigit():
                        found.setdefault(int(name[1:]), block)
                it += 1
            block = block.next()
        self._anchor_blocks = sorted(found.items(), key=lambda item: item[0])
        self._anchor_y = None

    def _layout_changed(self, *_args) -> None:
        self._anchor_y = None

    @property
    def anchors(self) -> list[tuple[float, int]]:
        """(y, source line) of every anchor, sorted by y."""
        if self._anchor_y is None:
            layout = self.document().documentLayout()
            self._anchor_y = sorted((layout.blockBoundingRect(block).top(), line)
                                    for line, block in self._anchor_blocks)
        return self._anchor_y

    # -- loading resources: local files only ------------------------------------------
    def loadResource(self, kind, url: QUrl):
        if url.scheme() in ("http", "https", "ftp", "data"):
            return None
        return super().loadResource(kind, url)

    def _on_link(self, url: QUrl) -> None:
        if url.scheme() in ("http", "https"):
            QDesktopServices.openUrl(url)
        elif url.fragment():
            self.scrollToAnchor(url.fragment())

    # -- scroll sync --------------------------------------------------------------------
    def line_at_top(self) -> float:
        if not self.anchors:
            return 0.0
        y = self.verticalScrollBar().value()
        ys = [a[0] for a in self.anchors]
        i = bisect_right(ys, y) - 1
        if i < 0:
            return float(self.anchors[0][1])
        y0, l0 = self.anchors[i]
        if i + 1 < len(self.anchors):
            y1, l1 = self.anchors[i + 1]
            if y1 > y0:
                return l0 + (l1 - l0) * (y - y0) / (y1 - y0)
        return float(l0)

    def scroll_to_line(self, line: float) -> None:
        if not self.anchors:
            return
        by_line = sorted((l, y) for y, l in self.anchors)
        lines = [l for l, _ in by_line]
        i = bisect_right(lines, line) - 1
        if i < 0:
            y = 0.0
        else:
            l0, y0 = by_line[i]
            y = y0
            if i + 1 < len(by_line):
                l1, y1 = by_line[i + 1]
                if l1 > l0:
                    y = y0 + (y1 - y0) * (line - l0) / (l1 - l0)
        self._quiet = True
        try:
            self.verticalScrollBar().setValue(round(y))
        finally:
            self._quiet = False

    def _on_scroll(self, _value: int) -> None:
        if not self._quiet:
            self.topLineChanged.emit(self.line_at_top())
