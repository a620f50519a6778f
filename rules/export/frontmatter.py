"""Rewriting ``reading_time`` in the front matter's own text.

The header is edited in place, never re-dumped: every other key, its value, its quoting,
comments and the key order stay exactly as the author wrote them.
"""

from __future__ import annotations

import re

from ..model import Edit
from ..reading.document import Document
from ..reading.textstats import character_count, reading_minutes

KEYS = ("reading_time", "readingTime", "reading-time")


def declared_minutes(value) -> int | None:
    """``8``, ``"8"``, ``"8分"``, ``"8 min"``; None for anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        m = re.match(r"\s*(\d{1,6})", value)
        return int(m.group(1)) if m else None
    return None


def reading_time_edit(doc: Document, speed: int) -> tuple[Edit | None, int | None, int | None]:
    """The edit that sets the declared reading time to the body's, with the old and new minutes.

    Returns ``(None, old, new)`` when nothing needs changing or the value cannot be edited
    safely (missing key, not a number, a header that does not parse).
    """
    fm = doc.front_matter
    if fm is None or not fm.ok:
        return None, None, None
    key = next((k for k in KEYS if k in fm.data), None)
    if key is None:
        return None, None, None
    old = declared_minutes(fm.data[key])
    new = reading_minutes(character_count(doc), speed)
    if old is None or old == new:
        return None, old, new
    sep = ":" if fm.format == "yaml" else "="
    line = re.compile(rf"^{re.escape(key)}[ \t]*{sep}[ \t]*[\"']?[ \t]*(\d+)", re.M)
    m = line.search(doc.text, fm.content_start, fm.content_start + len(fm.raw))
    if m is None or int(m.group(1)) != old:
        return None, old, new
    return Edit(m.start(1), m.end(1), str(new)), old, new
