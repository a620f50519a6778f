"""Reading article files: only regular files, a size cap, and the encoding decided from the evidence.

Articles arrive as UTF-8 (with or without BOM), UTF-16 with BOM, or Shift_JIS/CP932, which
is still common in Japan. Text is handed to the linter with ``\\n`` line endings; the bytes
that were read are kept, so that a rewrite changes only the bytes of what it edits
(``SourceText.encode``): Shift_JIS's duplicate codes, mixed line endings and a lone CR stay
as they were everywhere else.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from dataclasses import dataclass, field

MAX_FILE_BYTES = 20 * 1024 * 1024
_CHUNK = 1 << 20
_ASCII = bytes(range(128))


class ReadError(Exception):
    """A file that cannot be linted; the message is one line that names the file."""


@dataclass(frozen=True)
class SourceText:
    text: str  # with "\n" line endings
    encoding: str  # "utf-8", "utf-8-sig", "utf-16-le", "utf-16-be", "cp932"
    newline: str  # the usual line ending: "\n" or "\r\n" (or "\r")
    # The bytes ``text`` was decoded from (None for text that came from no file). A UTF-8
    # file cut inside its last character keeps those bytes in ``raw`` but not in ``text``.
    raw: bytes | None = field(default=None, repr=False, compare=False)
    notes: tuple[str, ...] = field(default=(), compare=False)

    @property
    def label(self) -> str:
        return {
            "utf-8": "UTF-8",
            "utf-8-sig": "UTF-8 (BOM)",
            "utf-16-le": "UTF-16",
            "utf-16-be": "UTF-16 (BE)",
            "cp932": "Shift_JIS",
        }.get(self.encoding, self.encoding)

    def encode(self, text: str) -> bytes:
        """``text`` (with ``\\n``) back into this file's encoding and line endings.

        When the text was read from bytes, what ``text`` did not change keeps the exact bytes
        it was read from (see ``splice``). Raises ``UnicodeEncodeError`` (its ``start`` an
        offset in ``text``) for a character the encoding cannot hold.
        """
        from .splice import splice_encode

        return splice_encode(self, text)


def detect_newline(text: str) -> str:
    crlf = text.count("\r\n")
    lf = text.count("\n") - crlf
    cr = text.count("\r") - crlf
    # The most frequent; on a tie CRLF, then LF (a file with no line break: LF).
    return max((crlf, 2, "\r\n"), (lf, 1, "\n"), (cr, 0, "\r"))[2] if crlf or lf or cr else "\n"


def line_column(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and byte column of byte ``offset`` (lines end at LF, CRLF or a lone CR)."""
    head = data[:offset]
    line_start = max(head.rfind(b"\n"), head.rfind(b"\r")) + 1
    return len(re.findall(rb"\r\n|\r|\n", head)) + 1, offset - line_start + 1


def decode_bytes(data: bytes, name: str = "<input>") -> SourceText:
    """Decode ``data``; raise ``ReadError`` for binary or undecodable input."""
    notes: tuple[str, ...] = ()
    if data.startswith(codecs.BOM_UTF8):
        encoding, text = "utf-8-sig", _decode(data, 3, "utf-8", name)
    elif data.startswith(codecs.BOM_UTF16_LE):
        encoding, text = "utf-16-le", _decode(data, 2, "utf-16-le", name)
    elif data.startswith(codecs.BOM_UTF16_BE):
        encoding, text = "utf-16-be", _decode(data, 2, "utf-16-be", name)
    else:
        if b"\x00" in data[:8192]:
            raise ReadError(f"{name}: binary file (contains NUL bytes), not linted")
        encoding, text, notes = _decode_unmarked(data, name)
    newline = detect_newline(text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return SourceText(text, encoding, newline, data, notes)


def _decode_unmarked(data: bytes, name: str) -> tuple[str, str, tuple[str, ...]]:
    """UTF-8 or Shift_JIS, whichever the bytes show; a UTF-8 file with a broken character
    stays UTF-8 (cut at the end: read without it, with a note; elsewhere: an error)."""
    try:
        return "utf-8", data.decode("utf-8"), ()
    except UnicodeDecodeError as exc:
        utf8_error = exc
    start = utf8_error.start
    if utf8_error.reason == "unexpected end of data" and utf8_error.end == len(data):
        line, col = line_column(data, start)
        cut = " ".join(f"{b:02x}" for b in data[start:])
        note = (
            f"line {line}, column {col}: the file ends inside a UTF-8 character (bytes {cut}); "
            f"read without it, and the bytes are kept when the file is rewritten"
        )
        return "utf-8", data[:start].decode("utf-8"), (note,)
    if _mostly_utf8(data):
        line, col = line_column(data, start)
        raise ReadError(
            f"{name}:{line}:{col}: invalid UTF-8 (byte 0x{data[start]:02x} at byte {start}); "
            f"the rest of the file is UTF-8, so it is not read as Shift_JIS"
        )
    try:
        text = data.decode("cp932")
    except UnicodeDecodeError:
        line, col = line_column(data, start)
        raise ReadError(
            f"{name}:{line}:{col}: not text in UTF-8, UTF-16 or Shift_JIS "
            f"(undecodable byte 0x{data[start]:02x} at byte {start})"
        ) from None
    if _looks_binary(text):
        raise ReadError(f"{name}: binary file, not linted")
    return "cp932", text, ()


def _mostly_utf8(data: bytes) -> bool:
    """Many well-formed multi-byte UTF-8 characters and few broken bytes: UTF-8 with damage.

    Shift_JIS text almost never forms valid UTF-8 sequences (its second bytes are mostly
    outside 0x80-0xBF and its kana start with 0x82/0x83), so a file where valid ones far
    outnumber invalid bytes is UTF-8.
    """
    text = data.decode("utf-8", "surrogateescape")  # each invalid byte becomes one lone surrogate
    invalid = len(text) - len(text.encode("utf-8", "ignore").decode("utf-8"))
    ascii_bytes = len(data) - len(data.translate(None, _ASCII))
    valid = len(text) - invalid - ascii_bytes
    return valid >= 8 and valid >= 4 * invalid


def _decode(data: bytes, skip: int, encoding: str, name: str) -> str:
    try:
        return data[skip:].decode(encoding)
    except UnicodeDecodeError as exc:
        at = skip + exc.start
        line, col = line_column(data, at) if encoding == "utf-8" else (None, None)
        where = f"{name}:{line}:{col}" if line else name
        raise ReadError(f"{where}: invalid {encoding.upper()} at byte {at}") from None


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\t\n\r\f")
    return controls > max(8, len(sample) // 50)


_KINDS = (
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def read_regular_file(path: str | os.PathLike, limit: int | None = None) -> bytes:
    """The bytes of ``path`` if it is a regular file (after symlinks) of at most ``limit`` bytes.

    Folders, FIFOs, devices and sockets are refused without being opened in a way that could
    block; a symlink loop, a dangling link and a missing file are one-line ``ReadError``s.
    """
    name = os.fspath(path)
    limit = MAX_FILE_BYTES if limit is None else limit
    try:
        st = os.stat(name)
    except FileNotFoundError:
        if os.path.islink(name):
            raise ReadError(f"{name}: a symbolic link to a file that does not exist") from None
        raise ReadError(f"{name}: no such file") from None
    except OSError as exc:
        raise ReadError(_os_message(name, exc)) from None
    if stat.S_ISDIR(st.st_mode):
        raise ReadError(f"{name}: is a folder, not a file")
    if not stat.S_ISREG(st.st_mode):
        raise ReadError(f"{name}: {_kind(st.st_mode)}, not a regular file; not read")
    _check_size(name, st.st_size, limit)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(name, flags)
    except OSError as exc:
        raise ReadError(_os_message(name, exc)) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):  # replaced between the two looks
            raise ReadError(f"{name}: {_kind(st.st_mode)}, not a regular file; not read")
        chunks, total = [], 0
        while total <= limit:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        _check_size(name, total, limit)
        return b"".join(chunks)
    except OSError as exc:
        raise ReadError(_os_message(name, exc)) from None
    finally:
        os.close(fd)


def _check_size(name: str, size: int, limit: int) -> None:
    if size > limit:
        mib = 1024 * 1024
        raise ReadError(f"{name}: too large to lint ({size / mib:.1f} MiB or more; the limit is {limit / mib:.0f} MiB)")


def _os_message(name: str, exc: OSError) -> str:
    import errno

    if exc.errno == errno.ELOOP:
        return f"{name}: a loop of symbolic links; not read"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"{name}: permission denied"
    if exc.errno == errno.ENOENT:
        return f"{name}: no such file"
    if exc.errno == errno.EISDIR:
        return f"{name}: is a folder, not a file"
    return f"{name}: cannot read: {exc.strerror or exc}"


def read_source(path: str | os.PathLike) -> SourceText:
    """Read and decode one article file (a regular file, after symlinks, within the size cap)."""
    name = os.fspath(path)
    return decode_bytes(read_regular_file(name), name)
