"""Reading and saving article files: encodings and line endings are kept, saves are atomic."""

from __future__ import annotations

from PySide6.QtCore import QSaveFile

from article_studio.rules import ReadError, SourceText, read_source

__all__ = ["ReadError", "SaveConflict", "SaveError", "load", "save", "new_source"]


class SaveError(Exception):
    """A save that did not happen; the file on disk is unchanged."""


class SaveConflict(SaveError):
    """The file on disk changed since it was read or saved here (another program wrote it):
    saving now would overwrite that version, so the user is asked first."""


def load(path: str) -> SourceText:
    return read_source(path)


def new_source(text: str = "") -> SourceText:
    return SourceText(text, "utf-8", "\n")


def save(path: str, text: str, source: SourceText) -> bytes:
    """Write ``text`` in ``source``'s encoding and line endings, atomically (QSaveFile).

    Returns the bytes written. A character the encoding cannot hold (e.g. an emoji in a
    Shift_JIS file) raises SaveError before anything is written.
    """
    try:
        data = source.encode(text)
    except UnicodeEncodeError as exc:
        bad = exc.object[exc.start : exc.end]
        raise SaveError(f"{path}: {bad!r} cannot be saved as {source.label}") from None
    f = QSaveFile(path)
    if not f.open(QSaveFile.WriteOnly):
        raise SaveError(f"{path}: {f.errorString()}")
    f.write(data)
    if not f.commit():
        raise SaveError(f"{path}: {f.errorString()}")
    return data
