"""Helpers the front-matter rules share: the post's profile and JSON-friendly values."""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any

from ...engine.profiles import detect_profile


def parsed(doc) -> dict[str, Any] | None:
    """The front-matter mapping, or None when there is none or it did not parse (FM001's job)."""
    fm = doc.front_matter
    if fm is None or not fm.ok:
        return None
    return fm.data


def profile_of(doc, ctx) -> str:
    fm = doc.front_matter
    data = fm.data if fm is not None and fm.ok else {}
    return detect_profile(data, doc.path, getattr(ctx.config, "profile", None))


def header_span(doc) -> tuple[int, int]:
    """The opening fence line: where problems of the header as a whole are shown."""
    fm = doc.front_matter
    if fm is None:
        return 0, 0
    return fm.span[0], max(fm.span[0], fm.content_start - 1)


def value_span(doc, key: str) -> tuple[int, int]:
    return doc.front_matter.value_span(key)


def to_json(value: Any) -> Any:
    """YAML/TOML values as JSON Schema sees them: dates and times become ISO strings."""
    if isinstance(value, _dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, (_dt.date, _dt.time)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    return value


_DATE_RE = re.compile(
    r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?"
    r"\s*(Z|[+-]\d{2}(?::?\d{2})?)?\s*$"
)


def parse_date(value: Any) -> _dt.datetime | None:
    """A front-matter date (YAML date/datetime or a Jekyll/Zenn/Hugo date string), else None.

    The result keeps the date as written (its wall-clock fields); the time zone is attached
    when one was given.
    """
    if isinstance(value, _dt.datetime):
        return value
    if isinstance(value, _dt.date):
        return _dt.datetime(value.year, value.month, value.day)
    if not isinstance(value, str):
        return None
    m = _DATE_RE.match(value)
    if not m:
        return None
    y, mo, d, h, mi, s, tz = m.groups()
    tzinfo = None
    if tz:
        if tz == "Z":
            tzinfo = _dt.UTC
        else:
            digits = tz[1:].replace(":", "")
            minutes = int(digits[:2]) * 60 + (int(digits[2:4]) if len(digits) >= 4 else 0)
            if minutes >= 24 * 60:
                return None
            tzinfo = _dt.timezone(_dt.timedelta(minutes=-minutes if tz[0] == "-" else minutes))
    try:
        return _dt.datetime(int(y), int(mo), int(d), int(h or 0), int(mi or 0), int(s or 0), tzinfo=tzinfo)
    except ValueError:
        return None
