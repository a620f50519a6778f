"""Running a folder job (``site_jobs``) in a process of its own, its messages delivered on the UI thread.

A ``SiteJob`` starts one process ("spawn": forking a process that runs Qt threads is unsafe),
reads what it sends on a helper thread and emits each message as ``message`` on the UI thread;
``finished`` brings the job's summary, ``failed`` the reason when the process died or the job
raised. The UI thread never waits for the process, except ``cancel(wait=...)`` at the window's
close, so that a stopped run can keep its work in the cache. A site's lint must not share the
lint process of the open files: the tabs' underlines would wait minutes behind it.
"""

from __future__ import annotations

import atexit
import multiprocessing
import signal
import threading
import weakref
from typing import Any

from PySide6.QtCore import QObject, Signal

from .i18n import tr

KILL_AFTER_S = 10.0  # a job told to stop that has not ended by then is ended
# Jobs whose process may still run: ended when the editor exits (the process may not be a daemon,
# a daemon cannot start the lint's worker processes, so multiprocessing would wait for it).
_live: weakref.WeakSet[SiteJob] = weakref.WeakSet()


@atexit.register
def _end_all() -> None:
    for job in list(_live):
        if job.process.is_alive():
            job.process.kill()
            job.process.join(1)


def describe_exit(exitcode: int | None) -> str:
    if exitcode is None:
        return tr("it did not end")
    if exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = str(-exitcode)
        return tr("killed by {signal}").format(signal=name)
    return tr("exited with status {status}").format(status=exitcode)


class SiteJob(QObject):
    message = Signal(object)  # a tuple, see site_jobs
    finished = Signal(object)  # site_jobs.Summary
    failed = Signal(str)

    def __init__(self, kind: str, request: Any, parent: QObject | None = None):
        super().__init__(parent)
        context = multiprocessing.get_context("spawn")
        self._conn, child = context.Pipe(duplex=False)
        self._stop = context.Event()
        from .site_jobs import run_job

        self.process = context.Process(
            target=run_job, args=(kind, request, child, self._stop), name=f"article-studio-{kind}"
        )
        self.process.start()
        _live.add(self)
        child.close()  # only the process holds its end: when it dies, ours reads end-of-file
        self.cancelled = False
        self.ended = threading.Event()
        self._reader = threading.Thread(target=self._read, name=f"site-{kind}-reader", daemon=True)
        self._reader.start()

    def _read(self) -> None:
        ended_well = False
        try:
            while True:
                try:
                    msg = self._conn.recv()
                except (EOFError, OSError):
                    break
                if msg[0] == "done":
                    ended_well = True
                    self._emit(self.finished, msg[1])
                elif msg[0] == "failed":
                    ended_well = True
                    self._emit(self.failed, msg[1])
                else:
                    self._emit(self.message, msg)
            if not ended_well:
                self.process.join(5)
                why = describe_exit(self.process.exitcode)
                self._emit(self.failed, tr("The folder's process ended unexpectedly ({why}).").format(why=why))
        finally:
            self._conn.close()
            self.ended.set()

    def _emit(self, signal_: Any, value: Any) -> None:
        if self.cancelled and signal_ is self.message:
            return
        try:
            signal_.emit(value)
        except RuntimeError:  # the receiver is gone
            pass

    def cancel(self, wait: float = 0.0) -> None:
        """Tell the job to stop; its process ends (a lint saves what it linted). With ``wait``,
        wait that long for it; a process that has not ended ``KILL_AFTER_S`` later is killed."""
        self.cancelled = True
        self._stop.set()
        if wait:
            self.process.join(wait)
            if self.process.is_alive():
                self.process.kill()
            return

        def watch() -> None:
            self.process.join(KILL_AFTER_S)
            if self.process.is_alive():
                self.process.kill()

        threading.Thread(target=watch, name="site-job-stop", daemon=True).start()

    def running(self) -> bool:
        return not self.ended.is_set()
