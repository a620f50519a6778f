"""The preview patches only the elements that changed, and shows what a full render shows."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QApplication

from article_studio import rules
from article_studio.editor.html_diff import Change, diff_elements, split_elements, widen

ARTICLE = (Path(__file__).resolve().parents[2] / "examples" / "2025-10-26-2-googleanthropictpu.md").read_text(
    encoding="utf-8"
)
BODY = ARTICLE.split("---\n", 2)[2]

# Every kind of element the renderer makes, between two copies of a real article's body.
RICH = """
# 見出しの一

段落の**強調**と`コード`と[リンク](https://example.com)と![図](a.png)。

- 項目一
- 項目二
  - 入れ子

1. 番号一
2. 番号二

| 列A | 列B |
|-----|-----|
| 1   | 2   |

```python:sample.py
def f():
    return 1
```

> 引用の段落
> 続き

:::message
メッセージの本文
:::

:::details 詳細
中身の段落
:::

$$
E = mc^2
$$

脚注つきの文[^1]。

---

    インデントのコード

## 見出しの二

[^1]: 脚注の本文
"""
FRONT = "---\ntitle: 長い記事\ntopics: [qt, python]\n---\n"
LONG = FRONT + BODY + RICH + BODY


def render(text: str) -> str:
    return rules.render_html(text)[0]


def anchor_names_out(html: str) -> str:
    # Anchors after a patch that moved lines keep their old names; the preview's own table
    # of anchor lines is what must be right, and is compared separately.
    return re.sub(r'name="L\d+"', 'name="L"', html)


@pytest.fixture
def make_preview(qtbot):
    from article_studio.editor.preview import Preview

    def make():
        p = Preview()
        qtbot.addWidget(p)
        p.resize(700, 900)
        p.show()
        return p

    return make


def assert_same_as_full_render(preview, fresh, html: str) -> None:
    fresh.show_html(html, force=True)
    assert preview.document().toPlainText() == fresh.document().toPlainText()
    assert anchor_names_out(preview.document().toHtml()) == anchor_names_out(fresh.document().toHtml())
    settle(preview)
    settle(fresh)
    assert preview.anchors == fresh.anchors  # (y, source line) of every anchor


def settle(preview) -> None:
    """Finish the preview's layout (Qt lays a new page out lazily) and let the view follow."""
    preview.document().documentLayout().documentSize()
    QApplication.processEvents()


class Changes:
    """The document ranges a page update rebuilt, from QTextDocument.contentsChange."""

    def __init__(self, doc):
        self.seen: list[tuple[int, int, int]] = []
        doc.contentsChange.connect(lambda pos, removed, added: self.seen.append((pos, removed, added)))


def edit_at(text: str, anchor: str, insert: str, offset: int = 0, last: bool = False) -> str:
    at = (text.rindex(anchor) if last else text.index(anchor)) + offset
    return text[:at] + insert + text[at:]


# -- the element diff (pure Python) ---------------------------------------------------------


def test_split_gives_each_top_level_element_with_its_lines():
    els = split_elements(render(FRONT + RICH))
    assert els is not None
    tags = [re.match(r"<(\w+)", e.html).group(1) for e in els]
    assert tags[:6] == ["table", "h1", "p", "ul", "ol", "table"]
    heading = els[1]
    assert heading.lead == 5 and heading.anchors == (5,) and heading.lines == (5, 5)
    assert heading.key == '<h1 id="L#" data-source-line="#">見出しの一</h1>'
    assert els[0].lead is None and els[0].anchors == (0,)  # the front matter's anchor is in a cell
    assert els[1].sealed and not els[0].sealed  # a table never seals


def test_split_refuses_what_it_does_not_understand():
    assert split_elements("<p>open") is None
    assert split_elements("<p>a</p>loose text") is None
    assert split_elements("<p>a</div>") is None
    assert split_elements("") == []


def test_empty_list_item_or_code_block_does_not_seal():
    els = split_elements(render("- a\n- \n\n```\n```\n\ntext\n"))
    assert [e.sealed for e in els] == [False, False, True]


def test_diff_finds_the_changed_paragraph_and_the_line_shift():
    old = split_elements(render(LONG))
    typed = split_elements(render(edit_at(LONG, "おや、また", "あ", 3)))
    change = diff_elements(old, typed)
    assert change.old_end - change.start == 1 and change.new_end - change.start == 1
    assert change.delta == 0
    split = split_elements(render(edit_at(LONG, "おや、また", "\n\n", 3)))
    change = diff_elements(old, split)
    assert (change.old_end - change.start, change.new_end - change.start, change.delta) == (1, 2, 2)
    assert change.old_end < len(old) - 50  # the rest matched, line numbers moved


def test_widen_moves_cuts_to_where_a_page_can_be_cut():
    els = split_elements(render("para one\n\n- item\n- item\n\npara two\n\npara three\n"))
    assert len(els) == 4  # p, ul, p, p: the list has no anchor of its own to start a cut at
    starts = {0, 2, 3}.__contains__
    assert widen(Change(2, 3, 3, 0), els, els, starts) == Change(2, 3, 3, 0)
    assert widen(Change(1, 2, 2, 0), els, els, starts) == Change(0, 2, 2, 0)
    assert widen(Change(2, 3, 3, 0), els, els, lambda i: i in (0, 3)) == Change(0, 3, 3, 0)
    assert widen(Change(0, 4, 4, 0), els, els, starts) is None
    # After an empty list item the next paragraph merges into it: no cut on either side.
    els = split_elements(render("para one\n\n- item\n- \n\npara two\n\npara three\n"))
    assert widen(Change(2, 3, 3, 0), els, els, starts) == Change(0, 3, 3, 0)
    assert widen(Change(1, 2, 2, 0), els, els, starts) == Change(0, 3, 3, 0)


# -- the preview ----------------------------------------------------------------------------


def test_typing_in_a_paragraph_rebuilds_only_that_paragraph(make_preview):
    preview, fresh = make_preview(), make_preview()
    preview.show_html(render(LONG))
    settle(preview)
    doc = preview.document()
    before, after = doc.findBlock(doc.characterCount() // 10), doc.lastBlock()
    kept = [(block, block.text(), block.position()) for block in (before, after)]
    changes = Changes(doc)
    # in the second copy of the article, after the rich part
    typed = edit_at(LONG, "考えてみてください。", "新しい文。", 5, last=True)
    html = render(typed)
    preview.show_html(html)
    assert changes.seen, "the page did not change"
    edited = doc.find("新しい文").block()
    assert before.position() < edited.position() < after.position()
    # Everything rebuilt lies around the edited paragraph, not the page from the top.
    assert min(pos for pos, _, _ in changes.seen) >= edited.previous().position()
    assert sum(added for _, _, added in changes.seen) < 3 * edited.length() + 10
    # Blocks before and after the edit are untouched: same text, still laid out.
    for (block, text, pos), shift in zip(kept, (0, len("新しい文。")), strict=False):
        assert block.isValid() and block.text() == text and block.position() == pos + shift
        assert block.layout().lineCount() > 0
    assert not doc.isUndoAvailable()  # patches are not kept for undo
    assert_same_as_full_render(preview, fresh, html)


def test_new_lines_shift_the_anchors_after_the_edit(make_preview):
    preview, fresh = make_preview(), make_preview()
    preview.show_html(render(LONG))
    text = LONG
    for insert in ("\n\n", "段落を分けた。\n\n", "\n"):
        text = edit_at(text, "興味深い点があります", insert)
        html = render(text)
        changes = Changes(preview.document())
        preview.show_html(html)
        if insert == "\n":  # a third blank line moves lines only: the document stays as it is
            assert not changes.seen
        else:
            assert changes.seen and min(pos for pos, _, _ in changes.seen) > 0
        assert_same_as_full_render(preview, fresh, html)  # anchors included
    # Scroll sync reads the moved anchors' positions like a fresh page's.
    last = preview.anchors[-1][1]
    preview.scroll_to_line(last - 30)
    fresh.scroll_to_line(last - 30)
    assert preview.verticalScrollBar().value() == fresh.verticalScrollBar().value() > 0
    assert preview.line_at_top() == pytest.approx(fresh.line_at_top())


def test_joining_paragraphs_removes_lines(make_preview):
    preview, fresh = make_preview(), make_preview()
    preview.show_html(render(LONG))
    joined = LONG.replace("んですよ。\n\n考えてみて", "んですよ。考えてみて", 1)
    assert joined != LONG
    html = render(joined)
    changes = Changes(preview.document())
    preview.show_html(html)
    assert min(pos for pos, _, _ in changes.seen) > 0
    assert_same_as_full_render(preview, fresh, html)


EDITS = {
    "heading text": lambda t: t.replace("# 見出しの一", "# 見出しの壱", 1),
    "heading level": lambda t: t.replace("# 見出しの一", "### 見出しの一", 1),
    "heading to paragraph": lambda t: t.replace("# 見出しの一", "見出しの一", 1),
    "paragraph to heading": lambda t: t.replace("\n段落の**強調**", "\n## 段落の**強調**", 1),
    "list item": lambda t: t.replace("- 項目一", "- 項目いち", 1),
    "new empty list item": lambda t: t.replace("- 項目二\n", "- 項目二\n- \n", 1),
    "nested item": lambda t: t.replace("  - 入れ子", "  - 入れ子の二\n  - 三", 1),
    "ordered list": lambda t: t.replace("2. 番号二", "2. 番号二\n3. 番号三", 1),
    "table cell": lambda t: t.replace("| 1   | 2   |", "| 1   | 3   |", 1),
    "table row": lambda t: t.replace("| 1   | 2   |", "| 1   | 2   |\n| 3   | 4   |", 1),
    "code line": lambda t: t.replace("    return 1", "    return 2\n    # end", 1),
    "code title": lambda t: t.replace("python:sample.py", "python:other.py", 1),
    "emptied code block": lambda t: t.replace("def f():\n    return 1\n", "", 1),
    "quote": lambda t: t.replace("> 続き", "> 続きの文", 1),
    "container": lambda t: t.replace("メッセージの本文", "メッセージの本文を直した", 1),
    "details": lambda t: t.replace(":::details 詳細", ":::details 詳しく", 1),
    "math": lambda t: t.replace("E = mc^2", "E = mc^3", 1),
    "footnote": lambda t: t.replace("[^1]: 脚注の本文", "[^1]: 脚注の本文を直した", 1),
    "rule removed": lambda t: t.replace("\n---\n\n    インデント", "\n    インデント", 1),
    "indented code": lambda t: t.replace("インデントのコード", "インデントのコード二", 1),
    "front matter value": lambda t: t.replace("title: 長い記事", "title: 長い記事です", 1),
    "front matter key added": lambda t: t.replace("topics:", "emoji: 🦀\ntopics:", 1),
    "front matter removed": lambda t: t[len(FRONT) :],
    "first paragraph": lambda t: t.replace(
        "GoogleとAnthropicのTPU契約、その真意", "GoogleとAnthropicのTPU契約、その真意と", 1
    ),
    "paragraph deleted": lambda t: t.replace(
        "段落の**強調**と`コード`と[リンク](https://example.com)と![図](a.png)。\n\n", "", 1
    ),
    # The footnotes are listed at the end of the page: the change spans half of it.
    "footnote reference deleted": lambda t: t.replace("脚注つきの文[^1]。\n\n", "", 1),
    "text appended": lambda t: t + "\n追記した段落。\n",
    "last paragraph": lambda t: t[:-40] + "あ" + t[-40:],
    "unclosed fence": lambda t: t.replace("\n段落の**強調**", "\n```\n段落の**強調**", 1),
}


@pytest.mark.parametrize("name", sorted(EDITS))
def test_every_kind_of_edit_matches_a_full_render(make_preview, name):
    preview, fresh = make_preview(), make_preview()
    preview.show_html(render(LONG))
    for text in (EDITS[name](LONG), LONG):  # and back again
        html = render(text)
        assert html != preview.html
        changes = Changes(preview.document())
        preview.show_html(html)
        rebuilt = sum(added for _, _, added in changes.seen)
        if name == "footnote reference deleted":
            assert rebuilt == preview.document().characterCount()  # a full render
        else:
            assert rebuilt < preview.document().characterCount() // 10
        assert_same_as_full_render(preview, fresh, html)


def test_a_patched_page_looks_like_a_full_render(make_preview):
    preview, fresh = make_preview(), make_preview()
    preview.show_html(render(LONG))
    text = LONG
    for name in ("heading level", "list item", "table row", "code line", "container", "front matter value"):
        text = EDITS[name](text)
        preview.show_html(render(text))
    text = edit_at(text, "おや、また", "\n\n", 3)
    html = render(text)
    preview.show_html(html)
    fresh.show_html(html)
    settle(preview)
    settle(fresh)
    bar, fresh_bar = preview.verticalScrollBar(), fresh.verticalScrollBar()
    assert bar.maximum() == fresh_bar.maximum() > 0
    for value in (0, bar.maximum() // 3, bar.maximum() * 2 // 3, bar.maximum()):
        bar.setValue(value)
        fresh_bar.setValue(value)
        assert preview.grab().toImage() == fresh.grab().toImage(), f"differs at scroll {value}"


def test_patch_right_after_a_full_render_leaves_no_block_blank(make_preview):
    # Qt lays a new page out lazily; an edit before it is done must not leave blocks unlaid.
    preview = make_preview()
    preview.show_html(render(LONG))
    preview.show_html(render(edit_at(LONG, "おや、また", "あ", 3)))
    settle(preview)
    doc = preview.document()
    block = doc.begin()
    while block.isValid():
        assert block.length() == 1 or block.layout().lineCount() > 0, block.text()
        block = block.next()


def test_random_edits_match_a_full_render(make_preview):
    preview, fresh = make_preview(), make_preview()
    rng = random.Random(7)
    snippets = [
        "あ",
        "\n",
        "\n\n",
        "- ",
        "# ",
        "`",
        "**",
        "| x |\n|---|\n| y |\n",
        "```\n",
        ":::message\n",
        "> ",
        "1. ",
        "---\n",
        "[^1]",
        "$$\n",
    ]
    text = FRONT + RICH + BODY[:3000]
    preview.show_html(render(text))
    for _ in range(60):
        if rng.random() < 0.3:
            at = rng.randrange(len(text))
            text = text[:at] + text[at + rng.randint(1, 6) :]
        else:
            at = rng.randrange(len(text) + 1)
            text = text[:at] + rng.choice(snippets) + text[at:]
        html = render(text)
        preview.show_html(html)
        assert_same_as_full_render(preview, fresh, html)


def test_scroll_position_is_kept_across_patches(make_preview):
    preview = make_preview()
    preview.show_html(render(LONG))
    settle(preview)
    bar = preview.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    top = bar.value()
    line = preview.line_at_top()
    text = EDITS["text appended"](LONG)  # below the view
    preview.show_html(render(text))
    assert bar.value() == top
    assert preview.line_at_top() == pytest.approx(line)


def test_link_to_a_line_follows_moved_lines(make_preview):
    preview, fresh = make_preview(), make_preview()
    preview.show_html(render(LONG))
    html = render(edit_at(LONG, "おや、また", "\n\n\n\n", 3))
    preview.show_html(html)
    fresh.show_html(html)
    settle(preview)
    settle(fresh)
    line = preview.anchors[len(preview.anchors) // 2][1]
    preview._on_link(QUrl(f"#L{line}"))
    fresh.scroll_to_line(line)
    assert preview.verticalScrollBar().value() == fresh.verticalScrollBar().value() > 0


def test_theme_change_renders_the_whole_page(make_preview):
    preview = make_preview()
    preview.show_html(render(LONG))
    changes = Changes(preview.document())
    preview.set_dark(True)
    assert min(pos for pos, _, _ in changes.seen) == 0
    assert "background-color" in preview.document().defaultStyleSheet()
