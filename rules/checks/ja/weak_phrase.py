"""JA017 ja-no-weak-phrase: 「かも」「思います」のような弱い表現."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ...engine.registry import Rule, RuleContext
from ...model import Diagnostic
from ...reading.document import Document
from ._morpheme_match import match_text
from ._textlint_nodes import str_nodes

# Token patterns from textlint-ja/textlint-rule-ja-no-weak-phrase (MIT), src/dict.js.
_KAMO = {
    "surface_form": "かも",
    "pos": "助詞",
    "pos_detail_1": "副助詞",
    "pos_detail_2": "*",
    "pos_detail_3": "*",
    "conjugated_type": "*",
    "conjugated_form": "*",
    "basic_form": "かも",
    "reading": "カモ",
    "pronunciation": "カモ",
}
DICTIONARY: list[dict[str, Any]] = [
    {
        "message": '弱い表現: "かも" が使われています。',
        "tokens": [
            _KAMO,
            {
                "surface_form": "。",
                "pos": "記号",
                "pos_detail_1": "句点",
                "pos_detail_2": "*",
                "pos_detail_3": "*",
                "conjugated_type": "*",
                "conjugated_form": "*",
                "basic_form": "。",
                "reading": "。",
                "pronunciation": "。",
            },
        ],
    },
    {
        "message": '弱い表現: "かも" が使われています。',
        "tokens": [
            _KAMO,
            {
                "surface_form": "しれ",
                "pos": "動詞",
                "pos_detail_1": "自立",
                "pos_detail_2": "*",
                "pos_detail_3": "*",
                "conjugated_type": "一段",
                "conjugated_form": ["連用形", "未然形"],
                "basic_form": "しれる",
                "reading": "シレ",
                "pronunciation": "シレ",
            },
        ],
    },
    {
        "message": '弱い表現: "思う" が使われています。',
        "tokens": [
            {
                "surface_form": "思う",
                "pos": "動詞",
                "pos_detail_1": "自立",
                "pos_detail_2": "*",
                "pos_detail_3": "*",
                "conjugated_type": "五段・ワ行促音便",
                "conjugated_form": "基本形",
                "basic_form": "思う",
                "reading": "オモウ",
                "pronunciation": "オモウ",
            }
        ],
    },
    {
        "message": '弱い表現: "思います" が使われています。',
        "tokens": [
            {
                "surface_form": "思い",
                "pos": "動詞",
                "pos_detail_1": "自立",
                "pos_detail_2": "*",
                "pos_detail_3": "*",
                "conjugated_type": "五段・ワ行促音便",
                "conjugated_form": "連用形",
                "basic_form": "思う",
                "reading": "オモイ",
                "pronunciation": "オモイ",
            },
            {
                "surface_form": "ます",
                "pos": "助動詞",
                "pos_detail_1": "*",
                "pos_detail_2": "*",
                "pos_detail_3": "*",
                "conjugated_type": "特殊・マス",
                "conjugated_form": "基本形",
                "basic_form": "ます",
                "reading": "マス",
                "pronunciation": "マス",
            },
        ],
    },
    {
        "message": '弱い表現: "可能性を示唆している" が使われています。\n'
        "「可能性がある」または「. . . を示唆している」を利用してください。\n"
        "弱い表現を二つ重ねることはしないでください。",
        "tokens": [
            {"surface_form": "可能", "pos": "名詞", "pos_detail_1": "形容動詞語幹", "basic_form": "可能"},
            {"surface_form": "性", "pos": "名詞", "pos_detail_1": "接尾", "pos_detail_2": "一般", "basic_form": "性"},
            {"surface_form": "を", "pos": "助詞", "pos_detail_1": "格助詞", "pos_detail_2": "一般", "basic_form": "を"},
            {"surface_form": "示唆", "pos": "名詞", "pos_detail_1": "サ変接続", "basic_form": "示唆"},
            {
                "surface_form": "し",
                "pos": "動詞",
                "pos_detail_1": "自立",
                "conjugated_type": "サ変・スル",
                "conjugated_form": "連用形",
                "basic_form": "する",
            },
            {"surface_form": "て", "pos": "助詞", "pos_detail_1": "接続助詞", "basic_form": "て"},
            {
                "surface_form": "いる",
                "pos": "動詞",
                "pos_detail_1": "非自立",
                "conjugated_type": "一段",
                "conjugated_form": "基本形",
                "basic_form": "いる",
            },
        ],
    },
]


class NoWeakPhrase(Rule):
    """Weak, hedging phrases such as 「〜かもしれない」 and 「〜と思います」.

    **What it does**: reports 「かも。」, 「かもしれ(ない/ません)」, 「思う」, 「思います」 and
    「可能性を示唆している」, found by morphological analysis (so 「思われます」 or 「のかも書いて」
    are not reported). Same patterns and messages as textlint's ``ja-no-weak-phrase``.

    **Why**: a technical article states what is known. Hedged sentences leave the reader
    unsure whether the author checked; say what you verified, or say what is unknown and why.

    **Example**::

        この設定で速くなるかもしれません。   # 弱い表現: "かも" が使われています。
        重大な意義を持つと思います。         # 弱い表現: "思います" が使われています。

    **Fix**: none automatic. State the fact (「この設定で 2 倍速くなる」) or the condition under
    which it holds.
    """

    code = "JA017"
    name = "ja-no-weak-phrase"
    # Reads MeCab's tokens of every prose text: with the other rules that do (see two_cores).
    second_process = True
    severity = "warning"
    presets = {"ja-technical-writing": {}}
    textlint_id = "ja-no-weak-phrase"

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        for block, s, e in str_nodes(doc):
            for m in match_text(block.text[s:e], DICTIONARY):
                start, end = block.source_span(s + m.start, s + m.end)
                yield ctx.report(start, end, m.entry["message"])
