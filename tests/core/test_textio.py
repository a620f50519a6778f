"""Reading files: encodings, BOMs, binary and broken input, line endings, atomic writes."""

from __future__ import annotations

import codecs

import pytest

from article_studio.rules import ReadError, decode_bytes, lint_file, read_source, write_atomic


@pytest.mark.parametrize(
    "data,encoding",
    [
        ("本文です。\n".encode(), "utf-8"),
        (codecs.BOM_UTF8 + "本文です。\n".encode(), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + "本文です。\n".encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + "本文です。\n".encode("utf-16-be"), "utf-16-be"),
        ("本文です。ｶﾀｶﾅ\n".encode("cp932"), "cp932"),
    ],
)
def test_encodings_are_detected(data, encoding):
    source = decode_bytes(data, "x.md")
    assert source.encoding == encoding
    assert source.text.startswith("本文です。")
    assert source.encode(source.text) == data


def test_crlf_is_normalised_and_restored():
    source = decode_bytes("一行目\r\n二行目\r\n".encode())
    assert source.text == "一行目\n二行目\n"
    assert source.newline == "\r\n"
    assert source.encode(source.text) == "一行目\r\n二行目\r\n".encode()


def test_binary_and_undecodable_are_one_line_errors(tmp_path):
    with pytest.raises(ReadError, match="binary"):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image.md")
    with pytest.raises(ReadError) as err:
        decode_bytes(b"ok\n\x80\x81\xfe\xff\xfd", "broken.md")
    assert "broken.md" in str(err.value) and "\n" not in str(err.value)


def test_missing_empty_and_folder(tmp_path):
    assert "no such file" in lint_file(tmp_path / "nope.md").error
    empty = tmp_path / "empty.md"
    empty.write_bytes(b"")
    result = lint_file(empty)
    assert result.error is None and result.diagnostics == []
    assert "folder" in lint_file(tmp_path).error


def test_huge_file_is_refused_not_read(tmp_path, monkeypatch):
    import article_studio.rules.reading.textio as textio

    monkeypatch.setattr(textio, "MAX_FILE_BYTES", 1000)
    big = tmp_path / "big.md"
    big.write_text("あ" * 2000, encoding="utf-8")
    with pytest.raises(ReadError, match="too large"):
        read_source(big)


def test_write_atomic_replaces_and_keeps_mode(tmp_path):
    target = tmp_path / "post.md"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    write_atomic(target, "新しい".encode())
    assert target.read_text(encoding="utf-8") == "新しい"
    assert target.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["post.md"]
