"""The AW rules (textlint-rule-preset-ai-writing) beyond the preset's own cases: the node tree
they read, textlint's behaviour on nested lists and line breaks, options, fixes, messages."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from article_studio.rules import Config, ConfigError, fix_text, lint_text
from article_studio.rules.checks.aw._text import plain_text
from article_studio.rules.checks.aw._tree import nodes, tree
from article_studio.rules.checks.aw.ai_tech_writing_guideline import _GROUPS
from article_studio.rules.engine.catalog import rule_catalog
from article_studio.rules.engine.config import config_from_mapping
from article_studio.rules.reading.document import Document
from tests.conftest import DATA

AW = {
    "AW001": ("no-ai-list-formatting", "warning"),
    "AW002": ("no-ai-hype-expressions", "warning"),
    "AW003": ("no-ai-emphasis-patterns", "warning"),
    "AW004": ("no-ai-colon-continuation", "warning"),
    "AW005": ("ai-tech-writing-guideline", "info"),
}


def lint(text: str, rule: str, options: dict | None = None, language: str | None = None, notes=None):
    config: dict = {"select": [rule]}
    if options:
        config["rules"] = {rule: options}
    if language:
        config["language"] = language
    return lint_text(text, "post.md", config_from_mapping(config), notes)


def spans(text: str, diagnostics) -> list[str]:
    return [text[d.start : d.end] for d in diagnostics]


# -- the family ---------------------------------------------------------------------------


def test_the_rules_run_only_when_selected(seed_text):
    entries = {e.code: e for e in rule_catalog() if e.code.startswith("AW")}
    assert {code: e.name for code, e in entries.items()} == {code: name for code, (name, _) in AW.items()}
    assert not any(e.default_enabled for e in entries.values())
    assert not [d for d in lint_text(seed_text, "post.md", Config()) if d.code.startswith("AW")]
    found = lint_text(seed_text, "post.md", config_from_mapping({"select": ["AW"]}))
    assert {d.code for d in found} >= {"AW002", "AW005"}
    assert {(d.code, d.severity) for d in found} <= {(code, sev) for code, (_, sev) in AW.items()}


def test_messages_in_english_on_request():
    text = "革命的な変化です。\n"
    (ja,) = lint(text, "AW002")
    (en,) = lint(text, "AW002", language="en")
    assert ja.message.startswith("「革命的な」という表現は過度に誇張的")
    assert en.message.startswith("「革命的な」 (revolutionary) may be an overstatement")


def test_an_invalid_allows_pattern_is_a_config_error_not_ignored(tmp_path):
    with pytest.raises(ConfigError, match=r"allows entry '/\(\[/' is not a valid regular expression"):
        config_from_mapping({"rules": {"AW002": {"allows": ["/([/"]}}}, tmp_path / ".article-lint.toml")
    with pytest.raises(ConfigError, match="not a valid regular expression"):  # a Config built in code too
        lint("革命的な変化です。\n", "AW002", {"allows": ["/([/"]})


# -- the tree they read -------------------------------------------------------------------


def _shape(node, text):
    return [(n.type, text[n.start : n.end]) for n in node.children]


def test_tree_ranges_as_textlint_gives_them():
    text = "- **見出し**: 説明  \n  続き\n  - ✅ 入れ子   \n\n  二段落目\n\n> 引用\n>\n> > 深い\n"
    doc = Document(text)
    (item_list, quote) = tree(doc).children
    (item,) = item_list.children
    # The item runs from its marker to the end of its last child, nested list included.
    assert text[item.start : item.end] == "- **見出し**: 説明  \n  続き\n  - ✅ 入れ子   \n\n  二段落目"
    assert _shape(item, text) == [
        ("Paragraph", "**見出し**: 説明  \n  続き"),
        ("List", "- ✅ 入れ子   "),  # a paragraph keeps the spaces at the end of its last line
        ("Paragraph", "二段落目"),
    ]
    assert _shape(quote, text) == [("Paragraph", "引用"), ("BlockQuote", "> 深い")]


def test_tree_keeps_footnotes_and_definitions_in_place_and_opens_containers():
    text = "本文[^1]です。\n\n[^1]: 注記\n\n手順:\n[id]: https://example.com/\n\n段落:\n\n[id2]: https://example.com/\n\n```\nx\n```\n\n:::message\n実行します:\n:::\n\n- a\n"
    doc = Document(text)
    assert [n.type for n in tree(doc).children] == [
        "Paragraph",
        "FootnoteDefinition",  # where it is written, not at the end where markdown-it puts it
        "Paragraph",  # a definition cannot interrupt a paragraph: 「手順:\n[id]: …」 is one
        "Paragraph",
        "Definition",  # leaves no token, but stands between 「段落:」 and the code
        "CodeBlock",
        "ContainerMarker",  # textlint knows no ::: box: its lines are text, its content top-level
        "Paragraph",
        "ContainerMarker",
        "List",
    ]
    # So 「実行します:」 ends the box and is not followed by the list after it.
    assert lint(text, "AW004") == []


def test_plain_text_is_what_string_source_builds():
    text = "また、A `まず最初に` B  \nまた、C\n"
    doc = Document(text)
    (para,) = nodes(doc, "Paragraph")
    plain = plain_text(doc, para.block, drop_code=True)
    assert plain.text == "また、A  Bまた、C"  # code left out; a hard break adds nothing
    start, end = plain.span(7, 10)
    assert text[start:end] == "また、"
    assert plain_text(doc, para.block).text == "また、A まず最初に Bまた、C"


# -- AW001 no-ai-list-formatting ----------------------------------------------------------


def test_nested_items_report_once_per_place():
    # The outer item's source holds the inner one; textlint drops the identical message.
    text = "- 親の項目\n  - ✅ 子の項目\n    - **重要**: 孫の項目\n"
    found = lint(text, "AW001")
    assert spans(text, found) == ["✅", "- **重要**:"]


def test_list_formatting_options():
    text = "- **重要**: 説明\n- 🚀 速い\n"
    assert len(lint(text, "AW001")) == 2
    assert spans(text, lint(text, "AW001", {"disableBoldListItems": True})) == ["🚀"]
    assert spans(text, lint(text, "AW001", {"allows": ["/速/"]})) == ["- **重要**:"]


# -- AW002 no-ai-hype-expressions ---------------------------------------------------------


def test_hype_in_every_text_node_but_code_and_split_words():
    text = "# 革命的な見出し\n\n[究極の](https://example.com/)リンクと`最高の`コード、革命的**な**強調。\n\n| 列 |\n|---|\n| 次世代の表 |\n"
    found = lint(text, "AW002")
    assert spans(text, found) == ["革命的な", "究極の", "次世代の"]


def test_hype_options():
    text = "最高の結果が大幅に向上し、パラダイムシフトが起きた。\n"
    assert spans(text, lint(text, "AW002")) == ["最高の", "大幅に", "パラダイムシフト"]
    assert spans(text, lint(text, "AW002", {"disableAbsolutenessPatterns": True})) == ["パラダイムシフト"]
    assert lint(text, "AW002", {"disabledPredictivePatterns": True, "allows": ["結果"]}) == []


# -- AW003 no-ai-emphasis-patterns --------------------------------------------------------


def test_heading_bold_fix_is_safe_only_on_a_real_bold_span():
    text = "## **重要な項目**について\n\n### my__var__name の説明\n"
    found = lint(text, "AW003")
    assert spans(text, found) == ["**重要な項目**", "__var__"]
    assert [d.fix.applicability for d in found] == ["safe", "unsafe"]
    config = config_from_mapping({"select": ["AW003"]})
    assert fix_text(text, "post.md", config) == "## 重要な項目について\n\n### my__var__name の説明\n"


def test_emphasis_in_paragraph_and_list_item():
    text = "ℹ️ **注意**: 段落です。\n\n- **ポイント**: 項目です。\n"
    found = lint(text, "AW003")
    assert spans(text, found) == ["ℹ️ **注意**", "**ポイント**"]
    assert found[0].message.startswith("絵文字と太字の組み合わせ")
    assert found[1].message.startswith("リストアイテムで「**ポイント**」")


# -- AW004 no-ai-colon-continuation -------------------------------------------------------


def test_colon_after_a_predicate_before_a_block():
    text = "次のコマンドを実行します:\n\n```bash\nnpm test\n```\n"
    (found,) = lint(text, "AW004")
    assert text[found.start : found.end] == ":"
    assert found.message.startswith("「次のコマンドを実行します:」のような述語とコロンで終わるパターン")


def test_colon_after_a_label_a_symbol_or_outside_the_top_level_is_fine():
    code = "\n\n```\nx\n```\n"
    assert lint("使用方法:" + code, "AW004") == []
    assert lint("Run the tests:" + code, "AW004") == []
    # kuromoji files a symbol it does not know, such as ")", as a noun; MeCab as a symbol.
    assert lint("設定を変更します (例):" + code, "AW004") == []
    assert lint("- 実行します:\n\n  ```\n  x\n  ```\n", "AW004") == []  # inside a list item
    assert lint("実行します:\n\n[id]: https://example.com/" + code, "AW004") == []  # a definition between
    assert lint("実行します:" + code, "AW004", {"disableCodeBlock": True}) == []


# -- AW005 ai-tech-writing-guideline ------------------------------------------------------


def test_guideline_findings_and_the_summary():
    text = "---\ntitle: t\n---\nまず最初に`適切な`設定をすることができます。\n\n例えば。\n\n- 項目\n"
    found = lint(text, "AW005")
    assert all(d.severity == "info" for d in found)
    summary, *rest = found
    assert (summary.start, summary.end) == (0, 0)
    assert summary.message.startswith(
        "【テクニカルライティング品質分析】この文書で3件の改善提案が見つかりました [内訳: 簡潔性: 2件, 構造化: 1件]。"
    )
    # Code is left out of the text; a match that ends where code was removed ends, as in
    # textlint, where the next piece of text starts.
    assert spans(text, rest) == ["まず最初に`適切な`", "することができます", "例えば。"]
    assert len(lint(text, "AW005", {"enableDocumentAnalysis": False})) == 3
    assert lint("効率的な処理です。\n", "AW005", {"disableClarityGuidance": True}) == []


def test_a_hard_break_joins_lines_a_soft_one_does_not():
    # textlint's Break node has no text: the two lines become one for ``.*?``.
    assert len(lint("また、前半です。  \nまた、後半です。\n", "AW005", {"enableDocumentAnalysis": False})) == 1
    assert lint("また、前半です。\nまた、後半です。\n", "AW005", {"enableDocumentAnalysis": False}) == []


def test_each_pattern_gate_holds_on_the_corpus():
    """A paragraph is skipped for a pattern when none of its gate strings occurs in it: no
    paragraph of the generated corpus that the pattern matches lacks them."""
    checked = 0
    for path in sorted((DATA / "corpus" / "generated").rglob("*.md")):
        doc = Document(path.read_text(encoding="utf-8"))
        for node in nodes(doc, "Paragraph"):
            text = plain_text(doc, node.block, drop_code=True).text
            for _, _, patterns in _GROUPS:
                for guidance in patterns:
                    if guidance.pattern.search(text):
                        checked += 1
                        assert any(g in text for g in guidance.gate), (guidance.pattern.pattern, text)
    assert checked > 300


# -- any input ----------------------------------------------------------------------------

PIECES = st.sampled_from(
    [
        "- ",
        "  - ",
        "1. ",
        "> ",
        "# ",
        "**重要**",
        ": ",
        "：",
        " - ",
        "✅",
        "🚀",
        "ℹ️",
        "__",
        "革命的な",
        "まず最初に",
        "また、",
        "例えば。",
        "実行します:",
        "`code`",
        "```\n",
        "[^1]",
        "[^1]: ",
        "[id]: https://example.com/",
        ":::message\n",
        ":::\n",
        "|a|\n|-|\n",
        "\n",
        "\n\n",
        "  \n",
        "\r\n",
        "𠮷",
        "---\ntitle: x\n---\n",
    ]
)
SELECT_AW = config_from_mapping({"select": ["AW"]})


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=200), st.lists(PIECES, max_size=40).map("".join)))
def test_any_text_lints_without_error_and_fixes_settle(text):
    notes: list[str] = []
    found = lint_text(text, "post.md", SELECT_AW, notes)
    assert notes == []
    for d in found:
        assert 0 <= d.start <= d.end <= len(text)
    once = fix_text(text, "post.md", SELECT_AW)
    assert fix_text(once, "post.md", SELECT_AW) == once
