"""What a writer expects of an editor: Save As adds .md, Help, go to line, zoom, a command palette, images."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QUrl
from PySide6.QtGui import QImage, QKeySequence

from article_studio.editor import main_window, site_images

from .conftest import wait_linted


def test_save_as_adds_md_to_a_bare_name(window, qtbot, tmp_path, monkeypatch):
    tab = window.new_document()
    tab.editor.setPlainText("# 記事\n\n本文です。\n")
    target = tmp_path / "my-post"
    monkeypatch.setattr(main_window.QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    assert window.save_as()
    assert (tmp_path / "my-post.md").read_text(encoding="utf-8") == "# 記事\n\n本文です。\n"
    assert not target.exists() and tab.path == str(tmp_path / "my-post.md")
    assert main_window.with_suffix(str(tmp_path / "notes.markdown")) == str(tmp_path / "notes.markdown")


def test_go_to_line(window, qtbot):
    tab = window.new_document()
    tab.editor.setPlainText("".join(f"{i}行目\n" for i in range(1, 200)))
    assert window.go_to_line(150)
    assert tab.editor.textCursor().blockNumber() == 149
    assert any(a.shortcut() == QKeySequence("Ctrl+G") for a in window.menu_actions)


def test_zoom_grows_and_restores_the_text(window, qtbot):
    tab = window.new_document()
    size = tab.editor.font().pointSize()
    window.zoom(+1)
    window.zoom(+1)
    assert tab.editor.font().pointSize() == size + 2
    other = window.new_document()  # a tab opened later takes the zoom too
    assert other.editor.font().pointSize() == size + 2
    window.zoom(0)
    assert tab.editor.font().pointSize() == size == other.editor.font().pointSize()


def test_command_palette_finds_and_runs_any_action(window, qtbot):
    tab = window.new_document()
    size = tab.editor.font().pointSize()
    palette = window.command_palette()
    labels = [palette.list.item(i).text() for i in range(palette.list.count())]
    assert len(labels) == len([a for a in window.menu_actions if a.text()])
    palette.query.setText("zoom in")
    assert palette.list.count() == 1
    palette.run_current()
    assert tab.editor.font().pointSize() == size + 1


def test_help_has_the_rule_reference_and_the_shortcuts(window, qtbot):
    ref = window.rule_reference()
    text = ref.view.toPlainText()
    assert "AG001" in text and "end-marker" in text and "JA011" in text
    shortcuts = window.show_shortcuts()
    rows = [
        (shortcuts.table.item(i, 0).text(), shortcuts.table.item(i, 1).text())
        for i in range(shortcuts.table.rowCount())
    ]
    assert any(keys == QKeySequence("Ctrl+G").toString(QKeySequence.NativeText) for _, keys in rows)
    assert any(keys == QKeySequence("Ctrl+Shift+P").toString(QKeySequence.NativeText) for _, keys in rows)


def test_image_files_go_into_the_site_image_folder_with_a_relative_link(tmp_path):
    site = tmp_path / "blog"
    (site / "_posts").mkdir(parents=True)
    (site / "assets" / "images").mkdir(parents=True)
    article = site / "_posts" / "2025-10-26-post.md"
    picture = tmp_path / "Downloads" / "chart.png"
    picture.parent.mkdir()
    picture.write_bytes(b"\x89PNG\r\n")
    assert site_images.copy_into_site(article, picture, "jekyll") == "![chart](../assets/images/chart.png)"
    assert (site / "assets" / "images" / "chart.png").read_bytes() == b"\x89PNG\r\n"
    # A second copy of the same name does not overwrite the first.
    assert site_images.copy_into_site(article, picture, "jekyll") == "![chart](../assets/images/chart-2.png)"
    zenn = tmp_path / "zenn"
    (zenn / "articles").mkdir(parents=True)
    assert site_images.copy_into_site(zenn / "articles" / "a.md", picture, "zenn") == "![chart](/images/chart.png)"
    assert (zenn / "images" / "chart.png").is_file()


def test_pasting_a_picture_saves_it_and_links_it(window, qtbot, tmp_path):
    (tmp_path / "_posts").mkdir()
    path = tmp_path / "_posts" / "2025-10-26-post.md"
    path.write_text("# 記事\n\n", encoding="utf-8")
    tab = window.open_file(str(path))
    wait_linted(qtbot, tab)
    cur = tab.editor.textCursor()
    cur.movePosition(cur.MoveOperation.End)
    tab.editor.setTextCursor(cur)
    picture = QImage(30, 20, QImage.Format.Format_RGB32)
    picture.fill(0x3366CC)
    data = QMimeData()
    data.setImageData(picture)
    assert tab.editor.canInsertFromMimeData(data)
    tab.editor.insertFromMimeData(data)
    saved = list((tmp_path / "images").glob("pasted-*.png"))
    assert len(saved) == 1 and QImage(str(saved[0])).size() == picture.size()
    assert tab.text().endswith(f"![](../images/{saved[0].name})")
    # A dropped image file is copied in the same way.
    other = tmp_path / "photo.jpg"
    other.write_bytes(b"\xff\xd8\xff")
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(other))])
    tab.editor.insertFromMimeData(data)
    assert (tmp_path / "images" / "photo.jpg").is_file()
    assert tab.text().endswith("![photo](../images/photo.jpg)")


def test_an_image_is_never_written_through_a_link_or_outside_the_site(tmp_path, symlinks):
    import pytest

    site = tmp_path / "blog"
    (site / "_posts").mkdir(parents=True)
    (site / "images").mkdir()
    article = site / "_posts" / "2025-10-26-post.md"
    picture = tmp_path / "chart.png"
    picture.write_bytes(b"\x89PNG\r\n")
    victim = tmp_path / "victim.png"
    (site / "images" / "chart.png").symlink_to(victim)  # dangling: copying would create victim
    assert site_images.copy_into_site(article, picture, "jekyll") == "![chart](../images/chart-2.png)"
    assert not victim.exists() and (site / "images" / "chart-2.png").read_bytes() == b"\x89PNG\r\n"
    # An image folder that is a link out of the site is refused, and nothing is written there.
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (site / "images").rename(tmp_path / "old-images")
    (site / "images").symlink_to(outside, target_is_directory=True)
    with pytest.raises(OSError, match="outside|inside"):
        site_images.copy_into_site(article, picture, "jekyll")
    assert list(outside.iterdir()) == []
