"""Offsets land on the right characters: astral characters, UTF-16 ranges, CRLF files."""

from __future__ import annotations

import json
import subprocess
import sys

from article_studio.rules import LineIndex, lint_text

ZENN_POST = """---
title: "カニ🦀の話"
emoji: "🦀"
type: "tech"
topics: ["rust"]
published: true
---

𠮷野家の🦀は本文です。

---END---
"""


def test_json_ranges_on_astral_characters(tmp_path):
    path = tmp_path / "articles"
    path.mkdir()
    post = path / "crab.md"
    post.write_text(ZENN_POST, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "article_studio.rules", "--format", "json", str(post)], capture_output=True
    )
    messages = json.loads(proc.stdout)[0]["messages"]
    marker = next(m for m in messages if m["code"] == "AG001")
    # textlint counts UTF-16 code units, as JavaScript strings do.
    units = ZENN_POST.encode("utf-16-le")
    start, end = marker["range"]
    assert units[start * 2 : end * 2].decode("utf-16-le") == "---END---"
    assert marker["index"] == start
    assert (marker["line"], marker["column"]) == (11, 1)


def test_engine_offsets_are_code_points():
    diags = [d for d in lint_text(ZENN_POST) if d.code == "AG001"]
    assert ZENN_POST[diags[0].start : diags[0].end] == "---END---"
    index = LineIndex(ZENN_POST)
    astral_before = sum(1 for ch in ZENN_POST[: diags[0].start] if ord(ch) > 0xFFFF)
    assert astral_before == 4  # 🦀 twice in the header, 𠮷 and 🦀 in the body
    assert index.utf16(diags[0].start) == diags[0].start + astral_before


def test_crlf_ranges_count_the_carriage_returns(tmp_path):
    post = tmp_path / "crlf.md"
    text = "𠮷です。\r\n\r\n---END---\r\n"
    post.write_bytes(text.encode("utf-8"))
    proc = subprocess.run(
        [sys.executable, "-m", "article_studio.rules", "--format", "json", str(post)], capture_output=True
    )
    marker = next(m for m in json.loads(proc.stdout)[0]["messages"] if m["code"] == "AG001")
    start, end = marker["range"]
    assert text.encode("utf-16-le")[start * 2 : end * 2].decode("utf-16-le") == "---END---"
    assert marker["line"] == 3


def _misaligned(text: str) -> list[tuple[str, str, str]]:
    """(block text, character, source character) where a prose block's offset map is wrong."""
    from article_studio.rules import parse_document

    out = []
    for block in parse_document(text).prose_blocks():
        for i, ch in enumerate(block.text):
            at = block.offsets[i]
            if not ch.isspace() and (at >= len(text) or text[at] != ch):
                out.append((block.text, ch, text[at : at + 1]))
                break
    return out


def test_plain_text_maps_back_to_its_source_characters():
    text = (
        "| 絵文字 | コードポイント | 名前 |\n"
        "| :----: | ------ | ---- |\n"
        "| 💋 | U+1F48B | KISS MARK |\n"
        "|    | 空 | `` \\` ``        | x |\n"
        "\n"
        "本文[^note]と詳しくは<https://example.com/a>を参照。\n"
        "\n"
        "- 一\n"
        "    - 二\n"
        "        - 三\n"
        "            - String#match とその続き\n"
        "\n"
        "[*強調したリンク*](https://example.com)という本。\n"
        "最初の``code that\n"
        "wraps``と述べています。\n"
        "\n"
        "[^note]: 分かりやすさのため、KISS MARKと書く。\n"
    )
    assert _misaligned(text) == []


def test_table_cells_map_to_their_own_place_in_the_row():
    """A cell's text is found after its own ``|``, however long the cells before it are, with
    padding, and in a table inside a block quote."""
    from article_studio.rules.reading.document import Document

    text = (
        "| 会社名 | 得意分野 | 規模 | 強み |\n|---|---|---|---:|\n"
        "| エクサウィザーズ | 介護・金融・HR | 中堅〜大企業 |            社会課題解決型AI |\n\n"
        "> | a | b |\n> |---|---|\n> | [`x`](https://example.com/x) | 0.13.0 |\n"
    )
    doc = Document(text, "a.md")
    cells = [b for b in doc.blocks if b.kind == "table_cell"]
    assert [b.text for b in cells] == [
        *("会社名", "得意分野", "規模", "強み"),
        *("エクサウィザーズ", "介護・金融・HR", "中堅〜大企業", "社会課題解決型AI"),
        *("a", "b", "x", "0.13.0"),
    ]
    for block in cells:
        assert "".join(text[o] for o in block.offsets[: len(block.text)]) == block.text, block.text
