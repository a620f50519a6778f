"""UI language: English source strings, translated from ``resources/i18n/<lang>.json``.

``set_language`` also installs Qt's own translations (``qtbase_<lang>.qm``, shipped with
PySide6), so the standard buttons (Save, Discard, Cancel, Yes, No), the file dialogs and the
text fields' context menus speak the same language. Widgets built before a switch put their
strings through ``tr`` again in their ``retranslate`` methods (the main window calls them).
Rule summaries are looked up as ``rule:CODE``; the rule *messages* come from the core, in the
language its configuration says.
"""

from __future__ import annotations

import json

from .paths import resources_dir

_table: dict[str, str] = {}
_language = "en"
_qt_translators: list = []


def set_language(lang: str) -> None:
    """Load the table for ``lang`` ("en" needs none) and Qt's own translations for it."""
    global _table, _language
    _table = {}
    _language = lang or "en"
    if lang and lang != "en":
        path = resources_dir() / "i18n" / f"{lang}.json"
        if path.is_file():
            _table = json.loads(path.read_text(encoding="utf-8"))
    _install_qt_translations(_language)


def language() -> str:
    return _language


def _install_qt_translations(lang: str) -> None:
    from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

    app = QCoreApplication.instance()
    if app is None:
        return
    for old in _qt_translators:
        app.removeTranslator(old)
    _qt_translators.clear()
    QLocale.setDefault(QLocale(QLocale.Language.Japanese if lang == "ja" else QLocale.Language.English))
    if lang == "en":
        return
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name in ("qtbase", "qt"):
        translator = QTranslator(app)
        if translator.load(f"{name}_{lang}", folder):
            app.installTranslator(translator)
            _qt_translators.append(translator)
            break  # qt_<lang> only wraps qtbase_<lang> and the other modules


def tr(text: str) -> str:
    return _table.get(text, text)


def rule_summary(code: str, english: str) -> str:
    """A rule's one-line summary in the UI language (the English docstring's first line if none)."""
    return _table.get(f"rule:{code}", english)
