"""Morphological analysis with MeCab (fugashi) and the IPADIC dictionary.

IPADIC gives the same part-of-speech tags as kuromoji, which textlint's Japanese rules
use, so ported rules can match tokens the same way. One tagger per process; the tokens of
a text are cached, since several rules read the same sentences.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache, partial
from itertools import accumulate
from operator import add, itemgetter, sub
from typing import NamedTuple


class Token(NamedTuple):
    """One morpheme, with kuromoji's field names. ``start``/``end`` index the analysed text.

    A named tuple: tokenize makes one per morpheme (millions over a site), and building a
    tuple in C costs half of what a slotted class does, with fields read as fast.
    """

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


_NO_FEATURES = ("*",) * 9  # kuromoji's value for a field the dictionary leaves out
# MeCab's character type of symbols (char.def's SYMBOL). kuromoji's dictionary tags an unknown
# run of them 名詞/サ変接続 (「---」「♪」「～」), this MeCab build 記号/一般; the rules follow kuromoji.
_SYMBOL_TYPE = "3"


def _unknown(features: Sequence[str], char_type: str | None) -> tuple[str, ...]:
    """An unknown word's (seven) features as kuromoji has them, nine long."""
    out = (*features[:9], *_NO_FEATURES[len(features) :])
    if char_type == _SYMBOL_TYPE and out[0] == "記号" and out[1] == "一般":
        out = ("名詞", "サ変接続", *out[2:])
    return out


def _node_rows(text: str) -> list[tuple[str, Sequence[str]]]:
    """(surface, features) of each morpheme, read from MeCab's node objects."""
    return [
        (word.surface, _unknown(word.feature, str(word.char_type)) if word.stat == 1 else tuple(word.feature))
        for word in tagger()(text)
    ]


def _rows(text: str) -> list[tuple[str, Sequence[str]]]:
    """(surface, features) of each morpheme, from MeCab's text output.

    One string from C is several times faster than a Python object per node. The output is
    "surface\tf1,f2,...\n" per morpheme and "EOS" at the end; anything that cannot be read
    unambiguously (a NUL, a quoted CSV field, a line without a tab) goes the node way.
    """
    if "\x00" in text:
        return _node_rows(text)
    lines = tagger().parse(text).split("\n")
    if lines.pop() != "EOS":
        return _node_rows(text)
    rows = []
    for line in lines:
        surface, tab, feature = line.partition("\t")
        if not tab or '"' in feature:
            return _node_rows(text)
        features = feature.split(",")
        if len(features) == 7 and features[0] == "記号":  # unknown: its character type decides
            return _node_rows(text)
        rows.append((surface, features))
    return rows


# The fast way: a second tagger prints, for each morpheme, the white space before it, then
# its surface and features joined by US, each followed by BEL (characters MeCab's argument
# parser does not take for spaces; a text containing them goes the slower way). One split
# gives two strings per morpheme; the surface-and-features string is looked up in a table
# of the tuples seen before, and the tokens are assembled with C-level map/zip. Building
# nine feature strings and a tuple per morpheme in a Python loop cost three times as much.
_SEP = "\x07"
_JOIN = "\x1f"
_EOS = "E"
_LINE_FORMAT = f"%pS{_SEP}%m{_JOIN}%H{_SEP}"
_UNKNOWN_FORMAT = f"%pS{_SEP}%m{_JOIN}%H,%t{_SEP}"  # and the character type (see _unknown)


@lru_cache(maxsize=1)
def _line_tagger():
    import fugashi
    import ipadic

    tagger()  # the same checks and error as the main tagger
    return fugashi.GenericTagger(f"{ipadic.MECAB_ARGS} -F{_LINE_FORMAT} -U{_UNKNOWN_FORMAT} -E{_EOS}")


def load() -> None:
    """Load MeCab and its dictionary now (both taggers): before forking processes that
    will tokenize, so that it is done once."""
    _line_tagger()


class _LineTable(dict):
    """A morpheme's surface and features as printed → (surface, nine features), parsed on
    first sight and then shared."""

    def __missing__(self, line: str) -> tuple[str, ...]:
        surface, _, feature = line.partition(_JOIN)
        features: Sequence[str]
        if '"' in feature:  # a quoted CSV field (a feature holding a comma or a quote)
            import csv

            features = next(csv.reader([feature]))
        else:
            features = feature.split(",")
        if len(features) != 9:  # unknown words have seven, and their character type
            features = _unknown(features[:-1], features[-1]) if len(features) == 8 else _unknown(features, None)
        if len(self) > 200_000:  # a bound for very long runs; the common words come back soon
            self.clear()
        value = self[line] = (surface, *features)
        return value


_lines = _LineTable()
_surface = itemgetter(0)
_new_token = partial(tuple.__new__, Token)


def _tokenize_lines(text: str) -> tuple[Token, ...] | None:
    """Tokens from the BEL-separated output; None when it cannot be read unambiguously."""
    if _SEP in text or _JOIN in text or "\x00" in text:
        return None
    out = _line_tagger().parse(text)
    if not out.endswith(_EOS):
        return None
    parts = out[: -len(_EOS)].split(_SEP)
    parts.pop()  # after the last separator
    if len(parts) % 2:
        return None
    rows = list(map(_lines.__getitem__, parts[1::2]))
    lengths = list(map(len, map(_surface, rows)))
    # Each morpheme ends where the previous one ended, plus its spaces and its surface.
    ends = list(accumulate(map(add, map(len, parts[0::2]), lengths)))
    if ends and ends[-1] > len(text):
        return None
    return tuple(map(_new_token, map(add, rows, zip(map(sub, ends, lengths), ends, strict=False))))


def _tokenize_rows(text: str) -> tuple[Token, ...]:
    out = []
    pos = 0
    find = text.find
    new = tuple.__new__
    for surface, f in _rows(text):
        found = find(surface, pos)
        if found == -1:
            found = pos
        if len(f) != 9:
            f = (*f[:9], *_NO_FEATURES[len(f) :])
        end = found + len(surface)
        out.append(new(Token, (surface, *f, found, end)))
        pos = end
    return tuple(out)


@lru_cache(maxsize=4096)
def tokenize(text: str) -> tuple[Token, ...]:
    """Tokens of ``text`` with offsets into it (white space between tokens is skipped)."""
    tokens = _tokenize_lines(text)
    return tokens if tokens is not None else _tokenize_rows(text)
