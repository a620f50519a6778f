"""Messages of the JA rules: Japanese by default, textlint's own English with ``language = "en"``.

textlint writes some of these rules' messages in English; a Japanese writer reads them in
Japanese, and a comparison with textlint (``language = "en"``, as the conformance test runs)
still gets textlint's wording.
"""

from __future__ import annotations

import re

import pytest

from article_studio.rules import lint_text
from article_studio.rules.engine.config import config_from_mapping
from tests.core.conformance_cases import load_cases

CASES = [
    (
        "sentence-length",
        {"max": 5},
        "123456",
        "文が6文字あり、上限の5文字を1文字超えています。",
        "Line 1 sentence length(6) exceeds the maximum sentence length of 5.\nOver 1 characters.",
    ),
    (
        "sentence-length",
        {"max": 5, "skipPatterns": ["/[0-9]/"]},
        "12345678abcdef",
        "文が6文字（除外前14文字）あり、上限の5文字を1文字超えています。",
        "Line 1 sentence length(6, original:14) exceeds the maximum sentence length of 5.\nOver 1 characters.",
    ),
    (
        "max-comma",
        {"max": 2},
        "a, b, c, d",
        "この文のカンマ「,」が上限の2個を超えています。",
        "This sentence exceeds the maximum count of comma. Maximum is 2.",
    ),
    (
        "no-exclamation-question-mark",
        None,
        "すごい！",
        "「！」は使わないでください。",
        'Disallow to use "！".',
    ),
    (
        "no-hankaku-kana",
        None,
        "ｶﾀｶﾅです",
        "半角カタカナ「ｶﾀｶﾅ」は使わないでください。",
        'Disallow to use 半角カタカナ: "ｶﾀｶﾅ"',
    ),
    (
        "no-nfd",
        None,
        "ホ\u309aケット",
        "濁点・半濁点が分離した文字（NFD、いわゆるUTF8-MAC濁点）です:「ホ\u309a」→「ポ」",
        'Disallow to use NFD(well-known as UTF8-MAC 濁点): "ホ\u309a" => "ポ"',
    ),
    (
        "no-invalid-control-character",
        None,
        "a\u0008b",
        "不正な制御文字があります（BACKSPACE \\u0008）。",
        "Found invalid control character(BACKSPACE \\u0008)",
    ),
    (
        "no-zero-width-spaces",
        None,
        "a\u200bb",
        "ゼロ幅スペースは使わないでください。",
        "Zero width space is disallowed.",
    ),
    (
        "no-unmatched-pair",
        None,
        "これは(秘密です。",
        "「(」に対応する「)」が見つかりません。この文の中で閉じてください。",
        "Cannot find a pairing character for (.\n                    \n"
        "You should close this sentence with ).\nThis pair of marks is called round bracket().",
    ),
    (
        "no-kangxi-radicals",
        None,
        "\u2fa7崎県",
        "康熙部首「\u2fa7」が使われています。漢字の「長」を使ってください。",
        "Found kangxi radical: \u2fa7",
    ),
    (
        "no-mix-dearu-desumasu",
        None,
        "これはペンである。これは本です。あれは本です。",
        '本文: "である"調 と "ですます"調 が混在\n=> "ですます"調 の文体に、次の "である"調 の箇所があります: "である。"\n'
        "内訳:\nである  : 1\nですます: 2\n",
        '本文: "である"調 と "ですます"調 が混在\n=> "ですます"調 の文体に、次の "である"調 の箇所があります: "である。"\n'
        "Total:\nである  : 1\nですます: 2\n",
    ),
]


def _messages(rule: str, options: dict | None, text: str, language: str | None) -> list[str]:
    config: dict = {"select": [rule]}
    if options:
        config["rules"] = {rule: options}
    if language:
        config["language"] = language
    return [d.message for d in lint_text(text, "post.md", config_from_mapping(config))]


@pytest.mark.parametrize(("rule", "options", "text", "ja", "en"), CASES, ids=[c[0] for c in CASES])
def test_japanese_by_default_textlint_in_english(rule, options, text, ja, en):
    assert _messages(rule, options, text, None) == [ja]
    assert _messages(rule, options, text, "ja") == [ja]
    assert _messages(rule, options, text, "en") == [en]


def test_hankaku_kana_quick_fix_is_described_in_the_language():
    config = config_from_mapping({"select": ["no-hankaku-kana"]})
    (found,) = lint_text("ｶﾀｶﾅです", "post.md", config)
    assert [f.description for f in found.all_fixes()] == ["全角の「カタカナ」に置き換える"]


# textlint's English phrasings; none may reach a Japanese report.
ENGLISH = re.compile(
    r"Disallow to use|Cannot find a pairing|You should close|exceeds the maximum|Found invalid|"
    r"Found kangxi|is disallowed|^Total:|\nTotal:|Replace with|sentence length"
)


def test_no_english_in_japanese_reports_of_the_conformance_cases():
    """Every JA conformance case, linted in the default language: no textlint English left."""
    seen = 0
    for case in load_cases("textlint-cases.json"):
        if case["rule"] == "prh":  # its messages are the dictionary's own
            continue
        config: dict = {"select": [case["rule"]]}
        if case.get("options"):
            config["rules"] = {case["rule"]: case["options"]}
        for d in lint_text(case["text"], f"case{case['ext']}", config_from_mapping(config)):
            seen += 1
            texts = [d.message, *(f.description for f in d.all_fixes())]
            assert not any(ENGLISH.search(t) for t in texts), (case["id"], texts)
    assert seen > 200
