"""Qt tests run offscreen, with settings, the user lint config and autosaves in a temporary folder."""

from __future__ import annotations

import contextlib
import http.server
import os
import threading

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

pytest.importorskip("PySide6")
pytest.importorskip("pytestqt")


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    monkeypatch.setenv("ARTICLE_STUDIO_RECOVERY_DIR", str(tmp_path / "recovery"))
    monkeypatch.setenv("ARTICLE_STUDIO_SETTINGS_DIR", str(tmp_path / "settings"))
    monkeypatch.setenv("ARTICLE_STUDIO_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("ARTICLE_STUDIO_CACHE_DIR", str(tmp_path / "cache"))


@pytest.fixture
def window(qtbot):
    from article_studio.editor.i18n import set_language
    from article_studio.editor.main_window import MainWindow
    from article_studio.editor.settings import Settings

    set_language("en")
    settings = Settings.load()
    settings.theme = "light"
    win = MainWindow(settings)
    win.ask_before_closing = False
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    yield win
    for tab in win.all_tabs():
        tab.discard_recovery()
        tab.shutdown()


def wait_linted(qtbot, tab, timeout=20000):
    """Wait until the tab shows the lint result of its current text (and the docks do, for the current tab)."""

    def shown() -> bool:
        if tab.result is None or tab.result.revision != tab.revision:
            return False
        window = tab.window()
        current = getattr(window, "current_tab", lambda: None)()
        return current is not tab or window.docks_result is tab.result

    qtbot.waitUntil(shown, timeout=timeout)
    return tab.result


@contextlib.contextmanager
def local_http_server(handler):
    """Serve ``handler`` (an http.server request handler class) on 127.0.0.1 in a thread;
    yields the base URL."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
