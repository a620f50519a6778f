from __future__ import annotations

import re
from collections.abc import Iterator

from ...engine.options import Option, Options
from ...engine.registry import Rule, RuleContext
from ...model import Diagnostic
from ...reading.document import Block, Document

_SENTENCE_END = "。．.!！"
_LABEL_END = ":："
# A postscript or a note set in bold is an aside, not a section: P.S., 追伸, ※, 注:, Note:.
_ASIDE = re.compile(r"^(?:P\.?\s?P\.?\s?S\b|P\.?\s?S\b|追伸|追記|※|注[:：\s]|注意[:：]|N\.?B\b|Note\b)", re.I)
# A bold sentence ends like one even without its 「。」: polite forms and だ/である.
_PREDICATE_END = re.compile(
    r"(?:です|ます|でした|ました|ません|でしょう|ましょう|ください|だ|である|のだ|んだ)[よねな]?$"
)


def pseudo_headings(doc, min_len: int = 6, max_len: int = 60, min_count: int = 2) -> Iterator[tuple[Block, int]]:
    """The bold-only paragraphs of ``doc`` used as headings, with the heading level each one
    would take (one below the nearest real heading above it, ``2`` when there is none).

    None unless the document has at least ``min_count`` of them: a single bold line is
    emphasis, not the way the document starts its sections. The editor's outline lists these."""
    blocks = doc.blocks
    found = []
    last_level = 1
    for i, block in enumerate(blocks):
        if block.kind == "heading":
            last_level = block.level
            continue
        title = _heading_like(blocks, i, min_len, max_len)
        if title is not None:
            found.append((block, min(max(2, last_level + 1 if last_level > 1 else 2), 6)))
    if len(found) >= min_count:
        yield from found


def _heading_like(blocks: list[Block], i: int, min_len: int, max_len: int) -> str | None:
    """The title of ``blocks[i]`` if it is a bold line that stands where a heading would: a short
    bold-only paragraph of its own, titled rather than a sentence, label or aside, followed by
    body text."""
    block = blocks[i]
    if block.kind != "paragraph" or block.containers or block.end_line - block.line != 1:
        return None
    if not block.is_all("strong"):
        return None
    title = block.text.strip()
    if not (min_len <= len(title) <= max_len) or title[-1] in _SENTENCE_END + _LABEL_END:
        return None
    if _ASIDE.match(title) or _PREDICATE_END.search(title):
        return None
    nxt = blocks[i + 1] if i + 1 < len(blocks) else None
    if nxt is None or nxt.kind != "paragraph" or nxt.line <= block.end_line:
        return None  # a label glued to a list or the end of the article
    if nxt.is_all("strong") or len(nxt.text.strip()) < 20:
        return None
    return title


class PseudoHeading(Rule):
    """A short bold-only line used as a section heading.

    **What it does**: reports a paragraph that is nothing but bold text, reads like a
    title (short, no closing 「。」, not a label ending in a colon), stands on its own and is
    followed by body text, in an article that starts its sections this way: at least
    ``min-count`` (2) such lines. A single bold line is emphasis, such as a bold question
    in the middle of an argument, and is left alone. A bold sentence (ending in です, ます,
    だ…), a postscript or a note (``**P.S. …**``, ``**追伸 …**``, ``**※ …**``) is never a
    heading.

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
        Option("min-count", 2, "Fewest such lines in an article for them to count as its section starts."),
    )
    fixes = "unsafe"
    export_fixes = "all"

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        opts = ctx.options
        for block, level in pseudo_headings(doc, opts["min-length"], opts["max-length"], opts["min-count"]):
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
