"""TeX math for the preview, offline: SVG (ziamath) or MathML (latex2mathml).

Both libraries are pure Python and come with the editor (the ``editor`` extra); without them
``tex_to_svg`` and ``tex_to_mathml`` return None and the preview shows the TeX source. A
formula that cannot be converted also gives None. Results are cached: a long article's
formulas are converted once, and typing re-converts only the formula being edited.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class MathImage:
    """An SVG of one formula; ``width``/``height`` in CSS pixels, ``depth`` below the baseline."""

    svg: str
    width: float
    height: float
    depth: float


@lru_cache(maxsize=4096)
def tex_to_svg(tex: str, display: bool = False, size: float = 15.0, color: str = "#222428") -> MathImage | None:
    """``tex`` typeset as an SVG at a body font of ``size`` pixels; None if it cannot be."""
    try:
        import ziamath
    except ImportError:
        return None
    # Plain paths, no <symbol>/<use>: Qt's SVG renderer (SVG Tiny) draws nothing of SVG 2's.
    ziamath.config.svg2 = False
    try:
        formula = ziamath.Latex(tex, size=size, color=color, inline=not display, margin=1.0)
        svg = formula.svg()
    except Exception:  # malformed TeX: the library's own errors vary
        return None
    head = svg[: svg.find(">") + 1]
    try:
        width = float(_attr(head, "width"))
        height = float(_attr(head, "height"))
        top = float(_attr(head, "viewBox").split()[1])
    except (ValueError, IndexError):
        return None
    return MathImage(svg, width, height, max(0.0, height + top))


@lru_cache(maxsize=4096)
def tex_to_mathml(tex: str, display: bool = False) -> str | None:
    """``tex`` as a MathML ``<math>`` element (for a browser engine); None if it cannot be."""
    try:
        from latex2mathml.converter import convert
    except ImportError:
        return None
    try:
        return convert(tex, display="block" if display else "inline")
    except Exception:  # malformed TeX
        return None


def _attr(tag: str, name: str) -> str:
    """The value of attribute ``name`` in the opening ``tag`` ("" when it has none)."""
    key = f' {name}="'
    i = tag.find(key)
    if i < 0:
        return ""
    j = tag.find('"', i + len(key))
    return tag[i + len(key) : j]
