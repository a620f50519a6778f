"""Runs of a block's plain text between inline marks: what textlint calls ``Str`` nodes.

Every mark edge cuts the text; a run lying inside a mark of a hidden kind (code, math, and
whatever a rule skips: links, emphasis ...) is left out. The views the JA rules use
(``str_nodes``, ``str_runs``, ``str_segments`` in ``_textlint_nodes``) differ only in which
kinds they hide and whether they keep runs of white space, so they share this.
"""

from __future__ import annotations


def text_segments(block, hidden: frozenset[str], keep_blank: bool) -> tuple[tuple[int, int], ...]:
    """``(start, end)`` plain-text spans of ``block``'s runs outside marks of ``hidden``
    kinds, computed once per block and view."""
    if not block.marks:  # one run, the whole text: not worth keeping for each block
        text = block.text
        return () if not text or (not keep_blank and text.isspace()) else ((0, len(text)),)
    key = _keys.get((hidden, keep_blank))
    if key is None:  # one key object for all blocks, not one in each block's views
        key = _keys[(hidden, keep_blank)] = ("segments", hidden, keep_blank)
    spans = block.views.get(key)
    if spans is None:
        spans = block.views[key] = tuple(
            (a, b) for a, b, kinds, blank in _pieces(block) if kinds.isdisjoint(hidden) and (keep_blank or not blank)
        )
    return spans


_NO_KINDS: frozenset[str] = frozenset()
_keys: dict[tuple[frozenset[str], bool], tuple[str, frozenset[str], bool]] = {}


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
        opened: dict[int, list[str]] = {}  # position -> kinds of the marks that start there
        closed: dict[int, list[str]] = {}
        for m in block.marks:
            start, end = max(0, min(m.start, n)), max(0, min(m.end, n))
            cuts.add(start)
            cuts.add(end)
            if m.end > m.start:
                opened.setdefault(start, []).append(m.kind)
                closed.setdefault(end, []).append(m.kind)
        points = sorted(cuts)
        out = []
        # One sweep over the cuts, counting the marks of each kind open at each one: every mark
        # edge is a cut, so a run lies wholly inside a mark or outside it.
        open_kinds: dict[str, int] = {}
        kinds = _NO_KINDS
        for a, b in zip(points, points[1:], strict=False):
            if a in closed or a in opened:
                for kind in closed.get(a, ()):
                    open_kinds[kind] = open_kinds.get(kind, 0) - 1
                for kind in opened.get(a, ()):
                    open_kinds[kind] = open_kinds.get(kind, 0) + 1
                kinds = frozenset(kind for kind, count in open_kinds.items() if count > 0)
            if a < b:
                out.append((a, b, kinds, text[a:b].isspace()))
        pieces = tuple(out)
    block.views["pieces"] = pieces
    return pieces
