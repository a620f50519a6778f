"""MD001-MD004: Markdown structure rules."""

from __future__ import annotations

import pytest

from article_studio.rules import Config, apply_fix, lint_text


def lint(text, code):
    return [d for d in lint_text(text, None, Config(select=[code])) if d.code == code]


def spans(text, code):
    return [text[d.start : d.end] for d in lint(text, code)]


# -- MD001 heading-increment -------------------------------------------------------------------------


def test_md001_skipped_level():
    text = "# A\n\n## B\n\ntext\n\n#### C\n\ntext\n\n### D\n\ntext\n"
    (d,) = lint(text, "MD001")
    assert text[d.start : d.end] == "#### C" and d.line == 7
    assert "レベル3にしてください" in d.message


def test_md001_going_up_and_one_step_down_is_fine():
    assert not lint("## A\n\n### B\n\n#### C\n\n## D\n\n### E\n", "MD001")
    assert not lint("### only\n", "MD001")  # no heading before it
    assert not lint("## A\n\n> #### quoted\n", "MD001")


# -- MD002 empty-section -----------------------------------------------------------------------------


def test_md002_same_level_and_end():
    text = "## 今後の展望\n\n## まとめ\n\n本文。\n\n## 付録\n"
    assert spans(text, "MD002") == ["## 今後の展望", "## 付録"]


def test_md002_content_and_subsections_count():
    assert not lint("## A\n\n### B\n\n本文。\n", "MD002")
    assert not lint("## 参考\n\n* [a](http://a)\n* [b](http://b)\n", "MD002")
    assert not lint("## A\n\n```\ncode\n```\n\n## B\n\n| a |\n|---|\n| 1 |\n", "MD002")
    assert not lint("## A\n\n> 引用\n", "MD002")


def test_md002_comments_rules_and_markers_are_not_content():
    assert spans("## A\n\n<!-- TODO -->\n\n## B\n\nx\n", "MD002") == ["## A"]
    assert spans("## A\n\n---\n\n## B\n\nx\n", "MD002") == ["## A"]
    assert spans("## A\n\n---END---\n\n## B\n\nx\n", "MD002") == ["## A"]
    assert not lint("## A\n\n<div>box</div>\n\n## B\n\nx\n", "MD002")


# -- MD003 unclosed-fence ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, fence",
    [
        ("# T\n\n```python\nprint(1)\n\n## 次の節\n\n本文。\n", "```python"),
        ("# T\n\n~~~\ncode\n", "~~~"),
        ("# T\n\n````\ncode\n```\n", "````"),  # a shorter fence does not close it
        ("- item\n\n  ```\n  code\n", "```"),
        ("```", "```"),
    ],
)
def test_md003_unclosed(text, fence):
    (d,) = lint(text, "MD003")
    assert text[d.start : d.end] == fence


@pytest.mark.parametrize(
    "text",
    [
        "```python\nprint(1)\n```\n",
        "```python\nprint(1)\n```",
        "~~~\nx\n~~~~\n\ntext\n",
        "    indented code\n",
        "> ```\n> quoted\n\ntext\n",
        "```\n```\n",
        "text\n\n```js\nx\n```\n\n```\ny\n```\n",
    ],
)
def test_md003_closed(text):
    assert not lint(text, "MD003")


# -- MD004 empty-link --------------------------------------------------------------------------------


def test_md004_empty_targets():
    text = "詳しくは[公式]()と[**仕様**](#)、[メモ](<>)を参照。[本物](https://example.com)と[章](#sec)。\n"
    assert spans(text, "MD004") == ["[公式]()", "[**仕様**](#)", "[メモ](<>)"]


def test_md004_fix_keeps_the_text_and_positions_after_emoji():
    text = "🦀𠮷 [ドキュメント]( ) です。\n"
    (d,) = lint(text, "MD004")
    assert (d.line, d.column) == (1, 4)
    assert d.fix.applicability == "unsafe"
    assert apply_fix(text, d.fix) == "🦀𠮷 ドキュメント です。\n"


def test_md004_not_in_code_or_images():
    assert not lint("```\n[a]()\n```\n\n`[b]()` と ![図]()\n", "MD004")


# -- the human corpus --------------------------------------------------------------------------------


def test_structure_rules_quiet_on_human_corpus(data):
    files = sorted(p for p in (data / "corpus" / "human").rglob("*.md") if p.name != "SOURCE.md")
    cfg = Config(select=["MD001", "MD003", "MD004"])
    found = []
    for p in files:
        found += [(p.name, d.code, d.line) for d in lint_text(p.read_text(encoding="utf-8"), str(p), cfg)]
    assert found == []


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\x00\x01",
        "#\n",
        "[",
        "](",
        "[]()",
        "```\n" * 1000,
        "# " + "a" * 100_000,
        "- ```\n" * 50,
        "> " * 200 + "```",
    ],
)
def test_structure_rules_never_crash(text):
    notes: list[str] = []
    lint_text(text, None, Config(select=["MD"]), notes=notes)
    assert notes == []
