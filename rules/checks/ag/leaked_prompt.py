from __future__ import annotations

from collections.abc import Iterator

from ...engine.registry import Rule, RuleContext
from ...model import Diagnostic
from ...reading.document import Document
from ...reading.edits import block_removal
from ...reading.prompts import leaked_prompts


class LeakedPrompt(Rule):
    """The generator's request, or the model's reasoning about it, left in the article.

    **What it does**: reports the lines of a request sent to the model that came back into
    the post: bracketed section labels (【要求事項】, 【注意】, 【既存の記事の最後の部分】) with the
    numbered instructions or the quoted article text under them, instructions addressed to
    the writer about the article itself (「記事の末尾に---END---を必ず追加してください」, 「この記事の
    続きを自然に書いて完成させてください」), and the model's thoughts about that request
    (「提供されたテキストは、既に完成している記事の全文であり…矛盾している」). A single signal is
    not enough (tutorials say 〜してください, numbered steps are common, articles mention
    ユーザーの指示): a region starts at an unmistakable line, or at a label whose content is
    instructions or text the article already holds, and takes in the neighbouring lines that
    show a signal too. Quotes, callouts and code blocks are never read.

    **Why**: readers see the machinery (and the article's own text a second time, inside the
    request); it is the plainest sign that the post was not read before it was published.

    **Example**::

        【要求事項】
        1. 上記の文章から自然に続くように記事を完成させる
        2. 記事の末尾に ---END--- を必ず追加する

        続きを書いてください：

    **Fix**: the unsafe fix deletes the lines; ``article-lint export --unsafe-fixes`` removes
    every region and reports each removal.
    """

    code = "AG008"
    name = "leaked-prompt"
    severity = "error"
    # Export removes the prompt with a step of its own (drop-prompt), reported as such.
    fixes = "unsafe"

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        text = doc.text
        for region in leaked_prompts(doc):
            shown = " ".join(region.excerpt.split())
            shown = shown if len(shown) <= 30 else shown[:30] + "…"
            if region.what == "request":
                message = ctx.msg(
                    ja=f"生成AIへの指示（プロンプト）が本文に残っています：「{shown}」",
                    en=f"The generator's prompt is left in the article: 「{shown}」",
                )
            else:
                message = ctx.msg(
                    ja=f"生成AIが指示について考えた文が本文に残っています：「{shown}」",
                    en=f"The model's reasoning about its instructions is left in the article: 「{shown}」",
                )
            fix = ctx.replace(
                *block_removal(text, region.start, region.end),
                "",
                "unsafe",
                ctx.msg(ja="プロンプトの行を削除", en="Delete the prompt lines"),
            )
            yield ctx.report(region.start, region.end, message, fix, lines=len(region.lines))
