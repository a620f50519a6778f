"""Fixes change only the bytes they edit: Shift_JIS extension characters keep their codes,
mixed line endings and a lone CR stay, in every encoding."""

from __future__ import annotations

import pytest

from article_studio.rules import decode_bytes
from article_studio.rules.cli.main import main


def lint(*args: str) -> int:
    return main(["--jobs", "1", *args])


# -- only the edited bytes change -------------------------------------------------------------

# NEC row 13 and IBM extension characters have two codes each in CP932; Python writes one of them.
SJIS_EXTENSIONS = [b"\xee\xef", b"\x87\x90", b"\xfa\x40", b"\xfa\x5b", b"\x87\x54", b"\xed\x40"]


def sjis(text: str) -> bytes:
    return text.encode("cp932")


def test_fix_keeps_shift_jis_extension_characters_on_lines_it_does_not_touch(tmp_path):
    lines = [sjis("# 見出し") + b"".join(SJIS_EXTENSIONS), sjis("本文は") + b"\xee\xef" + sjis("です。")]
    original = b"\r\n\r\n".join(lines) + sjis("\r\n\r\n---END---\r\n\r\n続き") + b"\x87\x90" + sjis("です。\r\n")
    post = tmp_path / "sjis.md"
    post.write_bytes(original)
    assert lint("--fix", str(post)) == 0
    expected = b"\r\n\r\n".join(lines) + sjis("\r\n\r\n続き") + b"\x87\x90" + sjis("です。\r\n")
    assert post.read_bytes() == expected


def test_fix_inside_a_line_keeps_the_bytes_around_the_edit(tmp_path):
    (tmp_path / "prh.yml").write_text('version: 1\nrules:\n  - expected: "ウェブ"\n    pattern: "ウエブ"\n', "utf-8")
    (tmp_path / ".article-lint.toml").write_text('dictionaries = ["prh.yml"]\nselect = ["TM002"]\n', "utf-8")
    post = tmp_path / "sjis.md"
    line = b"\xee\xef\x87\x90" + sjis("ウエブ") + b"\xfa\x40\xfa\x5b" + sjis("の記事です。")
    post.write_bytes(line + b"\r\n" + b"\xed\x40" + sjis("。\n"))
    assert lint("--fix", str(post)) == 0
    assert post.read_bytes() == b"\xee\xef\x87\x90" + sjis("ウェブ") + b"\xfa\x40\xfa\x5b" + sjis(
        "の記事です。"
    ) + b"\r\n" + b"\xed\x40" + sjis("。\n")


def test_fix_keeps_mixed_line_endings_and_a_lone_cr(tmp_path):
    original = "本文です。\r\n\r\n---END---\r\n\r\n続きです。\nLFの行です。\n\rCRの行です。\r最後の行です。\r\n"
    post = tmp_path / "mixed.md"
    post.write_bytes(original.encode())
    assert lint("--fix", str(post)) == 0
    assert post.read_bytes() == original.replace("---END---\r\n\r\n", "").encode()


@pytest.mark.parametrize(
    "encoding,bom",
    [
        ("utf-8", b""),
        ("utf-8", b"\xef\xbb\xbf"),
        ("utf-16-le", b"\xff\xfe"),
        ("utf-16-be", b"\xfe\xff"),
        ("cp932", b""),
    ],
)
def test_encode_changes_only_the_edited_bytes_in_every_encoding(encoding, bom):
    ext = b"\xee\xef\x87\x90" if encoding == "cp932" else "ⅰ≒".encode(encoding)

    def raw(middle: str) -> bytes:
        return bom + "一\r\n".encode(encoding) + ext + f"{middle}\n三\r\n\r四".encode(encoding)

    source = decode_bytes(raw("二"))
    assert source.encode(source.text) == raw("二")
    assert source.encode(source.text.replace("二", "二と五")) == raw("二と五")
    assert source.encode(source.text.replace("二", "")) == raw("")
