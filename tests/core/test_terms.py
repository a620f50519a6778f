"""TM001: spelling variants in one article, katakana/Latin pairs, and across a site."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

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


def test_words_in_capitals_are_never_variants_nor_rewritten():
    # Acronyms, constants and environment variables beside the same letters in lower case.
    text = (
        "# 設定\n\norderを決めてORDER BYを使う。orderは大事。ITの話をするとitが出る。itとit。"
        "EOMとeomとeom。LICENSEとLicenseとLicense。\n"
    )
    assert messages(text) == []


def test_letter_case_needs_a_dictionary_not_a_majority():
    # GitHub is a name in the shipped list: the other case is fixed to it even when it is the rarer.
    assert messages("# x\n\nGithubとGithubとGitHub。\n") == [(3, "Github", "GitHub"), (3, "Github", "GitHub")]
    # WSl/WSL: no dictionary entry, so reported without a fix; id/ID: another word, not reported.
    assert messages("# x\n\nWSLとWSLとWSl。idとIDとID。\n") == [(3, "WSl", None)]


def test_code_paths_settings_and_quotes_are_not_terms():
    text = (
        "# x\n\nPORTとPORTを使う。PORT=8080とport=80。App.jsとapp.jsとapp.js。"
        'numpy.org/doc/stableとStable。"rUsT"とRustとRust。\n\n> Tpuと書く引用。TPUとTPU。\n'
    )
    assert messages(text) == []


def test_log_output_and_error_messages_are_not_rewritten():
    text = (
        "# x\n\nGitHubとGitHubを使う。\n[ERROR] Github token not found\n2024-01-02 10:00 Github started\n"
        "そこで*SyntaxError: Invalid Github token*と出る。\n"
    )
    assert messages(text) == []
    assert messages(text.replace("[ERROR] ", "")) == [(4, "Github", "GitHub")]


def test_near_misses_are_slips_inside_a_word_not_other_words():
    text = "# x\n\n" + "bookとcronとPythonとLaTeXとRFLAGSとaddEventListenerとundefined。" * 3
    text += "ebookとcrondとIPythonとKaTeXとEFLAGSとaddEventListnerとundeined。\n"
    assert messages(text) == [(3, "undeined", "undefined")]


def test_near_miss_fix_keeps_the_capital_of_the_word_it_replaces():
    text = "# x\n\nrejectとrejectとrejectを使う。Relectを呼ぶ。\n"
    assert messages(text) == [(3, "Relect", "Reject")]


def test_site_wide_fix_of_a_conjugated_verb_is_not_made(tmp_path):
    for i in range(3):
        (tmp_path / f"a{i}.md").write_text("処理を行う。処理を行う。\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("処理を行なった。\n", encoding="utf-8")
    from article_studio.rules import lint_paths

    results = {Path(r.path).name: r for r in lint_paths(sorted(tmp_path.glob("*.md")), TM, jobs=1)}
    found = results["b.md"].diagnostics
    # Reported against the site's 「行う」, but 「行なっ」 is not replaced by 「行う」 (「行うた」).
    assert [(d.line, d.fix) for d in found] == [(1, None)]
    assert "行う" in found[0].message


def test_shipped_terms_are_current():
    """TM001 reads the shipped katakana-latin.yml's pairs from a generated module (no YAML at run
    time); the module must say what the YAML says."""
    import pathlib

    from article_studio.rules.terminology.termpairs import render_shipped_terms

    path = pathlib.Path(__file__).resolve().parents[2] / "rules" / "terminology" / "_shipped_terms.py"
    assert path.read_text(encoding="utf-8") == render_shipped_terms(), (
        "rules/terminology/_shipped_terms.py is stale: run python -m article_studio.rules.cli.generate "
        "shipped-terms > rules/terminology/_shipped_terms.py"
    )


def test_a_run_on_an_article_without_front_matter_never_imports_yaml():
    """Importing the YAML library takes ~12 ms, a good part of a one-article run: the shipped
    dictionaries the rules read are generated modules, and a prh dictionary or a front matter is
    what makes a run import it."""
    code = (
        "import sys\n"
        "from article_studio.rules import Config, lint_text\n"
        "found = lint_text('# 見出し\\n\\nトレイニアムとTrainiumを使う。Amexのrecieve。\\n', 'post.md', Config())\n"
        "print(sorted({d.code for d in found}), 'yaml' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    codes, imported = out.stdout.rsplit(" ", 1)
    assert imported.strip() == "False", out.stderr
    assert "TM001" in codes and "TM003" in codes  # the shipped pairs and words are still read
