"""Files: encodings and line endings kept, changes on disk, autosave and crash recovery."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from article_studio import rules

from .conftest import wait_linted

REPO = Path(__file__).resolve().parents[2]


def test_save_keeps_shift_jis_and_crlf(window, qtbot, tmp_path):
    path = tmp_path / "sjis.md"
    path.write_bytes("# 見出し\r\n\r\n本文です。\r\n".encode("cp932"))
    tab = window.open_file(str(path))
    assert "Shift_JIS" in window.status_file.text() and "CRLF" in window.status_file.text()
    cur = tab.editor.textCursor()
    cur.movePosition(cur.MoveOperation.End)
    tab.editor.setTextCursor(cur)
    tab.editor.insertPlainText("追記した行です。\n")
    assert window.save_tab(tab)
    data = path.read_bytes()
    assert data.decode("cp932") == "# 見出し\r\n\r\n本文です。\r\n追記した行です。\r\n"
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert not tab.is_modified()


def test_save_refuses_characters_the_encoding_cannot_hold(qtbot, tmp_path):
    from article_studio.editor import file_io

    src = rules.SourceText("", "cp932", "\r\n")
    target = tmp_path / "bad.md"
    target.write_bytes(b"old")
    try:
        file_io.save(str(target), "カニ🦀", src)
    except file_io.SaveError as exc:
        assert "Shift_JIS" in str(exc)
    else:
        raise AssertionError("expected SaveError")
    assert target.read_bytes() == b"old"


def test_change_on_disk_is_noticed_and_reloaded(window, qtbot, tmp_path):
    path = tmp_path / "post.md"
    path.write_text("元の本文です。\n", encoding="utf-8")
    tab = window.open_file(str(path))
    assert not tab.disk_bar.isVisible()
    path.write_text("外で書き換えた本文です。\n", encoding="utf-8")
    qtbot.waitUntil(tab.disk_bar.isVisible, timeout=10000)
    tab.disk_bar.reload_button.click()
    assert tab.text() == "外で書き換えた本文です。\n"
    assert not tab.disk_bar.isVisible()


def test_save_does_not_silently_overwrite_a_change_made_by_another_program(window, qtbot, tmp_path, monkeypatch):
    from article_studio.editor import file_io
    from article_studio.editor import main_window as mw

    path = tmp_path / "post.md"
    path.write_text("元の本文です。\n", encoding="utf-8")
    tab = window.open_file(str(path))
    tab.editor.insertPlainText("私の追記。")
    path.write_text("外で書き換えた本文です。\n", encoding="utf-8")
    # The document API refuses; the window asks, and Cancel keeps the other version.
    try:
        tab.save()
    except file_io.SaveConflict:
        pass
    else:
        raise AssertionError("expected SaveConflict")
    asked = []
    monkeypatch.setattr(mw.QMessageBox, "warning", lambda *a, **k: asked.append(a) or mw.QMessageBox.Cancel)
    assert not window.save_tab(tab)
    assert len(asked) == 1 and path.read_text(encoding="utf-8") == "外で書き換えた本文です。\n"
    # Save (overwrite) writes the editor's text.
    monkeypatch.setattr(mw.QMessageBox, "warning", lambda *a, **k: mw.QMessageBox.Save)
    assert window.save_tab(tab)
    assert path.read_text(encoding="utf-8").startswith("私の追記。")


def test_keep_mine_overwrites_that_version_only_and_a_later_change_is_reported_again(window, qtbot, tmp_path):
    from article_studio.editor import file_io

    path = tmp_path / "post.md"
    path.write_text("元の本文です。\n", encoding="utf-8")
    tab = window.open_file(str(path))
    path.write_text("外の一回目。\n", encoding="utf-8")
    qtbot.waitUntil(tab.disk_bar.isVisible, timeout=10000)
    tab.disk_bar.keep_button.click()
    assert not tab.disk_bar.isVisible() and tab.is_modified()
    path.write_text("外の二回目。\n", encoding="utf-8")
    qtbot.waitUntil(tab.disk_bar.isVisible, timeout=10000)  # reported again
    try:
        tab.save()  # the second version was never accepted
    except file_io.SaveConflict:
        pass
    else:
        raise AssertionError("expected SaveConflict")
    assert path.read_text(encoding="utf-8") == "外の二回目。\n"
    tab.disk_bar.keep_button.click()
    tab.save()  # now it was
    assert path.read_text(encoding="utf-8") == "元の本文です。\n"


def test_own_save_is_not_reported_as_external_change(window, qtbot, tmp_path):
    path = tmp_path / "post.md"
    path.write_text("本文です。\n", encoding="utf-8")
    tab = window.open_file(str(path))
    tab.editor.insertPlainText("追記。")
    assert window.save_tab(tab)
    qtbot.wait(300)
    assert not tab.disk_bar.isVisible()


CHILD = r"""
import sys, time
from PySide6.QtWidgets import QApplication
from article_studio.editor.app import create_app
app, win = create_app()
tab = win.open_file(sys.argv[1])
tab.editor.insertPlainText(sys.argv[2])
win.show()
print("ready", flush=True)
app.exec()
"""


def test_autosave_and_recovery_after_sigkill(window, qtbot, tmp_path):
    path = tmp_path / "post.md"
    path.write_bytes("# 題\r\n\r\n保存済みの本文。\r\n".encode("cp932"))
    env = dict(os.environ, ARTICLE_STUDIO_AUTOSAVE_MS="300", QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO))
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path), "未保存の追記。"],
        env=env,
        cwd=str(REPO),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert proc.stdout.readline().strip() == "ready"
        rec = Path(os.environ["ARTICLE_STUDIO_RECOVERY_DIR"])
        deadline = time.monotonic() + 30
        while not list(rec.glob("*.json")) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert list(rec.glob("*.json")), "no autosave written"
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert path.read_bytes().decode("cp932") == "# 題\r\n\r\n保存済みの本文。\r\n"  # disk untouched
    restored = window.offer_recovery(ask=False)
    assert len(restored) == 1
    tab = restored[0]
    assert tab.path == str(path)
    assert tab.text().startswith("未保存の追記。# 題\n")
    assert tab.is_modified()
    assert tab.source.encoding == "cp932" and tab.source.newline == "\r\n"
    assert window.save_tab(tab)
    assert path.read_bytes().decode("cp932") == "未保存の追記。# 題\r\n\r\n保存済みの本文。\r\n"
    assert not list(Path(os.environ["ARTICLE_STUDIO_RECOVERY_DIR"]).glob("*.json"))


def test_recovery_ignores_files_of_a_running_editor(window, qtbot):
    from article_studio.editor import recovery

    recovery.write("live", None, "書きかけ", "utf-8", "\n")  # written by this (running) process
    assert recovery.pending() == []
    assert window.offer_recovery(ask=False) == []


def test_session_is_restored(qtbot, tmp_path):
    from article_studio.editor.main_window import MainWindow
    from article_studio.editor.settings import Settings

    path = tmp_path / "a.md"
    path.write_text("本文。\n", encoding="utf-8")
    first = MainWindow(Settings.load())
    qtbot.addWidget(first)
    first.open_file(str(path))
    first.close()
    second = MainWindow(Settings.load())
    qtbot.addWidget(second)
    second.restore_session()
    assert [t.path for t in second.all_tabs()] == [str(path)]
    assert str(path) in second.settings.recent
    for tab in second.all_tabs():
        tab.shutdown()


def _smoke_test(article, shot) -> subprocess.CompletedProcess:
    """``article-studio --smoke-test ARTICLE --screenshot SHOT``, offscreen, in a process of its own."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO))
    return subprocess.run(
        [sys.executable, "-m", "article_studio.editor", "--smoke-test", str(article), "--screenshot", str(shot)],
        env=env,
        cwd=str(REPO),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_smoke_test_prints_json(tmp_path, seed_path, seed_text):
    shot = tmp_path / "shot.png"
    out = _smoke_test(seed_path, shot)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout.strip().splitlines()[-1])
    expected = rules.lint_text(seed_text, str(seed_path), rules.config_for(str(seed_path)))
    assert data["diagnostics"] == len(expected)
    assert sum(data["by_code"].values()) == len(expected)
    assert data["preview_chars"] > 1000
    for key in ("startup_ms", "first_lint_ms", "first_preview_ms"):
        assert data[key] > 0
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_without_pyside6_prints_install_hint():
    code = (
        "import sys; sys.modules['PySide6'] = None\nfrom article_studio.editor.__main__ import main\nsys.exit(main([]))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=str(REPO),
        capture_output=True,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(REPO)),
        timeout=60,
    )
    assert out.returncode == 1
    assert out.stderr.strip() == "article-studio needs PySide6: pip install 'article-studio[editor]'"
    assert "Traceback" not in out.stderr


def test_export_clean_post_from_the_editor(window, qtbot, seed_path, tmp_path):
    from article_studio.editor.export_dialog import ExportDialog

    tab = window.open_file(str(seed_path))
    wait_linted(qtbot, tab)
    dialog = ExportDialog(tab, str(tmp_path / "site"))
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=30000)
    # The example article still ends mid-sentence without the unsafe fixes: export is held back.
    assert dialog.result.remaining and not dialog.export_button.isEnabled()
    assert "AG002" in dialog.report.toPlainText()
    dialog.unsafe.setChecked(True)
    qtbot.waitUntil(dialog.export_button.isEnabled, timeout=30000)
    assert dialog.write()
    written = tmp_path / "site" / "_posts" / seed_path.name
    assert dialog.written == written
    text = written.read_text(encoding="utf-8")
    assert "---END---" not in text and "「CUDAエコシステム」の強みです。" in text
    assert seed_path.read_text(encoding="utf-8") == tab.text()  # the document is untouched


def test_missing_qt_system_library_is_named_not_a_traceback():
    code = (
        "import sys, PySide6; sys.modules['PySide6.QtWidgets'] = None\n"
        "from article_studio.editor.__main__ import main\nsys.exit(main([]))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=str(REPO),
        capture_output=True,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(REPO)),
        timeout=60,
    )
    assert out.returncode == 1
    assert "cannot load Qt" in out.stderr and "apt-get install" in out.stderr
    assert "Traceback" not in out.stderr


@pytest.mark.skipif(os.name != "posix", reason="file modes")
def test_smoke_test_screenshot_is_written_through_the_guarded_writer(tmp_path, seed_path):
    """Qt wrote the screenshot itself, over a read-only file too; it now goes through
    write_atomic, which refuses that and says so (exit 1, the file as it was)."""
    shot = tmp_path / "shot.png"
    shot.write_bytes(b"keep me")
    shot.chmod(0o444)
    out = _smoke_test(seed_path, shot)
    data = json.loads(out.stdout.strip().splitlines()[-1])
    assert out.returncode == 1 and "read-only" in data["screenshot_error"] and data["diagnostics"] > 0
    assert shot.read_bytes() == b"keep me"
