"""``--cache``: results reused by content, never wrong; site-wide checks still see every post."""

from __future__ import annotations

import json
import os
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


# -- a cached run prints exactly what an uncached one prints, in every format -----------------------
SITE_POST = """---
layout: post
title: "{title}"
date: 2024-02-0{n}
---

# {title}

{body}
"""

SITE_BODIES = [
    "GitHubでサーバーを用意します。GitHubの設定は簡単です。Trainiumも使います。",
    "GitHubとサーバーの話です。Trainiumの話もします。Trainiumは速いです。",
    "Githubでサーバを用意します。Trainumも試しました。",  # the odd one out: site findings, one fixed by the dictionary
    "サーバーの準備を説明します。ＴＰＵとTPUの話もします。",
]


def _write_site(folder: Path, bodies=SITE_BODIES) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n, body in enumerate(bodies, 1):
        p = folder / f"2024-02-0{n}-post-{n}.md"
        p.write_text(SITE_POST.format(n=n, title=f"記事その{n}", body=body), encoding="utf-8")
        paths.append(p)
    return paths


def _out(capsysbinary, *args: str) -> tuple[int, bytes]:
    code = main(["--jobs", "1", *args])
    return code, capsysbinary.readouterr().out


@pytest.mark.parametrize("fmt", ["stylish", "json", "sarif", "github", "checkstyle"])
@pytest.mark.parametrize("quiet", [False, True], ids=["all", "quiet"])
def test_cached_output_is_byte_identical_in_every_format(tmp_path, capsysbinary, monkeypatch, fmt, quiet):
    monkeypatch.chdir(tmp_path)
    posts = Path("_posts")
    paths = _write_site(tmp_path / "_posts")
    location = str(tmp_path / "lint.cache")
    args = ["--format", fmt, *(["--quiet"] if quiet else [])]
    plain = _out(capsysbinary, *args, str(posts))
    if not quiet:
        assert b"Github" in plain[1] and b"GitHub" in plain[1]  # the site-wide findings are there
    cold = _out(capsysbinary, *args, "--cache-location", location, str(posts))
    warm = _out(capsysbinary, *args, "--cache-location", location, str(posts))
    assert plain == cold == warm
    # One post changes: the site's majority flips for サーバ, and the counts in other posts' messages change.
    paths[0].write_text(paths[0].read_text(encoding="utf-8").replace("サーバー", "サーバ"), encoding="utf-8")
    assert _out(capsysbinary, *args, "--cache-location", location, str(posts)) == _out(capsysbinary, *args, str(posts))
    # A post is added, and one is removed.
    _write_site(tmp_path / "_posts", [*SITE_BODIES, "Githubで新しいサーバを用意します。"])
    assert _out(capsysbinary, *args, "--cache-location", location, str(posts)) == _out(capsysbinary, *args, str(posts))
    paths[1].unlink()
    assert _out(capsysbinary, *args, "--cache-location", location, str(posts)) == _out(capsysbinary, *args, str(posts))


def test_a_cached_site_run_keeps_the_dictionary_spelling_fix(tmp_path, capsys, linted):
    """A cached post's dictionary names (Github → GitHub) still decide the site-wide fix."""
    posts = tmp_path / "_posts"
    _write_site(posts)
    location = tmp_path / "lint.cache"
    _, plain, _ = _run(capsys, str(posts))
    _run(capsys, "--cache-location", str(location), str(posts))
    linted.clear()
    _, cached, _ = _run(capsys, "--cache-location", str(location), str(posts))
    assert linted == [] and cached == plain
    fixes = [m.get("fix") for f in cached for m in f["messages"] if "「Github」は、ほかの記事" in m["message"]]
    assert fixes and all(fix and fix["text"] == "GitHub" for fix in fixes)


def test_a_changed_post_is_appended_to_the_cache_file(tmp_path, capsys, linted):
    posts = tmp_path / "_posts"
    paths = _write_site(posts)
    location = tmp_path / "lint.cache"
    _run(capsys, "--cache-location", str(location), str(posts))
    before = location.stat()
    _run(capsys, "--cache-location", str(location), str(posts))
    assert location.stat().st_size == before.st_size  # nothing changed, nothing written
    paths[3].write_text(paths[3].read_text(encoding="utf-8") + "\n追記です。\n", encoding="utf-8")
    linted.clear()
    _, cached, _ = _run(capsys, "--cache-location", str(location), str(posts))
    after = location.stat()
    assert linted == [paths[3].name]
    if os.name == "posix":
        assert (after.st_ino, after.st_dev) == (before.st_ino, before.st_dev)  # appended, not rewritten
        assert after.st_size > before.st_size
    _, plain, _ = _run(capsys, str(posts))
    assert cached == plain


def test_a_cache_file_mostly_dead_is_rewritten_compacted(tmp_path, capsys, monkeypatch):
    from article_studio.rules.engine import cachefile

    monkeypatch.setattr(cachefile, "_MIN_DEAD", 0)
    posts = tmp_path / "_posts"
    paths = _write_site(posts)
    location = tmp_path / "lint.cache"
    _run(capsys, "--cache-location", str(location), str(posts))
    sizes = []
    for i in range(6):  # each run replaces one post's findings: dead bytes pile up
        paths[i % 4].write_text(paths[i % 4].read_text(encoding="utf-8") + f"\n追記{i}です。\n", encoding="utf-8")
        _run(capsys, "--cache-location", str(location), str(posts))
        sizes.append(location.stat().st_size)
    assert any(b < a for a, b in zip(sizes, sizes[1:], strict=False))  # shrank once: rewritten
    _, cached, _ = _run(capsys, "--cache-location", str(location), str(posts))
    _, plain, _ = _run(capsys, str(posts))
    assert cached == plain


def test_a_damaged_blob_is_linted_again_with_a_note(tmp_path, capsys):
    """A byte flipped in the middle of the file (a post's stored findings or report part, not
    the index) gives the same report, a note, and a cache without it next time."""
    posts = tmp_path / "_posts"
    _write_site(posts)
    location = tmp_path / "lint.cache"
    _, plain, _ = _run(capsys, str(posts))
    _run(capsys, "--cache-location", str(location), str(posts))
    data = bytearray(location.read_bytes())
    for at in range(len(cachefile_magic()) + 10, len(data) // 2, 97):
        data[at] ^= 0xFF
    location.write_bytes(bytes(data))
    _, got, err = _run(capsys, "--cache-location", str(location), str(posts))
    assert got == plain and "damaged" in err
    _, again, err = _run(capsys, "--cache-location", str(location), str(posts))
    assert again == plain and "damaged" not in err


def cachefile_magic() -> bytes:
    from article_studio.rules.engine.cachefile import MAGIC

    return MAGIC
