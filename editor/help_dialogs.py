"""Help: the rule reference (the generated rule docs), the keyboard shortcuts, and About."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
)

from article_studio import rules

from .i18n import tr


def action_label(action) -> str:
    """An action's text as a person reads it (no ``&`` mnemonics, no trailing "…")."""
    return action.text().replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


class RuleReferenceDialog(QDialog):
    """Every rule's documentation, as ``docs/rules.md`` and ``article-lint --explain`` give it."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(tr("Rule reference"))
        self.resize(900, 700)
        self.find = QLineEdit()
        self.find.setPlaceholderText(tr("Find a rule (code or word)"))
        self.find.returnPressed.connect(self.find_next)
        self.view = QTextBrowser()
        self.view.setOpenExternalLinks(True)
        self.view.setMarkdown(rules.render_rule_docs())
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.find)
        lay.addWidget(self.view, 1)
        lay.addWidget(buttons)

    def find_next(self) -> bool:
        text = self.find.text().strip()
        if not text:
            return False
        if self.view.find(text):
            return True
        cursor = self.view.textCursor()
        cursor.movePosition(cursor.MoveOperation.Start)
        self.view.setTextCursor(cursor)
        return self.view.find(text)


class ShortcutsDialog(QDialog):
    """Every action that has a keyboard shortcut, with it."""

    def __init__(self, actions, parent=None):
        super().__init__(parent)
        self.setWindowTitle(tr("Keyboard shortcuts"))
        self.resize(560, 620)
        rows = [
            (action_label(a), a.shortcut().toString(QKeySequence.NativeText))
            for a in actions
            if not a.shortcut().isEmpty()
        ]
        self.table = QTableWidget(len(rows), 2)
        self.table.setHorizontalHeaderLabels([tr("Command"), tr("Shortcut")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        for i, (label, keys) in enumerate(rows):
            self.table.setItem(i, 0, QTableWidgetItem(label))
            item = QTableWidgetItem(keys)
            item.setTextAlignment(Qt.AlignCenter)
            self.table.setItem(i, 1, item)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.table)
        lay.addWidget(buttons)


def about(parent) -> None:
    QMessageBox.about(
        parent,
        tr("About Article Studio"),
        "<h3>Article Studio {v}</h3><p>{what}</p><p>MIT License</p>".format(
            v=rules.__version__,
            what=tr("A Markdown editor and linter for Japanese technical articles."),
        ),
    )
