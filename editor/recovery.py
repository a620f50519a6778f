"""Autosave to a recovery folder, and what is left there after a crash.

Each modified document has one JSON file (its text plus the path, encoding and line
ending it came from, and the writer's process id). A clean save or close deletes it; a
file whose process is gone is a crash's leftover and is offered at the next start.
"""

from __future__ import annotations

import json
import os
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

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


def write(entry_id: str, path: str | None, text: str, encoding: str, newline: str) -> Path:
    folder = recovery_dir()
    target = folder / f"{entry_id}.json"
    tmp = folder / f".{entry_id}.tmp"
    payload = {
        "id": entry_id,
        "path": path,
        "text": text,
        "encoding": encoding,
        "newline": newline,
        "pid": os.getpid(),
        "saved_at": time.time(),
    }
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(payload, fh, ensure_ascii=False)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, target)
    return target


def remove(entry_id: str) -> None:
    try:
        (recovery_dir() / f"{entry_id}.json").unlink()
    except FileNotFoundError:
        pass


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def pending() -> list[Entry]:
    """Autosaves left by editors that are no longer running, newest first."""
    out = []
    for f in recovery_dir().glob("*.json"):
        try:
            data = json.loads(f.read_text(encoding="utf-8"))
            entry = Entry(
                data["id"],
                data.get("path"),
                data["text"],
                data.get("encoding", "utf-8"),
                data.get("newline", "\n"),
                int(data.get("pid", 0)),
                float(data.get("saved_at", 0)),
                f,
            )
        except (OSError, ValueError, KeyError):
            continue
        if not _alive(entry.pid):
            out.append(entry)
    return sorted(out, key=lambda e: -e.saved_at)


def discard(entry: Entry) -> None:
    try:
        entry.file.unlink()
    except FileNotFoundError:
        pass
