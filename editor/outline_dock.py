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
        self.list.itemClicked.connect(self._jump)
        self.list.itemActivated.connect(self._jump)
        self.setWidget(self.list)
        self._entries: list[tuple[int, str]] | None = None  # (level, title) of each item
        self.offsets: list[int] = []  # where each item's heading starts (code points)

    def retranslate(self) -> None:
        self.setWindowTitle(tr("Outline"))
        self._entries = None  # the "[bold]" marks are built again with the next entries

    def set_entries(self, entries) -> None:
        """List ``entries``. The offsets are kept here, not in the items: typing above a heading
        moves it, and only headings that changed are listed anew (rebuilding the list and
        painting it again after each pause in typing held the window still on a long article)."""
        self.offsets = [e.offset for e in entries]
        key = [(e.level, e.title) for e in entries]
        old = self._entries
        if key == old:
            return
        self._entries = key
        if old is None:
            self.list.clear()
            old = []
        limit = min(len(old), len(key))
        top = 0
        while top < limit and old[top] == key[top]:
            top += 1
        tail = 0
        while tail < limit - top and old[-1 - tail] == key[-1 - tail]:
            tail += 1
        for row in reversed(range(top, len(old) - tail)):
            self.list.takeItem(row)  # the item is Python's now, and goes with it
        for row, e in enumerate(entries[top : len(key) - tail], top):
            self.list.insertItem(row, self._item(e))

    def _jump(self, item: QListWidgetItem) -> None:
        row = self.list.row(item)
        if 0 <= row < len(self.offsets):
            self.jumpRequested.emit(self.offsets[row])

    @staticmethod
    def _item(e) -> QListWidgetItem:
        if e.level:
            label = "  " * (e.level - 1) + e.title
        else:
            # A bold paragraph standing in for a heading (often a generator artifact).
            label = "  " + tr("[bold]") + " " + e.title
        item = QListWidgetItem(label)
        item.setData(Qt.UserRole + 1, e.level)
        if not e.level:
            f = item.font()
            f.setItalic(True)
            item.setFont(f)
        return item
