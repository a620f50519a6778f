"""Morphological analysis with MeCab (fugashi) and the IPADIC dictionary.

IPADIC gives the same part-of-speech tags as kuromoji, which textlint's Japanese rules
use, so ported rules can match tokens the same way. One tagger per process; the tokens of
a text are cached, since several rules read the same sentences.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True, slots=True)
class Token:
    """One morpheme, with kuromoji's field names. ``start``/``end`` index the analysed text."""

    surface_form: str
    pos: str
    pos_detail_1: str
    pos_detail_2: str
    pos_detail_3: str
    conjugated_type: str
    conjugated_form: str
    basic_form: str
    reading: str
    pronunciation: str
    start: int
    end: int

    @property
    def word_position(self) -> int:
        """kuromoji's 1-based position of the token in the text."""
        return self.start + 1


class MorphologyUnavailable(RuntimeError):
    """fugashi or the ipadic dictionary is not installed."""


@lru_cache(maxsize=1)
def tagger():
    try:
        import fugashi
        import ipadic
    except ImportError as exc:  # pragma: no cover - both are dependencies
        raise MorphologyUnavailable(f"Japanese morphology needs fugashi and ipadic: {exc}") from None
    return fugashi.GenericTagger(ipadic.MECAB_ARGS)


def _field(features, i: int) -> str:
    return features[i] if i < len(features) else "*"


@lru_cache(maxsize=4096)
def tokenize(text: str) -> tuple[Token, ...]:
    """Tokens of ``text`` with offsets into it (white space between tokens is skipped)."""
    out = []
    pos = 0
    for word in tagger()(text):
        surface = word.surface
        found = text.find(surface, pos)
        if found == -1:
            found = pos
        f = word.feature
        end = found + len(surface)
        out.append(Token(surface, _field(f, 0), _field(f, 1), _field(f, 2), _field(f, 3), _field(f, 4),
                         _field(f, 5), _field(f, 6), _field(f, 7), _field(f, 8), found, end))
        pos = end
    return tuple(out)
