"""The rendered page: a QTextBrowser showing ``rules.render.render_html`` output.

Raw HTML is escaped by the renderer. Images and formulas are loaded by ``preview_images``
(files next to the article, web images only when the user allows them, typeset TeX); this
module renders and patches the page and keeps scroll sync.

Scroll sync works through the ``L{line}`` anchors: after each render we note which text block
holds each anchor; their y positions are asked of the layout only when scroll sync needs
them (asking right after a render would force the layout of the whole page at once, a
visible stall on long articles), and kept until the layout changes.

A keystroke changes one or a few top-level elements of the page. Replacing the whole
page would make Qt parse and lay out all of it again (tens of milliseconds on a long
article), so only the elements that changed are rebuilt: they are rendered alone into a
scratch document and copied over the old ones (see ``html_diff``). Elements after the
change keep their text blocks; when lines were added or removed, their anchors keep
their old names in the document and only our table of anchor lines is shifted.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from PySide6.QtCore import QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QTextCursor, QTextDocument, QTextDocumentFragment
from PySide6.QtWidgets import QTextBrowser

from .html_diff import Change, Element, diff_elements, split_elements, widen
from .preview_images import ImageLoader
from .preview_page import HtmlPage, load_css

_SEPARATOR = "\u2029"  # what QTextDocument ends a block with
# A page longer than this (characters of HTML) that must be built from scratch is put in a
# slice of about FILL_SLICE characters per turn of the event loop: all at once, a long
# article's page kept the window from answering for a quarter of a second.
FILL_ABOVE = 80_000
FILL_SLICE = 6_000
# The first slice is smaller: it goes in with the page's first layout and paint, while the fonts
# of its headings, bold and code are still cold (on opening a long article, ~20 ms together).
FIRST_FILL_SLICE = 3_000


def _slice_end(elements: list[Element], start: int, size_wanted: int = FILL_SLICE) -> int:
    """The end of the slice of ``elements`` that starts at ``start``: about ``size_wanted`` characters."""
    size, end = 0, start
    while end < len(elements) and (size < size_wanted or end == start):
        size += len(elements[end].html)
        end += 1
    return end


# Beyond this share of the page, copying the new elements in costs more than a full render.
_PATCH_LIMIT = 0.4


def _page(html: str) -> str:
    return f"<html><body>{html}</body></html>"


def _scan_anchors(block, last: int | None) -> list[tuple[int, object, bool]]:
    """(line, block, alone) for every ``L{line}`` anchor from ``block`` on, in document order.

    Stops at the first block that starts after position ``last``. ``alone`` tells whether
    the block holds no other such anchor and this one is on its first fragment.
    """
    found: list[tuple[int, object, bool]] = []
    while block.isValid() and (last is None or block.position() <= last):
        lines: list[int] = []
        lead = ""
        first = True
        it = block.begin()
        while not it.atEnd():
            for name in it.fragment().charFormat().anchorNames():
                if name.startswith("L") and name[1:].isdigit():
                    lines.append(int(name[1:]))
                    if first:
                        lead = name
            first = False
            it += 1
        if lines:
            alone = len(lines) == 1 and lead == f"L{lines[0]}"
            found.extend((line, block, alone) for line in lines)
        block = block.next()
    return found


class Preview(HtmlPage, QTextBrowser):
    topLineChanged = Signal(float)  # the source line at the top of the view (fractional)
    pageShown = Signal()  # a page built in slices is complete
    engine = "textbrowser"
    shows_images = True

    def __init__(self, dark: bool = False, parent=None):
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._on_link)
        self.dark = dark
        self.css = load_css(dark)
        # Pages are patched in place: without this every patch would be kept for undo.
        self.document().setUndoRedoEnabled(False)
        # (source line, QTextBlock, whether the block holds that anchor alone and first),
        # sorted by line; the lines are those of the page shown, not the names in the document.
        self._anchor_blocks: list[tuple[int, object, bool]] = []
        self._anchor_lines: list[int] = []
        self._anchor_y: list[tuple[float, int]] | None = None
        self._elements: list[Element] | None = None  # the page shown, split into elements
        self._scratch: QTextDocument | None = None
        self.document().documentLayout().documentSizeChanged.connect(self._layout_changed)
        self.html = ""
        self.verticalScrollBar().valueChanged.connect(self._on_scroll)
        self._quiet = False
        self.images = ImageLoader(self)
        self._target = ""  # the page asked for last (``html`` once it is all shown)
        self._fill: list[Element] | None = None  # the elements of a page being put in slice by slice
        self._fill_timer = QTimer(self)
        self._fill_timer.setSingleShot(True)
        self._fill_timer.setInterval(0)
        self._fill_timer.timeout.connect(self._fill_some)
        self._zoom = 0
        self.images.arrived.connect(self._layout_changed)

    def show_html(self, html: str, force: bool = False, at_once: bool = False) -> None:
        """Show ``html``, rebuilding only the elements that changed unless ``force``.

        ``html`` (the attribute) becomes the page once it is all shown: a long page that has
        to be built from scratch is put in a slice at a time (see ``_fill_some``), unless
        ``at_once``.
        """
        if (html == self._target if self._filling else html == self.html) and not force:
            return
        self._target = html
        bar = self.verticalScrollBar()
        keep = bar.value()
        self._quiet = True
        try:
            if self._filling and not force and not at_once:
                self._fill = split_elements(html)  # carry on toward the newer page
                if self._fill is None:
                    self._render_all(html)
            elif at_once:
                self._render_all(html)
            elif force or not self._patch(html):
                self._render(html)
            bar.setValue(keep)
        finally:
            self._quiet = False

    @property
    def _filling(self) -> bool:
        return self._fill is not None

    def _render(self, html: str) -> None:
        """Replace the whole page: at once when it is short, else its top now and the rest in slices."""
        elements = split_elements(html) if len(html) > FILL_ABOVE else None
        if elements is None:
            self._render_all(html)
            return
        first = _slice_end(elements, 0, FIRST_FILL_SLICE)
        self._set_page("\n".join(e.html for e in elements[:first]))
        self._fill = elements
        self._fill_timer.start()

    def _render_all(self, html: str) -> None:
        self._fill = None
        self._fill_timer.stop()
        self._set_page(html)
        self.html = html

    def _set_page(self, html: str) -> None:
        self.document().setDefaultStyleSheet(self.css)
        self.setHtml(_page(html))
        self._elements = split_elements(html)
        self._set_anchors(_scan_anchors(self.document().begin(), None))

    def _fill_some(self) -> None:
        """Put the next slice of a long page in (a patch that appends elements), one per event-loop turn."""
        elements = self._fill
        if elements is None:
            return
        shown = len(self._elements or ())
        end = _slice_end(elements, min(shown, len(elements)))
        bar = self.verticalScrollBar()
        keep = bar.value()
        self._quiet = True
        try:
            if not self._patch("", limit=False, elements=elements[:end]):
                self._render_all(self._target)  # the slices could not be joined faithfully
                return
            bar.setValue(keep)
        finally:
            self._quiet = False
        if end >= len(elements):
            self._fill = None
            self.html = self._target
            self.pageShown.emit()
        else:
            self._fill_timer.start()

    # -- patching the page ------------------------------------------------------------
    def _patch(self, html: str, limit: bool = True, elements: list[Element] | None = None) -> bool:
        """Rebuild only the elements of ``html`` that differ from the page shown.

        False when that cannot be done faithfully (the caller then renders the whole page);
        the page is then either untouched or about to be replaced anyway. ``limit``: give up
        when so much changed that a full render would be quicker. ``elements``: the page as
        elements already (``html`` is then not read).
        """
        old = self._elements
        if old is None:
            return False  # nothing shown yet to patch (and no need to split the page for that)
        new = elements if elements is not None else split_elements(html)
        if new is None:
            return False
        span = widen(diff_elements(old, new), old, new, lambda i: self._starts_block(old[i].lead))
        if span is None:
            return False
        elements = new[span.start : span.new_end]
        if limit and sum(len(e.html) for e in elements) > len(html) * _PATCH_LIMIT:
            return False
        cut = self._cut(old, span)
        fragment = None if cut is None else self._fragment(elements, span.start == 0)
        if fragment is None:
            return False
        first, last = self._replace(*cut, fragment, span.start == 0)
        found = _scan_anchors(first, last)
        if [line for line, _, _ in found] != [a for e in elements for a in e.anchors]:
            return False  # an anchor went astray: let a full render place them
        self._elements = new
        self._splice_anchors(old, span, found)
        if limit:
            self.html = html
        return True

    def _cut(self, old: list[Element], span: Change) -> tuple[int, int] | None:
        """Where the old elements of ``span`` lie in the document, as two positions.

        Each is the separator that ends the block just before, or the top or the end of
        the page; None when Qt's blocks do not end there as expected.
        """
        doc = self.document()
        end = doc.characterCount() - 1
        cuts = []
        for i in (span.start, span.old_end):
            if i == len(old):
                cuts.append(end)
            elif i == 0:
                cuts.append(0)
            else:
                pos = self._block_of(old[i].lead).position() - 1
                if doc.characterAt(pos) != _SEPARATOR:
                    return None
                cuts.append(pos)
        return cuts[0], cuts[1]

    def _replace(self, start: int, end: int, fragment: QTextDocumentFragment, at_top: bool):
        """Put ``fragment`` in place of the document from ``start`` to ``end``.

        Returns the first block of what was put in and the position where it ends.
        """
        doc = self.document()
        # Qt lays a new page out lazily, a piece per timer tick; an edit before that is done
        # ends the lazy run and leaves the blocks not reached yet without lines (blank).
        # Asking for the size finishes the layout first (at once, if not already done).
        doc.documentLayout().documentSize()
        length = doc.characterCount()
        cursor = QTextCursor(doc)
        cursor.beginEditBlock()
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
        if not fragment.isEmpty():
            cursor.insertFragment(fragment)
            if at_top and self._scratch.begin().length() == 1:
                self._copy_first_block_format()
        cursor.endEditBlock()
        first = doc.begin() if at_top else doc.findBlock(start).next()
        return first, end + doc.characterCount() - length

    def _fragment(self, elements: list[Element], at_top: bool) -> QTextDocumentFragment | None:
        """``elements`` rendered alone, ready to be inserted after a block separator.

        Rendered in a scratch document by the same importer as a whole page, so their
        blocks get the formats they would have there. Below the top of the page they are
        preceded by a throwaway paragraph, and the fragment starts with the separator
        that ends it: inserted right after the text of the block before the cut, that
        separator starts a new block with the first element's own format. None when an
        anchor went astray in the scratch document, or the page's first block could not
        be given its format.
        """
        if not elements:
            return QTextDocumentFragment()
        scratch = self._scratch_document()
        lead_in = "" if at_top else "<p>.</p>\n"
        scratch.setHtml(_page(lead_in + "\n".join(e.html for e in elements)))
        first = scratch.begin() if at_top else scratch.begin().next()
        found = _scan_anchors(first, None)
        if [line for line, _, _ in found] != [a for e in elements for a in e.anchors]:
            return None
        if at_top and scratch.begin().length() == 1 and scratch.begin().textList() is not None:
            return None  # an empty list item first: its format could not be carried over
        cursor = QTextCursor(scratch)
        cursor.setPosition(0 if at_top else scratch.begin().length() - 1)
        cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
        return QTextDocumentFragment(cursor)

    def _scratch_document(self) -> QTextDocument:
        if self._scratch is None:
            self._scratch = QTextDocument(self)
            self._scratch.setUndoRedoEnabled(False)
        if self._scratch.defaultStyleSheet() != self.css:
            self._scratch.setDefaultStyleSheet(self.css)
        self._scratch.setDefaultFont(self.document().defaultFont())
        return self._scratch

    def _copy_first_block_format(self) -> None:
        """Give the page's first block the format it has in the scratch document.

        A fragment inserted at the top passes on its first block's format only when that
        block holds text; one that starts with a table leaves the old format behind.
        ``_fragment`` has made sure the block is in no list (that format refers to the
        scratch document's list).
        """
        source = self._scratch.begin()
        cursor = QTextCursor(self.document())
        cursor.setBlockFormat(source.blockFormat())
        cursor.setBlockCharFormat(source.charFormat())

    # -- anchors ------------------------------------------------------------------------
    def _set_anchors(self, found: list[tuple[int, object, bool]]) -> None:
        """Record ``found`` (in document order), keeping the first block of each line."""
        first: dict[int, tuple[int, object, bool]] = {}
        for entry in found:
            first.setdefault(entry[0], entry)
        self._anchor_blocks = sorted(first.values(), key=lambda entry: entry[0])
        self._anchor_lines = [line for line, _, _ in self._anchor_blocks]
        self._anchor_y = None

    def _splice_anchors(self, old: list[Element], span: Change, found) -> None:
        """Anchors after patching ``span``: kept before it, ``found`` in it, shifted after it."""
        lines = self._anchor_lines
        if span.start == len(old):
            lo = len(lines)
        else:
            lo = 0 if span.start == 0 else bisect_left(lines, old[span.start].lead)
        hi = len(lines) if span.old_end == len(old) else bisect_left(lines, old[span.old_end].lead)
        after = [(line + span.delta, block, own) for line, block, own in self._anchor_blocks[hi:]]
        self._set_anchors(self._anchor_blocks[:lo] + found + after)

    def _block_of(self, line: int):
        i = bisect_left(self._anchor_lines, line)
        return self._anchor_blocks[i][1]

    def _starts_block(self, line: int | None) -> bool:
        """Whether a patch may cut the page just before the block of the anchor ``line``.

        The anchor must be alone at the start of its block, and the block before must hold
        text: a fragment inserted after an empty block would hand that block its own
        last block's format.
        """
        if line is None:
            return False
        i = bisect_left(self._anchor_lines, line)
        if i == len(self._anchor_lines) or self._anchor_lines[i] != line:
            return False
        _, block, alone = self._anchor_blocks[i]
        return alone and block.previous().length() > 1

    def _layout_changed(self, *_args) -> None:
        self._anchor_y = None

    @property
    def anchors(self) -> list[tuple[float, int]]:
        """(y, source line) of every anchor, sorted by y."""
        if self._anchor_y is None:
            layout = self.document().documentLayout()
            self._anchor_y = sorted(
                (layout.blockBoundingRect(block).top(), line) for line, block, _ in self._anchor_blocks
            )
        return self._anchor_y

    def set_zoom(self, steps: int) -> None:
        """The page's text ``steps`` points larger than its stylesheet says (0: as it says)."""
        self.zoomIn(steps - self._zoom)
        self._zoom = steps

    # -- resources: images, formulas (see preview_images) ---------------------------------
    def loadResource(self, kind, url: QUrl):
        found = self.images.load(kind, url)
        return super().loadResource(kind, url) if found is NotImplemented else found

    def set_math_images(self, images: dict[str, str]) -> None:
        self.images.set_math(images)

    @property
    def remote_images(self) -> bool:
        return self.images.remote_on

    @remote_images.setter
    def remote_images(self, on: bool) -> None:
        self.images.set_remote(on)

    def _on_link(self, url: QUrl) -> None:
        name = url.fragment()
        if url.scheme() in ("http", "https"):
            QDesktopServices.openUrl(url)
        elif name[:1] == "L" and name[1:].isdigit():
            # After a patch that moved lines, the document keeps the old anchor names.
            self.scroll_to_line(int(name[1:]))
            self.topLineChanged.emit(self.line_at_top())
        elif name:
            self.scrollToAnchor(name)

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
        # Only the two anchors around ``line`` are measured: measuring them all would lay out
        # the whole page at once while Qt is still laying a new page out a piece at a time.
        lines = self._anchor_lines
        if not lines:
            return
        i = bisect_right(lines, line) - 1
        if i < 0:
            y = 0.0
        else:
            y = y0 = self._anchor_top(i)
            if i + 1 < len(lines):
                y1 = self._anchor_top(i + 1)
                y = y0 + (y1 - y0) * (line - lines[i]) / (lines[i + 1] - lines[i])
        self._quiet = True
        try:
            self.verticalScrollBar().setValue(round(y))
        finally:
            self._quiet = False

    def _anchor_top(self, i: int) -> float:
        return self.document().documentLayout().blockBoundingRect(self._anchor_blocks[i][1]).top()

    def _on_scroll(self, _value: int) -> None:
        if not self._quiet:
            self.topLineChanged.emit(self.line_at_top())
