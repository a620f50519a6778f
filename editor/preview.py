"""The rendered page: a QTextBrowser showing ``rules.render.render_html`` output.

Raw HTML is escaped by the renderer. Images next to the article are shown (the renderer
gives them as absolute ``file:`` URLs). Web images only when the user allows them
(``remote_images``): the renderer then gives them as ``<img>``, and they are downloaded in
the background, within a size and time limit, and put into the page when they arrive;
otherwise nothing is fetched from the network.

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

import importlib.util
import os
from bisect import bisect_left, bisect_right

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QRectF, QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QDesktopServices,
    QFontMetricsF,
    QImage,
    QImageReader,
    QPainter,
    QTextCursor,
    QTextDocument,
    QTextDocumentFragment,
    QTextFormat,
)
from PySide6.QtNetwork import QNetworkAccessManager, QNetworkReply, QNetworkRequest
from PySide6.QtWidgets import QTextBrowser

from .html_diff import Change, Element, diff_elements, split_elements, widen
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
    # Whether the page may download web images (http, https). The tab sets it with each
    # lint request; the renderer gives web images as <img> only when it is on.
    remote_images: bool = False

    def set_math_images(self, images: dict[str, str]) -> None:
        """The SVGs of the next page's formulas (``math:`` key -> SVG); a browser page uses MathML."""

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


# Web images: the most that is downloaded for one, how long a download may stall, and the
# largest side an image is decoded at (larger ones are scaled down as they are decoded).
REMOTE_IMAGE_MAX_BYTES = 10 * 1024 * 1024
REMOTE_IMAGE_TIMEOUT_MS = 20_000
IMAGE_MAX_SIDE = 4096
_IMAGE = QTextDocument.ResourceType.ImageResource.value

_SEPARATOR = "\u2029"  # what QTextDocument ends a block with
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


_KEY_PROPERTY = "articleStudioImage"
_shared_network: QNetworkAccessManager | None = None


def _network() -> QNetworkAccessManager:
    """The one network manager of the previews, kept as long as the application.

    Shared and never deleted before the application: deleting a manager with a preview
    (when its tab closes) could leave Qt's network events aimed at it.
    """
    global _shared_network
    if _shared_network is None:
        _shared_network = QNetworkAccessManager(QCoreApplication.instance())
    return _shared_network


def _kind(kind) -> int:
    return kind.value if hasattr(kind, "value") else int(kind)


def _key(url: QUrl) -> str:
    return url.toString(QUrl.ComponentFormattingOption.FullyEncoded)


def _too_big() -> str:
    return f"{REMOTE_IMAGE_MAX_BYTES // (1024 * 1024)} MB を超えています"


def _read_image(reader: QImageReader) -> QImage | None:
    """The image ``reader`` reads, scaled down to ``IMAGE_MAX_SIDE``; None when it is not one."""
    size = reader.size()
    if size.isValid() and max(size.width(), size.height()) > IMAGE_MAX_SIDE:
        reader.setScaledSize(size.scaled(IMAGE_MAX_SIDE, IMAGE_MAX_SIDE, Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    return None if image.isNull() else image


class Preview(HtmlPage, QTextBrowser):
    topLineChanged = Signal(float)  # the source line at the top of the view (fractional)
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
        self._remote_on = False
        self._fetching: dict[str, QNetworkReply] = {}  # web image URL -> its download
        self._remote: dict[str, QImage] = {}  # web image URL -> the image, or a note why it failed
        self._local: dict[str, tuple[tuple[int, int], QImage]] = {}  # path -> ((mtime, size), image)
        self._arrived: set[str] = set()  # web images put in since the last relayout
        self._math_svg: dict[str, str] = {}  # formula key -> its SVG, for the page shown
        self._math: dict[str, QImage] = {}  # formula key -> the SVG drawn
        self._relayout = QTimer(self)
        self._relayout.setSingleShot(True)
        self._relayout.setInterval(30)  # images arriving together: one relayout
        self._relayout.timeout.connect(self._show_arrived)

    def show_html(self, html: str, force: bool = False) -> None:
        """Show ``html``, rebuilding only the elements that changed unless ``force``."""
        if not self._take(html, force):
            return
        bar = self.verticalScrollBar()
        keep = bar.value()
        self._quiet = True
        try:
            if force or not self._patch(html):
                self._render(html)
            bar.setValue(keep)
        finally:
            self._quiet = False

    def _render(self, html: str) -> None:
        """Replace the whole page."""
        self.document().setDefaultStyleSheet(self.css)
        self.setHtml(_page(html))
        self._elements = split_elements(html)
        self._set_anchors(_scan_anchors(self.document().begin(), None))

    # -- patching the page ------------------------------------------------------------
    def _patch(self, html: str) -> bool:
        """Rebuild only the elements of ``html`` that differ from the page shown.

        False when that cannot be done faithfully (the caller then renders the whole page);
        the page is then either untouched or about to be replaced anyway.
        """
        old, new = self._elements, split_elements(html)
        if old is None or new is None:
            return False
        span = widen(diff_elements(old, new), old, new, lambda i: self._starts_block(old[i].lead))
        if span is None:
            return False
        elements = new[span.start : span.new_end]
        if sum(len(e.html) for e in elements) > len(html) * _PATCH_LIMIT:
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

    # -- loading resources: local files, and web images when allowed ---------------------
    def loadResource(self, kind, url: QUrl):
        scheme = url.scheme().lower()
        image = _kind(kind) == _IMAGE
        if scheme == "data":
            # Not None: QTextDocument would decode a data: URL itself.
            return QImage(1, 1, QImage.Format.Format_ARGB32_Premultiplied) if image else QByteArray(b" ")
        if scheme in ("http", "https"):
            return self._web_image(url) if image and self._remote_on else None
        if scheme == "ftp":
            return None
        if scheme == "math":
            return self._math_image(url.path()) if image else None
        if image and url.isLocalFile():
            return self._local_image(url)
        return super().loadResource(kind, url)

    def set_math_images(self, images: dict[str, str]) -> None:
        self._math_svg = images
        # Decoded formulas the page no longer shows are let go; the others are kept.
        self._math = {k: v for k, v in self._math.items() if k in images}

    def _math_image(self, key: str):
        """A formula's SVG drawn at twice the pixel density (sharp on high-DPI screens too)."""
        image = self._math.get(key)
        if image is None:
            svg = self._math_svg.get(key)
            if svg is None:
                return None
            data = QByteArray(svg.encode("utf-8"))
            buffer = QBuffer(data)
            buffer.open(QIODevice.OpenModeFlag.ReadOnly)
            reader = QImageReader(buffer, b"svg")
            size = reader.size()
            ratio = 2.0
            if size.isValid():
                reader.setScaledSize(size * ratio)
            image = reader.read()
            if image.isNull():
                return None
            image.setDevicePixelRatio(ratio)
            self._math[key] = image
        return image

    @property
    def remote_images(self) -> bool:
        return self._remote_on

    @remote_images.setter
    def remote_images(self, on: bool) -> None:
        on = bool(on)
        if on == self._remote_on:
            return
        self._remote_on = on
        if not on:  # stop what is under way, and forget: turned on again, images are fetched anew
            fetching, self._fetching = self._fetching, {}
            for reply in fetching.values():
                reply.abort()
            self._remote.clear()
            self._arrived.clear()

    def _local_image(self, url: QUrl):
        """A local image, decoded once per version of the file (pages are patched often)."""
        path = url.toLocalFile()
        try:
            st = os.stat(path)
        except OSError:
            return None
        stamp = (st.st_mtime_ns, st.st_size)
        cached = self._local.get(path)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        reader = QImageReader(path)
        image = _read_image(reader)
        if image is None:
            image = self._note(_key(url), "画像として読めません")
        self._local[path] = (stamp, image)
        return image

    def _web_image(self, url: QUrl):
        """The image if it has arrived; else None, and its download is started (once)."""
        key = _key(url)
        if key in self._remote:
            return self._remote[key]
        if key not in self._fetching:
            request = QNetworkRequest(url)
            request.setTransferTimeout(REMOTE_IMAGE_TIMEOUT_MS)
            request.setAttribute(
                QNetworkRequest.Attribute.RedirectPolicyAttribute,
                QNetworkRequest.RedirectPolicy.NoLessSafeRedirectPolicy,
            )
            request.setMaximumRedirectsAllowed(5)
            request.setRawHeader(b"Accept", b"image/*")
            reply = _network().get(request)
            reply.setProperty(_KEY_PROPERTY, key)
            self._fetching[key] = reply
            # Methods, not lambdas: Qt drops these connections when the preview goes (a tab
            # closed while a download runs), and the reply then only deletes itself.
            reply.metaDataChanged.connect(self._check_headers)
            reply.downloadProgress.connect(self._check_size)
            reply.finished.connect(self._fetched)
            reply.finished.connect(reply.deleteLater)
        return None

    def _reply(self) -> tuple[str, QNetworkReply] | None:
        """The download that sent the signal being handled, with its key; None if given up on."""
        reply = self.sender()
        if not isinstance(reply, QNetworkReply):
            return None
        key = str(reply.property(_KEY_PROPERTY) or "")
        return (key, reply) if self._fetching.get(key) is reply else None

    def _check_headers(self) -> None:
        found = self._reply()
        if found is None:
            return
        key, reply = found
        status = reply.attribute(QNetworkRequest.Attribute.HttpStatusCodeAttribute)
        if isinstance(status, int) and not 200 <= status < 300:
            return  # a redirect being followed, or an error that ``_fetched`` reports
        kind = reply.header(QNetworkRequest.KnownHeaders.ContentTypeHeader)
        if kind and not str(kind).strip().lower().startswith("image/"):
            self._failed(key, reply, "画像ではありません")
            return
        length = reply.header(QNetworkRequest.KnownHeaders.ContentLengthHeader)
        if isinstance(length, int) and length > REMOTE_IMAGE_MAX_BYTES:
            self._failed(key, reply, _too_big())

    def _check_size(self, got: int, total: int) -> None:
        found = self._reply()
        if found is not None and max(got, total) > REMOTE_IMAGE_MAX_BYTES:
            self._failed(*found, _too_big())

    def _fetched(self) -> None:
        found = self._reply()
        if found is None:
            return  # given up on already, or the setting was turned off
        key, reply = found
        del self._fetching[key]
        if reply.error() != QNetworkReply.NetworkError.NoError:
            status = reply.attribute(QNetworkRequest.Attribute.HttpStatusCodeAttribute)
            if isinstance(status, int) and status >= 400:
                why = f"HTTP {status}"
            elif reply.error() == QNetworkReply.NetworkError.OperationCanceledError:
                why = "時間切れ"
            else:
                why = "接続できません"
            self._store(key, self._note(key, why))
            return
        data = reply.readAll()
        if data.size() > REMOTE_IMAGE_MAX_BYTES:
            self._store(key, self._note(key, _too_big()))
            return
        buffer = QBuffer()
        buffer.setData(data)
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        image = _read_image(QImageReader(buffer))
        self._store(key, image if image is not None else self._note(key, "画像ではありません"))

    def _failed(self, key: str, reply: QNetworkReply, why: str) -> None:
        del self._fetching[key]
        reply.abort()
        self._store(key, self._note(key, why))

    def _store(self, key: str, image: QImage) -> None:
        """Keep ``image`` for ``key`` and have the page show it (coalesced with others arriving)."""
        self._remote[key] = image
        self.document().addResource(_IMAGE, QUrl(key), image)
        self._arrived.add(key)
        self._relayout.start()

    def _show_arrived(self) -> None:
        """Lay out again the images that arrived, so that they take their own size."""
        arrived, self._arrived = self._arrived, set()
        doc = self.document()
        block = doc.begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                fmt = fragment.charFormat()
                if fmt.isImageFormat() and _key(QUrl(fmt.toImageFormat().name())) in arrived:
                    doc.markContentsDirty(fragment.position(), fragment.length())
                it += 1
            block = block.next()
        self._anchor_y = None
        self.viewport().update()

    def _note(self, key: str, why: str) -> QImage:
        """An image of a placeholder saying that the image at ``key`` could not be shown, and why."""
        alt = self._alt_text(key) or QUrl(key).fileName() or key
        text = f"[画像: {alt}] 読み込めませんでした ({why})"
        font = self.document().defaultFont()
        metrics = QFontMetricsF(font)
        ratio = max(1.0, self.devicePixelRatioF())
        size = QSize(int(min(metrics.horizontalAdvance(text), 2000) + 8), int(metrics.height() + 4))
        image = QImage(size * ratio, QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(ratio)
        fg, bg = ("#9aa4b2", "#2a2d33") if self.dark else ("#57606a", "#eef1f4")
        image.fill(QColor(bg))
        painter = QPainter(image)
        painter.setFont(font)
        painter.setPen(QColor(fg))
        painter.drawText(QRectF(4, 0, size.width() - 8, size.height()), Qt.AlignmentFlag.AlignVCenter, text)
        painter.end()
        return image

    def _alt_text(self, key: str) -> str:
        block = self.document().begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fmt = it.fragment().charFormat()
                if fmt.isImageFormat() and _key(QUrl(fmt.toImageFormat().name())) == key:
                    return str(fmt.property(QTextFormat.Property.ImageAltText) or "")
                it += 1
            block = block.next()
        return ""

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
