"""Finding repeated passages: later copies of earlier text, exact or near.

Paragraphs are compared on normalized text (no white space or emphasis markup), so re-wrapped
copies match. A later block is a copy when

- most of its character 5-grams already occur in one earlier block: exact copies, small edits
  and truncated copies (the block drops a sentence);
- it holds nearly all of one long earlier block and adds a sentence or two;
- it is long and nearly all of it already stands earlier, spread over several blocks: chunks
  joined into one line, a section written again as one paragraph;
- its lines repeat, in order, a run of earlier lines: a block written twice with different
  blank lines (a list of books with their links, a footer). Lines are compared without list
  markers and white space; links and URLs count here, since such blocks are mostly links,
  but the run needs text outside links and list items (an outline repeats its items).

Of a long copy that is not exact, the sentences that stand nowhere else in the document (what
the copy adds) are kept apart (``Copy.extra``), so the exporter keeps them when it drops the
copy. Short blocks (headings, bold lines) count only inside a run of longer copies, so the same
heading under different parents is not a finding. Not passages: code and math, a paragraph
that is only a URL or a link card, a list of links (a reference list names again what the
text cited), and anything inside a callout or a quote (``:::message``, ``:::details``,
``> [!NOTE]``), where repeating an error message or a sentence is deliberate.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace
from itertools import chain, repeat

from .document import Block, Document
from .prose import normalize
from .sentences import split_sentences
from .sized_cache import SizedCache

SHINGLE = 5
MIN_CHARS = 50  # a paragraph shorter than this is a copy only inside a run
LONG_CHARS = 120  # below this, only a (nearly) exact copy counts: people repeat short sentences
SHORT_CONTAINMENT = 0.95
MIN_LIST_CHARS = 80  # list items repeat short phrases on purpose (summaries, outlines)
CONTAINMENT = 0.8
# A later block that holds this much of a long earlier one repeats it, adding a sentence or two.
SUPERSET_CONTAINMENT = 0.85
SUPERSET_OWN_SHARE = 0.5
# A long block nearly all of whose text stands earlier, spread over several blocks. Human
# paragraphs of this length share well under half their 5-grams with the text before them.
UNION_CHARS = 250
UNION_CONTAINMENT = 0.85
# A run of repeated lines: at least this many lines, holding this much text besides links.
RUN_LINES = 3
RUN_PROSE_CHARS = 60
KINDS = frozenset({"paragraph", "quote", "list_item", "heading"})
_NON_PROSE_MARKS = frozenset({"code", "math", "link", "image", "html"})
_CALLOUTS = frozenset({"container_message", "container_details", "container_note"})
_ALERT = re.compile(r"^\[!(?:NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]", re.I)
_URL = re.compile(r"(?:https?|ftp)://\S+|www\.\S+")
_MD_LINK = re.compile(r"!?\[[^\]]*\]\([^)]*\)")
_LINE_PREFIX = re.compile(r"^[ \t]*(?:>[ \t]*)*(?:#{1,6}[ \t]+|(?:[-*+]|\d{1,9}[.)])[ \t]+)?")


@dataclass(frozen=True)
class Copy:
    """``block`` repeats ``original`` (``similarity`` is the share of its text found there).

    ``extra`` lists the plain-text spans of ``block``'s sentences that stand nowhere else in
    the document: what a copy adds to the passage it repeats.
    """

    block: Block
    original: Block
    similarity: float
    extra: tuple[tuple[int, int], ...] = ()


def _shingles_of(text: str) -> frozenset[int]:
    """The 5-grams of ``text``, each kept as its hash: an int is half the size of a string of
    five kana or kanji, and the sets of a long article's paragraphs are all alive while they
    are compared (a quarter less memory at the peak). Two 5-grams of one process with the
    same 64-bit hash would count as one: at a million 5-grams, a chance of about 1 in 30
    million, and it would move a similarity by one 5-gram."""
    if len(text) <= SHINGLE:
        return frozenset((hash(text),)) if text else frozenset()
    if len(text) > 4096:  # a list of a 5-gram per character would be 50 times the text
        return frozenset({hash(text[i : i + SHINGLE]) for i in range(len(text) - SHINGLE + 1)})
    return frozenset([hash(text[i : i + SHINGLE]) for i in range(len(text) - SHINGLE + 1)])


# The editor lints each revision: most paragraphs did not change. Up to 200,000 characters of
# texts (a 100,000-character article's paragraphs and sentences), about 90 bytes a character,
# each entry counted as 10 characters more (a short text's set is mostly its bookkeeping).
_shingles = SizedCache(_shingles_of, hot_limit=200_000, size=lambda text: len(text) + 10)


def _in_callout(doc: Document) -> set[int]:
    """Indices of blocks inside a callout: Zenn/Qiita containers and GitHub alert quotes."""
    out: set[int] = set()
    alert_until = -1
    for b in doc.blocks:
        if _CALLOUTS.intersection(b.containers):
            out.add(b.index)
        elif "blockquote" in b.containers:
            if _ALERT.match(b.text) and b.line > alert_until:
                alert_until = b.end_line
            if b.line <= alert_until + 1 and alert_until >= 0:
                out.add(b.index)
                alert_until = max(alert_until, b.end_line)
    return out


def candidate_blocks(doc: Document) -> list[Block]:
    """Prose blocks that take part in repetition checks (markers, table cells and callouts excluded)."""
    cached = doc.views.get("repetition_candidates")
    if cached is None:
        callout = _in_callout(doc)
        cached = [b for b in doc.prose_blocks() if b.kind in KINDS and b.index not in callout]
        doc.views["repetition_candidates"] = cached
    return cached


def prose_text(block: Block) -> str:
    """The block's text without code, math, links, images or bare URLs: what a reader reads as prose."""
    marks = sorted((m for m in block.marks if m.kind in _NON_PROSE_MARKS and m.end > m.start), key=lambda m: m.start)
    if not marks:
        return _URL.sub("", block.text)
    out, pos = [], 0
    for m in marks:
        if m.start > pos:
            out.append(block.text[pos : m.start])
        pos = max(pos, m.end)
    out.append(block.text[pos:])
    return _URL.sub("", "".join(out))


def _min_chars(block: Block) -> int:
    return MIN_LIST_CHARS if block.kind == "list_item" else MIN_CHARS


def _add_postings(index: dict[int, tuple[int, ...]], shingles: set[int] | frozenset[int], i: int) -> None:
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
    copies = _block_copies(doc, blocks, norms, prose_lengths)
    for i, copy in _line_run_copies(doc, blocks).items():
        copies.setdefault(i, copy)
    _extend_runs(blocks, norms, prose_lengths, copies)
    result = [copies[i] for i in sorted(copies)]
    doc._copies = result  # type: ignore[attr-defined]
    return result


def _block_copies(
    doc: Document,
    blocks: list[Block],
    norms: list[str],
    prose_lengths: list[int],
) -> dict[int, Copy]:
    # Each block's 5-gram set is made when its turn comes and let go after it is in the
    # index: the index's keys are what later blocks look up, and all the sets at once were
    # half of the rule's memory on a large file. What is kept of each is its size.
    sizes: list[int] = []
    # shingle -> earlier blocks holding it, per block kind (blocks match only their own kind;
    # headings are there for the checks across kinds, and never look their own kind up). Every
    # earlier block's shingles are its keys: a set of them all was a third of the rule's memory.
    index: dict[str, dict[int, tuple[int, ...]]] = defaultdict(dict)
    copies: dict[int, Copy] = {}
    # Copies whose new sentences are looked for once every block is in the index.
    with_extra: list[int] = []
    # The first block after a marker that restates earlier text is a restarted chunk (AG004).
    heads = {next((b.start for b in blocks if b.start >= m.end), -1) for m in doc.markers}
    for i, block in enumerate(blocks):
        sh = _shingles(norms[i])
        sizes.append(len(sh))
        same_kind = index[block.kind]
        hits: Counter[int] = Counter()
        found: tuple[int, float] | None = None
        if prose_lengths[i] >= _min_chars(block) and block.kind != "heading" and sh:
            # Counter counts the chained postings in C: this loop is the rule's hot spot.
            hits = Counter(chain.from_iterable(map(same_kind.get, sh, repeat(()))))
            if hits:
                j, n = max(hits.items(), key=lambda kv: (kv[1], -kv[0]))
                share = n / len(sh)
                needed = CONTAINMENT if prose_lengths[i] >= LONG_CHARS else SHORT_CONTAINMENT
                if share >= needed:
                    found = (j, share)
                elif prose_lengths[i] >= LONG_CHARS and block.start not in heads:
                    found = _superset(sizes, prose_lengths, hits, i)
        if found is None and prose_lengths[i] >= UNION_CHARS and sh and block.start not in heads:
            # Chunks joined into one line (or heading) that repeat earlier text.
            share = _seen_count(sh, index) / len(sh)
            if share >= UNION_CONTAINMENT:
                if hits:
                    j = max(hits.items(), key=lambda kv: (kv[1], -kv[0]))[0]
                else:
                    j = _first_holding(sh, index)
                found = (j, share)
        if found is not None:
            j, share = found
            copies[i] = Copy(block, blocks[j], round(share, 3))
            if share < 1.0 and prose_lengths[i] >= LONG_CHARS:
                with_extra.append(i)
        _add_postings(same_kind, sh, i)
    if with_extra:

        def holders(gram: int) -> int:
            """How many blocks hold ``gram``: the index now has them all."""
            return sum(len(postings.get(gram, ())) for postings in index.values())

        for i in with_extra:
            copies[i] = replace(copies[i], extra=_extra_sentences(blocks[i], holders))
    return copies


def _seen_count(sh: frozenset[int], index: dict[str, dict[int, tuple[int, ...]]]) -> int:
    """How many of ``sh`` earlier blocks hold."""
    unseen = sh
    for postings in index.values():
        unseen = unseen.difference(postings)  # looks up each of ``unseen`` in the dict
    return len(sh) - len(unseen)


def _first_holding(sh: frozenset[int], index: dict[str, dict[int, tuple[int, ...]]]) -> int:
    """The earlier block sharing the most 5-grams with ``sh`` (the first of those), counted in
    the postings of the earlier blocks."""
    shared = Counter(chain.from_iterable(postings.get(g, ()) for postings in index.values() for g in sh))
    return max(shared.items(), key=lambda kv: (kv[1], -kv[0]))[0]


def _superset(sizes: list[int], prose_lengths: list[int], hits: Counter[int], i: int) -> tuple[int, float] | None:
    """The long earlier block that block ``i`` repeats whole, adding text (and how alike they
    are); ``sizes`` are the blocks' numbers of 5-grams."""
    own = sizes[i]
    for j, n in hits.most_common(3):
        if prose_lengths[j] < LONG_CHARS or not sizes[j]:
            continue
        if n / sizes[j] >= SUPERSET_CONTAINMENT and n / own >= SUPERSET_OWN_SHARE:
            return j, 2 * n / (own + sizes[j])
    return None


def _extra_sentences(block: Block, holders: Callable[[int], int]) -> tuple[tuple[int, int], ...]:
    """Sentences of ``block`` whose text stands nowhere else in the document (``holders``
    tells how many blocks hold a 5-gram; looked up in the posting index, where a Counter of
    every block's 5-grams was a seventh of the rule's memory on a large file)."""
    out = []
    for s, e in split_sentences(block.text):
        grams = _shingles_of(normalize(block.text[s:e]))  # not cached: read once, for a copy
        if not grams:
            continue
        elsewhere = sum(1 for g in grams if holders(g) > 1)
        if elsewhere / len(grams) < 0.5:
            out.append((s, e))
    return tuple(out)


def _line_keys(doc: Document, blocks: list[Block]) -> list[tuple[int, str, int]]:
    """Each source line of the candidate blocks: (block position, normalized line, prose length)."""
    out = []
    for pos, b in enumerate(blocks):
        for n in range(b.line, b.end_line):
            start, end = doc.lines.line_span(n)
            line = doc.text[max(start, b.start) : min(end, b.end)]
            key = normalize(_LINE_PREFIX.sub("", line))
            if not key:
                continue
            # List items do not count towards a run's text: outlines and summaries repeat on purpose.
            prose = "" if b.kind == "list_item" else _URL.sub("", _MD_LINK.sub("", _LINE_PREFIX.sub("", line)))
            out.append((pos, key, len(normalize(prose))))
    return out


def _line_run_copies(doc: Document, blocks: list[Block]) -> dict[int, Copy]:
    """Blocks whose every line lies in a run of lines that repeats an earlier run, in order."""
    keys = _line_keys(doc, blocks)
    if len(keys) < 2 * RUN_LINES:
        return {}
    first_at: dict[str, list[int]] = defaultdict(list)
    for k, (_, key, _) in enumerate(keys):
        first_at[key].append(k)
    covered: dict[int, int] = {}  # line index -> line index of the earlier copy
    k = 0
    while k < len(keys):
        best_len, best_from = 0, -1
        for j in first_at[keys[k][1]]:
            if j >= k:
                break
            n = 0
            while k + n < len(keys) and j + n < k and keys[j + n][1] == keys[k + n][1]:
                n += 1
            if n > best_len:
                best_len, best_from = n, j
        prose = sum(keys[k + n][2] for n in range(best_len))
        if best_len >= RUN_LINES and prose >= RUN_PROSE_CHARS:
            for n in range(best_len):
                covered[k + n] = best_from + n
            k += best_len
        else:
            k += 1
    if not covered:
        return {}
    lines_of: dict[int, list[int]] = defaultdict(list)
    for k, (pos, _, _) in enumerate(keys):
        lines_of[pos].append(k)
    out: dict[int, Copy] = {}
    for pos, members in lines_of.items():
        if all(k in covered for k in members):
            out[pos] = Copy(blocks[pos], blocks[keys[covered[members[0]]][0]], 1.0)
    return out


def _extend_runs(blocks: list[Block], norms: list[str], prose_lengths: list[int], copies: dict[int, Copy]) -> None:
    """A heading or bold line next to a copy, or a short paragraph between two copies, that
    exactly repeats an earlier block belongs to the copied passage."""
    exact: dict[str, int] = {}
    for i, norm in enumerate(norms):
        exact.setdefault(norm, i)
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
