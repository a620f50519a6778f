"""Reading: only regular files (after links), a size cap, and the encoding decided from the
evidence (a damaged UTF-8 file is never read as Shift_JIS)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest

from article_studio.rules import ReadError, decode_bytes, read_source
from article_studio.rules.cli.main import main

MARKER_POST = "本文です。\n\n---END---\n\n続きです。\n"


def lint(*args: str) -> int:
    return main(["--jobs", "1", *args])


def sjis(text: str) -> bytes:
    return text.encode("cp932")


# -- UTF-8 cut inside a character --------------------------------------------------------------


def test_utf8_cut_in_a_character_is_read_as_utf8_with_a_positioned_note(tmp_path, capsys):
    text = "# 見出し\n\n日本語の本文です。最後の文は途中で切れ"
    cut = (text + "た").encode()[:-1]  # the last character's final byte is missing
    source = decode_bytes(cut, "cut.md")
    assert source.encoding == "utf-8" and source.text == text
    assert source.notes and "line 3" in source.notes[0] and "e3 81" in source.notes[0]
    post = tmp_path / "cut.md"
    post.write_bytes(cut)
    whole = tmp_path / "whole.md"
    whole.write_text(text, encoding="utf-8")
    lint("--format", "json", str(post))
    out = capsys.readouterr()
    lint("--format", "json", str(whole))
    reference = json.loads(capsys.readouterr().out)[0]["messages"]
    assert json.loads(out.out)[0]["messages"] == reference  # no mojibake findings
    assert "Shift_JIS" not in out.err and "line 3, column" in out.err


def test_utf8_broken_in_the_middle_is_an_error_not_shift_jis(tmp_path):
    data = "日本語の本文です。ここまでは正しい UTF-8 です。\n".encode() + b"\xe3\x81" + "続きの文です。\n".encode()
    with pytest.raises(ReadError, match=r"broken\.md:2:1: invalid UTF-8"):
        decode_bytes(data, "broken.md")


def test_shift_jis_is_still_read_as_shift_jis():
    for text in ("本文です。ｶﾀｶﾅ\n", "ﾃｽﾄ\n", "見出し\n\n本文です。\n" * 20):
        assert decode_bytes(sjis(text)).encoding == "cp932"


# -- only regular files, with a size cap ------------------------------------------------------


def _lint_subprocess(*args, cwd, timeout: float = 60, memory: int = 1 << 30):
    """article-lint in a child with an address-space cap, waited for at most ``timeout`` seconds
    (far above the fraction of a second a correct run takes)."""

    def limit():
        import resource

        try:
            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        except (ValueError, OSError):  # not settable on every system
            pass

    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "article_studio.rules", "--jobs", "1", *map(str, args)],
        capture_output=True,
        cwd=cwd,
        timeout=timeout,
        preexec_fn=limit,
    )
    return proc, time.perf_counter() - started


@pytest.mark.skipif(not os.path.exists("/dev/zero") or os.name != "posix", reason="needs /dev/zero")
def test_devices_are_refused_without_reading_them(tmp_path, symlinks):
    (tmp_path / "zero.md").symlink_to("/dev/zero")
    for target in ("/dev/zero", "zero.md"):
        proc, _ = _lint_subprocess(target, cwd=tmp_path)
        err = proc.stderr.decode()
        assert proc.returncode == 2, err[-500:]
        assert len(err.strip().splitlines()) == 1 and "not a regular file" in err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_refused_without_blocking(tmp_path):
    os.mkfifo(tmp_path / "pipe.md")
    (tmp_path / "post.md").write_text(MARKER_POST, encoding="utf-8")
    proc, seconds = _lint_subprocess(".", cwd=tmp_path)
    err = proc.stderr.decode()
    assert proc.returncode == 2 and "pipe.md: a FIFO, not a regular file" in err
    assert "post.md" in proc.stdout.decode()  # the other file is still linted
    assert seconds < 60
    with pytest.raises(ReadError, match="FIFO"):
        read_source(tmp_path / "pipe.md")


def test_a_symlink_loop_in_a_folder_is_one_line(tmp_path, capsys, symlinks):
    (tmp_path / "loop.md").symlink_to("loop.md")
    (tmp_path / "a.md").symlink_to("b.md")
    (tmp_path / "b.md").symlink_to("a.md")
    (tmp_path / "post.md").write_text(MARKER_POST, encoding="utf-8")
    assert lint(str(tmp_path)) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 3
    for name in ("loop.md", "a.md", "b.md"):
        assert sum(os.path.join(str(tmp_path), name) + ":" in line for line in lines) == 1, (name, lines)
    assert all("loop of symbolic links" in line for line in err.splitlines())


def test_size_cap_is_checked_while_reading(tmp_path, monkeypatch):
    import article_studio.rules.reading.textio as textio

    monkeypatch.setattr(textio, "MAX_FILE_BYTES", 1000)
    big = tmp_path / "big.md"
    big.write_bytes(b"a" * 1001)
    with pytest.raises(ReadError, match="too large"):
        read_source(big)
