"""The Japanese UI: our strings, Qt's own buttons and dialogs, rule summaries; switched without a restart."""

from __future__ import annotations

import ast
import json
from pathlib import Path

from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from article_studio import rules
from article_studio.editor.i18n import set_language, tr
from article_studio.editor.source_editor import SourceEditor

REPO = Path(__file__).resolve().parents[2]
JA = json.loads((REPO / "resources" / "i18n" / "ja.json").read_text(encoding="utf-8"))


def tr_literals() -> dict[str, str]:
    """Every string literal the editor passes to ``tr``, with the file it is in."""
    found = {}
    for path in sorted((REPO / "editor").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", None) == "tr"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.setdefault(node.args[0].value, path.name)
    return found


def test_every_string_of_ours_has_a_japanese_translation():
    literals = tr_literals()
    assert len(literals) > 100
    missing = {text: where for text, where in literals.items() if text not in JA}
    assert missing == {}


def test_every_rule_has_a_japanese_summary():
    missing = [info.code for info in rules.list_rules() if f"rule:{info.code}" not in JA]
    assert missing == []


def test_qt_standard_buttons_are_japanese(qapp):
    try:
        set_language("ja")
        box = QMessageBox()
        box.setStandardButtons(QMessageBox.Save | QMessageBox.Discard | QMessageBox.Cancel)
        texts = {box.button(b).text() for b in (QMessageBox.Save, QMessageBox.Discard, QMessageBox.Cancel)}
        assert texts == {"保存", "変更を破棄", "キャンセル"}
        buttons = QDialogButtonBox(QDialogButtonBox.Yes | QDialogButtonBox.No)
        assert [b.text().replace("(&Y)", "").replace("(&N)", "") for b in buttons.buttons()] == ["はい", "いいえ"]
        set_language("en")
        box = QMessageBox()
        box.setStandardButtons(QMessageBox.Save | QMessageBox.Cancel)
        assert {box.button(b).text() for b in (QMessageBox.Save, QMessageBox.Cancel)} == {"Save", "Cancel"}
    finally:
        set_language("en")


def test_rule_summaries_in_tooltips_follow_the_ui_language(qapp):
    diag = rules.lint_text("すごいです！\n")[0]
    try:
        set_language("ja")
        tip = SourceEditor.tooltip_text([diag])
        assert JA["rule:JA014"] in tip and "exclamation" not in tip
        set_language("en")
        assert "exclamation" in SourceEditor.tooltip_text([diag])
    finally:
        set_language("en")


def test_switching_the_language_needs_no_restart(window, qtbot):
    tab = window.new_document()
    menus = lambda: [a.text() for a in window.menuBar().actions()]  # noqa: E731
    assert menus()[0] == "&File"
    try:
        window.settings.language = "ja"
        window.apply_settings()
        assert menus()[0] == JA["&File"] and JA["&Help"] in menus()
        assert window.problems.windowTitle() == JA["Problems"]
        assert window.find_bar.regex.text() == JA["Regex"]
        assert tab.disk_bar.reload_button.text() == JA["Reload"]
        assert tr("Zoom in") == JA["Zoom in"]
    finally:
        window.settings.language = "en"
        window.apply_settings()
    assert menus()[0] == "&File" and window.problems.windowTitle() == "Problems"
