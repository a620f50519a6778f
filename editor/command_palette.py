"""The command palette (Ctrl+Shift+P): every menu action, found by typing part of its name."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout

from .help_dialogs import action_label
from .i18n import tr


class CommandPalette(QDialog):
    def __init__(self, actions, parent=None):
        super().__init__(parent)
        self.setWindowTitle(tr("Command palette"))
        self.resize(560, 420)
        self.actions_ = [a for a in actions if a.text() and not a.menu() and not a.isSeparator()]
        self.query = QLineEdit()
        self.query.setPlaceholderText(tr("Type a command"))
        self.query.textChanged.connect(self.filter)
        self.query.returnPressed.connect(self.run_current)
        self.query.installEventFilter(self)
        self.list = QListWidget()
        self.list.itemActivated.connect(lambda _item: self.run_current())
        lay = QVBoxLayout(self)
        lay.addWidget(self.query)
        lay.addWidget(self.list)
        self.filter("")

    def filter(self, text: str) -> None:
        words = text.lower().split()
        self.list.clear()
        for act in self.actions_:
            label = action_label(act)
            if all(w in label.lower() for w in words):
                keys = act.shortcut().toString(QKeySequence.NativeText)
                item = QListWidgetItem(f"{label}    {keys}" if keys else label)
                item.setData(Qt.UserRole, act)
                item.setFlags(item.flags() if act.isEnabled() else item.flags() & ~Qt.ItemIsEnabled)
                self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)

    def eventFilter(self, obj, event) -> bool:
        # Up and down in the query line move through the list.
        if obj is self.query and event.type() == event.Type.KeyPress and event.key() in (Qt.Key_Up, Qt.Key_Down):
            step = 1 if event.key() == Qt.Key_Down else -1
            row = max(0, min(self.list.count() - 1, self.list.currentRow() + step))
            self.list.setCurrentRow(row)
            return True
        return super().eventFilter(obj, event)

    def run_current(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        act = item.data(Qt.UserRole)
        self.accept()
        act.trigger()
