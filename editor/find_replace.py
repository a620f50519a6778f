"""Find and replace bar (plain text or Python regular expressions)."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from .i18n import tr


class FindBar(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.editor = None
        self.find_edit = QLineEdit()
        self.replace_edit = QLineEdit()
        self.regex = QCheckBox()
        self.case = QCheckBox()
        self.message = QLabel()
        lay = QHBoxLayout(self)
        lay.setContentsMargins(4, 2, 4, 2)
        for w in (self.find_edit, self.replace_edit, self.regex, self.case):
            lay.addWidget(w)
        self.buttons = []
        for label, slot in (
            ("Next", self.find_next),
            ("Previous", self.find_previous),
            ("Replace", self.replace_one),
            ("Replace all", self.replace_all),
        ):
            b = QPushButton()
            b.setProperty("label", label)
            b.clicked.connect(slot)
            lay.addWidget(b)
            self.buttons.append(b)
        lay.addWidget(self.message, 1)
        close = QPushButton("×")
        close.setFlat(True)
        close.clicked.connect(self.hide)
        lay.addWidget(close)
        self.find_edit.returnPressed.connect(self.find_next)
        QShortcut(QKeySequence(Qt.Key_Escape), self, self.hide, context=Qt.WidgetWithChildrenShortcut)
        self.retranslate()
        self.hide()

    def retranslate(self) -> None:
        self.find_edit.setPlaceholderText(tr("Find"))
        self.replace_edit.setPlaceholderText(tr("Replace with"))
        self.regex.setText(tr("Regex"))
        self.case.setText(tr("Match case"))
        for b in self.buttons:
            b.setText(tr(b.property("label")))

    def attach(self, editor) -> None:
        self.editor = editor

    def open(self) -> None:
        self.show()
        if self.editor is not None and self.editor.textCursor().hasSelection():
            self.find_edit.setText(self.editor.textCursor().selectedText())
        self.find_edit.setFocus()
        self.find_edit.selectAll()

    def pattern(self) -> re.Pattern | None:
        needle = self.find_edit.text()
        if not needle:
            return None
        try:
            return re.compile(
                needle if self.regex.isChecked() else re.escape(needle), 0 if self.case.isChecked() else re.IGNORECASE
            )
        except re.error as exc:
            self.message.setText(tr("Bad pattern: {error}").format(error=exc))
            return None

    def _matches(self):
        rx = self.pattern()
        if rx is None or self.editor is None:
            return [], ""
        text = self.editor.plain_text()
        return [m for m in rx.finditer(text) if m.end() > m.start()], text

    def find_next(self, backwards: bool = False) -> bool:
        matches, _ = self._matches()
        if not matches:
            self.message.setText(tr("Not found") if self.find_edit.text() else "")
            return False
        cur = self.editor.textCursor()
        here = self.editor.cp_offset(cur.selectionStart() if backwards else cur.selectionEnd())
        if backwards:
            before = [m for m in matches if m.start() < here]
            m = before[-1] if before else matches[-1]
        else:
            m = next((m for m in matches if m.start() >= here), matches[0])
        self.editor.setTextCursor(self.editor.cursor_for(m.start(), m.end()))
        self.editor.centerCursor()
        self.message.setText(tr("{n} matches").format(n=len(matches)))
        return True

    def find_previous(self) -> bool:
        return self.find_next(backwards=True)

    def replace_one(self) -> None:
        if self.editor is not None:
            self.editor.finish_loading()  # an edit of the whole text, one that can be undone
        rx = self.pattern()
        cur = self.editor.textCursor() if self.editor else None
        if rx is not None and cur is not None and cur.hasSelection():
            selected = cur.selectedText()
            m = rx.fullmatch(selected)
            if m:
                cur.insertText(
                    m.expand(self.replace_edit.text()) if self.regex.isChecked() else self.replace_edit.text()
                )
        self.find_next()

    def replace_all(self) -> int:
        rx = self.pattern()
        if rx is None or self.editor is None:
            return 0
        text = self.editor.plain_text()
        repl = self.replace_edit.text()
        new, n = rx.subn(repl if self.regex.isChecked() else repl.replace("\\", "\\\\"), text)
        if n:
            self.editor.replace_text(new)  # one undo step
        self.message.setText(tr("{n} replaced").format(n=n))
        return n
