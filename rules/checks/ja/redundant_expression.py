"""JA020 ja-no-redundant-expression: 「することができる」「であると考えている」「確認を行う」."""

from __future__ import annotations

from collections.abc import Iterator

from ...engine.options import Option, Options
from ...engine.registry import Rule, RuleContext
from ...model import Diagnostic
from ...reading.document import Document
from ...reading.user_regex import budget_for, vetted
from ._morpheme_match import STOP, expand, match_text
from ._patterns import allow_patterns, matches_any
from ._textlint_nodes import ignored_ranges, paragraphs

# Token patterns from textlint-ja/textlint-rule-ja-no-redundant-expression (MIT), src/dictionary.ts.
_PUNCTUATION = ["、", "､", "，", ","]
_URL = "https://github.com/textlint-ja/textlint-rule-ja-no-redundant-expression#"
_SURU = {
    "surface_form": "する",
    "pos": "動詞",
    "pos_detail_1": "自立",
    "pos_detail_2": "*",
    "pos_detail_3": "*",
    "conjugated_type": "サ変・スル",
    "conjugated_form": "基本形",
    "basic_form": "する",
    "reading": "スル",
    "pronunciation": "スル",
}
_DE = {
    "surface_form": "で",
    "pos": "助動詞",
    "pos_detail_1": "*",
    "pos_detail_2": "*",
    "pos_detail_3": "*",
    "conjugated_type": "特殊・ダ",
    "conjugated_form": "連用形",
    "basic_form": "だ",
    "reading": "デ",
    "pronunciation": "デ",
}
_WO = {
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
}
_SAHEN = {"pos": "名詞", "pos_detail_1": "サ変接続", "_capture": "$1"}


def _skippable_punctuation(capture: str) -> dict:
    return {"surface_form": _PUNCTUATION, "_skippable": True, "_capture": capture}


def _only_ga(expected: dict, token) -> object:
    # Only 「が」 is removed by the fix: other particles (「は」「も」) change the meaning.
    return "" if token.surface_form == "が" else STOP


DICTIONARY = [
    {
        "id": "dict1",
        "disabled": False,
        "allows": [],
        "message": '"する$2$3$4$5$1"は冗長な表現です。"する$2$3$4"を省き簡潔な表現にすると文章が明瞭になります。',
        "tokens": [
            _SURU,
            {"pos": "名詞", "reading": "コト", "_capture": "$2"},
            {"pos": "助詞", "_capture": "$3"},
            _skippable_punctuation("$4"),
            {"basic_form": ["可", "可能", "不可能", "不能", "不可"], "_capture": "$5"},
            {"pos": "助動詞", "_capture": "$1"},
        ],
    },
    {
        "id": "dict2",
        "disabled": False,
        "allows": [],
        "message": '"する$4$3$5$1$2"は冗長な表現です。"する$4$3$5"を省き簡潔な表現にすると文章が明瞭になります。',
        "expected": "$3$1$2",
        "applicability": "safe",
        "tokens": [
            _SURU,
            {"pos": "名詞", "reading": "コト", "_capture": "$4"},
            {"pos": "助詞", "_capture": "$3", "_to_expected": _only_ga},
            _skippable_punctuation("$5"),
            {
                "pos": "動詞",
                "pos_detail_1": "自立",
                "pos_detail_2": "*",
                "pos_detail_3": "*",
                "basic_form": "できる",
                "_capture": "$1",
            },
            {"_capture": "$2"},
        ],
    },
    {
        "id": "dict3",
        "disabled": False,
        "allows": [],
        "message": '"で$1$6と$5$2ます"は冗長な表現です。"である$6" または "と$5言えます"を省き簡潔な表現にすると文章が明瞭になります。',
        "tokens": [
            _DE,
            {"reading": "アル", "_capture": "$1"},
            _skippable_punctuation("$6"),
            {"surface_form": "と", "pos": "助詞"},
            _skippable_punctuation("$5"),
            {
                "pos": "動詞",
                "pos_detail_1": "自立",
                "pos_detail_2": "*",
                "pos_detail_3": "*",
                "conjugated_type": "一段",
                "conjugated_form": "連用形",
                "reading": "イエ",
                "pronunciation": "イエ",
                "_capture": "$2",
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
        "id": "dict4",
        "disabled": False,
        "allows": [],
        "message": '"である$7と$5考えて$6いる"は冗長な表現です。"である$7" または "と$5考えて$6いる"を省き簡潔な表現にすると文章が明瞭になります。',
        "expected": "である",
        # 「〜であると考えている」 → 「〜である」 drops the author's stance: offered, not applied by --fix.
        "applicability": "unsafe",
        "tokens": [
            _DE,
            {"reading": "アル", "_capture": "$1"},
            _skippable_punctuation("$7"),
            {"surface_form": "と", "pos": "助詞"},
            _skippable_punctuation("$5"),
            {
                "surface_form": "考え",
                "pos": "動詞",
                "pos_detail_1": "自立",
                "pos_detail_2": "*",
                "pos_detail_3": "*",
                "conjugated_type": "一段",
                "conjugated_form": "連用形",
                "basic_form": "考える",
                "reading": "カンガエ",
                "pronunciation": "カンガエ",
            },
            {
                "surface_form": "て",
                "pos": "助詞",
                "pos_detail_1": "接続助詞",
                "pos_detail_2": "*",
                "pos_detail_3": "*",
                "conjugated_type": "*",
                "conjugated_form": "*",
                "basic_form": "て",
                "reading": "テ",
                "pronunciation": "テ",
            },
            _skippable_punctuation("$6"),
            {"pos": "動詞", "pos_detail_1": "非自立", "pos_detail_2": "*", "pos_detail_3": "*", "basic_form": "いる"},
            {
                "surface_form": "ます",
                "pos": "助動詞",
                "conjugated_type": "特殊・マス",
                "conjugated_form": "基本形",
                "basic_form": "ます",
                "reading": "マス",
                "pronunciation": "マス",
                "_skippable": True,
            },
        ],
    },
    {
        "id": "dict5",
        "disabled": False,
        "allows": list(vetted("/^処理を行[ぁ-ん]/", "/^[ァ-ヶ]+を.?行[ぁ-ん]/", "/^[a-zA-Z]+を.?行[ぁ-ん]/")),
        "message": '"$1を$5行う"は冗長な表現です。"$1する"など簡潔な表現にすると文章が明瞭になります。',
        "tokens": [
            _SAHEN,
            _WO,
            _skippable_punctuation("$5"),
            {
                "pos": "動詞",
                "pos_detail_1": "自立",
                "pos_detail_2": "*",
                "pos_detail_3": "*",
                "conjugated_type": "五段・ワ行促音便",
                "basic_form": "行う",
            },
        ],
    },
    {
        "id": "dict6",
        "disabled": False,
        "allows": ["/^処理を実行/", "/^[ァ-ヶ]+を.?実行/", "/^[a-zA-Z]+を.?実行/"],
        "message": '"$1を$5実行"は冗長な表現です。"$1する"など簡潔な表現にすると文章が明瞭になります。',
        "tokens": [
            _SAHEN,
            _WO,
            _skippable_punctuation("$5"),
            {
                "surface_form": "実行",
                "pos": "名詞",
                "pos_detail_1": "サ変接続",
                "pos_detail_2": "*",
                "pos_detail_3": "*",
                "conjugated_type": "*",
                "conjugated_form": "*",
                "basic_form": "実行",
                "reading": "ジッコウ",
                "pronunciation": "ジッコー",
            },
        ],
    },
]


def _to_expected(expected: dict, token):
    hook = expected.get("_to_expected")
    return hook(expected, token) if hook else token.surface_form


class NoRedundantExpression(Rule):
    """Redundant expressions: 「することができる」, 「であると考えている」, 「確認を行う」.

    **What it does**: finds, by morphological analysis of each paragraph, six patterns of
    wordy Japanese, numbered as in textlint's ``ja-no-redundant-expression``:
    dict1 「することが可能だ」, dict2 「することができる」, dict3 「であると言えます」,
    dict4 「であると考えている」, dict5 「[サ変名詞]を行う」, dict6 「[サ変名詞]を実行」.
    Text in block quotes, links and inline code is skipped (option ``allowNodeTypes``,
    default ``["BlockQuote", "Link", "ReferenceDef", "Code"]``). ``dictOptions`` turns a
    dictionary off (``{dict1 = {disabled = true}}``) or sets the text it allows
    (``{dict5 = {allows = ["/^処理を行[ぁ-ん]/"]}}``; katakana and Latin nouns are allowed by
    default for dict5 and dict6).

    **Why**: the short form says the same in fewer words; long endings pile up and make
    technical prose slow to read.

    **Example**::

        必要なら解析することができます。   # 【dict2】 → 必要なら解析できます。
        動作の確認を行わなければならない。 # 【dict5】 → 動作を確認しなければならない。

    **Fix**: dict2 with 「が」 is fixed safely (「解析することができます」 → 「解析できます」);
    dict4 (「であると考えている」 → 「である」) is an unsafe fix. The others need rewording.
    """

    code = "JA020"
    name = "ja-no-redundant-expression"
    severity = "warning"
    options = Options(
        Option(
            "allowNodeTypes",
            ["BlockQuote", "Link", "ReferenceDef", "Code"],
            "textlint node types whose text is not checked.",
        ),
        Option("dictOptions", {}, "Per-dictionary-entry settings by entry id (disabled, allows)."),
    )
    fixes = "mixed"
    presets = {"ja-technical-writing": {}}
    textlint_id = "ja-no-redundant-expression"
    second_process = True

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        dict_options = ctx.options.get("dictOptions") or {}
        if not isinstance(dict_options, dict):
            dict_options = {}
        entries = [e for e in DICTIONARY if not self._disabled(e, dict_options.get(e["id"]))]
        skip_types = ctx.options.get("allowNodeTypes")
        if skip_types is None:
            skip_types = self.options["allowNodeTypes"]
        budget = budget_for(doc.text)
        allowed: dict[str, list] = {}  # entry id -> its allows, compiled for this document
        for block in paragraphs(doc, quotes="BlockQuote" not in skip_types, lists="ListItem" not in skip_types):
            ignored = ignored_ranges(block, skip_types)
            for m in match_text(block.text, entries):
                if any(a <= m.start < b for a, b in ignored):
                    continue
                option = dict_options.get(m.entry["id"])
                allows = option.get("allows") if isinstance(option, dict) else None
                if allows is None:
                    allows = m.entry["allows"]
                if allows:
                    key = m.entry["id"]
                    if key not in allowed:
                        allowed[key] = allow_patterns(allows, budget, f"dictOptions.{key}.allows")
                    if matches_any(m.surface, allowed[key]):
                        continue
                yield self._report(doc, block, m, ctx)

    @staticmethod
    def _disabled(entry, option) -> bool:
        if isinstance(option, dict) and isinstance(option.get("disabled"), bool):
            return option["disabled"]
        return entry["disabled"]

    @staticmethod
    def _report(doc, block, m, ctx):
        entry = m.entry
        message = f"【{entry['id']}】 {expand(entry['message'], m)}\n解説: {_URL}{entry['id']}"
        start, end = block.source_span(m.start, m.end)
        fix = None
        # A match across markup or a quote prefix has no clean fix.
        if entry.get("expected") and doc.text[start:end] == m.surface:
            expected = expand(entry["expected"], m, _to_expected)
            if expected is not None and expected != m.surface:
                fix = ctx.replace(
                    start, end, expected, entry.get("applicability", "safe"), f"「{m.surface}」→「{expected}」"
                )
        return ctx.report(start, end, message, fix)
