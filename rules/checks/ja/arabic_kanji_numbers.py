from __future__ import annotations

import re
from collections.abc import Iterator

from ...engine.registry import Rule, RuleContext
from ...model import Diagnostic
from ...reading.document import Document
from ._textlint_nodes import in_quote, str_runs

_K = "[一二三四五六七八九十壱弐参拾百〇]+"
_TO_NUMBER_MSG = (
    "数量を表現し、数を数えられるものは算用数字を使用します。任意の数に置き換えても通用する語句がこれに該当します。"
)
_TO_KANJI_MSG = "慣用的表現、熟語、概数、固有名詞、副詞など、漢数字を使用することが一般的な語句では漢数字を使います。"

# (pattern, patterns that cancel it when found anywhere in the text), checked in JTF-style's order.
_TO_NUMBER = [
    (re.compile(f"({_K})[兆億万]"), [re.compile(f"(数|何)({_K})[兆億万]")]),
    (
        re.compile(f"({_K})つ"),
        [
            re.compile(r"[一二三四五六七八九]つ(返事|子|ひとつ|星|編|葉|橋|と[無な]い|に一つ)"),
            re.compile(r"(ただ|唯|[女男]手|穴|瓜|馬鹿の)[一二]つ"),
        ],
    ),
    (re.compile(f"({_K})回"), []),
    (re.compile(f"({_K})か月"), []),
    (re.compile(f"({_K})番目"), []),
    (re.compile(f"({_K})進法"), []),
    (re.compile(f"({_K})次元"), []),
    (re.compile(f"第({_K})章"), []),
    (re.compile(f"第({_K})節"), []),
]
# Every pattern above needs a kanji numeral; every one below an Arabic digit.
_ANY_NUMERAL = re.compile("[一二三四五六七八九十壱弐参拾百〇0-9]")
_TO_KANJI = [
    re.compile(p)
    for p in (
        r"世界(1)",
        r"(1)時的",
        r"(1)部分",
        r"第(3)者",
        r"[^\d](1)種(?!類)",
        r"(1)部の",
        r"(1)番に",
        r"数(10+)倍",
        r"数(10+)[兆億万]",
        r"数(10+)年",
        r"([0-9]+)次関数",
        r"(5)大陸",
    )
]

_DIGITS = {
    "〇": 0,
    "一": 1,
    "壱": 1,
    "二": 2,
    "弐": 2,
    "三": 3,
    "参": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_UNITS = {"十": 10, "拾": 10, "百": 100}


def kanji_to_number(text: str) -> str:
    """``二十`` -> ``20``, ``百八`` -> ``108``; a run of digits (``二〇``) reads positionally."""
    if all(c in _DIGITS for c in text):
        return "".join(str(_DIGITS[c]) for c in text)
    total, digit = 0, None
    for c in text:
        if c in _DIGITS:
            digit = _DIGITS[c]
        else:
            total += (1 if digit is None else digit) * _UNITS[c]
            digit = None
    return str(total + (digit or 0))


def number_to_kanji(text: str) -> str:
    """``100`` -> ``百``, ``10`` -> ``十``, ``2`` -> ``二`` (up to 9999)."""
    value = int(text)
    if value == 0:
        return "〇"
    names = "〇一二三四五六七八九"
    out = ""
    for unit, name in ((1000, "千"), (100, "百"), (10, "十")):
        d, value = divmod(value, unit)
        if d:
            out += ("" if d == 1 else names[d]) + name
    return out + (names[value] if value else "")


class ArabicKanjiNumbers(Rule):
    """Arabic or kanji numerals used against JTF style 2.2.2.

    **What it does**: counted quantities take Arabic numerals (「二十回」 → 「20回」,
    「第三章」 → 「第3章」); idioms and approximate numbers keep kanji (「世界1」 → 「世界一」,
    「数100倍」 → 「数百倍」).

    **Why**: the JTF style guide, which Japanese technical documents commonly follow.

    Only plain text of paragraphs and list items is checked, as in textlint: not headings,
    tables, block quotes, or text in bold, emphasis or links.

    **Example**: ``百八つのボタン``

    **Fix**: replace the numerals (safe).
    """

    code = "JA007"
    name = "arabic-kanji-numbers"
    severity = "warning"
    default_enabled = False
    fixes = "safe"
    presets = {"ja-technical-writing": {}}
    textlint_id = "arabic-kanji-numbers"

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        # As JTF-style's isUserWrittenNode: only a Str right inside a Paragraph (a list item's
        # too), outside block quotes; not headings, table cells, or text in bold, links ...
        for block in doc.prose_blocks():
            if block.kind not in ("paragraph", "list_item") or in_quote(block):
                continue
            text = block.text
            for a, b in str_runs(block, {m.kind for m in block.marks}):
                part = text[a:b]
                if _ANY_NUMERAL.search(part) is None:
                    continue
                for pattern, cancels in _TO_NUMBER:
                    m = pattern.search(part)
                    if m and not any(c.search(part) for c in cancels):
                        yield self._report(ctx, block, a, m, kanji_to_number, _TO_NUMBER_MSG)
                for pattern in _TO_KANJI:
                    m = pattern.search(part)
                    if m:
                        yield self._report(ctx, block, a, m, number_to_kanji, _TO_KANJI_MSG)

    @staticmethod
    def _report(ctx, block, base, m, convert, why):
        matched = m.group()
        group = m.group(1)
        expected = matched.replace(group, convert(group), 1)
        s, e = block.source_span(base + m.start(), base + m.end())
        return ctx.report(s, s + 1, f"{matched} => {expected}\n{why}", ctx.replace(s, e, expected))
