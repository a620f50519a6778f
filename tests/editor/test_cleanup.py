"""Clean up draft: every change the export makes, reviewed as a diff, applied as one undo step."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from article_studio import rules
from article_studio.editor.source_editor import unsafe_reason

from .conftest import wait_linted

DRAFT = """---
layout: post
title: "TPUの話"
date: 2025-10-26 10:00:00 +0000
---

TPUは Google が設計した専用チップです。学習と推論の両方に使われます。

---END---

料金体系はクラウドごとに異なります。長期契約では割引があり、利用量に応じた段階的な価格も用意されています。\
学習用途と推論用途では最適な構成が変わるため、見積もりは用途ごとに分けて取るのがよいでしょう。

料金体系はクラウドごとに異なります。長期契約では割引があり、利用量に応じた段階的な価格も用意されています。\
学習用途と推論用途では最適な構成が変わるため、見積もりは用途ごとに分けて取るのがよいでしょう。

承知しました。以下は記事の続きです。

まとめると、用途に合わせて選ぶのが大切です。
"""


def trigger(window, shortcut: str) -> None:
    act = next(
        a for a in window.findChildren(type(window.menuBar().actions()[0])) if a.shortcut() == QKeySequence(shortcut)
    )
    act.trigger()


def open_draft(window, qtbot):
    tab = window.new_document()
    tab.editor.setPlainText(DRAFT)
    wait_linted(qtbot, tab)
    return tab


def test_clean_up_shows_the_export_as_hunks_and_accept_all_is_one_undo_step(window, qtbot):
    tab = open_draft(window, qtbot)
    expected = rules.export_post(DRAFT, None, tab.config, unsafe=True).text
    assert expected != DRAFT
    trigger(window, "Ctrl+Shift+F")
    dialog = window.cleanup_dialog
    qtbot.waitUntil(lambda: dialog.cleanup is not None, timeout=30000)
    assert dialog.list.count() == len(dialog.cleanup.hunks) >= 3
    titles = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert any("AG001" in t for t in titles) and any("AG003" in t for t in titles)
    assert "−" in dialog.diff.toPlainText() and "---END---" in dialog.diff.toPlainText()
    assert tab.text() == DRAFT  # nothing changes before the writer accepts
    dialog.accept_all.click()
    assert tab.text() == expected
    assert "---END---" not in tab.text() and tab.text().count("料金体系") == 1
    tab.editor.undo()
    assert tab.text() == DRAFT
    assert "changes applied" in window.statusBar().currentMessage()


def test_clean_up_applies_only_the_checked_changes(window, qtbot):
    tab = open_draft(window, qtbot)
    dialog = window.clean_up()
    qtbot.waitUntil(lambda: dialog.cleanup is not None, timeout=30000)
    kept = next(i for i, h in enumerate(dialog.cleanup.hunks) if "---END---" in h.old)
    dialog.list.item(kept).setCheckState(Qt.Unchecked)
    dialog.accept_checked.click()
    assert "---END---" in tab.text()
    assert tab.text().count("料金体系") == 1


def test_quick_fixes_say_which_are_unsafe_and_why():
    safe = rules.Fix((rules.Edit(0, 1, "x"),), "safe")
    deleting = rules.Fix((rules.Edit(0, 12, ""),), "unsafe")
    rewriting = rules.Fix((rules.Edit(0, 3, "abc"),), "unsafe")
    assert unsafe_reason(safe) == ""
    assert "12" in unsafe_reason(deleting)
    assert unsafe_reason(rewriting)


def test_quick_fix_menu_marks_unsafe_fixes(window, qtbot):
    tab = open_draft(window, qtbot)
    res = wait_linted(qtbot, tab)
    diag = next((d for d in res.diagnostics if any(f.applicability != "safe" for f in d.all_fixes())), None)
    assert diag is not None
    pos16 = tab.editor.cursor_for(diag.start, diag.start).position() + 1
    labels = [a.text() for a in tab.editor.quick_fix_actions(pos16, window)]
    unsafe = [f for f in diag.all_fixes() if f.applicability != "safe"]
    assert any(unsafe_reason(unsafe[0]) in label for label in labels)


def test_fix_all_safe_says_what_is_left(window, qtbot):
    open_draft(window, qtbot)
    window.fix_all()
    message = window.statusBar().currentMessage()
    assert "Ctrl+Shift+F" in message
