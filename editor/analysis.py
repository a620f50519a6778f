"""What the editor shows about one text snapshot: diagnostics, preview HTML, outline, counts.

Pure Python without Qt, so that it can run in the lint process (see ``lint_worker``).
"""

from __future__ import annotations

import hashlib
import os
import time
from dataclasses import dataclass, field
from html import escape as html_escape

from article_studio import rules

from .code_highlight import highlight_code


@dataclass(frozen=True)
class Request:
    revision: int
    text: str
    path: str | None
    config: object
    profile: str | None
    reading_speed: int
    dark: bool
    remote_images: bool = False  # web images in the preview (local ones always show)
    images: bool = True  # False: the preview cannot show images, name them instead


@dataclass
class OutlineEntry:
    level: int  # 1-6 for headings, 0 for a bold pseudo-heading
    title: str
    line: int  # 0-based
    offset: int


@dataclass
class Result:
    revision: int
    text: str
    diagnostics: list = field(default_factory=list)
    html: str = ""
    line_map: list[int] = field(default_factory=list)
    characters: int = 0
    minutes: int = 0
    outline: list[OutlineEntry] = field(default_factory=list)
    front_matter: dict | None = None
    front_matter_error: str | None = None
    front_matter_spans: dict = field(default_factory=dict)
    profile: str = "none"
    lint_ms: float = 0.0
    render_ms: float = 0.0
    images: dict[str, str] = field(default_factory=dict)
    error: str | None = None


def analyse(req: Request) -> Result:
    """Everything the UI shows about one snapshot: ``lint_snapshot`` and ``render_snapshot``."""
    res = lint_snapshot(req)
    rendered = render_snapshot(req)
    res.html, res.line_map, res.render_ms = rendered.html, rendered.line_map, rendered.render_ms
    res.images = rendered.images
    return res


def lint_snapshot(req: Request) -> Result:
    """Diagnostics, counts, outline and front matter of one snapshot (no preview HTML)."""
    res = Result(req.revision, req.text)
    t0 = time.perf_counter()
    doc = rules.parse_document(req.text, req.path)
    try:
        res.diagnostics = rules.lint_document(doc, req.config)
    except Exception as exc:  # a rule bug must not take the editor down
        res.error = f"lint failed: {type(exc).__name__}: {exc}"
    res.characters = rules.character_count(doc)
    res.minutes = rules.reading_minutes(res.characters, req.reading_speed)
    fm = doc.front_matter
    if fm is not None:
        res.front_matter = dict(fm.data)
        res.front_matter_error = fm.error
        res.front_matter_spans = dict(fm.key_spans)
    res.profile = rules.detect_profile(res.front_matter, req.path, req.profile)
    res.outline = _outline(doc)
    res.lint_ms = (time.perf_counter() - t0) * 1000
    return res


@dataclass
class Rendered:
    """The preview HTML of one snapshot, and the SVGs of its formulas (``math:`` key -> SVG)."""

    revision: int
    html: str
    line_map: list[int]
    render_ms: float
    images: dict[str, str] = field(default_factory=dict)


# Formulas are typeset to sit with the preview's 15 px body text (ziamath counts in points) in its colours.
MATH_SIZE = 17.0
MATH_COLORS = {False: "#222428", True: "#e3e3e3"}


def render_snapshot(req: Request) -> Rendered:
    t0 = time.perf_counter()
    base_dir = os.path.dirname(req.path) if req.path else None
    images: dict[str, str] = {}
    html, line_map = rules.render_html(
        req.text,
        lambda code, lang: highlight_code(code, lang, req.dark),
        base_dir=base_dir,
        remote_images=req.remote_images,
        images=req.images,
        math=lambda tex, display: math_html(tex, display, req.dark, images if req.images else None),
    )
    return Rendered(req.revision, html, line_map, (time.perf_counter() - t0) * 1000, images)


def math_html(tex: str, display: bool, dark: bool, images: dict[str, str] | None) -> str | None:
    """A formula for the preview: an image of its SVG (kept in ``images``), or MathML when the
    preview shows no images (a browser engine renders MathML itself); None: show the TeX."""
    if images is None:
        return rules.tex_to_mathml(tex, display)
    found = rules.tex_to_svg(tex, display, MATH_SIZE, MATH_COLORS[dark])
    if found is None:
        return None
    key = hashlib.sha1(f"{display}\0{dark}\0{tex}".encode()).hexdigest()[:20]
    images[key] = found.svg
    return (
        f'<img class="math" src="math:{key}" width="{round(found.width)}" height="{round(found.height)}"'
        f' alt="{html_escape(tex)}" style="vertical-align: middle">'
    )


def _outline(doc) -> list[OutlineEntry]:
    """Headings, and the bold lines AG006 reports as used in their place (level 0)."""
    bold = {id(block) for block, _level in rules.pseudo_headings(doc)}
    out = []
    for b in doc.blocks:
        if b.kind == "heading":
            out.append(OutlineEntry(b.level, b.text.strip(), b.line, b.start))
        elif id(b) in bold:
            out.append(OutlineEntry(0, b.text.strip(), b.line, b.start))
    return out


# -- cleaning up a draft as the export would ----------------------------------------------


@dataclass(frozen=True)
class ExportRequest:
    """A snapshot to run the exporter on (in the lint process)."""

    text: str
    path: str | None
    config: object
    unsafe: bool = True


@dataclass
class Hunk:
    """One run of changed lines: ``old[start:end]`` becomes ``new``.

    ``line``/``end_line`` are the 1-based lines of the old text; ``steps`` name the export's
    changes that fall in it (step, rule code, detail); ``removes`` tells whether one of them
    takes text out of the post (a marker, a copy, chatter, a cut-off sentence).
    """

    start: int
    end: int
    old: str
    new: str
    line: int
    end_line: int
    steps: list[tuple[str, str, str]] = field(default_factory=list)
    removes: bool = False


@dataclass
class Cleanup:
    """What the export would make of a draft, as hunks that can be taken one by one."""

    source: str
    text: str
    hunks: list[Hunk]
    remaining: list
    reading_time: tuple = (None, None)


def export_snapshot(req: ExportRequest):
    """``rules.export_post`` of a snapshot (the export dialog's report)."""
    return rules.export_post(req.text, req.path, req.config, unsafe=req.unsafe)


def cleanup_snapshot(req: ExportRequest) -> Cleanup:
    """The export's changes to a draft as line hunks, labelled with the steps that made them."""
    result = rules.export_post(req.text, req.path, req.config, unsafe=req.unsafe)
    hunks = []
    for hunk in diff_hunks(req.text, result.text):
        hunks += _split_deletion(req.text, hunk, result.changes)
    for hunk in hunks:
        for c in result.changes:
            if c.start < hunk.end and c.end > hunk.start or c.start == c.end == hunk.start:
                hunk.steps.append((c.step, c.code, c.detail))
                hunk.removes = hunk.removes or c.step in rules.REMOVING_STEPS
    return Cleanup(req.text, result.text, hunks, list(result.remaining), result.reading_time)


def _split_deletion(old: str, hunk: Hunk, changes) -> list[Hunk]:
    """A run of deleted lines that several export steps took out, one hunk per step.

    (A copy dropped right before a chatter line is one run of the line diff, but two
    decisions the writer may want to take separately.)
    """
    if hunk.new:
        return [hunk]
    cuts = sorted(
        {old.rfind("\n", 0, c.start) + 1 for c in changes if hunk.start < c.start < hunk.end and c.end <= hunk.end}
    )
    cuts = [c for c in cuts if hunk.start < c < hunk.end]
    if not cuts:
        return [hunk]
    bounds = [hunk.start, *cuts, hunk.end]
    return [
        Hunk(a, b, old[a:b], "", old.count("\n", 0, a) + 1, old.count("\n", 0, b))
        for a, b in zip(bounds, bounds[1:], strict=False)
    ]


def diff_hunks(old: str, new: str) -> list[Hunk]:
    """The line runs that differ between ``old`` and ``new``, as non-overlapping hunks of ``old``."""
    import difflib

    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    starts = [0]
    for line in a:
        starts.append(starts[-1] + len(line))
    hunks = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        hunks.append(
            Hunk(starts[i1], starts[i2], old[starts[i1] : starts[i2]], "".join(b[j1:j2]), i1 + 1, max(i1 + 1, i2))
        )
    return hunks


def apply_hunks(old: str, hunks: list[Hunk]) -> str:
    """``old`` with the given hunks (of ``diff_hunks(old, …)``) applied."""
    out, pos = [], 0
    for h in sorted(hunks, key=lambda h: h.start):
        out.append(old[pos : h.start])
        out.append(h.new)
        pos = h.end
    out.append(old[pos:])
    return "".join(out)
