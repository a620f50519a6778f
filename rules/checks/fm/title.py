"""FM006: the title's length, and a body H1 that repeats it."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from ...engine.options import Option, Options
from ...engine.registry import Rule, RuleContext
from ...model import Diagnostic
from ...reading.document import Document
from .common import parsed, profile_of


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).casefold()


class Title(Rule):
    """A title too short or too long for the site, or repeated by a ``#`` heading.

    **What it does**: checks the length of the front-matter ``title`` in characters against
    ``min-length`` and the profile's ``max-length`` (Zenn 70, Qiita 255, Jekyll and Hugo
    80; 0 turns the check off), and reports a level-1 heading in the body whose text is
    the title.

    **Why**: Zenn refuses titles over 70 characters, and search results cut long ones.
    Jekyll and Zenn themes already print the title as the page's H1, so a ``# title`` in
    the body shows it twice and gives the page two H1 headings.

    **Example**::

        ---
        title: "GoogleとAnthropicのTPU契約"
        ---

        # GoogleとAnthropicのTPU契約

    **Fix**: shorten the title by hand; the repeated heading can be deleted (unsafe fix).
    """

    code = "FM006"
    name = "title"
    severity = "warning"
    options = Options(
        Option("min-length", 2, "Shortest acceptable title, in characters."),
        Option(
            "max-length",
            {"zenn": 70, "qiita": 255, "jekyll": 80, "hugo": 80, "none": 0},
            "Longest acceptable title, in characters, by profile (0: no limit), or one number for all.",
            kind="table|int",
        ),
    )
    fixes = "unsafe"

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        data = parsed(doc)
        if not data or not isinstance(data.get("title"), str):
            return
        title = data["title"].strip()
        fm = doc.front_matter
        if fm is None:
            return
        s, e = fm.value_span("title")
        limit = ctx.options["max-length"]
        if isinstance(limit, dict):
            limit = limit.get(profile_of(doc, ctx), 0)
        n = len(title)
        low = int(ctx.options["min-length"] or 0)
        if low and n < low:
            yield ctx.report(
                s,
                e,
                ctx.msg(
                    ja=f"タイトルが{n}文字です。{low}文字以上にしてください。",
                    en=f"The title is {n} characters: write at least {low}.",
                ),
                kind="short",
            )
        elif limit and n > int(limit):
            yield ctx.report(
                s,
                e,
                ctx.msg(
                    ja=f"タイトルが{n}文字です。このサイトでは{limit}文字までです。",
                    en=f"The title is {n} characters; the limit for this site is {limit}.",
                ),
                kind="long",
            )
        if not title:
            return
        wanted = _norm(title)
        for block in doc.blocks:
            if block.kind == "heading" and block.level == 1 and not block.containers and _norm(block.text) == wanted:
                yield ctx.report(
                    block.start,
                    block.end,
                    ctx.msg(
                        ja="この見出しはフロントマターのタイトルと同じです。タイトルはサイトが"
                        "ページの見出しとして表示するので、二重になります。",
                        en="This heading repeats the front-matter title, which "
                        "the site already shows as the page heading.",
                    ),
                    self._delete_line(doc, ctx, block),
                    kind="h1",
                )

    @staticmethod
    def _delete_line(doc, ctx, block):
        text = doc.text
        end = block.end
        if text.startswith("\n", end):
            end += 1
            if text.startswith("\n", end):
                end += 1
        return ctx.replace(
            block.start, end, "", "unsafe", ctx.msg(ja="繰り返された見出しを削除", en="Delete the repeated heading")
        )
