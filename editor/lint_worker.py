"""Lint and render off the UI thread.

The UI posts ``(revision, text)`` snapshots to a one-slot mailbox: a newer request
replaces one that has not started yet. The worker, living on its own QThread, takes the
latest snapshot, lints and renders it, and emits the result tagged with its revision;
the UI drops results for revisions it has moved past. The UI thread never waits.
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

import rules

from .code_highlight import highlight_code

# Debounce after the last keystroke; long documents wait longer so typing stays smooth.
SHORT_DELAY_MS = 150
LONG_DELAY_MS = 500
LONG_DOCUMENT = 30_000


@dataclass(frozen=True)
class Request:
    revision: int
    text: str
    path: str | None
    config: object
    profile: str | None
    reading_speed: int
    dark: bool


@dataclass
class OutlineEntry:
    level: int  # 1-6 for headings, 0 for a bold pseudo-heading
    title: str
    line: int  # 0-based
    offset: int


@dataclass
class Result:
    revision: int
    text: str
    diagnostics: list = field(default_factory=list)
    html: str = ""
    line_map: list[int] = field(default_factory=list)
    characters: int = 0
    minutes: int = 0
    outline: list[OutlineEntry] = field(default_factory=list)
    front_matter: dict | None = None
    front_matter_error: str | None = None
    front_matter_spans: dict = field(default_factory=dict)
    profile: str = "none"
    lint_ms: float = 0.0
    render_ms: float = 0.0
    error: str | None = None


def analyse(req: Request) -> Result:
    """Everything the UI shows about one snapshot; pure Python, no Qt."""
    res = Result(req.revision, req.text)
    t0 = time.perf_counter()
    try:
        res.diagnostics = rules.lint_text(req.text, req.path, req.config)
    except Exception as exc:  # a rule bug must not take the editor down
        res.error = f"lint failed: {type(exc).__name__}: {exc}"
    doc = rules.parse_document(req.text, req.path)
    res.characters = rules.character_count(doc)
    res.minutes = rules.reading_minutes(res.characters, req.reading_speed)
    fm = doc.front_matter
    if fm is not None:
        res.front_matter = dict(fm.data)
        res.front_matter_error = fm.error
        res.front_matter_spans = dict(fm.key_spans)
    res.profile = rules.detect_profile(res.front_matter, req.path, req.profile)
    res.outline = _outline(doc)
    res.lint_ms = (time.perf_counter() - t0) * 1000
    t1 = time.perf_counter()
    res.html, res.line_map = rules.render_html(req.text, lambda code, lang: highlight_code(code, lang, req.dark))
    res.render_ms = (time.perf_counter() - t1) * 1000
    return res


def _outline(doc) -> list[OutlineEntry]:
    out = []
    for b in doc.blocks:
        if b.kind == "heading":
            out.append(OutlineEntry(b.level, b.text.strip(), b.line, b.start))
        elif (b.kind == "paragraph" and not b.containers and b.end_line - b.line == 1
              and b.is_all("strong") and len(b.text.strip()) <= 60):
            out.append(OutlineEntry(0, b.text.strip(), b.line, b.start))
    return out


class LintWorker(QObject):
    finished = Signal(object)  # Result

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
        self.finished.emit(analyse(req))


class LintController(QObject):
    """UI-side half: debounce, revisions, and dropping stale results."""

    resultReady = Signal(object)
    _wake = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._thread = QThread()
        self._thread.setObjectName("lint-worker")
        self._worker = LintWorker()
        self._worker.moveToThread(self._thread)
        self._wake.connect(self._worker.run_pending)
        self._worker.finished.connect(self._on_finished)
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
        delay = 0 if immediate else (LONG_DELAY_MS if len(req.text) > LONG_DOCUMENT else SHORT_DELAY_MS)
        self._timer.start(delay)

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

    def shutdown(self) -> None:
        self._timer.stop()
        self._thread.quit()
        self._thread.wait()
