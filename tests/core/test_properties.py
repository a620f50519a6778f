"""Property tests: linting arbitrary text never raises, ranges stay inside, safe fixes are idempotent."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from article_studio.rules import Config, fix_text, lint_text

PIECES = st.sampled_from(
    [
        "本文です。",
        "これは長い文で、読点が、たくさん、あります、ね。",
        "---END---",
        "\n",
        "\n\n",
        "**太字の見出し**",
        "# 見出し",
        "- 箇条書き",
        "```\ncode\n",
        "```",
        "`code`",
        "「括弧",
        "」",
        "🦀",
        "𠮷",
        "ｶﾀｶﾅ",
        "ＴＰＵ",
        "TPU",
        "---\ntitle: x\n---\n",
        "title: [",
        "<!-- article-lint-disable -->",
        "\u200b",
        "\x07",
        "サーバ",
        "サーバー",
        "例えば、EU",
        "[link](",
        ")",
        "$$",
        "> 引用",
        "|a|b|\n|-|-|\n",
        ":::message",
        "。",
        "、",
    ]
)
TEXTS = st.one_of(st.text(max_size=300), st.lists(PIECES, max_size=40).map("".join))
ALL = Config()


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_lint_never_raises_and_ranges_are_inside(text):
    notes: list[str] = []
    diags = lint_text(text, None, ALL, notes)
    assert notes == []  # a rule that raised would leave a note
    for d in diags:
        assert 0 <= d.start <= d.end <= len(text)
        assert d.line >= 1 and d.column >= 1
        for fix in d.all_fixes():
            for e in fix.edits:
                assert 0 <= e.start <= e.end <= len(text)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_safe_fixes_twice_equal_once(text):
    once = fix_text(text, None, ALL)
    assert fix_text(once, None, ALL) == once
    # No safe fix is left to offer on the fixed text.
    assert not [d for d in lint_text(once, None, ALL) if d.fix and d.fix.applicability == "safe"]
