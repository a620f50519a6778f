"""FM005: the post's date must be a real date, not in the future, and match the file name."""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterator
from pathlib import PurePath

from ...engine.options import Option, Options
from ...engine.registry import Rule, RuleContext
from ...model import Diagnostic
from ...reading.document import Document
from .common import parse_date, parsed

_POST_NAME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})-")


class FrontMatterDate(Rule):
    """A front-matter date that is invalid, in the future, or differs from the file name.

    **What it does**: checks ``date`` (and Zenn's ``published_at``, Hugo's ``lastmod`` and
    ``publishDate``): it must be a real date (``2025-10-26``, ``2025-10-26 16:38:33 +0000``),
    not later than now unless ``allow-future`` is set, and for a Jekyll post
    ``_posts/YYYY-MM-DD-slug.md`` the date must be the one in the file name.

    **Why**: Jekyll does not build future posts (unless ``--future``), so the article
    silently disappears; a date that differs from the file name gives two URLs or a
    wrong archive page; ``2025-02-30`` breaks the build.

    **Example**::

        # _posts/2025-10-26-tpu.md
        date: 2025-10-25 16:38:33 +0000

    **Fix**: correct the date or rename the file. Not fixed automatically: which of the
    two is right is the author's call.
    """

    code = "FM005"
    name = "date"
    severity = "warning"
    options = Options(
        Option("keys", ["date", "published_at", "publishDate", "lastmod"], "Front-matter keys that hold dates."),
        Option("allow-future", False, "Accept dates in the future (scheduled posts)."),
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        data = parsed(doc)
        if not data:
            return
        fm = doc.front_matter
        if fm is None:
            return
        for key in ctx.options["keys"]:
            if key not in data or data[key] is None:
                continue
            value = data[key]
            s, e = fm.value_span(key)
            when = parse_date(value)
            if when is None:
                yield ctx.report(
                    s,
                    e,
                    ctx.msg(
                        ja=f"{key} の {value!r} は日付として正しくありません（YYYY-MM-DD の形で、"
                        "必要なら時刻とタイムゾーンを付けてください）。",
                        en=f"{key} {value!r} is not a valid date (expected YYYY-MM-DD, "
                        "optionally with a time and time zone).",
                    ),
                    kind="invalid",
                )
                continue
            if not ctx.options.get("allow-future") and _is_future(when):
                yield ctx.report(
                    s,
                    e,
                    ctx.msg(
                        ja=f"{key} の {when.date().isoformat()} は未来の日付です。その日までサイトに公開されません。",
                        en=f"{key} {when.date().isoformat()} is in the future: "
                        "the site will not publish the post until then.",
                    ),
                    kind="future",
                )
            if key == "date":
                yield from self._check_file_name(doc, ctx, when, s, e)

    def _check_file_name(self, doc, ctx, when, s, e):
        if not doc.path:
            return
        path = PurePath(doc.path)
        if "_posts" not in path.parts[:-1]:
            return
        m = _POST_NAME.match(path.name)
        if not m:
            return
        try:
            named = _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            yield ctx.report(
                s,
                e,
                ctx.msg(
                    ja=f"ファイル名 {path.name} の先頭が正しい日付になっていません。",
                    en=f"The file name {path.name} does not start with a valid date.",
                ),
                kind="name",
            )
            return
        if named != when.date():
            yield ctx.report(
                s,
                e,
                ctx.msg(
                    ja=f"date の {when.date().isoformat()} がファイル名（{path.name}）の日付 "
                    f"{named.isoformat()} と違います。",
                    en=f"date {when.date().isoformat()} differs from the file name's "
                    f"{named.isoformat()} ({path.name}).",
                ),
                kind="name",
            )


def _is_future(when: _dt.datetime) -> bool:
    now = _dt.datetime.now(_dt.UTC)
    if when.tzinfo is None:
        when = when.replace(tzinfo=_dt.UTC)
    return when > now
