"""Export: turn a generated draft into a clean post (DESIGN §5).

``export_post`` runs the steps in order, each as a pass of edits over the previous text:

1. structure (``export_structure``): remove every chunk marker, stitch sentences a marker
   cut, drop a chunk's opening that restates earlier text, drop later copies of passages,
   the paragraph repeating the title and assistant chatter; with ``unsafe``, drop the
   generator's leaked prompt and trim a sentence left unfinished (else they stay findings);
2. fixes: the safe fixes of every enabled rule, and with ``unsafe`` those of AG006
   (pseudo-heading → heading), AG002 (dangling end) and TM001 (majority spelling);
3. front matter: ``reading_time`` recomputed from the cleaned body, edited in place.

Steps 1 and 2 repeat until nothing changes, so exporting an exported post changes nothing.
Every change is recorded with its place in the input: a sentence of the input is either
in the output or inside a reported change.
"""

from __future__ import annotations

from ..engine.catalog import rule_by_code
from ..engine.config import Config, config_for
from ..engine.profiles import detect_profile
from ..engine.registry import pick
from ..engine.run import run_rules
from ..model import Diagnostic, Edit, Fix, LineIndex
from ..reading.document import Document
from .frontmatter import reading_time_edit
from .model import REMOVING_STEPS, Change, ExportResult
from .offsets import EditLog, apply_sorted, merge_edits
from .structure import Planned, Unresolved, plan
from .target import target_path

__all__ = ["Change", "ExportResult", "export_post", "REMOVING_STEPS"]

ROUNDS = 3
STRUCTURE_PASSES = 3
FIX_PASSES = 10


class _Run:
    """The state of one export: the current text, the log of passes and the changes so far."""

    def __init__(self, text: str, path: str | None, config: Config, unsafe: bool):
        self.input = text
        self.input_lines = LineIndex(text)
        self.text = text
        self.path = path
        self.config = config
        self.unsafe = unsafe
        self.log = EditLog()
        self.changes: list[Change] = []
        self.language = getattr(config, "language", None)
        # Once a pass saw a generator at work (markers, a leaked prompt, copies dropped), the
        # later passes treat the post as generated even though those signs are gone.
        self.generated = False

    # -- recording ------------------------------------------------------------------
    def _change(
        self,
        step: str,
        code: str,
        start: int,
        end: int,
        inserted: str,
        detail: str,
        original: tuple[int, int] | None = None,
    ) -> Change:
        in_start = self.log.to_input(start)
        in_end = max(in_start, self.log.to_input(end, end=True))
        line = self.input_lines.line_of(in_start) + 1
        end_line = self.input_lines.line_of(max(in_start, in_end - 1)) + 1
        original_line = None
        if original is not None:
            original_line = self.input_lines.line_of(self.log.to_input(original[0])) + 1
        return Change(
            step, code, in_start, in_end, line, end_line, self.text[start:end], inserted, detail, original_line
        )

    def _commit(self, edits: list[Edit]) -> None:
        self.log.add(edits)
        self.text = apply_sorted(self.text, edits)

    # -- steps ----------------------------------------------------------------------
    def structure(self) -> list[Unresolved]:
        """Structural passes until stable; returns the cuts left in the input (first pass only)."""
        select = self.config.with_overrides(select=["AG005", "AG007", "AG008"])
        left: list[Unresolved] = []
        for n in range(STRUCTURE_PASSES):
            doc = Document(self.text, self.path)
            diagnostics = run_rules(doc, select)
            planned, unresolved = plan(doc, diagnostics, self.unsafe, self.language, self.generated)
            if n == 0 and not self.log.passes:
                left = unresolved
            if doc.markers or any(p.step in ("drop-copy", "drop-prompt") for p in planned):
                self.generated = True
            if not planned:
                break
            self.changes.extend(self._planned_change(p) for p in planned)
            self._commit(merge_edits([p.edit for p in planned]))
            self._tidy_end()
        return left

    def _planned_change(self, p: Planned) -> Change:
        return self._change(p.step, p.code, p.edit.start, p.edit.end, p.edit.text, p.detail, p.original)

    def _tidy_end(self) -> None:
        """One line break at the end, as before, when removals left blank lines there."""
        stripped = self.text.rstrip("\n")
        keep = "\n" if self.input.endswith("\n") else ""
        if len(self.text) - len(stripped) > len(keep):
            self._commit([Edit(len(stripped) + len(keep), len(self.text), "")])

    def fixes(self) -> bool:
        """Fix passes until stable; True when anything changed."""
        changed = False
        for _ in range(FIX_PASSES):
            diagnostics = run_rules(Document(self.text, self.path), self.config)
            chosen = _choose_fixes(diagnostics, self.unsafe)
            if not chosen:
                break
            edits: list[Edit] = []
            for d, fix in chosen:
                edits.extend(fix.edits)
                start = min(e.start for e in fix.edits)
                end = max(e.end for e in fix.edits)
                inserted = apply_sorted(
                    self.text[start:end],
                    [Edit(e.start - start, e.end - start, e.text) for e in sorted(fix.edits, key=lambda e: e.start)],
                )
                self.changes.append(self._change("fix", d.code, start, end, inserted, fix.description or d.message))
            before = self.text
            self._commit(sorted(edits, key=lambda e: (e.start, e.end)))
            if self.text == before:
                break
            changed = True
        return changed

    def reading_time(self) -> tuple[int | None, int | None]:
        speed = int(getattr(self.config, "reading_speed", 500) or 500)
        edit, old, new = reading_time_edit(Document(self.text, self.path), speed)
        if edit is not None:
            self.changes.append(
                self._change(
                    "reading-time",
                    "FM003",
                    edit.start,
                    edit.end,
                    edit.text,
                    pick(
                        self.language,
                        ja=f"reading_time {old}分 → {new}分（{speed}字/分）",
                        en=f"reading_time {old} → {new} min at {speed} 字/分",
                    ),
                )
            )
            self._commit([edit])
        return old, new


def _export_applies(d: Diagnostic, unsafe: bool) -> bool:
    """Whether the exporter applies ``d``'s fix, as its rule declares (``Rule.export_fixes``):
    safe fixes, unsafe ones too with ``unsafe``, or none where an export step of its own (which
    knows the whole post) handles the finding."""
    rule = rule_by_code(d.code)
    applies = rule.export_fixes if rule is not None else "safe"
    if applies == "none" or d.fix is None:
        return False
    return d.fix.applicability == "safe" or (unsafe and applies == "all" and d.fix.applicability == "unsafe")


def _choose_fixes(diagnostics: list[Diagnostic], unsafe: bool) -> list[tuple[Diagnostic, Fix]]:
    """Diagnostics (with their fixes) whose whole fix applies in this pass: allowed, and not
    overlapping another."""
    taken: list[tuple[int, int]] = []
    chosen = []
    allowed = [(d, d.fix) for d in diagnostics if d.fix is not None and d.fix.edits and _export_applies(d, unsafe)]
    for d, fix in sorted(allowed, key=lambda pair: min(e.start for e in pair[1].edits)):
        spans = [(e.start, e.end) for e in fix.edits]
        if any(_overlaps(s, t) for s in spans for t in taken):
            continue
        if any(_overlaps(s, t) for i, s in enumerate(spans) for t in spans[i + 1 :]):
            continue
        taken.extend(spans)
        chosen.append((d, fix))
    return chosen


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    if a[0] == a[1] or b[0] == b[1]:
        return a[0] == b[0] or b[0] < a[0] < b[1] or a[0] < b[0] < a[1]
    return a[0] < b[1] and b[0] < a[1]


def _left_cuts(run: _Run, unresolved: list[Unresolved]) -> list[Diagnostic]:
    """The cuts still in the output, as AG002 errors positioned in it."""
    out = []
    removed = [c for c in run.changes if c.step in REMOVING_STEPS]
    lines = LineIndex(run.text)
    for u in unresolved:
        if any(c.start <= u.start and u.end <= c.end and c.end > c.start for c in removed):
            continue  # a later step removed the cut passage
        start = run.log.to_output(u.start)
        end = max(start, run.log.to_output(u.end))
        line, column = lines.position(start)
        end_line, end_column = lines.position(end)
        out.append(
            Diagnostic(
                "AG002",
                "cut-off-chunk",
                "error",
                u.message,
                start,
                end,
                line=line,
                column=column,
                end_line=end_line,
                end_column=end_column,
            )
        )
    return out


def export_post(
    text: str, path: str | None = None, config: Config | None = None, unsafe: bool = False, base: str | None = None
) -> ExportResult:
    """Clean ``text`` (``\\n`` line endings), the post at ``path``, for publishing.

    ``unsafe`` adds the unsafe steps (pseudo-headings become headings, an unfinished
    sentence is trimmed, majority spellings). ``base`` is the inputs' common folder, used
    for the target of files that belong to no known site. Never raises on bad input: a
    post that cannot be cleaned comes back with its remaining errors.
    """
    if config is None:
        config = config_for(path) if path else Config()
    run = _Run(text, path, config, unsafe)
    unresolved = run.structure()
    for _ in range(ROUNDS):
        if not run.fixes():
            break
        run.structure()  # a fix can make a new copy (e.g. two bold lines become equal headings)
    old_new = run.reading_time()
    final = Document(run.text, path)
    remaining = [d for d in run_rules(final, config) if d.severity == "error"] + _left_cuts(run, unresolved)
    remaining.sort(key=lambda d: (d.start, d.code))
    fm = final.front_matter.data if final.front_matter is not None and final.front_matter.ok else {}
    profile = detect_profile(fm, path, config.profile)
    target, why = target_path(path, profile, fm, base, run.language)
    notes = [] if target is not None else [why]
    changes = sorted(run.changes, key=lambda c: (c.start, c.end))
    return ExportResult(run.text, text, changes, remaining, target, old_new, notes)
