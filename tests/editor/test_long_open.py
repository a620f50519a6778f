"""Opening a long article: its text goes into the editor over several turns of the event loop.

Nothing may see part of it: once in, the text is whole, unmodified, not undoable and linted once;
saving, autosaving, exporting or typing while it goes in work on the whole text.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from article_studio import rules
from article_studio.editor import lint_worker
from article_studio.editor.analysis import Rendered

from .conftest import wait_linted
from .test_editor import ime_commit
from .test_long_articles import long_article


@pytest.fixture
def posted(monkeypatch) -> list[str]:
    """The texts of the snapshots handed to the lint process, in order."""
    texts: list[str] = []
    post = lint_worker.LintWorker.post
    monkeypatch.setattr(lint_worker.LintWorker, "post", lambda self, req: (texts.append(req.text), post(self, req)))
    return texts


@pytest.fixture
def long_file(tmp_path) -> tuple[Path, str]:
    text = long_article()
    path = tmp_path / "long.md"
    path.write_text(text, encoding="utf-8")
    return path, text


def in_editor(tab) -> str:
    """What the editor holds right now (``tab.text()`` would first put the rest of a load in)."""
    return tab.editor.document().toRawText().replace("\u2029", "\n")


def test_a_long_file_goes_in_over_several_turns_and_ends_up_whole_unmodified_and_linted_once(
    window, qtbot, long_file, posted
):
    path, text = long_file
    tab = window.open_file(str(path))
    edits: list[int] = []
    tab.editor.document().contentsChange.connect(lambda _pos, _removed, added: edits.append(added))
    assert tab.editor.loading and len(in_editor(tab)) < len(text)  # not all in the turn of opening
    assert tab.editor.isReadOnly() and not tab.is_modified() and tab.title == "long.md"
    qtbot.waitUntil(lambda: not tab.editor.loading, timeout=60000)
    assert len(edits) > 3  # slice by slice
    assert in_editor(tab) == text
    doc = tab.editor.document()
    assert not tab.is_modified() and not doc.isModified() and tab.title == "long.md"
    assert not doc.isUndoAvailable()
    tab.editor.undo()  # Ctrl+Z must not take the text out again
    assert in_editor(tab) == text and not tab.is_modified()
    assert tab.editor.textCursor().position() == 0
    assert not tab.editor.isReadOnly() and tab.editor.testAttribute(Qt.WA_InputMethodEnabled)
    assert str(path) in tab.watcher.files()
    revision = tab.revision
    res = wait_linted(qtbot, tab, timeout=60000)
    assert res.text == text
    # Colouring the rest of the text is no edit: no new revision, no other lint.
    qtbot.waitUntil(lambda: tab.highlighter.done, timeout=60000)
    assert tab.revision == revision
    assert not tab.lint._timer.isActive() and tab.lint._next is None
    assert posted == [text]
    assert tab.result is res and res.revision == tab.revision


def test_a_short_file_goes_in_at_once(window, qtbot, tmp_path, posted):
    path = tmp_path / "short.md"
    path.write_text("# 題\n\n本文です。\n", encoding="utf-8")
    tab = window.open_file(str(path))
    assert not tab.editor.loading and in_editor(tab) == "# 題\n\n本文です。\n"
    assert not tab.is_modified() and not tab.editor.document().isUndoAvailable()
    wait_linted(qtbot, tab)
    assert posted == ["# 題\n\n本文です。\n"]


def test_saving_a_long_file_while_it_goes_in_writes_all_of_it(window, qtbot, long_file, tmp_path):
    path, text = long_file
    tab = window.open_file(str(path))
    assert tab.editor.loading
    other = tmp_path / "copy.md"
    assert window.save_tab(tab, str(other))
    assert other.read_text(encoding="utf-8") == text
    assert not tab.editor.loading and in_editor(tab) == text
    assert not tab.is_modified() and not tab.editor.document().isUndoAvailable()
    assert wait_linted(qtbot, tab, timeout=60000).text == text


def test_exporting_a_long_file_while_it_goes_in_exports_all_of_it(window, qtbot, long_file, tmp_path):
    from article_studio.editor.export_dialog import ExportDialog

    path, text = long_file
    tab = window.open_file(str(path))
    assert tab.editor.loading
    dialog = ExportDialog(tab, str(tmp_path / "site"))
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=60000)
    assert dialog.result.text == rules.export_post(text, str(path), tab.config).text


def test_a_recovered_long_text_is_autosaved_whole(window, qtbot, long_file):
    from article_studio.editor import recovery

    _path, text = long_file
    tab = window._new_tab()
    tab.set_text(text, None)
    assert tab.editor.loading and tab.is_modified() and tab.title.endswith("*")
    assert tab.autosave()
    saved = json.loads((Path(os.environ["ARTICLE_STUDIO_RECOVERY_DIR"]) / f"{tab.recovery_id}.json").read_text())
    assert saved["text"] == text
    assert tab.is_modified() and tab.editor.document().isModified()  # still unsaved work
    recovery.remove(tab.recovery_id)


def test_typing_while_a_long_file_goes_in_lands_at_the_cursor_and_can_be_undone(window, qtbot, long_file):
    path, text = long_file
    tab = window.open_file(str(path))
    assert tab.editor.loading
    tab.editor.setFocus()
    ime_commit(tab.editor, "追記。")
    assert not tab.editor.loading
    assert tab.text() == "追記。" + text
    assert tab.is_modified()
    tab.editor.undo()
    assert tab.text() == text and not tab.is_modified()
    assert wait_linted(qtbot, tab, timeout=60000).text == text


def test_a_key_pressed_while_a_long_file_goes_in_types_into_the_whole_text(window, qtbot, long_file):
    path, text = long_file
    tab = window.open_file(str(path))
    assert tab.editor.loading
    qtbot.keyClicks(tab.editor, "x")
    assert tab.text() == "x" + text and tab.is_modified()


def test_a_text_put_in_slice_by_slice_is_the_text_put_in_at_once(qtbot):
    from article_studio.editor.source_editor import LOAD_CHUNK, SourceEditor
    from article_studio.editor.theme import colors

    line = "長い行\u00a0\t🦀𠮷\u2028" * (LOAD_CHUNK // 3)  # longer than a chunk, no line end to cut at
    text = "# 題\n\n" + line + "\n\n" + long_article(30_000) + "\n" + line
    at_once, sliced = SourceEditor(colors(False)), SourceEditor(colors(False))
    for editor in (at_once, sliced):
        qtbot.addWidget(editor)
        editor.show()
    at_once.load_text(text)
    sliced.load_text(text, in_slices=True)
    assert sliced.loading
    qtbot.waitUntil(lambda: not sliced.loading, timeout=60000)
    assert sliced.plain_text() == at_once.plain_text()
    assert sliced.document().blockCount() == at_once.document().blockCount()


def test_opening_a_long_post_at_an_offset_goes_there_once_it_is_in(window, qtbot, long_file):
    path, text = long_file
    offset = text.index("。", 90_000)
    window.open_at(str(path), offset)
    tab = window.current_tab()
    qtbot.waitUntil(lambda: not tab.editor.loading, timeout=60000)
    assert tab.editor.cp_offset(tab.editor.textCursor().position()) == offset


def test_closing_a_tab_while_its_long_file_goes_in(window, qtbot, long_file):
    path, _text = long_file
    tab = window.open_file(str(path))
    assert tab.editor.loading
    assert window.close_tab(tab, ask=False)
    assert window.all_tabs() == []
    qtbot.wait(100)  # the load's timer, had it been left running, would have fired by now


def test_a_preview_is_shown_after_the_dock_updates_queued_before_it(window, qtbot):
    tab = window.new_document()
    tab.editor.setPlainText("# 題\n\n本文です。\n")
    res = wait_linted(qtbot, tab)
    qtbot.waitUntil(lambda: bool(res.html) and tab.preview.html == res.html)  # its own preview is in
    order: list[str] = []
    tab.previewApplied.connect(lambda _res: order.append("preview"))
    window._turns.add(lambda: order.append("dock"))
    tab.lint.previewReady.emit(Rendered(res.revision, res.html + "<p>後</p>", res.line_map, 1.0))
    assert order == []  # not in the turn it arrived in
    qtbot.waitUntil(lambda: len(order) == 2)
    assert order == ["dock", "preview"]


def test_a_preview_that_waited_for_its_turn_is_dropped_when_its_tab_closed(window, qtbot):
    tab = window.new_document()
    tab.editor.setPlainText("# 題\n\n本文です。\n")
    res = wait_linted(qtbot, tab)
    tab.lint.previewReady.emit(Rendered(res.revision, res.html + "<p>後</p>", res.line_map, 1.0))
    window.close_tab(tab, ask=False)
    qtbot.waitUntil(lambda: window._turns.pending() == 0)


def test_the_line_numbers_are_as_wide_as_the_whole_text_needs_from_the_start(window, qtbot, long_file):
    """The gutter widened midway through a load (999 lines to 1,000) and every line wrapped anew:
    the text jumped sideways while it went in."""
    path, text = long_file
    assert text.count("\n") + 1 >= 1000  # four digits, one more than the gutter's minimum
    tab = window.open_file(str(path))
    assert tab.editor.loading and tab.editor.blockCount() < 1000
    during = tab.editor.viewportMargins().left()
    width = tab.editor.viewport().width()  # nor does the scroll bar appear midway and narrow it
    qtbot.waitUntil(lambda: not tab.editor.loading, timeout=60000)
    assert tab.editor.blockCount() >= 1000
    assert tab.editor.viewportMargins().left() == during
    assert tab.editor.viewport().width() == width
