"""Relinting an edited document without reading all of it again.

A language server relints on every keystroke. Parsing and linting a whole article takes about
100 ms for 47,000 characters, most of it spent on text that did not change, so an edit is
relinted in two steps:

- ``Relinter.quick(text)``: the blank-line-delimited section around the edit is parsed on its
  own and checked by the *local* rules (those whose findings in a section depend only on that
  section: sentence, word and character rules). Their findings elsewhere, and the findings of
  the document-wide rules, are carried over from the previous result, moved by the edit.
  It gives up (returns None) when the section is not self-contained Markdown (code fences,
  containers, HTML, link definitions, chunk markers, comments, front matter nearby).
- ``Relinter.full(text)`` (or ``adopt``, with a full result computed elsewhere): every rule on
  the whole document, exactly as ``lint_text``.

So the local rules' findings are always those of a full lint; the document-wide rules' are
those of the last full lint, moved with the text, until the next one. ``complete`` says which.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace

from ..model import Diagnostic, Edit, Fix, LineIndex
from ..reading.document import MARKER_RE, Document
from .config import Config
from .run import RuleSetting, Suppressions, collect, finish, resolve_rules

# Rules whose findings inside a blank-line-delimited section of prose depend on that section
# alone: they look at one sentence, paragraph or list item at a time. A test relints every
# section of the corpus both ways and compares.
LOCAL_RULES = frozenset(
    {
        "JA001", "JA002", "JA003", "JA004", "JA007", "JA008", "JA009", "JA010", "JA011", "JA012",
        "JA013", "JA014", "JA015", "JA016", "JA017", "JA018", "JA019", "JA020", "JA021", "JA022",
        "JA023", "JA024", "JA025", "TM002", "TM003", "MD004",
    }
)  # fmt: skip

# Blocks a section may hold to be parsed on its own with the same result: top-level prose and lists.
_SAFE_KINDS = frozenset({"paragraph", "heading", "list_item", "hr"})
_SAFE_CONTAINERS = frozenset({"bullet_list", "ordered_list", "list_item"})
# Constructs that reach across blank lines or out of their section: fences, math, containers,
# HTML (comments carry suppressions), link and footnote definitions, tables, quotes.
_UNSAFE_LINE = re.compile(r"^[ \t]*(?:```|~~~|\$\$|:::|<|\||>|\[[^\]]*\]:)", re.M)


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    safe: bool = True  # top-level prose or a list: parsed the same on its own


def _safe(block) -> bool:
    return block.kind in _SAFE_KINDS and _SAFE_CONTAINERS.issuperset(block.containers)


def changed_region(old: str, new: str) -> tuple[int, int, int]:
    """``(start, old_end, new_end)``: ``old[start:old_end]`` became ``new[start:new_end]``."""
    n = min(len(old), len(new))
    lo, hi = 0, n  # the common prefix, found by halving: slice comparisons run in C
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if old[lo:mid] == new[lo:mid]:
            lo = mid
        else:
            hi = mid - 1
    start = lo
    limit = n - start
    lo, hi = 0, limit
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if old[len(old) - mid : len(old) - lo] == new[len(new) - mid : len(new) - lo]:
            lo = mid
        else:
            hi = mid - 1
    return start, len(old) - lo, len(new) - lo


def _move(offset: int, start: int, old_end: int, delta: int, *, at_end: bool = False) -> int:
    """Where ``offset`` of the old text lands in the new one."""
    if offset < start or (offset == start and not at_end):
        return offset
    if offset >= old_end:
        return offset + delta
    return start if not at_end else max(start, min(offset + delta, old_end + delta))


def _move_fix(fix: Fix | None, start: int, old_end: int, delta: int) -> Fix | None:
    if fix is None:
        return None
    edits = []
    for e in fix.edits:
        if e.end > start and e.start < old_end or (e.start == e.end == start and old_end > start):
            return None  # it edits text that changed: offered again after the next full lint
        edits.append(
            Edit(_move(e.start, start, old_end, delta), _move(e.end, start, old_end, delta, at_end=True), e.text)
        )
    return replace(fix, edits=tuple(edits))


class Relinter:
    """The findings of one open document, kept up to date edit by edit."""

    def __init__(self, config: Config, path: str | None):
        self.config = config
        self.path = path
        self.settings: list[RuleSetting] = resolve_rules(config, path)
        self.local = [s for s in self.settings if s.rule.code in LOCAL_RULES]
        self.local_codes = frozenset(s.rule.code for s in self.local)
        self.text: str | None = None
        self.diagnostics: list[Diagnostic] = []
        self.complete = False  # the document-wide rules saw this very text
        self.lines: LineIndex | None = None  # of ``text``, when a section relint made it
        self._body_start = 0
        self._blocks: list[_Span] = []  # every block's span, for the self-containment test
        self._block_starts: list[int] = []

    # -- whole document -------------------------------------------------------------------
    def full(self, text: str, notes: list[str] | None = None) -> list[Diagnostic]:
        """Lint all of ``text`` with every rule (what ``lint_text`` gives)."""
        doc = Document(text, self.path)
        found = collect(doc, self.config, self.settings, None, notes)
        self.adopt(text, finish(doc, found), block_spans(doc), doc.body_start)
        return self.diagnostics

    def adopt(
        self, text: str, diagnostics: list[Diagnostic], blocks: list[tuple[int, int, bool]], body_start: int
    ) -> None:
        """Take a full result computed elsewhere (another process) for ``text``."""
        self.text = text
        self.diagnostics = list(diagnostics)
        self.complete = True
        self.lines = None
        self._body_start = body_start
        self._set_blocks([_Span(s, e, safe) for s, e, safe in blocks])

    def _set_blocks(self, blocks: list[_Span]) -> None:
        self._blocks = blocks
        self._block_starts = [b.start for b in blocks]

    # -- one edit -------------------------------------------------------------------------
    def quick(self, text: str) -> list[Diagnostic] | None:
        """Relint only the section ``text`` changed in; None when that cannot be done exactly."""
        old = self.text
        if old is None:
            return None
        if old == text:
            return self.diagnostics
        start, old_end, new_end = changed_region(old, text)
        delta = new_end - old_end
        section = self._section(old, text, start, old_end, new_end)
        if section is None:
            return None
        sec_start, old_sec_end, sec_end = section
        sub = self._lint_section(text, sec_start, sec_end)
        if sub is None:
            return None
        new_found, new_blocks = sub

        index = LineIndex(text)
        merged = self._carried_over(old, text, index, start, old_end, new_end, sec_start, old_sec_end)
        merged += new_found
        if "-->" in text:
            sup = Suppressions.parse(_TextOnly(text, index))  # type: ignore[arg-type]
            merged = [d for d in merged if d.code not in self.local_codes or not sup.hides(d)]
        merged.sort(key=lambda d: (d.start, d.code, d.end))

        # Blocks: those before the section stay, the section's are new, those after move.
        lo = bisect_left(self._block_starts, sec_start)
        hi = bisect_right(self._block_starts, old_sec_end)
        after = [_Span(b.start + delta, b.end + delta, b.safe) for b in self._blocks[hi:]]
        self._set_blocks(self._blocks[:lo] + new_blocks + after)
        self.text = text
        self.lines = index
        self.diagnostics = merged
        self.complete = False
        return merged

    def _carried_over(
        self,
        old: str,
        text: str,
        index: LineIndex,
        start: int,
        old_end: int,
        new_end: int,
        sec_start: int,
        sec_end: int,
    ) -> list[Diagnostic]:
        """The previous findings, less the local ones of the relinted section, moved with the edit.

        Most are before the edit (kept as they are) or after it (moved by as many characters and
        lines as the edit added; columns change only on the edit's last line); only those that
        overlap the edit are placed again one by one."""
        delta = new_end - old_end
        line_delta = text.count("\n", start, new_end) - old.count("\n", start, old_end)
        last_line = index.line_of(start) + 1 + old.count("\n", start, old_end)  # 1-based, in the old text
        local = self.local_codes
        out: list[Diagnostic] = []
        for d in self.diagnostics:
            if d.code in local and sec_start <= d.start <= sec_end:
                continue  # relinted
            if d.end < start:
                out.append(d)
            elif d.start >= old_end and d.start > start:
                line, column = d.line + line_delta, d.column
                if d.line == last_line:
                    line, column = index.position(d.start + delta)
                end_line, end_column = d.end_line + line_delta, d.end_column
                if d.end_line == last_line:
                    end_line, end_column = index.position(d.end + delta)
                message = d.message
                if line_delta and message.startswith("Line "):
                    message = _renumbered(message, line_delta)
                fix = _move_fix(d.fix, start, old_end, delta) if d.fix else None
                suggestions = (
                    tuple(f for f in (_move_fix(x, start, old_end, delta) for x in d.suggestions) if f is not None)
                    if d.suggestions
                    else ()
                )
                out.append(
                    Diagnostic(
                        d.code,
                        d.name,
                        d.severity,
                        message,
                        d.start + delta,
                        d.end + delta,
                        fix,
                        suggestions,
                        line,
                        column,
                        end_line,
                        end_column,
                        d.data,
                    )
                )
            else:
                out.append(_with_lines(self._moved(d, start, old_end, delta), index))
        return out

    def _section(self, old: str, new: str, start: int, old_end: int, new_end: int) -> tuple[int, int, int] | None:
        """The blank-line-delimited section around the change: (start, end in old, end in new)."""
        blank = new.rfind("\n\n", 0, start)
        sec_start = blank + 2 if blank != -1 else 0
        if sec_start < self._body_start:
            return None  # the front matter, or a paragraph glued to it
        nxt = new.find("\n\n", new_end)
        sec_end = nxt if nxt != -1 else len(new)
        old_sec_end = sec_end - (new_end - old_end)
        if sec_end < new_end or old_sec_end < old_end:
            return None
        old_part, new_part = old[sec_start:old_sec_end], new[sec_start:sec_end]
        for part in (old_part, new_part):
            if not part.strip() or part[:1].isspace() or _UNSAFE_LINE.search(part) or MARKER_RE.search(part):
                return None
            if "<!--" in part or "-->" in part or ("[" in part and "]:" in new):
                return None
        # What follows must not continue the section (an indented line continues a list item).
        rest = sec_end
        while rest < len(new) and new[rest] == "\n":
            rest += 1
        if rest < len(new) and new[rest] in " \t":
            return None
        # No block of the old text may cross the section's edges, and those inside it must be
        # top-level prose or lists (not paragraphs inside a container or a quote).
        i = bisect_right(self._block_starts, sec_start) - 1
        if i >= 0 and self._blocks[i].end > sec_start and self._blocks[i].start < sec_start:
            return None
        j = bisect_left(self._block_starts, old_sec_end)
        if j - 1 >= 0 and self._blocks[j - 1].end > old_sec_end:
            return None
        if not all(b.safe for b in self._blocks[bisect_left(self._block_starts, sec_start) : j]):
            return None
        return sec_start, old_sec_end, sec_end

    def _lint_section(self, text: str, sec_start: int, sec_end: int) -> tuple[list[Diagnostic], list[_Span]] | None:
        # The section alone, followed by what follows it (sentence ends look ahead); its lines
        # are then moved down by the lines before it (columns are the same: it starts a line).
        lines_before = text.count("\n", 0, sec_start)
        sub_text = text[sec_start:sec_end] + text[sec_end : sec_end + 2]
        doc = Document(sub_text, self.path)
        if doc.front_matter is not None:
            return None
        if not all(_safe(b) for b in doc.blocks):
            return None
        shift = sec_start
        found = finish(doc, collect(doc, self.config, self.local, None, None))
        moved = [_shifted(d, shift, lines_before) for d in found]
        return moved, [_Span(b.start + shift, b.end + shift) for b in doc.blocks]

    @staticmethod
    def _moved(d: Diagnostic, start: int, old_end: int, delta: int) -> Diagnostic:
        if d.end <= start and not (d.end == start == d.start and old_end > start):
            return d
        s = _move(d.start, start, old_end, delta)
        e = max(s, _move(d.end, start, old_end, delta, at_end=True))
        fix = _move_fix(d.fix, start, old_end, delta)
        suggestions = tuple(f for f in (_move_fix(x, start, old_end, delta) for x in d.suggestions) if f is not None)
        return replace(d, start=s, end=e, fix=fix, suggestions=suggestions)


class _TextOnly:
    """What ``Suppressions.parse`` reads of a document."""

    def __init__(self, text: str, lines: LineIndex):
        self.text = text
        self.lines = lines


def _shifted(d: Diagnostic, shift: int, lines: int) -> Diagnostic:
    def fix(f: Fix | None) -> Fix | None:
        if f is None:
            return None
        return replace(f, edits=tuple(Edit(e.start + shift, e.end + shift, e.text) for e in f.edits))

    return replace(
        d,
        start=d.start + shift,
        end=d.end + shift,
        fix=fix(d.fix),
        suggestions=tuple(fix(s) for s in d.suggestions),  # type: ignore[misc]
        line=d.line + lines,
        end_line=d.end_line + lines,
        message=_renumbered(d.message, lines) if lines and d.message.startswith("Line ") else d.message,
    )


_LINE_PREFIX = re.compile(r"Line (\d+) ")


def _renumbered(message: str, line_delta: int) -> str:
    """textlint's sentence-length names the sentence's line in its message ("Line 12 sentence ...")."""
    m = _LINE_PREFIX.match(message)
    return f"Line {int(m.group(1)) + line_delta} " + message[m.end() :] if m else message


def _with_lines(d: Diagnostic, index: LineIndex) -> Diagnostic:
    line, col = index.position(d.start)
    end_line, end_col = index.position(d.end)
    if (line, col, end_line, end_col) == (d.line, d.column, d.end_line, d.end_column):
        return d
    moved = d.with_position(line, col, end_line, end_col)
    if line != d.line and d.message.startswith("Line "):
        moved = replace(moved, message=_renumbered(d.message, line - d.line))
    return moved


def block_spans(doc: Document) -> list[tuple[int, int, bool]]:
    """The spans of ``doc``'s blocks, in order, and whether each is top-level prose or a list
    (what ``Relinter.adopt`` takes)."""
    return sorted((b.start, b.end, _safe(b)) for b in doc.blocks)
