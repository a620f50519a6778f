"""The preview's images: files next to the article, web images when allowed, typeset formulas.

``ImageLoader`` answers the QTextBrowser's ``loadResource`` for images. Local files are
decoded once per version of the file (pages are patched often). Web images (only while
``remote_on``) are downloaded in the background within a size and time limit and put into the
page when they arrive; one that cannot be shown becomes a placeholder that says why. Formulas
come as SVGs with each render (``math:`` URLs) and are drawn at twice the pixel density.
``data:`` URLs are never decoded.
"""

from __future__ import annotations

import os

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QObject,
    QRectF,
    QSize,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import QColor, QFontMetricsF, QImage, QImageReader, QPainter, QTextDocument, QTextFormat
from PySide6.QtNetwork import QNetworkAccessManager, QNetworkReply, QNetworkRequest

# Web images: the most that is downloaded for one, how long a download may stall, and the
# largest side an image is decoded at (larger ones are scaled down as they are decoded).
REMOTE_IMAGE_MAX_BYTES = 10 * 1024 * 1024
REMOTE_IMAGE_TIMEOUT_MS = 20_000
IMAGE_MAX_SIDE = 4096
_IMAGE = QTextDocument.ResourceType.ImageResource.value


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


class ImageLoader(QObject):
    """Loads the images of one QTextBrowser page (its ``page``)."""

    arrived = Signal()  # web images were put into the page: its layout changed

    def __init__(self, page):
        super().__init__(page)
        self.page = page
        self.remote_on = False
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

    def load(self, kind, url: QUrl):
        """The resource for ``url``; NotImplemented: let the page load it as usual."""
        scheme = url.scheme().lower()
        image = _kind(kind) == _IMAGE
        if scheme == "data":
            # Not None: QTextDocument would decode a data: URL itself.
            return QImage(1, 1, QImage.Format.Format_ARGB32_Premultiplied) if image else QByteArray(b" ")
        if scheme in ("http", "https"):
            return self._web_image(url) if image and self.remote_on else None
        if scheme == "ftp":
            return None
        if scheme == "math":
            return self._math_image(url.path()) if image else None
        if image and url.isLocalFile():
            return self._local_image(url)
        return NotImplemented

    def set_math(self, images: dict[str, str]) -> None:
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

    def set_remote(self, on: bool) -> None:
        """Allow or stop web images; turned off, what is under way stops and is forgotten."""
        on = bool(on)
        if on == self.remote_on:
            return
        self.remote_on = on
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
        self.page.document().addResource(_IMAGE, QUrl(key), image)
        self._arrived.add(key)
        self._relayout.start()

    def _show_arrived(self) -> None:
        """Lay out again the images that arrived, so that they take their own size."""
        arrived, self._arrived = self._arrived, set()
        doc = self.page.document()
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
        self.arrived.emit()
        self.page.viewport().update()

    def _note(self, key: str, why: str) -> QImage:
        """An image of a placeholder saying that the image at ``key`` could not be shown, and why."""
        alt = self._alt_text(key) or QUrl(key).fileName() or key
        text = f"[画像: {alt}] 読み込めませんでした ({why})"
        font = self.page.document().defaultFont()
        metrics = QFontMetricsF(font)
        ratio = max(1.0, self.page.devicePixelRatioF())
        size = QSize(int(min(metrics.horizontalAdvance(text), 2000) + 8), int(metrics.height() + 4))
        image = QImage(size * ratio, QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(ratio)
        fg, bg = ("#9aa4b2", "#2a2d33") if self.page.dark else ("#57606a", "#eef1f4")
        image.fill(QColor(bg))
        painter = QPainter(image)
        painter.setFont(font)
        painter.setPen(QColor(fg))
        painter.drawText(QRectF(4, 0, size.width() - 8, size.height()), Qt.AlignmentFlag.AlignVCenter, text)
        painter.end()
        return image

    def _alt_text(self, key: str) -> str:
        block = self.page.document().begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fmt = it.fragment().charFormat()
                if fmt.isImageFormat() and _key(QUrl(fmt.toImageFormat().name())) == key:
                    return str(fmt.property(QTextFormat.Property.ImageAltText) or "")
                it += 1
            block = block.next()
        return ""
