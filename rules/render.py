"""Markdown to HTML for previews, with source-line anchors for scroll sync.

Uses the same markdown-it configuration as the linter, so the preview shows what the
rules saw. Raw HTML is never passed through: it is shown escaped, as text. Zenn/Qiita
containers, footnotes and math are kept (math as its source), never dropped. Each
paragraph, heading, code block and container gets ``id="L{line}"`` (0-based source line,
an anchor for QTextBrowser) and ``data-source-line``; ``line_map`` lists those lines.
"""
from __future__ import annotations

import html as _html
from typing import Callable

from .frontmatter import find_front_matter
from .markdown import parser

Highlighter = Callable[[str, str], str | None]

# Blocks whose first element can carry an ``id`` that QTextBrowser keeps as an anchor.
_ANCHORED = {"paragraph_open", "heading_open", "fence", "code_block", "math_block", "math_block_label"}
_CONTAINER_LABELS = {"message": "message", "details": "details", "note": "note"}


def _front_matter_html(text: str) -> tuple[str, int]:
    """A metadata table for the header, and the body's first line."""
    fm = find_front_matter(text)
    if fm is None:
        return "", 0
    body_line = text.count("\n", 0, fm.span[1])
    rows = []
    if fm.error:
        rows.append(f'<tr><th>!</th><td>{_html.escape(fm.error)}</td></tr>')
    for key, value in fm.data.items():
        if isinstance(value, (list, tuple)):
            shown = "、".join(str(v) for v in value)
        else:
            shown = "" if value is None else str(value)
        rows.append(f"<tr><th>{_html.escape(str(key))}</th><td>{_html.escape(shown)}</td></tr>")
    if not rows:
        return "", body_line
    rows[0] = rows[0].replace("<th>", '<th><a name="L0"></a>', 1)
    return ('<table class="front-matter" data-source-line="0" width="100%">'
            + "".join(rows) + "</table>"), body_line


def render_html(text: str, highlight: Highlighter | None = None) -> tuple[str, list[int]]:
    """Render ``text`` (``\\n`` line endings) to an HTML fragment.

    ``highlight(code, lang)`` may return HTML for a fenced block (e.g. from Pygments);
    returning None falls back to escaped text. Returns the HTML and the sorted 0-based
    source lines that have an anchor ``L{line}`` in it.
    """
    header, body_line = _front_matter_html(text)
    # Blank the header so markdown-it sees only the body, with line numbers unchanged.
    body = "\n" * body_line + "\n".join(text.split("\n")[body_line:]) if body_line else text
    md = parser(False)
    tokens = md.parse(body)
    lines: list[int] = [0] if header else []
    out: list[str] = [header]
    env: dict = {}
    options = md.options
    renderer = md.renderer
    pending: list = []

    def flush() -> None:
        if pending:
            out.append(renderer.render(pending, options, env))
            pending.clear()

    for tok in tokens:
        t = tok.type
        if t == "front_matter":
            continue
        anchor = ""
        if tok.map and (t in _ANCHORED or t.startswith("container_") and t.endswith("_open")):
            line = tok.map[0]
            if not lines or lines[-1] < line:
                lines.append(line)
                anchor = f"L{line}"
                tok.attrSet("id", anchor)
                tok.attrSet("data-source-line", str(line))
        if t == "fence":
            flush()
            out.append(_fence(tok.content, tok.info.strip(), highlight, anchor))
            continue
        if t.startswith("container_") and t.endswith("_open"):
            flush()
            name = t[len("container_"):-len("_open")]
            title = tok.info.strip()[len(name):].strip()
            label = _html.escape(title or _CONTAINER_LABELS.get(name, name))
            ident = f' id="{anchor}"' if anchor else ""
            out.append(f'<table class="container {name}" width="100%"><tr><td>'
                       f'<p class="container-title"{ident}>{label}</p>')
            continue
        if t.startswith("container_") and t.endswith("_close"):
            flush()
            out.append("</td></tr></table>")
            continue
        if t in ("math_block", "math_block_label"):
            flush()
            ident = f' id="{anchor}"' if anchor else ""
            out.append(f'<pre class="math"{ident}>$$\n{_html.escape(tok.content.strip())}\n$$</pre>')
            continue
        if t == "inline" and tok.children:
            for child in tok.children:
                if child.type in ("math_inline", "math_inline_double"):
                    delim = "$$" if child.type == "math_inline_double" else "$"
                    child.type = "html_inline"
                    child.content = f'<code class="math">{_html.escape(delim + child.content + delim)}</code>'
                elif child.type == "image":
                    # Images are never fetched: show a labelled placeholder with the address.
                    src = child.attrGet("src") or ""
                    alt = "".join(c.content for c in child.children or []) or src
                    child.type = "html_inline"
                    child.content = (f'<span class="image">[画像: {_html.escape(alt)}]'
                                     f' <span class="image-src">{_html.escape(str(src))}</span></span>')
        pending.append(tok)
    flush()
    return "".join(out), lines


def _fence(code: str, info: str, highlight: Highlighter | None, anchor: str = "") -> str:
    lang = info.split(maxsplit=1)[0] if info else ""
    if ":" in lang:  # Zenn's ```js:file.js
        lang, _, filename = lang.partition(":")
    else:
        filename = ""
    body = highlight(code, lang) if highlight else None
    if body is None:
        body = f"<code>{_html.escape(code)}</code>"
    ident = f' id="{anchor}"' if anchor else ""
    body = f'<pre class="code"{ident}>{body}</pre>'
    caption = f'<p class="code-title">{_html.escape(filename)}</p>' if filename else ""
    return caption + body
