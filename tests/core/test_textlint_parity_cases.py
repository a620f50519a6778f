"""Places where article-lint and textlint disagreed on the site's posts, cut down to a few lines.

Each expectation is what textlint 15.8.0 reported on the same text (preset-ja-technical-writing
12.0.2 with its defaults unless the test names other options; rule packages as in
``tests/data/conformance/textlint-site-findings.json``): the start offsets of its findings.
"""

from __future__ import annotations

from article_studio.rules import config_from_mapping, lint_text
from article_studio.rules.engine.run import resolve_rules
from article_studio.rules.reading.morph import _tokenize_rows, tokenize


def _starts(text: str, rule: str, **options) -> list[int]:
    config = config_from_mapping(
        {"preset": "ja-technical-writing", "select": [rule], "rules": {rule: options} if options else {}}
    )
    return [d.start for d in lint_text(text, "a.md", config) if d.name == rule]


def test_exclamation_marks_in_links_emphasis_and_quotes_are_left_alone_but_not_in_reference_links():
    text = "Yahoo!とJoomla!と*すごい!*と**太字!**\n\n> 引用!\n"
    assert _starts(text, "no-exclamation-question-mark") == [13, 19, 26]
    text = "Yahoo!と[リンク！](/a)と[参照？][r]と<https://e.com/?q>と[簡略!]\n\n[r]: /b\n[簡略!]: /c\n"
    assert _starts(text, "no-exclamation-question-mark") == [21, 49]


def test_exclamation_allow_takes_words_and_patterns_and_the_mark_right_after_them():
    text = "Wow!とHey!とYes!\n"
    assert _starts(text, "no-exclamation-question-mark") == [3, 8, 13]
    assert _starts(text, "no-exclamation-question-mark", allow=["Wow!", "/H.y/"]) == [13]


def test_max_ten_resets_at_an_exclamation_inside_a_quote_and_not_at_one_in_code():
    text = "走って、食べて、寝て、「そうだ！」と言って、遊んで、笑った。\n\n走って、食べて、`panic!`を呼び、寝て、遊んだ。\n"
    assert _starts(text, "max-ten") == [54]


def test_doubled_conjunction_reads_a_quoted_paragraph_as_one_sentence():
    text = (
        "「多くの企業では傾向があります。しかし、法規制をクリアします。これは、目に見えにくい、"
        "しかし価値のある点です。」\n\n"
        "それは大事です。 しかし、難しい。AI しかし問題だ。\n\n"
        "雨が降った。しかし、傘がある。しかし、風が強い。\n"
    )
    assert _starts(text, "no-doubled-conjunction") == [102]


def test_arabic_kanji_numbers_checks_plain_paragraph_text_only():
    text = "# 二つの側面\n\n**もう一つの戦場**\n\n一つの例と*二つ*の例。\n\n> 三つの引用\n\n| 表 |\n|---|\n| 四つ |\n\n- 五つの項目\n"
    assert _starts(text, "arabic-kanji-numbers") == [22, 67]


def test_sentence_length_counts_the_indentation_of_continuation_lines():
    text = "1.  **見出し:**\n    " + "あ" * 50 + "い" * 45 + "。\n\n段落" + "え" * 50 + "\n   " + "お" * 47 + "。\n"
    found = [d.message for d in lint_text(text, "a.md", config_from_mapping({"select": ["sentence-length"]}))]
    assert [m.split("文が")[1][:3] for m in found] == ["105", "104"]


def test_no_mix_dearu_desumasu_reads_paragraphs_and_setext_headings_as_written():
    site = config_from_mapping(
        {
            "preset": ["japanese", "ja-technical-writing"],
            "select": ["no-mix-dearu-desumasu"],
            "rules": {"japanese/no-mix-dearu-desumasu": {"preferInHeader": "である", "preferInBody": "である"}},
        }
    )
    # 「であれば」 before bold text is not a sentence end; the underline follows the heading's
    # last word, so 「ますか？」」 does not end one either.
    text = "考えていますか？」\n---\n\n人間の結果であれば**著作権**が認められます。\n\nこれはペンである。\n"
    assert sorted(d.start for d in lint_text(text, "a.md", site)) == [36, 46]


def test_an_unknown_run_of_symbols_is_a_noun_as_kuromoji_tags_it():
    for text in ("---", "a---b", "♪", "考えていますか？」\n---"):
        fast = [(t.surface_form, t.pos, t.pos_detail_1) for t in tokenize(text)]
        assert fast == [(t.surface_form, t.pos, t.pos_detail_1) for t in _tokenize_rows(text)]
        symbols = [t for t in fast if t[0] in ("---", "♪")]
        assert symbols and all(t[1:] == ("名詞", "サ変接続") for t in symbols), fast
    assert [(t.pos, t.pos_detail_1) for t in tokenize("𠮷")] == [("記号", "一般")]  # not a symbol to MeCab


def test_two_presets_run_a_rule_once_when_its_options_are_the_same():
    both = config_from_mapping({"preset": ["japanese", "ja-technical-writing"]})
    runs = [(s.rule.name, s.preset) for s in resolve_rules(both)]
    assert runs.count(("sentence-length", "japanese")) == 1
    assert ("sentence-length", "ja-technical-writing") not in runs  # the same max: run once
    assert [p for name, p in runs if name == "no-mix-dearu-desumasu"] == ["japanese", "ja-technical-writing"]
