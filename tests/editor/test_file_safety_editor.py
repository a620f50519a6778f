"""The editor's files: saves through the core's guarded writer, private autosaves, no hang
on a FIFO, a damaged recovery file, and a clear line when there is no display."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def _append(tab, text: str) -> None:
    cur = tab.editor.textCursor()
    cur.movePosition(cur.MoveOperation.End)
    tab.editor.setTextCursor(cur)
    tab.editor.insertPlainText(text)


def test_save_through_a_symlink_writes_the_target_and_keeps_the_link(window, tmp_path, symlinks):
    real = tmp_path / "real.md"
    real.write_text("本文です。\n", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to("real.md")
    tab = window.open_file(str(link))
    _append(tab, "追記です。\n")
    assert window.save_tab(tab)
    assert link.is_symlink() and os.readlink(link) == "real.md"
    assert real.read_text(encoding="utf-8") == "本文です。\n追記です。\n"


def test_save_refuses_a_read_only_file(window, tmp_path, monkeypatch):
    from article_studio.editor import main_window as mw

    path = tmp_path / "ro.md"
    path.write_text("本文です。\n", encoding="utf-8")
    path.chmod(0o444)
    tab = window.open_file(str(path))
    _append(tab, "追記です。\n")
    shown = []
    monkeypatch.setattr(mw.QMessageBox, "critical", lambda *a, **k: shown.append(a[2]))
    assert not window.save_tab(tab)
    assert path.read_text(encoding="utf-8") == "本文です。\n" and tab.is_modified()
    assert len(shown) == 1 and "read-only" in shown[0]


def test_save_keeps_hard_links_and_shift_jis_extension_characters(window, tmp_path):
    path = tmp_path / "sjis.md"
    # ⅰ and ≒ written with the codes Python would not choose (IBM FA40, NEC 8790).
    path.write_bytes(b"\xfa\x40\x87\x90" + "の行です。\r\n".encode("cp932"))
    os.link(path, tmp_path / "other.md")
    tab = window.open_file(str(path))
    _append(tab, "追記です。\n")
    assert window.save_tab(tab)
    expected = b"\xfa\x40\x87\x90" + "の行です。\r\n追記です。\r\n".encode("cp932")
    assert path.read_bytes() == expected
    assert (tmp_path / "other.md").read_bytes() == expected and path.stat().st_nlink == 2


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_open_a_fifo_is_refused_at_once(window, tmp_path, monkeypatch):
    from article_studio.editor import main_window as mw

    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    shown = []
    monkeypatch.setattr(mw.QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    stop = threading.Event()

    def unblock_a_reader_that_waits():  # lets a blocking open() return after 10 s, so a hang fails
        deadline = time.monotonic() + 10
        while not stop.is_set():
            if time.monotonic() > deadline:
                try:
                    os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
                except OSError:
                    pass
            time.sleep(0.05)

    helper = threading.Thread(target=unblock_a_reader_that_waits, daemon=True)
    helper.start()
    started = time.perf_counter()
    try:
        tab = window.open_file(str(fifo))
    finally:
        stop.set()
        helper.join()
    assert time.perf_counter() - started < 10
    assert tab is None and len(shown) == 1 and "FIFO" in shown[0]


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_autosaves_are_private(window, tmp_path):
    from article_studio.editor import recovery

    folder = Path(os.environ["ARTICLE_STUDIO_RECOVERY_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(0o755)
    path = recovery.write("private", str(tmp_path / "a.md"), "未保存の本文", "utf-8", "\n")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    recovery.remove("private")


@pytest.mark.parametrize(
    "content",
    [
        "[]",
        '"text"',
        '{"id": 1, "text": null}',
        '{"id": "x", "text": "本文", "pid": null}',
        '{"id": "x", "text": "本文", "path": ["a"], "pid": 99999999}',
        '{"id": "x", "text": "本文", "encoding": "rot13", "pid": 99999999}',
        "{broken",
    ],
)
def test_a_damaged_recovery_file_does_not_stop_the_editor(window, content):
    from article_studio.editor import recovery

    folder = Path(os.environ["ARTICLE_STUDIO_RECOVERY_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "damaged.json").write_text(content, encoding="utf-8")
    good = {"id": "good", "path": None, "text": "残った本文", "encoding": "utf-8", "newline": "\n", "pid": 99999999}
    (folder / "good.json").write_text(json.dumps(good), encoding="utf-8")
    assert [e.id for e in recovery.pending()] == ["good"]
    restored = window.offer_recovery(ask=False)
    assert [t.text() for t in restored] == ["残った本文"]
    assert (folder / "damaged.json").exists()  # left alone, not deleted


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland only")
def test_no_display_is_one_line(tmp_path):
    post = tmp_path / "post.md"
    post.write_text("本文です。\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    out = subprocess.run(
        [sys.executable, "-m", "article_studio.editor", "--no-recovery", str(post)],
        env=env,
        cwd=str(REPO),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 1
    assert out.stderr.strip().splitlines() == [
        "article-studio: no display found (neither DISPLAY nor WAYLAND_DISPLAY is set); "
        "run it in a desktop session, or use article-lint on the command line"
    ]


def test_no_display_check_only_where_qt_needs_one():
    from article_studio.editor.__main__ import no_display_message

    assert no_display_message({}, "linux")
    assert no_display_message({"DISPLAY": ":0"}, "linux") is None
    assert no_display_message({"WAYLAND_DISPLAY": "wayland-0"}, "linux") is None
    assert no_display_message({"QT_QPA_PLATFORM": "offscreen"}, "linux") is None
    assert no_display_message({}, "win32") is None and no_display_message({}, "darwin") is None
