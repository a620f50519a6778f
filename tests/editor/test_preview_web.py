"""The Qt WebEngine preview (the ``webengine`` extra) on real page loads.

What its module docstring promises: the article shows with the stylesheet and its front
matter as a table; nothing is fetched from the network; no script of the page runs; web
links open in the browser; scroll sync works both ways; the theme switches; an unchanged
page is not put in again. Where a check looks for something that must not happen, a control
(the same page without the protection) shows that the check would have seen it.

Skipped when Qt WebEngine (PySide6-Addons) is not installed. When it is installed but a
system library it needs is missing, the import fails with an ImportError, and (pytest 8.2 and
later) these tests error out rather than skip: a broken install is not taken for a missing one.
"""

from __future__ import annotations

import http.server
import json
import os
import re
import signal
from pathlib import Path

import pytest

pytest.importorskip(
    "PySide6.QtWebEngineWidgets", reason="Qt WebEngine is not installed (pip install 'article-studio[webengine]')"
)

from PySide6.QtCore import QCoreApplication, QEvent, QPoint, Qt, QUrl  # noqa: E402
from PySide6.QtGui import QDesktopServices  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile, QWebEngineScript, QWebEngineSettings  # noqa: E402
from PySide6.QtWebEngineWidgets import QWebEngineView  # noqa: E402

from article_studio.editor import preview_web  # noqa: E402
from article_studio.editor.preview_web import WebPreview  # noqa: E402
from article_studio.rules.output.render import render_html  # noqa: E402

from .conftest import local_http_server, wait_linted  # noqa: E402

TIMEOUT = 60000  # generous: the first page starts Chromium's processes
LINE = 0.05  # a scroll position is whole pixels, an anchor's place need not be
TOP = "(document.getElementById('L%d').getBoundingClientRect().top + window.scrollY)"  # in the page
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "2025-10-26-2-googleanthropictpu.md"
ARTICLE = """---
title: "プレビューの記事"
tags: ["AI", "チップ"]
---

# 見出し

本文の段落です。[リンク](https://example.com/page)
"""


# -- helpers ----------------------------------------------------------------------------
def evaluate(qtbot, view, expr: str, world=QWebEngineScript.ScriptWorldId.ApplicationWorld):
    """The JSON value of the JavaScript expression ``expr`` in the page (None if undefined).

    Runs in the editor's own script world unless told otherwise; scripts of one world answer
    in order, so whatever the preview sent before has run when this returns.
    """
    box = []
    view.page().runJavaScript(f"JSON.stringify({expr})", world, box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=TIMEOUT)
    return json.loads(box[0]) if box[0] else None


_made: list = []


@pytest.fixture(autouse=True)
def _delete_views():
    """Delete each test's views when it ends.

    A closed widget is deleted only by an event loop, and a page left behind would go on
    working (and asking the server) during later tests.
    """
    yield
    while _made:
        _made.pop().deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def keep(qtbot, view):
    """Size ``view`` and have it closed and deleted after the test."""
    qtbot.addWidget(view)
    _made.append(view)
    view.resize(700, 400)
    return view


def make_preview(qtbot, dark: bool = False) -> WebPreview:
    view = keep(qtbot, WebPreview(dark))
    view.show()
    return view


def show(qtbot, view, html: str, marker: str) -> None:
    """Show ``html`` and wait until the page's text has ``marker``."""
    view.show_html(html)
    qtbot.waitUntil(lambda: marker in view.toPlainText(), timeout=TIMEOUT)


def long_page(count: int = 200, extra: str = "") -> str:
    return "".join(f'<p id="L{i}">段落 {i}</p>' for i in range(count)) + extra


def anchor_lines(qtbot, view) -> list[int]:
    """The source lines of the page's ``L{line}`` anchors, in page order."""
    return evaluate(
        qtbot,
        view,
        'Array.from(document.querySelectorAll(\'[id^="L"], a[name^="L"]\'))'
        ".map(function (a) { return parseInt((a.id || a.name).slice(1), 10); })",
    )


def anchor_top(qtbot, view, line: int) -> float:
    """Where the anchor of source line ``line`` is, relative to the top of the view."""
    return evaluate(qtbot, view, f"document.getElementById('L{line}').getBoundingClientRect().top")


def scroll_page(qtbot, view, script: str) -> float:
    """Scroll the page as a user would (a script of ours) and return the line it reports."""
    with qtbot.waitSignal(view.topLineChanged, timeout=TIMEOUT) as blocker:
        evaluate(qtbot, view, script)
    return blocker.args[0]


def click(qtbot, view, selector: str) -> None:
    """A left click in the middle of the first element matching ``selector``."""
    r = evaluate(
        qtbot,
        view,
        f"(function (r) {{ return [r.left + r.width / 2, r.top + r.height / 2]; }})"
        f"(document.querySelector({json.dumps(selector)}).getBoundingClientRect())",
    )
    target = view.focusProxy() or view
    QTest.mouseClick(target, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(int(r[0]), int(r[1])))


def plain_view(qtbot) -> QWebEngineView:
    """A view with Qt's defaults (scripts and images on, no interceptor): the control."""
    view = keep(qtbot, QWebEngineView())
    profile = QWebEngineProfile()  # off the record, like the preview's
    page = QWebEnginePage(profile, view)
    profile.setParent(page)  # a profile must outlive its page
    view.setPage(page)
    view.show()
    return view


@pytest.fixture
def server():
    """A web server on 127.0.0.1 that records the path of every request it gets."""
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/css")
            self.end_headers()
            self.wfile.write(b"p { color: red; }")

        def log_message(self, *args):
            pass

    with local_http_server(Handler) as base:
        yield base, hits


# -- the page ---------------------------------------------------------------------------
def test_article_shows_with_stylesheet_and_front_matter_table(qtbot):
    html, lines = render_html(ARTICLE)
    view = make_preview(qtbot)
    show(qtbot, view, html, "本文の段落です。")
    text = view.toPlainText()
    assert "見出し" in text and "プレビューの記事" in text
    rows = evaluate(
        qtbot,
        view,
        "Array.from(document.querySelectorAll('table.front-matter tr'))"
        ".map(function (r) { return [r.cells[0].innerText, r.cells[1].innerText]; })",
    )
    assert rows == [["title", "プレビューの記事"], ["tags", "AI、チップ"]]
    style = evaluate(
        qtbot,
        view,
        "(function (b, t) { return [getComputedStyle(b).fontSize, getComputedStyle(b)"
        ".backgroundColor, getComputedStyle(t).backgroundColor]; })"
        "(document.body, document.querySelector('table.front-matter'))",
    )
    assert style == ["15px", "rgb(255, 255, 255)", "rgb(245, 247, 250)"]  # resources/preview.css
    assert anchor_lines(qtbot, view) == lines


def test_example_article_renders_in_full(qtbot):
    html, _ = render_html(EXAMPLE.read_text(encoding="utf-8"))
    view = make_preview(qtbot)
    show(qtbot, view, html, "GoogleとAnthropicのTPU契約")
    assert len(view.toPlainText()) > 10000
    # Every anchor of the render is in the page (the line map also lists lines whose element
    # prints no id, such as a paragraph in a tight list).
    anchors = [int(n) for n in re.findall(r'(?:id|name)="L(\d+)"', html)]
    assert len(anchors) > 50 and anchor_lines(qtbot, view) == anchors


def test_dark_theme_switches_the_stylesheet(qtbot):
    view = make_preview(qtbot)
    show(qtbot, view, "<p id='L0'>テーマ</p>", "テーマ")
    colors = "[getComputedStyle(document.body).backgroundColor, getComputedStyle(document.documentElement).colorScheme]"
    assert evaluate(qtbot, view, colors) == ["rgb(255, 255, 255)", "light"]
    view.set_dark(True)
    assert evaluate(qtbot, view, colors) == ["rgb(30, 32, 36)", "dark"]  # theme.DARK_PREVIEW_CSS
    assert view.toPlainText().strip() == "テーマ"
    view.set_dark(False)
    assert evaluate(qtbot, view, colors) == ["rgb(255, 255, 255)", "light"]


def test_unchanged_page_is_not_put_in_again(qtbot):
    view = make_preview(qtbot)
    html = "<p id='L0'>同じページ</p>"
    show(qtbot, view, html, "同じページ")
    mark = "document.body.insertAdjacentHTML('beforeend', '<i id=mark></i>')"
    has_mark = "!!document.getElementById('mark')"
    evaluate(qtbot, view, mark)
    view.show_html(html)
    assert evaluate(qtbot, view, has_mark) is True
    view.show_html(html, force=True)
    assert evaluate(qtbot, view, has_mark) is False
    evaluate(qtbot, view, mark)
    view.show_html("<p id='L0'>違うページ</p>")
    assert evaluate(qtbot, view, has_mark) is False
    assert "違うページ" in view.toPlainText()


# -- no network -------------------------------------------------------------------------
def remote_page(base: str, who: str) -> str:
    """A page that asks the server for something in every way it can, tagged with ``who``."""
    u = f"{base}/{{}}?who={who}"
    return (
        f"<p id='L0'>外部 {who}</p><img src='{u.format('img.png')}'>"
        f"<link rel='stylesheet' href='{u.format('link.css')}'>"
        f"<style>@import url('{u.format('import.css')}'); p {{ background: url('{u.format('bg.png')}'); }}</style>"
        f"<iframe src='{u.format('frame.html')}'></iframe><video src='{u.format('video.mp4')}'></video>"
        f"<a href='{u.format('link')}'>リンク</a>"
    )


class RecordingInterceptor(preview_web._Interceptor):
    """The preview's interceptor, noting each request it is asked about (then deciding as ever).

    Put in place of the class rather than patched into it: PySide keeps using a method it once
    found on an object, even after the class is restored.
    """

    asked: list[str] = []

    def interceptRequest(self, info) -> None:
        self.asked.append(info.requestUrl().toString())
        super().interceptRequest(info)


def test_remote_requests_are_blocked(qtbot, server, monkeypatch):
    base, hits = server
    monkeypatch.setattr(preview_web, "_Interceptor", RecordingInterceptor)
    seen = RecordingInterceptor.asked
    ws, fetch = base.replace("http:", "ws:") + "/ws?who=preview", f"{base}/fetch?who=preview"
    view = make_preview(qtbot)
    # An article's remote image, as the renderer gives it, and the same address set directly.
    article, _ = render_html(f"![図]({base}/article.png?who=preview)\n")
    show(qtbot, view, article + remote_page(base, "preview"), "外部 preview")
    assert "[画像: 図]" in view.toPlainText()
    # Only the editor's own script world can run code: it is not let out either.
    evaluate(qtbot, view, f"(new WebSocket({json.dumps(ws)}), fetch({json.dumps(fetch)}).catch(function () {{}}), 1)")
    wanted = {f"{base}/link.css?who=preview", f"{base}/import.css?who=preview", ws, fetch}
    qtbot.waitUntil(lambda: wanted <= set(seen), timeout=TIMEOUT)

    # The control: the same page in a plain view reaches the server, ...
    control = plain_view(qtbot)
    control.setHtml(remote_page(base, "control"), QUrl("about:blank"))
    qtbot.waitUntil(
        lambda: {"/img.png?who=control", "/link.css?who=control", "/import.css?who=control"} <= set(hits),
        timeout=TIMEOUT,
    )
    # ... by which time anything the preview had let out would have arrived too.
    assert not [h for h in hits if "who=preview" in h]
    assert evaluate(qtbot, view, "document.querySelectorAll('img').length") == 1  # ours, not the article's


# -- no scripts -------------------------------------------------------------------------
SCRIPTED = (
    "<p id='L0'>スクリプト</p>"
    "<script>document.documentElement.dataset.script = '1'</script>"
    "<details open ontoggle=\"document.documentElement.dataset.toggle = '1'\"><summary>s</summary></details>"
    "<style onload=\"document.documentElement.dataset.style = '1'\"></style>"
    "<img src='data:image/png;base64,AA' onerror=\"document.documentElement.dataset.img = '1'\">"
)
RAN = "Object.keys(document.documentElement.dataset).sort()"


def test_scripts_in_the_page_do_not_run(qtbot):
    main = QWebEngineScript.ScriptWorldId.MainWorld
    control = make_preview(qtbot)
    control.page().settings().setAttribute(QWebEngineSettings.WebAttribute.JavascriptEnabled, True)
    view = make_preview(qtbot)
    for v in (control, view):
        show(qtbot, v, SCRIPTED, "スクリプト")
        evaluate(qtbot, v, "document.documentElement.dataset.run = '1'", world=main)
    # With scripts on, the page's handlers and a script sent to its world run ...
    qtbot.waitUntil(lambda: evaluate(qtbot, control, RAN) == ["img", "run", "style", "toggle"], timeout=TIMEOUT)
    # ... while in the preview nothing did.
    assert evaluate(qtbot, view, RAN) == []
    assert evaluate(qtbot, view, "1 + 1", world=main) is None


def test_script_added_to_the_page_does_not_run_after_a_reload(qtbot):
    view = make_preview(qtbot)
    show(qtbot, view, "<p id='L0'>再読み込み</p>", "再読み込み")
    script = QWebEngineScript()
    script.setSourceCode("document.documentElement.dataset.injected = '1'")
    script.setWorldId(QWebEngineScript.ScriptWorldId.MainWorld)
    script.setInjectionPoint(QWebEngineScript.InjectionPoint.DocumentReady)
    view.page().scripts().insert(script)
    with qtbot.waitSignal(view.page().loadFinished, timeout=TIMEOUT):
        view.page().triggerAction(QWebEnginePage.WebAction.Reload)
    # The reload starts from the empty shell; the preview puts its page back in.
    qtbot.waitUntil(lambda: evaluate(qtbot, view, "document.body.innerText").strip() == "再読み込み", timeout=TIMEOUT)
    assert evaluate(qtbot, view, RAN) == []


def test_page_comes_back_when_its_process_dies(qtbot):
    view = make_preview(qtbot)
    show(qtbot, view, long_page(), "段落 199")
    view.scroll_to_line(120)
    assert anchor_top(qtbot, view, 120) == pytest.approx(0, abs=1)
    with qtbot.waitSignal(view.page().renderProcessTerminated, timeout=TIMEOUT):
        os.kill(view.page().renderProcessPid(), getattr(signal, "SIGKILL", signal.SIGTERM))
    qtbot.waitUntil(lambda: "段落 199" in (evaluate(qtbot, view, "document.body.innerText") or ""), timeout=TIMEOUT)
    assert anchor_top(qtbot, view, 120) == pytest.approx(0, abs=1)


def test_raw_script_in_an_article_is_shown_as_text(qtbot):
    html, _ = render_html("<script>document.title = 'ran'</script>\n\n本文です。\n")
    view = make_preview(qtbot)
    show(qtbot, view, html, "本文です。")
    assert "<script>document.title = 'ran'</script>" in view.toPlainText()
    assert evaluate(qtbot, view, "document.querySelectorAll('script').length") == 0


def test_a_local_image_is_named_by_its_placeholder_not_a_broken_icon(window, qtbot, tmp_path):
    from PySide6.QtGui import QImage

    image = QImage(8, 8, QImage.Format_RGB32)
    image.fill(0x336699)
    image.save(str(tmp_path / "fig.png"))
    article = tmp_path / "post.md"
    article.write_text("![構成図](fig.png)\n\n本文です。\n", encoding="utf-8")
    html, _ = render_html(article.read_text(encoding="utf-8"), base_dir=str(tmp_path))
    assert "<img" in html  # the built-in preview shows it
    window.settings.preview_engine = "webengine"
    tab = window.open_file(str(article))
    view = tab.preview
    assert isinstance(view, WebPreview)
    qtbot.waitUntil(lambda: "本文です。" in view.toPlainText(), timeout=TIMEOUT)
    assert "[画像: 構成図]" in view.toPlainText() and "fig.png" in view.toPlainText()
    assert evaluate(qtbot, view, "document.querySelectorAll('img').length") == 0


# -- links ------------------------------------------------------------------------------
def test_web_link_opens_in_the_browser_and_footnote_link_scrolls(qtbot, monkeypatch):
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()) or True)
    view = make_preview(qtbot)
    extra = "<p><a id='web' href='https://example.com/page'>ウェブ</a> <a id='note' href='#L120'>注</a></p>"
    show(qtbot, view, extra + long_page(), "ウェブ")
    click(qtbot, view, "#web")
    qtbot.waitUntil(lambda: opened == ["https://example.com/page"], timeout=TIMEOUT)
    assert "ウェブ" in evaluate(qtbot, view, "document.body.innerText")  # the page stayed
    with qtbot.waitSignal(view.topLineChanged, timeout=TIMEOUT) as blocker:
        click(qtbot, view, "#note")
    assert blocker.args[0] == pytest.approx(120, abs=LINE)
    assert anchor_top(qtbot, view, 120) == pytest.approx(0, abs=1)
    assert opened == ["https://example.com/page"]


# -- scroll sync ------------------------------------------------------------------------
def test_scroll_to_line_brings_the_line_to_the_top_without_echo(qtbot):
    view = make_preview(qtbot)
    show(qtbot, view, long_page(), "段落 199")
    reported: list[float] = []
    view.topLineChanged.connect(reported.append)
    with qtbot.waitSignal(view.page().scrollPositionChanged, timeout=TIMEOUT):
        view.scroll_to_line(120)
    assert anchor_top(qtbot, view, 120) == pytest.approx(0, abs=1)
    assert view.line_at_top() == pytest.approx(120, abs=LINE)
    with qtbot.waitSignal(view.page().scrollPositionChanged, timeout=TIMEOUT):
        view.scroll_to_line(80.5)  # half way between two anchors
    top_80, top_81 = anchor_top(qtbot, view, 80), anchor_top(qtbot, view, 81)
    assert top_80 < 0 < top_81 and -top_80 == pytest.approx(top_81, abs=1)
    assert reported == []  # the editor asked for these: nothing is reported back


def test_scrolling_the_page_reports_the_top_line(qtbot):
    view = make_preview(qtbot)
    show(qtbot, view, long_page(), "段落 199")
    line = scroll_page(qtbot, view, f"window.scrollTo(0, {TOP % 150})")
    assert line == pytest.approx(150, abs=LINE)
    assert view.line_at_top() == line
    line = scroll_page(qtbot, view, f"window.scrollTo(0, ({TOP % 60} + {TOP % 61}) / 2)")
    assert line == pytest.approx(60.5, abs=LINE)


def test_new_render_keeps_the_scroll_position(qtbot):
    view = make_preview(qtbot)
    show(qtbot, view, long_page(), "段落 199")
    scroll_page(qtbot, view, f"window.scrollTo(0, {TOP % 100})")
    reported: list[float] = []
    view.topLineChanged.connect(reported.append)
    show(qtbot, view, long_page(extra="<p>追記</p>"), "追記")
    assert anchor_top(qtbot, view, 100) == pytest.approx(0, abs=1)
    assert reported == [] and view.line_at_top() == pytest.approx(100, abs=LINE)


def test_scroll_asked_before_the_page_loaded_is_done_once_it_has(qtbot):
    view = keep(qtbot, WebPreview())
    view.show_html(long_page())
    view.scroll_to_line(120)
    view.show()
    qtbot.waitUntil(lambda: "段落 199" in view.toPlainText(), timeout=TIMEOUT)
    assert anchor_top(qtbot, view, 120) == pytest.approx(0, abs=1)


# -- in the editor ----------------------------------------------------------------------
def test_editor_with_web_preview_syncs_both_ways(window, qtbot):
    window.settings.preview_engine = "webengine"
    tab = window.open_file(str(EXAMPLE))
    preview = tab.preview
    assert isinstance(preview, WebPreview) and preview.engine == "webengine"
    res = wait_linted(qtbot, tab)
    qtbot.waitUntil(lambda: "GoogleとAnthropicのTPU契約" in preview.toPlainText(), timeout=TIMEOUT)
    editor_width, preview_width = tab.splitter.sizes()
    assert abs(editor_width - preview_width) <= 2  # not a sliver beside the editor
    qtbot.waitUntil(lambda: bool(res.line_map), timeout=TIMEOUT)
    line = res.line_map[len(res.line_map) // 2]
    # The editor scrolls: the preview follows.
    tab.editor.scroll_to_line(line)
    qtbot.waitUntil(
        lambda: preview.line_at_top() == pytest.approx(tab.editor.first_visible_line(), abs=LINE), timeout=TIMEOUT
    )
    # The preview scrolls (a little past an anchor, as a wheel would): the editor follows.
    anchors = anchor_lines(qtbot, preview)
    other = anchors[len(anchors) // 3]
    evaluate(qtbot, preview, f"window.scrollTo(0, {TOP % other} + 2)")
    qtbot.waitUntil(lambda: tab.editor.first_visible_line() == other, timeout=TIMEOUT)
    # What the window shows of the preview is the rendered page, not a blank widget.
    image = preview.grab().toImage()
    colors = {image.pixel(x, y) for x in range(0, image.width(), 4) for y in range(0, image.height(), 4)}
    assert len(colors) > 10
