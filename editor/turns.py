"""Updates run one per turn of the event loop, with input, timers and painting let in between.

``QTimer.singleShot(0, …)`` posts an event, and Qt handles every event posted meanwhile before it
looks at its timers again: updates queued that way run back to back, and on a long article the docks'
updates after a lint result held the window still for their sum. Here each update waits for a timer
of its own, started when the one before is done.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer


class Turns(QObject):
    """A queue of updates for the UI thread, run one per turn of the event loop, in order."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._queue: deque[Callable[[], object]] = deque()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._run_one)

    def add(self, update: Callable[[], object]) -> None:
        self._queue.append(update)
        if not self._timer.isActive():
            self._timer.start()

    def pending(self) -> int:
        return len(self._queue)

    def _run_one(self) -> None:
        update = self._queue.popleft()
        try:
            update()
        finally:
            if self._queue:
                self._timer.start()
