"""Quitting with unsaved work: Cancel at any prompt leaves every tab as it was."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from article_studio.editor import main_window


@pytest.fixture
def answers(window, monkeypatch):
    """The answers the save prompts will get, in order, and the prompts' texts.

    The window asks before closing a modified tab until the test sets ``ask_before_closing`` back (pytest-qt
    closes the window before fixtures are torn down, and must not be asked).
    """
    script: list = []
    asked: list[str] = []

    class Prompts(QMessageBox):
        @staticmethod
        def question(_parent, _title, text, *_args, **_kwargs):
            asked.append(text)
            return script.pop(0) if script else QMessageBox.Discard  # Discard: the clean-up's close

    monkeypatch.setattr(main_window, "QMessageBox", Prompts)
    window.ask_before_closing = True
    return script, asked


def open_tabs(window, tmp_path, modified: list[bool]):
    tabs = []
    for i, dirty in enumerate(modified):
        path = tmp_path / f"post{i}.md"
        path.write_text(f"# 記事{i}\n\n本文です。\n", encoding="utf-8")
        tab = window.open_file(str(path))
        if dirty:
            tab.editor.insertPlainText("書きかけ。")
        tabs.append(tab)
    return tabs


def test_cancel_at_the_quit_prompt_closes_no_tab(window, tmp_path, answers):
    script, asked = answers
    clean, dirty = open_tabs(window, tmp_path, [False, True])
    script.append(QMessageBox.Cancel)
    assert window.close() is False
    assert len(asked) == 1
    assert window.all_tabs() == [clean, dirty]
    assert dirty.is_modified() and "書きかけ。" in dirty.text()
    window.ask_before_closing = False


def test_discard_then_cancel_keeps_the_discarded_tab_too(window, tmp_path, answers):
    script, asked = answers
    tabs = open_tabs(window, tmp_path, [True, False, True])
    script += [QMessageBox.Discard, QMessageBox.Cancel]
    assert window.close() is False
    assert len(asked) == 2
    assert window.all_tabs() == tabs
    assert all("書きかけ。" in tabs[i].text() and tabs[i].is_modified() for i in (0, 2))
    window.ask_before_closing = False


def test_discarding_every_prompt_quits_and_closes_all(window, tmp_path, answers):
    script, _asked = answers
    open_tabs(window, tmp_path, [True, True])
    script += [QMessageBox.Discard, QMessageBox.Discard]
    assert window.close() is True
    assert window.all_tabs() == []
    assert (tmp_path / "post0.md").read_text(encoding="utf-8") == "# 記事0\n\n本文です。\n"
