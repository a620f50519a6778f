"""The pieces of a document that textlint's Japanese rules look at, on top of ``Document``.

textlint rules visit ``Paragraph`` nodes (then split them into sentences) or ``Str`` nodes
(the runs of plain text between inline elements), and most skip anything inside a link,
image, block quote or emphasis. These helpers give the same pieces as plain-text spans of
our blocks, so a ported rule can tokenize them and map token offsets back with
``block.source_span``. The rules differ in which Str nodes they read (as their textlint
originals do); each view below says which, and all cut the text once (``_segments``).
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterator
from functools import lru_cache

from ...reading.document import Block, Document
from ...reading.sentences import SEPARATORS, split_block
from ._segments import text_segments

# textlint node types as the ``allowNodeTypes``-style options name them, and the inline mark
# kinds of ``Document`` they correspond to.
INLINE_NODE_MARKS = {
    "Link": "link",
    "Code": "code",
    "Emphasis": "em",
    "Strong": "strong",
    "Delete": "s",
    "Image": "image",
    "Html": "html",
}
# Inline marks whose text is never a Str: code and math; the morphological rules
# (``str_segments``) also leave out images and raw HTML, as their originals do.
_CODE = frozenset({"code", "math"})
_NOT_STR = _CODE | frozenset({"image", "html"})
# What ``helper.isChildNode(node, [Link, Image, BlockQuote, Emphasis])`` skips.
DEFAULT_SKIP = frozenset({"link", "em"})

_OPENERS = {"「": "」", "『": "』", "（": "）", "(": ")", "【": "】", "〔": "〕", "“": "”", '"': '"'}
# Separators that end a sentence only before white space or the end (1.5, obj.method).
_ASCII_SEPARATORS = frozenset(".?!")


def in_quote(block: Block) -> bool:
    """Inside a block quote (a paragraph of one has the kind ``quote``, and the container)."""
    return "blockquote" in block.containers


def paragraphs(doc: Document, *, quotes: bool = False, lists: bool = True) -> Iterator[Block]:
    """Blocks that textlint sees as ``Paragraph`` nodes (headings and table cells are not):
    those in block quotes only with ``quotes``, those in list items only with ``lists``."""
    for block in doc.prose_blocks():
        if block.kind not in ("paragraph", "list_item", "quote"):
            continue
        if not quotes and in_quote(block):
            continue
        if not lists and (block.kind == "list_item" or "list_item" in block.containers):
            continue
        yield block


def str_nodes(doc: Document) -> Iterator[tuple[Block, int, int]]:
    """``(block, start, end)`` for every non-blank ``Str`` of every prose block, code and math
    left out: what the dictionary rules (abusage, weak phrases, successive words) read."""
    nodes = doc.views.get("str_nodes")
    if nodes is None:
        # Kept as three columns, not a tuple per Str (a long table has one or more per cell).
        blocks: list[Block] = []
        starts, ends = array("q"), array("q")
        for block in doc.prose_blocks():
            for s, e in text_segments(block, _CODE, keep_blank=False):
                blocks.append(block)
                starts.append(s)
                ends.append(e)
        nodes = doc.views["str_nodes"] = (blocks, starts, ends)
    return zip(*nodes, strict=True)


def str_runs(block, skip: frozenset[str] | set[str] = frozenset()) -> list[tuple[int, int]]:
    """Spans of the block's ``Str`` nodes with white space kept, code and math left out, and
    runs inside marks whose kind is in ``skip`` (``link``, ``em`` ...): what the character
    rules read."""
    return list(text_segments(block, _CODE | frozenset(skip), keep_blank=True))


def str_segments(block, skip: frozenset[str] = DEFAULT_SKIP) -> list[tuple[int, int]]:
    """Plain-text spans of the block's non-blank ``Str`` nodes, minus images, raw HTML and
    those inside marks of ``skip``: what the morphological rules read."""
    return list(text_segments(block, _NOT_STR | frozenset(skip), keep_blank=False))


def ignored_ranges(block, ignore_types=()) -> list[tuple[int, int]]:
    """Plain-text ranges of the inline nodes of ignored textlint types inside ``block``."""
    kinds = {INLINE_NODE_MARKS[t] for t in (ignore_types or ()) if t in INLINE_NODE_MARKS}
    return [(m.start, m.end) for m in block.marks if m.kind in kinds]


def sentences(doc, block, separators=SEPARATORS) -> list[tuple[int, int]]:
    """Sentence spans of ``block``; several rules ask for the same ones, so the document keeps them."""
    key = ("sentences", frozenset(separators))
    spans = block.views.get(key)
    if spans is None:
        spans = block.views[key] = tuple(split_block(block, doc.text, separators))
    return list(spans)


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, as JavaScript counts a string."""
    return len(text) if text.isascii() else len(text.encode("utf-16-le", "surrogatepass")) // 2


def masked_text(block, mask: str = "ー") -> str:
    """The plain text with inline code replaced by ``mask`` characters of the same length."""
    text = block.text
    codes = sorted((max(0, m.start), min(m.end, len(text))) for m in block.marks if m.kind == "code")
    if not codes:
        return text
    # Joined from slices: a list of the characters would take a str object per character
    # outside Latin-1, some 80 times the text.
    parts: list[str] = []
    done = 0
    for start, end in codes:
        start = max(start, done)
        if end > start:
            parts += (text[done:start], mask * (end - start))
            done = end
    parts.append(text[done:])
    return "".join(parts)


def split_sentences(text: str, separators, *, pairs: bool = False) -> list[tuple[int, int]]:
    """Sentence spans of ``text`` as textlint's sentence-splitter cuts them (see ``_split``)."""
    return list(_split(text, frozenset(separators), pairs))


@lru_cache(maxsize=1024)  # several rules split the same paragraphs with the same separators
def _split(text: str, separators: frozenset[str], pairs: bool) -> tuple[tuple[int, int], ...]:
    """Sentence spans of ``text`` as textlint's sentence-splitter cuts them.

    A sentence ends after a run of separator characters; ``.``, ``?`` and ``!`` only before
    white space or the end. With ``pairs`` a separator inside brackets or quotes does not
    end the sentence (newer sentence-splitter). Surrounding white space is trimmed.
    """
    seps = frozenset(separators)
    spans = []
    start = 0
    n = len(text)
    stack: list[str] = []
    # Only separators, line breaks and (with ``pairs``) brackets do anything: jump between them.
    search = _stops(seps, pairs).search
    i = 0
    while True:
        found = search(text, i)
        if found is None:
            break
        i = found.start()
        ch = text[i]
        if pairs:
            if stack and ch == stack[-1]:
                stack.pop()
                i += 1
                continue
            if ch in _OPENERS and not (ch == '"' and stack and stack[-1] == '"'):
                stack.append(_OPENERS[ch])
                i += 1
                continue
        if ch in seps and not stack:
            if ch in _ASCII_SEPARATORS and i + 1 < n and not text[i + 1].isspace() and text[i + 1] not in seps:
                i += 1
                continue
            j = i + 1
            while j < n and text[j] in seps:
                j += 1
            spans.append((start, j))
            start = j
            i = j
            continue
        if ch == "\n" and text.startswith("\n", i + 1):
            spans.append((start, i))
            start = i
            stack.clear()
        i += 1
    if start < n:
        spans.append((start, n))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return tuple(out)


@lru_cache(maxsize=64)
def _stops(separators: frozenset[str], pairs: bool) -> re.Pattern[str]:
    """The characters ``_split`` acts on, as one character class."""
    chars = set(separators) | {"\n"}
    if pairs:
        chars |= set(_OPENERS) | set(_OPENERS.values())
    return re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]")


def as_list(value, default) -> list:
    """An option that should be a list of strings; anything else falls back to ``default``."""
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    return list(default)
