from __future__ import annotations

from collections.abc import Iterator

from ...engine.registry import Rule, RuleContext
from ...model import Diagnostic
from ...reading.boundaries import boundaries, restated_opening, stitch
from ...reading.document import Document
from ...reading.edits import block_removal


class RestartedChunk(Rule):
    """A chunk that begins by restating or continuing the previous chunk's tail.

    **What it does**: at each chunk marker, reports the next chunk's opening when it

    - continues a sentence the marker cut (「…「CUDAエコ」 ⏎ ---END--- ⏎ 「システム」の強みです。」),
    - repeats the cut words before going on (「…例えば、EU」 ⏎ 「EU AI法案が…」), or
    - restarts with sentences already given earlier in the article.

    **Why**: each of these leaves a broken or doubled sentence in the published post.

    **Example**::

        …例えば、EU

        ---END---

        EU AI法案が世界で最も包括的なAI規制の一つとして…

    **Fix**: the unsafe fix joins the cut sentence with its continuation (dropping the
    marker and the repeated words) or deletes the restated sentences; ``article-lint
    export`` does the same for every boundary.
    """

    code = "AG004"
    name = "restarted-chunk"
    severity = "error"
    fixes = "unsafe"

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        text = doc.text
        for boundary in boundaries(doc):
            head, tail = boundary.head, boundary.tail
            if boundary.marker is None or head is None:
                continue
            join = stitch(doc, boundary)
            if join is not None and tail is not None:  # a stitch joins two blocks
                fragment = tail.text.rstrip()[-12:]
                if join.kind == "continues":
                    message = ctx.msg(
                        ja=f"このチャンクは、区切りの前で切れた文（「…{fragment}」）の続きから始まっています。",
                        en=f"This chunk continues the sentence cut before the marker (「…{fragment}」).",
                    )
                else:
                    message = ctx.msg(
                        ja=f"このチャンクは、切れた語「{join.repeated}」を繰り返してから、区切りの前で切れた文"
                        f"（「…{fragment}」）の続きを書いています。",
                        en=f"This chunk repeats the cut words 「{join.repeated}」 and goes on with the "
                        f"sentence cut before the marker (「…{fragment}」).",
                    )
                fix = ctx.replace(
                    join.start,
                    join.end,
                    join.joiner,
                    "unsafe",
                    ctx.msg(ja="切れた文をつなげる", en="Join the cut sentence"),
                )
                yield ctx.report(
                    head.start, head.source_span(0, min(len(head.text), 20))[1], message, fix, kind=join.kind
                )
                continue
            span = restated_opening(doc, boundary)
            if span is None:
                continue
            start, end = head.source_span(*span)
            whole = span[0] == 0 and span[1] >= len(head.text.rstrip())
            if whole:
                fix = ctx.replace(
                    *block_removal(text, head.start, head.end),
                    "",
                    "unsafe",
                    ctx.msg(ja="繰り返された書き出しを削除", en="Delete the restated opening"),
                )
            else:
                nxt = head.source_span(span[1], span[1] + 1)[0] if span[1] < len(head.text) else head.end
                while nxt < head.end and text[nxt] in " \u3000\n":
                    nxt += 1
                fix = ctx.replace(
                    start, nxt, "", "unsafe", ctx.msg(ja="繰り返された文を削除", en="Delete the restated sentences")
                )
            yield ctx.report(
                start,
                end,
                ctx.msg(
                    ja="このチャンクは、前に書いた内容の繰り返しから始まっています。",
                    en="This chunk restarts by repeating text already given earlier.",
                ),
                fix,
                kind="restates-earlier",
            )
