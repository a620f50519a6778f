from __future__ import annotations

from ...engine.registry import Rule
from ...reading.morph import tokenize
from ._textlint_nodes import paragraphs, split_sentences

_SEPARATORS = (".", "．", "。", "?", "!", "？", "！")


class NoDoubledConjunction(Rule):
    """The same conjunction (接続詞) opening two sentences in a row.

    **What it does**: within a paragraph, compares the first conjunction of each sentence with
    that of the last earlier sentence that had one, and reports a repeat, as textlint's
    ``no-doubled-conjunction`` does (「そして…。そして…。」, also with a sentence between
    them that has no conjunction). Block quotes are skipped.

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

    def check(self, doc, ctx):
        for block in paragraphs(doc):
            text = block.text
            last = None  # the first conjunction of the latest sentence that had one
            spans = split_sentences(text, _SEPARATORS)
            for ps, pe in spans:
                sentence = text[ps:pe]
                # textlint drops the first half-width space before tokenizing, so a particle
                # after it is not misread as a conjunction; offsets shift past that space.
                space = sentence.find(" ")
                squeezed = sentence.replace(" ", "", 1)
                if pe == spans[-1][1] and (last is None or last not in squeezed):
                    break  # the last sentence can only repeat ``last``; without it, no finding
                conj = [t for t in tokenize(squeezed) if t.pos == "接続詞"]
                if not conj:
                    continue
                first = conj[0]
                if last is not None and first.surface_form == last:
                    start = first.start + (1 if 0 <= space <= first.start else 0)
                    span = block.source_span(ps + start, ps + start + len(first.surface_form))
                    yield ctx.report(*span, f"同じ接続詞（{first.surface_form}）が連続して使われています。")
                last = first.surface_form
