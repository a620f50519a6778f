"""JA017-JA020: the dictionary and morpheme-pattern rules (weak phrase, successive word,
abusage, redundant expression), beyond textlint's own cases in test_conformance.py."""

from __future__ import annotations

import pytest

from article_studio.rules import Config, fix_text, lint_text
from article_studio.rules.checks.ja._morpheme_match import match_all
from article_studio.rules.reading.morph import Token

CODES = ["JA017", "JA018", "JA019", "JA020"]


def _config(select=CODES, **rules) -> Config:
    return Config(select=list(select), rules=rules)


def _lint(text: str, select=CODES, **rules):
    return lint_text(text, "post.md", _config(select, **rules))


def _tok(surface: str, start: int, pos: str = "名詞") -> Token:
    return Token(surface, pos, "*", "*", "*", "*", "*", surface, "*", "*", start, start + len(surface))


def test_seed_article_lints_without_crash(seed_text):
    found = _lint(seed_text)
    assert {d.code for d in found} <= set(CODES)
    for d in found:
        assert 0 <= d.start <= d.end <= len(seed_text)
        assert d.message


@pytest.mark.parametrize(
    "text", ["", "\x00\x01\ufffd", "```\nすることができる\n```", "# \n\n- \n", "あ" * 20000, "することができ" * 300]
)
def test_odd_input_does_not_raise(text):
    _lint(text)


def test_offsets_count_from_the_start_of_the_file_with_front_matter():
    text = "---\ntitle: テスト\n---\n\n必要なら解析することができます。\n"
    [d] = _lint(text, ["ja-no-redundant-expression"])
    assert text[d.start : d.end] == "することができます"
    assert d.line == 5 and d.column == 7


def test_redundant_dict2_fix_gives_textlints_output():
    assert fix_text("必要なら解析することができます。\n", "a.md", _config()) == "必要なら解析できます。\n"
    assert fix_text("必要なら解析することが、できます。\n", "a.md", _config()) == "必要なら解析できます。\n"
    # Only 「が」 is removed: 「することもできます」 is reported without a fix.
    [d] = _lint("解析することもできますよ。")
    assert d.fix is None


def test_redundant_dict4_fix_is_unsafe():
    text = "これは大切であると考えています\n"
    assert fix_text(text, "a.md", _config()) == text
    assert fix_text(text, "a.md", _config(), unsafe=True) == "これは大切である\n"


def test_redundant_skips_quotes_links_and_code_unless_told():
    text = "> これは省略することが可能だが、省略しない。\n"
    assert _lint(text) == []
    [d] = _lint(text, **{"ja-no-redundant-expression": {"allowNodeTypes": []}})
    assert d.message.startswith("【dict1】")
    assert _lint("[これは省略することが可能](http://example)だが、省略しない。") == []


def test_redundant_dict_options():
    assert len(_lint("処理を行う", **{"JA020": {"dictOptions": {"dict5": {"allows": []}}}})) == 1
    assert _lint("処理を行う") == []
    assert _lint("確認を行う", **{"JA020": {"dictOptions": {"dict5": {"disabled": True}}}}) == []


def test_abusage_fixes():
    assert fix_text("この本は読みずらい\n", "a.md", _config()) == "この本は読みづらい\n"
    assert fix_text("この本は書きずらい\n", "a.md", _config()) == "この本は書きづらい\n"
    text = "今朝起きた事件に法律を適応する\n"
    assert fix_text(text, "a.md", _config()) == text
    assert fix_text(text, "a.md", _config(), unsafe=True) == "今朝起きた事件に法律を適用する\n"


def test_abusage_idiom_dictionary():
    [d] = _lint("彼は怒り心頭に達する様子だった。")
    assert d.message.startswith("怒り心頭に達する => 怒り心頭に発する")
    fixed = fix_text("これはメソッドの返却値です。\n", "a.md", _config())
    assert fixed == "これはメソッドの返り値です。\n"


def test_weak_phrase_and_successive_word_messages():
    [d] = _lint("問題があるかも。")
    assert d.message == '弱い表現: "かも" が使われています。'
    [d] = _lint("これはは問題ある文章です。")
    assert d.message == '"は" が連続して2回使われています。' and d.column == 4


def test_successive_word_needs_adjacent_words():
    # kuromoji keeps the space as a token of its own, so textlint does not report these.
    assert _lint("test test の結果") == []
    assert _lint("問題\n問題がある") == []
    assert len(_lint("問題問題がある")) == 1


def test_successive_word_allow_option():
    text = "＿人人人人人人＿"
    assert len(_lint(text, ["JA018"])) == 2
    assert _lint(text, ["JA018"], **{"ja-no-successive-word": {"allow": ["/^人+$/"]}}) == []


def test_matcher_keeps_morpheme_match_quirks():
    entry = {"tokens": [{"surface_form": "A"}, {"surface_form": ",", "_skippable": True}, {"surface_form": "B"}]}
    tokens = [_tok("A", 0), _tok(",", 1), _tok("B", 2), _tok("A", 3), _tok("B", 4)]
    matches = match_all(tokens, [entry])
    assert [(m.start, m.end, m.skipped) for m in matches] == [
        (0, 3, (False, False, False)),
        (3, 5, (False, True, False)),
    ]
    # A token that breaks a partial match is not retried as a new start (textlint misses "A A B").
    assert match_all([_tok("A", 0), _tok("A", 1), _tok("B", 2)], [entry]) == []


def test_match_across_markup_is_reported_without_a_fix():
    text = "必要なら解析**することが**できます。\n"
    [d] = _lint(text, ["JA020"])
    assert d.message.startswith("【dict2】") and d.fix is None
    assert fix_text(text, "a.md", _config()) == text
