"""A list of short strings edited as chips: type and press Enter (or a comma) to add, × to remove."""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtWidgets import QLayout, QLineEdit, QSizePolicy, QToolButton, QWidget

from .i18n import tr

# What separates entries typed in one go: commas (ASCII, ideographic, full-width) and line breaks.
_SEPARATORS = re.compile(r"[,、，\n]")


class FlowLayout(QLayout):
    """Lays its items out left to right, wrapping onto new rows as the width runs out."""

    def __init__(self, parent=None, spacing: int = 4):
        super().__init__(parent)
        self._items: list = []
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int):
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int):
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self):
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        return size

    def _arrange(self, rect: QRect, move: bool) -> int:
        x, y, row = rect.x(), rect.y(), 0
        for item in self._items:
            hint = item.sizeHint()
            if x + hint.width() > rect.right() + 1 and x > rect.x():
                x, y, row = rect.x(), y + row + self._spacing, 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._spacing
            row = max(row, hint.height())
        return y + row - rect.y()


class TagEditor(QWidget):
    """Chips for the values and an entry field after them; ``edited`` after each change."""

    edited = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._values: list[str] = []
        self._layout = FlowLayout(self)
        self.entry = QLineEdit()
        self.entry.setPlaceholderText(tr("Add (Enter or comma)"))
        self.entry.setMinimumWidth(120)
        self.entry.returnPressed.connect(self.take_entry)
        self.entry.editingFinished.connect(self.take_entry)
        self.entry.textEdited.connect(self._typed)
        self.entry.installEventFilter(self)
        self.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Preferred)
        self._rebuild()

    def values(self) -> list[str]:
        return list(self._values)

    def set_values(self, values: list[str]) -> None:
        """Show ``values`` (does not emit ``edited``)."""
        if [str(v) for v in values] != self._values:
            self._values = [str(v) for v in values]
            self._rebuild()

    def chips(self) -> list[QToolButton]:
        return [self._layout.itemAt(i).widget() for i in range(self._layout.count() - 1)]

    def add(self, text: str) -> bool:
        """Add the entries in ``text`` (comma separated); True when any was new."""
        added = False
        for part in _SEPARATORS.split(text):
            value = part.strip()
            if value and value not in self._values:
                self._values.append(value)
                added = True
        if added:
            self._rebuild()
            self.edited.emit()
        return added

    def remove(self, value: str) -> None:
        if value in self._values:
            self._values.remove(value)
            self._rebuild()
            self.edited.emit()

    def take_entry(self) -> None:
        text = self.entry.text()
        if text.strip():
            self.entry.clear()
            self.add(text)

    def _typed(self, text: str) -> None:
        # A separator typed (or pasted) ends the entries before it.
        parts = _SEPARATORS.split(text)
        if len(parts) > 1:
            self.entry.setText(parts[-1].lstrip())
            self.add(",".join(parts[:-1]))

    def eventFilter(self, obj, event) -> bool:
        if (
            obj is self.entry
            and event.type() == QEvent.KeyPress
            and event.key() == Qt.Key_Backspace
            and not self.entry.text()
            and self._values
        ):
            self.remove(self._values[-1])
            return True
        return super().eventFilter(obj, event)

    def _rebuild(self) -> None:
        focused = self.entry.hasFocus()
        while self._layout.count():
            item = self._layout.takeAt(0)
            widget = item.widget()
            if widget is not None and widget is not self.entry:
                widget.hide()
                widget.deleteLater()
        for value in self._values:
            chip = QToolButton()
            chip.setText(f"{value}  ×")
            chip.setToolTip(tr("Remove {value}").format(value=value))
            chip.setAutoRaise(False)
            chip.clicked.connect(lambda _=False, v=value: self.remove(v))
            chip.setProperty("chipValue", value)
            self._layout.addWidget(chip)
        self._layout.addWidget(self.entry)
        self.updateGeometry()
        if focused:
            self.entry.setFocus()
