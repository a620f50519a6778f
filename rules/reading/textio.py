"""Reading and writing article files: encodings, BOMs and line endings.

Articles arrive as UTF-8 (with or without BOM), UTF-16 with BOM, or Shift_JIS/CP932, which
is still common in Japan. Text is handed to the linter with ``\\n`` line endings; whatever
was read is remembered so that every rewrite keeps the file's encoding and line endings.
"""

from __future__ import annotations

import codecs
import os
from dataclasses import dataclass
from pathlib import Path

MAX_FILE_BYTES = 20 * 1024 * 1024


class ReadError(Exception):
    """A file that cannot be linted; the message is one line that names the file."""


@dataclass(frozen=True)
class SourceText:
    text: str  # with "\n" line endings
    encoding: str  # "utf-8", "utf-8-sig", "utf-16-le", "utf-16-be", "cp932"
    newline: str  # "\n" or "\r\n" (or "\r")

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
        """``text`` (with ``\\n``) back into this file's encoding and line endings."""
        if self.newline != "\n":
            text = text.replace("\n", self.newline)
        if self.encoding == "utf-16-le":
            return codecs.BOM_UTF16_LE + text.encode("utf-16-le")
        if self.encoding == "utf-16-be":
            return codecs.BOM_UTF16_BE + text.encode("utf-16-be")
        return text.encode(self.encoding)


def detect_newline(text: str) -> str:
    crlf = text.count("\r\n")
    lf = text.count("\n") - crlf
    if crlf and crlf >= lf:
        return "\r\n"
    if not crlf and not lf and "\r" in text:
        return "\r"
    return "\n"


def decode_bytes(data: bytes, name: str = "<input>") -> SourceText:
    """Decode ``data``; raise ``ReadError`` for binary or undecodable input."""
    if data.startswith(codecs.BOM_UTF8):
        encoding, text = "utf-8-sig", _decode(data[3:], "utf-8", name)
    elif data.startswith(codecs.BOM_UTF16_LE):
        encoding, text = "utf-16-le", _decode(data[2:], "utf-16-le", name)
    elif data.startswith(codecs.BOM_UTF16_BE):
        encoding, text = "utf-16-be", _decode(data[2:], "utf-16-be", name)
    else:
        if b"\x00" in data[:8192]:
            raise ReadError(f"{name}: binary file (contains NUL bytes), not linted")
        try:
            encoding, text = "utf-8", data.decode("utf-8")
        except UnicodeDecodeError as utf8_error:
            try:
                encoding, text = "cp932", data.decode("cp932")
            except UnicodeDecodeError:
                line = data.count(b"\n", 0, utf8_error.start) + 1
                raise ReadError(
                    f"{name}:{line}: not text in UTF-8, UTF-16 or Shift_JIS "
                    f"(undecodable byte 0x{data[utf8_error.start]:02x} at byte {utf8_error.start})"
                ) from None
            if _looks_binary(text):
                raise ReadError(f"{name}: binary file, not linted") from None
    newline = detect_newline(text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return SourceText(text, encoding, newline)


def _decode(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ReadError(f"{name}: invalid {encoding.upper()} at byte {exc.start}") from None


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\t\n\r\f")
    return controls > max(8, len(sample) // 50)


def read_source(path: str | os.PathLike) -> SourceText:
    """Read and decode one article file."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if p.is_dir():
            raise ReadError(f"{p}: is a folder, not a file")
        if size > MAX_FILE_BYTES:
            raise ReadError(
                f"{p}: too large to lint ({size // (1024 * 1024)} MiB; the limit is "
                f"{MAX_FILE_BYTES // (1024 * 1024)} MiB)"
            )
        data = p.read_bytes()
    except FileNotFoundError:
        raise ReadError(f"{p}: no such file") from None
    except PermissionError:
        raise ReadError(f"{p}: permission denied") from None
    except IsADirectoryError:
        raise ReadError(f"{p}: is a folder, not a file") from None
    except OSError as exc:
        raise ReadError(f"{p}: cannot read: {exc.strerror or exc}") from None
    return decode_bytes(data, str(p))


def write_atomic(path: str | os.PathLike, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename, keeping the mode."""
    p = Path(path)
    import tempfile  # only saving needs it; linting only reads

    fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=str(p.parent))
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        try:
            os.chmod(tmp, p.stat().st_mode & 0o7777)
        except FileNotFoundError:
            os.chmod(tmp, 0o644)
        os.replace(tmp, p)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
