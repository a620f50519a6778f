from __future__ import annotations

from collections.abc import Iterator

from ...engine.registry import Rule, RuleContext
from ...model import Diagnostic
from ...reading.document import Document
from ._morpheme_match import kuromoji_tokens
from ._textlint_nodes import paragraphs, sentences

_SEPARATORS = frozenset(".．。?!？！")


class NoDoubledConjunction(Rule):
    """The same conjunction (接続詞) opening two sentences in a row.

    **What it does**: within a paragraph, compares the first conjunction of each sentence with
    that of the last earlier sentence that had one, and reports a repeat, as textlint's
    ``no-doubled-conjunction`` does (「そして…。そして…。」, also with a sentence between
    them that has no conjunction). Sentences end as textlint's splitter ends them (not inside
    「」 or other pairs); a conjunction right after a space does not count. Block quotes are
    skipped.

    **Why**: 「しかし…。しかし…。」 weakens both contrasts and reads as padding.

    **Example**::

        かな漢字変換により漢字が多用される傾向がある。しかし漢字の多用が読みにくさをもたらす側面は
        否定できない。しかし、平仮名が多い文は間延びした印象を与える恐れもある。

    **Fix**: none automatic; drop one of them or use another conjunction.
    """

    code = "JA008"
    name = "no-doubled-conjunction"
    severity = "warning"
    presets = {"ja-technical-writing": {}, "japanese": {}}
    textlint_id = "no-doubled-conjunction"
    second_process = True

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        for block in paragraphs(doc):
            text = block.text
            last = None  # the first conjunction of the latest sentence that had one
            spans = sentences(doc, block, _SEPARATORS)
            for ps, pe in spans:
                sentence = text[ps:pe]
                if pe == spans[-1][1] and (last is None or last not in sentence):
                    break  # the last sentence can only repeat ``last``; without it, no finding
                conj = _conjunctions(sentence)
                if not conj:
                    continue
                first = conj[0]
                if last is not None and first.surface_form == last:
                    span = block.source_span(ps + first.start, ps + first.end)
                    yield ctx.report(*span, f"同じ接続詞（{first.surface_form}）が連続して使われています。")
                last = first.surface_form


def _conjunctions(sentence: str) -> list:
    """The sentence's 接続詞 tokens; one right after white space is not one, as textlint has it
    (kuromoji reads a particle after a space as a conjunction)."""
    tokens = kuromoji_tokens(sentence)
    return [t for i, t in enumerate(tokens) if t.pos == "接続詞" and not (i and tokens[i - 1].pos_detail_1 == "空白")]
