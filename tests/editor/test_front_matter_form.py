"""The Front matter dock: lists stay lists, and what the form cannot edit safely is never rewritten."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from article_studio import rules
from article_studio.editor.frontmatter_yaml import WriteRefused, set_value

from .conftest import wait_linted

JEKYLL = """---
layout: post
title: "TPU契約の真意"
date: 2025-10-26 16:38:33 +0000
categories: 業界分析
tags: []
author:
  name: 編集部
  twitter: example
excerpt: "要約です。"
---

本文です。
"""


def front_matter(text: str) -> dict:
    return rules.parse_document(text).front_matter.data


def open_post(window, qtbot, tmp_path, text: str):
    folder = tmp_path / "_posts"
    folder.mkdir(exist_ok=True)
    path = folder / "2025-10-26-tpu.md"
    path.write_text(text, encoding="utf-8")
    tab = window.open_file(str(path))
    wait_linted(qtbot, tab)
    qtbot.waitUntil(lambda: "tags" in window.front_matter.fields)
    return tab


def type_into(qtbot, widget, text: str) -> None:
    """Type ``text`` into the field's entry line as a writer would, and press Enter."""
    entry = widget if isinstance(widget, QLineEdit) else widget.findChild(QLineEdit)
    entry.setFocus()
    entry.setText(text)
    qtbot.keyClick(entry, Qt.Key_Return)
    entry.clearFocus()


def test_tags_typed_with_commas_are_written_as_a_list(window, qtbot, tmp_path):
    tab = open_post(window, qtbot, tmp_path, JEKYLL)
    widget, _ = window.front_matter.fields["tags"]
    type_into(qtbot, widget, "AI, Google, 投資")
    assert front_matter(tab.text())["tags"] == ["AI", "Google", "投資"]
    assert 'tags: ["AI", "Google", "投資"]\n' in tab.text()
    # The lint result of the new text shows the same list again (a round trip, not a string).
    wait_linted(qtbot, tab)
    widget, _ = window.front_matter.fields["tags"]
    assert widget.values() == ["AI", "Google", "投資"]
    # Removing one chip writes the shorter list; everything else in the header is untouched.
    next(c for c in widget.chips() if c.property("chipValue") == "Google").click()
    assert front_matter(tab.text())["tags"] == ["AI", "投資"]
    assert tab.text().replace('tags: ["AI", "投資"]', "tags: []") == JEKYLL


def test_a_one_word_category_string_grows_into_a_list(window, qtbot, tmp_path):
    tab = open_post(window, qtbot, tmp_path, JEKYLL)
    widget, _ = window.front_matter.fields["categories"]
    type_into(qtbot, widget, "技術、AI")
    assert front_matter(tab.text())["categories"] == ["業界分析", "技術", "AI"]


def test_block_lists_stay_block_lists(window, qtbot, tmp_path):
    text = JEKYLL.replace("tags: []\n", "tags:\n  - AI\n  - Google\n")
    tab = open_post(window, qtbot, tmp_path, text)
    widget, _ = window.front_matter.fields["tags"]
    assert widget.values() == ["AI", "Google"]
    type_into(qtbot, widget, "投資")
    assert "tags:\n  - AI\n  - Google\n  - 投資\nauthor:" in tab.text()


def test_values_the_form_cannot_edit_are_read_only_and_never_rewritten(window, qtbot, tmp_path):
    text = JEKYLL.replace("categories: 業界分析", "categories: 業界 分析")
    tab = open_post(window, qtbot, tmp_path, text)
    dock = window.front_matter
    for key in ("author", "categories"):  # a mapping; a string Jekyll splits at the space
        widget, kind = dock.fields[key]
        assert kind == "readonly"
        assert not widget.findChildren(QLineEdit)
        assert dock.set_field(key, "何か") is False
    assert tab.text() == text
    # Its link takes the cursor to the value in the YAML.
    widget, _ = dock.fields["author"]
    widget.link.linkActivated.emit("#")
    assert tab.editor.cp_offset(tab.editor.textCursor().position()) == text.index("name: 編集部")


def test_writes_that_would_not_read_back_are_refused():
    with pytest.raises(WriteRefused):
        set_value("本文だけ。\n", "tags", ["AI"])
    broken = "---\ntitle: [unclosed\n---\n本文。\n"
    with pytest.raises(WriteRefused):
        set_value(broken, "title", "新しい題")
    # An empty value is filled in after its colon; the key itself stays.
    assert set_value("---\ntitle:\ntags: []\n---\n", "title", "題") == '---\ntitle: "題"\ntags: []\n---\n'
    # Plain strings stay plain, quoted ones quoted, dates dates.
    text = "---\ntitle: 題名\nexcerpt: '要約'\n---\n"
    assert set_value(text, "title", "新しい題名") == "---\ntitle: 新しい題名\nexcerpt: '要約'\n---\n"
    assert set_value(text, "excerpt", "別の要約") == '---\ntitle: 題名\nexcerpt: "別の要約"\n---\n'
    assert set_value(text, "title", "yes") == "---\ntitle: \"yes\"\nexcerpt: '要約'\n---\n"
