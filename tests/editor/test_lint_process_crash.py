"""The lint process dying on a text: the editor says linting stopped, never lints in its own
process (what killed the lint process would kill the editor, with unsaved work), and starts a
new lint process for the next edit."""

from __future__ import annotations

import os
import signal

from article_studio import rules


def _die() -> None:
    """Called in the lint process when it unpickles the request: dies there as a crash in C would."""
    os.kill(os.getpid(), signal.SIGSEGV)


class KillsTheLintProcess:
    """A config whose unpickling, in the lint process, kills that process."""

    def __reduce__(self):
        return (_die, ())


def test_the_lint_process_dying_stops_linting_and_the_next_edit_restarts_it():
    from article_studio.editor.lint_worker import LintWorker, Request, shutdown_pool

    worker = LintWorker()
    results, previews = [], []
    worker.finished.connect(results.append)
    worker.rendered.connect(previews.append)
    try:
        worker.post(Request(1, "本文です。\n\n---END---\n", None, KillsTheLintProcess(), None, 500, False))
        worker.run_pending()
        assert len(results) == 1
        stopped = results[0]
        assert stopped.revision == 1 and stopped.error and "Linting stopped" in stopped.error
        assert stopped.diagnostics == []
        assert os.getpid()  # still here: the text was not linted in this process

        worker.post(Request(2, "本文です。\n\n---END---\n", None, rules.Config(), None, 500, False))
        worker.run_pending()
        assert results[-1].revision == 2 and results[-1].error is None
        assert [d.code for d in results[-1].diagnostics].count("AG001") == 1
        assert previews and previews[-1].revision == 2 and "本文" in previews[-1].html
    finally:
        shutdown_pool()
