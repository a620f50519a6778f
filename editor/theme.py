"""Light and dark colours for the application, the highlighter and the preview."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette


@dataclass(frozen=True)
class Colors:
    dark: bool
    heading: str
    emphasis: str
    code: str
    code_bg: str
    link: str
    front_matter: str
    marker_fg: str
    marker_bg: str
    comment: str
    line_number: str
    line_number_bg: str
    current_line: str
    error: str
    warning: str
    info: str


LIGHT = Colors(
    False,
    "#1a4f9c",
    "#7a3e00",
    "#a0306b",
    "#f3f0f5",
    "#0b6b74",
    "#5c6b2e",
    "#ffffff",
    "#d0021b",
    "#8a8a8a",
    "#8a8f98",
    "#f4f5f7",
    "#fdf8e4",
    "#d0021b",
    "#d98200",
    "#2f7fd1",
)
DARK = Colors(
    True,
    "#7fb2ff",
    "#e6b673",
    "#f08cc0",
    "#2d2a33",
    "#6fd3dc",
    "#b4c77a",
    "#ffffff",
    "#e0283a",
    "#8c8c8c",
    "#7a7f88",
    "#22252a",
    "#2c2a22",
    "#ff5c6c",
    "#ffb340",
    "#6fb0ff",
)

DARK_PREVIEW_CSS = """
body { color: #e3e3e3; background-color: #1e2024; }
h1, h2, h3, h4 { color: #f0f0f0; border-color: #444; }
strong { color: #f5f5f5; }
a { color: #7fb2ff; }
code { background-color: #2d2a33; color: #f3c4dc; }
pre { background-color: #16171a; color: #e3e3e3; border-color: #333; }
blockquote { color: #b8b8b8; border-color: #555; }
table.front-matter { background-color: #262a30; }
table.front-matter th { color: #9aa4b2; }
table.message { background-color: #3a3420; }
table.note { background-color: #1f3140; }
table.details { background-color: #262a30; }
th, td { border-color: #444; }
.image { color: #9aa4b2; background-color: #2a2d33; }
table.card td { border-color: #444; background-color: #262a30; }
p.card-title { color: #f0f0f0; }
"""


def is_dark(theme: str) -> bool:
    if theme == "dark":
        return True
    if theme == "light":
        return False
    hints = QGuiApplication.styleHints()
    return hasattr(hints, "colorScheme") and hints.colorScheme() == Qt.ColorScheme.Dark


def colors(dark: bool) -> Colors:
    return DARK if dark else LIGHT


def apply_palette(app, dark: bool) -> None:
    app.setStyle("Fusion")
    if not dark:
        app.setPalette(app.style().standardPalette())
        return
    p = QPalette()
    base, window, text = QColor("#1e2024"), QColor("#2a2d33"), QColor("#e3e3e3")
    p.setColor(QPalette.Window, window)
    p.setColor(QPalette.WindowText, text)
    p.setColor(QPalette.Base, base)
    p.setColor(QPalette.AlternateBase, QColor("#25282d"))
    p.setColor(QPalette.Text, text)
    p.setColor(QPalette.Button, window)
    p.setColor(QPalette.ButtonText, text)
    p.setColor(QPalette.ToolTipBase, QColor("#33363d"))
    p.setColor(QPalette.ToolTipText, text)
    p.setColor(QPalette.Highlight, QColor("#3d6bb3"))
    p.setColor(QPalette.HighlightedText, QColor("#ffffff"))
    p.setColor(QPalette.Link, QColor("#7fb2ff"))
    p.setColor(QPalette.PlaceholderText, QColor("#8c8c8c"))
    for role in (QPalette.Text, QPalette.ButtonText, QPalette.WindowText):
        p.setColor(QPalette.Disabled, role, QColor("#777777"))
    app.setPalette(p)
