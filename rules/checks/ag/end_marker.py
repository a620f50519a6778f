from __future__ import annotations

from collections.abc import Iterator

from ...engine.registry import Rule, RuleContext
from ...model import Diagnostic
from ...reading.boundaries import boundaries, restated_opening, stitch
from ...reading.document import Document
from ...reading.edits import block_removal
from ...reading.markers import line_bounds, removal


class EndMarker(Rule):
    """A generator's chunk marker such as ``---END---`` left in the article.

    **What it does**: reports a chunk marker (``---END---``, ``--- END ---``, ``===END===``,
    ``[END]``) wherever it sits outside code: on a line of its own, after the last sentence
    of a chunk, inside a heading or a list item, or before the next chunk on the same line
    (``---END--- ### 次の節``). A marker written between quotes (「---END---」) is mentioned,
    not left behind, and is not reported.

    **Why**: article generators write a long post in chunks and mark the end of each one.
    The marker is not part of the article; published, it shows as a stray line, and the
    text around it is often cut off or repeated (see AG002, AG003, AG004).

    **Example**::

        長年にわたって築き上げてきた「CUDAエコ

        ---END---

        システム」の強みです。

    **Fix**: delete the marker line, or the marker alone when it shares its line with text,
    keeping that text: a line holding two chunks is split in two (``---END--- ### 次の節``
    leaves the heading on its own line). The fix is safe where the text on both sides is whole;
    where the marker cut a sentence or the next chunk restarts, deleting it alone would hide
    the damage, so the fix is unsafe there: ``article-lint export`` stitches such
    boundaries.
    """

    code = "AG001"
    name = "end-marker"
    severity = "error"
    fixes = "mixed"

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        text = doc.text
        damaged = {
            b.marker.start
            for b in boundaries(doc)
            if b.marker is not None
            and (b.tail_cut or stitch(doc, b) is not None or restated_opening(doc, b) is not None)
        }
        for m in doc.markers:
            if m.alone:
                del_start, del_end = block_removal(text, *line_bounds(text, m.start))
                joiner = ""
                what = ctx.msg(ja="区切りの行を削除", en="Delete the marker line")
            else:
                del_start, del_end, joiner = removal(text, m)
                what = ctx.msg(ja="区切りを削除（前後の文は残す）", en="Delete the marker, keeping the text around it")
            marker = text[m.start : m.end]
            yield ctx.report(
                m.start,
                m.end,
                ctx.msg(
                    ja=f"生成時のチャンク区切り（{marker}）が残っています。削除してください。",
                    en="Chunk marker left by the generator: delete it.",
                ),
                ctx.replace(del_start, del_end, joiner, "unsafe" if m.start in damaged else "safe", what),
            )
