"""Applying fixes: non-overlapping edits, back to front, repeated until nothing changes."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ..model import Diagnostic, Edit, Fix

MAX_PASSES = 10
LEVELS = {"safe": ("safe",), "unsafe": ("safe", "unsafe"), "display": ("safe", "unsafe", "display")}


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """Apply edits that do not overlap (later ones that would overlap are skipped)."""
    chosen: list[Edit] = []
    last_end = -1
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        if e.start < last_end or (e.start == last_end and chosen and chosen[-1].start == chosen[-1].end == e.start):
            continue
        chosen.append(e)
        last_end = e.end
    for e in reversed(chosen):
        text = text[: e.start] + e.text + text[e.end :]
    return text


def select_fixes(diagnostics: Iterable[Diagnostic], applicability: str = "safe") -> list[Fix]:
    allowed = LEVELS[applicability]
    return [d.fix for d in diagnostics if d.fix is not None and d.fix.applicability in allowed]


def apply_fix_set(text: str, fixes: Iterable[Fix]) -> str:
    """Apply whole fixes: a fix whose edits would overlap an earlier fix is left for later."""
    taken: list[tuple[int, int]] = []
    edits: list[Edit] = []
    for fix in sorted(fixes, key=lambda f: min((e.start for e in f.edits), default=0)):
        spans = [(e.start, e.end) for e in fix.edits]
        if any(_overlaps(s, t) for s in spans for t in taken):
            continue
        taken.extend(spans)
        edits.extend(fix.edits)
    return apply_edits(text, edits)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    if a[0] == a[1] or b[0] == b[1]:  # insertions conflict only at the same point or inside
        return a[0] == b[0] or (b[0] < a[0] < b[1]) or (a[0] < b[0] < a[1])
    return a[0] < b[1] and b[0] < a[1]


def fix_until_stable(
    text: str, lint: Callable[[str], list[Diagnostic]], applicability: str = "safe", max_passes: int = MAX_PASSES
) -> tuple[str, int]:
    """Lint, apply the allowed fixes, and repeat until stable. Returns (text, fixes applied)."""
    applied = 0
    for _ in range(max_passes):
        fixes = select_fixes(lint(text), applicability)
        if not fixes:
            break
        new = apply_fix_set(text, fixes)
        if new == text:
            break
        applied += len(fixes)
        text = new
    return text, applied
