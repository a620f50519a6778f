from __future__ import annotations

from collections.abc import Iterator

from ...engine.registry import Rule, RuleContext
from ...model import Diagnostic
from ...reading.boundaries import boundaries
from ...reading.document import Document
from ...reading.prose import last_sentence_start


class CutOffChunk(Rule):
    """Text that stops mid-sentence before a chunk marker or at the end of the article.

    **What it does**: looks at the paragraph right before each ``---END---`` marker and at
    the article's last paragraph, and reports it when it ends in the middle of a word or
    sentence: no closing punctuation, and a last word (noun, particle, verb stem, comma)
    that cannot end a Japanese sentence. A heading right before a marker is cut when the
    next chunk writes it again in full (「### 研究の背景と」 ⏎ ---END--- ⏎ 「研究の背景と動機：…」). A
    sign-off at the end of the article (「以上、」「ではまた」) is an ending, not a cut; a link
    the text stops inside (「[…](/2025/0」) is a cut in any block.

    **Why**: generators cut a chunk when they reach a length limit and often continue (or
    restart) in the next chunk. Published as it is, the reader meets 「…CUDAエコ」 or an
    article that ends with 「これからのAI開発は」.

    **Example**::

        …長年にわたって築き上げてきた「CUDAエコ

        ---END---

    **Fix**: before a marker, ``article-lint export`` joins the cut text with its
    continuation in the next chunk. At the end of the article the unsafe fix removes the
    unfinished sentence.
    """

    code = "AG002"
    name = "cut-off-chunk"
    severity = "error"
    fixes = "unsafe"
    export_fixes = "all"

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        for boundary in boundaries(doc):
            block = boundary.tail
            if not boundary.tail_cut or block is None:
                continue
            text = block.text.rstrip()
            start_plain = last_sentence_start(text)
            start, end = block.source_span(start_plain, len(text))
            fragment = text[start_plain:]
            shown = fragment if len(fragment) <= 20 else "…" + fragment[-20:]
            fix = None
            if boundary.head is None:
                message = ctx.msg(
                    ja=f"「{shown}」で記事が途中で終わっています。",
                    en=f"「{shown}」 stops mid-sentence at the end of the article.",
                )
                if start_plain == 0:  # the whole paragraph is the unfinished sentence
                    start = block.start
                    while start > doc.body_start and doc.text[start - 1] == "\n":
                        start -= 1
                fix = ctx.replace(
                    start, end, "", "unsafe", ctx.msg(ja="途中で切れた文を削除", en="Remove the unfinished sentence")
                )
                start = block.source_span(start_plain, len(text))[0]
            else:
                message = ctx.msg(
                    ja=f"「{shown}」でチャンクが途中で切れています。",
                    en=f"「{shown}」 stops mid-sentence before a chunk marker.",
                )
            yield ctx.report(start, end, message, fix)
