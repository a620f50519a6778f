"""The Qt binding itself: a PySide6 build that leaks references to None crashes long sessions."""

from __future__ import annotations

import sys

from PySide6.QtGui import QColor, QTextCharFormat


def test_void_calls_keep_none_alive(qapp):
    fmt, color = QTextCharFormat(), QColor("red")
    before = sys.getrefcount(None)
    for _ in range(2000):
        fmt.setUnderlineColor(color)  # a void method: returns None
    after = sys.getrefcount(None)
    # On Python 3.12+ None is immortal and its count is fixed; before that a binding that
    # forgets to take a reference lowers it by one per call.
    assert after >= before - 100
