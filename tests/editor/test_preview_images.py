"""Images in the built-in preview: local ones shown, web ones fetched only when allowed."""

from __future__ import annotations

import base64
import http.server
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QUrl
from PySide6.QtGui import QImage, QPixmap, QTextDocument, QTextFormat
from PySide6.QtNetwork import QNetworkAccessManager, QNetworkRequest
from PySide6.QtWidgets import QApplication

from article_studio import rules
from article_studio.editor.preview import Preview

from .conftest import local_http_server, wait_linted

TIMEOUT = 30000
IMAGE = QTextDocument.ResourceType.ImageResource


def make_png(path: Path | None, width: int, height: int, rgb: int = 0x3366CC) -> bytes:
    """A PNG of one colour: written to ``path`` if given; its bytes returned."""
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(rgb)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert image.save(buffer, "PNG")
    if path is not None:
        path.write_bytes(bytes(data))
    return bytes(data)


@pytest.fixture
def release():
    """Set it to let the server answer requests for /slow/… (set at the end in any case)."""
    event = threading.Event()
    yield event
    event.set()


@pytest.fixture
def server(release):
    """A web server on 127.0.0.1: PNGs under /img and /slow (once ``release`` is set), an HTML
    page at /page.png, 404 elsewhere.

    Yields its base URL and the list of paths it was asked for.
    """
    hits: list[str] = []
    png = make_png(None, 48, 24, 0xCC3300)

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            if self.path.startswith("/slow"):
                release.wait()
            if self.path.startswith(("/img", "/slow")):
                body, kind = png, "image/png"
            elif self.path.startswith("/page"):
                body, kind = b"<html><body>not an image</body></html>", "text/html"
            else:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    with local_http_server(Handler) as base:
        yield base, hits
        release.set()


def image_fragments(preview) -> list[tuple[str, object]]:
    """(image name, text block) of every image in the preview's document, in order."""
    out = []
    block = preview.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            if fmt.isImageFormat():
                out.append((fmt.toImageFormat().name(), block))
            it += 1
        block = block.next()
    return out


def resource_size(preview, name: str):
    """The size of the image the preview's document holds for ``name``; None when it has none."""
    found = preview.document().resource(IMAGE, QUrl(name))
    if isinstance(found, (QImage, QPixmap)) and not found.isNull():
        return found.size().width(), found.size().height()
    return None


def open_article(window, qtbot, folder: Path, text: str):
    path = folder / "article.md"
    path.write_text(text, encoding="utf-8")
    tab = window.open_file(str(path))
    wait_linted(qtbot, tab)
    return tab


def shown(tab, needle: str) -> bool:
    return tab.result is not None and needle in tab.preview.html


def test_local_image_next_to_the_article_shows_in_the_preview(window, qtbot, tmp_path):
    (tmp_path / "images").mkdir()
    picture = tmp_path / "images" / "diagram.png"
    make_png(picture, 120, 60)
    tab = open_article(
        window, qtbot, tmp_path, "# 画像の記事\n\n![構成図](images/diagram.png)\n\n図のあとの段落です。\n"
    )
    qtbot.waitUntil(lambda: shown(tab, "<img"), timeout=TIMEOUT)
    preview = tab.preview
    ((name, block),) = image_fragments(preview)
    assert name == picture.as_uri()
    assert resource_size(preview, name) == (120, 60)
    # The image is laid out at its size, on its own line of the page, and the next paragraph
    # follows it closely (the page's line height does not stretch the image's line) ...
    layout = preview.document().documentLayout()
    layout.documentSize()
    box = layout.blockBoundingRect(block)
    assert box.height() >= 60
    after = preview.document().find("図のあとの段落です。").block()
    assert 0 <= layout.blockBoundingRect(after).top() - box.bottom() < 40
    # ... and its paragraph keeps its anchor, so scrolling stays in sync.
    assert 2 in preview._anchor_lines
    assert "図のあとの段落です。" in preview.toPlainText()


def test_a_wide_local_image_is_scaled_to_the_preview_width(window, qtbot, tmp_path):
    make_png(tmp_path / "wide.png", 4000, 400)
    tab = open_article(window, qtbot, tmp_path, "![横長](wide.png)\n\n- ![一覧の中](wide.png)\n")
    qtbot.waitUntil(lambda: shown(tab, "<img"), timeout=TIMEOUT)
    preview = tab.preview
    assert len(image_fragments(preview)) == 2
    preview.document().documentLayout().documentSize()
    qtbot.waitUntil(lambda: preview.document().size().width() <= preview.viewport().width() + 1, timeout=TIMEOUT)
    assert preview.horizontalScrollBar().maximum() <= 1
    first = image_fragments(preview)[0][1]
    height = preview.document().documentLayout().blockBoundingRect(first).height()
    assert 20 < height < 400  # scaled down with its aspect ratio kept, not cropped


def test_missing_image_and_unsaved_article_show_placeholders(window, qtbot, tmp_path):
    (tmp_path / "broken.png").write_text("not a picture", encoding="utf-8")
    tab = open_article(window, qtbot, tmp_path, "![ない図](none.png)\n\n![壊れた図](broken.png)\n")
    qtbot.waitUntil(lambda: shown(tab, "[画像: ない図]"), timeout=TIMEOUT)
    assert "ファイルが見つかりません" in tab.preview.toPlainText()
    # A file that is there but is no image: a drawn note as wide as its text, not Qt's
    # 16-pixel "broken image" icon.
    ((name, _),) = image_fragments(tab.preview)
    assert name == (tmp_path / "broken.png").as_uri()
    width, _height = resource_size(tab.preview, name)
    assert width > 100

    make_png(tmp_path / "here.png", 10, 10)
    unsaved = window.new_document()
    unsaved.editor.setPlainText(f"![図](here.png)\n\n![絶対パス]({(tmp_path / 'here.png').as_uri()})\n")
    wait_linted(qtbot, unsaved)
    qtbot.waitUntil(lambda: shown(unsaved, "[画像: 図]"), timeout=TIMEOUT)
    assert "記事を保存すると表示されます" in unsaved.preview.toPlainText()
    assert [name for name, _ in image_fragments(unsaved.preview)] == [(tmp_path / "here.png").as_uri()]


def test_editing_around_an_image_keeps_the_page_as_a_full_render_shows_it(window, qtbot, tmp_path):
    make_png(tmp_path / "a.png", 80, 40)
    text = "# 見出し\n\n![図](a.png)\n\n次の段落です。\n\n![二つ目](a.png) の説明。\n\n最後の段落。\n"
    tab = open_article(window, qtbot, tmp_path, text)
    qtbot.waitUntil(lambda: shown(tab, "<img"), timeout=TIMEOUT)
    for edit in ("次の段落です。追記。", "\n\n新しい段落。\n\n次の段落です。追記。"):
        tab.editor.setPlainText(text.replace("次の段落です。", edit))
        wait_linted(qtbot, tab)
        # Wait for the render of this very text: after the first edit, "追記。" is on the page
        # already, and a wait for it would go on while the second edit's render is on its way.
        expected = rules.render_html(tab.text(), base_dir=str(tmp_path))[0]
        qtbot.waitUntil(lambda expected=expected: tab.preview.html == expected, timeout=TIMEOUT)
        assert tab.preview.html.count("<img") == 2
        fresh = Preview()
        qtbot.addWidget(fresh)
        fresh.show_html(tab.preview.html, force=True)
        assert tab.preview.document().toPlainText() == fresh.document().toPlainText()
        assert [n for n, _ in image_fragments(tab.preview)] == [n for n, _ in image_fragments(fresh)]
        assert tab.preview._anchor_lines == fresh._anchor_lines


def test_web_images_are_fetched_only_when_allowed(window, qtbot, tmp_path, server):
    base, hits = server
    make_png(tmp_path / "local.png", 20, 20)
    web = f"{base}/img/chart.png?who=article"
    tab = open_article(window, qtbot, tmp_path, f"# 記事\n\n![ローカル](local.png)\n\n![グラフ]({web})\n")
    qtbot.waitUntil(lambda: shown(tab, "<img"), timeout=TIMEOUT)
    assert "[画像: グラフ]" in tab.preview.toPlainText()
    assert "設定で許可すると表示されます" in tab.preview.toPlainText()
    assert [name for name, _ in image_fragments(tab.preview)] == [(tmp_path / "local.png").as_uri()]
    # Ask the preview for the address directly too: with the setting off it is not fetched.
    assert tab.preview.loadResource(IMAGE.value, QUrl(web)) is None
    # The control: a request of our own reaches the server, by which time anything the
    # preview had sent would have arrived too.
    # (A manager that lives as long as the application: Qt may still have network events
    # for one deleted in the middle of a run.)
    reply = QNetworkAccessManager(QApplication.instance()).get(QNetworkRequest(QUrl(f"{base}/img/control.png")))
    qtbot.waitUntil(lambda: "/img/control.png" in hits, timeout=TIMEOUT)
    qtbot.waitUntil(reply.isFinished, timeout=TIMEOUT)
    reply.deleteLater()
    assert hits == ["/img/control.png"]

    # Turned on in Preferences: the open tab renders again and the image is fetched.
    from article_studio.editor.settings import Settings
    from article_studio.editor.settings_dialog import SettingsDialog

    dialog = SettingsDialog(window.settings, window.user_config, window)
    assert not dialog.remote_images.isChecked()
    dialog.remote_images.setChecked(True)
    window.apply_settings(config_changed=dialog.apply())
    assert Settings.load().remote_images is True
    qtbot.waitUntil(lambda: f'<img src="{web.replace("&", "&amp;")}"' in tab.preview.html, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: "/img/chart.png?who=article" in hits, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: resource_size(tab.preview, web) == (48, 24), timeout=TIMEOUT)
    names = [name for name, _ in image_fragments(tab.preview)]
    assert names == [(tmp_path / "local.png").as_uri(), web]
    block = image_fragments(tab.preview)[1][1]
    qtbot.waitUntil(
        lambda: tab.preview.document().documentLayout().blockBoundingRect(block).height() >= 24, timeout=TIMEOUT
    )
    assert hits.count("/img/chart.png?who=article") == 1  # fetched once, then kept

    # Off again: the next render shows the placeholder and nothing more is asked for.
    dialog = SettingsDialog(window.settings, window.user_config, window)
    dialog.remote_images.setChecked(False)
    window.apply_settings(config_changed=dialog.apply())
    qtbot.waitUntil(lambda: shown(tab, "[画像: グラフ]"), timeout=TIMEOUT)
    assert image_fragments(tab.preview)[-1][0] != web
    assert tab.preview.loadResource(IMAGE.value, QUrl(web)) is None


def test_web_image_that_fails_leaves_a_note_and_is_not_retried(qtbot, server):
    base, hits = server
    preview = Preview()
    qtbot.addWidget(preview)
    preview.resize(600, 400)
    preview.show()
    preview.remote_images = True
    missing, page = f"{base}/missing.png", f"{base}/page.png"
    html, _ = rules.render_html(f"![ない]({missing}) と ![ページ]({page})\n", remote_images=True)
    preview.show_html(html)
    qtbot.waitUntil(
        lambda: resource_size(preview, missing) is not None and resource_size(preview, page) is not None,
        timeout=TIMEOUT,
    )
    # Each is a drawn note as wide as its text, not Qt's 16-pixel "broken image" icon.
    for name in (missing, page):
        width, height = resource_size(preview, name)
        assert width > 100 and height >= 10
    preview.show_html(html.replace("と", "と、"))
    preview.document().documentLayout().documentSize()
    assert sorted(hits) == ["/missing.png", "/page.png"]
    fragment_alts = []
    block = preview.document().begin()
    it = block.begin()
    while not it.atEnd():
        fmt = it.fragment().charFormat()
        if fmt.isImageFormat():
            fragment_alts.append(fmt.property(QTextFormat.Property.ImageAltText))
        it += 1
    assert fragment_alts == ["ない", "ページ"]


def test_closing_a_tab_while_its_image_downloads(window, qtbot, tmp_path, server, release):
    import shiboken6

    from article_studio.editor.preview_images import _network

    base, hits = server
    window.settings.remote_images = True
    tab = open_article(window, qtbot, tmp_path, f"![遅い]({base}/slow/a.png)\n\n本文です。\n")
    qtbot.waitUntil(lambda: "/slow/a.png" in hits, timeout=TIMEOUT)
    preview = tab.preview
    window.close_tab(tab, ask=False)
    qtbot.waitUntil(lambda: not shiboken6.isValid(preview), timeout=TIMEOUT)
    # The answer comes after the preview is gone: the download ends and cleans up after itself.
    with qtbot.waitSignal(_network().finished, timeout=TIMEOUT) as finished:
        release.set()
    reply = finished.args[0]
    qtbot.waitUntil(lambda: not shiboken6.isValid(reply), timeout=TIMEOUT)
    assert window.all_tabs() == []


def test_web_image_over_the_size_limit_is_not_kept(qtbot, server, monkeypatch):
    from article_studio.editor import preview_images

    monkeypatch.setattr(preview_images, "REMOTE_IMAGE_MAX_BYTES", 100)
    base, hits = server
    preview = Preview()
    qtbot.addWidget(preview)
    preview.remote_images = True
    url = f"{base}/img/big.png"
    preview.show_html(rules.render_html(f"![大きい]({url})\n", remote_images=True)[0])
    qtbot.waitUntil(lambda: resource_size(preview, url) is not None, timeout=TIMEOUT)
    assert resource_size(preview, url) != (48, 24)
    assert hits == ["/img/big.png"]


def test_data_urls_are_not_decoded(qtbot):
    preview = Preview()
    qtbot.addWidget(preview)
    encoded = base64.b64encode(make_png(None, 40, 40)).decode()
    url = f"data:image/png;base64,{encoded}"
    # As if a data: image had reached the page: Qt would decode it if the preview let it.
    preview.show_html(f'<p id="L0">x<img src="{url}"></p>')
    preview.document().documentLayout().documentSize()
    assert resource_size(preview, url) in (None, (1, 1))


def test_remote_images_setting_is_remembered_and_off_by_default():
    from article_studio.editor.lint_worker import Request
    from article_studio.editor.settings import Settings

    settings = Settings.load()
    assert settings.remote_images is False
    settings.remote_images = True
    settings.save()
    assert Settings.load().remote_images is True
    # Requests built the old way (positionally, without the new field) keep web images off.
    req = Request(1, "![x](https://example.com/a.png)\n", None, rules.Config(), None, 500, False)
    assert req.remote_images is False
