"""Spelling variants of one term: the data behind TM001, in one article and across a site.

Every Latin word, katakana word and kanji word with okurigana of the prose gets a *group
key* that is the same for all its spellings:

- width and case: NFKC, case-folded (ＴＰＵ, Tpu, TPU → ``tpu``);
- long vowel: katakana without 「ー」 (サーバ, サーバー → ``サーバ``);
- okurigana: the reading of the dictionary form and its kanji (行う, 行なう → ``オコナウ/行``),
  from the IPADIC readings the morphology step already has (no second analyser to load).

Near-miss Latin spellings (Trainum/Trainium) are found by edit distance between groups.

Words that are not prose are no terms: code, links, addresses, paths, file names,
identifiers, settings and quoted literals (``safe_edits.not_prose_spans``), and block
quotes, whose spelling is the quoted author's.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache, partial
from operator import add
from typing import NamedTuple, overload

from ..reading.document import Document
from ..reading.morph import tokenize
from .safe_edits import is_all_caps, not_prose_spans, overlaps, word_safe_edit
from .termpairs import kana_key, latin_key

_LATIN = re.compile(
    r"(?<![A-Za-z0-9Ａ-Ｚａ-ｚ０-９_./:@#-])[A-Za-zＡ-Ｚａ-ｚ][A-Za-zＡ-Ｚａ-ｚ0-9０-９]+(?![A-Za-z0-9Ａ-Ｚａ-ｚ０-９_/:@-])"
)
_KATAKANA = re.compile(r"[ァ-ヶｦ-ﾟ][ァ-ヶーｦ-ﾟ]{2,}")
_KANJI = re.compile(r"[\u4e00-\u9fff々]")
_SKIP_MARKS = frozenset({"code", "math", "link", "image", "html"})


class Term(NamedTuple):
    key: str  # the group: what every spelling of the term shares
    surface: str
    start: int
    end: int
    kind: str  # "latin" | "katakana" | "okurigana"


_new_term = partial(tuple.__new__, Term)


class Terms(Sequence[Term]):
    """The term occurrences of an article, kept as columns and made into ``Term``s when read.

    A long line of words has a term per word: as objects, with their offsets, they took
    about 145 bytes each. Here a use is a reference to its spelling's (key, surface), shared
    by every use, its offsets and a reference to its kind: 32 bytes.
    """

    __slots__ = ("words", "starts", "ends", "kinds")

    def __init__(self) -> None:
        self.words: list[tuple[str, str]] = []
        self.starts = array("q")
        self.ends = array("q")
        self.kinds: list[str] = []

    def add(self, word: tuple[str, str], start: int, end: int, kind: str) -> None:
        self.words.append(word)
        self.starts.append(start)
        self.ends.append(end)
        self.kinds.append(kind)

    def __len__(self) -> int:
        return len(self.words)

    @overload
    def __getitem__(self, index: int) -> Term: ...
    @overload
    def __getitem__(self, index: slice) -> list[Term]: ...
    def __getitem__(self, index):
        if isinstance(index, slice):
            columns = zip(self.starts[index], self.ends[index], self.kinds[index], strict=True)
            return list(map(_new_term, map(add, self.words[index], columns)))
        return _new_term((*self.words[index], self.starts[index], self.ends[index], self.kinds[index]))

    def __iter__(self) -> Iterator[Term]:
        return map(_new_term, map(add, self.words, zip(self.starts, self.ends, self.kinds, strict=False)))


def _masked(block) -> Sequence[tuple[int, int]]:
    """Plain-text spans of ``block`` whose words are not terms: code, links, and what is not prose."""
    spans = [(m.start, m.end) for m in block.marks if m.kind in _SKIP_MARKS and m.end > m.start]
    spans += not_prose_spans(block.text)
    return tuple(spans)


def _quoted(block) -> bool:
    return block.kind == "quote" or "blockquote" in block.containers


def _inside(pos: int, spans: Sequence[tuple[int, int]]) -> bool:
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


def extract_terms(doc: Document, pairs: dict[str, str] | None = None) -> Terms:
    """Every term occurrence of the article's prose, in document order (cached).

    ``pairs`` maps katakana group keys to Latin ones (トレイニアム → trainium), see
    ``rules.termpairs``.
    """
    cached = getattr(doc, "_terms", None)
    if cached is not None:
        return cached
    pairs = pairs or {}
    out = Terms()
    # Most blocks mask nothing: only the others are kept, by index (a long table has a block
    # per cell). A word written many times is one string with one key, not a pair per use.
    masks: dict[int, Sequence[tuple[int, int]]] = {}
    spelled: dict[str, tuple[str, str]] = {}  # surface -> (key, surface)
    okurigana: dict[tuple[str, str], tuple[str, str]] = {}
    for block in doc.prose_blocks():
        if _quoted(block):
            continue
        masked = _masked(block)
        if masked:
            masks[block.index] = masked
        text = block.text
        for m in _LATIN.finditer(text):
            if overlaps(masked, m.start(), m.end()):
                continue
            surface = m.group()
            word = spelled.get(surface)
            if word is None:
                word = spelled[surface] = (latin_key(surface), surface)
            s, e = block.source_span(m.start(), m.end())
            out.add(word, s, e, "latin")
        for m in _KATAKANA.finditer(text):
            if _inside(m.start(), masked):
                continue
            surface = m.group()
            word = spelled.get(surface)
            if word is None:
                key = kana_key(surface)
                word = spelled[surface] = (pairs.get(key, key), surface)
            s, e = block.source_span(m.start(), m.end())
            out.add(word, s, e, "katakana")
    for sentence in doc.sentences:
        block = sentence.block
        if _quoted(block):
            continue
        masked = masks.get(block.index, ())
        for start, length, key, basic in _okurigana_words(sentence.text):
            plain_start = sentence.plain_start + start
            if _inside(plain_start, masked):
                continue
            s, e = block.source_span(plain_start, plain_start + length)
            word = (key, basic)
            out.add(okurigana.setdefault(word, word), s, e, "okurigana")
    doc._terms = out  # type: ignore[attr-defined]
    return out


def typo_like(rare: str, common: str, last_letter: bool = True) -> bool:
    """True when ``rare`` is ``common`` with one slip of the keyboard inside the word: a letter
    swapped with its neighbour, replaced, dropped or added, or a letter typed twice.

    A different first letter (KaTeX/LaTeX, Goroutines/Coroutines) or a letter added or dropped
    at either end (ebook/book, crond/cron, Neura/Neural) makes another word, not a typo;
    without ``last_letter``, so does another last letter (initializer/initializes).
    """
    a, b = rare, common
    if a == b or abs(len(a) - len(b)) > 1 or len(a) < 2 or len(b) < 2 or a[0] != b[0]:
        return False
    if len(a) == len(b):
        diffs = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diffs) == 2:
            i, j = diffs
            return j == i + 1 and a[i] == b[j] and a[j] == b[i]
        return len(diffs) == 1 and (last_letter or diffs[0] < len(a) - 1)
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    i = 0
    while i < len(short) and short[i] == long_[i]:
        i += 1
    if long_[i + 1 :] != short[i:]:
        return False
    doubled = long_[i] == long_[i - 1] if i > 0 else long_[0] == long_[1]
    return doubled or 0 < i < len(short)


def _identifier_like(word: str) -> bool:
    """camelCase (addEventListener) or capitals only (EFLAGS, INVVPID): names from code and
    acronyms, where one letter makes another name."""
    return (word[0].islower() and any(c.isupper() for c in word)) or is_all_caps(word)


def near_miss_groups(counts: dict[str, Counter], is_word=None) -> dict[str, str]:
    """Map a rare Latin group to the common group it misspells (``trainum`` → ``trainium``).

    Only words of 5 letters or more, where the common spelling is used at least twice as
    often, the two are not singular/plural, the slip is one a typist makes inside a word
    (``typo_like``), neither reads as an identifier or acronym (``EFLAGS``/``RFLAGS``,
    ``addEventListener``) unless the slip is a letter typed twice, and the rare one is not an
    English word.
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
        spelling = counts[rare].most_common(1)[0][0]
        if not spelling.isascii():
            continue  # a katakana spelling paired with the name
        best = None
        for length in (len(rare) - 1, len(rare), len(rare) + 1):
            for common in by_len.get(length, ()):
                m = latin[common]
                if common == rare or m < 2 * n or m < 2:
                    continue
                other = common[6:]
                if other.rstrip("s") == word.rstrip("s") or not typo_like(word, other):
                    continue
                common_spelling = counts[common].most_common(1)[0][0]
                if (_identifier_like(spelling) or _identifier_like(common_spelling)) and not _doubled(word, other):
                    continue
                if best is None or m > latin[best]:
                    best = common
        if best is not None and not (is_word and is_word(spelling)):
            out[rare] = best
    return out


def _doubled(rare: str, common: str) -> bool:
    """``rare`` is ``common`` with one letter typed twice (NNVIDIA)."""
    return len(rare) == len(common) + 1 and any(
        rare[i] == rare[i + 1] and rare[:i] + rare[i + 1 :] == common for i in range(len(rare) - 1)
    )


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


def preferred_spelling(spellings: Counter, name: str | None = None) -> str:
    """The spelling a group's variants are told to use: the one used most, unless that is
    the dictionary's name in another letter case and the text also uses the name as the
    dictionary writes it (katakana or Latin letters stay the majority's choice)."""
    most = spellings.most_common(1)[0][0]
    if name is not None and name in spellings and _fold(most) == _fold(name):
        return name
    return most


def _fold(word: str) -> str:
    return unicodedata.normalize("NFKC", word).casefold()


def case_verdict(surface: str, target: str, name: str | None, is_word=None) -> str | None:
    """How TM001 treats the spelling ``surface`` of a group whose preferred spelling is
    ``target``: ``"fix"`` (report with a fix), ``"report"`` (report only) or None.

    Width (ＴＰＵ/TPU) and katakana/Latin pairs are fixed. Letter case is a matter of the
    dictionary (``name``, from ``termpairs.latin_names``), never of a majority:

    - a spelling in capitals (TODO, PORT, IT) is an acronym or a constant: never a variant;
    - the dictionary's spelling of the name is fixed to (Github → GitHub);
    - without one, a word in lower case (id, gcc, order) is another word than its capitals,
      and so is a capitalized English word (Note/NOTE); a capitalized non-word (Tpu/TPU) and
      a spelling with capitals inside a word (WSl, ECMASCript) are reported, not fixed.
    """
    if same_spelling(surface, target):
        return None
    a, b = unicodedata.normalize("NFKC", surface), unicodedata.normalize("NFKC", target)
    if a == b or a.casefold() != b.casefold():
        return "fix"
    if is_all_caps(a):
        return None
    if name is not None and b == name:
        return "fix"
    if a.islower():
        return None
    if a[0].isupper() and a[1:].islower():
        return None if is_word and is_word(a) else "report"
    return "report"


def term_edit(text: str, term: Term, target: str) -> tuple[int, int, str] | None:
    """The edit that writes ``target`` for ``term``, or None when there is none to make safely:
    the text there is not the spelling as counted (a conjugated verb), or the edit would
    damage a word (``safe_edits.word_safe_edit``)."""
    return spelling_edit(text, term.start, term.end, term.surface, target)


def spelling_edit(text: str, start: int, end: int, surface: str, target: str) -> tuple[int, int, str] | None:
    if text[start:end] != surface:
        return None
    return word_safe_edit(text, start, end, target)


def group_counts(terms: Iterable[Term]) -> dict[str, Counter]:
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


@lru_cache(maxsize=1)
def _tech_words() -> frozenset[str]:
    from ..resources import resource_path

    words = set()
    for line in resource_path("words", "tech-words.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            words.add(line.lower())
    return frozenset(words)


def is_known_word(word: str) -> bool:
    """An English word, or a tech term or product name of the shipped word list (Mixtral is
    not a misspelling of Mistral)."""
    return word.lower() in _tech_words() or is_english_word(word)


def fit_case(surface: str, target: str) -> str:
    """``target`` written with the capital first letter, or not, that ``surface`` has, when
    both are plain words (Relect → Reject, not reject); a name's own case is kept."""
    if target.islower() and surface[:1].isupper() and surface[1:].islower():
        return target.capitalize()
    if target[:1].isupper() and target[1:].islower() and surface.islower():
        return target.lower()
    return target


def is_english_word(word: str) -> bool:
    checker = _english_checker()
    if checker is None:
        return False
    try:
        return bool(checker.check(word)) or bool(checker.check(word.lower()))
    except Exception:
        return False
