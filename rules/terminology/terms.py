"""Spelling variants of one term: the data behind TM001, in one article and across a site.

Every Latin word, katakana word and kanji word with okurigana of the prose gets a *group
key* that is the same for all its spellings:

- width and case: NFKC, case-folded (ＴＰＵ, Tpu, TPU → ``tpu``);
- long vowel: katakana without 「ー」 (サーバ, サーバー → ``サーバ``);
- okurigana: the reading of the dictionary form and its kanji (行う, 行なう → ``オコナウ/行``),
  from the IPADIC readings the morphology step already has (no second analyser to load).

Near-miss Latin spellings (Trainum/Trainium) are found by edit distance between groups.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache

from ..reading.document import Document
from ..reading.morph import tokenize
from .termpairs import kana_key, latin_key

_LATIN = re.compile(
    r"(?<![A-Za-z0-9Ａ-Ｚａ-ｚ０-９_./:@#-])[A-Za-zＡ-Ｚａ-ｚ][A-Za-zＡ-Ｚａ-ｚ0-9０-９]+(?![A-Za-z0-9Ａ-Ｚａ-ｚ０-９_/:@-])"
)
_KATAKANA = re.compile(r"[ァ-ヶｦ-ﾟ][ァ-ヶーｦ-ﾟ]{2,}")
_KANJI = re.compile(r"[\u4e00-\u9fff々]")
_SKIP_MARKS = frozenset({"code", "math", "link", "image", "html"})


@dataclass(frozen=True, slots=True)
class Term:
    key: str  # the group: what every spelling of the term shares
    surface: str
    start: int
    end: int
    kind: str  # "latin" | "katakana" | "okurigana"


def _masked(block) -> list[tuple[int, int]]:
    return [(m.start, m.end) for m in block.marks if m.kind in _SKIP_MARKS and m.end > m.start]


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in spans)


@lru_cache(maxsize=8192)
def _basic_reading(basic: str) -> str:
    return "".join(t.reading for t in tokenize(basic) if t.reading != "*")


@lru_cache(maxsize=8192)  # the editor relints each revision: most sentences did not change
def _okurigana_words(sentence: str) -> tuple[tuple[int, int, str, str], ...]:
    """(start, length, group key, basic form) of the words in ``sentence`` written with kanji
    and okurigana, whose spelling can vary (申し込み/申込み)."""
    out = []
    for tok in tokenize(sentence):
        surface = tok.surface_form
        if tok.pos not in ("動詞", "形容詞", "名詞") or not _KANJI.search(surface):
            continue
        basic = tok.basic_form if tok.basic_form != "*" else surface
        if basic == "".join(_KANJI.findall(basic)):  # no okurigana, nothing to vary
            continue
        reading = _basic_reading(basic)
        if not reading:
            continue
        out.append((tok.start, len(surface), f"okuri:{reading}/{''.join(_KANJI.findall(basic))}", basic))
    return tuple(out)


def extract_terms(doc: Document, pairs: dict[str, str] | None = None) -> list[Term]:
    """Every term occurrence of the article's prose, in document order (cached).

    ``pairs`` maps katakana group keys to Latin ones (トレイニアム → trainium), see
    ``rules.termpairs``.
    """
    cached = getattr(doc, "_terms", None)
    if cached is not None:
        return cached
    pairs = pairs or {}
    out: list[Term] = []
    for block in doc.prose_blocks():
        masked = _masked(block)
        text = block.text
        for m in _LATIN.finditer(text):
            if _inside(m.start(), masked):
                continue
            s, e = block.source_span(m.start(), m.end())
            out.append(Term(latin_key(m.group()), m.group(), s, e, "latin"))
        for m in _KATAKANA.finditer(text):
            if _inside(m.start(), masked):
                continue
            key = kana_key(m.group())
            s, e = block.source_span(m.start(), m.end())
            out.append(Term(pairs.get(key, key), m.group(), s, e, "katakana"))
    for sentence in doc.sentences:
        block = sentence.block
        masked = _masked(block)
        for start, length, key, basic in _okurigana_words(sentence.text):
            plain_start = sentence.plain_start + start
            if _inside(plain_start, masked):
                continue
            s, e = block.source_span(plain_start, plain_start + length)
            out.append(Term(key, basic, s, e, "okurigana"))
    doc._terms = out  # type: ignore[attr-defined]
    return out


def _edit_distance_at_most_one(a: str, b: str) -> bool:
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diffs = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diffs) == 1 or (
            len(diffs) == 2 and diffs[1] == diffs[0] + 1 and a[diffs[0]] == b[diffs[1]] and a[diffs[1]] == b[diffs[0]]
        )
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1 :]


def near_miss_groups(counts: dict[str, Counter], is_word=None) -> dict[str, str]:
    """Map a rare Latin group to the common group it misspells (``trainum`` → ``trainium``).

    Only words of 5 letters or more, where the common spelling is used at least twice as
    often, the two are not singular/plural, and the rare one is not an English word.
    """
    latin = {k: sum(c.values()) for k, c in counts.items() if k.startswith("latin:")}
    by_len: dict[int, list[str]] = defaultdict(list)
    for k in latin:
        by_len[len(k)].append(k)
    out: dict[str, str] = {}
    for rare, n in latin.items():
        word = rare[6:]
        if len(word) < 5 or any(ch.isdigit() for ch in word):
            continue
        best = None
        for length in (len(rare) - 1, len(rare), len(rare) + 1):
            for common in by_len.get(length, ()):
                m = latin[common]
                if common == rare or m < 2 * n or m < 2:
                    continue
                other = common[6:]
                if other.rstrip("s") == word.rstrip("s"):
                    continue
                if _edit_distance_at_most_one(word, other) and (best is None or m > latin[best]):
                    best = common
        if best is not None and not (is_word and is_word(next(iter(counts[rare])))):
            out[rare] = best
    return out


def same_spelling(a: str, b: str) -> bool:
    """True when two spellings of one group are not a finding.

    A capital first letter alone (Enum/enum: a sentence start or a type name) is not a
    variant; a width difference or a difference inside the word (ＴＰＵ/TPU, GitHub/Github,
    TPU/Tpu) is.
    """
    if a == b:
        return True
    if unicodedata.normalize("NFKC", a) != a or unicodedata.normalize("NFKC", b) != b:
        return False  # full-width letters: always a variant
    return a[1:] == b[1:]


def group_counts(terms: list[Term]) -> dict[str, Counter]:
    counts: dict[str, Counter] = defaultdict(Counter)
    for t in terms:
        counts[t.key][t.surface] += 1
    return counts


@lru_cache(maxsize=1)
def _english_checker():
    try:
        import enchant

        return enchant.Dict("en_US")
    except Exception:  # enchant or its dictionary missing: near-miss check runs without it
        return None


def is_english_word(word: str) -> bool:
    checker = _english_checker()
    if checker is None:
        return False
    try:
        return bool(checker.check(word)) or bool(checker.check(word.lower()))
    except Exception:
        return False
