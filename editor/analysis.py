"""What the editor shows about one text snapshot: diagnostics, preview HTML, outline, counts.

Pure Python without Qt, so that it can run in the lint process (see ``lint_worker``).
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field

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
    error: str | None = None


def analyse(req: Request) -> Result:
    """Everything the UI shows about one snapshot: ``lint_snapshot`` and ``render_snapshot``."""
    res = lint_snapshot(req)
    rendered = render_snapshot(req)
    res.html, res.line_map, res.render_ms = rendered.html, rendered.line_map, rendered.render_ms
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
    """The preview HTML of one snapshot."""

    revision: int
    html: str
    line_map: list[int]
    render_ms: float


def render_snapshot(req: Request) -> Rendered:
    t0 = time.perf_counter()
    base_dir = os.path.dirname(req.path) if req.path else None
    html, line_map = rules.render_html(
        req.text,
        lambda code, lang: highlight_code(code, lang, req.dark),
        base_dir=base_dir,
        remote_images=req.remote_images,
        images=req.images,
    )
    return Rendered(req.revision, html, line_map, (time.perf_counter() - t0) * 1000)


def _outline(doc) -> list[OutlineEntry]:
    out = []
    for b in doc.blocks:
        if b.kind == "heading":
            out.append(OutlineEntry(b.level, b.text.strip(), b.line, b.start))
        elif (
            b.kind == "paragraph"
            and not b.containers
            and b.end_line - b.line == 1
            and b.is_all("strong")
            and len(b.text.strip()) <= 60
        ):
            out.append(OutlineEntry(0, b.text.strip(), b.line, b.start))
    return out
