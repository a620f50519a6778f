"""``article-lint export`` and ``rules.export_post``: the acceptance of issue 4."""

from __future__ import annotations

import json
import re
import shutil

import yaml

from article_studio.rules import Document, export_post, lint_text
from article_studio.rules.cli.main import main
from article_studio.rules.export.pipeline import REMOVING_STEPS
from article_studio.rules.reading.document import MARKER_RE
from article_studio.rules.reading.prose import COMPLETE_ENDINGS, is_cut_off, normalize
from article_studio.rules.reading.repetition import find_copies
from article_studio.rules.reading.textstats import character_count, reading_minutes

SEED_NAME = "2025-10-26-2-googleanthropictpu.md"
CLEAN_POST = """---
layout: post
title: "テスト記事"
date: 2025-01-02 10:00:00 +0900
reading_time: 1
---

これはテストの本文です。短い記事ですが、内容はきちんと終わっています。

---END---

次の段落です。ここも文として完結しています。
"""


def _front_matter_lines(text: str) -> list[str]:
    return text.split("---\n", 2)[1].splitlines()


def _shingle_share(sentence: str, text: str, n: int = 5) -> float:
    grams = [sentence[i : i + n] for i in range(max(1, len(sentence) - n + 1))]
    return sum(g in text for g in grams) / len(grams)


def _accounted(doc: Document, result) -> list[str]:
    """Sentences of the input neither in the output nor inside a reported change."""
    out = normalize(result.text)
    lost = []
    for s in doc.sentences:
        norm = normalize(s.text)
        if not norm or norm in out:
            continue
        if any(c.start < s.end and s.start < c.end for c in result.changes):
            continue
        lost.append(s.text)
    return lost


def test_seed_exports_with_unsafe_fixes(tmp_path, seed_path, capsys):
    src_dir = tmp_path / "drafts"
    src_dir.mkdir()
    src = src_dir / SEED_NAME
    shutil.copyfile(seed_path, src)
    before = src.read_bytes()
    out = tmp_path / "site"

    assert main(["export", str(src), "--unsafe-fixes", "--out", str(out)]) == 0
    assert src.read_bytes() == before
    written = out / "_posts" / SEED_NAME
    assert [p.name for p in out.rglob("*.md")] == [SEED_NAME]
    text = written.read_text(encoding="utf-8")
    doc = Document(text)

    assert not MARKER_RE.search(text)
    assert "「CUDAエコシステム」の強みです。" in text
    assert "例えば、EU AI法案が" in text
    paragraphs = [normalize(b.text) for b in doc.prose_blocks() if b.kind == "paragraph"]
    assert len(paragraphs) == len(set(paragraphs))
    assert find_copies(doc) == []
    last = [b for b in doc.prose_blocks()][-1]
    assert last.text.rstrip()[-1] in COMPLETE_ENDINGS and not is_cut_off(last.text)
    assert "これからのAI開発は" not in text

    source = before.decode("utf-8")
    old_lines, new_lines = _front_matter_lines(source), _front_matter_lines(text)
    assert [ln.split(":")[0] for ln in old_lines] == [ln.split(":")[0] for ln in new_lines]
    assert [a for a, b in zip(old_lines, new_lines, strict=False) if a != b] == ["reading_time: 8"]
    data = yaml.safe_load(text.split("---\n", 2)[1])
    assert data["reading_time"] == reading_minutes(character_count(doc), 500)
    assert data["reading_time"] != 8
    assert capsys.readouterr().err.count("drop-copy") >= 16


def test_seed_every_sentence_kept_or_reported(seed_text):
    result = export_post(seed_text, f"blog/_posts/{SEED_NAME}", unsafe=True)
    doc = Document(seed_text)
    assert _accounted(doc, result) == []
    out = normalize(result.text)
    allowed = {"remove-marker", "stitch", "drop-title", "trim-cut-off", "drop-copy", "drop-restated", "fix"}
    for s in doc.sentences:
        norm = normalize(s.text)
        if norm in out:
            continue
        steps = {c.step for c in result.changes if c.start < s.end and s.start < c.end}
        assert steps and steps <= allowed, s.text
        if steps & {"drop-copy", "drop-restated"} and not steps & {"stitch", "trim-cut-off", "fix"}:
            # A dropped repeat: most of it is still in the post.
            assert _shingle_share(norm, out) >= 0.5, s.text
    kinds = [c.step for c in result.changes]
    assert kinds.count("stitch") == 2 and kinds.count("drop-title") == 1 and kinds.count("trim-cut-off") == 1
    assert result.reading_time[0] == 8 and result.reading_time[1] > 8
    assert result.publishable and result.target == f"_posts/{SEED_NAME}"


def test_seed_refused_without_unsafe_fixes(tmp_path, seed_path, capsys):
    src = tmp_path / SEED_NAME
    shutil.copyfile(seed_path, src)
    before = src.read_bytes()
    out = tmp_path / "site"
    assert main(["export", str(src), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "書き出していません" in err and "AG002" in err and "これからのAI開発は" in err
    assert not out.exists() or not any(out.rglob("*"))
    assert src.read_bytes() == before
    assert main(["export", str(src), "--out", str(out), "--force"]) == 0
    assert (out / "_posts" / SEED_NAME).is_file()


def test_export_is_idempotent_on_seed(seed_text):
    path = f"blog/_posts/{SEED_NAME}"
    for unsafe in (False, True):
        once = export_post(seed_text, path, unsafe=unsafe)
        twice = export_post(once.text, path, unsafe=unsafe)
        assert twice.text == once.text
        assert twice.changes == []


def test_generated_corpus_exports_clean(tmp_path, data, capsys):
    posts = tmp_path / "blog" / "_posts"
    shutil.copytree(data / "corpus" / "generated" / "allforces-ai-blog" / "_posts", posts)
    names = sorted(p.name for p in posts.glob("*.md"))
    out = tmp_path / "site"
    assert main(["export", str(posts), "--unsafe-fixes", "--out", str(out), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert sorted(p.name for p in (out / "_posts").glob("*.md")) == names
    assert all(e["written"] for e in report["files"])
    before = sum(e["characters"]["before"] for e in report["files"])
    after = sum(e["characters"]["after"] for e in report["files"])
    assert after < before
    for name in names:
        text = (out / "_posts" / name).read_text(encoding="utf-8")
        codes = {d.code for d in lint_text(text, f"site/_posts/{name}")}
        assert not codes & {"AG001", "AG002", "AG003"}, (name, codes)


def test_human_corpus_loses_no_paragraph(tmp_path, data, capsys):
    src = tmp_path / "human"
    shutil.copytree(data / "corpus" / "human", src, ignore=shutil.ignore_patterns("*.json", "*.txt"))
    out = tmp_path / "site"
    assert main(["export", str(src), "--force", "--out", str(out), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert len(report["files"]) > 200
    for entry in report["files"]:
        assert entry["written"], entry["path"]
        before = Document(open(entry["path"], encoding="utf-8").read())
        after = Document(open(entry["destination"], encoding="utf-8").read())
        old = [normalize(b.text) for b in before.prose_blocks()]
        new = [normalize(b.text) for b in after.prose_blocks()]
        assert len(new) == len(old), entry["path"]
        removed = [c for c in entry["changes"] if c["step"] in REMOVING_STEPS]
        assert removed == [], entry["path"]


def _write(path, text: str, encoding="utf-8", newline="\n"):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.replace("\n", newline).encode(encoding))
    return path


def test_never_writes_over_an_input(tmp_path, capsys):
    site = tmp_path / "site"
    post = _write(site / "_posts" / "2025-01-02-test.md", CLEAN_POST)
    before = post.read_bytes()
    for extra in ([], ["--overwrite"], ["--force", "--overwrite"]):
        assert main(["export", str(post), "--out", str(site), "--lang", "en", *extra]) == 1
        assert "input" in capsys.readouterr().err
        assert post.read_bytes() == before


def test_existing_file_needs_overwrite(tmp_path, capsys):
    post = _write(tmp_path / "drafts" / "2025-01-02-test.md", CLEAN_POST)
    out = tmp_path / "site"
    assert main(["export", str(post), "--out", str(out)]) == 0
    target = out / "_posts" / "2025-01-02-test.md"
    assert not MARKER_RE.search(target.read_text(encoding="utf-8"))
    target.write_text("someone's edit\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["export", str(post), "--out", str(out)]) == 1
    assert "ファイルがすでにあります" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "someone's edit\n"
    assert main(["export", str(post), "--out", str(out), "--overwrite"]) == 0
    assert "次の段落" in target.read_text(encoding="utf-8")


def test_diff_writes_nothing(tmp_path, capsys):
    post = _write(tmp_path / "drafts" / "2025-01-02-test.md", CLEAN_POST)
    out = tmp_path / "site"
    assert main(["export", str(post), "--out", str(out), "--diff"]) == 0
    diff = capsys.readouterr().out
    assert re.search(r"^----END---$", diff, re.M)
    assert not out.exists()
    assert main(["export", str(post), "--diff"]) == 0  # --out is optional with --diff


def test_json_report(tmp_path, capsys):
    post = _write(tmp_path / "drafts" / "2025-01-02-test.md", CLEAN_POST)
    assert main(["export", str(post), "--out", str(tmp_path / "site"), "--format", "json"]) == 0
    captured = capsys.readouterr()
    report = json.loads(captured.out)
    (entry,) = report["files"]
    assert entry["written"] and entry["target"] == "_posts/2025-01-02-test.md"
    steps = [c["step"] for c in entry["changes"]]
    assert "remove-marker" in steps
    marker = next(c for c in entry["changes"] if c["step"] == "remove-marker")
    assert marker["line"] == 10 and marker["removed"].startswith("---END---")
    assert captured.err == ""


def test_report_language(tmp_path, seed_path, capsys):
    src = tmp_path / SEED_NAME
    shutil.copyfile(seed_path, src)
    out = tmp_path / "site"
    assert main(["export", str(src), "--out", str(out)]) == 1
    ja = capsys.readouterr().err
    assert "書き出していません: エラーが1件残っています（--force で書き出せます）" in ja
    assert "reading_time 8分 → " in ja and "チャンク区切りを削除" in ja and "前に書かれた内容の繰り返し（94行目）" in ja
    assert re.search(r"^  変更\d+件、[\d,]+字を削除", ja, re.M) and "で記事が途中で終わっています" in ja
    assert "not written" not in ja and not re.search(r"^  lines? \d", ja, re.M)

    assert main(["export", str(src), "--out", str(out), "--lang", "en"]) == 1
    en = capsys.readouterr().err
    assert "not written: 1 error(s) left (--force writes it anyway)" in en
    assert "chunk marker removed" in en and "repeats an earlier passage (line 94)" in en
    assert re.search(r"^  \d+ changes, [\d,]+ characters removed", en, re.M) and "stops mid-sentence" in en
    assert "書き出していません" not in en

    config = _write(tmp_path / "english.toml", 'language = "en"\n')
    assert main(["export", str(src), "--out", str(out), "--config", str(config), "--format", "json"]) == 1
    (entry,) = json.loads(capsys.readouterr().out)["files"]
    assert entry["status"].startswith("not written") and not entry["written"]
    assert any(c["step"] == "remove-marker" and c["detail"] == "chunk marker removed" for c in entry["changes"])
    assert main(["export", str(src), "--out", str(out), "--format", "json"]) == 1
    (entry,) = json.loads(capsys.readouterr().out)["files"]
    assert any(c["step"] == "remove-marker" and c["detail"] == "チャンク区切りを削除" for c in entry["changes"])
    assert export_post(CLEAN_POST, "drafts/2025-01-02-test.md").changes[0].detail == "チャンク区切りを削除"


def test_unreadable_input_is_one_line(tmp_path, capsys):
    missing = tmp_path / "nope.md"
    assert main(["export", str(missing), "--out", str(tmp_path / "site")]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "nope.md" in err
    binary = tmp_path / "bin.md"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    assert main(["export", str(binary), "--out", str(tmp_path / "site")]) == 2
    err = capsys.readouterr().err
    assert sum("bin.md" in line and "article-lint export" in line for line in err.splitlines()) == 1
    assert not (tmp_path / "site").exists()


def test_keeps_encoding_and_line_endings(tmp_path):
    post = _write(tmp_path / "drafts" / "2025-01-02-test.md", CLEAN_POST, encoding="cp932", newline="\r\n")
    out = tmp_path / "site"
    assert main(["export", str(post), "--out", str(out)]) == 0
    data = (out / "_posts" / "2025-01-02-test.md").read_bytes()
    text = data.decode("cp932")
    assert "\r\n" in text and "\n" not in text.replace("\r\n", "")
    assert "次の段落" in text and "END" not in text


def test_targets_for_sites(tmp_path):
    zenn = '---\ntitle: "t"\nemoji: "🦀"\ntype: "tech"\ntopics: []\npublished: true\n---\n\n本文です。\n'
    assert export_post(zenn, "repo/articles/my-article.md").target == "articles/my-article.md"
    jekyll = CLEAN_POST.replace("reading_time: 1\n", "")
    assert export_post(jekyll, "drafts/My Post.md").target == "_posts/2025-01-02-my-post.md"
    no_date = jekyll.replace("date: 2025-01-02 10:00:00 +0900\n", "")
    result = export_post(no_date, "drafts/post.md")
    assert result.target is None and not result.publishable and result.notes
    plain = "# 見出し\n\n本文です。\n"
    assert export_post(plain, str(tmp_path / "docs" / "a" / "b.md"), base=str(tmp_path / "docs")).target == "a/b.md"


def test_bad_input_never_crashes():
    for text in (
        "",
        "---\n",
        "---\n: : :\n---\n本文",
        "---END---",
        "\ufeff---\ntitle: [\n---\n",
        "**太字**\n\n---END---\n\n---END---\n",
        "「開いたまま\n\n---END---\n",
    ):
        for unsafe in (False, True):
            result = export_post(text, "x/_posts/2025-01-01-a.md", unsafe=unsafe)
            assert isinstance(result.text, str)
            assert not MARKER_RE.search(result.text)
