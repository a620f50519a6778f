"""Morphological analysis with MeCab (fugashi) and the IPADIC dictionary.

IPADIC gives the same part-of-speech tags as kuromoji, which textlint's Japanese rules
use, so ported rules can match tokens the same way. One tagger per process; the tokens of
a text are cached, since several rules read the same sentences.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache, partial
from itertools import accumulate, groupby
from operator import add, itemgetter, sub
from typing import NamedTuple, overload

from .sized_cache import SizedCache


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
        if len(self) > 50_000:  # a bound for very long runs; the common words come back soon
            self.clear()
        value = self[line] = (surface, *features)
        return value


_lines = _LineTable()
_surface = itemgetter(0)
_new_token = partial(tuple.__new__, Token)


def _tokenize_lines(text: str, offset: int = 0) -> tuple[Token, ...] | None:
    """Tokens from the BEL-separated output, their offsets moved by ``offset``; None when the
    output cannot be read unambiguously."""
    columns = _line_columns(text, offset)
    if columns is None:
        return None
    rows, lengths, ends = columns
    return tuple(map(_new_token, map(add, rows, zip(map(sub, ends, lengths), ends, strict=False))))


def _piece_columns(text: str, offset: int) -> tuple[list[tuple[str, ...]], Iterable[int]] | None:
    """(rows, starts) of the tokens of ``text``, as ``_tokenize_lines`` reads them."""
    columns = _line_columns(text, offset)
    if columns is None:
        return None
    rows, lengths, ends = columns
    return rows, map(sub, ends, lengths)


def _line_columns(text: str, offset: int) -> tuple[list[tuple[str, ...]], list[int], list[int]] | None:
    """(rows, surface lengths, ends) of the morphemes of the BEL-separated output."""
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
    if offset:
        ends = list(map(offset.__add__, ends))
    return rows, lengths, ends


def _tokenize_rows(text: str, offset: int = 0) -> tuple[Token, ...]:
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
        out.append(new(Token, (surface, *f, found + offset, end + offset)))
        pos = end
    return tuple(out)


def _tokenize_piece(text: str, offset: int = 0) -> tuple[Token, ...]:
    tokens = _tokenize_lines(text, offset)
    return tokens if tokens is not None else _tokenize_rows(text, offset)


def _tokenize(text: str) -> Sequence[Token]:
    """Tokens of ``text`` with offsets into it (white space between tokens is skipped).

    A tuple; for a text longer than PIECE_LIMIT, a ``TokenRun``. A text MeCab cannot take
    whole (see ``pieces``) is analysed piece by piece.
    """
    if len(text) > PIECE_LIMIT:
        return _long_token_run(text)
    cuts = pieces(text)
    if cuts is None:
        return _tokenize_piece(text)
    out: list[Token] = []
    for start, end in cuts:
        out.extend(_tokenize_piece(text[start:end], start))
    return tuple(out)


class TokenRun(Sequence[Token]):
    """The tokens of a long text, kept as two columns and made into ``Token``s when read.

    A Token tuple with its offsets takes about 200 bytes; a long line of words has a token
    for every few characters, so a megabyte of text took over 100 MB. Here a token is a
    reference to its surface and features (one tuple per distinct morpheme, shared) and its
    start: 16 bytes. Reading a token builds it in C, so rules read a run as they read a tuple.
    """

    __slots__ = ("rows", "starts")

    def __init__(self, rows: Sequence[tuple[str, ...]], starts: array):
        self.rows = rows  # (surface, nine features) of each token
        self.starts = starts

    def __len__(self) -> int:
        return len(self.rows)

    @overload
    def __getitem__(self, index: int) -> Token: ...
    @overload
    def __getitem__(self, index: slice) -> TokenRun: ...
    def __getitem__(self, index):
        if isinstance(index, slice):
            return TokenRun(self.rows[index], self.starts[index])
        row = self.rows[index]
        start = self.starts[index]
        return _new_token((*row, start, start + len(row[0])))

    def __iter__(self) -> Iterator[Token]:
        starts = self.starts
        ends = map(add, starts, map(len, map(_surface, self.rows)))
        return map(_new_token, map(add, self.rows, zip(starts, ends, strict=False)))

    def __repr__(self) -> str:
        return f"<TokenRun of {len(self)} tokens>"


class _Packed(TokenRun):
    """The tokens of a text of at most PIECE_LIMIT characters, packed in the cache: read back
    as the tuple ``tokenize`` returned."""

    __slots__ = ()


_shared_rows: dict[tuple[str, ...], tuple[str, ...]] = {}
_row_of = itemgetter(slice(0, 10))
_start_of = itemgetter(10)


def _pack(tokens: Sequence[Token]) -> TokenRun:
    if isinstance(tokens, TokenRun):
        return tokens
    if len(_shared_rows) > 50_000:  # a bound, as for _lines: the common morphemes come back soon
        _shared_rows.clear()
    rows = tuple(map(_row_of, tokens))
    # A tuple, not a list: one of shared rows of strings, the collector stops tracking it.
    return _Packed(tuple(map(_shared_rows.setdefault, rows, rows)), array("q", map(_start_of, tokens)))


def _unpack(packed: object) -> Sequence[Token]:
    return tuple(packed) if type(packed) is _Packed else packed  # type: ignore[return-value]


# Several rules read the same sentences, and the editor relints each revision, so the tokens of
# the texts read last are kept: up to 400,000 characters of texts as the tuples returned (about
# 100 bytes a character: the example article's texts take a tenth of it, those of an article of
# 100,000 characters of distinct prose 285,000, so the editor's relints of it never unpack),
# then up to a million more packed as columns (about 12 bytes a character with the text; read
# back at a third of MeCab's cost). An entry also counts as 40 characters of its own (about 400
# bytes of bookkeeping). A text of fewer than 32 characters is not packed: packing its few
# tokens saves nothing, and MeCab reads it again in some microseconds (a long table's cells
# filled the packed part and added 16 MB).
def token_cache(compute: Callable[[str], Sequence[Token]], *, packed: bool = True) -> SizedCache[str, Sequence[Token]]:
    """``compute`` (tokens of a text), cached as ``tokenize`` is; without ``packed``, only the
    recent part (for a view of ``tokenize``'s tokens, cheap to make again from them)."""
    return SizedCache(
        compute,
        hot_limit=400_000,
        packed_limit=1_000_000 if packed else 0,
        packed_min=_entry_size("x" * 32),
        pack=_pack,
        unpack=_unpack,
        size=_entry_size,
    )


def _entry_size(text: str) -> int:
    return len(text) + 40


tokenize = token_cache(_tokenize)


# A long text is larger than what the cache keeps: its last two are kept here, as the rules
# read it one after another (a one-line file of megabytes would be tokenized by each).
@lru_cache(maxsize=2)
def _long_token_run(text: str) -> TokenRun:
    return _token_run(text)


def _token_run(text: str) -> TokenRun:
    rows: list[tuple[str, ...]] = []
    starts = array("q")
    for start, end in pieces(text) or [(0, len(text))]:
        piece = text[start:end]
        columns = _piece_columns(piece, start)
        if columns is None:  # the slower way: tokens, then their columns
            tokens = _tokenize_rows(piece, start)
            columns = [tuple(t[:10]) for t in tokens], [t.start for t in tokens]
        rows += columns[0]
        starts.extend(columns[1])
    return TokenRun(rows, starts)


# --- bounded pieces ------------------------------------------------------------------------
#
# MeCab crashes (SIGSEGV) on texts of some hundred thousand characters of ASCII, and it is
# quadratic on a long run of characters it groups into one unknown word: at every position of
# the run it scans on to the run's end. So a text reaches it in pieces: no longer than
# PIECE_LIMIT characters, and with no run longer than RUN_LIMIT. The tokens of a piece depend
# on where it is cut, so a text is cut only when it must be: the longest text of real prose
# the rules tokenize (a paragraph) is a fraction of PIECE_LIMIT, and such prose has no run
# near RUN_LIMIT characters long. A run of RUN_LIMIT katakana takes MeCab 2.5 ms, against 0.5
# for 256; a text no longer than RUN_LIMIT goes whole without a look at its runs, so a run of
# articles of short paragraphs never builds the character table (8 ms in each process).
PIECE_LIMIT = 32_000
RUN_LIMIT = 1024
# Where a long piece is cut, best first: after a line, a sentence, a space.
_BREAKS = ("\n", "。", "．", ". ", "！", "？", "\u3000", " ", "\t")


def pieces(text: str) -> list[tuple[int, int]] | None:
    """The (start, end) spans ``text`` goes to MeCab in, or None to send it whole."""
    n = len(text)
    cuts = _run_cuts(text) if n > RUN_LIMIT else []
    if not cuts and n <= PIECE_LIMIT:
        return None
    spans = []
    for start, end in zip([0, *cuts], [*cuts, n], strict=True):
        while end - start > PIECE_LIMIT:
            cut = _cut_before(text, start, start + PIECE_LIMIT)
            spans.append((start, cut))
            start = cut
        spans.append((start, end))
    return spans


def _cut_before(text: str, start: int, limit: int) -> int:
    """Where to end a piece that starts at ``start`` and must end by ``limit``."""
    floor = start + (limit - start) // 2  # never a piece shorter than half the limit
    for mark in _BREAKS:
        found = text.rfind(mark, floor, limit - len(mark) + 1)
        if found != -1:
            return found + len(mark)
    return limit


def _run_cuts(text: str) -> list[int]:
    """Cuts that leave no run of MeCab's grouping longer than RUN_LIMIT in a piece."""
    table, runs = _char_runs()
    cuts: list[int] = []
    mixed_end = -1
    for m in runs.finditer(text):
        if m.lastgroup == "one":  # characters of one category: the match is a run
            if m.end() < len(text):
                cuts.append(m.end())
        elif m.start() >= mixed_end:  # categories that overlap: follow the run character by character
            end = m.end()
            while end < len(text) and _category(table, text[end]) and not _category(table, text[end]) & _SPACE_BIT:
                end += 1  # the stretch of these characters (a run cannot go past it)
            cuts.extend(_cuts_in(table, text, m.start(), end))
            mixed_end = end
    return sorted(set(cuts))


def _cuts_in(table, text: str, start: int, end: int) -> list[int]:
    """Cuts in ``text[start:end]`` after every RUN_LIMIT characters of a run, counted from
    the run's first character that MeCab groups (a run of kanji alone is never scanned)."""
    cuts = []
    length, before = 0, 0
    for i in range(start, end):
        code = ord(text[i])
        info = table[code] if code < len(table) else _DEFAULT_INFO
        category = info & 0x3FFFF
        if not category & before:
            length = 0
        if length or info & _GROUP_BIT:
            length += 1
        if length > RUN_LIMIT:
            cuts.append(i)
            length = 1
        before = category
    return cuts


# Bits of a character's entry in char.bin: its categories (18 bits), the index of its default
# category (8), and that category's settings: length (4), group (1), invoke (1).
_SPACE_BIT = 2
_DEFAULT_BIT = 1
_GROUP_BIT = 1 << 30
_DEFAULT_INFO = _DEFAULT_BIT | _GROUP_BIT


def _category(table, char: str) -> int:
    code = ord(char)
    return table[code] & 0x3FFFF if code < len(table) else _DEFAULT_BIT


@lru_cache(maxsize=1)
def _char_runs() -> tuple[Sequence[int], re.Pattern[str]]:
    """MeCab's character table, and a regex for RUN_LIMIT characters it may scan as one run.

    MeCab's dictionary gives each character a set of categories (``char.bin``); its grouping
    of an unknown word runs on while the next character shares a category with the one before.
    Characters past U+FFFF are DEFAULT to MeCab; spaces are skipped, never grouped. The regex
    has a group ``one`` for characters of one category (the match is a run) and ``mixed`` for
    categories that share some with others (kanji, kanji numerals, symbols): a match there
    may be several runs, which ``_cuts_in`` tells apart.
    """
    import os
    import struct

    import ipadic

    with open(os.path.join(ipadic.DICDIR, "char.bin"), "rb") as fh:
        data = fh.read()
    (count,) = struct.unpack_from("<I", data, 0)
    names = [data[4 + 32 * i : 36 + 32 * i].split(b"\0")[0].decode() for i in range(count)]
    table = array("I")
    table.frombytes(data[4 + 32 * count :])
    if names[:2] != ["DEFAULT", "SPACE"] or len(table) > 0x10000:
        raise MorphologyUnavailable("the dictionary's character table (char.bin) is not in the expected format")
    ranges: dict[int, list[str]] = {}  # category set -> its characters, as ranges for a class
    grouped = {_DEFAULT_BIT}  # the category sets of characters MeCab groups
    first = 0
    # Runs of equal entries, found by groupby in C: a Python loop over the 65,536 entries took
    # ~7 ms of each process of a one-article run.
    for info, run in groupby(table):
        code = first + len(list(run))
        ranges.setdefault(info & 0x3FFFF, []).append(f"\\U{first:08x}-\\U{code - 1:08x}")
        if info & _GROUP_BIT:
            grouped.add(info & 0x3FFFF)
        first = code
    ranges.setdefault(_DEFAULT_BIT, []).append(f"\\U{len(table):08x}-\\U0010ffff")
    kinds = [kind for kind in ranges if kind and not kind & _SPACE_BIT]
    alone = [kind for kind in kinds if not any(other != kind and other & kind for other in kinds)]
    shared = [kind for kind in kinds if kind not in alone]
    alone = [kind for kind in alone if kind in grouped]
    one = "|".join(f"[{''.join(ranges[kind])}]{{{RUN_LIMIT}}}" for kind in alone)
    mixed = "".join("".join(ranges[kind]) for kind in shared)
    return table, re.compile(f"(?P<one>{one})" + (f"|(?P<mixed>[{mixed}]{{{RUN_LIMIT}}})" if mixed else ""))
