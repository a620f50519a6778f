from __future__ import annotations

from collections.abc import Iterator

from ...engine.registry import Rule, RuleContext
from ...model import Diagnostic
from ...reading.document import Document
from ...reading.morph import tokenize
from ._textlint_nodes import in_quote, str_segments

MESSAGE = "ら抜き言葉を使用しています。"


def _is_ichidan_stem(tok) -> bool:
    """「食べ」「出」: an independent 一段 verb in its 未然形, the part before 「られる」."""
    return (
        tok.pos == "動詞"
        and tok.pos_detail_1 == "自立"
        and tok.conjugated_type == "一段"
        and tok.conjugated_form == "未然形"
    )


def _is_re_suffix(tok) -> bool:
    """「れ(る)」 as a verb suffix: what is left of 「られる」 once the ら is dropped."""
    return tok.pos == "動詞" and tok.pos_detail_1 == "接尾" and tok.basic_form == "れる"


def _is_fused(tok) -> bool:
    """IPADIC has 「来れる」「見れる」 as words of their own, so they come as one token."""
    return tok.pos == "動詞" and tok.basic_form in ("来れる", "見れる")


def _may_drop_the_ra(text: str) -> bool:
    """Both forms hold the stem 「れ」 of an 一段 verb (れる, 来れる, 見れる) in every
    conjugation: a text without it has nothing to report and is not tokenized."""
    return "れ" in text or "レ" in text


class NoDroppingTheRa(Rule):
    """ら抜き言葉: 「食べれる」「見れる」「来れる」 instead of 「食べられる」「見られる」「来られる」.

    **What it does**: reports the potential form of an 一段 verb or of 「来る」 written without
    its 「ら」, as textlint's ``no-dropping-the-ra`` does (by morphological analysis, so
    「見られる」「出られる」 pass). Text in links, emphasis and block quotes is skipped.

    **Why**: ら抜き言葉 is common in speech but still reads as careless in written, and
    especially in technical, Japanese.

    **Example**::

        お刺身を食べれない。
        この距離からでも見れる。

    **Fix**: put the 「ら」 back (「食べられない」「見られる」). The editor offers this as a
    suggestion; it is not applied automatically, since a few verbs need a rewrite instead.
    """

    code = "JA012"
    name = "no-dropping-the-ra"
    # Reads MeCab's tokens of every prose text: with the other rules that do (see two_cores).
    second_process = True
    severity = "warning"
    fixes = "suggestion"
    presets = {"ja-technical-writing": {}, "japanese": {}}
    textlint_id = "no-dropping-the-ra"

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        for block in doc.prose_blocks():
            if in_quote(block) or block.kind == "quote":
                continue
            for s, e in str_segments(block):
                yield from self._check_run(block, s, block.text[s:e], ctx)

    def _check_run(self, block, offset, text, ctx):
        if not _may_drop_the_ra(text):
            return
        tokens = tokenize(text)
        for tok in tokens:
            if _is_fused(tok) and len(tok.surface_form) >= 2:
                # textlint points one character in: at the 「れ」 of 「見れる」.
                at = offset + tok.start + 1
                start, end = block.source_span(at, at + 1)
                insert = ctx.replace(start, start, "ら", "display", "「ら」を補う")
                yield ctx.report(start, end, MESSAGE, suggestions=(insert,))
        for prev, cur in zip(tokens, tokens[1:], strict=False):
            if _is_ichidan_stem(prev) and _is_re_suffix(cur):
                start, end = block.source_span(offset + cur.start, offset + cur.end)
                insert = ctx.replace(start, start, "ら", "display", "「ら」を補う")
                yield ctx.report(start, end, MESSAGE, suggestions=(insert,))
