from __future__ import annotations

from article_studio.rules import config_from_mapping, fix_text, lint_text

CODES = [
    "JA001",
    "JA002",
    "JA003",
    "JA004",
    "JA006",
    "JA007",
    "JA013",
    "JA014",
    "JA015",
    "JA016",
    "JA021",
    "JA022",
    "JA023",
    "JA024",
    "JA025",
]


def _config(*codes, **rules):
    return config_from_mapping({"select": list(codes), "rules": rules})


def test_fixes_apply():
    cfg = _config("JA013", "JA023", "JA024")
    assert fix_text("ホ\u309aケット\u200bと\u2fa7崎", config=cfg) == "ポケットと長崎"


def test_period_fix_replaces_dot():
    cfg = _config("JA006")
    assert fix_text("これはペンです.\n", config=cfg) == "これはペンです。\n"


def test_arabic_kanji_fix():
    cfg = _config("JA007")
    assert fix_text("二十回と世界1\n", config=cfg) == "20回と世界一\n"


def test_sentence_length_starts_at_the_backtick_of_leading_code_as_textlint_does():
    cfg = _config("JA001", **{"sentence-length": {"max": 5}})
    text = "前の文です。\n`code`で始まる長い文です。\n"
    [d] = [d for d in lint_text(text, config=cfg) if d.start > 6]
    assert text[d.start] == "`"


def test_sentence_length_counts_inline_math_as_written():
    """textlint has no math syntax: ``$x+y$`` is five characters to it, not three."""
    cfg = _config("JA001", **{"sentence-length": {"max": 6}})
    assert lint_text("ab$x+y$", config=cfg)  # 7 as written
    assert not lint_text("ab`x+y`", config=cfg)  # code is counted without its backticks: 5


def test_sentence_length_counts_plain_text():
    cfg = _config("JA001", **{"sentence-length": {"max": 5}})
    assert not lint_text("ab`c`de", config=cfg)
    assert len(lint_text("123456", config=cfg)) == 1


def test_seed_article_and_odd_text_do_not_crash(seed_text):
    cfg = _config(*CODES)
    lint_text(seed_text, config=cfg)
    for text in ("", "\x00\x01\x02", "「（『" * 500, "ｶ" * 1000 + "\n\n" + "、" * 1000):
        lint_text(text, config=cfg)
