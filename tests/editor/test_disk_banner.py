"""The "changed on disk" banner: one slim row, readable in either theme."""

from __future__ import annotations

from collections import Counter

from PySide6.QtGui import QColor

from .conftest import wait_linted


def _luminance(c: QColor) -> float:
    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())


def text_contrast(widget, area) -> float:
    """The contrast ratio between the background (the commonest colour) and the text drawn in ``area``."""
    image = widget.grab(area).toImage()
    pixels = Counter(image.pixel(x, y) for x in range(image.width()) for y in range(image.height()))
    background = QColor.fromRgb(pixels.most_common(1)[0][0])
    lb = _luminance(background)
    best = 1.0
    for rgb in pixels:
        lt = _luminance(QColor.fromRgb(rgb))
        best = max(best, (max(lb, lt) + 0.05) / (min(lb, lt) + 0.05))
    return best


def test_banner_is_one_slim_row_and_readable_in_both_themes(window, qtbot, tmp_path):
    path = tmp_path / "post.md"
    path.write_text("# 記事\n\n本文です。\n", encoding="utf-8")
    tab = window.open_file(str(path))
    wait_linted(qtbot, tab)
    path.write_text("# 記事\n\n別のプログラムが書き換えました。\n", encoding="utf-8")
    qtbot.waitUntil(tab.disk_bar.isVisible, timeout=10000)
    bar = tab.disk_bar
    assert bar.height() <= 3 * bar.fontMetrics().height()
    assert tab.splitter.height() > 0.85 * tab.height()
    for dark in (False, True):
        window.settings.theme = "dark" if dark else "light"
        window.apply_settings()
        qtbot.wait(50)
        assert text_contrast(bar, bar.label.geometry()) >= 4.5, f"dark={dark}"
        assert bar.height() <= 3 * bar.fontMetrics().height()
