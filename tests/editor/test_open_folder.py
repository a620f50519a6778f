"""File → Open folder: a site's posts with article-lint's counts, linted in the background through a
per-folder cache; filters; findings across posts in Problems; export of the selected posts."""

from __future__ import annotations

import json
import os
import shutil
import signal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from article_studio.rules.cli.main import main as article_lint

GENERATED = Path(__file__).resolve().parents[1] / "data" / "corpus" / "generated" / "allforces-ai-blog" / "_posts"

POST = """---
layout: post
title: "記事その{n}について"
date: 2024-01-0{n}
---

# 記事その{n}

今日は{server}を使って記事を書きます。{server}の設定は簡単です。

この記事では{server}の準備を説明します。
"""


@pytest.fixture(autouse=True)
def _english(window):
    """English strings; the folder's process is ended after each test."""
    from article_studio.editor.i18n import set_language

    set_language("en")
    yield
    window.folder.close_folder(wait=5)


def _generated_site(root: Path, count: int = 3) -> list[Path]:
    posts = root / "_posts"
    posts.mkdir(parents=True)
    return [Path(shutil.copy(p, posts)) for p in sorted(GENERATED.glob("*.md"))[:count]]


def _spelling_site(root: Path) -> list[Path]:
    """Three short posts; the third writes サーバ where the other two write サーバー."""
    posts = root / "_posts"
    posts.mkdir(parents=True)
    paths = []
    for n, server in enumerate(("サーバー", "サーバー", "サーバ"), 1):
        p = posts / f"2024-01-0{n}-post-{n}.md"
        p.write_text(POST.format(n=n, server=server), encoding="utf-8")
        paths.append(p)
    return paths


def _open(window, qtbot, folder: Path):
    window.open_folder(str(folder), jobs=1)
    dock = window.folder
    qtbot.waitUntil(lambda: dock.summary is not None or dock.error is not None, timeout=180000)
    assert dock.error is None
    return dock


def _cli_report(capsys, paths: list[Path]) -> dict[str, dict]:
    capsys.readouterr()
    article_lint(["--format", "json", "--jobs", "1", *map(str, paths)])
    report = json.loads(capsys.readouterr().out)
    return {
        os.path.realpath(f["filePath"]): {
            "errors": sum(m["severity"] == 2 for m in f["messages"]),
            "warnings": sum(m["severity"] == 1 for m in f["messages"]),
            "artifacts": sum(m["code"].startswith("AG") for m in f["messages"]),
        }
        for f in report
    }


def test_each_posts_counts_are_article_lints_and_a_reopen_comes_from_the_cache(window, qtbot, tmp_path, capsys):
    site = tmp_path / "site"
    paths = _generated_site(site)
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    dock = _open(window, qtbot, site)
    assert dock.isVisible() and dock.profile == "jekyll"
    assert dock.summary.linted == 3 and dock.summary.hits == 0
    shown = {
        os.path.realpath(r.path): {
            "errors": r.state.errors,
            "warnings": r.state.warnings,
            "artifacts": r.state.artifacts,
        }
        for r in dock.model.rows
    }
    assert shown == _cli_report(capsys, paths)
    # The cache is the editor's, never written into the site.
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before
    assert list((tmp_path / "cache" / "sites").iterdir())

    window.close_folder()
    assert not window.folder.isVisible() and window.folder.model.rows == []
    dock = _open(window, qtbot, site)
    assert dock.summary.hits == 3 and dock.summary.linted == 0
    again = {
        os.path.realpath(r.path): {
            "errors": r.state.errors,
            "warnings": r.state.warnings,
            "artifacts": r.state.artifacts,
        }
        for r in dock.model.rows
    }
    assert again == shown
    window.close_folder()


def test_filters_show_posts_with_artifacts_or_errors(window, qtbot, tmp_path):
    site = tmp_path / "site"
    _generated_site(site, count=2)
    clean = site / "_posts" / "2024-01-01-clean.md"
    clean.write_text(POST.format(n=1, server="サーバー"), encoding="utf-8")
    dock = _open(window, qtbot, site)
    rows = {r.relative: r for r in dock.model.rows}
    assert rows["_posts/2024-01-01-clean.md"].state.artifacts == 0
    every = [r.relative for r in dock.visible_posts()]
    assert len(every) == 3

    dock.filter.setCurrentIndex(dock.filter.findData("artifacts"))
    shown = [r.relative for r in dock.visible_posts()]
    assert shown == sorted(r.relative for r in dock.model.rows if r.state.artifacts)
    assert "_posts/2024-01-01-clean.md" not in shown and shown

    dock.filter.setCurrentIndex(dock.filter.findData("errors"))
    assert [r.relative for r in dock.visible_posts()] == sorted(r.relative for r in dock.model.rows if r.state.errors)
    dock.filter.setCurrentIndex(dock.filter.findData(""))
    assert len(dock.visible_posts()) == 3
    window.close_folder()


def test_findings_across_posts_are_in_problems_and_open_the_post(window, qtbot, tmp_path):
    site = tmp_path / "site"
    paths = _spelling_site(site)
    _open(window, qtbot, site)
    problems = window.problems
    assert problems.scope.isVisibleTo(window)
    problems.show_scope("site")
    found = problems.visible_site_findings()
    assert found and {f.diagnostic.code for f in found} == {"TM001"}
    assert {f.relative for f in found} == {"_posts/2024-01-03-post-3.md"}
    assert all(f.diagnostic.data.get("site") and "サーバー" in f.diagnostic.message for f in found)

    first = found[0]
    index = problems.site_table.model().index(problems.site_model.visible.index(first), 0)
    problems.site_table.clicked.emit(index)
    tab = window.current_tab()
    assert tab is not None and tab.path == str(paths[2])
    assert tab.editor.cp_offset(tab.editor.textCursor().position()) == first.diagnostic.start

    window.close_folder()
    assert not problems.scope.isVisibleTo(window) and problems.site_model.rows == []


def test_export_selected_writes_clean_posts_and_reports_refusals(window, qtbot, tmp_path):
    site = tmp_path / "site"
    paths = _spelling_site(site)
    sources = {p: p.read_bytes() for p in paths}
    dock = _open(window, qtbot, site)
    dock.select(["_posts/2024-01-01-post-1.md", "_posts/2024-01-02-post-2.md"])
    assert len(dock.selected_posts()) == 2 and dock.export_button.isEnabled()
    out = tmp_path / "out"
    (out / "_posts").mkdir(parents=True)
    (out / "_posts" / "2024-01-02-post-2.md").write_text("already here\n", encoding="utf-8")

    dialog = dock.export_selected()
    dialog.out.setText(str(out))
    dialog.start()
    qtbot.waitUntil(lambda: dialog.summary is not None or dialog.failure is not None, timeout=120000)
    assert dialog.failure is None
    outcome = {Path(s.path).name: s for s in dialog.states}
    assert outcome["2024-01-01-post-1.md"].outcome == "written"
    written = out / "_posts" / "2024-01-01-post-1.md"
    assert written.is_file() and "サーバー" in written.read_text(encoding="utf-8")
    refused = outcome["2024-01-02-post-2.md"]
    assert refused.outcome == "refused" and "すでに" in refused.status
    assert (out / "_posts" / "2024-01-02-post-2.md").read_text(encoding="utf-8") == "already here\n"
    assert dialog.summary.written == 1 and dialog.summary.refused == 1
    assert dialog.table.rowCount() == 2 and dialog.table.item(1, 1).text() in ("refused", "written")
    dialog.close()

    # Into the site itself: each post's target is its own source, which is never written over.
    dock.select(["_posts/2024-01-03-post-3.md"])
    dialog = dock.export_selected()
    dialog.out.setText(str(site))
    dialog.overwrite.setChecked(True)
    dialog.force.setChecked(True)
    dialog.start()
    qtbot.waitUntil(lambda: dialog.summary is not None, timeout=120000)
    assert [s.outcome for s in dialog.states] == ["refused"]
    assert {p: p.read_bytes() for p in paths} == sources
    dialog.close()
    window.close_folder()


def test_the_folder_process_dying_is_reported_and_the_editor_stays(window, qtbot, tmp_path):
    site = tmp_path / "site"
    _generated_site(site, count=3)
    window.open_folder(str(site), jobs=1)
    dock = window.folder
    qtbot.waitUntil(lambda: bool(dock.model.rows), timeout=60000)
    os.kill(dock.job.process.pid, signal.SIGKILL)
    qtbot.waitUntil(lambda: dock.error is not None, timeout=60000)
    assert "SIGKILL" in dock.error and "SIGKILL" in dock.status.text()
    tab = window.new_document()
    assert window.current_tab() is tab  # the window works on
    window.close_folder()


def test_closing_the_folder_stops_its_lint(window, qtbot, tmp_path):
    site = tmp_path / "site"
    _generated_site(site, count=6)
    window.open_folder(str(site), jobs=1)
    job = window.folder.job
    qtbot.waitUntil(lambda: bool(window.folder.model.rows), timeout=60000)
    window.close_folder()
    qtbot.waitUntil(lambda: not job.process.is_alive(), timeout=30000)
    assert job.process.exitcode == 0  # it stopped and ended on its own, saving what it had linted


def test_double_clicking_a_post_opens_it(window, qtbot, tmp_path):
    site = tmp_path / "site"
    paths = _spelling_site(site)
    dock = _open(window, qtbot, site)
    index = dock.proxy.index(1, 0)
    dock.table.doubleClicked.emit(index)
    assert window.current_tab() is not None and window.current_tab().path == str(paths[1])
    assert dock.proxy.index(1, 0).data(Qt.DisplayRole) == "2024-01-02-post-2.md"
    window.close_folder()
