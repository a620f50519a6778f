"""Which top-level elements of a rendered page changed between two renders.

The preview shows a Markdown text rendered to a sequence of top-level HTML elements
(paragraphs, headings, code blocks, lists, tables), most carrying their source line as an
``L{line}`` anchor and a ``data-source-line`` attribute. Typing changes one or a few of
them; a new line also shifts the line numbers of everything after it. ``diff_elements``
finds the common prefix (identical elements) and the common suffix (identical but for
line numbers moved by one constant), so that the preview rebuilds only what lies between;
``widen`` grows that run until both its ends are places where a page can be cut. Pure
Python, no Qt.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

# Tags, comments and declarations; attribute values never hold a raw ">" (the renderer escapes it).
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)\b[^>]*?(/?)>|<!--.*?-->|<![^>]*>", re.DOTALL)
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"})
# Line numbers in attributes: anchors (id/name "L{n}") and data-source-line.
_LINE_ATTR = re.compile(r'(\b(?:id|name)="L|\bdata-source-line=")(\d+)(")')
_ANCHOR_ATTR = re.compile(r'\b(?:id|name)="L(\d+)"')
# A paragraph, heading or code block whose own tag carries its anchor: the anchor is on
# the first character of its first text block.
_LEAD = re.compile(r'<(?:p|h[1-6]|pre)\b[^>]*?\bid="L(\d+)"')


class Element:
    """One top-level element of a page; what is known about it is worked out when asked."""

    __slots__ = ("_key", "_lines", "html")

    def __init__(self, html: str):
        self.html = html
        self._key: str | None = None
        self._lines: tuple[int, ...] = ()

    def __repr__(self) -> str:
        return f"Element({self.html[:40]!r}...)"

    @property
    def key(self) -> str:
        """``html`` with every line number replaced by "#"."""
        if self._key is None:
            self._take_out_lines()
        return self._key

    @property
    def lines(self) -> tuple[int, ...]:
        """The line numbers taken out of ``key``, in order."""
        if self._key is None:
            self._take_out_lines()
        return self._lines

    def _take_out_lines(self) -> None:
        lines: list[int] = []

        def take(m: re.Match) -> str:
            lines.append(int(m.group(2)))
            return m.group(1) + "#" + m.group(3)

        self._key = _LINE_ATTR.sub(take, self.html)
        self._lines = tuple(lines)

    @property
    def anchors(self) -> tuple[int, ...]:
        """Lines of the ``L{line}`` anchors it holds, in order."""
        return tuple(int(n) for n in _ANCHOR_ATTR.findall(self.html))

    @property
    def lead(self) -> int | None:
        """The line of the anchor on its own p/h1-6/pre tag, if it has one."""
        m = _LEAD.match(self.html)
        return int(m.group(1)) if m else None

    @property
    def sealed(self) -> bool:
        """Ends in text and holds no table, so the next element starts its own block."""
        return "<table" not in self.html and _ends_in_text(self.html)


@dataclass(frozen=True, slots=True)
class Change:
    """Old elements ``old[start:old_end]`` became ``new[start:new_end]``.

    Elements before are identical; elements after are the same but for their line
    numbers, moved by ``delta``.
    """

    start: int
    old_end: int
    new_end: int
    delta: int


def split_elements(html: str) -> list[Element] | None:
    """The top-level elements of ``html``; None when its structure is not understood."""
    out: list[Element] = []
    stack: list[str] = []
    start = pos = 0
    for m in _TAG.finditer(html):
        if not stack and html[pos : m.start()].strip():
            return None  # text outside any element
        pos = m.end()
        name = m.group(2)
        if name is None:  # comment or declaration: the renderer makes none
            return None
        name = name.lower()
        if not stack:
            start = m.start()
        if m.group(1):
            if not stack or stack.pop() != name:
                return None
        elif not m.group(3) and name not in _VOID:
            stack.append(name)
        if not stack:
            out.append(Element(html[start : m.end()]))
    if stack or html[pos:].strip():
        return None
    return out


def _ends_in_text(html: str) -> bool:
    """Whether text, not a tag, comes last once the closing tags at the end are set aside.

    An element that ends in an empty tag (an empty list item or code block) leaves Qt's
    importer with an open block that the next element's first paragraph merges into.
    """
    end = len(html)
    while True:
        while end and html[end - 1].isspace():
            end -= 1
        if not end or html[end - 1] != ">":
            return end > 0
        start = html.rfind("<", 0, end)
        if start < 0 or not html.startswith("</", start):
            return False
        end = start


def diff_elements(old: list[Element], new: list[Element]) -> Change:
    """The shortest run of elements that changed; the rest is equal (the suffix shifted)."""
    limit = min(len(old), len(new))
    start = 0
    while start < limit and old[start].html == new[start].html:
        start += 1
    delta: int | None = None
    same = 0
    while same < limit - start:
        a, b = old[-1 - same], new[-1 - same]
        if a.html == b.html and not delta:
            if delta is None and a.lines:
                delta = 0  # line numbers included: the suffix did not move
            same += 1
            continue
        if a.key != b.key:
            break
        if a.lines:
            shift = b.lines[0] - a.lines[0]
            if delta is None:
                delta = shift
            if shift != delta or any(y - x != delta for x, y in zip(a.lines, b.lines, strict=False)):
                break
        same += 1
    return Change(start, len(old) - same, len(new) - same, delta or 0)


def widen(change: Change, old: list[Element], new: list[Element], starts_block: Callable[[int], bool]) -> Change | None:
    """``change`` grown until the page can be cut at both its ends; None for the whole page.

    ``starts_block(i)`` tells whether the old element ``i`` is known to begin its own text
    block. A cut may fall at the top of the page, at the end of the page, or before such
    an element; except at the top, the elements just before a cut must be sealed (in the
    old page and in the new one), so that Qt gives the element after the cut a block of
    its own. A run that removes elements without adding any must not begin at the top:
    the page would start with the empty block the cut leaves.
    """
    start, old_end, new_end = change.start, change.old_end, change.new_end
    while start > 0 and not (old[start - 1].sealed and (start == len(old) or starts_block(start))):
        start -= 1
    while old_end < len(old) and not (
        old_end > 0 and new_end > 0 and starts_block(old_end) and old[old_end - 1].sealed and new[new_end - 1].sealed
    ):
        old_end += 1
        new_end += 1
    if start == 0 and old_end == len(old):
        return None
    return Change(start, old_end, new_end, change.delta)
