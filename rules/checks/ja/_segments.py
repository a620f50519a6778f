"""Runs of a block's plain text between inline marks: what textlint calls ``Str`` nodes.

Every mark edge cuts the text; a run lying inside a mark of a hidden kind (code, math, and
whatever a rule skips: links, emphasis ...) is left out. The three views the JA rules use
(``_nodes.str_nodes``, ``_textlint_nodes.str_segments``, ``_str_runs.str_runs``) differ only
in which kinds they hide and whether they keep runs of white space, so they share this.
"""

from __future__ import annotations


def text_segments(block, hidden: frozenset[str], keep_blank: bool) -> tuple[tuple[int, int], ...]:
    """``(start, end)`` plain-text spans of ``block``'s runs outside marks of ``hidden``
    kinds, computed once per block and view."""
    key = ("segments", hidden, keep_blank)
    spans = block.views.get(key)
    if spans is None:
        spans = block.views[key] = tuple(
            (a, b) for a, b, kinds, blank in _pieces(block) if kinds.isdisjoint(hidden) and (keep_blank or not blank)
        )
    return spans


_NO_KINDS: frozenset[str] = frozenset()


def _pieces(block) -> tuple[tuple[int, int, frozenset[str], bool], ...]:
    """The text cut at every mark edge: ``(start, end, kinds of the marks around it,
    whether it is all white space)``, shared by every view of the block."""
    pieces = block.views.get("pieces")
    if pieces is not None:
        return pieces
    text = block.text
    n = len(text)
    if not n:
        pieces = ()
    elif not block.marks:  # about half of all paragraphs: one run, the whole text
        pieces = ((0, n, _NO_KINDS, text.isspace()),)
    else:
        cuts = {0, n}
        marks = []
        for m in block.marks:
            cuts.add(max(0, min(m.start, n)))
            cuts.add(max(0, min(m.end, n)))
            if m.end > m.start:
                marks.append((m.start, m.end, m.kind))
        points = sorted(cuts)
        out = []
        for a, b in zip(points, points[1:], strict=False):
            if a < b:
                # Every mark edge is a cut, so a run lies wholly inside a mark or outside it.
                kinds = frozenset(kind for ms, me, kind in marks if ms <= a < me) if marks else _NO_KINDS
                out.append((a, b, kinds, text[a:b].isspace()))
        pieces = tuple(out)
    block.views["pieces"] = pieces
    return pieces
