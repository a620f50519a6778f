from __future__ import annotations

import re
from collections.abc import Iterator

from ...engine.registry import Rule, RuleContext
from ...model import Diagnostic
from ...reading.document import Document
from ...reading.edits import block_removal
from ...reading.sentences import split_sentences

# Sentences an assistant says to its user, not to the article's reader.
CHATTER = re.compile(
    r"^(?:はい、|もちろん、|了解です。|かしこまりました。)?"
    r"(?:承知(?:いた)?しました|かしこまりました|了解(?:いた)?しました|お任せください)"
    r"|^(?:以下(?:は|が|に)|こちらが|こちらは).{0,40}(?:記事|ブログ|原稿|文章|続き)(?:の.{0,10})?(?:です|になります|を(?:示|提示|作成|記載)します|を書きました)"
    r"|(?:記事|原稿|文章|ブログ記事)の続きを.{0,60}(?:書|執筆|作成|完成)"
    r"|(?:記事|原稿|文章)を(?:作成|執筆|生成)(?:いた)?しました"
    r"|ご(?:指定|要望|依頼)の(?:文体|内容|要件|とおり|通り).{0,40}(?:書|執筆|作成|完成|続け)"
    r"|^(?:Sure|Certainly|Of course)[,!]|^Here(?:'s| is) (?:the|an|your) (?:article|draft|continuation)"
)


_QUOTED = re.compile(r"「[^「」\n]*」|『[^『』\n]*』")
_REQUEST = re.compile(r"(?:ください|下さい)[。．.!！]?\s*$")


class AssistantChatter(Rule):
    """An assistant's words to its user left in the article (「承知しました」「以下は…の記事です」).

    **What it does**: reports a paragraph made of sentences such as 「はい、承知いたしました。
    記事の続きを自然に書いて完成させます。」 or 「以下は…についてのブログ記事です。」.

    **Why**: a generator that asks a chat model for each chunk sometimes keeps the model's
    reply to the request. Readers see the machinery; it is the most visible sign that a
    post was not edited.

    **Example**::

        はい、承知いたしました。記事の続きを自然に書いて完成させます。

    **Fix**: delete the chatter (safe when the whole paragraph is chatter, unsafe when it
    shares the paragraph with article text).
    """

    code = "AG007"
    name = "assistant-chatter"
    severity = "warning"
    fixes = "mixed"

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        text = doc.text
        for block in doc.prose_blocks():
            if block.kind not in ("paragraph", "quote"):
                continue
            spans = split_sentences(block.text)
            # What stands in quotes is cited (ChatGPTに「記事の続きを書いて」と頼むと), not said.
            # A request (〜してください) is the generator's prompt (AG008), not the model's reply.
            chatty = [
                (s, e)
                for s, e in spans
                if CHATTER.search(_QUOTED.sub("「」", block.text[s:e])) and not _REQUEST.search(block.text[s:e])
            ]
            if not chatty:
                continue
            whole = len(chatty) == len(spans)
            if whole:
                start, end = block.start, block.end
                fix = ctx.replace(
                    *block_removal(text, start, end),
                    "",
                    "safe",
                    ctx.msg(ja="アシスタントの応答を削除", en="Delete the assistant's reply"),
                )
            else:
                s, e = chatty[0]
                start, end = block.source_span(s, e)
                fix = ctx.replace(
                    start,
                    end,
                    "",
                    "unsafe",
                    ctx.msg(ja="アシスタントの応答文を削除", en="Delete the assistant's sentence"),
                )
            shown = block.text[chatty[0][0] : chatty[0][1]]
            shown = shown if len(shown) <= 30 else shown[:30] + "…"
            yield ctx.report(
                start,
                end,
                ctx.msg(
                    ja=f"生成AIの応答が本文に残っています：「{shown}」",
                    en=f"Assistant chatter left in the article: 「{shown}」",
                ),
                fix,
            )
