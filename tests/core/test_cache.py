"""``--cache``: results reused by content, never wrong; site-wide checks still see every post."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from article_studio.rules.cli.main import main
from article_studio.rules.engine import cache as cache_module
from article_studio.rules.engine import runner

POST = """---
layout: post
title: "記事その{n}について"
date: 2024-01-0{n}
---

# 記事その{n}

今日は{server}を使って記事を書きます。{server}の設定は簡単です。

この記事では{server}の準備を説明します。
"""


def _site(folder: Path, spellings=("サーバー", "サーバー", "サーバ")) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n, server in enumerate(spellings, 1):
        p = folder / f"2024-01-0{n}-post-{n}.md"
        p.write_text(POST.format(n=n, server=server), encoding="utf-8")
        paths.append(p)
    return paths


def _run(capsys, *args: str) -> tuple[int, list, str]:
    code = main(["--format", "json", "--jobs", "1", *args])
    out = capsys.readouterr()
    return code, json.loads(out.out), out.err


@pytest.fixture
def linted(monkeypatch):
    """The paths ``lint_file`` is run on (cache misses), in order."""
    calls: list[str] = []
    original = runner._lint_one

    def counting(task, two_cores=False):
        calls.append(Path(task[0]).name)
        return original(task, two_cores)

    monkeypatch.setattr(runner, "_lint_one", counting)
    return calls


def test_a_cached_run_equals_an_uncached_one(tmp_path, capsys, linted):
    posts = tmp_path / "_posts"
    _site(posts)
    location = tmp_path / "lint.cache"
    code0, plain, _ = _run(capsys, str(posts))
    linted.clear()
    code1, first, _ = _run(capsys, "--cache-location", str(location), str(posts))
    assert len(linted) == 3 and location.is_file()
    linted.clear()
    code2, second, _ = _run(capsys, "--cache-location", str(location), str(posts))
    assert linted == []  # nothing linted again
    assert plain == first == second and code0 == code1 == code2
    # The site-wide comparison still ran on the cached spellings: the odd one out is flagged.
    site = [m for f in second for m in f["messages"] if m["code"] == "TM001" and "ほかの記事" in m["message"]]
    assert site and all(f["filePath"].endswith("post-3.md") for f in second if any(m in site for m in f["messages"]))


def test_only_changed_posts_are_relinted_and_site_checks_see_all(tmp_path, capsys, linted):
    posts = tmp_path / "_posts"
    paths = _site(posts)
    location = tmp_path / "lint.cache"
    _run(capsys, "--cache-location", str(location), str(posts))
    paths[0].write_text(paths[0].read_text(encoding="utf-8") + "\n追記です。\n", encoding="utf-8")
    linted.clear()
    _, cached, _ = _run(capsys, "--cache-location", str(location), str(posts))
    assert linted == [paths[0].name]
    _, plain, _ = _run(capsys, str(posts))
    assert cached == plain
    # A change of spelling in an unchanged... post 1 now writes サーバ too: the majority flips.
    paths[0].write_text(POST.format(n=1, server="サーバ"), encoding="utf-8")
    _, cached, _ = _run(capsys, "--cache-location", str(location), str(posts))
    _, plain, _ = _run(capsys, str(posts))
    assert cached == plain


def test_config_and_dictionary_changes_invalidate(tmp_path, capsys, linted):
    posts = tmp_path / "_posts"
    _site(posts)
    config = tmp_path / ".article-lint.toml"
    words = tmp_path / "words.txt"
    words.write_text("alpha\n", encoding="utf-8")
    config.write_text('words-file = "words.txt"\n', encoding="utf-8")
    location = tmp_path / "lint.cache"
    _run(capsys, "--cache-location", str(location), str(posts))
    linted.clear()
    words.write_text("alpha\nbeta\n", encoding="utf-8")  # same config, another word list
    _run(capsys, "--cache-location", str(location), str(posts))
    assert len(linted) == 3
    linted.clear()
    config.write_text('words-file = "words.txt"\nignore = ["JA001"]\n', encoding="utf-8")
    _run(capsys, "--cache-location", str(location), str(posts))
    assert len(linted) == 3
    linted.clear()
    _run(capsys, "--cache-location", str(location), "--select", "AG", str(posts))  # overrides count too
    assert len(linted) == 3


def test_another_program_version_invalidates(tmp_path, capsys, linted, monkeypatch):
    posts = tmp_path / "_posts"
    _site(posts)
    location = tmp_path / "lint.cache"
    _run(capsys, "--cache-location", str(location), str(posts))
    monkeypatch.setattr(cache_module, "program_fingerprint", lambda: "another build")
    linted.clear()
    _run(capsys, "--cache-location", str(location), str(posts))
    assert len(linted) == 3


@pytest.mark.parametrize(
    "content",
    [b"", b"garbage", b'{"format": "article-lint-cache", "entries": {}}', None],
    ids=["empty", "garbage", "foreign-json", "damaged"],
)
def test_a_corrupt_or_foreign_cache_is_ignored_with_a_note(tmp_path, capsys, linted, content):
    posts = tmp_path / "_posts"
    _site(posts)
    location = tmp_path / "lint.cache"
    _, plain, _ = _run(capsys, str(posts))
    if content is None:  # a real cache, one byte flipped in its payload
        _run(capsys, "--cache-location", str(location), str(posts))
        data = bytearray(location.read_bytes())
        data[-10] ^= 0xFF
        location.write_bytes(bytes(data))
    else:
        location.write_bytes(content)
    linted.clear()
    _, got, err = _run(capsys, "--cache-location", str(location), str(posts))
    assert got == plain and len(linted) == 3
    assert "ignoring" in err and str(location) in err
    linted.clear()
    _, again, err = _run(capsys, "--cache-location", str(location), str(posts))  # replaced by a good one
    assert again == plain and linted == [] and "ignoring" not in err


def test_findings_that_depend_on_the_day_are_not_kept(tmp_path, capsys, linted):
    posts = tmp_path / "_posts"
    posts.mkdir()
    post = posts / "2999-01-01-future.md"
    post.write_text('---\nlayout: post\ntitle: "未来の記事"\ndate: 2999-01-01\n---\n\n本文です。\n', encoding="utf-8")
    location = tmp_path / "lint.cache"
    _run(capsys, "--cache-location", str(location), str(post))
    linted.clear()
    _, got, _ = _run(capsys, "--cache-location", str(location), str(post))
    assert linted == [post.name]
    assert any(m["code"] == "FM005" for m in got[0]["messages"])


def test_cache_in_a_folder_and_atomic_file(tmp_path, capsys):
    posts = tmp_path / "_posts"
    _site(posts)
    folder = tmp_path / "cache-dir"
    folder.mkdir()
    _run(capsys, "--cache-location", str(folder), str(posts))
    assert (folder / cache_module.DEFAULT_LOCATION).is_file()
    assert [p.name for p in folder.iterdir()] == [cache_module.DEFAULT_LOCATION]  # no temporary file left
