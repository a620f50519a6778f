"""A picture as PNG bytes: what the guarded writer is given (Qt's own ``save`` to a path would
write the file itself, past the checks of ``write_atomic``)."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QImage, QPixmap

from .i18n import tr


def png_bytes(picture: QImage | QPixmap) -> bytes:
    """``picture`` encoded as PNG; raises ``OSError`` when it cannot be."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not picture.save(buffer, "PNG"):
        raise OSError(tr("the picture cannot be encoded as PNG"))
    return bytes(data.data())
