"""Choosing the preview engine: the built-in QTextBrowser, or Qt WebEngine when installed and chosen."""

from __future__ import annotations

import importlib.util

from .preview import Preview


def webengine_available() -> bool:
    """Whether the optional Qt WebEngine (PySide6-Addons, the ``webengine`` extra) is installed."""
    try:
        return importlib.util.find_spec("PySide6.QtWebEngineWidgets") is not None
    except (ImportError, ValueError):
        return False


def effective_engine(choice: str) -> str:
    """The engine a preview will use for the setting ``choice``."""
    return "webengine" if choice == "webengine" and webengine_available() else "textbrowser"


def create_preview(choice: str, dark: bool):
    """A preview widget for the engine setting; QTextBrowser unless WebEngine is chosen and loads."""
    if effective_engine(choice) == "webengine":
        try:
            from .preview_web import WebPreview
        except ImportError:
            pass
        else:
            return WebPreview(dark)
    return Preview(dark)
