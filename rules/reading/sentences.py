"""Sentence splitting in the manner of textlint's sentence-splitter (``splitAST``).

textlint rules see a paragraph as ``Str`` nodes and other inline nodes (code, links,
emphasis ...). The splitter walks it once:

- a sentence ends after a run of ``.．。?!？！`` (``.`` only before white space or the end);
- a line break inside a paragraph does not end a sentence;
- inline nodes other than text (``atomic`` spans here) join the current sentence whole,
  so a full stop inside ``code`` or a link never splits;
- a full stop inside a bracket or quote pair (「」, （）, "" ...) does not split; an unclosed
  opener keeps the rest of the paragraph in one sentence, as in textlint;
- abbreviations such as ``Mr.``, ``e.g.``, ``U.S.A.`` and ``1.`` do not end a sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache

SEPARATORS = frozenset(".．。?!？！")
# Pair marks as sentence-splitter knows them: opener -> (key, closer).
PAIRS = {
    '"': '"',
    "[": "]",
    "(": ")",
    "{": "}",
    "「": "」",
    "（": "）",
    "『": "』",
    "｛": "｝",
    "［": "］",
    "〚": "〛",
    "【": "】",
    "《": "》",
}
_CLOSER_TO_OPENER = {v: k for k, v in PAIRS.items()}
_SPACE = frozenset(" \t\u3000\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\f\v")
_WS = _SPACE | frozenset("\n\r")

_EXCLAMATION_WORDS = frozenset(w.lower() for w in ("Yahoo!", "Joomla!", "Jeopardy!"))
_PREPOSITIVE = frozenset(
    w.lower()
    for w in (
        "Adj.",
        "Adm.",
        "Adv.",
        "Asst.",
        "Bart.",
        "Bldg.",
        "Brig.",
        "Bros.",
        "Capt.",
        "Cmdr.",
        "Col.",
        "Comdr.",
        "Con.",
        "Corp.",
        "Cpl.",
        "Dr.",
        "Drs.",
        "Ens.",
        "Gen.",
        "Gov.",
        "Hon.",
        "Hr.",
        "Hosp.",
        "Insp.",
        "Lt.",
        "Maj.",
        "Messrs.",
        "Mlle.",
        "Mme.",
        "Mr.",
        "Mrs.",
        "Ms.",
        "Msgr.",
        "Op.",
        "Ord.",
        "Pfc.",
        "Ph.",
        "Prof.",
        "Pvt.",
        "Rep.",
        "Reps.",
        "Res.",
        "Rev.",
        "Rt.",
        "Sen.",
        "Sens.",
        "Sfc.",
        "Sgt.",
        "Sr.",
        "St.",
        "Supt.",
        "Surg.",
        "vs.",
        "v.",
    )
)
_ABBREVIATIONS = frozenset(
    w.lower()
    for w in (
        "Apr.",
        "Aug.",
        "Dec.",
        "Feb.",
        "Jan.",
        "Jul.",
        "Jun.",
        "Mar.",
        "Nov.",
        "Oct.",
        "Sep.",
        "Sept.",
        "e.g.",
        "i.e.",
        "etc.",
        "cf.",
        "al.",
        "approx.",
        "dept.",
        "est.",
        "fig.",
        "inc.",
        "jr.",
        "ltd.",
        "no.",
        "vol.",
        "pp.",
        "a.m.",
        "p.m.",
        "U.S.",
        "U.K.",
        "Co.",
        "Inc.",
        "Ltd.",
        "ca.",
    )
)
_MULTI_DOT = re.compile(r"^(?:[a-zA-Z]\.){3,}$")
_LINE_INDEX = re.compile(r"^\d+\.$")


_WORD = re.compile(r"\S*")  # \S is exactly "not str.isspace()"


def _word_at(text: str, i: int) -> str:
    """The white-space delimited word starting at ``i`` ("" unless ``i`` starts a word)."""
    if i > 0 and not text[i - 1].isspace():
        return ""
    m = _WORD.match(text, i)
    return m.group() if m else ""


def _abbreviation_end(text: str, i: int) -> int:
    """End of an abbreviation starting at ``i`` (its full stops do not split), else -1."""
    word = _word_at(text, i)
    # Every abbreviation below has a "." or "!": most words (all Japanese runs) stop here.
    if "." not in word and "!" not in word:
        return -1
    low = word.lower()
    if _MULTI_DOT.match(word) or low in _EXCLAMATION_WORDS or low in _PREPOSITIVE or _LINE_INDEX.match(word):
        return i + len(word)
    if low in _ABBREVIATIONS:
        nxt = _word_at(text, i + len(word) + 1) if i + len(word) + 1 <= len(text) else ""
        if not (nxt[:1].isupper()):
            return i + len(word)
    return -1


_PAIR_CHARS = frozenset(PAIRS) | frozenset(_CLOSER_TO_OPENER)


@lru_cache(maxsize=32)
def _notable(seps: frozenset[str]) -> re.Pattern:
    """The characters the splitter must look at one by one: the others only move it forward."""
    chars = "".join(sorted(seps | _PAIR_CHARS | {"\n", "\r"}))
    return re.compile(f"[{re.escape(chars)}\\s]")


def split_sentences(
    text: str,
    atomic: Sequence[tuple[int, int]] = (),
    separators: Iterable[str] = SEPARATORS,
    raw_next: Callable[[int], str] | None = None,
) -> list[tuple[int, int]]:
    """Spans ``(start, end)`` of the sentences of one paragraph's plain ``text``.

    ``atomic`` lists the spans of inline nodes that are not plain text (code, links,
    emphasis); ``raw_next(i)`` gives the source character after plain ``text[i]`` (for the
    ``.`` test), defaulting to the next plain character. A sentence starts at its first
    non-space character and ends after its closing punctuation, or at the end of the text.
    """
    seps = frozenset(separators)
    n = len(text)
    spans: list[tuple[int, int]] = []
    starts: dict[int, int] = {}
    for a, b in atomic:
        if 0 <= a < b <= n:
            starts[a] = max(b, starts.get(a, b))
    atomic_starts = sorted(starts)
    notable = _notable(seps)

    def next_start(i: int) -> int:
        """The first inline node start at or after ``i`` (``n`` if none)."""
        k = bisect_left(atomic_starts, i)
        return atomic_starts[k] if k < len(atomic_starts) else n

    contexts: list[str] = []  # open pair closers
    abbr_until = -1
    sent_start = -1

    def is_separator(i: int) -> bool:
        if contexts or i < abbr_until:
            return False
        ch = text[i]
        if ch not in seps:
            return False
        if ch == ".":
            nxt = raw_next(i) if raw_next else (text[i + 1] if i + 1 < n else "")
            return not nxt or nxt.isspace()
        return True

    i = 0
    while i < n:
        if i in starts:
            if sent_start < 0:
                sent_start = i
            i = starts[i]
            continue
        ch = text[i]
        if ch in _SPACE:
            i += 1
            continue
        if is_separator(i):
            j = i
            while j < n and j not in starts and is_separator(j):
                j += 1
            if sent_start >= 0:
                spans.append((sent_start, j))
                sent_start = -1
            i = j
            continue
        if ch in "\n\r":
            i += 1
            continue
        if sent_start < 0:
            sent_start = i
        # A run of text up to a line break, a separator or the next inline node.
        while i < n and i not in starts:
            ch = text[i]
            if ch in "\n\r" or (ch in seps and is_separator(i)):
                break
            # Only a word start can begin an abbreviation: test there alone, not per character.
            if i >= abbr_until and (i == 0 or text[i - 1].isspace()):
                end = _abbreviation_end(text, i)
                if end > 0:
                    abbr_until = end
            if contexts and ch == contexts[-1]:
                contexts.pop()
            elif ch in _CLOSER_TO_OPENER and ch in contexts:
                del contexts[len(contexts) - 1 - contexts[::-1].index(ch)]
            elif ch in PAIRS and PAIRS[ch] not in contexts:
                contexts.append(PAIRS[ch])
            i += 1
            if not ch.isspace():
                # Skip to the next character that can matter (a separator, pair mark, line
                # break or space; a space makes the character after it a word start) or to
                # the next inline node, whichever comes first.
                limit = next_start(i)
                m = notable.search(text, i, limit)
                i = m.start() if m else limit
    if sent_start >= 0:
        spans.append((sent_start, n))
    return spans


def block_atomic_spans(block) -> list[tuple[int, int]]:
    """Plain-text spans of a block's inline nodes that are not plain text (outermost only)."""
    spans = sorted((m.start, m.end) for m in block.marks if m.end > m.start)
    out: list[tuple[int, int]] = []
    for a, b in spans:
        if out and a < out[-1][1]:
            if b > out[-1][1]:
                out[-1] = (out[-1][0], b)
            continue
        out.append((a, b))
    return out


def split_block(block, source: str, separators: Iterable[str] = SEPARATORS) -> list[tuple[int, int]]:
    """Sentences of a prose ``Block`` in plain-text offsets, with textlint's node boundaries."""
    offsets = block.offsets
    text = block.text

    def raw_next(i: int) -> str:
        if i + 1 >= len(text):
            return ""
        pos = offsets[i] + 1 if i < len(offsets) else len(source)
        return source[pos] if pos < len(source) else ""

    return split_sentences(text, block_atomic_spans(block), separators, raw_next)
