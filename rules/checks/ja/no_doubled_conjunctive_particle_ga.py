from __future__ import annotations

from collections.abc import Iterator

from ...engine.options import Option, Options
from ...engine.registry import Rule, RuleContext
from ...model import Diagnostic
from ...reading.document import Document
from ...reading.morph import tokenize
from ._textlint_nodes import as_list, paragraphs, split_sentences

_SEPARATORS = (".", "．", "。", "?", "!", "？", "！")
MESSAGE = '文中に逆接の接続助詞 "が" が二回以上使われています。'


class NoDoubledConjunctiveParticleGa(Rule):
    """The conjunctive particle 「が」 twice or more in one sentence.

    **What it does**: reports the first 接続助詞 「が」 of a sentence that has two or more, as
    textlint's ``no-doubled-conjunctive-particle-ga`` does. ``separatorChars`` lists the
    characters that end a sentence. Block quotes are skipped.

    **Why**: 「〜したが、〜なかったが、〜した」 chains clauses whose relation the reader has
    to guess; 「が」 is often used without any contrast at all.

    **Example**::

        今日は早朝から出発したが、定刻には間に合わなかったが、無事会場に到着した。

    **Fix**: none automatic; split the sentence or use another connective (「ので」「しかし」).
    """

    code = "JA009"
    name = "no-doubled-conjunctive-particle-ga"
    severity = "warning"
    options = Options(
        Option("separatorChars", [".", "．", "。", "?", "!", "？", "！"], "Characters that end a sentence."),
    )
    presets = {"ja-technical-writing": {}, "japanese": {}}
    textlint_id = "no-doubled-conjunctive-particle-ga"
    second_process = True

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        separators = as_list(ctx.options.get("separatorChars"), _SEPARATORS)
        for block in paragraphs(doc):
            text = block.text
            for ps, pe in split_sentences(text, separators):
                if text.count("が", ps, pe) < 2:
                    continue  # two が tokens need two が characters: most sentences are not tokenized
                ga = [t for t in tokenize(text[ps:pe]) if t.pos_detail_1 == "接続助詞" and t.surface_form == "が"]
                if len(ga) > 1:
                    at = ps + ga[0].start
                    yield ctx.report(*block.source_span(at, at + 1), MESSAGE)
