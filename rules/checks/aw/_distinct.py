"""textlint reports a message once: one identical to another (same range, severity and text)
is dropped. A list item's source holds its nested items, so the AI-writing rules that read
list items find the same thing for the item and for each item around it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ...model import Diagnostic


def distinct(diagnostics: Iterable[Diagnostic]) -> Iterator[Diagnostic]:
    """``diagnostics`` without repeats of the same start, end and message."""
    seen: set[tuple[int, int, str]] = set()
    for d in diagnostics:
        key = (d.start, d.end, d.message)
        if key not in seen:
            seen.add(key)
            yield d
