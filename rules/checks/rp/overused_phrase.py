from __future__ import annotations

import re
from collections.abc import Iterator

from ...engine.options import Option, Options
from ...engine.registry import Rule, RuleContext
from ...model import Diagnostic
from ...reading.document import Document

# Fillers, hedges and stock openers that generated prose leans on. Each is fine once; the
# rule fires only when one stands far above the rate a careful writer uses.
DEFAULT_PHRASES = (
    "個人的には",
    "正直なところ",
    "結局のところ",
    "考えてみてください",
    "想像してみてください",
    "言うまでもなく",
    "興味深いことに",
    "実際のところ",
    "驚くべきことに",
    "間違いなく",
    "まさに",
    "極めて",
    "注目すべきは",
    "と言えるでしょう",
    "なんです",
    "なんですよ",
    "ですよね",
    "私が考えるに",
    "私からすると",
    "あなたも",
    "いかがでしたか",
    "ご存知の通り",
    "ご存じのとおり",
)


class OverusedPhrase(Rule):
    """A filler or hedge phrase used far more often than a careful writer would.

    **What it does**: counts stock phrases (「個人的には」「正直なところ」「まさに」「〜と言える
    でしょう」…, option ``phrases``) and reports every use beyond the allowed number, which is
    ``max-per-10000`` uses per 10,000 characters of the body, and at least ``min-count``.

    **Why**: one 「個人的には」 gives a voice; twelve in one article read as a tic, and they
    are a hallmark of generated prose.

    **Example**: 「個人的には」 12 times in a 17,000-character article.

    **Fix**: rewrite or drop the later uses; no automatic fix.
    """

    code = "RP001"
    name = "overused-phrase"
    severity = "warning"
    options = Options(
        Option("phrases", list(DEFAULT_PHRASES), "The phrases to count."),
        Option("max-per-10000", 2.0, "Uses per 10,000 characters above which a phrase is overused.", kind="number"),
        Option("min-count", 3, "Fewest uses to report."),
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        phrases = [p for p in ctx.options["phrases"] if p]
        if not phrases:
            return
        rate = float(ctx.options["max-per-10000"])
        minimum = int(ctx.options["min-count"])
        blocks = list(doc.prose_blocks())
        length = sum(len(b.text) for b in blocks)
        allowed = max(minimum, int(rate * length / 10000))
        pattern = re.compile("|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True)))
        hits: dict[str, list[tuple[int, int]]] = {}
        for block in blocks:
            for m in pattern.finditer(block.text):
                hits.setdefault(m.group(0), []).append(block.source_span(m.start(), m.end()))
        for phrase, spans in hits.items():
            if len(spans) <= allowed:
                continue
            for start, end in spans[allowed:]:
                yield ctx.report(
                    start,
                    end,
                    ctx.msg(
                        ja=f"「{phrase}」がこの記事で{len(spans)}回使われています（目安は{allowed}回まで）。"
                        "言い換えるか削ってください。",
                        en=f"「{phrase}」 is used {len(spans)} times in this article "
                        f"(more than {allowed}): rewrite or drop some.",
                    ),
                    phrase=phrase,
                    count=len(spans),
                )
