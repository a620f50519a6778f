"""The preview in Qt WebEngine (Chromium), for the optional ``webengine`` extra.

Imported only when that engine is chosen and ``PySide6.QtWebEngineWidgets`` imports (see
``preview.create_preview``). The same HTML and CSS as the QTextBrowser preview, with:

- no network: a request interceptor blocks every http(s), ftp and ws(s) request; the profile
  is off the record (no cache or cookies on disk); links to the web open in the browser;
- JavaScript off for the page (``JavascriptEnabled`` is False, so nothing in an article runs);
- scroll sync by the same ``L{line}`` anchors: the editor's own small scripts run in the
  isolated ApplicationWorld, which the JavascriptEnabled setting (the page's MainWorld) does not
  cover. The page reports its scroll position through ``scrollPositionChanged``.
"""
from __future__ import annotations

import json

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWebEngineCore import (QWebEnginePage, QWebEngineProfile, QWebEngineScript, QWebEngineSettings,
                                     QWebEngineUrlRequestInterceptor)
from PySide6.QtWebEngineWidgets import QWebEngineView

from .preview import HtmlPage, load_css

BLOCKED_SCHEMES = {"http", "https", "ftp", "ws", "wss"}
BASE_URL = QUrl("about:blank")

# Source line at the top of the view, from the anchors' positions (ApplicationWorld).
_TOP_LINE_JS = """(function () {
  var a = document.querySelectorAll('[id^="L"], a[name^="L"]'), y = window.scrollY, prev = null;
  for (var i = 0; i < a.length; i++) {
    var name = a[i].id || a[i].name, line = parseInt(name.slice(1), 10);
    if (isNaN(line)) continue;
    var top = a[i].getBoundingClientRect().top + y;
    if (top > y) {
      if (!prev) return line;
      return prev.top < top ? prev.line + (line - prev.line) * (y - prev.top) / (top - prev.top) : prev.line;
    }
    prev = {line: line, top: top};
  }
  return prev ? prev.line : 0;
})()"""

_SCROLL_TO_LINE_JS = """(function (want) {
  var a = document.querySelectorAll('[id^="L"], a[name^="L"]'), y = window.scrollY, prev = null;
  for (var i = 0; i < a.length; i++) {
    var name = a[i].id || a[i].name, line = parseInt(name.slice(1), 10);
    if (isNaN(line)) continue;
    var top = a[i].getBoundingClientRect().top + y;
    if (line > want) {
      var t = prev ? prev.top + (top - prev.top) * (want - prev.line) / Math.max(1, line - prev.line) : 0;
      window.scrollTo(0, t); return;
    }
    prev = {line: line, top: top};
  }
  if (prev) window.scrollTo(0, prev.top);
})(%s)"""


class _Interceptor(QWebEngineUrlRequestInterceptor):
    def interceptRequest(self, info) -> None:
        if info.requestUrl().scheme().lower() in BLOCKED_SCHEMES:
            info.block(True)


class _Page(QWebEnginePage):
    def acceptNavigationRequest(self, url: QUrl, nav_type, is_main_frame: bool) -> bool:
        if nav_type == QWebEnginePage.NavigationTypeLinkClicked:
            if url.scheme() in ("http", "https"):
                QDesktopServices.openUrl(url)
            return False
        return url.scheme() in ("data", "about")


class WebPreview(HtmlPage, QWebEngineView):
    topLineChanged = Signal(float)
    engine = "webengine"

    def __init__(self, dark: bool = False, parent=None):
        super().__init__(parent)
        self._profile = QWebEngineProfile(self)  # no storage name: off the record
        self._interceptor = _Interceptor(self)
        self._profile.setUrlRequestInterceptor(self._interceptor)
        page = _Page(self._profile, self)
        s = page.settings()
        s.setAttribute(QWebEngineSettings.JavascriptEnabled, False)
        s.setAttribute(QWebEngineSettings.LocalContentCanAccessRemoteUrls, False)
        s.setAttribute(QWebEngineSettings.LocalContentCanAccessFileUrls, False)
        s.setAttribute(QWebEngineSettings.AutoLoadImages, False)
        s.setAttribute(QWebEngineSettings.PluginsEnabled, False)
        self.setPage(page)
        page.scrollPositionChanged.connect(self._on_scroll)
        self.dark = dark
        self.css = load_css(dark)
        self.html = ""
        self._text = ""
        self._quiet = False
        self._top_line = 0.0

    def show_html(self, html: str, force: bool = False) -> None:
        if not self._take(html, force):
            return
        line = self._top_line
        self.setHtml(f"<!DOCTYPE html><html><head><meta charset='utf-8'><style>{self.css}</style></head>"
                     f"<body>{html}</body></html>", BASE_URL)
        self.page().loadFinished.connect(lambda _ok, l=line: self._restore(l), type=_single_shot())
        self.page().toPlainText(self._got_text)

    def _restore(self, line: float) -> None:
        self.page().toPlainText(self._got_text)
        if line > 0:
            self.scroll_to_line(line)

    def _got_text(self, text: str) -> None:
        self._text = text

    def toPlainText(self) -> str:
        return self._text

    def scroll_to_line(self, line: float) -> None:
        self._quiet = True
        self.page().runJavaScript(_SCROLL_TO_LINE_JS % json.dumps(float(line)), QWebEngineScript.ApplicationWorld,
                                  lambda _r: setattr(self, "_quiet", False))

    def _on_scroll(self, _pos) -> None:
        if self._quiet:
            return
        self.page().runJavaScript(_TOP_LINE_JS, QWebEngineScript.ApplicationWorld, self._got_top)

    def _got_top(self, line) -> None:
        if isinstance(line, (int, float)):
            self._top_line = float(line)
            self.topLineChanged.emit(float(line))

    def line_at_top(self) -> float:
        return self._top_line


def _single_shot():
    from PySide6.QtCore import Qt

    return Qt.SingleShotConnection
