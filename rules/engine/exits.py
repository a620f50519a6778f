"""How a worker process ended, kept apart from ``pool`` so that a one-file run, which never
starts a pool, does not import ``multiprocessing`` to know these names."""

from __future__ import annotations

import signal


class ProcessDied(RuntimeError):
    """A process that did part of the work died: its part is lost (and doing it here would
    most likely kill this process too)."""


def describe_exit(exitcode: int | None) -> str:
    """How a process ended, in words: ``killed by SIGSEGV``, ``exited with status 3``."""
    if exitcode is None:
        return "ended"
    if exitcode < 0:
        try:
            return f"killed by {signal.Signals(-exitcode).name}"
        except ValueError:
            return f"killed by signal {-exitcode}"
    return f"exited with status {exitcode}"
