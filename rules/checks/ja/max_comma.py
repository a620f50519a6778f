from __future__ import annotations

from collections.abc import Iterator

from ...engine.options import Option, Options
from ...engine.registry import Rule, RuleContext
from ...model import Diagnostic
from ...reading.document import Document
from ._textlint_nodes import masked_text, paragraphs, sentences


class MaxComma(Rule):
    """A sentence with more than ``max`` commas ``,`` (4 by default).

    **What it does**: counts the ASCII commas of each sentence, code spans excluded, and
    reports the last comma of a sentence that has too many.

    **Why**: a long chain of commas is usually a list that reads better as a list, or two
    sentences.

    **Example**: ``t0, t1, t2, t3, t4, t5`` (5 commas).

    **Fix**: split the sentence or turn the enumeration into a list.
    """

    code = "JA002"
    name = "max-comma"
    severity = "warning"
    options = Options(
        Option("max", 4, "Most commas (，and ,) in one sentence."),
    )
    presets = {"ja-technical-writing": {"max": 3}}
    textlint_id = "max-comma"

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        max_comma = int(ctx.options.get("max") or 4)
        for block in paragraphs(doc, quotes=True):
            masked = masked_text(block, "_")
            for ps, pe in sentences(doc, block):
                part = masked[ps:pe]
                if part.count(",") > max_comma:
                    i = ps + part.rindex(",")
                    s, e = block.source_span(i, i + 1)
                    yield ctx.report(
                        s,
                        e,
                        ctx.msg(
                            ja=f"この文のカンマ「,」が上限の{max_comma}個を超えています。",
                            en=f"This sentence exceeds the maximum count of comma. Maximum is {max_comma}.",
                        ),
                    )
