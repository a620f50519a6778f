"""The preview in Qt WebEngine (Chromium), for the optional ``webengine`` extra.

Imported only when that engine is chosen and ``PySide6.QtWebEngineWidgets`` imports (see
``previews.create_preview``). The same HTML and CSS as the QTextBrowser preview, with:

- no network: a request interceptor blocks every http(s), ftp and ws(s) request; the profile
  is off the record (no cache or cookies on disk); links to the web open in the browser;
- JavaScript off for the page (``JavascriptEnabled`` is False, so nothing in an article runs);
- the editor's own small scripts run in the isolated ApplicationWorld, which the
  JavascriptEnabled setting (the page's MainWorld) does not cover. The page is loaded once,
  with the stylesheet and an empty body; they put each render into it (``innerHTML``, which
  never runs scripts), so an edit neither reloads the page nor moves its scroll position;
- scroll sync by the same ``L{line}`` anchors. The page reports its scroll position through
  ``scrollPositionChanged``; a position we scrolled to ourselves is not reported back.

Chromium refuses to start as root with its sandbox on, so for root the sandbox is turned off
(``QTWEBENGINE_DISABLE_SANDBOX``) unless the environment already says otherwise.
"""

from __future__ import annotations

import json
import os
from functools import cache

from PySide6.QtCore import QSize, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWebEngineCore import (
    QWebEnginePage,
    QWebEngineProfile,
    QWebEngineScript,
    QWebEngineSettings,
    QWebEngineUrlRequestInterceptor,
)
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QAbstractScrollArea

from .preview_page import HtmlPage, load_css

BLOCKED_SCHEMES = {"http", "https", "ftp", "ws", "wss"}
BASE_URL = QUrl("about:blank")
_STYLE_ID = "article-style"

# Helpers for the ApplicationWorld, put before each script (a world's globals do not outlive
# a reload, and the scripts are small).
_LIB = """
function anchors() {
  var out = [], a = document.querySelectorAll('[id^="L"], a[name^="L"]'), y = window.scrollY;
  for (var i = 0; i < a.length; i++) {
    var line = parseInt((a[i].id || a[i].name).slice(1), 10);
    if (!isNaN(line)) out.push({line: line, top: a[i].getBoundingClientRect().top + y});
  }
  return out;
}
function topLine() {
  var a = anchors(), y = window.scrollY, prev = null;
  if (!a.length) return null;  // no render yet (a reload): nothing to report
  for (var i = 0; i < a.length; i++) {
    if (a[i].top > y) {
      if (!prev) return a[i].line;
      if (prev.top >= a[i].top) return prev.line;
      return prev.line + (a[i].line - prev.line) * (y - prev.top) / (a[i].top - prev.top);
    }
    prev = a[i];
  }
  return prev.line;
}
function scrollToLine(want) {
  var a = anchors(), prev = null, y = null;
  for (var i = 0; i < a.length && y === null; i++) {
    if (a[i].line > want) {
      y = prev ? prev.top + (a[i].top - prev.top) * (want - prev.line) / Math.max(1, a[i].line - prev.line) : 0;
    }
    prev = a[i];
  }
  if (y === null) y = prev ? prev.top : 0;
  window.scrollTo({top: y, behavior: 'instant'});
}
"""

_TOP_LINE_JS = "(function () {%s\nreturn topLine();})()" % _LIB
_SCROLL_TO_LINE_JS = "(function (want) {%s\nscrollToLine(want); return topLine();})(%%s)" % _LIB
# Puts a render and its stylesheet into the page (the color scheme darkens Chromium's own
# scroll bars); its top line and text come back as JSON (PySide6 hands a script's arrays to
# Python as empty strings).
_SHOW_JS = """(function (css, html, scheme) {%s
  document.getElementById('%s').textContent = css;
  document.documentElement.style.colorScheme = scheme;
  document.body.innerHTML = html;
  return JSON.stringify([topLine(), document.body.innerText]);
})(%%s, %%s, %%s)""" % (_LIB, _STYLE_ID)


def _sandbox_default() -> None:
    """Turn Chromium's sandbox off for root, where Chromium will not start with it.

    Left alone when the user set ``QTWEBENGINE_DISABLE_SANDBOX`` or a sandbox flag in
    ``QTWEBENGINE_CHROMIUM_FLAGS``. Qt reads these when the first page is created.
    """
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return
    if "QTWEBENGINE_DISABLE_SANDBOX" in os.environ or "sandbox" in os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", ""):
        return
    os.environ["QTWEBENGINE_DISABLE_SANDBOX"] = "1"


_sandbox_default()


@cache
def _scroll_area_minimum() -> QSize:
    """The minimum size hint of a scroll area in the application's style."""
    return QAbstractScrollArea().minimumSizeHint()


def _shell(css: str) -> str:
    """The page the renders are put into: the stylesheet and an empty body."""
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><style id='{_STYLE_ID}'>{css}</style>"
        f"</head><body></body></html>"
    )


class _Interceptor(QWebEngineUrlRequestInterceptor):
    """Blocks every request that would leave the machine."""

    def interceptRequest(self, info) -> None:
        if info.requestUrl().scheme().lower() in BLOCKED_SCHEMES:
            info.block(True)


class _Page(QWebEnginePage):
    """Loads only the page we set; clicked web links go to the browser instead."""

    def acceptNavigationRequest(self, url: QUrl, nav_type, is_main_frame: bool) -> bool:
        if nav_type == QWebEnginePage.NavigationType.NavigationTypeLinkClicked:
            if url.scheme() in ("http", "https"):
                QDesktopServices.openUrl(url)
            return False
        return is_main_frame and url.scheme() in ("data", "about")


def _new_page(parent, interceptor: QWebEngineUrlRequestInterceptor) -> QWebEnginePage:
    """An off-the-record page with JavaScript, images and remote access off.

    The page owns its profile: a profile must outlive its pages, and a page deletes its
    children only after it has let go of the profile.
    """
    profile = QWebEngineProfile()  # no storage name: off the record
    interceptor.setParent(profile)
    profile.setUrlRequestInterceptor(interceptor)
    page = _Page(profile, parent)
    profile.setParent(page)
    s = page.settings()
    s.setAttribute(QWebEngineSettings.WebAttribute.JavascriptEnabled, False)
    s.setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessRemoteUrls, False)
    s.setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessFileUrls, False)
    s.setAttribute(QWebEngineSettings.WebAttribute.AutoLoadImages, False)
    s.setAttribute(QWebEngineSettings.WebAttribute.PluginsEnabled, False)
    return page


class WebPreview(HtmlPage, QWebEngineView):
    topLineChanged = Signal(float)  # the source line at the top of the view (fractional)
    engine = "webengine"
    # The page may load nothing (no file access, every request blocked): images would only be
    # broken icons, so the tabs ask the renderer to name them instead.
    shows_images = False

    def __init__(self, dark: bool = False, parent=None):
        super().__init__(parent)
        self.dark = dark
        self.css = load_css(dark)
        self.html = ""
        self._text = ""
        self._ready = False  # the shell page has loaded and can take renders
        self._top_line = 0.0  # the top line last reported or scrolled to
        self._want: float | None = None  # a scroll asked for before the page was ready
        # PySide does not keep an interceptor alive for its parent's sake: we hold it.
        self._interceptor = _Interceptor()
        page = _new_page(self, self._interceptor)
        self.setPage(page)
        page.loadFinished.connect(self._loaded)
        page.scrollPositionChanged.connect(self._on_scroll)
        page.renderProcessTerminated.connect(self._renderer_gone)
        self._load_shell()

    def _load_shell(self) -> None:
        self._ready = False
        self.setHtml(_shell(self.css), BASE_URL)

    def _renderer_gone(self, _status, _code) -> None:
        """Chromium's page process ended (a crash, or killed): start the page again."""
        self._load_shell()

    def _run(self, script: str, callback) -> None:
        self.page().runJavaScript(script, QWebEngineScript.ScriptWorldId.ApplicationWorld, callback)

    # -- showing pages ------------------------------------------------------------------
    def show_html(self, html: str, force: bool = False) -> None:
        """Show ``html``; nothing happens when it is what the page shows, unless ``force``."""
        if not self._take(html, force):
            return
        if self._ready:
            self._push()

    def _push(self) -> None:
        """Put the current render and stylesheet into the loaded page."""
        scheme = "dark" if self.dark else "light"
        self._run(_SHOW_JS % (json.dumps(self.css), json.dumps(self.html), json.dumps(scheme)), self._shown)

    def _shown(self, result) -> None:
        try:
            line, text = json.loads(result)
        except (TypeError, ValueError):
            return
        self._settled(line)
        self._text = text

    def _loaded(self, ok: bool) -> None:
        """The shell (or a reload of it) is ready: give it the current render and scroll.

        A refused navigation (a clicked web link) also ends in a failed load; the page we
        had is still there and still ready.
        """
        if not ok:
            return
        self._ready = True
        self._push()
        want, self._want = self._want, None
        if want is None and self._top_line > 0:
            want = self._top_line  # a reload starts at the top; go back to where we were
        if want is not None:
            self.scroll_to_line(want)

    def toPlainText(self) -> str:
        """The page's text as of the last render shown."""
        return self._text

    # -- scroll sync --------------------------------------------------------------------
    def scroll_to_line(self, line: float) -> None:
        """Bring source line ``line`` (fractional) to the top; not reported by topLineChanged."""
        if not self._ready:
            self._want = float(line)
            return
        self._run(_SCROLL_TO_LINE_JS % json.dumps(float(line)), self._settled)

    def _settled(self, line) -> None:
        """Where a scroll of ours ended: the next report of this place is its echo."""
        if isinstance(line, (int, float)):
            self._top_line = float(line)

    def _on_scroll(self, _pos) -> None:
        if self._ready:
            # Scripts answer in order: a query after our own scroll sees where it ended.
            self._run(_TOP_LINE_JS, self._got_top)

    def _got_top(self, line) -> None:
        if not isinstance(line, (int, float)) or abs(line - self._top_line) < 1e-6:
            return
        self._top_line = float(line)
        self.topLineChanged.emit(float(line))

    def line_at_top(self) -> float:
        return self._top_line

    def minimumSizeHint(self) -> QSize:
        """What a scroll area such as the source editor asks for; QWebEngineView asks for none.

        A splitter given sizes before it is shown weighs each side by its size raised to this
        minimum: with none, the preview would start as a sliver beside the editor.
        """
        return _scroll_area_minimum()
