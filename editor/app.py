"""Creating the application and the ``--smoke-test`` run."""

from __future__ import annotations

import gc
import json
import sys
import time
from collections import Counter

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from .i18n import set_language
from .settings import Settings
from .theme import apply_palette, is_dark


def create_app(args=None):
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Article Studio")
    app.setOrganizationName("ArticleStudio")
    settings = Settings.load()
    if args is not None and getattr(args, "theme", None):
        settings.theme = args.theme
    set_language(settings.language)
    apply_palette(app, is_dark(settings.theme))
    from .main_window import MainWindow

    window = MainWindow(settings)
    # What start-up made (modules, Qt wrappers, the window) lives as long as the process: keep
    # it out of the cyclic collector, whose full passes over it paused typing for ~10 ms.
    gc.freeze()
    return app, window


def wait_for(predicate, timeout_ms: int = 30000) -> bool:
    """Run the event loop until ``predicate()`` holds (or give up after ``timeout_ms``)."""
    loop = QEventLoop()
    deadline = time.perf_counter() + timeout_ms / 1000
    timer = QTimer()
    timer.timeout.connect(lambda: (predicate() or time.perf_counter() > deadline) and loop.quit())
    timer.start(10)
    if not predicate():
        loop.exec()
    timer.stop()
    return predicate()


def run_smoke_test(app, window, path: str, screenshot: str | None, started: float) -> int:
    window.ask_before_closing = False
    window.show()
    app.processEvents()
    startup_ms = (time.perf_counter() - started) * 1000
    tab = window.open_file(path)
    if tab is None:
        print(json.dumps({"error": f"cannot open {path}"}))
        return 1
    if not wait_for(lambda: tab.first_preview_ms is not None):
        print(json.dumps({"error": "no lint result within 30 s"}))
        return 1
    # The WebEngine preview takes the page asynchronously: wait until it shows text.
    wait_for(lambda: bool(tab.preview.toPlainText()), 10000)
    app.processEvents()
    res = tab.result
    out: dict = {}
    if screenshot:
        from article_studio.rules import write_atomic

        from .png import png_bytes

        try:  # through the guarded writer, as every file of the user's
            write_atomic(screenshot, png_bytes(window.grab()))
        except OSError as exc:
            out["screenshot_error"] = str(exc)
    out |= {
        "diagnostics": len(res.diagnostics),
        "by_code": dict(sorted(Counter(d.code for d in res.diagnostics).items())),
        "preview_chars": len(tab.preview.toPlainText()),
        "startup_ms": round(startup_ms, 1),
        "first_lint_ms": round(tab.first_lint_ms, 1),
        "first_preview_ms": round(tab.first_preview_ms, 1),
    }
    print(json.dumps(out, ensure_ascii=False))
    window.close()
    return 1 if "screenshot_error" in out else 0
