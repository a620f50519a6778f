"""Worker processes that take one task at a time, so that a worker that dies costs only its task.

A crash in a C library (MeCab, YAML's C parser), the kernel ending a process that ran out of
memory, or a stack overflow kills the process that hit it. ``concurrent.futures``' pool then
fails every task it has not finished, and which task killed it is unknown. Here each worker is
given its next task only when it has returned the last one, so the task a dead worker was on is
known: it gets a ``Died`` in place of its result, a new worker takes its place, and the other
tasks go on.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

from .exits import describe_exit


@dataclass(frozen=True)
class Died:
    """The task's worker ended before it returned a result, or the task raised."""

    reason: str


def _serve(conn: Connection, work: Callable[[Any], Any], initializer: Callable[[], None] | None) -> None:
    """A worker: run ``work`` on each task received until told to stop (None)."""
    if initializer is not None:
        initializer()
    while True:
        try:
            item = conn.recv()
        except (EOFError, OSError):
            return
        if item is None:
            return
        index, task = item
        try:
            reply: tuple[int, Any, str | None] = (index, work(task), None)
        except Exception as exc:  # an error of the task, not of the worker: report it, go on
            reply = (index, None, f"{type(exc).__name__}: {exc}")
        try:
            conn.send(reply)
        except Exception as exc:  # a result that cannot be sent back
            conn.send((index, None, f"cannot return the result: {type(exc).__name__}: {exc}"))


class _Worker:
    def __init__(self, context, work, initializer) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child, work, initializer), daemon=True)
        self.process.start()
        child.close()  # only the worker holds its end: when it dies, ours reads end-of-file
        self.task: int | None = None

    def give(self, index: int, task: Any) -> None:
        self.conn.send((index, task))
        self.task = index

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except OSError:
            pass
        self.process.join(5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()

    def kill(self) -> None:
        self.process.kill()
        self.process.join()
        self.conn.close()


def run_tasks(
    work: Callable[[Any], Any],
    tasks: Sequence[Any],
    jobs: int,
    *,
    order: Sequence[int] | None = None,
    initializer: Callable[[], None] | None = None,
    progress: Callable[[int, int], None] | None = None,
    on_result: Callable[[int, Any], None] | None = None,
) -> list[Any]:
    """``work(task)`` for every task in ``jobs`` worker processes; results in the order of ``tasks``.

    A task whose worker died, or that raised, gets a ``Died`` saying how. ``order`` is the order
    the tasks are handed out in (default: as given). ``work`` and ``initializer`` must be
    functions a worker can import (module level). ``on_result(index, result)`` is called as each
    task's result comes back; an exception it raises stops the workers and is raised here.
    """
    context = multiprocessing.get_context()
    waiting = deque(range(len(tasks)) if order is None else order)
    results: list[Any] = [None] * len(tasks)
    workers: list[_Worker] = []
    done = 0

    def hand_out(worker: _Worker) -> None:
        """Give ``worker`` the next task; a worker that cannot take it is replaced."""
        while waiting:
            index = waiting.popleft()
            try:
                worker.give(index, tasks[index])
                return
            except OSError:  # it died between two tasks: the task goes to a new worker
                waiting.appendleft(index)
                worker.kill()
                workers.remove(worker)
                worker = _Worker(context, work, initializer)
                workers.append(worker)

    try:
        for _ in range(min(jobs, len(waiting))):
            workers.append(_Worker(context, work, initializer))
            hand_out(workers[-1])
        while any(w.task is not None for w in workers):
            busy = {w.conn: w for w in workers if w.task is not None}
            for conn in wait(list(busy)):
                worker = busy[conn]
                index = worker.task
                assert index is not None
                worker.task = None
                try:
                    got, value, error = worker.conn.recv()
                except (EOFError, OSError):  # the worker died on this task
                    worker.process.join()
                    results[index] = Died(describe_exit(worker.process.exitcode))
                    worker.conn.close()
                    workers.remove(worker)
                    worker = _Worker(context, work, initializer) if waiting else None  # type: ignore[assignment]
                    if worker is not None:
                        workers.append(worker)
                else:
                    results[got] = Died(error) if error is not None else value
                done += 1
                if on_result:
                    on_result(index, results[index])
                if progress:
                    progress(done, len(tasks))
                if worker is not None:
                    hand_out(worker)
    except BaseException:
        for worker in workers:
            worker.kill()
        raise
    for worker in workers:
        worker.stop()
    return results
