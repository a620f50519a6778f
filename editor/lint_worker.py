"""Lint and render off the UI thread, and off the UI *process*.

The UI posts ``(revision, text)`` snapshots to a one-slot mailbox: a newer request
replaces one that has not started yet. The worker, living on its own QThread, takes the
latest snapshot and hands it to a lint process; the result comes back tagged with its
revision, and the UI drops results for revisions it has moved past. The UI thread never
waits.

Why a process: linting is CPU-bound Python, and a thread would hold the interpreter lock
the UI thread needs to paint and handle keys; on a 100,000-character article that froze
the window for over a second per lint. One process serves every tab. If it dies (a crash in
a C library, the system ending it for its memory), that snapshot gets a result that says
linting stopped, and the next request starts a new process. Lint work never runs in the
editor's own process: what killed the lint process would kill the editor, with unsaved work.
"""

from __future__ import annotations

import atexit
import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from .analysis import OutlineEntry, Rendered, Request, Result, analyse, lint_snapshot, render_snapshot  # noqa: F401
from .i18n import tr

# Debounce after the last keystroke. A short document is sent in the next turn of the event loop:
# its lint takes well under 100 ms, and while one runs newer keystrokes only replace the waiting
# snapshot, so at most one lint is in flight and one waits. Long documents wait for a pause so the
# lint process is not kept busy with snapshots that are stale before they finish.
SHORT_DELAY_MS = 0
LONG_DELAY_MS = 300
LONG_DOCUMENT = 30_000


def delay_for(length: int) -> int:
    return LONG_DELAY_MS if length > LONG_DOCUMENT else SHORT_DELAY_MS


_pool: ProcessPoolExecutor | None = None
_pool_lock = threading.Lock()


def _warm_up() -> None:
    """Load the linter and the morphological dictionary before the first real request."""
    from article_studio.rules import tune_for_linting

    _exit_with_editor()
    tune_for_linting()
    analyse(Request(-1, "# 準備\n\n準備です。\n", None, None, None, 500, False))


def _exit_with_editor() -> None:
    """End this lint process when the editor's process ends, even by a crash or a kill: a
    pool worker would otherwise wait for work forever, holding its memory."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        parent.join()  # returns when the parent's end of the pipe closes: it has exited
        os._exit(0)

    threading.Thread(target=watch, name="exit-with-editor", daemon=True).start()


def lint_pool() -> ProcessPoolExecutor:
    """The shared lint process, started if there is none."""
    global _pool
    with _pool_lock:
        if _pool is None:
            # "spawn": forking a process that runs Qt threads is unsafe.
            _pool = ProcessPoolExecutor(
                max_workers=1, mp_context=multiprocessing.get_context("spawn"), initializer=_warm_up
            )
            atexit.register(shutdown_pool)
        return _pool


def _ready() -> bool:
    return True


def prewarm() -> None:
    """Start the lint process now, in the background, so the first real request finds it warm."""

    def start():
        try:
            lint_pool().submit(_ready)
        except RuntimeError:
            pass

    threading.Thread(target=start, name="lint-prewarm", daemon=True).start()


def shutdown_pool() -> None:
    global _pool
    with _pool_lock:
        pool, _pool = _pool, None
    if pool is not None:
        pool.shutdown(wait=False, cancel_futures=True)


class LintStopped(Exception):
    """The lint process could not do the work; the message says why, for the writer."""


def run_in_lint_process(work, req: Request):
    """``work(req)`` in the lint process; raises ``LintStopped`` when the process died on it
    (the next call starts a new one) or is shut down. Never runs ``work`` here."""
    global _pool
    pool = lint_pool()
    try:
        return pool.submit(work, req).result()
    except BrokenProcessPool:
        with _pool_lock:
            if _pool is pool:
                _pool = None
        pool.shutdown(wait=False, cancel_futures=True)
        raise LintStopped(
            tr("Linting stopped: the lint process ended unexpectedly on this text. It restarts with the next edit.")
        ) from None
    except RuntimeError:  # the pool was shut down while the application quits
        raise LintStopped(tr("Linting stopped: the application is closing.")) from None


def lint_or_report(req: Request) -> Result:
    """The findings of ``req``, or a result with no findings that says why linting stopped."""
    try:
        return run_in_lint_process(lint_snapshot, req)
    except LintStopped as exc:
        return Result(req.revision, req.text, error=str(exc))


def render_or_none(req: Request) -> Rendered | None:
    """The preview of ``req``, or None when it could not be made (the last one stays shown;
    the findings' result has said that linting stopped)."""
    try:
        return run_in_lint_process(render_snapshot, req)
    except LintStopped:
        return None


def run_analysis(req: Request) -> Result:
    """Lint and render ``req`` in the lint process (both at once); raises ``LintStopped``."""
    return run_in_lint_process(analyse, req)


class LintWorker(QObject):
    finished = Signal(object)  # Result, without the preview HTML
    rendered = Signal(object)  # Rendered: the preview HTML of the same snapshot

    def __init__(self):
        super().__init__()
        self._lock = threading.Lock()
        self._pending: Request | None = None

    def post(self, req: Request) -> None:
        """Called from the UI thread: replace whatever is waiting."""
        with self._lock:
            self._pending = req

    @Slot()
    def run_pending(self) -> None:
        with self._lock:
            req, self._pending = self._pending, None
        if req is None:  # already handled by an earlier wake-up
            return
        # The findings first, so the underlines do not wait for the preview; the preview only
        # if no newer snapshot is waiting (that one brings its own).
        self.finished.emit(lint_or_report(req))
        with self._lock:
            newer = self._pending is not None
        if not newer:
            rendered = render_or_none(req)
            if rendered is not None:
                self.rendered.emit(rendered)


class LintController(QObject):
    """UI-side half: debounce, revisions, and dropping stale results."""

    resultReady = Signal(object)  # Result
    previewReady = Signal(object)  # Rendered, after the Result of the same revision
    _wake = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._thread = QThread()
        self._thread.setObjectName("lint-worker")
        self._worker = LintWorker()
        self._worker.moveToThread(self._thread)
        self._wake.connect(self._worker.run_pending)
        self._worker.finished.connect(self._on_finished)
        self._worker.rendered.connect(self._on_rendered)
        self._thread.start()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._send)
        self._next: Request | None = None
        self.latest_revision = -1
        self.dropped = 0

    def request(self, req: Request, immediate: bool = False) -> None:
        self._next = req
        self.latest_revision = req.revision
        # A zero delay still goes through the timer: snapshots posted in the same turn of the
        # event loop (an edit, then an explicit request) become one.
        self._timer.start(0 if immediate else delay_for(len(req.text)))

    def _send(self) -> None:
        if self._next is not None:
            self._worker.post(self._next)
            self._next = None
            self._wake.emit()

    @Slot(object)
    def _on_finished(self, res: Result) -> None:
        if res.revision != self.latest_revision:
            self.dropped += 1
            return
        self.resultReady.emit(res)

    @Slot(object)
    def _on_rendered(self, rendered) -> None:
        if rendered.revision == self.latest_revision:
            self.previewReady.emit(rendered)

    def shutdown(self) -> None:
        self._timer.stop()
        self._thread.quit()
        self._thread.wait()
