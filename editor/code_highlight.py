"""Pygments highlighting for fenced code in the preview (inline styles: QTextBrowser has no classes)."""

from __future__ import annotations

from functools import lru_cache

try:
    from pygments import highlight
    from pygments.formatters import HtmlFormatter
    from pygments.lexers import get_lexer_by_name
    from pygments.util import ClassNotFound
except ImportError:  # pygments is optional: code is then shown plain
    highlight = None


@lru_cache(maxsize=4)
def _formatter(dark: bool):
    return HtmlFormatter(noclasses=True, nowrap=True, style="monokai" if dark else "friendly")


def highlight_code(code: str, lang: str, dark: bool = False) -> str | None:
    if highlight is None or not lang:
        return None
    try:
        lexer = get_lexer_by_name(lang, stripall=False)
    except ClassNotFound:
        return None
    body = highlight(code, lexer, _formatter(dark))
    return f"<code>{body}</code>"
