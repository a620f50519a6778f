"""FM003: the declared reading time must match the text."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...engine.options import Option, Options
from ...engine.registry import Rule, RuleContext
from ...model import Diagnostic
from ...reading.document import Document
from ...reading.textstats import character_count, reading_minutes
from .common import parsed

_LEADING_NUMBER = re.compile(r"\s*(\d{1,6})")


def _declared_minutes(value) -> int | None:
    """``8``, ``"8"``, ``"8分"`` or ``"8 min"``; None for anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value == value and abs(value) < 1e6:
        return round(value)
    if isinstance(value, str):
        m = _LEADING_NUMBER.match(value)
        return int(m.group(1)) if m else None
    return None


class ReadingTime(Rule):
    """A declared ``reading_time`` that does not match the length of the article.

    **What it does**: counts the body's characters the Japanese way (prose only: no
    markup, front matter, code or spaces), turns them into minutes at the configured
    reading speed (``reading-speed``, default 500 字/分) and compares them with the
    declared value. It reports when they differ by more than ``tolerance-minutes`` and
    ``tolerance-ratio`` of the computed time.

    **Why**: generators write a fixed ``reading_time`` (8, 20) whatever the length; readers
    see 「8分で読めます」 above a 34-minute article.

    **Example**::

        reading_time: 8     # the body has about 17,000 characters: 34 minutes

    **Fix**: rewrites the value with the computed minutes (unsafe: the site may use
    another speed; set ``reading-speed`` in the config to match it).
    """

    code = "FM003"
    name = "reading-time"
    severity = "warning"
    options = Options(
        Option(
            "keys",
            ["reading_time", "readingTime", "reading-time"],
            "Front-matter keys that hold the declared reading time, first found wins.",
        ),
        Option("tolerance-minutes", 1, "Difference in minutes that is still accepted.", kind="number"),
        Option("tolerance-ratio", 0.2, "Difference, as a share of the computed time, that is still accepted."),
    )
    fixes = "unsafe"
    export_fixes = "none"

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        data = parsed(doc)
        if not data:
            return
        key = next((k for k in ctx.options["keys"] if k in data), None)
        if key is None:
            return
        declared = _declared_minutes(data[key])
        if declared is None:
            return  # not a number: FM002's type check says so
        speed = int(getattr(ctx.config, "reading_speed", 500) or 500)
        count = character_count(doc)
        computed = reading_minutes(count, speed)
        tolerance = max(float(ctx.options["tolerance-minutes"]), float(ctx.options["tolerance-ratio"]) * computed)
        if abs(declared - computed) <= tolerance:
            return
        fm = doc.front_matter
        if fm is None:
            return
        start, end = fm.value_span(key)
        fix = None
        if isinstance(data[key], int) and doc.text[start:end].strip().isdigit():
            fix = ctx.replace(
                start,
                end,
                str(computed),
                "unsafe",
                ctx.msg(ja=f"{key} を {computed} にする", en=f"Set {key} to {computed}"),
            )
        message = ctx.msg(
            ja=f"{key} は{declared}分ですが、本文は{count:,}字あり、{speed}字/分で約{computed}分かかります。",
            en=f"{key} is {declared} min, but the body has {count:,} characters: "
            f"about {computed} min at {speed} 字/分.",
        )
        yield ctx.report(start, end, message, fix, declared=declared, computed=computed, characters=count)
