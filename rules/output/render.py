"""Markdown to HTML for previews, with source-line anchors for scroll sync.

Uses the same markdown-it configuration as the linter, so the preview shows what the
rules saw. Raw HTML is never passed through: it is shown escaped, as text. Zenn/Qiita
containers, footnotes and math are kept, never dropped: math goes through the ``math``
callback (the editor typesets it; without one it shows as its TeX source). Zenn's embeds
(``@[card](url)``, ``@[youtube](…)`` and the like, alone in a paragraph) become link cards, and
Zenn's image sizes (``![alt](src =250x)``) the image's width and height. Each
paragraph, heading, code block and container gets ``id="L{line}"`` (0-based source line,
an anchor for QTextBrowser) and ``data-source-line``; ``line_map`` lists those lines.

Images: a local file (a relative path, a site-root path such as ``/images/a.png`` found in
the article's folder or one above it, or a ``file:`` URL) that exists becomes an ``<img>``
with an absolute ``file:`` URL; a web image (http, https) becomes one only when
``remote_images`` is set. Anything else (a missing file, an unsaved article, a web image
not allowed, a ``data:`` URL) stays a labelled placeholder that says why.
"""

from __future__ import annotations

import copy
import html as _html
import os
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..reading.frontmatter import find_front_matter
from ..reading.markdown import parser

Highlighter = Callable[[str, str], str | None]
# (TeX, whether it is display math) -> HTML for the formula, or None to show the source.
MathRenderer = Callable[[str, bool], str | None]

# Zenn's embeds, as cards: what each one is called on the card.
EMBEDS = {
    "card": "リンクカード",
    "tweet": "X (Twitter)",
    "youtube": "YouTube",
    "github": "GitHub",
    "gist": "GitHub Gist",
    "codepen": "CodePen",
    "codesandbox": "CodeSandbox",
    "stackblitz": "StackBlitz",
    "jsfiddle": "JSFiddle",
    "slideshare": "SlideShare",
    "speakerdeck": "Speaker Deck",
    "docswell": "Docswell",
    "figma": "Figma",
    "blueprintue": "blueprintUE",
}

# Blocks whose first element can carry an ``id`` that QTextBrowser keeps as an anchor.
_ANCHORED = {"paragraph_open", "heading_open", "fence", "code_block", "math_block", "math_block_label"}
_CONTAINER_LABELS = {"message": "message", "details": "details", "note": "note"}
# Blocks whose anchor Qt puts on their first character: an image there would lose it.
_TEXT_ANCHORED = {"paragraph_open", "heading_open"}
# Inline tokens that put no text of their own before what follows them.
_NO_TEXT = {"link_open", "link_close", "em_open", "em_close", "strong_open", "strong_close", "s_open", "s_close"}
# Carries the block's anchor when an image comes first (QTextBrowser drops an anchor set on an image).
_ANCHOR_CARRIER = "\u200b"
# Blocks that get class="has-image" when they show an image: the page's proportional line
# height would otherwise stretch the image's line too (see preview.css).
_IMAGE_HOLDERS = {"paragraph_open", "heading_open", "list_item_open", "td_open", "th_open"}

_NOT_SAVED = "記事を保存すると表示されます"
_NOT_FOUND = "ファイルが見つかりません"
_REMOTE_OFF = "ウェブ上の画像は設定で許可すると表示されます"
_NOT_SHOWN = "この種類の URL は表示しません"
_NO_IMAGES = "このプレビューでは画像を表示しません"


def _front_matter_html(text: str) -> tuple[str, int]:
    """A metadata table for the header, and the body's first line."""
    fm = find_front_matter(text)
    if fm is None:
        return "", 0
    body_line = text.count("\n", 0, fm.span[1])
    rows = []
    if fm.error:
        rows.append(f"<tr><th>!</th><td>{_html.escape(fm.error)}</td></tr>")
    for key, value in fm.data.items():
        if isinstance(value, (list, tuple)):
            shown = "、".join(str(v) for v in value)
        else:
            shown = "" if value is None else str(value)
        rows.append(f"<tr><th>{_html.escape(str(key))}</th><td>{_html.escape(shown)}</td></tr>")
    if not rows:
        return "", body_line
    rows[0] = rows[0].replace("<th>", '<th><a name="L0"></a>', 1)
    return ('<table class="front-matter" data-source-line="0" width="100%">' + "".join(rows) + "</table>"), body_line


@lru_cache(maxsize=1)
def _render_parser():
    """The shared parser, but also taking ``file:`` URLs (markdown-it drops them as unsafe).

    A shallow copy: the rules and the renderer are shared, only the link check differs.
    """
    base = parser(False)
    md = copy.copy(base)
    check = base.validateLink
    md.validateLink = lambda url: check(url) or url.strip().lower().startswith("file:")
    return md


def render_html(
    text: str,
    highlight: Highlighter | None = None,
    *,
    base_dir: str | None = None,
    remote_images: bool = False,
    images: bool = True,
    math: MathRenderer | None = None,
) -> tuple[str, list[int]]:
    """Render ``text`` (``\\n`` line endings) to an HTML fragment.

    ``highlight(code, lang)`` may return HTML for a fenced block (e.g. from Pygments);
    returning None falls back to escaped text. ``base_dir`` is the article's folder, which
    relative image paths are resolved against (None for an unsaved article: its local
    images stay placeholders); ``remote_images`` lets web images through as ``<img>``;
    ``images=False`` makes every image a placeholder (for a page that may load nothing);
    ``math(tex, display)`` may return HTML for a formula. Returns the HTML and the sorted
    0-based source lines that have an anchor ``L{line}`` in it.
    """
    header, body_line = _front_matter_html(text)
    # Blank the header so markdown-it sees only the body, with line numbers unchanged.
    body = "\n" * body_line + "\n".join(text.split("\n")[body_line:]) if body_line else text
    md = _render_parser()
    tokens = md.parse(body)
    lines: list[int] = [0] if header else []
    out: list[str] = [header]
    env: dict = {}
    options = md.options
    renderer = md.renderer
    pending: list = []
    anchored_open = False  # the token before was a paragraph or heading that carries its anchor
    holder = None  # the innermost block open so far whose tag is shown

    def flush() -> None:
        if pending:
            out.append(renderer.render(pending, options, env))
            pending.clear()

    embeds = _embeds(tokens)
    skip = 0
    for i, tok in enumerate(tokens):
        t = tok.type
        if skip:
            skip -= 1
            continue
        if t == "front_matter":
            continue
        if i in embeds:
            flush()
            name, url = embeds[i]
            line = tok.map[0]
            anchor = ""
            if not lines or lines[-1] < line:
                lines.append(line)
                anchor = f"L{line}"
            out.append(_card(name, url, anchor, line))
            skip = 2  # its inline content and paragraph_close
            anchored_open = False
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
            name = t[len("container_") : -len("_open")]
            title = tok.info.strip()[len(name) :].strip()
            label = _html.escape(title or _CONTAINER_LABELS.get(name, name))
            ident = f' id="{anchor}"' if anchor else ""
            out.append(
                f'<table class="container {name}" width="100%"><tr><td><p class="container-title"{ident}>{label}</p>'
            )
            continue
        if t.startswith("container_") and t.endswith("_close"):
            flush()
            out.append("</td></tr></table>")
            continue
        if t in ("math_block", "math_block_label"):
            flush()
            ident = f' id="{anchor}"' if anchor else ""
            shown = math(tok.content.strip(), True) if math else None
            if shown is None:
                out.append(f'<pre class="math"{ident}>$$\n{_html.escape(tok.content.strip())}\n$$</pre>')
            else:
                line_attr = f' data-source-line="{tok.map[0]}"' if anchor else ""
                out.append(f'<p class="math-block" align="center"{ident}{line_attr}>{_ANCHOR_CARRIER}{shown}</p>')
            continue
        if t == "inline" and tok.children:
            first = anchored_open  # nothing shown yet in a block whose anchor is on its first character
            for child in tok.children:
                if child.type in ("math_inline", "math_inline_double"):
                    delim = "$$" if child.type == "math_inline_double" else "$"
                    shown = math(child.content, child.type == "math_inline_double") if math else None
                    if shown is not None and first:
                        shown = _ANCHOR_CARRIER + shown  # the block's anchor needs a character
                    child.type = "html_inline"
                    child.content = (
                        shown
                        if shown is not None
                        else f'<code class="math">{_html.escape(delim + child.content + delim)}</code>'
                    )
                elif child.type == "image":
                    child.type = "html_inline"
                    child.content = _image(child, base_dir, remote_images, first, images)
                    if holder is not None and child.content.lstrip(_ANCHOR_CARRIER).startswith("<img"):
                        if "has-image" not in str(holder.attrGet("class") or "").split():
                            holder.attrJoin("class", "has-image")
                elif child.type in _NO_TEXT or child.type == "text" and not child.content:
                    continue
                first = False
        anchored_open = bool(anchor) and t in _TEXT_ANCHORED and not tok.hidden
        if t in _IMAGE_HOLDERS and not tok.hidden:
            holder = tok
        pending.append(tok)
    flush()
    return "".join(out), lines


def _image(tok, base_dir: str | None, remote_images: bool, first: bool, images: bool = True) -> str:
    """HTML for an image token: an ``<img>`` when it can be shown, else a placeholder.

    ``first``: nothing comes before it in a block whose anchor must stay on a character.
    """
    src = str(tok.attrGet("src") or "")
    alt = "".join(c.content for c in tok.children or [])
    title = tok.attrGet("title")
    url, shown, why = _image_source(src, base_dir, remote_images) if images else (None, src, _NO_IMAGES)
    if url is None:
        return (
            f'<span class="image">[画像: {_html.escape(alt or shown)}]'
            f' <span class="image-src">{_html.escape(shown)}</span>'
            f' <span class="image-note">({_html.escape(why)})</span></span>'
        )
    extra = f' title="{_html.escape(str(title))}"' if title else ""
    for side in ("width", "height"):  # Zenn's =250x size
        value = tok.attrGet(side)
        if value:
            extra += f' {side}="{int(value)}"'
    lead = _ANCHOR_CARRIER if first else ""
    return f'{lead}<img src="{_html.escape(url)}" alt="{_html.escape(alt)}"{extra}>'


def _image_source(src: str, base_dir: str | None, remote_images: bool) -> tuple[str | None, str, str]:
    """(the URL to load or None, the address as shown to the writer, why it is not shown)."""
    parts = urlsplit(src)
    scheme = parts.scheme.lower()
    if len(scheme) == 1:  # a Windows drive letter, not a scheme
        scheme = ""
    if scheme in ("http", "https") or not scheme and src.startswith("//"):
        if remote_images:
            return (src if scheme else "https:" + src), src, ""
        return None, src, _REMOTE_OFF
    if scheme == "file":
        if parts.netloc.lower() not in ("", "localhost"):
            return None, src, _NOT_SHOWN
        path = unquote(parts.path)
        if len(path) > 2 and path[0] == "/" and path[2] == ":":  # file:///C:/...
            path = path[1:]
        return _local_file([path], unquote(src))
    if scheme:  # data:, ftp:, ...
        return None, src, _NOT_SHOWN
    path = unquote(parts.path if not parts.scheme else src)
    if not path:
        return None, src, _NOT_FOUND
    if path[:1] in ("/", "\\") and not path.startswith("//"):
        # A site-root path (/images/a.png): the site's folder is the article's or one above it
        # (Hugo keeps such files under static/); last, the path as it is on this machine.
        rel = path.lstrip("/\\")
        candidates = []
        if base_dir:
            folder = os.path.abspath(base_dir)
            while True:
                candidates += [os.path.join(folder, rel), os.path.join(folder, "static", rel)]
                parent = os.path.dirname(folder)
                if parent == folder:
                    break
                folder = parent
        candidates.append(path)
        return _local_file(candidates, path)
    if os.path.isabs(path):
        return _local_file([path], path)
    if not base_dir:
        return None, path, _NOT_SAVED
    return _local_file([os.path.join(base_dir, path)], path)


def _local_file(candidates: list[str], shown: str) -> tuple[str | None, str, str]:
    for path in candidates:
        if os.path.isfile(path):
            return Path(os.path.abspath(path)).as_uri(), shown, ""
    return None, shown, _NOT_FOUND


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


def _embeds(tokens) -> dict[int, tuple[str, str]]:
    """Paragraphs that hold nothing but a Zenn embed ``@[name](url)``: index -> (name, url)."""
    found = {}
    for i in range(len(tokens) - 2):
        if tokens[i].type != "paragraph_open" or tokens[i + 2].type != "paragraph_close" or not tokens[i].map:
            continue
        kids = tokens[i + 1].children or []
        if (
            len(kids) == 4
            and kids[0].type == "text"
            and kids[0].content == "@"
            and kids[1].type == "link_open"
            and kids[2].type == "text"
            and kids[2].content in EMBEDS
            and kids[3].type == "link_close"
        ):
            found[i] = (kids[2].content, str(kids[1].attrGet("href") or ""))
    return found


def _card(name: str, url: str, anchor: str, line: int) -> str:
    """A link card: what the embed is, the site's name and the address (nothing is fetched)."""
    parts = urlsplit(url)
    site = parts.netloc or url
    label = EMBEDS[name]
    title = site if name == "card" else f"{label} · {site}"
    ident = f' id="{anchor}"' if anchor else ""
    link = f'<a href="{_html.escape(url)}">{_html.escape(url)}</a>' if parts.scheme in ("http", "https") else ""
    return (
        f'<table class="card" width="100%" data-source-line="{line}"><tr><td>'
        f'<p class="card-title"{ident}>{_html.escape(title)}</p>'
        f'<p class="card-url">{link or _html.escape(url)}</p>'
        "</td></tr></table>"
    )
