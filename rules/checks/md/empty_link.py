"""MD004: a link without a target."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...engine.registry import Rule, RuleContext
from ...model import Diagnostic
from ...reading.document import Document

# What follows a link's text in the source: closing emphasis/code markup, then ``]()``
# or ``](#)`` (optionally in angle brackets or with spaces).
_EMPTY_TARGET = re.compile(r"[*_`~$]*\]\([ \t]*<?[ \t]*#?[ \t]*>?[ \t]*\)")


class EmptyLink(Rule):
    """A link whose target is empty: ``[text]()`` or ``[text](#)``.

    **What it does**: reports inline links with no destination or only ``#``.

    **Why**: the reader clicks and nothing happens, or the page jumps to the top. It is
    usually a placeholder the author meant to fill in, or a URL a generator dropped.

    **Example**::

        詳しくは[公式ドキュメント]()を参照してください。

    **Fix**: add the URL. As an unsafe fix the link markup can be removed, keeping the text.
    """

    code = "MD004"
    name = "empty-link"
    severity = "warning"
    fixes = "unsafe"

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        text = doc.text
        for block in doc.blocks:
            if not block.is_prose:
                continue
            for mark in block.marks:
                if mark.kind != "link" or mark.end <= mark.start:
                    continue
                s, e = block.source_span(mark.start, mark.end)
                m = _EMPTY_TARGET.match(text, e, block.end + 1)
                if not m:
                    continue
                opening = text.rfind("[", block.start, s)
                if opening == -1:
                    continue
                close = text.index("]", m.start())
                fix = ctx.replace(
                    opening,
                    m.end(),
                    text[opening + 1 : close],
                    "unsafe",
                    ctx.msg(ja="リンクを外して文字列を残す", en="Remove the link, keep its text"),
                )
                yield ctx.report(
                    opening, m.end(), ctx.msg(ja="リンク先がありません。", en="This link has no target."), fix
                )
