"""Adding a word to the project's word list keeps the file as it was written, plus the word."""

from __future__ import annotations

import tomllib

import pytest

from article_studio.rules.engine.wordlist import WordListError, add_word


@pytest.mark.parametrize(
    "before",
    [
        "",
        'profile = "jekyll"  # our site\n',
        'words = ["Anthropic"]\n[rules.sentence-length]\nmax = 120\n',
        '# known words\nwords = [\n    "Anthropic",  # the company\n    "Trainium",\n]\n',
        "[rules.sentence-length]\nmax = 120\n",
        "words = []\n",
    ],
)
def test_the_word_is_added_and_the_rest_kept(tmp_path, before):
    config = tmp_path / ".article-lint.toml"
    if before:
        config.write_text(before, encoding="utf-8")
    post = tmp_path / "post.md"
    post.write_text("本文です。\n", encoding="utf-8")
    written = add_word("Qwertyzz", post)
    assert written == config
    after_text = config.read_text(encoding="utf-8")
    old, new = tomllib.loads(before), tomllib.loads(after_text)
    assert new["words"] == [*old.get("words", []), "Qwertyzz"]
    assert {k: v for k, v in new.items() if k != "words"} == {k: v for k, v in old.items() if k != "words"}
    for line in before.splitlines():  # comments and layout stay
        if line.strip() and not line.strip().startswith(("words", "]")):
            assert line in after_text
    assert add_word("Qwertyzz", post) == config and config.read_text(encoding="utf-8") == after_text  # once


def test_refuses_what_it_cannot_edit_safely(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.article-lint]\nwords = ["A"]\n', encoding="utf-8")
    with pytest.raises(WordListError, match="pyproject.toml"):
        add_word("Qwertyzz", tmp_path)
    bad = tmp_path / "bad.toml"
    bad.write_text("words = [\n", encoding="utf-8")
    with pytest.raises(WordListError, match="cannot read"):
        add_word("Qwertyzz", tmp_path, bad)
    assert bad.read_text(encoding="utf-8") == "words = [\n"
