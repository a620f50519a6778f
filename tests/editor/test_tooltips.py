"""Hover tooltips land on the character under the mouse, whatever the gutter's width."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication

from article_studio.editor import source_editor

from .conftest import wait_linted


class ToolTipRecorder:
    """Stands in for QToolTip in the editor's module: remembers the text last shown."""

    text = ""

    @classmethod
    def showText(cls, _pos, text, *_args) -> None:
        cls.text = text

    @classmethod
    def hideText(cls) -> None:
        cls.text = ""


def hover(editor, pos16: int) -> str:
    """Send the help event Qt sends for the mouse resting on the character at ``pos16``; the tooltip."""
    cur = editor.textCursor()
    cur.setPosition(pos16)
    left = editor.cursorRect(cur)
    cur.setPosition(pos16 + 1)
    right = editor.cursorRect(cur)
    point = QPoint((left.left() + right.left()) // 2, left.center().y())  # the middle of the character
    ToolTipRecorder.text = ""
    viewport = editor.viewport()
    QApplication.sendEvent(viewport, QHelpEvent(QEvent.ToolTip, point, viewport.mapToGlobal(point)))
    return ToolTipRecorder.text


def test_tooltip_is_the_one_of_the_character_under_the_mouse(window, qtbot, monkeypatch):
    monkeypatch.setattr(source_editor, "QToolTip", ToolTipRecorder)
    tab = window.new_document()
    text = "本文です。\n\nこれはすごいです！とても良い結果でした。\n"
    tab.editor.setPlainText(text)
    res = wait_linted(qtbot, tab)
    mark = next(d for d in res.diagnostics if d.code == "JA014")
    ed = tab.editor
    assert ed.viewport().x() > 20  # there is a line-number gutter left of the text
    assert "JA014" in hover(ed, mark.start)
    line_start = text.index("これ")
    for pos in [*range(line_start, mark.start), *range(mark.end, text.index("\n", mark.end))]:
        assert "JA014" not in hover(ed, pos), text[pos]
