"""Work too long for the UI thread (the exporter on a long article), run in the lint process.

``run_in_background(work, request)`` sends ``work(request)`` to the lint process from a
helper thread and emits ``finished`` (or ``failed``) back on the UI thread. The UI thread never
waits; a result nobody wants any more (its dialog closed) is dropped.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Signal

from .lint_worker import run_in_lint_process

_running: set[Job] = set()  # kept alive until their thread is done


class Job(QObject):
    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, work, request):
        super().__init__()
        self.work, self.request = work, request
        self.cancelled = False

    def _run(self) -> None:
        try:
            result = run_in_lint_process(self.work, self.request)
        except Exception as exc:  # a bug in the work must reach the user, not kill the thread silently
            outcome, value = self.failed, f"{type(exc).__name__}: {exc}"
        else:
            outcome, value = self.finished, result
        try:
            if not self.cancelled:
                outcome.emit(value)
        except RuntimeError:  # the receiver is gone
            pass
        finally:
            _running.discard(self)

    def cancel(self) -> None:
        self.cancelled = True


def run_in_background(work, request) -> Job:
    job = Job(work, request)
    _running.add(job)
    threading.Thread(target=job._run, name="background-job", daemon=True).start()
    return job
