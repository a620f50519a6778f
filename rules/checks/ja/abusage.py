"""JA019 ja-no-abusage: common misuses (「〜を適応する」, 「読みずらい」, 「可変する」, idioms)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from ...engine.registry import Rule, RuleContext
from ...model import Diagnostic
from ...reading.document import Document
from ._morpheme_match import expand, match_text
from ._textlint_nodes import str_nodes

# Token patterns from textlint-ja/textlint-rule-ja-no-abusage (MIT), src/dictionary.ts.
_ZURAI = (
    "動詞の連用形+辛い（つらい）の場合は、「ずらい」ではなく「づらい」が適切です。\n        \n参考: \n"
    "- https://www.nhk.or.jp/bunken/summary/kotoba/uraomote/023.html\n"
    "- https://ameblo.jp/writer-yama/entry-10522384501.html"
)
_RENYO_VERB = {"pos": "動詞", "pos_detail_1": "自立", "conjugated_form": "連用形", "_capture": "$1"}
DICTIONARY = [
    {
        "message": '"適用"の誤用である可能性があります。適応 => 適用',
        "expected": "を適用",
        "applicability": "unsafe",
        "tokens": [
            {
                "surface_form": "を",
                "pos": "助詞",
                "pos_detail_1": "格助詞",
                "pos_detail_2": "一般",
                "pos_detail_3": "*",
                "conjugated_type": "*",
                "conjugated_form": "*",
                "basic_form": "を",
                "reading": "ヲ",
                "pronunciation": "ヲ",
            },
            {
                "surface_form": "適応",
                "pos": "名詞",
                "pos_detail_1": "サ変接続",
                "pos_detail_2": "*",
                "pos_detail_3": "*",
                "conjugated_type": "*",
                "conjugated_form": "*",
                "basic_form": "適応",
                "reading": "テキオウ",
                "pronunciation": "テキオー",
            },
        ],
    },
    {
        "message": "「可変する」という使い方は適切ではありません。「可逆」と同じ使い方になります。\n"
        "http://qiita.com/scivola/items/f02589968a4ca27bc52b",
        "tokens": [
            {
                "surface_form": "可変",
                "pos": "名詞",
                "pos_detail_1": "一般",
                "pos_detail_2": "*",
                "pos_detail_3": "*",
                "conjugated_type": "*",
                "conjugated_form": "*",
                "basic_form": "可変",
                "reading": "カヘン",
                "pronunciation": "カヘン",
            },
            {"pos": "動詞", "pos_detail_1": "自立"},
        ],
    },
    # 「書きずらい」: ず + らい
    {
        "message": _ZURAI,
        "expected": "$1づらい",
        "tokens": [_RENYO_VERB, {"surface_form": "ず"}, {"surface_form": "らい"}],
    },
    # 「読みずらい」: ずら + い
    {
        "message": _ZURAI,
        "expected": "$1づらい",
        "tokens": [_RENYO_VERB, {"surface_form": "ずら"}, {"surface_form": "い"}],
    },
]

# Text patterns from the same repository (MIT), dict/prh.yml: (pattern, expected, note).
# A pattern is a regular expression when written /.../, else literal text.
PRH_RULES: list[tuple[str, str, str]] = [
    ("値を返却する", "値を返す", "See http://qiita.com/scivola/items/d9f26ea13691f8c5e6a4"),
    ("/(メソッド|関数)の返却値/", "$1の返り値", "See http://qiita.com/scivola/items/d9f26ea13691f8c5e6a4"),
    ("例外を補足", "例外を捕捉", ""),
    ("似て異なるもの", "似て非なるもの", ""),
    ("愛苦しい", "愛くるしい", "http://dictionary.goo.ne.jp/jn/692/meaning/m0u/"),
    (
        "悪どい",
        "あくどい",
        "https://web.archive.org/web/20150408184042/http://japanknowledge.com/articles/blognihongo/entry.html?entryid=173",
    ),
    ("/(うんちく|薀蓄)を垂れる/", "$1を傾ける", "https://gakumado.mynavi.jp/gmd/articles/27802"),
    ("転稼", "転嫁", "https://gakumado.mynavi.jp/gmd/articles/27802"),
    ("こんにちわ", "こんにちは", "http://japanknowledge.com/articles/blognihongo/entry.html?entryid=113"),
    (
        "/愛想を(振り|ふり)まく/",
        "愛嬌を$1まく",
        "https://web.archive.org/web/20150408182846/http://japanknowledge.com/articles/blognihongo/entry.html?entryid=115",
    ),
    (
        "論戦を張る",
        "論陣を張る",
        "https://web.archive.org/web/20150407172247/http://japanknowledge.com/articles/blognihongo/entry.html?entryid=119",
    ),
    (
        "/(いさぎ良い|潔よい)/",
        "潔い",
        "https://web.archive.org/web/20150407155736/http://japanknowledge.com/articles/blognihongo/entry.html?entryid=169",
    ),
    (
        "寸暇を惜しまず",
        "寸暇を惜しんで",
        "https://web.archive.org/web/20150408185444/http://japanknowledge.com/articles/blognihongo/entry.html?entryid=132",
    ),
    (
        "寸暇を置かず",
        "間を置かず",
        "https://web.archive.org/web/20150407185011/http://japanknowledge.com/articles/blognihongo/entry.html?entryid=133",
    ),
    (
        "一つ返事",
        "二つ返事",
        "https://web.archive.org/web/20150408185551/http://japanknowledge.com/articles/blognihongo/entry.html?entryid=131",
    ),
    (
        "怒り心頭に達する",
        "怒り心頭に発する",
        "https://web.archive.org/web/20150408185212/http://japanknowledge.com/articles/blognihongo/entry.html?entryid=188",
    ),
    (
        "熱にうなされる",
        "熱に浮かされる",
        "https://web.archive.org/web/20150407160525/http://japanknowledge.com/articles/blognihongo/entry.html?entryid=48",
    ),
    (
        "やるせぬ",
        "やるせない",
        "https://web.archive.org/web/20150408185109/http://japanknowledge.com/articles/blognihongo/entry.html?entryid=203",
    ),
    (
        "/馬脚を(晒す|さらす|出す)/",
        "馬脚を露わす",
        "https://web.archive.org/web/20150407184513/http://japanknowledge.com/articles/blognihongo/entry.html?entryid=209",
    ),
    (
        "雪辱を晴らす",
        "雪辱を果たす",
        "https://web.archive.org/web/20150407155513/http://japanknowledge.com/articles/blognihongo/entry.html?entryid=212",
    ),
    (
        "うる覚え",
        "うろ覚え",
        "https://web.archive.org/web/20150407161100/http://japanknowledge.com/articles/blognihongo/entry.html?entryid=216",
    ),
    (
        "/頭を(傾げる|かしげる|かたげる)/",
        "首を$1",
        "https://web.archive.org/web/20150408190425/http://japanknowledge.com/articles/blognihongo/entry.html?entryid=213",
    ),
    (
        "口先三寸",
        "舌先三寸",
        "https://web.archive.org/web/20140517134132/http://japanknowledge.com/articles/blognihongo/entry.html?entryid=224",
    ),
    (
        "舌の先の乾かぬ",
        "舌の根の乾かぬ",
        "https://web.archive.org/web/20150408184454/http://japanknowledge.com/articles/blognihongo/entry.html?entryid=226",
    ),
    ("/悪評(?:嘖々|嘖嘖|さくさく)/", "悪評高い", "https://www.nhk.or.jp/bunken/summary/kotoba/gimon/128.html"),
    (
        "器管",
        "器官",
        "https://web.archive.org/web/20140726094700/https://japanknowledge.com/articles/blognihongo/entry.html?entryid=235",
    ),
    (
        "/(火蓋|火ぶた)を(?:切って)?落とす/",
        "$1を切る",
        "http://japanknowledge.com/articles/blognihongo/entry.html?entryid=314",
    ),
    (
        "/(火蓋|火ぶた)が(?:切って)?落とされる/",
        "$1が切られる",
        "https://www.nhk.or.jp/bunken/summary/kotoba/gimon/137.html",
    ),
    (
        "/(取り付く|とりつく)(?:暇|ヒマ|ひま)(も|が)(無い|ない)/",
        "$1島$2$3",
        "https://web.archive.org/web/20150206044421/http://japanknowledge.com/articles/blognihongo/entry.html?entryid=264",
    ),
    (
        "/上(?:や|へ)下への/",
        "上を下への",
        "https://web.archive.org/web/20150417042551/http://japanknowledge.com/articles/blognihongo/entry.html?entryid=274",
    ),
    (
        "押しも押されぬ",
        "押しも押されもせぬ",
        "https://web.archive.org/web/20150710180524/http://japanknowledge.com/articles/blognihongo/entry.html?entryid=286",
    ),
    ("掻き入れ", "書き入れ", "http://japanknowledge.com/articles/blognihongo/entry.html?entryid=309"),
    ("引くに引かれない", "引くに引けない", "https://www.nhk.or.jp/bunken/summary/kotoba/uraomote/110.html"),
    ("死ぬに死なれない", "死ぬに死ねない", "https://www.nhk.or.jp/bunken/summary/kotoba/uraomote/110.html"),
    ("腹が煮えくり返る", "腸が煮えくり返る", "https://www.nhk.or.jp/bunken/summary/kotoba/uraomote/110.html"),
    ("胸先三寸", "胸三寸", "https://www.nhk.or.jp/bunken/summary/kotoba/uraomote/110.html"),
    ("肝に据えかねる", "腹に据えかねる", "https://www.nhk.or.jp/bunken/summary/kotoba/uraomote/110.html"),
    (
        "/鼻にも(?:かけない|掛けない)/",
        "鼻も引っ掛けない",
        "https://www.nhk.or.jp/bunken/summary/kotoba/uraomote/110.html",
    ),
    ("へそを抱えて", "腹を抱えて", "https://www.nhk.or.jp/bunken/summary/kotoba/uraomote/110.html"),
    ("後ろ立て", "後ろ盾", "http://woman.mynavi.jp/article/140212-30/"),
    ("絶対絶命", "絶体絶命", "参照 講談社校閲部『熟練校閲者が教える　間違えやすい日本語実例集  』講談社文庫、2018年。"),
    ("有頂点", "有頂天", "参照 講談社校閲部『熟練校閲者が教える　間違えやすい日本語実例集  』講談社文庫、2018年。"),
    (
        "/(自分本位|自[己分]本意)/",
        "自己本位",
        "参照 講談社校閲部『熟練校閲者が教える　間違えやすい日本語実例集  』講談社文庫、2018年。",
    ),
    ("一発即発", "一触即発", ""),
    ("意気高々", "意気揚々", ""),
    ("青色吐息", "青息吐息", ""),
    ("固定概念", "固定観念", ""),
    ("/目(に|にも|が)止ま([らろりっるれ])/", "目$1留ま$2", "「止」は動作の停止、「留」は意識を向ける時に使う"),
    ("目を止め", "目を留め", "「止」は動作の停止、「留」は意識を向ける時に使う"),
    ("/無理([のが])効かない/", "無理$1利かない", "「効」は具体的な効果がある時に使う"),
    ("睨みを効かせ", "睨みを利かせ", "「効」は具体的な効果がある時に使う"),
    ("/([気癪])に触る/", "$1に障る", "部位に触れて不快に覚えることを「障」と表す"),
    ("/見るに[耐絶]えない/", "見るに堪えない", "（それをする）価値があることを「堪える」という"),
    ("/頭に留め[て]?[置お]く/", "頭に入れておく", ""),
    ("/(?:関心|感心)を買う/", "歓心を買う", ""),
    ("恩を着る", "恩に着る", ""),
    ("脚光を集め", "脚光を浴び", ""),
    ("/口が[固硬]い/", "口が堅い", "堅実さを意味する「堅い」を用いる"),
    ("/思いも([付つ])かない/", "思い$1かない", "「思いつかない」で一つの動詞"),
    (
        "/足り([得え])ない/",
        "たり$1ない",
        "参照 講談社校閲部『熟練校閲者が教える　間違えやすい日本語実例集  』講談社文庫、2018年。",
    ),
    (
        "/案の[上条]/",
        "案の定",
        "参照 講談社校閲部『熟練校閲者が教える　間違えやすい日本語実例集  』講談社文庫、2018年。",
    ),
    (
        "合いの手を打つ",
        "合いの手を入れる",
        "参照 https://japanknowledge.com/articles/blognihongo/entry.html?entryid=221",
    ),
    (
        "/相(づち|槌)を入れる/",
        "相$1を打つ",
        "参照 https://japanknowledge.com/articles/blognihongo/entry.html?entryid=221",
    ),
    (
        "/耳障り([のが])?([良よ]い)/",
        "耳当たり$1$2",
        "参照 http://www.bunka.go.jp/prmagazine/rensai/kotoba/kotoba_004.html",
    ),
    (
        "無理なからぬ",
        "無理からぬ",
        "参照 神永曉『微妙におかしな日本語:ことばの結びつきの正解・不正解』草思社、2018年。",
    ),
    (
        "/間髪([い容]れず|[を]?[お置]かず)/",
        "間髪をいれず",
        "参照 神永曉『微妙におかしな日本語:ことばの結びつきの正解・不正解』草思社、2018年。",
    ),
    (
        "/食指[をが](そそる|そそられる|伸ばす)/",
        "食指が動く",
        "参照 神永曉『微妙におかしな日本語:ことばの結びつきの正解・不正解』草思社、2018年。",
    ),
    (
        "/念頭に(入れる|する)/",
        "念頭におく",
        "参照 神永曉『微妙におかしな日本語:ことばの結びつきの正解・不正解』草思社、2018年。",
    ),
    (
        "/嫌気が(して|した)/",
        "嫌気が差$1",
        "参照 神永曉『微妙におかしな日本語:ことばの結びつきの正解・不正解』草思社、2018年。",
    ),
    (
        "/精魂(が)?尽き/",
        "精根$1尽き",
        "参照 神永曉『微妙におかしな日本語:ことばの結びつきの正解・不正解』草思社、2018年。",
    ),
    (
        "/苦虫を[か噛]んだような/",
        "苦虫を噛み潰したような",
        "参照 神永曉『微妙におかしな日本語:ことばの結びつきの正解・不正解』草思社、2018年。",
    ),
    ("/喝(を)?入れ/", "活$1入れ", "参照 神永曉『微妙におかしな日本語:ことばの結びつきの正解・不正解』草思社、2018年。"),
    (
        "一同に会する",
        "一堂に会する",
        "参照 神永曉『微妙におかしな日本語:ことばの結びつきの正解・不正解』草思社、2018年。",
    ),
]

_CAPTURE_REF = re.compile(r"\$(\d)")


def _prh_source(pattern: str) -> str:
    """A prh pattern as a regex: ``/.../`` is one already, anything else is literal text."""
    if pattern.startswith("/") and pattern.endswith("/") and len(pattern) > 2:
        return pattern[1:-1]
    return re.escape(pattern)


_PRH_SOURCES = [(_prh_source(pattern), expected, note) for pattern, expected, note in PRH_RULES]


@lru_cache(maxsize=1)
def prh_rules() -> list[tuple[re.Pattern[str], str, str]]:
    """The prh entries compiled, on the first text one of them matches (``_PRH_ANY`` says so
    first, and nearly every text has none): compiling them all took 3 ms of every run."""
    return [(re.compile(source), expected, note) for source, expected, note in _PRH_SOURCES]


_REGEX_SPECIAL = frozenset("\\.^$*+?{}[]|()")


def _any_of(patterns: list[str]) -> tuple[re.Pattern[str], ...]:
    """Two searches that tell whether any of ``patterns`` matches: a text none of them
    matches (nearly every text) is done at once. The patterns that open with a plain
    character and have no alternation go in one regex, written ``c(?:rest)`` so that the
    engine skips to the characters they start with instead of trying every pattern at every
    position; the others (opening with a group or a class) go in the second."""
    led, other = [], []
    for pattern in patterns:
        first, rest = pattern[:1], pattern[1:]
        # (A pattern with any ``|`` stays whole: ``ab|cd`` is not ``a(?:b|cd)``.)
        if first and first not in _REGEX_SPECIAL and rest[:1] not in ("*", "+", "?", "{") and "|" not in rest:
            led.append(f"{re.escape(first)}(?:{rest})")
        else:
            other.append(f"(?:{pattern})")
    return tuple(re.compile("|".join(group)) for group in (led, other) if group)


_PRH_ANY = _any_of([source for source, _, _ in _PRH_SOURCES])


def _prh_expected(template: str, m: re.Match) -> str:
    return _CAPTURE_REF.sub(
        lambda r: (m.group(int(r.group(1))) or "") if int(r.group(1)) <= (m.re.groups) else r.group(0), template
    )


class NoAbusage(Rule):
    """Common misuses of Japanese words: 「〜を適応する」, 「読みずらい」, 「可変する」, 「案の上」.

    **What it does**: finds, by morphological analysis, 「を適応」 where 「を適用」 is meant,
    「可変」 used as a verb, and 「〜ずらい」 after a verb (「づらい」); and, as plain text, a
    list of misused idioms (「怒り心頭に達する」, 「案の上」). Same dictionaries and
    messages as textlint's ``ja-no-abusage``.

    **Why**: these slips read as carelessness to a Japanese reader, and an editor catches
    them late because every word on its own is spelled correctly.

    **Example**::

        修正パッチを適応する   # "適用"の誤用である可能性があります。適応 => 適用
        この本は読みずらい     # 「ずらい」ではなく「づらい」が適切です。

    **Fix**: 「読みずらい」 → 「読みづらい」 and the idioms are fixed safely; 「を適応」 → 「を適用」
    is an unsafe fix, since 「環境に適応する」 is correct Japanese.
    """

    code = "JA019"
    name = "ja-no-abusage"
    severity = "warning"
    fixes = "mixed"
    presets = {"ja-technical-writing": {}}
    textlint_id = "ja-no-abusage"

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        for block, s, e in str_nodes(doc):
            text = block.text[s:e]
            yield from self._prh(doc, block, s, text, ctx)
            for m in match_text(text, DICTIONARY):
                start, end = block.source_span(s + m.start, s + m.end)
                fix = None
                template = m.entry.get("expected")
                # A match across markup or a quote prefix has no clean fix.
                if template and doc.text[start:end] == m.surface:
                    expected = expand(template, m)
                    if expected is not None and expected != m.surface:
                        fix = ctx.replace(
                            start,
                            end,
                            expected,
                            m.entry.get("applicability", "safe"),
                            f"「{m.surface}」→「{expected}」",
                        )
                yield ctx.report(start, end, m.entry["message"], fix)

    @staticmethod
    def _prh(doc, block, s, text, ctx):
        if not any(rx.search(text) for rx in _PRH_ANY):
            return
        for rx, template, note in prh_rules():
            for m in rx.finditer(text):
                if not m.group(0):
                    continue
                expected = _prh_expected(template, m)
                if expected == m.group(0):
                    continue
                start, end = block.source_span(s + m.start(), s + m.end())
                message = f"{m.group(0)} => {expected}" + (f"\n{note}" if note else "")
                fix = None
                if doc.text[start:end] == m.group(0):
                    fix = ctx.replace(start, end, expected, "safe", f"「{m.group(0)}」→「{expected}」")
                yield ctx.report(start, end, message, fix)
