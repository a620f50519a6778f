"""MD001: heading levels go down one at a time."""

from __future__ import annotations

from collections.abc import Iterator

from ...engine.registry import Rule, RuleContext
from ...model import Diagnostic
from ...reading.document import Document


class HeadingIncrement(Rule):
    """A heading that skips a level, such as ``##`` followed by ``####``.

    **What it does**: reports a heading more than one level deeper than the heading
    before it. Headings inside lists and quotes are not counted.

    **Why**: the outline, the table of contents and screen readers rely on the levels;
    a skipped level makes a section look like it belongs to a missing parent.

    **Example**::

        ## 背景

        #### TPUとは

    **Fix**: use the next level (``###``) or add the missing parent heading. Not fixed
    automatically: the deeper headings below may need to move too.
    """

    code = "MD001"
    name = "heading-increment"
    severity = "warning"

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        previous = 0
        for block in doc.blocks:
            if block.kind != "heading" or block.containers:
                continue
            if previous and block.level > previous + 1:
                yield ctx.report(
                    block.start,
                    block.end,
                    ctx.msg(
                        ja=f"レベル{previous}の見出しの次がレベル{block.level}になっています。"
                        f"レベル{previous + 1}にしてください。",
                        en=f"Heading level {block.level} follows level {previous}: use level {previous + 1}.",
                    ),
                    level=block.level,
                    previous=previous,
                )
            previous = block.level
