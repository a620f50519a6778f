from __future__ import annotations

from collections.abc import Iterator

from ...engine.options import Option, Options
from ...engine.registry import Rule
from ...reading.document import Block

_SENTENCE_END = "。．.!！"
_LABEL_END = ":："


def pseudo_headings(doc, min_len: int = 6, max_len: int = 60) -> Iterator[tuple[Block, int]]:
    """The bold-only paragraphs of ``doc`` used as headings, with the heading level each one
    would take (one below the nearest real heading above it, ``2`` when there is none)."""
    blocks = doc.blocks
    last_level = 1
    for i, block in enumerate(blocks):
        if block.kind == "heading":
            last_level = block.level
            continue
        if block.kind != "paragraph" or block.containers or block.end_line - block.line != 1:
            continue
        if not block.is_all("strong"):
            continue
        title = block.text.strip()
        if not (min_len <= len(title) <= max_len) or title[-1] in _SENTENCE_END + _LABEL_END:
            continue
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        if nxt is None or nxt.kind != "paragraph" or nxt.line <= block.end_line:
            continue  # a label glued to a list or the end of the article
        if nxt.is_all("strong") or len(nxt.text.strip()) < 20:
            continue
        yield block, min(max(2, last_level + 1 if last_level > 1 else 2), 6)


class PseudoHeading(Rule):
    """A short bold-only line used as a section heading.

    **What it does**: reports a paragraph that is nothing but bold text, reads like a
    title (short, no closing 「。」, not a label ending in a colon), stands on its own and is
    followed by body text.

    **Why**: ``**見出し**`` looks like a heading but is not one: it is missing from the
    table of contents and the outline, screen readers and search engines do not see the
    structure, and the site's heading styles do not apply.

    **Example**::

        **NVIDIAの反撃とCUDAエコシステムの強み**

        もちろん、このカスタムチップ開発の波が…

    Short labels such as ``**参照**`` or ``**投資家にとって：**`` before a list are not
    reported.

    **Fix**: the unsafe fix turns the line into a Markdown heading one level below the
    nearest real heading above it (``##`` when there is none).
    """

    code = "AG006"
    name = "pseudo-heading"
    severity = "warning"
    options = Options(
        Option("min-length", 6, "Shortest bold line, in characters, that can stand for a heading."),
        Option("max-length", 60, "Longest bold line, in characters, that can stand for a heading."),
    )
    fixes = "unsafe"
    export_fixes = "all"

    def check(self, doc, ctx):
        min_len = int(ctx.options.get("min-length", 6))
        max_len = int(ctx.options.get("max-length", 60))
        for block, level in pseudo_headings(doc, min_len, max_len):
            title = block.text.strip()
            fix = ctx.replace(
                block.start,
                block.end,
                "#" * level + " " + title,
                "unsafe",
                ctx.msg(ja=f"レベル{level}の見出しにする", en=f"Make it a level-{level} heading"),
            )
            yield ctx.report(
                block.start,
                block.end,
                ctx.msg(
                    ja=f"太字の行が見出しの代わりに使われています。「{title}」を見出しにしてください。",
                    en=f"Bold line used as a heading: make 「{title}」 a real heading.",
                ),
                fix,
            )
