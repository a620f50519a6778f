"""Reading and saving article files through the core's guarded reader and writer.

Reading takes only regular files (never blocks on a FIFO or a device). Saving goes through
``rules.write_atomic``, the one guarded write path: atomic, a symbolic link's target is
written and the link kept, read-only files refused, mode, owner and hard links kept, and a
file another program changed since it was read is not overwritten (``SaveConflict``).
Only what was edited changes in the bytes: the rest keeps its encoding variants and line
endings exactly.
"""

from __future__ import annotations

from collections.abc import Iterable

from article_studio.rules import ReadError, SourceText, WriteConflict, read_regular_file, read_source, write_atomic

__all__ = ["ReadError", "SaveConflict", "SaveError", "load", "new_source", "read_disk", "save"]


class SaveError(Exception):
    """A save that did not happen; the file on disk is unchanged."""


class SaveConflict(SaveError):
    """The file on disk changed since it was read or saved here (another program wrote it):
    saving now would overwrite that version, so the user is asked first."""


def load(path: str) -> SourceText:
    return read_source(path)


def read_disk(path: str) -> bytes | None:
    """The file's bytes as they are now; None when it is missing or not a readable regular file."""
    try:
        return read_regular_file(path)
    except ReadError:
        return None


def new_source(text: str = "") -> SourceText:
    return SourceText(text, "utf-8", "\n")


def save(path: str, text: str, source: SourceText, expect: Iterable[bytes | None] | None = None) -> SourceText:
    """Write ``text`` in ``source``'s encoding and line endings, through the core's guarded writer.

    ``expect``: the versions of the file this save may replace (``None`` among them: the file
    may be missing); another version on disk raises SaveConflict. Returns the source as now
    saved (its ``raw`` the bytes written). A character the encoding cannot hold (e.g. an
    emoji in a Shift_JIS file) raises SaveError before anything is written.
    """
    try:
        data = source.encode(text)
    except UnicodeEncodeError as exc:
        bad = exc.object[exc.start : exc.end]
        line = text.count("\n", 0, exc.start) + 1
        column = exc.start - (text.rfind("\n", 0, exc.start) + 1) + 1
        raise SaveError(f"{path}:{line}:{column}: {bad!r} cannot be saved as {source.label}") from None
    try:
        write_atomic(path, data, expect=None if expect is None else tuple(expect))
    except WriteConflict as exc:
        raise SaveConflict(str(exc)) from None
    except OSError as exc:
        raise SaveError(str(exc)) from None
    return SourceText(text, source.encoding, source.newline, data)
