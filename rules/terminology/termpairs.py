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


_derived: dict[int, tuple[object, dict[str, str], dict[str, str]]] = {}
SHIPPED = ("terms", "katakana-latin.yml")


def _user_dictionary_paths(config=None) -> tuple[str, ...]:
    """The project's own prh dictionaries (those that can be found: TM002 reports the rest)."""
    paths: list[str] = []
    if config is not None and getattr(config, "dictionaries", None):
        from .prh import PrhError, resolve_dictionary

        for name in config.dictionaries:
            try:
                paths.append(str(resolve_dictionary(name, config.resolve)))
            except (PrhError, OSError):
                continue
    return tuple(paths)


def derive(rules) -> tuple[dict[str, str], dict[str, str]]:
    """The katakana/Latin pairs and the Latin names that prh ``rules`` give, in their order."""
    pairs: dict[str, str] = {}
    names: dict[str, str] = {}
    for rule in rules:
        if not _LATIN_WORD.match(rule.expected):
            continue
        names[latin_key(rule.expected)] = rule.expected
        source = rule.js_pattern
        if source.startswith("(?:") and source.endswith(")"):  # prh's grouping of ``patterns``
            source = source[3:-1]
        for alternative in source.split("|"):
            if _KATAKANA_WORD.match(alternative):
                pairs[kana_key(alternative)] = latin_key(rule.expected)
    return pairs, names


def _derived_from(config=None) -> tuple[dict[str, str], dict[str, str]]:
    """Pairs and Latin names: the shipped ones, then those of the project's dictionaries.

    The shipped dictionary's come from ``_shipped_terms`` (generated from it): reading the YAML
    took ~20 ms of a one-article run, most of it importing the YAML library."""
    paths = _user_dictionary_paths(config)
    if not paths:
        return _shipped()
    from .prh import PrhError, load_dictionaries

    try:
        # load_dictionaries caches by path and reloads a file that changed on disk.
        dictionary = load_dictionaries(paths)
    except (PrhError, OSError):
        return _shipped()  # TM002 reports a broken dictionary; TM001 goes on without its pairs
    hit = _derived.get(id(dictionary))
    if hit is not None and hit[0] is dictionary:
        return hit[1], hit[2]
    from ._shipped_terms import EXPECTED

    # As if merged after the shipped dictionary: a repeated ``expected`` keeps the first rule.
    pairs, names = derive(r for r in dictionary.rules if r.expected not in EXPECTED)
    shipped_pairs, shipped_names = _shipped()
    pairs, names = {**shipped_pairs, **pairs}, {**shipped_names, **names}
    _derived[id(dictionary)] = (dictionary, pairs, names)
    return pairs, names


@lru_cache(maxsize=1)
def _shipped() -> tuple[dict[str, str], dict[str, str]]:
    """The shipped pairs, and the shipped Latin names: ``latin-names.txt``, then those of
    ``katakana-latin.yml`` (the last word wins)."""
    from ._shipped_terms import NAMES, PAIRS

    names: dict[str, str] = {}
    for line in resource_path("terms", "latin-names.txt").read_text(encoding="utf-8").splitlines():
        word = line.split("#", 1)[0].strip()
        if word:
            names.setdefault(latin_key(word), word)
    return PAIRS, {**names, **NAMES}


def latin_names(config=None) -> dict[str, str]:
    """Latin group key → the spelling a dictionary gives it (``latin:github`` → ``GitHub``)."""
    return _derived_from(config)[1]


def katakana_pairs(config=None) -> dict[str, str]:
    """Katakana group key → Latin group key, from the shipped list and ``config.dictionaries``."""
    return _derived_from(config)[0]


TRADEMARKS = ("prh", "terms", "trademark.yml")


def render_shipped_terms() -> str:
    """``_shipped_terms.py``: what ``derive`` finds in the shipped ``katakana-latin.yml``, and the
    spellings the shipped trademark dictionary expects (the spelling rule's known words)."""
    from .prh import load_dictionaries

    dictionary = load_dictionaries([resource_path(*SHIPPED)])
    pairs, names = derive(dictionary.rules)
    expected = sorted({r.expected for r in dictionary.rules})
    trademarks = tuple(r.expected for r in load_dictionaries([resource_path(*TRADEMARKS)]).rules)
    return (
        '"""Generated by ``python -m article_studio.rules.cli.generate shipped-terms`` from\n'
        "resources/terms/katakana-latin.yml (its katakana/Latin pairs and Latin names, see termpairs)\n"
        "and resources/prh/terms/trademark.yml (the spellings it expects). Read at run time instead\n"
        'of the YAML: importing the YAML library took ~12 ms of a one-article run."""\n\n'
        f"PAIRS: dict[str, str] = {pairs!r}\n"
        f"NAMES: dict[str, str] = {names!r}\n"
        f"EXPECTED: frozenset[str] = frozenset({expected!r})\n"
        f"TRADEMARKS: tuple[str, ...] = {trademarks!r}\n"
    )
