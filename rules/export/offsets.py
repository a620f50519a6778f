"""Following offsets through the exporter's successive rewrites.

The exporter rewrites a post in passes (structure, fixes, front matter). Each pass applies
non-overlapping edits to the previous pass's text. ``EditLog`` remembers them so that a
change made in any pass can be reported at its place in the input, and a place in the
input can be found again in the output.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Edit


def apply_sorted(text: str, edits: list[Edit]) -> str:
    """Apply non-overlapping edits, given in order, in one sweep."""
    out, pos = [], 0
    for e in edits:
        out.append(text[pos : e.start])
        out.append(e.text)
        pos = e.end
    out.append(text[pos:])
    return "".join(out)


def merge_edits(edits: list[Edit]) -> list[Edit]:
    """Sort edits and merge the ones that overlap into one.

    An edit inside another is dropped (the outer one decides the text); edits that only
    partly overlap become one whose text is theirs joined in order.
    """
    merged: list[Edit] = []
    for e in sorted(edits, key=lambda e: (e.start, -e.end)):
        if merged and e.start < merged[-1].end:
            last = merged[-1]
            if e.end > last.end:
                merged[-1] = Edit(last.start, e.end, last.text + e.text)
        else:
            merged.append(e)
    return merged


@dataclass
class EditLog:
    """The passes applied since the input: each a sorted list of non-overlapping edits."""

    passes: list[list[Edit]] = field(default_factory=list)

    def add(self, edits: list[Edit]) -> None:
        if edits:
            self.passes.append(list(edits))

    def to_input(self, offset: int, end: bool = False) -> int:
        """The input offset of ``offset`` in the current text.

        Where text was deleted right at ``offset``, a start maps after the deleted text and
        an ``end`` before it, so a span never takes in text that an earlier pass removed.
        """
        for edits in reversed(self.passes):
            offset = _back(edits, offset, end)
        return offset

    def to_output(self, offset: int) -> int:
        """Where input ``offset`` is in the output (inside a replaced span: its start)."""
        for edits in self.passes:
            offset = _forward(edits, offset)
        return offset


def _forward(edits: list[Edit], offset: int) -> int:
    shift = 0
    for e in edits:
        if e.end <= offset and not (e.start == e.end == offset):
            shift += len(e.text) - (e.end - e.start)
        elif e.start <= offset < e.end:
            return e.start + shift
        else:
            break
    return offset + shift


def _back(edits: list[Edit], offset: int, end: bool) -> int:
    shift = 0
    for e in edits:
        new_start = e.start + shift
        new_end = new_start + len(e.text)
        if new_end < offset or (new_end == offset and not (end and new_start == new_end)):
            shift += len(e.text) - (e.end - e.start)
        elif new_start <= offset < new_end:
            return e.start
        else:
            break
    return offset - shift
