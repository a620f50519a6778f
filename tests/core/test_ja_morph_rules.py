"""The morphology-based JA rules (JA005, JA008-JA012) and the textlint presets."""

from __future__ import annotations

import pytest

from article_studio.rules import Config, ConfigError, apply_fix, config_from_mapping, fix_text, lint_text
from article_studio.rules.engine.run import resolve_rules

MORPH_CODES = ("JA005", "JA008", "JA009", "JA010", "JA011", "JA012")


def _lint(text: str, *select: str, **options) -> list:
    rules = {select[0]: options} if options else {}
    return lint_text(text, "post.md", config_from_mapping({"select": list(select), "rules": rules}))


def _names(preset: str) -> dict[str, dict]:
    return {s.rule.name: s.options for s in resolve_rules(Config(preset=preset))}


def test_seed_article_gets_plausible_findings(seed_text):
    notes: list[str] = []
    found = lint_text(seed_text, "seed.md", Config(), notes=notes)
    assert notes == []
    mine = [d for d in found if d.code in MORPH_CODES]
    assert mine, "the seed article has doubled particles and a repeated そして"
    for d in mine:
        assert 0 <= d.start < d.end <= len(seed_text)
        assert d.line >= 1 and d.message
    # Every finding sits on prose, never inside the YAML front matter.
    body_start = seed_text.index("---", 3) + 3
    assert all(d.start >= body_start for d in mine)
    conj = [d for d in mine if d.code == "JA008"]
    assert all(seed_text[d.start : d.end] == "そして" for d in conj)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\n\n",
        "\x00\x01\x02ない\x7f",
        "。。。、、、",
        "ないこともない" * 2000,
        "- \n# \n> ない\n`code`は`code`は",
        "﻿\ud7ff\U0001f980がが、が。" * 50,
    ],
)
def test_odd_input_never_crashes(text):
    notes: list[str] = []
    lint_text(text, "odd.md", config_from_mapping({"select": list(MORPH_CODES)}), notes=notes)
    assert notes == []


def test_doubled_joshi_position_and_message():
    [d] = _lint("私は彼は好きだ。\n", "no-doubled-joshi")
    assert (d.start, d.end) == (3, 4)
    assert '- 私"は"\n- 彼"は"' in d.message
    assert _lint("私は彼の鼻は好きだ。\n", "no-doubled-joshi") == []
    # min_interval widens the distance that still counts as doubled.
    assert len(_lint("私は彼の鼻は好きだ。\n", "no-doubled-joshi", strict=True, min_interval=2)) == 1


def test_doubled_joshi_skips_block_quotes_and_shows_code_as_written():
    assert _lint("> 私は彼は好きだ。\n", "no-doubled-joshi") == []
    [d] = _lint("これは`obj.method`は何をしているかを示します。\n", "no-doubled-joshi")
    assert '- `obj.method`"は"' in d.message


def test_double_negative_points_at_the_last_nai():
    text = "確かにそういった懸念はないことはない。\n"
    [d] = _lint(text, "no-double-negative-ja")
    assert text[d.start : d.end] == "ない" and d.start == 16
    assert d.message == "二重否定: 〜ないことはない"


def test_dropping_the_ra_suggests_the_missing_ra_but_fix_leaves_text_alone():
    text = "お刺身を食べれない。\n"
    [d] = _lint(text, "no-dropping-the-ra")
    assert text[d.start] == "れ" and d.fix is None
    assert apply_fix(text, d.suggestions[0]) == "お刺身を食べられない。\n"
    # textlint has no fixer for these rules: --fix must not rewrite the prose.
    config = config_from_mapping({"select": list(MORPH_CODES)})
    draft = "お刺身を食べれない。そして朝。そして夜。\n\n私は彼は好きだ。\n"
    assert fix_text(draft, "post.md", config, unsafe=True) == draft
    assert _lint("お刺身を食べられない。見られる。\n", "no-dropping-the-ra") == []


def test_conjunction_and_particle_ga():
    text = "そして朝起きた。昼は仕事をした。そして夜に寝た。\n"
    [d] = _lint(text, "no-doubled-conjunction")
    assert text[d.start : d.end] == "そして" and d.start == 16
    text = "今日は早朝から出発したが、定刻には間に合わなかったが、無事会場に到着した。\n"
    [d] = _lint(text, "no-doubled-conjunctive-particle-ga")
    assert d.start == 11
    assert _lint("出発したが、間に合わなかった。が、到着した。\n", "no-doubled-conjunctive-particle-ga") == []


def test_mix_dearu_desumasu_by_part_and_preference():
    text = "今日はいい天気ですね。\n今日はいい天気ですね。\n今日はいい天気である。\n\n- 箇条書きである\n"
    [d] = _lint(text, "no-mix-dearu-desumasu")
    assert d.message.startswith('本文: "である"調 と "ですます"調 が混在')
    assert text[d.start : d.start + 3] == "である"
    # The technical-writing preset wants である in lists: a ですます item is reported.
    found = lint_text("- 今日はいい天気です\n- 明日も晴れである\n", "post.md", Config())
    mixed = [d for d in found if d.code == "JA005"]
    assert [d.message.split("\n")[0] for d in mixed] == ['箇条書き: "である"調 でなければなりません']


def test_presets_select_different_rules_and_options():
    tw, ja = _names("ja-technical-writing"), _names("japanese")
    assert {"max-comma", "ja-no-weak-phrase", "no-exclamation-question-mark"} <= set(tw) - set(ja)
    assert "no-kangxi-radicals" in set(ja) - set(tw)
    both = {
        "no-mix-dearu-desumasu",
        "no-doubled-joshi",
        "no-dropping-the-ra",
        "no-double-negative-ja",
        "no-doubled-conjunction",
        "no-doubled-conjunctive-particle-ga",
    }
    assert both <= set(tw) & set(ja)
    assert tw["no-mix-dearu-desumasu"]["preferInBody"] == "ですます"
    assert ja["no-mix-dearu-desumasu"]["preferInBody"] == ""
    assert not any(name.startswith(("no-doubled", "no-mix")) for name in _names("none"))
    assert "no-mixed-zenkaku-and-hankaku-alphabet" not in set(tw) | set(ja)


def test_unknown_preset_is_a_config_error():
    with pytest.raises(ConfigError, match="unknown preset 'ja-tech'"):
        config_from_mapping({"preset": "ja-tech"})
    assert config_from_mapping({"preset": "japanese"}).preset == "japanese"
