"""``Document``: one file's text with its front matter, blocks, sentences and chunks.

Built once per lint from markdown-it tokens. Every block carries its plain text (markup
removed) with an offset map back to the source, so rules work on prose and still report
absolute offsets. Rules never search the raw file again.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from ..model import LineIndex
from .frontmatter import FrontMatter, find_front_matter
from .markdown import parse, parse_compact, parse_inline
from .markers import MARKER_RE as _ANY_MARKER
from .markers import Marker, classify, is_mention, masked
from .sentences import split_block

PROSE_KINDS = frozenset({"paragraph", "heading", "list_item", "quote", "table_cell"})
CODE_KINDS = frozenset({"code", "math", "html"})
# What may stand between a block's source position and its next piece of plain text.
_MARKUP_CHARS = "*_~`[]()<>!#>\\ \t\n-+=|0123456789.:"

_FOOTNOTE_LABEL = re.compile(r"[ \t]*\[\^[^\]\n]+\]:[ \t]*")
_CONTAINER_PREFIX = re.compile(r"(?:[ \t]*>|[ \t]*(?:[-*+]|[0-9]{1,9}[.)])(?=[ \t]))*[ \t]*")
# A cell separator of a table row: a "|" not escaped with a backslash.
_CELL_PIPE = re.compile(r"(?<!\\)\|")
_ROW_PREFIX = re.compile(r"[ \t]*(?:>[ \t]*)*")


def _prefix_end(row: str, pos: int) -> int:
    """Where the white space and block quote marks from ``pos`` on end."""
    m = _ROW_PREFIX.match(row, pos)
    return m.end() if m else pos


# A generator's chunk marker on a line of its own: ---END---, --- END ---, ===END===. Markers
# elsewhere in a line are found too (``markers.MARKER_RE``); this one is for whole lines.
MARKER_RE = re.compile(r"^[ \t]*(?:-{3,}|={3,})[ \t]*END[ \t]*(?:-{3,}|={3,})[ \t]*$", re.I | re.M)


@dataclass(slots=True)
class Mark:
    """An inline element inside a block's plain text: code, strong, em, link, image, math, html."""

    kind: str
    start: int  # plain-text offsets
    end: int
    source_start: int | None = None  # absolute offset of its opening delimiter (` [ ** ...), if known


@dataclass(slots=True)
class Block:
    """A Markdown block with absolute source span and plain text.

    ``offsets[i]`` is the source offset of ``text[i]``; ``offsets[len(text)]`` is the
    offset just after the last character.
    """

    kind: str
    start: int
    end: int
    line: int  # 0-based first line
    end_line: int  # 0-based, exclusive
    text: str = ""
    # Once the block is read: where its text begins in the source, when it is written there in
    # one piece (most blocks, and every plain table cell: not even a range object per cell),
    # else an array("q") of each character's offset. Read it as ``offsets``.
    _offsets: Sequence[int] | int = ()
    level: int = 0
    containers: tuple[str, ...] = ()
    info: str = ""
    marks: Sequence[Mark] = ()
    index: int = 0
    # Views of the block that several rules ask for (Str runs and the like), computed once:
    # made on first use, as most blocks of a long table never get one (a dict each was 64 bytes
    # per cell).
    _views: dict | None = field(default=None, repr=False, compare=False)

    @property
    def views(self) -> dict:
        views = self._views
        if views is None:
            views = self._views = {}
        return views

    @property
    def offsets(self) -> Sequence[int]:
        offsets = self._offsets
        if isinstance(offsets, int):
            return range(offsets, offsets + len(self.text) + 1)
        return offsets

    @offsets.setter
    def offsets(self, offsets: Sequence[int]) -> None:
        if isinstance(offsets, range) and offsets.step == 1 and len(offsets) == len(self.text) + 1:
            self._offsets = offsets.start
        else:
            self._offsets = offsets

    @property
    def is_prose(self) -> bool:
        return self.kind in PROSE_KINDS

    def source_span(self, plain_start: int, plain_end: int) -> tuple[int, int]:
        """Absolute span of ``text[plain_start:plain_end]``."""
        first = self._offsets
        if isinstance(first, int):  # written in one piece
            plain_start = max(0, min(plain_start, len(self.text)))
            return first + plain_start, first + max(plain_start, min(plain_end, len(self.text)))
        if not self.offsets:
            return self.start, self.end
        plain_start = max(0, min(plain_start, len(self.text)))
        plain_end = max(plain_start, min(plain_end, len(self.text)))
        start = self.offsets[plain_start]
        end = self.offsets[plain_end - 1] + 1 if plain_end > plain_start else start
        return start, end

    def node_start(self, plain_start: int) -> int:
        """Absolute offset where the text at ``plain_start`` begins as written: the opening
        delimiter of the outermost inline element starting there (`` ` ``, ``[``, ``**``),
        else the character itself. textlint's nodes, and so its ranges, begin there."""
        starts = [m.source_start for m in self.marks if m.start == plain_start and m.source_start is not None]
        return min(starts) if starts else self.source_span(plain_start, plain_start)[0]

    def is_all(self, kind: str) -> bool:
        """True when one inline mark of ``kind`` covers all of the non-space text."""
        stripped = self.text.strip()
        if not stripped:
            return False
        lead = len(self.text) - len(self.text.lstrip())
        return any(m.kind == kind and m.start <= lead and m.end >= lead + len(stripped) for m in self.marks)


@dataclass(slots=True)
class Sentence:
    """A sentence of a prose block; ``start``/``end`` are absolute offsets."""

    text: str
    start: int
    end: int
    block: Block
    plain_start: int
    plain_end: int


@dataclass(slots=True)
class Chunk:
    """The text between two markers (or the body's start/end)."""

    index: int
    start: int
    end: int
    blocks: list[Block]
    marker_after: Marker | None


class Document:
    """The parsed view of one file that every rule reads."""

    def __init__(self, text: str, path: str | None = None):
        self.text = text
        self.path = path
        self.lines = LineIndex(text)
        self.front_matter: FrontMatter | None = find_front_matter(text)
        self.body_start = self.front_matter.span[1] if self.front_matter else 0
        self.blocks: list[Block] = []
        # Views of the document that several rules ask for, computed once (see Block.views).
        self.views: dict = {}
        self._pending_map: list[int] = [0, 0]
        self._nestings: dict[tuple[str, ...], tuple[str, ...]] = {}
        self._last_row: tuple[int, tuple] | None = None  # see _table_row
        # Blank the front matter so markdown-it never reads it, keeping every offset.
        head = text[: self.body_start]
        body_text = "\n".join(" " * len(line) for line in head.split("\n")) + text[self.body_start :]
        self._build_blocks(body_text, self.lines.starts)
        self.markers: list[Marker] = self._find_markers()
        if self.markers:
            # Each marker is a block boundary wherever it sits: parse again with the markers
            # blanked out, so no block holds one and chunks split cleanly.
            self.blocks = []
            parsed = masked(body_text, self.markers)
            self._build_blocks(parsed, LineIndex(parsed).starts)

    @property
    def tokens(self) -> list:
        """The markdown-it tokens of the text the blocks were built from, for rules that need the
        block tree (nesting, neighbours) the flat list loses. Parsed again when first asked for:
        most runs never ask, and keeping them would hold several objects per table cell."""
        tokens = self.views.get("tokens")
        if tokens is None:
            tokens = self.views["tokens"] = parse(self._parsed)
        return tokens

    # -- construction ---------------------------------------------------------------
    def _build_blocks(self, parsed: str, starts: list[int]) -> None:
        """Blocks of ``parsed``: the text as markdown-it reads it, offset for offset ``self.text``
        (front matter and chunk markers blanked); ``starts`` are its line starts."""
        self._parsed = parsed
        self._parsed_starts = starts
        self._last_row = None  # rows are lines of ``parsed``
        tokens, env = parse_compact(parsed)
        containers: list[str] = []
        pending: tuple[str, int] | None = None  # kind and level of the open block awaiting its inline
        cell = 0  # the index of the next cell in a table row
        for tok in tokens:
            ttype = tok.type
            if ttype.endswith("_open"):
                base = ttype[:-5]
                if base == "tr":
                    cell = 0
                if base in ("heading", "paragraph", "th", "td"):
                    if base == "heading":
                        pending = ("heading", int(tok.tag[1:]))
                    elif base == "paragraph":
                        inner = containers[-1] if containers else ""
                        kind = {"list_item": "list_item", "blockquote": "quote"}.get(inner, "paragraph")
                        pending = (kind, 0)
                    else:
                        pending = ("table_cell", cell)
                        cell += 1
                    if tok.map:
                        self._pending_map = tok.map
                else:
                    containers.append(base)
                continue
            if ttype.endswith("_close"):
                base = ttype[:-6]
                if base not in ("heading", "paragraph", "th", "td") and containers:
                    containers.pop()
                continue
            if ttype == "inline" and pending is not None:
                kind, level = pending
                pending = None
                line0, line1 = tok.map or self._pending_map
                if kind == "table_cell":  # ``level`` is the cell's index in its row
                    block = self._cell_block(level, tok.children or [], line0, self._shared(containers))
                else:
                    block, _ = self._inline_block(kind, level, tok, line0, line1, self._shared(containers))
                self.blocks.append(block)
            elif ttype == "table_rows":  # a table's body: each row's line and the text of its cells
                in_row = self._shared([*containers, "tr"])
                parsed_cells = tok.meta.get("children")
                for r, (line, cells) in enumerate(tok.meta["rows"]):
                    for index, content in enumerate(cells):
                        if parsed_cells is not None:
                            children = parsed_cells[r][index]
                        else:
                            children = parse_inline(content, env) if content else []
                        self.blocks.append(self._cell_block(index, children, line, in_row))
            elif ttype in ("fence", "code_block", "math_block", "math_block_label", "html_block"):
                if not tok.map:
                    continue
                kind = {"fence": "code", "code_block": "code", "html_block": "html"}.get(ttype, "math")
                start, end = self._line_offset(tok.map[0]), self._block_end(tok.map[1])
                self.blocks.append(
                    Block(
                        kind,
                        start,
                        end,
                        *self._real_lines(start, end),
                        text=tok.content,
                        containers=self._shared(containers),
                        info=tok.info.strip(),
                    )
                )
            elif ttype == "hr" and tok.map:
                start, end = self._line_offset(tok.map[0]), self._block_end(tok.map[1])
                self.blocks.append(Block("hr", start, end, *self._real_lines(start, end)))
        for i, block in enumerate(self.blocks):
            block.index = i

    def _shared(self, containers: list[str]) -> tuple[str, ...]:
        """One tuple for each nesting of containers, however many blocks share it (every cell
        of a table does)."""
        key = tuple(containers)
        return self._nestings.setdefault(key, key)

    @property
    def token_line_starts(self) -> list[int]:
        """Where each line of the text ``tokens`` were parsed from starts: the file's text with its
        front matter and chunk markers blanked (the same offsets, but a marker inside a line
        may have become a line break), so a token's ``map`` lines index this, not ``lines``."""
        return self._parsed_starts

    def _line_offset(self, line: int) -> int:
        """Offset where ``line`` of the parsed text starts."""
        starts = self._parsed_starts
        return starts[line] if line < len(starts) else len(self.text)

    def _block_end(self, line1: int) -> int:
        """End offset of a block whose last parsed line is ``line1 - 1`` (newline excluded)."""
        end = self._line_offset(line1)
        if end > 0 and end <= len(self._parsed) and self._parsed[end - 1 : end] == "\n":
            end -= 1
        return end

    def _real_lines(self, start: int, end: int) -> tuple[int, int]:
        """0-based first line and exclusive last line of ``text[start:end]`` in the file."""
        line0 = self.lines.line_of(start)
        return line0, max(line0 + 1, self.lines.line_of(max(start, end - 1)) + 1)

    def _inline_block(self, kind, level, tok, line0, line1, containers, cursor=None) -> tuple[Block, int]:
        """The block of an inline token, and where in the source its text ended."""
        start = self._line_offset(line0)
        end = self._block_end(line1)
        block = Block(kind, start, end, *self._real_lines(start, end), level=level, containers=containers)
        if cursor is None and "footnote" in containers:
            label = _FOOTNOTE_LABEL.match(self.text, start, end)
            cursor = label.end() if label else None  # the text of a footnote begins after its label
        elif cursor is None and kind != "heading":
            prefix = _CONTAINER_PREFIX.match(self.text, start, end)  # "> ", "- ", "1. " and indent
            cursor = prefix.end() if prefix else None
        mapper = _InlineMapper(self.text, start if cursor is None else cursor, end, block)
        mapper.run(tok.children or [])
        return block, mapper.cursor

    def _cell_block(self, index: int, children: list, line: int, containers) -> Block:
        """A table cell: its text is looked for from the cell's own place in the row, after the
        ``index``-th unescaped ``|`` (a long earlier cell would otherwise hide it)."""
        row_start, end, lines, row, lead, pipes = self._table_row(line)
        start = row_start
        cell = lead if index == 0 else pipes[index - 1] + 1 if index - 1 < len(pipes) else None
        if cell is not None:
            start = row_start + _prefix_end(row, cell)  # the cell's padding too
        block = Block("table_cell", row_start, end, *lines, containers=containers)
        _InlineMapper(self.text, start, end, block).run(children)
        return block

    def _table_row(self, line: int) -> tuple[int, int, tuple[int, int], str, int, list[int]]:
        """Where the row on ``line`` starts and ends, its lines, its text, where its first cell
        begins and its unescaped ``|`` after that: found once for all the cells of the row,
        which also share these numbers (a 40,000-row table made 120,000 copies of each)."""
        cached = self._last_row
        if cached is not None and cached[0] == line:
            return cached[1]
        row_start = self._line_offset(line)
        end = self._block_end(line + 1)
        row = self.text[row_start:end]
        lead = _prefix_end(row, 0)  # indentation and block quote marks
        pipes = [m.start() for m in _CELL_PIPE.finditer(row, lead)]
        if row.startswith("|", lead):
            lead += 1
            pipes = pipes[1:]
        found = (row_start, end, self._real_lines(row_start, end), row, lead, pipes)
        self._last_row = (line, found)
        return found

    def _find_markers(self) -> list[Marker]:
        text = self.text
        if "END" not in text and "end" not in text and "End" not in text:
            return []
        # Not a marker: inside code (blocks and inline spans), math or raw HTML, or quoted.
        hidden: list[tuple[int, int]] = [(b.start, b.end) for b in self.blocks if b.kind in CODE_KINDS]
        for b in self.blocks:
            for mark in b.marks:
                if mark.kind in ("code", "math") and mark.end > mark.start:
                    s, e = b.source_span(mark.start, mark.end)
                    hidden.append((s - 1 if mark.source_start is None else mark.source_start, e + 1))
        markers = []
        for m in _ANY_MARKER.finditer(text, self.body_start):
            start, end = m.start(), m.end()
            if any(s <= start < e for s, e in hidden) or is_mention(text, start, end):
                continue
            markers.append(classify(text, start, end, self.lines.line_of(start)))
        return markers

    # -- views ----------------------------------------------------------------------
    @property
    def body(self) -> str:
        return self.text[self.body_start :]

    @cached_property
    def marker_lines(self) -> frozenset[int]:
        return frozenset(m.line for m in self.markers)

    def prose_blocks(self) -> Iterator[Block]:
        """Blocks of prose (chunk markers are never part of a block)."""
        return iter(self._prose_blocks)

    @cached_property
    def _prose_blocks(self) -> tuple[Block, ...]:
        # Every rule walks these; a document's blocks do not change once it is built.
        return tuple(b for b in self.blocks if b.is_prose)

    @cached_property
    def sentences(self) -> list[Sentence]:
        out: list[Sentence] = []
        for block in self.prose_blocks():
            for ps, pe in split_block(block, self.text):
                s, e = block.source_span(ps, pe)
                out.append(Sentence(block.text[ps:pe], s, e, block, ps, pe))
        return out

    @cached_property
    def chunks(self) -> list[Chunk]:
        """The body split at markers; each chunk lists the blocks inside it."""
        bounds = [self.body_start]
        for m in self.markers:
            bounds.append(m.start)
        chunks = []
        for i, start in enumerate(bounds):
            marker = self.markers[i] if i < len(self.markers) else None
            end = marker.start if marker else len(self.text)
            if i > 0:
                start = self.markers[i - 1].end
            blocks = [b for b in self.blocks if b.start >= start and b.end <= end]
            chunks.append(Chunk(i, start, end, blocks, marker))
        return chunks

    def position(self, offset: int) -> tuple[int, int]:
        return self.lines.position(offset)


class _InlineMapper:
    """Rebuilds a block's plain text from inline tokens, aligning each piece with the source."""

    def __init__(self, text: str, start: int, end: int, block: Block):
        self.src = text
        self.cursor = start
        self.limit = end
        self.block = block
        self.parts: list[str] = []
        self.marks: list[Mark] = []
        # Text written in one piece keeps its offsets as a range from ``run_start``; any other
        # piece turns them into an array: eight bytes per character (a list of ints took
        # thirty-six, a megabyte line 36 MB; a range takes 48 bytes whatever the length).
        self.offsets: array | None = None
        self.run_start: int | None = None
        self.length = 0
        self.open_marks: dict[str, list[tuple[int, int | None]]] = {}

    def run(self, children) -> None:
        for tok in children:
            t = tok.type
            if t == "text":
                self._add_text(tok.content)
            elif t in ("code_inline", "math_inline", "math_inline_double"):
                kind = "code" if t == "code_inline" else "math"
                begin = self.length
                opening = self._delimiter(tok.markup or "$")
                self._add_text(tok.content)
                self.marks.append(Mark(kind, begin, self.length, opening))
                self._skip_closing(tok.markup or "$")
            elif t in ("softbreak", "hardbreak"):
                nl = self.src.find("\n", self.cursor, self.limit + 1)
                pos = nl if nl != -1 else self.cursor
                self._append("\n", range(pos, pos + 1))
                if nl != -1:
                    self.cursor = nl + 1
            elif t == "link_open" and tok.markup == "autolink":
                # <https://...>: the text is the address itself, written between < and >.
                opening = self._delimiter("<")
                self.open_marks.setdefault("link", []).append((self.length, opening))
                self._skip_to("<")
            elif t.endswith("_open"):
                # An autolink (<https://...>) opens with "<"; other links with "[".
                bracket = "<" if tok.markup == "autolink" else "["
                opening = self._delimiter(bracket if t == "link_open" else tok.markup)
                self.open_marks.setdefault(t[:-5], []).append((self.length, opening))
                if t == "link_open":
                    self._skip_to(bracket)
            elif t.endswith("_close"):
                kind = t[:-6]
                stack = self.open_marks.get(kind)
                if stack:
                    begin, opening = stack.pop()
                    self.marks.append(Mark(kind, begin, self.length, opening))
                if kind == "link":
                    if tok.markup == "autolink":
                        self._skip_closing(">")
                    else:
                        self._skip_link_target()
            elif t == "image":
                m = re.compile(r"!\[[^\]]*\]\([^)]*\)|!\[[^\]]*\](\[[^\]]*\])?").match(self.src, self._find("!"))
                self.marks.append(Mark("image", self.length, self.length))
                if m:
                    self.cursor = m.end()
            elif t == "html_inline":
                pos = self.src.find(tok.content, self.cursor, self.limit + 1)
                if pos != -1:
                    self.cursor = pos + len(tok.content)
                self.marks.append(Mark("html", self.length, self.length))
            elif t == "footnote_ref":
                m = re.compile(r"\[\^[^\]]*\]").search(self.src, self.cursor, self.limit + 1)
                if m:
                    self.cursor = m.end()
        self.block.text = "".join(self.parts)
        if self.marks:
            self.block.marks = self.marks
        if self.offsets is None:
            start = self.cursor if self.run_start is None else self.run_start
            self.block.offsets = range(start, start + self.length + 1)
        else:
            self.offsets.append(self.offsets[-1] + 1 if self.offsets else self.cursor)
            self.block.offsets = self.offsets

    def _delimiter(self, markup: str) -> int | None:
        """Where ``markup`` opens next in the source (None if it cannot be found)."""
        if not markup:
            return None
        pos = self.src.find(markup, self.cursor, self.limit + 1)
        return pos if pos != -1 else None

    def _append(self, piece: str, offsets: Iterable[int]) -> None:
        self.parts.append(piece)
        if self.offsets is None:
            if isinstance(offsets, range) and offsets.step == 1:
                if not offsets:
                    return
                if self.run_start is None:
                    self.run_start = offsets.start
                if offsets.start == self.run_start + self.length:
                    self.length += len(piece)
                    return
            run = self.run_start
            self.offsets = array("q", range(run, run + self.length) if run is not None else ())
        self.offsets.extend(offsets)
        self.length += len(piece)

    def _find(self, s: str) -> int:
        pos = self.src.find(s, self.cursor, self.limit + 1)
        return pos if pos != -1 else self.cursor

    def _skip_to(self, s: str) -> None:
        pos = self.src.find(s, self.cursor, self.limit + 1)
        if pos != -1:
            self.cursor = pos + len(s)

    def _skip_closing(self, markup: str) -> None:
        # A code span's content loses the one space written before its closing backticks.
        pos = self.cursor + 1 if self.src.startswith(" " + markup, self.cursor) else self.cursor
        if self.src.startswith(markup, pos):
            self.cursor = pos + len(markup)

    def _skip_link_target(self) -> None:
        src, cur = self.src, self.cursor
        while cur < self.limit and src[cur] in "*_~":  # the closing of emphasis inside the link text
            cur += 1
        if src.startswith("](", cur):
            depth, i = 0, cur + 2
            while i <= self.limit and i < len(src):
                c = src[i]
                if c == "(":
                    depth += 1
                elif c == ")":
                    if depth == 0:
                        self.cursor = i + 1
                        return
                    depth -= 1
                elif c == "\n" and src.startswith("\n\n", i):
                    break
                i += 1
        elif src.startswith("][", cur):
            end = src.find("]", cur + 2, self.limit + 1)
            if end != -1:
                self.cursor = end + 1
        elif src.startswith("]", cur):
            self.cursor = cur + 1

    def _add_text(self, content: str) -> None:
        if not content:
            return
        src, cur = self.src, self.cursor
        if src.startswith(content, cur):
            self._append(content, range(cur, cur + len(content)))
            self.cursor = cur + len(content)
            return
        pos = src.find(content, cur, self.limit + 1)
        # Accept a direct hit only when what is skipped looks like markup, not prose.
        if pos != -1 and (pos - cur) <= 8 and not src[cur:pos].strip(_MARKUP_CHARS):
            self._append(content, range(pos, pos + len(content)))
            self.cursor = pos + len(content)
            return
        # Escapes, entities or container prefixes: align character by character.
        offsets = []
        for ch in content:
            if ch == " " and src.startswith("\n", cur):  # a line break that the inline text made a space
                offsets.append(cur)
                cur += 1
                continue
            found = src.find(ch, cur, min(cur + 12, self.limit + 1))
            if found == -1:
                offsets.append(min(cur, self.limit))
            else:
                offsets.append(found)
                cur = found + 1
        self._append(content, offsets)
        self.cursor = max(cur, self.cursor)
