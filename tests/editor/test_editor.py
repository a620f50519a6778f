"""The editor against real lint results: underlines, problems, fixes, IME, preview, forms."""

from __future__ import annotations

import shutil

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent

from article_studio import rules

from .conftest import wait_linted


def ime_commit(widget, text: str) -> None:
    ev = QInputMethodEvent()
    ev.setCommitString(text)
    widget.inputMethodEvent(ev)


def ime_preedit(widget, text: str) -> None:
    widget.inputMethodEvent(QInputMethodEvent(text, []))


def test_seed_shows_same_diagnostics_as_lint_text(window, qtbot, seed_path, seed_text):
    tab = window.open_file(str(seed_path))
    res = wait_linted(qtbot, tab)
    expected = rules.lint_text(seed_text, str(seed_path), rules.config_for(str(seed_path)))
    assert len(expected) > 0
    assert len(window.problems.model.rows) == len(expected)
    assert sorted((d.code, d.start) for d in res.diagnostics) == sorted((d.code, d.start) for d in expected)
    # every diagnostic is underlined on exactly its characters
    assert len(tab.editor.marks()) == len(expected)
    for cur, d in tab.editor.marks():
        if d.end > d.start:
            assert cur.selectedText().replace("\u2029", "\n") == seed_text[d.start : d.end]


def test_astral_characters_keep_underlines_on_target(window, qtbot):
    tab = window.new_document()
    tab.editor.setPlainText("🦀𠮷の記事です。🦀\n\n---END---\n")
    wait_linted(qtbot, tab)
    marks = [(cur, d) for cur, d in tab.editor.marks() if d.code == "AG001"]
    assert marks, "AG001 expected on the marker"
    cur, d = marks[0]
    assert cur.selectedText() == "---END---"
    # the Qt position is the code-point offset plus one extra unit per astral character before it
    assert cur.selectionStart() == d.start + 3


def test_ime_commit_updates_underlines_and_problems(window, qtbot):
    tab = window.new_document()
    tab.editor.setPlainText("本文です。\n\n")
    wait_linted(qtbot, tab)
    assert not any(d.code == "AG001" for d in window.problems.model.rows)
    cur = tab.editor.textCursor()
    cur.movePosition(cur.MoveOperation.End)
    tab.editor.setTextCursor(cur)
    ime_commit(tab.editor, "続きを書きます。")
    tab.editor.insertPlainText("\n\n")
    ime_commit(tab.editor, "---END---")
    assert "続きを書きます。" in tab.text()
    qtbot.waitUntil(lambda: any(d.code == "AG001" for d in window.problems.model.rows), timeout=20000)
    assert any(d.code == "AG001" for _, d in tab.editor.marks())


def test_preedit_in_progress_is_not_disturbed(window, qtbot):
    tab = window.new_document()
    ed = tab.editor
    ed.setPlainText("本文です。\n\n")
    wait_linted(qtbot, tab)
    before = len(ed.extraSelections())
    cur = ed.textCursor()
    cur.movePosition(cur.MoveOperation.End)
    ed.setTextCursor(cur)
    ed.insertPlainText("---END---\n\n")  # makes the next lint report AG001
    ime_preedit(ed, "にほんご")
    assert ed.composing
    wait_linted(qtbot, tab)  # the result arrives during composition
    assert len(ed.extraSelections()) == before
    assert ed.textCursor().block().layout().preeditAreaText() == "にほんご"
    assert "にほんご" not in tab.text()
    ime_commit(ed, "日本語")
    assert not ed.composing
    assert "日本語" in tab.text()
    qtbot.waitUntil(lambda: any(d.code == "AG001" for _, d in ed.marks()), timeout=20000)


def test_quick_fix_is_one_undo_step(window, qtbot):
    tab = window.new_document()
    original = "最初の段落です。\n\n---END---\n\n次の段落です。\n"
    tab.editor.setPlainText(original)
    res = wait_linted(qtbot, tab)
    diag = next(d for d in res.diagnostics if d.code == "AG001")
    pos16 = tab.editor.cursor_for(diag.start, diag.start).position()
    actions = tab.editor.quick_fix_actions(pos16 + 1, window)
    labels = [a.text() for a in actions]
    assert any(label.startswith("AG001") for label in labels)
    assert any("Suppress AG001" in label for label in labels)
    next(a for a in actions if a.text().startswith("AG001")).trigger()
    assert "---END---" not in tab.text()
    assert tab.text() != original
    tab.editor.undo()
    assert tab.text() == original


def test_suppress_inserts_comment_and_silences_rule(window, qtbot):
    tab = window.new_document()
    tab.editor.setPlainText("最初の段落です。\n\n---END---\n\n次の段落です。\n")
    res = wait_linted(qtbot, tab)
    diag = next(d for d in res.diagnostics if d.code == "AG001")
    tab.editor.suppress(diag)
    assert "<!-- article-lint-disable-next-line AG001 -->\n---END---" in tab.text()
    res = wait_linted(qtbot, tab)
    assert not any(d.code == "AG001" for d in res.diagnostics)


def test_clicking_a_problem_moves_the_cursor(window, qtbot, seed_path):
    tab = window.open_file(str(seed_path))
    wait_linted(qtbot, tab)
    table = window.problems.table
    model = window.problems.table.model()
    row = min(5, model.rowCount() - 1)
    index = model.index(row, 2)
    diag = index.data(Qt.UserRole)
    rect = table.visualRect(index)
    qtbot.mouseClick(table.viewport(), Qt.LeftButton, pos=rect.center())
    assert tab.editor.cp_offset(tab.editor.textCursor().position()) == diag.start


def test_problem_filter_by_severity(window, qtbot, seed_path):
    tab = window.open_file(str(seed_path))
    res = wait_linted(qtbot, tab)
    dock = window.problems
    dock.filter.setCurrentIndex(dock.filter.findData("error"))
    shown = dock.visible_diagnostics()
    assert shown and all(d.severity == "error" for d in shown)
    assert len(shown) == sum(1 for d in res.diagnostics if d.severity == "error")


def test_preview_follows_editor_scroll_and_back(window, qtbot, seed_path):
    tab = window.open_file(str(seed_path))
    wait_linted(qtbot, tab)
    qtbot.waitUntil(lambda: len(tab.preview.anchors) > 20)
    tab.editor.scroll_to_line(120)
    qtbot.waitUntil(lambda: tab.preview.verticalScrollBar().value() > 0)
    assert abs(tab.preview.line_at_top() - 120) <= 6
    tab.preview.scroll_to_line(30)
    tab.preview.topLineChanged.emit(tab.preview.line_at_top())
    assert abs(tab.editor.first_visible_line() - 30) <= 3


def test_outline_lists_headings_and_bold_pseudo_headings(window, qtbot):
    tab = window.new_document()
    body = "この段落は見出しのあとに続く本文で、二十字より長く書いてあります。\n"
    tab.editor.setPlainText(
        f"# 見出し\n\n本文。\n\n**太字の見出しその一**\n\n{body}\n**太字の見出しその二**\n\n{body}\n"
        "**参照**\n\n- 資料\n\n## 小見出し\n"
    )
    res = wait_linted(qtbot, tab)
    items = [window.outline.list.item(i) for i in range(window.outline.list.count())]
    assert [i.data(Qt.UserRole + 1) for i in items] == [1, 0, 0, 2]
    assert "[bold]" in items[1].text() and "[bold]" in items[2].text()
    # The bold lines listed are the ones AG006 reports: a label such as **参照** is not one.
    assert [d.line for d in res.diagnostics if d.code == "AG006"] == [5, 9]


def test_front_matter_form_edits_yaml(window, qtbot, seed_path, tmp_path):
    path = tmp_path / "post.md"
    shutil.copy(seed_path, path)
    tab = window.open_file(str(path))
    wait_linted(qtbot, tab)
    dock = window.front_matter
    assert "author" in dock.fields and "title" in dock.fields
    before = tab.text()
    dock.set_field("author", "新しい編集部")
    assert 'author: "新しい編集部"' in tab.text()
    assert rules.parse_document(tab.text()).front_matter.data["author"] == "新しい編集部"
    tab.editor.undo()
    assert tab.text() == before


def test_find_replace_regex_is_one_undo_step(window, qtbot):
    tab = window.new_document()
    tab.editor.setPlainText("サーバの設定。サーバを再起動。\n")
    bar = window.find_bar
    bar.open()
    bar.find_edit.setText("サーバ(?!ー)")
    bar.replace_edit.setText("サーバー")
    bar.regex.setChecked(True)
    assert bar.replace_all() == 2
    assert tab.text() == "サーバーの設定。サーバーを再起動。\n"
    tab.editor.undo()
    assert tab.text() == "サーバの設定。サーバを再起動。\n"


def test_status_bar_shows_counts_and_encoding(window, qtbot, seed_path, seed_text):
    tab = window.open_file(str(seed_path))
    res = wait_linted(qtbot, tab)
    chars = rules.character_count(rules.parse_document(seed_text))
    assert f"{chars:,}" in window.status_chars.text()
    assert str(rules.reading_minutes(chars)) in window.status_reading.text()
    assert "UTF-8" in window.status_file.text() and "LF" in window.status_file.text()
    errors = sum(1 for d in res.diagnostics if d.severity == "error")
    assert window.status_counts.text().startswith(f"{errors} errors")


def test_problems_list_errors_first_then_by_position(window, qtbot, seed_path):
    tab = window.open_file(str(seed_path))
    res = wait_linted(qtbot, tab)
    shown = window.problems.visible_diagnostics()
    assert len(shown) == len(res.diagnostics)
    ranks = [(0 if d.severity == "error" else 1, d.start) for d in shown]
    assert ranks == sorted(ranks)
    window.problems.table.sortByColumn(3, Qt.AscendingOrder)
    assert [d.start for d in window.problems.visible_diagnostics()] == sorted(d.start for d in shown)


def test_underlines_move_with_edits_and_touched_ones_drop_at_once(window, qtbot):
    tab = window.new_document()
    tab.editor.setPlainText("最初の段落です。\n\n---END---\n\n次の段落です。\n\n---END---\n")
    wait_linted(qtbot, tab)
    marks = [cur for cur, d in tab.editor.marks() if d.code == "AG001"]
    assert len(marks) == 2
    tab.lint.shutdown()  # no new lint result from here on: only what the edit itself does
    cur = tab.editor.textCursor()
    cur.setPosition(0)
    tab.editor.setTextCursor(cur)
    tab.editor.insertPlainText("追加。")  # before every underline: they all move along
    ag = [c for c, d in tab.editor.marks() if d.code == "AG001"]
    assert [c.selectedText() for c in ag] == ["---END---", "---END---"]
    sels = tab.editor.extraSelections()
    under = sorted(s.cursor.selectionStart() for s in sels[1:])
    assert under == sorted(c.selectionStart() for c, _ in tab.editor.marks())
    first = ag[0]
    cur.setPosition(first.selectionStart() + 3)
    tab.editor.setTextCursor(cur)
    tab.editor.insertPlainText("X")  # inside the first marker: that underline is gone at once
    left = [c for c, d in tab.editor.marks() if d.code == "AG001"]
    assert len(left) == 1 and left[0].selectedText() == "---END---"
    assert len(tab.editor.extraSelections()) == len(tab.editor.marks()) + 1


def test_only_the_underlines_on_screen_are_handed_to_qt_and_scrolling_brings_the_others(window, qtbot):
    tab = window.new_document()
    tab.editor.setPlainText("".join(f"段落{i}です。\n\n---END---\n\n" for i in range(400)))
    qtbot.waitUntil(lambda: tab.result is not None and len(tab.editor.marks()) >= 400, timeout=30000)
    ed = tab.editor
    shown = lambda: [s.cursor.selectionStart() for s in ed.extraSelections()[1:]]  # noqa: E731
    starts = sorted(c.selectionStart() for c, _ in ed.marks())
    assert 0 < len(shown()) < len(starts) / 4
    assert min(shown()) == starts[0]  # the top of the text is on screen
    ed.verticalScrollBar().setValue(ed.verticalScrollBar().maximum())
    assert max(shown()) == starts[-1] and starts[0] not in shown()


def test_same_findings_do_not_reset_the_problems_table(window, qtbot):
    tab = window.new_document()
    tab.editor.setPlainText("最初の段落です。\n\n---END---\n")
    wait_linted(qtbot, tab)
    resets = []
    window.problems.model.modelReset.connect(lambda: resets.append(1))
    tab.request_lint(immediate=True)
    qtbot.waitUntil(lambda: tab.lint.latest_revision == tab.revision and tab.result is not None, timeout=20000)
    qtbot.wait(300)
    window.problems.set_diagnostics(list(tab.result.diagnostics))
    assert resets == []
    tab.editor.insertPlainText("追記。")
    # Changed findings reach the table (row by row: still no reset).
    wait_linted(qtbot, tab)
    assert window.problems.model.rows == tab.result.diagnostics
    assert sorted(window.problems.visible_diagnostics(), key=lambda d: d.start) == sorted(
        tab.result.diagnostics, key=lambda d: d.start
    )
    assert resets == []
