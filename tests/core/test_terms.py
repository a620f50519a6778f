"""TM001: spelling variants in one article, katakana/Latin pairs, and across a site."""

from __future__ import annotations

import json
import subprocess
import sys

from article_studio.rules import Config, fix_text, lint_text

TM = Config(select=["TM001"])


def messages(text, config=TM):
    return [
        (d.line, text[d.start : d.end], d.fix.edits[0].text if d.fix else None) for d in lint_text(text, None, config)
    ]


def test_width_case_long_vowel_okurigana_and_near_miss():
    text = (
        "# 比較\n\nＴＰＵとTPUとTPU。サーバーとサーバーとサーバ。処理を行う。処理を行う。処理を行なう。"
        "TrainiumとTrainiumとTrainum。\n"
    )
    found = {surface: fix for _, surface, fix in messages(text)}
    assert found == {"ＴＰＵ": "TPU", "サーバ": "サーバー", "行なう": "行う", "Trainum": "Trainium"}


def test_a_capital_first_letter_is_not_a_variant():
    assert messages("# 型\n\nEnumとenumとenum。GitHubとGithubとGitHub。\n") == [(3, "Github", "GitHub")]


def test_katakana_and_latin_spellings_of_one_name():
    text = "# 比較\n\nTrainiumを使う。Trainiumは速い。トレイニアムも良い。\n"
    assert messages(text) == [(3, "トレイニアム", "Trainium")]


def test_pairs_from_the_projects_prh_dictionary(tmp_path):
    (tmp_path / "terms.yml").write_text(
        "version: 1\nrules:\n  - expected: Foobar\n    pattern: フーバー\n", encoding="utf-8"
    )
    config = Config(select=["TM001"], dictionaries=["terms.yml"], source=tmp_path / ".article-lint.toml")
    text = "# 比較\n\nフーバーとフーバーとFoobar。\n"
    assert messages(text, config) == [(3, "Foobar", "フーバー")]


def test_unsafe_fix_takes_the_majority():
    text = "# 比較\n\nサーバーとサーバーとサーバ。\n"
    assert fix_text(text, None, TM) == text
    assert fix_text(text, None, TM, unsafe=True) == "# 比較\n\nサーバーとサーバーとサーバー。\n"


def test_site_majority_across_files(tmp_path):
    for i in range(3):
        (tmp_path / f"a{i}.md").write_text("サーバーを使う。サーバーは速い。\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("サーバを使う。\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "article_studio.rules", "--select", "TM001", "--format", "json", str(tmp_path)],
        capture_output=True,
    )
    by_file = {r["filePath"].rsplit("/", 1)[-1]: r["messages"] for r in json.loads(proc.stdout)}
    assert [m["line"] for m in by_file["b.md"]] == [1]
    assert "サーバー" in by_file["b.md"][0]["message"]
    assert all(not by_file[f"a{i}.md"] for i in range(3))
    # Linted alone, the same file is consistent and has no finding.
    alone = subprocess.run(
        [sys.executable, "-m", "article_studio.rules", "--select", "TM001", "--format", "json", str(tmp_path / "b.md")],
        capture_output=True,
    )
    assert json.loads(alone.stdout)[0]["messages"] == []
