"""Token-pattern matching in the manner of azu's morpheme-match(-all), used by textlint-ja rules.

A pattern is a list of expected tokens; each expected token is a dict of kuromoji field names
to a value or a list of accepted values. Keys that start with ``_`` are not compared:
``_skippable`` lets the token be absent, ``_capture`` names a ``$n`` placeholder for messages.

The matcher keeps morpheme-match's behaviour exactly, quirks included, so findings land where
textlint's do: every pattern walks the token stream once, and a token that breaks a partial
match is not tried again as the start of a new one.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import chain, compress, count
from operator import itemgetter, ne
from typing import Any

from ...reading.morph import Token, TokenRun, token_cache, tokenize

Pattern = Sequence[dict[str, Any]]


@dataclass(frozen=True, slots=True)
class Match:
    """One match of ``entry`` (a dictionary entry holding ``tokens``)."""

    entry: dict[str, Any]
    tokens: tuple[Token, ...]
    skipped: tuple[bool, ...]

    @property
    def start(self) -> int:
        return self.tokens[0].start

    @property
    def end(self) -> int:
        return self.tokens[-1].end

    @property
    def surface(self) -> str:
        return "".join(t.surface_form for t in self.tokens)


def token_matches(token: Token, expected: dict[str, Any]) -> bool:
    return _compiled_token(expected)(token)


_ACCEPTS_MANY = (list, tuple, frozenset, set)


def _compiled_token(expected: dict[str, Any]) -> Callable[[Token], bool]:
    """A test of one token against ``expected``, built once per expected token.

    Fields are read by index (Token is a tuple), and a field with several accepted values
    is looked up in a frozenset; keys starting with ``_`` are not compared.
    """
    checks: list[tuple[int | None, Any, bool]] = []
    for key, want in expected.items():
        if key.startswith("_"):
            continue
        index = Token._fields.index(key) if key in Token._fields else None
        if index is None:
            checks.append((None, None, False))  # kuromoji field MeCab lacks: never equal
        elif isinstance(want, _ACCEPTS_MANY):
            checks.append((index, frozenset(want), True))
        else:
            checks.append((index, want, False))
    prepared = tuple(checks)

    def test(token: Token) -> bool:
        for index, want, many in prepared:
            if index is None:
                return False
            if many:
                if token[index] not in want:
                    return False
            elif token[index] != want:
                return False
        return True

    return test


class _Matcher:
    """The state of one pattern over the token stream (morpheme-match's createTokenMatcher)."""

    __slots__ = ("entry", "tests", "skippable", "position", "tokens", "skipped")

    def __init__(self, compiled: _Entry):
        self.entry = compiled.entry
        self.tests = compiled.tests
        self.skippable = compiled.skippable
        self.position = 0
        self.tokens: list[Token] = []
        self.skipped: list[bool] = []

    def _reset(self) -> None:
        self.position = 0
        self.tokens = []
        self.skipped = []

    def feed(self, token: Token) -> Match | None:
        tests = self.tests
        while self.position < len(tests):
            if tests[self.position](token):
                self.tokens.append(token)
                self.skipped.append(False)
                self.position += 1
                break
            if self.skippable[self.position]:
                self.skipped.append(True)
                self.position += 1
                continue
            self._reset()
            break
        if self.position == len(tests):
            match = Match(self.entry, tuple(self.tokens), tuple(self.skipped))
            self._reset()
            return match if match.tokens else None
        return None


# Fields whose expected values are literal words: a cheap test of whether a pattern can match.
_LITERAL_KEYS = ("surface_form", "basic_form", "reading")
_LITERAL_GETTERS = {key: itemgetter(Token._fields.index(key)) for key in _LITERAL_KEYS}


# The fields a match's first token is looked up by, the likeliest to rule tokens out first.
_START_KEYS = (
    "surface_form",
    "basic_form",
    "reading",
    "pos_detail_1",
    "conjugated_type",
    "conjugated_form",
    "pos_detail_2",
    "pos_detail_3",
    "pronunciation",
    "pos",
)


def _start_field(expected: dict[str, Any]) -> tuple[Callable[[Token], Any], frozenset] | None:
    for key in _START_KEYS:
        if key in expected:
            want = expected[key]
            return itemgetter(Token._fields.index(key)), frozenset(want if isinstance(want, _ACCEPTS_MANY) else (want,))
    return None


class _Entry:
    """A dictionary entry prepared for matching: token tests and the words it needs."""

    __slots__ = ("entry", "tests", "skippable", "required", "surfaces", "start_field")

    def __init__(self, entry: dict[str, Any]):
        self.entry = entry
        pattern = entry["tokens"]
        self.tests = tuple(_compiled_token(e) for e in pattern)
        self.skippable = tuple(bool(e.get("_skippable")) for e in pattern)
        required = []
        for expected in pattern:
            if expected.get("_skippable"):
                continue
            for key in _LITERAL_KEYS:
                if key in expected:
                    want = expected[key]
                    required.append((key, frozenset(want if isinstance(want, _ACCEPTS_MANY) else (want,))))
        self.required = tuple(required)
        # The surfaces some required token must have: each is a substring of any text it matches.
        # Longest first: a long word is the likelier to be missing, which ends the test soonest.
        self.surfaces = tuple(
            sorted(
                (tuple(values) for key, values in required if key == "surface_form"),
                key=lambda values: -min(map(len, values), default=0),
            )
        )
        # (field getter, accepted values) that any token starting a match has, or None when
        # the first token is skippable or compares no field MeCab has.
        self.start_field = _start_field(pattern[0]) if pattern and not self.skippable[0] else None

    def may_match_text(self, text: str) -> bool:
        for values in self.surfaces:  # plain loops: this runs for every paragraph and Str node
            for value in values:
                if value in text:
                    break
            else:
                return False
        return True


# Prepared entries by the identity of the entry dicts: a rule may pass a new list of the
# same entries each time (after dropping disabled ones). The entries are kept, so their ids
# are not reused.
_prepared: dict[tuple[int, ...], tuple[tuple[dict[str, Any], ...], tuple[_Entry, ...]]] = {}


def _prepare(entries: Sequence[dict[str, Any]]) -> tuple[_Entry, ...]:
    key = tuple(map(id, entries))
    hit = _prepared.get(key)
    if hit is None:
        if len(_prepared) > 64:
            _prepared.clear()
        hit = _prepared[key] = (tuple(entries), tuple(_Entry(e) for e in entries))
    return hit[1]


class _Present(dict):
    """The values of the literal fields in a token sequence, collected on first use."""

    def __init__(self, tokens: Sequence[Token]):
        super().__init__()
        self.tokens = tokens

    def __missing__(self, key: str) -> set[str]:
        values = self[key] = set(map(_LITERAL_GETTERS[key], self.tokens))
        return values


# The last token sequences' present words: several rules match their dictionaries against
# the same (cached) tokens of a Str node, one after another.
_present_cache: dict[int, _Present] = {}


def _present_for(tokens: Sequence[Token]) -> _Present:
    present = _present_cache.get(id(tokens))
    if present is None or present.tokens is not tokens:
        if len(_present_cache) > 256:
            _present_cache.clear()
        present = _present_cache[id(tokens)] = _Present(tokens)
    return present


def _can_match(entry: _Entry, present: _Present) -> bool:
    """False when some required token of ``entry`` names a word absent from the text.

    Each entry's matcher runs on its own, so an entry that cannot complete can be skipped
    without changing any other match.
    """
    for key, values in entry.required:
        if present[key].isdisjoint(values):
            return False
    return True


def match_text(text: str, entries: Sequence[dict[str, Any]]) -> list[Match]:
    """``match_all`` over the kuromoji tokens of ``text``; a text that lacks a word every entry
    needs is not tokenized at all (the same result, for much less work)."""
    for entry in _prepare(entries):
        if entry.may_match_text(text):
            return match_all(kuromoji_tokens(text), entries)
    return []


def match_all(tokens: Iterable[Token], entries: Sequence[dict[str, Any]]) -> list[Match]:
    """Every match of every entry, in the order morpheme-match-all reports them."""
    if not isinstance(tokens, Sequence):
        tokens = tuple(tokens)
    present = _present_for(tokens)
    matchers = [(e, _Matcher(e)) for e in _prepare(entries) if _can_match(e, present)]
    if not matchers:
        return []
    # Each matcher runs on its own; matches are reported in the order of the token that
    # completes them, then of the entries, as when all matchers are fed token by token.
    found: list[tuple[int, int, Match]] = []
    for order, (compiled, m) in enumerate(matchers):
        _run_matcher(m, compiled.start_field, tokens, order, found)
    found.sort(key=_COMPLETION_ORDER)
    return [match for _, _, match in found]


_COMPLETION_ORDER = itemgetter(0, 1)


def _run_matcher(
    m: _Matcher, start_field, tokens: Sequence[Token], order: int, found: list[tuple[int, int, Match]]
) -> None:
    n = len(tokens)
    if start_field is None:
        for i, token in enumerate(tokens):
            match = m.feed(token)
            if match is not None:
                found.append((i, order, match))
        return
    # An idle matcher ignores every token but one that can start a match: jump to those
    # (found in C), and feed from there until the attempt completes or breaks. The token
    # that breaks it is not tried again as a start, as morpheme-match does.
    getter, values = start_field
    resume = 0
    for start in compress(count(), map(values.__contains__, map(getter, tokens))):
        if start < resume:
            continue
        j = start
        while j < n:
            match = m.feed(tokens[j])
            j += 1
            if match is not None:
                found.append((j - 1, order, match))
                break
            if m.position == 0:
                break
        resume = j


STOP = object()


def expand(template: str, match: Match, convert: Callable[[dict[str, Any], Token], Any] | None = None) -> str | None:
    """Fill ``$n`` captures of ``template`` from the matched tokens.

    A skipped optional token fills its capture with the empty string. ``convert`` may map a
    captured token to other text, or return ``STOP`` to give up (the result is then ``None``).
    """
    result = template
    actual = 0
    for expected, skipped in zip(match.entry["tokens"], match.skipped, strict=False):
        name = expected.get("_capture")
        if skipped:
            if name:
                result = result.replace(name, "")
            continue
        if name:
            token = match.tokens[actual]
            text = convert(expected, token) if convert else token.surface_form
            if text is STOP:
                return None
            result = result.replace(name, text)
        actual += 1
    return result


def kuromoji_tokens(text: str) -> Sequence[Token]:
    """MeCab's tokens of ``text`` plus the white space kuromoji keeps as tokens of its own.

    MeCab drops spaces and line breaks; kuromoji reports them (記号/空白), so two words
    separated by a space are not adjacent in textlint. The gaps are added back here.
    """
    try:
        return _kuromoji_tokens(text)
    except Exception:  # a text MeCab cannot take is a text with no findings
        return ()


def _tokens_with_spaces(text: str) -> Sequence[Token]:
    tokens = tokenize(text)
    if not tokens:
        return (_space(text, 0),) if text else ()
    if isinstance(tokens, TokenRun):  # not kept: one pass over the kept run, for each rule
        return _run_with_spaces(tokens, text)
    return _with_spaces(tokens, text)


# Cached like ``tokenize`` (errors are not cached): several rules read the same Str nodes.
# Only the recent part: what drops out is made again from ``tokenize``'s own cache.
_kuromoji_tokens = token_cache(_tokens_with_spaces, packed=False)


def _with_spaces(tokens: Sequence[Token], text: str) -> Sequence[Token]:
    """``tokens`` with a white-space token in each gap between them, as a tuple."""
    # Tokens follow each other without overlapping (each starts at or after the previous
    # end), so ending at the end of the text with surfaces that add up to its length means
    # they start at 0 and leave no gap.
    if tokens[-1].end == len(text) and sum(map(len, map(_SURFACE, tokens))) == len(text):
        return tokens  # no white space between the tokens: nothing to add
    starts = list(map(_START, tokens))
    ends = list(map(_END, tokens))
    # Pieces of the token tuple between gaps, with a white-space token in each gap.
    pieces: list[Sequence[Token]] = []
    if starts[0] > 0:
        pieces.append((_space(text[: starts[0]], 0),))
    done = 0
    for i in compress(count(1), map(ne, starts[1:], ends)):  # tokens[i] starts after a gap
        pieces.append(tokens[done:i])
        pieces.append((_space(text[ends[i - 1] : starts[i]], ends[i - 1]),))
        done = i
    pieces.append(tokens[done:])
    if ends[-1] < len(text):
        pieces.append((_space(text[ends[-1] :], ends[-1]),))
    return tuple(chain.from_iterable(pieces))


_SURFACE = itemgetter(Token._fields.index("surface_form"))
_START = itemgetter(Token._fields.index("start"))
_END = itemgetter(Token._fields.index("end"))


def _space(surface: str, start: int) -> Token:
    return Token(surface, "記号", "空白", "*", "*", "*", "*", surface, "*", "*", start, start + len(surface))


def _space_row(surface: str) -> tuple[str, ...]:
    """``_space``'s surface and features, as a ``TokenRun`` keeps them."""
    return (surface, "記号", "空白", "*", "*", "*", "*", surface, "*", "*")


def _run_with_spaces(run: TokenRun, text: str) -> TokenRun:
    """The tokens of a long text with its white space, kept as columns like ``run``: a
    white-space token of a long line of words is one reference to a shared row and a start."""
    surfaces = list(map(_SURFACE, run.rows))
    if run.starts[-1] + len(surfaces[-1]) == len(text) and sum(map(len, surfaces)) == len(text):
        return run  # no white space between the tokens (see ``_with_spaces``)
    del surfaces
    rows: list[tuple[str, ...]] = []
    starts = array("q")
    add_row, add_start = rows.append, starts.append
    shared: dict[str, tuple[str, ...]] = {}
    position = 0
    for row, start in zip(run.rows, run.starts, strict=True):
        if start > position:
            gap = text[position:start]
            space = shared.get(gap)
            if space is None:
                space = _space_row(gap)
                if len(shared) < 1024:
                    shared[gap] = space
            add_row(space)
            add_start(position)
        add_row(row)
        add_start(start)
        position = start + len(row[0])
    if position < len(text):
        add_row(_space_row(text[position:]))
        add_start(position)
    return TokenRun(rows, starts)
