"""--baseline: record today's findings once, then fail only on new ones."""

from __future__ import annotations

import json
import subprocess
import sys

from article_studio.rules.cli.main import main

POST = "前置きです。\n\n---END---\n\n本文です。\n"


def run(*args, cwd):
    return subprocess.run(
        [sys.executable, "-m", "article_studio.rules", *map(str, args)],
        capture_output=True,
        cwd=cwd,
        text=True,
        encoding="utf-8",
    )


def _lint(*args: str) -> int:
    return main(["--jobs", "1", *args])


def test_first_run_writes_then_only_new_findings_fail(tmp_path):
    post = tmp_path / "post.md"
    post.write_text(POST, encoding="utf-8")
    first = run("--baseline", "baseline.json", "--select", "AG001", "post.md", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    data = json.loads((tmp_path / "baseline.json").read_text(encoding="utf-8"))
    assert [(e["file"], e["code"], e["text"]) for e in data["findings"]] == [("post.md", "AG001", "---END---")]
    assert "line" not in json.dumps(data)

    again = run("--baseline", "baseline.json", "--select", "AG001", "--format", "json", "post.md", cwd=tmp_path)
    assert again.returncode == 0
    assert json.loads(again.stdout)[0]["messages"] == []

    # Text added above the known finding moves it down: still known, no churn.
    post.write_text("新しい段落です。\n\n" + POST, encoding="utf-8")
    moved = run("--baseline", "baseline.json", "--select", "AG001", "post.md", cwd=tmp_path)
    assert moved.returncode == 0, moved.stdout

    # A new marker elsewhere is reported and fails the run.
    post.write_text(POST + "\n続きです。\n\n---END---\n\n終わりです。\n", encoding="utf-8")
    new = run("--baseline", "baseline.json", "--select", "AG001", "--format", "json", "post.md", cwd=tmp_path)
    assert new.returncode == 1
    assert [m["line"] for m in json.loads(new.stdout)[0]["messages"]] == [9]


def test_broken_baseline_is_a_usage_error(tmp_path):
    (tmp_path / "post.md").write_text(POST, encoding="utf-8")
    (tmp_path / "baseline.json").write_text("{not json", encoding="utf-8")
    proc = run("--baseline", "baseline.json", "post.md", cwd=tmp_path)
    assert proc.returncode == 2
    assert "baseline.json" in proc.stderr and "Traceback" not in proc.stderr


def test_baseline_matches_from_another_folder(tmp_path, monkeypatch):
    posts = tmp_path / "site" / "_posts"
    posts.mkdir(parents=True)
    (posts / "post.md").write_text(POST, encoding="utf-8")
    monkeypatch.chdir(tmp_path / "site")
    assert _lint("--select", "AG001", "--baseline", ".article-lint-baseline.json", "_posts") == 0
    data = json.loads((tmp_path / "site" / ".article-lint-baseline.json").read_text(encoding="utf-8"))
    assert [e["file"] for e in data["findings"]] == ["_posts/post.md"]
    monkeypatch.chdir(tmp_path)
    assert _lint("--select", "AG001", "--baseline", "site/.article-lint-baseline.json", "site/_posts") == 0
    monkeypatch.chdir(posts)
    assert _lint("--select", "AG001", "--baseline", "../.article-lint-baseline.json", ".") == 0


def test_old_baselines_named_files_from_the_working_folder(tmp_path, monkeypatch):
    (tmp_path / "site" / "_posts").mkdir(parents=True)
    (tmp_path / "site" / "_posts" / "post.md").write_text(POST, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert _lint("--select", "AG001", "--baseline", "site/b.json", "site/_posts") == 0
    path = tmp_path / "site" / "b.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    del data["paths"]
    for e in data["findings"]:
        e["file"] = "site/" + e["file"]  # as the working folder named it
    path.write_text(json.dumps(data), encoding="utf-8")
    assert _lint("--select", "AG001", "--baseline", "site/b.json", "site/_posts") == 0
