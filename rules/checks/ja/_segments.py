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
        spans = block.views[key] = _segments(block, hidden, keep_blank)
    return spans


def _segments(block, hidden_kinds: frozenset[str], keep_blank: bool) -> tuple[tuple[int, int], ...]:
    text = block.text
    n = len(text)
    if not n:
        return ()
    if not block.marks:  # about half of all paragraphs: one run, the whole text
        return ((0, n),) if keep_blank or not text.isspace() else ()
    cuts = {0, n}
    hidden = []
    for m in block.marks:
        cuts.add(max(0, min(m.start, n)))
        cuts.add(max(0, min(m.end, n)))
        if m.end > m.start and m.kind in hidden_kinds:
            hidden.append((m.start, m.end))
    points = sorted(cuts)
    out = []
    for a, b in zip(points, points[1:]):
        # Every mark edge is a cut, so a run lies wholly inside a hidden mark or outside all.
        if a < b and not any(hs <= a < he for hs, he in hidden) and (keep_blank or not text[a:b].isspace()):
            out.append((a, b))
    return tuple(out)
