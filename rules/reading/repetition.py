"""Finding repeated passages: later copies of earlier paragraphs, exact or near.

Paragraphs are compared on normalized text (no white space or emphasis markup), so re-wrapped
copies match. A later paragraph is a copy when most of its character 5-grams already occur in
one earlier paragraph: this catches exact copies, small edits and truncated copies alike.
Short blocks (headings, bold lines) count only inside a run of longer copies, so the same
heading under different parents is not a finding.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, repeat

from .document import Block, Document
from .prose import normalize

SHINGLE = 5
MIN_CHARS = 50  # a paragraph shorter than this is a copy only inside a run
LONG_CHARS = 120  # below this, only a (nearly) exact copy counts: people repeat short sentences
SHORT_CONTAINMENT = 0.95
MIN_LIST_CHARS = 80  # list items repeat short phrases on purpose (summaries, outlines)
CONTAINMENT = 0.8
KINDS = frozenset({"paragraph", "quote", "list_item", "heading"})
_NON_PROSE_MARKS = frozenset({"code", "math", "link", "image", "html"})


@dataclass(frozen=True)
class Copy:
    """``block`` repeats ``original`` (``similarity`` is the share of its text found there)."""

    block: Block
    original: Block
    similarity: float


@lru_cache(maxsize=4096)  # the editor lints each revision: most paragraphs did not change
def _shingles(text: str) -> frozenset[str]:
    if len(text) <= SHINGLE:
        return frozenset((text,)) if text else frozenset()
    return frozenset([text[i : i + SHINGLE] for i in range(len(text) - SHINGLE + 1)])


def candidate_blocks(doc: Document) -> list[Block]:
    """Prose blocks that take part in repetition checks (markers and table cells excluded)."""
    return [b for b in doc.prose_blocks() if b.kind in KINDS]


def prose_text(block: Block) -> str:
    """The block's text without code, math, links or images: what a reader reads as prose."""
    marks = sorted((m for m in block.marks if m.kind in _NON_PROSE_MARKS and m.end > m.start), key=lambda m: m.start)
    if not marks:
        return block.text
    out, pos = [], 0
    for m in marks:
        if m.start > pos:
            out.append(block.text[pos : m.start])
        pos = max(pos, m.end)
    out.append(block.text[pos:])
    return "".join(out)


def _min_chars(block: Block) -> int:
    return MIN_LIST_CHARS if block.kind == "list_item" else MIN_CHARS


def _add_postings(index: dict[str, tuple[int, ...]], shingles: set[str], i: int) -> None:
    """Record that block ``i`` holds ``shingles``.

    Most shingles are new: they all get the one tuple ``(i,)`` in a single C-level update
    (a list per shingle was most of the rule's time).
    """
    known = shingles & index.keys()
    for s in known:
        index[s] += (i,)
    index.update(dict.fromkeys(shingles - known, (i,)))


def find_copies(doc: Document) -> list[Copy]:
    """Every later copy of an earlier passage, in document order (cached on the document)."""
    cached = getattr(doc, "_copies", None)
    if cached is not None:
        return cached
    blocks = candidate_blocks(doc)
    norms = [normalize(b.text) for b in blocks]
    prose_lengths = [len(normalize(prose_text(b))) for b in blocks]
    shingles = [_shingles(n) for n in norms]
    # shingle -> earlier blocks holding it, per block kind (blocks match only their own kind)
    index: dict[str, dict[str, tuple[int, ...]]] = defaultdict(dict)
    exact: dict[str, int] = {}
    copies: dict[int, Copy] = {}
    for i, (block, norm, sh) in enumerate(zip(blocks, norms, shingles, strict=False)):
        same_kind = index[block.kind]
        if prose_lengths[i] >= _min_chars(block) and block.kind != "heading" and sh:
            # Counter counts the chained postings in C: this loop is the rule's hot spot.
            hits: Counter[int] = Counter(chain.from_iterable(map(same_kind.get, sh, repeat(()))))
            if hits:
                j, n = max(hits.items(), key=lambda kv: (kv[1], -kv[0]))
                share = n / len(sh)
                needed = CONTAINMENT if prose_lengths[i] >= LONG_CHARS else SHORT_CONTAINMENT
                if share >= needed:
                    copies[i] = Copy(block, blocks[j], round(share, 3))
        if block.kind != "heading":  # a heading never looks its shingles up (see above)
            _add_postings(same_kind, sh, i)
        exact.setdefault(norm, i)
    # Extend runs: a heading or bold line next to a copy, or a short paragraph between two
    # copies, that exactly repeats an earlier block belongs to the copied passage.
    changed = True
    while changed:
        changed = False
        for i, norm in enumerate(norms):
            if i in copies or not norm or prose_lengths[i] >= _min_chars(blocks[i]):
                continue
            j = exact.get(norm)
            if j is None or j >= i:
                continue
            titled = blocks[i].kind == "heading" or blocks[i].is_all("strong")
            if (titled and ((i - 1 in copies) or (i + 1 in copies))) or ((i - 1 in copies) and (i + 1 in copies)):
                copies[i] = Copy(blocks[i], blocks[j], 1.0)
                changed = True
    result = [copies[i] for i in sorted(copies)]
    doc._copies = result  # type: ignore[attr-defined]
    return result
