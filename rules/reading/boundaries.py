"""Chunk boundaries: what stands right before and right after each generation marker."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .document import Block, Document, Marker
from .prose import is_cut_off, is_sign_off, last_sentence_start

CUT_KINDS = frozenset({"paragraph", "list_item", "quote"})
# A Markdown link whose target never closes before the end of the block.
_OPEN_LINK = re.compile(r"\]\([^)\s]*$")


@dataclass(frozen=True)
class Boundary:
    """The prose block before a marker (``tail``) and the one after it (``head``).

    ``marker`` is None for the end of the article.
    """

    marker: Marker | None
    tail: Block | None
    head: Block | None
    tail_cut: bool


def boundaries(doc: Document) -> list[Boundary]:
    """One entry per marker, plus the end of the article (cached on the document)."""
    cached = getattr(doc, "_boundaries", None)
    if cached is not None:
        return cached
    prose = list(doc.prose_blocks())
    out = []
    for marker in doc.markers:
        tail = next((b for b in reversed(prose) if b.end <= marker.start), None)
        head = next((b for b in prose if b.start >= marker.end), None)
        # Another marker between them means there is nothing on this side.
        if tail is not None and any(tail.end <= m.start < marker.start for m in doc.markers):
            tail = None
        if head is not None and any(marker.end <= m.start < head.start for m in doc.markers):
            head = None
        cut = tail is not None and ((tail.kind in CUT_KINDS and is_cut_off(tail.text)) or _heading_restated(tail, head))
        out.append(Boundary(marker, tail, head, cut))
    last = prose[-1] if prose else None
    if last is not None and not any(m.start > last.end for m in doc.markers):
        # The article's own end: judged strictly, only paragraphs, since human posts often
        # end with a link, a list or a signature; a sign-off (「以上、」) is an ending. A link
        # the text stops inside (「[…](/2025/0」) is cut whatever the block.
        text = last.text.rstrip()
        cut = (
            last.kind == "paragraph"
            and is_cut_off(text)
            and not is_sign_off(text[last_sentence_start(text) :])
            and (bool(doc.markers) or text[-1:] in "、,，")
        ) or (last.kind in CUT_KINDS and bool(_OPEN_LINK.search(doc.text, last.start, last.end)))
        out.append(Boundary(None, last, None, cut))
    doc._boundaries = out  # type: ignore[attr-defined]
    return out


def _heading_restated(tail: Block, head: Block | None) -> bool:
    """A heading cut by the marker (「### 研究の背景と」) that the next chunk writes again in
    full (「研究の背景と動機：なぜ…」): the heading's words begin the next block and go on."""
    if tail.kind != "heading" or head is None:
        return False
    from .prose import normalize

    cut, full = normalize(tail.text), normalize(head.text)
    return bool(cut) and len(full) > len(cut) and full.startswith(cut)


_CLOSERS = "」』）)】〕"
_OPENERS = "「『（(【〔"


def _starts_mid_sentence(text: str) -> bool:
    """The head of a chunk reads as the rest of a sentence (「システム」の強みです。)."""
    first = text.split("。", 1)[0]
    depth = 0
    for ch in first:
        if ch in _OPENERS:
            depth += 1
        elif ch in _CLOSERS:
            if depth == 0:
                return True
            depth -= 1
    from .morph import tokenize

    tokens = [t for t in tokenize(text[:20]) if t.surface_form.strip()]
    return bool(tokens) and (tokens[0].pos in ("助詞", "助動詞") or tokens[0].pos_detail_1 in ("接尾", "非自立"))


def overlap_length(tail: str, head: str) -> int:
    """Length of the longest end of ``tail`` that ``head`` begins with again (「例えば、EU」 → 「EU AI法案」)."""
    tail = tail.rstrip()
    best = 0
    for n in range(1, min(len(tail), len(head), 60) + 1):
        if head.startswith(tail[-n:]):
            best = n
    # A one-character overlap is a coincidence unless it is a whole Latin word.
    if best == 1 and not tail[-1:].isascii():
        return 0
    return best


@dataclass(frozen=True)
class Stitch:
    """How to join a cut chunk with the next: replace ``text[start:end]`` with ``joiner``."""

    start: int
    end: int
    joiner: str
    kind: str  # "continues" | "restates-tail"
    repeated: str = ""  # the cut words the head writes again


def stitch(doc: Document, boundary: Boundary) -> Stitch | None:
    """The join of a cut tail with the head that continues or restates it, or None."""
    tail, head = boundary.tail, boundary.head
    if boundary.marker is None or not boundary.tail_cut or tail is None or head is None:
        return None
    tail_text = tail.text.rstrip()
    overlap = overlap_length(tail_text, head.text)
    tail_end = tail.source_span(0, len(tail_text))[1]
    if overlap:
        head_cut = head.source_span(overlap, overlap + 1)[0] if overlap < len(head.text) else head.end
        return Stitch(tail_end, head_cut, "", "restates-tail", head.text[:overlap])
    if _starts_mid_sentence(head.text):
        return Stitch(tail_end, head.start, "", "continues")
    return None


class _EarlierText:
    """The normalized prose of the whole document, and where each 5-gram of the chunk heads'
    sentences first ends in it: a 5-gram was given before a marker when it first ends before
    the marker's place in that text.

    Only the heads' 5-grams are looked for: a map of every 5-gram of the document took 14
    times the size of a long document.
    """

    def __init__(self, doc: Document) -> None:
        from itertools import accumulate

        from .prose import normalize

        blocks = list(doc.prose_blocks())
        norms = [normalize(b.text) for b in blocks]
        self.text = "".join(norms)
        self.block_ends = [b.end for b in blocks]  # where each block ends in the source
        self.norm_ends = list(accumulate(map(len, norms)))  # and its text in ``text``
        self.first_end: dict[str, int] = {}
        self._heads: set[int] = set()

    def look_for(self, heads: list[Block]) -> None:
        """Find where the 5-grams of ``heads``' sentences first end (one pass for all)."""
        from .prose import normalize
        from .sentences import split_sentences

        wanted: set[str] = set()
        for head in heads:
            if id(head) in self._heads:
                continue
            self._heads.add(id(head))
            for s, e in split_sentences(head.text):
                norm = normalize(head.text[s:e])
                wanted.update(norm[i : i + 5] for i in range(len(norm) - 4))
        wanted -= self.first_end.keys()
        text, first_end = self.text, self.first_end
        for i in range(max(0, len(text) - 4)):
            if not wanted:
                break
            gram = text[i : i + 5]
            if gram in wanted:
                first_end[gram] = i + 5
                wanted.discard(gram)


def _earlier_text(doc: Document, head: Block) -> _EarlierText:
    """The document's ``_EarlierText``, with ``head``'s 5-grams looked for (cached on the
    document; the first call looks for those of every head at once)."""
    earlier = doc.__dict__.get("_earlier_text")
    if earlier is None:
        earlier = doc.__dict__["_earlier_text"] = _EarlierText(doc)
        earlier.look_for([b.head for b in boundaries(doc) if b.marker is not None and b.head is not None])
    earlier.look_for([head])
    return earlier


def restated_opening(doc: Document, boundary: Boundary, threshold: float = 0.8) -> tuple[int, int] | None:
    """Plain-text span of the head's leading sentences that repeat text given before the marker."""
    if boundary.marker is None or boundary.head is None:
        return None
    memo = doc.__dict__.setdefault("_restated", {})
    key = (boundary.marker.start, threshold)
    if key not in memo:
        memo[key] = _restated_opening(doc, boundary, threshold)
    return memo[key]


def _restated_opening(doc: Document, boundary: Boundary, threshold: float) -> tuple[int, int] | None:
    from bisect import bisect_right

    from .prose import normalize
    from .sentences import split_sentences

    head, marker = boundary.head, boundary.marker
    if head is None or marker is None:
        return None
    earlier = _earlier_text(doc, head)
    block_ends, norm_ends, first_end = earlier.block_ends, earlier.norm_ends, earlier.first_end
    # The normalized prose of the blocks that end before the marker is a prefix of the
    # document's; a 5-gram was given before the marker when it first ends inside that prefix.
    k = bisect_right(block_ends, marker.start)
    limit = norm_ends[k - 1] if k else 0
    if not limit:
        return None
    span: tuple[int, int] | None = None
    for s, e in split_sentences(head.text):
        norm = normalize(head.text[s:e])
        if len(norm) < 8:
            break
        grams = [norm[i : i + 5] for i in range(len(norm) - 4)]
        share = sum(first_end.get(g, limit + 1) <= limit for g in grams) / len(grams)
        if share < threshold:
            break
        span = (s if span is None else span[0], e)
    return span
