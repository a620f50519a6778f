"""MD002: a heading with nothing under it."""

from __future__ import annotations

from collections.abc import Iterator

from ...engine.registry import Rule, RuleContext
from ...model import Diagnostic
from ...reading.document import Document

# Blocks that show nothing to the reader: a section holding only these is still empty.
_INVISIBLE = frozenset({"hr"})


def _is_content(doc, block) -> bool:
    if block.kind in _INVISIBLE:
        return False
    if block.kind == "html":
        text = block.text.strip()
        return not (text.startswith("<!--") and text.endswith("-->"))
    if block.line in doc.marker_lines and block.end_line - block.line == 1:
        return False  # a generator's ---END--- line (AG001)
    return True


class EmptySection(Rule):
    """A heading directly followed by a heading of the same or a higher level, or by nothing.

    **What it does**: reports a heading whose section holds no text, list, table, code or
    sub-heading: the next block is a heading of the same or a higher level, or the
    document ends. HTML comments, rules (``---``) and chunk markers do not count as text.

    **Why**: an empty section is usually a cut-off draft (a generator stopped writing) or
    a leftover outline item; published, it is a heading that promises and delivers nothing.

    **Example**::

        ## 今後の展望

        ## まとめ

    **Fix**: write the section or delete the heading. Not fixed automatically.
    """

    code = "MD002"
    name = "empty-section"
    severity = "warning"

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        blocks = doc.blocks
        for i, block in enumerate(blocks):
            if block.kind != "heading" or block.containers:
                continue
            following = None
            for nxt in blocks[i + 1 :]:
                # Anything inside a list, quote or table is content; only top-level headings end it.
                if (
                    (nxt.kind == "heading" and not nxt.containers)
                    or (nxt.kind != "heading" and _is_content(doc, nxt))
                    or nxt.containers
                ):
                    following = nxt
                    break
            if following is None:
                yield ctx.report(
                    block.start,
                    block.end,
                    ctx.msg(
                        ja="文書の最後の見出しで、その下に本文がありません。",
                        en="This heading ends the document with nothing under it.",
                    ),
                )
            elif following.kind == "heading" and not following.containers and following.level <= block.level:
                yield ctx.report(
                    block.start,
                    block.end,
                    ctx.msg(
                        ja="このセクションは空です。すぐ次の見出しが続いています。",
                        en="This section is empty: the next heading follows at once.",
                    ),
                )
