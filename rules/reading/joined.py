"""Chunks run together: a line or heading far longer than any real one, holding several blocks.

A generator that pastes its chunks back together sometimes loses their line breaks: a heading
goes on with the section's paragraphs (``## 見出し 本文。本文。…``, thousands of characters),
or a paragraph holds several, joined with a space after each final 「。」 (Japanese puts no
space between sentences, so 「。 」 inside a line marks a paragraph that lost its break), with
heading markers inside (``…。 ### 次の節 …``). Published, it is one enormous heading or line.

``joined_lines`` finds them and where each can be split back: before an embedded heading
marker, at a paragraph join, and, in a heading, after the words that form another heading of
the post (the glued heading is usually one the post has elsewhere).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .document import Block, Document
from .prose import normalize

HEADING_MAX = 120  # characters of a heading's text
LINE_MAX = 1000  # characters of one source line of a paragraph
MIN_JOINS = 3
SETEXT_SENTENCES_MIN = 40  # a setext heading this long made of sentences is a paragraph over a rule
# A sentence end, spaces, then more text: where a paragraph break was lost.
_JOIN = re.compile(r"(?<=[。！？])[ \t\u3000]+(?=[^\s#])")
# A heading marker after text on the same line.
_EMBEDDED_HEADING = re.compile(r"(?<=\S)[ \t\u3000]+(?=#{1,6}[ \t]+\S)")
_SPACE = re.compile(r"[ \t\u3000]+")
_HEADING_PREFIX = re.compile(r"^[ \t]*#{1,6}[ \t]+")
_SETEXT = re.compile(r"[ \t]{0,3}(?:-+|=+)[ \t]*(?:\n|$)")


@dataclass(frozen=True)
class JoinedLine:
    """One over-long line: ``start``/``end`` its span, ``kind`` "heading", "setext" (a paragraph
    read as a heading because a rule stands under it) or "paragraph",
    ``length`` its characters, and ``splits``: the spans of white space that become a blank
    line to give the blocks back (empty when no split point is known)."""

    start: int
    end: int
    kind: str
    length: int
    splits: tuple[tuple[int, int], ...]


def _masked_spans(doc: Document, block: Block) -> list[tuple[int, int]]:
    """Source spans of the block's inline code, math and links: never split inside them."""
    out = []
    for m in block.marks:
        if m.kind in ("code", "math", "link") and m.end > m.start:
            s, e = block.source_span(m.start, m.end)
            out.append((s - 1 if m.source_start is None else m.source_start, e + 1))
    return out


def _outside(spans: list[tuple[int, int]], pos: int) -> bool:
    return not any(s <= pos < e for s, e in spans)


def joined_lines(doc: Document, heading_max: int = HEADING_MAX, line_max: int = LINE_MAX) -> list[JoinedLine]:
    """Every heading or paragraph line that holds several blocks run together."""
    out: list[JoinedLine] = []
    headings: set[str] | None = None
    for block in doc.blocks:
        if block.kind == "heading":
            text = block.text
            sentences = len(_JOIN.findall(text)) + text.rstrip("。").count("。")
            masks = _masked_spans(doc, block)
            embedded = any(
                _outside(masks, m.start()) for m in _EMBEDDED_HEADING.finditer(doc.text, block.start, block.end)
            )
            long = len(text) > heading_max and (sentences or embedded or len(text) > 3 * heading_max)
            if not long and not _paragraph_over_rule(doc, block):
                continue
            if headings is None:
                headings = _known_headings(doc)
            splits = _heading_splits(doc, block, headings, masks)
            kind = "heading" if long else "setext"
            out.append(JoinedLine(block.start, block.end, kind, len(text), splits))
        elif block.kind in ("paragraph", "list_item", "quote"):
            for n in range(block.line, block.end_line):
                start, end = doc.lines.line_span(n)
                start, end = max(start, block.start), min(end, block.end)
                line = doc.text[start:end]
                if len(line) <= min(line_max, heading_max):
                    continue
                # A 「。 」 or a ``#`` inside inline code, math or a link is not a lost break.
                masks = _masked_spans(doc, block)
                joins = [m for m in _JOIN.finditer(line) if _outside(masks, start + m.start())]
                embedded = any(_outside(masks, start + m.start()) for m in _EMBEDDED_HEADING.finditer(line))
                if not ((len(line) > line_max and len(joins) >= MIN_JOINS) or (embedded and len(line) > heading_max)):
                    continue
                cuts: tuple[tuple[int, int], ...] = ()
                if block.kind == "paragraph" and not block.containers:
                    found = [m.span() for m in _EMBEDDED_HEADING.finditer(line)]
                    found += [m.span() for m in _JOIN.finditer(line)]
                    cuts = tuple(sorted({(start + s, start + e) for s, e in found if _outside(masks, start + s)}))
                out.append(JoinedLine(start, end, "paragraph", len(line), cuts))
    return out


def _paragraph_over_rule(doc: Document, block: Block) -> bool:
    """A setext heading that is a paragraph of sentences with a ``---`` rule right under it."""
    if doc.text.startswith("#", block.start) or _HEADING_PREFIX.match(doc.text, block.start):
        return False
    text = block.text.strip()
    sentence_ends = len(re.findall(r"[。！？!?](?=.)", text, re.S))
    return len(text) > SETEXT_SENTENCES_MIN and (sentence_ends >= 1 or text.endswith("。"))


def _known_headings(doc: Document) -> set[str]:
    """Normalized texts of the post's headings of ordinary length, and of its title."""
    known = {normalize(b.text) for b in doc.blocks if b.kind == "heading" and len(b.text) <= HEADING_MAX}
    fm = doc.front_matter
    if fm is not None and fm.ok and isinstance(fm.data.get("title"), str):
        known.add(normalize(fm.data["title"]))
    known.discard("")
    return known


def _heading_splits(
    doc: Document, block: Block, headings: set[str], masks: list[tuple[int, int]]
) -> tuple[tuple[int, int], ...]:
    """Where a heading glued to its section splits: after the longest prefix that is another
    heading of the post, and before any heading marker inside it."""
    line = doc.text[block.start : block.end]
    if not _HEADING_PREFIX.match(line):
        # A setext heading: a paragraph with a rule (---) right under it, no blank line
        # between. A blank line makes them the paragraph and the rule they were meant to be.
        nl = doc.text.find("\n", block.end)
        return ((nl, nl + 1),) if nl != -1 and _SETEXT.match(doc.text, nl + 1) else ()
    head = _HEADING_PREFIX.match(line)
    offset = block.start + (head.end() if head else 0)
    body = doc.text[offset : block.end]
    splits = [(block.start + m.start(), block.start + m.end()) for m in _EMBEDDED_HEADING.finditer(line)]
    best = None
    for m in _SPACE.finditer(body):
        if m.start() > 2 * HEADING_MAX:
            break
        if normalize(body[: m.start()]) in headings and _outside(masks, offset + m.start()):
            best = (offset + m.start(), offset + m.end())
    if best is not None:
        splits.append(best)
    return tuple(sorted(set(splits)))
