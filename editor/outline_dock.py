"""The Outline dock: headings, and bold lines used as headings (marked)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDockWidget, QListWidget, QListWidgetItem

from .i18n import tr


class OutlineDock(QDockWidget):
    jumpRequested = Signal(int)

    def __init__(self, parent=None):
        super().__init__(tr("Outline"), parent)
        self.setObjectName("outline")
        self.list = QListWidget()
        self.list.itemClicked.connect(lambda item: self.jumpRequested.emit(item.data(Qt.UserRole)))
        self.list.itemActivated.connect(lambda item: self.jumpRequested.emit(item.data(Qt.UserRole)))
        self.setWidget(self.list)
        self._entries = None

    def retranslate(self) -> None:
        self.setWindowTitle(tr("Outline"))
        self._entries = None  # the "[bold]" marks are built again with the next entries

    def set_entries(self, entries) -> None:
        key = [(e.level, e.title, e.offset) for e in entries]
        if key == self._entries:
            return
        self._entries = key
        self.list.clear()
        for e in entries:
            if e.level:
                label = "  " * (e.level - 1) + e.title
            else:
                # A bold paragraph standing in for a heading (often a generator artifact).
                label = "  " + tr("[bold]") + " " + e.title
            item = QListWidgetItem(label)
            item.setData(Qt.UserRole, e.offset)
            item.setData(Qt.UserRole + 1, e.level)
            if not e.level:
                f = item.font()
                f.setItalic(True)
                item.setFont(f)
            self.list.addItem(item)
