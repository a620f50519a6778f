"""Dictionary knowledge for TM001: katakana/Latin pairs, and the case of Latin names.

Pairs (トレイニアム and Trainium are one term) come from the shipped
``resources/terms/katakana-latin.yml`` and from the project's own prh dictionaries: every
rule whose ``expected`` is written in Latin letters and whose patterns are plain katakana
words makes those katakana spellings variants of it.

Latin names (``latin_names``): the spellings whose letter case a dictionary vouches for, from
``resources/terms/latin-names.txt``, the Latin names of ``katakana-latin.yml`` and every
one-word Latin ``expected`` of the project's prh dictionaries. TM001 changes a word's case only
to one of these; a majority alone never decides letter case.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..resources import resource_path

_KATAKANA_WORD = re.compile(r"^[ァ-ヶー・]+$")
_LATIN_WORD = re.compile(r"^[A-Za-z][A-Za-z0-9]*$")


def kana_key(word: str) -> str:
    """The group key TM001 gives a katakana word (width folded, 「ー」 ignored)."""
    return "kana:" + unicodedata.normalize("NFKC", word).replace("ー", "")


def latin_key(word: str) -> str:
    return "latin:" + unicodedata.normalize("NFKC", word).casefold()


_derived: dict[int, tuple[object, dict[str, str]]] = {}
_derived_names: dict[int, tuple[object, dict[str, str]]] = {}


def _dictionary_paths(config=None) -> tuple[str, ...]:
    paths = [str(resource_path("terms", "katakana-latin.yml"))]
    if config is not None and getattr(config, "dictionaries", None):
        from .prh import PrhError, resolve_dictionary

        for name in config.dictionaries:
            try:
                paths.append(str(resolve_dictionary(name, config.resolve)))
            except (PrhError, OSError):
                continue
    return tuple(paths)


@lru_cache(maxsize=1)
def _shipped_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for line in resource_path("terms", "latin-names.txt").read_text(encoding="utf-8").splitlines():
        word = line.split("#", 1)[0].strip()
        if word:
            names.setdefault(latin_key(word), word)
    return names


def latin_names(config=None) -> dict[str, str]:
    """Latin group key → the spelling a dictionary gives it (``latin:github`` → ``GitHub``)."""
    from .prh import PrhError, load_dictionaries

    try:
        dictionary = load_dictionaries(_dictionary_paths(config))
    except (PrhError, OSError):
        return _shipped_names()  # TM002 reports a broken dictionary
    hit = _derived_names.get(id(dictionary))
    if hit is not None and hit[0] is dictionary:
        return hit[1]
    names = dict(_shipped_names())
    for rule in dictionary.rules:  # the shipped pairs first, then the project's: the last word wins
        if _LATIN_WORD.match(rule.expected):
            names[latin_key(rule.expected)] = rule.expected
    _derived_names[id(dictionary)] = (dictionary, names)
    return names


def _pairs_from(paths: tuple[str, ...]) -> dict[str, str]:
    from .prh import PrhError, load_dictionaries

    try:
        # load_dictionaries caches by path and reloads a file that changed on disk.
        dictionary = load_dictionaries(paths)
    except (PrhError, OSError):
        return {}  # TM002 reports a broken dictionary; TM001 goes on without its pairs
    hit = _derived.get(id(dictionary))
    if hit is not None and hit[0] is dictionary:
        return hit[1]
    pairs: dict[str, str] = {}
    for rule in dictionary.rules:
        if not _LATIN_WORD.match(rule.expected):
            continue
        source = rule.js_pattern
        if source.startswith("(?:") and source.endswith(")"):  # prh's grouping of ``patterns``
            source = source[3:-1]
        for alternative in source.split("|"):
            if _KATAKANA_WORD.match(alternative):
                pairs[kana_key(alternative)] = latin_key(rule.expected)
    _derived[id(dictionary)] = (dictionary, pairs)
    return pairs


def katakana_pairs(config=None) -> dict[str, str]:
    """Katakana group key → Latin group key, from the shipped list and ``config.dictionaries``."""
    return _pairs_from(_dictionary_paths(config))
