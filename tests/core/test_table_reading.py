"""Tables are read without a parser token per cell, and the cells come out as the full token
tree gives them: text, offsets, marks, footnotes numbered in document order."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from article_studio.rules.reading import document as document_module
from article_studio.rules.reading.document import Document
from article_studio.rules.reading.markdown import parse


def _blocks(doc: Document) -> list[tuple]:
    return [
        (b.kind, b.start, b.end, b.line, b.end_line, b.text, list(b.offsets), b.level, b.containers, b.info,
         [(m.kind, m.start, m.end, m.source_start) for m in b.marks])
        for b in doc.blocks
    ]  # fmt: skip


def _from_full_tokens(text: str, monkeypatch) -> list[tuple]:
    """The blocks built from markdown-it's own token tree: a token per cell, children parsed by
    the core chain."""
    with monkeypatch.context() as patched:
        patched.setattr(document_module, "parse_compact", lambda parsed: (parse(parsed), {}))
        return _blocks(Document(text))


CELL = st.lists(
    st.sampled_from(
        ["日本語", "テキスト。", "word", " ", "`a|b`", "\\|", "**強調**", "[リンク](https://e.com)", "&amp;",
         "&nbsp;", "x[^1]", "^[注記]", "[ref][]", "<br>", "$x$", "!", "*", "_"]
    ),
    max_size=4,
).map("".join)  # fmt: skip


@st.composite
def documents(draw) -> str:
    columns = draw(st.integers(1, 3))
    rows = draw(st.lists(st.lists(CELL, min_size=0, max_size=columns + 1), max_size=5))
    prefix = draw(st.sampled_from(["", "> ", "  "]))
    lines = ["| " + " | ".join(f"h{i}" for i in range(columns)) + " |", "|" + "---|" * columns]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    table = "\n".join(prefix + line for line in lines)
    before = draw(st.sampled_from(["", "前の段落[^1]です。\n", "- 項目\n\n"]))
    after = draw(st.sampled_from(["", "\n後の段落[^2]。\n", "\n[^1]: 一つ目\n[^2]: 二つ目\n[ref]: /u\n"]))
    return f"# 見出し\n\n{before}{table}\n{after}"


@settings(max_examples=300, deadline=None)
@given(documents())
def test_table_cells_are_the_blocks_the_full_token_tree_gives(text):
    monkeypatch = pytest.MonkeyPatch()
    try:
        assert _blocks(Document(text)) == _from_full_tokens(text, monkeypatch)
    finally:
        monkeypatch.undo()


def test_a_footnote_first_referenced_in_a_table_keeps_its_place(monkeypatch):
    """Footnotes are listed in the order their first references are read: a reference in a
    table cell counts where the table stands, before the paragraph after it."""
    text = "p[^2]\n\n| a | b |\n|---|---|\n| x^[inline] | y[^1] |\n\nq[^1] r[^2]\n\n[^1]: one\n[^2]: two\n"
    doc = Document(text)
    assert _blocks(doc) == _from_full_tokens(text, monkeypatch)
    notes = [b.text for b in doc.blocks if "footnote" in b.containers]
    assert notes == ["two", "inline", "one"]


def test_a_plain_cell_keeps_its_offsets_as_a_range():
    """A cell written in one piece maps its text with a range (48 bytes), not an array of eight
    bytes per character; a cell with markup keeps the exact map."""
    doc = Document("| a |\n|---|\n| 日本語のセル |\n| **強調** と `code` |\n")
    plain, marked = [b for b in doc.blocks if b.kind == "table_cell"][1:]
    assert isinstance(plain.offsets, range)
    assert doc.text[slice(*plain.source_span(0, len(plain.text)))] == "日本語のセル"
    assert not isinstance(marked.offsets, range)
    assert marked.text == "強調 と code"
    start, end = marked.source_span(marked.text.index("code"), len(marked.text))
    assert doc.text[start:end] == "code"
