"""Linting one document on two cores: about half of the rules run in a forked process.

A run on a single file (a pre-commit hook, one article in CI, ``article-lint post.md``) would
leave the machine's other cores idle, and most of its time is the rules'. The process forks;
the child runs one group of rules and sends its findings back through a pipe while the
parent runs the other group. The rules are independent (each runs once on the same
document), so the merged, sorted findings are the ones a single process finds. The process
forks before the rules are loaded (the groups are read from the rule catalogue), so loading
them, which is a good part of a short run, is split too.

A document of up to ``PARSE_IN_EACH_UP_TO`` characters is parsed by each process after the
fork, both at once: on a short run that is faster than parsing once before it, which is
time on one core while the other waits. A longer document is parsed once before the fork
and shared, as a second copy of its blocks would cost more memory than it saves time.
MeCab's dictionary is loaded before the fork either way.

The groups keep apart the rules that read MeCab's tokens, so that no text goes through MeCab
in both processes: the rules that declare ``second_process`` (those that tokenize every
prose text, over sentences, paragraphs or Str runs, and the terminology rule, about half of
the work on a typical article) in the child, the others (rules over characters and patterns,
spelling, the prh dictionaries, the front-matter, Markdown, repetition and generation checks,
and the few that tokenize a word or two) here. ``bench/two_halves.py`` shows how even the
groups are and what text, if any, both send to MeCab.

Only where ``os.fork`` is safe and cheap (Linux), with more than one core, and for documents
long enough to pay for the fork. If the child fails, its rules run here instead, unless it was
killed by a signal (a crash would most likely recur here): then the file gets an error.
"""

from __future__ import annotations

import os
import pickle
import sys
from typing import Any

from ..model import Diagnostic
from ..reading.document import Document
from .config import Config

# Below this, forking costs more than the child saves.
MIN_CHARACTERS = 4000
# Up to this size, each process parses the document itself (see above); 200,000 characters
# of blocks and sentences are a few MB.
PARSE_IN_EACH_UP_TO = 200_000


def available() -> bool:
    return sys.platform.startswith("linux") and hasattr(os, "fork") and (os.cpu_count() or 1) > 1


def shared_document(text: str, path: str | None) -> Document | None:
    """The document both processes use, parsed before the fork: only for a long text (see
    ``PARSE_IN_EACH_UP_TO``); None when each process parses its own."""
    return Document(text, path) if len(text) > PARSE_IN_EACH_UP_TO else None


def prepare_shared(entries: list[Any], doc: Document | None = None) -> None:
    """What both processes need, done once before the fork: MeCab's dictionary when either
    group has Japanese or terminology rules, and the parse of ``doc`` when it is shared."""
    if doc is not None:
        doc.blocks, doc.sentences  # noqa: B018 - parsed here, so once
    if any(entry.code.startswith(("JA", "TM")) for entry in entries):
        from ..reading import morph

        morph.load()


def collect_on_two_cores(
    text: str, config: Config, path: str | None, site: Any = None, notes: list[str] | None = None
) -> tuple[list[Diagnostic], Document] | None:
    """The findings (as ``run.collect`` returns them) of the rules that run for the file
    ``path`` whose text is ``text``, found by two processes, and this process's ``Document``
    of it; None when not worth it.

    The split is read from the rule catalogue, so the process forks before any rule is loaded:
    each process imports, prepares and runs only its own group."""
    from .run import collect, resolve_rules, running_entries

    entries = [entry for entry, _ in running_entries(config, path)]
    second = [entry.second_process for entry in entries]
    if all(second) or not any(second) or len(text) < MIN_CHARACTERS or not available():
        return None
    shared = shared_document(text, path)
    prepare_shared(entries, shared)

    def document() -> Document:
        return shared if shared is not None else Document(text, path)

    def there(entry) -> bool:
        return entry.second_process

    def here(entry) -> bool:
        return not entry.second_process

    read_end, write_end = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return None
    if pid == 0:  # the child: run its rules, send the findings, leave without cleanup
        status = 1
        try:
            os.close(read_end)
            child_notes: list[str] = []
            doc = document()
            found = collect(doc, config, resolve_rules(config, path, there), site, child_notes)
            data = pickle.dumps((found, child_notes))
            with os.fdopen(write_end, "wb") as out:
                out.write(data)
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    try:
        doc = document()
        found = collect(doc, config, resolve_rules(config, path, here), site, notes)
    finally:  # even when this side fails (a configuration error), the child is read and reaped
        with os.fdopen(read_end, "rb") as incoming:
            answer = _answer(incoming.read())
        if answer is not None:
            _reap_later(pid)
        else:
            _, status = os.waitpid(pid, 0)
    if answer is None:
        if os.WIFSIGNALED(status):  # a crash (or the system ending it) would most likely recur here
            from .exits import ProcessDied, describe_exit

            raise ProcessDied(f"the process that ran half of the rules was {describe_exit(-os.WTERMSIG(status))}")
        # The child failed or sent nothing usable: do its part here.
        return found + collect(doc, config, resolve_rules(config, path, there), site, notes), doc
    child_found, child_notes = answer
    if notes is not None:
        notes.extend(child_notes)
    else:
        for note in child_notes:
            print(note, file=sys.stderr)
    return found + child_found, doc


def _answer(data: bytes) -> tuple[list[Diagnostic], list[str]] | None:
    """The child's findings and notes, or None when it sent none: it writes them only once
    its rules have all run, and pickle's framing tells a whole message from a cut one."""
    if not data:
        return None
    try:
        found, notes = pickle.loads(data)
    except Exception:
        return None
    return found, notes


def _reap_later(pid: int) -> None:
    """Wait for a child that has sent everything, in the background: it is only exiting, and
    freeing its memory takes a few ms this process need not spend waiting."""
    import threading

    def wait() -> None:
        try:
            os.waitpid(pid, 0)
        except ChildProcessError:  # already reaped
            pass

    threading.Thread(target=wait, name="two-cores-reaper", daemon=True).start()
