"""Autosave to a recovery folder, and what is left there after a crash.

Each modified document has one JSON file (its text plus the path, encoding and line
ending it came from, and the writer's process id). A clean save or close deletes it; a
file whose process is gone is a crash's leftover and is offered at the next start.
Unsaved text is private: the folder is 0700 and each file 0600. A file that is not a
recovery entry (damaged, or written by something else) is left alone and never stops the
editor from starting.
"""

from __future__ import annotations

import json
import os
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from article_studio import rules

from .paths import recovery_dir


@dataclass
class Entry:
    id: str
    path: str | None
    text: str
    encoding: str
    newline: str
    pid: int
    saved_at: float
    file: Path


def new_id() -> str:
    return uuid.uuid4().hex


def _folder() -> Path:
    """The recovery folder, readable by its owner only."""
    folder = recovery_dir()
    if os.name == "posix" and folder.stat().st_mode & 0o077:
        os.chmod(folder, 0o700)
    return folder


def write(entry_id: str, path: str | None, text: str, encoding: str, newline: str) -> Path:
    folder = _folder()
    target = folder / f"{entry_id}.json"
    payload = {
        "id": entry_id,
        "path": path,
        "text": text,
        "encoding": encoding,
        "newline": newline,
        "pid": os.getpid(),
        "saved_at": time.time(),
    }
    data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    # The one guarded writer: whole or not at all, 0600 when new, never through a link out.
    rules.write_atomic(target, data, within=folder, private=True)
    return target


def remove(entry_id: str) -> None:
    try:
        (recovery_dir() / f"{entry_id}.json").unlink()
    except FileNotFoundError:
        pass


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if not 0 < pid < 2**31:  # no process of ours; os.kill would signal a whole group
        return False
    if os.name == "nt":  # os.kill there terminates the process: ask Windows instead
        return _windows_process_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _windows_process_alive(pid: int) -> bool:  # pragma: no cover - Windows only
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return False
    try:
        code = ctypes.c_ulong()
        return bool(kernel32.GetExitCodeProcess(handle, ctypes.byref(code))) and code.value == 259  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


def pending() -> list[Entry]:
    """Autosaves left by editors that are no longer running, newest first."""
    out = []
    for f in _folder().glob("*.json"):
        entry = _parse(f)
        if entry is not None and not _alive(entry.pid):
            out.append(entry)
    return sorted(out, key=lambda e: -e.saved_at)


_ENCODINGS = ("utf-8", "utf-8-sig", "utf-16-le", "utf-16-be", "cp932")


def _parse(f: Path) -> Entry | None:
    """The entry in ``f``, or None when it is not a well-formed recovery entry."""
    try:
        if not f.is_file():
            return None
        data = json.loads(f.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict):
        return None
    path, text = data.get("path"), data.get("text")
    encoding, newline = data.get("encoding", "utf-8"), data.get("newline", "\n")
    pid, saved_at = data.get("pid", 0), data.get("saved_at", 0)
    if not (
        isinstance(data.get("id"), str)
        and isinstance(text, str)
        and (path is None or isinstance(path, str))
        and encoding in _ENCODINGS
        and newline in ("\n", "\r\n", "\r")
        and isinstance(pid, int)
        and not isinstance(pid, bool)
        and isinstance(saved_at, (int, float))
    ):
        return None
    return Entry(data["id"], path, text, encoding, newline, pid, float(saved_at), f)


def discard(entry: Entry) -> None:
    try:
        entry.file.unlink()
    except FileNotFoundError:
        pass
