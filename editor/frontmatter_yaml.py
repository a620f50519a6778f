"""Writing one value into a post's YAML header without disturbing the rest of it.

The header is edited in place: only the value's own characters change, so comments, key order,
quoting and the other keys stay as the writer left them. Strings keep their style (quoted
stays quoted, plain stays plain when the value reads back the same); lists stay lists, in flow
(``[a, b]``) or block (``- a``) style as they were. Every write is checked by reading the new
header back with the linter's own parser: if the key does not come back with the intended
value, or any other key changed, nothing is written. Pure Python, no Qt.
"""

from __future__ import annotations

import datetime as _dt
import json
import re

from article_studio import rules

# A plain scalar that YAML reads as that very string (checked again by reading it back).
_PLAIN_SAFE = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`][^\n#]*(?<!\s)")


class WriteRefused(Exception):
    """The value cannot be written without changing what the header means."""


def read_value(plain: str):
    """What the linter reads for ``key: <plain>``."""
    fm = rules.parse_document(f"---\nk: {plain}\n---\n").front_matter
    return None if fm is None or fm.error else fm.data.get("k")


def _same(read, want) -> bool:
    if isinstance(want, (_dt.date, _dt.datetime)):
        return read == want
    if isinstance(read, (_dt.date, _dt.datetime)):
        return False
    return type(read) is type(want) and read == want


def scalar(value, quoted: bool = False) -> str:
    """``value`` as a YAML scalar: plain when it reads back the same (and not ``quoted``)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, (int, float)):
        return json.dumps(value)
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    text = str(value)
    if not quoted and _PLAIN_SAFE.fullmatch(text) and _same(read_value(text), text):
        return text
    return json.dumps(text, ensure_ascii=False)


def _flow_list(items: list) -> str:
    return "[" + ", ".join(json.dumps(str(v), ensure_ascii=False) for v in items) + "]"


def render_value(value, original: str | None, column: int) -> str:
    """The source text for ``value`` replacing ``original`` (None: a new key) at ``column``."""
    if isinstance(value, list):
        if original is not None and original.lstrip().startswith("-") and value:
            indent = " " * column
            return ("\n" + indent).join(f"- {scalar(v)}" for v in value)
        return _flow_list(value)
    quoted = original is not None and original[:1] in ("'", '"')
    if original is None and isinstance(value, str):
        quoted = True  # a new key: the unambiguous form
    return scalar(value, quoted=quoted)


def set_value(text: str, key: str, value) -> str:
    """``text`` with ``key: value`` in its YAML header.

    Raises WriteRefused when there is no closed YAML header, when it does not parse, or
    when the result would not read back as intended.
    """
    fm = rules.parse_document(text).front_matter
    if fm is None or fm.format != "yaml" or not fm.closed:
        raise WriteRefused("no YAML front matter")
    if fm.error or not isinstance(fm.data, dict):
        raise WriteRefused(fm.error or "the front matter is not a mapping")
    before = dict(fm.data)
    span = fm.key_spans.get(key)
    if key in before and span is not None:
        s, e = span
        original = text[s:e]
        if before[key] is None and original == key:  # ``key:`` with no value: write after the colon
            colon = text.index(":", e)
            new = text[: colon + 1] + " " + render_value(value, None, 0) + text[colon + 1 :]
        else:
            body = original.rstrip()
            trail = original[len(body) :]
            if isinstance(value, list) and not value and body.startswith("-"):
                # An empty block list becomes ``[]`` right after the colon.
                colon = text.rindex(":", 0, s)
                new = text[: colon + 1] + " []" + trail + text[e:]
            else:
                column = s - (text.rfind("\n", 0, s) + 1)
                new = text[:s] + render_value(value, body, column) + trail + text[e:]
    elif key in before:
        raise WriteRefused(f"{key}: its place in the header is unknown")
    else:
        # A new key goes on its own line just above the closing fence.
        index = rules.LineIndex(text)
        line = index.line_of(max(0, fm.span[1] - 1))
        start, end = index.line_span(line)
        if not text[start:end].strip():
            start, _ = index.line_span(line - 1)
        new = text[:start] + f"{key}: {render_value(value, None, 0)}\n" + text[start:]
    after_fm = rules.parse_document(new).front_matter
    if after_fm is None or after_fm.error or not isinstance(after_fm.data, dict):
        raise WriteRefused("the header would not parse")
    after = dict(after_fm.data)
    got = after.pop(key, None)
    before.pop(key, None)
    if after != before or not _matches(got, value):
        raise WriteRefused(f"{key} would not read back as written")
    return new


def _matches(got, want) -> bool:
    if isinstance(want, list):
        return isinstance(got, list) and [str(v) for v in got] == [str(v) for v in want]
    if isinstance(want, str) and isinstance(got, (_dt.date, _dt.datetime)):
        return got.isoformat() == want or str(got) == want
    return _same(got, want)
