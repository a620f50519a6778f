from __future__ import annotations

from collections.abc import Iterator
from difflib import SequenceMatcher

from ...engine.options import Option, Options
from ...engine.registry import Rule, RuleContext
from ...model import Diagnostic
from ...reading.document import Document
from ...reading.edits import block_removal
from ...reading.prose import normalize


class TitleRepeated(Rule):
    """The first paragraph repeats the front-matter title.

    **What it does**: compares the body's first paragraph with the ``title`` of the front
    matter (normalized: width, white space and emphasis ignored) and reports it when they
    are the same or nearly so.

    **Why**: the site's layout already shows the title as the page heading; generators
    often write it again as a plain paragraph, so readers see it twice.

    **Example**::

        title: "GoogleとAnthropicのTPU契約、その真意はどこにあるのか？"
        ---

        GoogleとAnthropicのTPU契約、その真意はどこにあるのか？

    **Fix**: delete the paragraph (safe). A body ``#`` heading equal to the title is
    FM006's concern, not this rule's.
    """

    code = "AG005"
    name = "title-repeated"
    severity = "warning"
    options = Options(
        Option("similarity", 0.9, "How alike (0–1) the first paragraph and the title must be to count as a repeat."),
    )
    fixes = "safe"

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        fm = doc.front_matter
        if fm is None or not fm.ok:
            return
        title = fm.data.get("title")
        if not isinstance(title, str) or not title.strip():
            return
        first = next((b for b in doc.blocks if b.kind not in ("html", "hr")), None)
        if first is None or first.kind != "paragraph":
            return
        a, b = normalize(title), normalize(first.text)
        if not a or not b:
            return
        ratio = 1.0 if a == b else SequenceMatcher(None, a, b, autojunk=False).ratio()
        if ratio < float(ctx.options["similarity"]):
            return
        fix = ctx.replace(
            *block_removal(doc.text, first.start, first.end),
            "",
            "safe",
            ctx.msg(ja="繰り返されたタイトルを削除", en="Delete the repeated title"),
        )
        yield ctx.report(
            first.start,
            first.end,
            ctx.msg(ja="最初の段落がタイトルの繰り返しになっています。", en="The first paragraph repeats the title."),
            fix,
        )
