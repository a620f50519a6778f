"""A site's posts by profile, its lint through the cache post by post, and the guarded export of one post."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from article_studio import rules
from article_studio.rules.cli.main import main

POST = """---
layout: post
title: "記事その{n}について"
date: 2024-01-0{n}
---

# 記事その{n}

今日は{server}を使って記事を書きます。{server}の設定は簡単です。

この記事では{server}の準備を説明します。
"""


def _site(folder: Path, spellings=("サーバー", "サーバー", "サーバ")) -> list[str]:
    posts = folder / "_posts"
    posts.mkdir(parents=True, exist_ok=True)
    paths = []
    for n, server in enumerate(spellings, 1):
        p = posts / f"2024-01-0{n}-post-{n}.md"
        p.write_text(POST.format(n=n, server=server), encoding="utf-8")
        paths.append(str(p))
    return paths


def _touch(path: Path, text: str = "# 見出し\n\n本文です。\n") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


# -- the posts of a site --------------------------------------------------------------------------
def test_a_jekyll_site_has_its_posts_and_drafts_and_nothing_else(tmp_path):
    for name in ("_posts/2024-01-01-a.md", "_drafts/b.md", "about.md", "README.md", "_site/_posts/c.md"):
        _touch(tmp_path / name)
    _touch(tmp_path / "node_modules" / "x" / "_posts" / "d.md")
    site = rules.find_posts(tmp_path)
    assert site.profile == "jekyll"
    assert [(p.relative, p.kind) for p in site.posts] == [("_drafts/b.md", "draft"), ("_posts/2024-01-01-a.md", "post")]


def test_a_zenn_repository_has_its_articles_and_book_chapters(tmp_path):
    for name in ("articles/intro.md", "books/guide/1-start.md", "README.md", "books/guide/config.yaml"):
        _touch(tmp_path / name)
    site = rules.find_posts(tmp_path)
    assert site.profile == "zenn"
    assert [(p.relative, p.kind) for p in site.posts] == [
        ("articles/intro.md", "article"),
        ("books/guide/1-start.md", "chapter"),
    ]


def test_the_configured_profile_wins_and_a_posts_folder_opened_alone_is_jekyll(tmp_path):
    for name in ("_posts/2024-01-01-a.md", "articles/z.md"):
        _touch(tmp_path / name)
    assert [p.relative for p in rules.find_posts(tmp_path, "zenn").posts] == ["articles/z.md"]
    assert [p.relative for p in rules.find_posts(tmp_path).posts] == ["_posts/2024-01-01-a.md"]
    alone = rules.find_posts(tmp_path / "_posts")
    assert alone.profile == "jekyll" and [p.relative for p in alone.posts] == ["2024-01-01-a.md"]


def test_a_folder_of_no_known_layout_has_every_markdown_file(tmp_path):
    for name in ("notes/a.md", "b.markdown", "c.txt"):
        _touch(tmp_path / name)
    site = rules.find_posts(tmp_path, "jekyll")  # configured, but the folder has no _posts
    assert site.profile == "none"
    assert [(p.relative, p.kind) for p in site.posts] == [("b.markdown", "file"), ("notes/a.md", "file")]
    with pytest.raises(OSError):
        rules.find_posts(tmp_path / "b.markdown")


# -- linting a site through the cache ---------------------------------------------------------------
def _cli_counts(capsys, paths: list[str]) -> dict[str, tuple[int, int]]:
    main(["--format", "json", "--jobs", "1", *paths])
    report = json.loads(capsys.readouterr().out)
    return {
        f["filePath"]: (
            sum(m["severity"] == 2 for m in f["messages"]),
            sum(m["severity"] == 1 for m in f["messages"]),
        )
        for f in report
    }


def test_lint_site_reports_each_post_and_equals_article_lint_then_serves_a_rerun_from_the_cache(tmp_path, capsys):
    paths = _site(tmp_path / "site")
    cache = tmp_path / "cache" / "site.cache"
    seen: list[int] = []
    first = rules.lint_site(paths, lambda p: None, cache=cache, jobs=1, on_result=lambda i, r: seen.append(i))
    assert sorted(seen) == [0, 1, 2] and sorted(first.linted) == [0, 1, 2] and first.hits == 0
    assert not first.stopped and cache.is_file()
    expected = _cli_counts(capsys, paths)
    counts = {r.path: rules.post_counts(r)[:2] for r in first.results if r is not None}
    assert {str(Path(p).resolve()): c for p, c in counts.items()} == {
        str(Path(p).resolve()): c for p, c in expected.items()
    }
    # The third post writes サーバ where the other two write サーバー: a finding across posts.
    site = rules.site_findings(first.results[2])
    assert [d.code for d in site] and all(d.code == "TM001" and d.data.get("site") for d in site)
    assert rules.site_findings(first.results[0]) == []

    again = rules.lint_site(paths, lambda p: None, cache=cache, jobs=1)
    assert again.hits == 3 and again.linted == []
    assert [rules.post_counts(r) for r in again.results if r] == [rules.post_counts(r) for r in first.results if r]
    assert [(d.start, d.message) for d in rules.site_findings(again.results[2])] == [(d.start, d.message) for d in site]
    assert [rules.artifact_count(r) for r in again.results if r] == [
        rules.artifact_count(r) for r in first.results if r
    ]


def test_artifacts_are_counted_from_the_cache_as_from_a_fresh_lint(tmp_path):
    paths = _site(tmp_path / "site")
    Path(paths[1]).write_text(POST.format(n=2, server="サーバー") + "\n---END---\n", encoding="utf-8")
    cache = tmp_path / "c"
    fresh = rules.lint_site(paths, lambda p: None, cache=cache, jobs=1)
    cached = rules.lint_site(paths, lambda p: None, cache=cache, jobs=1)
    assert cached.hits == 3
    assert [rules.artifact_count(r) for r in fresh.results if r] == [0, 1, 0]
    assert [rules.artifact_count(r) for r in cached.results if r] == [0, 1, 0]


def test_a_stopped_run_keeps_what_it_linted(tmp_path):
    paths = _site(tmp_path / "site", spellings=("サーバー",) * 6)
    cache = tmp_path / "c"
    seen: list[int] = []
    run = rules.lint_site(
        paths,
        lambda p: None,
        cache=cache,
        jobs=1,
        on_result=lambda i, r: seen.append(i),
        should_stop=lambda: bool(seen),
    )
    assert run.stopped and len(seen) == 1 and len(run.linted) == 1
    rest = rules.lint_site(paths, lambda p: None, cache=cache, jobs=1)
    assert rest.hits == 1 and len(rest.linted) == 5 and not rest.stopped


def test_a_post_whose_lint_process_dies_gets_an_error_and_the_others_go_on(tmp_path, monkeypatch):
    import os
    import signal

    from article_studio.rules.engine import sitelint

    paths = _site(tmp_path / "site")

    def dies_on_the_second(task):
        if task[0].endswith("post-2.md"):
            os.kill(os.getpid(), signal.SIGKILL)
        return sitelint.lint_file(task[0], task[1], collect_terms=True)

    monkeypatch.setattr(sitelint, "_lint_task", dies_on_the_second)
    run = rules.lint_site(paths, lambda p: None, cache=tmp_path / "c", jobs=1)
    errors = [r.error for r in run.results if r is not None]
    assert errors[0] is None and errors[2] is None
    assert errors[1] and "linting this file failed" in errors[1]


# -- exporting one post ------------------------------------------------------------------------------
def test_publish_post_writes_a_clean_post_and_refuses_what_the_cli_refuses(tmp_path):
    paths = _site(tmp_path / "site")
    out = tmp_path / "out"
    taken: set[str] = set()
    inputs = [Path(p) for p in paths]
    base = rules.common_base(paths)

    def config_of(p: str) -> rules.Config:
        return rules.config_for(p)

    done = rules.publish_post(paths[0], config_of, out, inputs=inputs, taken=taken, base=base)
    assert done.outcome == "written" and done.destination is not None and done.destination.is_file()
    assert done.entry["written"] is True and str(done.destination) == done.entry["destination"]
    again = rules.publish_post(paths[0], config_of, out, inputs=inputs, taken=set(), base=base)
    assert again.outcome == "refused" and "すでに" in again.entry["status"]
    into_itself = rules.publish_post(paths[1], config_of, tmp_path / "site", inputs=inputs, taken=set(), base=base)
    assert into_itself.outcome == "refused" and Path(paths[1]).read_text(encoding="utf-8") == POST.format(
        n=2, server="サーバー"
    )
    missing = rules.publish_post(str(tmp_path / "nope.md"), config_of, out, inputs=inputs, taken=set(), base=base)
    assert missing.outcome == "failed" and missing.problem
