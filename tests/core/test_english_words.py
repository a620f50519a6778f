"""The en_US dictionary's words shipped as a sorted file: searched in place, made from hunspell's
stems and affixes, and never claiming a word enchant would reject."""

from __future__ import annotations

from pathlib import Path

import pytest

from article_studio.rules.resources import resource_path
from article_studio.rules.terminology import english_words, hunspell_words
from article_studio.rules.terminology.english_words import SortedWords, in_dictionary

SHIPPED = resource_path(*english_words.WORDS_FILE)
NOTICE = resource_path("words", "LICENSE-en_US-words.txt")


def _enchant_en_us():
    try:
        import enchant

        return enchant.Dict("en_US")
    except Exception as exc:  # no library or no dictionary on this machine
        pytest.skip(f"enchant's en_US is not available: {exc}")


def test_a_sorted_file_is_searched_for_each_of_its_words_and_nothing_else(tmp_path):
    words = sorted({"Amazon", "I'm", "a", "ab", "abc", "b", "cloud", "clouds", "zebra", "zz"})
    path = tmp_path / "words.txt"
    path.write_text("".join(w + "\n" for w in words), encoding="ascii")
    found = SortedWords(path)
    assert all(w in found for w in words)
    for absent in ("", "A", "aa", "abcd", "amazon", "c", "cloudy", "zzz", "0", "~", "a\nb", "é", "clou"):
        assert absent not in found, absent
    # The last line without its newline is found too.
    path.write_text("\n".join(words), encoding="ascii")
    unterminated = SortedWords(path)
    assert all(w in unterminated for w in words) and "zzz" not in unterminated


def test_an_unreadable_word_file_knows_no_words(tmp_path):
    assert "cloud" not in SortedWords(tmp_path / "missing.txt")
    assert "cloud" not in SortedWords(tmp_path)  # a folder


def test_capitalized_words_are_known_as_hunspell_knows_them():
    assert in_dictionary("cloud") and in_dictionary("Cloud")  # a sentence's first word
    assert in_dictionary("Paris") and not in_dictionary("paris")  # a name keeps its capital
    assert in_dictionary("don’t") and in_dictionary("it's")  # curly or straight apostrophe
    assert not in_dictionary("recieve") and not in_dictionary("Recieve") and not in_dictionary("Ｃｌｏｕｄ")


def _recorded_digest() -> str:
    return next(line.split(":", 1)[1].strip() for line in NOTICE.read_text().splitlines() if "sha256" in line)


def _system_dictionary_is_the_recorded_one() -> bool:
    try:
        return hunspell_words.source_digest() == _recorded_digest()
    except OSError:
        return False


def test_the_shipped_file_is_sorted_and_every_word_in_it_is_one_enchant_accepts():
    checker = _enchant_en_us()
    words = SHIPPED.read_text(encoding="ascii").splitlines()
    assert len(words) > 150_000
    assert words == sorted(words) and len(set(words)) == len(words)
    rejected = [w for w in words if not checker.check(w)]
    if _system_dictionary_is_the_recorded_one():
        assert rejected == []
    else:  # another release of the dictionary: words come and go between releases, a few
        assert len(rejected) < len(words) // 200, rejected[:20]
    # What in_dictionary derives from the file (a capitalized first letter) enchant accepts too.
    sample = words[::97]
    derived = [w.capitalize() for w in sample if w.islower()]
    assert all(in_dictionary(w) for w in derived)
    rejected_derived = [w for w in derived if not checker.check(w)]
    assert len(rejected_derived) <= (0 if _system_dictionary_is_the_recorded_one() else len(derived) // 200)


def test_the_shipped_file_is_what_the_recorded_dictionary_expands_to():
    """Regenerated from the system's dictionary when it is the one the notice records."""
    if not _system_dictionary_is_the_recorded_one():
        pytest.skip("this system has no en_US hunspell dictionary, or another release than the file was made from")
    _enchant_en_us()
    assert hunspell_words.render_english_words() == SHIPPED.read_text(encoding="ascii"), (
        "resources/words/en_US-words.txt is stale: run python -m article_studio.rules.cli.generate english-words"
    )


def test_stems_are_expanded_with_their_prefixes_suffixes_and_both(tmp_path: Path):
    aff = (
        "SET UTF-8\n"
        "PFX U Y 1\nPFX U   0     un         .\n"
        "SFX G Y 2\nSFX G   e     ing        e\nSFX G   0     ing        [^e]\n"
        "SFX S N 3\nSFX S   y     ies        [^aeiou]y\nSFX S   0     es         [sxzh]\nSFX S   0     s          [^sxzhy]\n"
        "SFX M Y 1\nSFX M   0     's         .\n"
    )
    dic = "4\nmake/UG\nprocess/GS\tpo:verb\nsky/SM\nplain\n\n"
    assert hunspell_words.expand(aff, dic) == {
        "make",
        "making",
        "unmake",
        "unmaking",  # a prefix on a suffixed form: both rules combine (Y)
        "process",
        "processing",
        "processes",
        "sky",
        "skies",
        "sky's",
        "plain",
    }
