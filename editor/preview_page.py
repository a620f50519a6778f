"""What both preview engines share: the stylesheet for the theme, and skipping unchanged pages."""

from __future__ import annotations

from .paths import resources_dir
from .theme import DARK_PREVIEW_CSS


def load_css(dark: bool) -> str:
    path = resources_dir() / "preview.css"
    css = path.read_text(encoding="utf-8") if path.is_file() else ""
    return css + (DARK_PREVIEW_CSS if dark else "")


class HtmlPage:
    """What both preview engines share: the theme's stylesheet and skipping unchanged pages."""

    dark: bool
    css: str
    html: str
    # Whether the page may download web images (http, https). The tab sets it with each
    # lint request; the renderer gives web images as <img> only when it is on.
    remote_images: bool = False

    def set_math_images(self, images: dict[str, str]) -> None:
        """The SVGs of the next page's formulas (``math:`` key -> SVG); a browser page uses MathML."""

    def set_dark(self, dark: bool) -> None:
        self.dark = dark
        self.css = load_css(dark)
        page = getattr(self, "_target", "") or self.html  # a page still being put in counts
        if page:
            self.show_html(page, force=True)

    def _take(self, html: str, force: bool) -> bool:
        """Record ``html`` as shown; False when it is what the page already shows."""
        if html == self.html and not force:
            return False
        self.html = html
        return True
