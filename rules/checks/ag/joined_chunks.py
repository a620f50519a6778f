from __future__ import annotations

from collections.abc import Iterator

from ...engine.options import Option, Options
from ...engine.registry import Rule, RuleContext
from ...model import Diagnostic, Edit, Fix
from ...reading.document import Document
from ...reading.joined import HEADING_MAX, LINE_MAX, joined_lines


class JoinedChunks(Rule):
    """A heading or line far longer than any real one, holding several chunks run together.

    **What it does**: reports a heading longer than ``heading-max`` characters that goes on
    with sentences or holds another heading marker (``## 見出し 本文。本文。…``; also a
    paragraph with a ``---`` rule right under it, which Markdown reads as a heading), and a
    paragraph line longer than ``line-max`` characters made of paragraphs joined by a space
    after their final 「。」 (Japanese puts no space between sentences), or holding a
    heading marker after text (``…。 ### 次の節 …``).

    **Why**: a generator that pastes its chunks back together sometimes loses their line
    breaks. Published, the page shows a heading thousands of characters long, or one
    enormous paragraph.

    **Example**::

        ## 見出し この問いに対して、私の答えを共有させてください。 正直なところ、…

    **Fix**: the unsafe fix puts the blocks back on lines of their own: before a heading
    marker inside the line, at each 「。 」 join of a paragraph, in a heading after the
    words that form another heading of the post, and between a paragraph and the rule
    under it. Where no split point is known the line is
    left to the author, and ``article-lint export`` refuses the post.
    """

    code = "AG009"
    name = "joined-chunks"
    severity = "error"
    options = Options(
        Option("heading-max", HEADING_MAX, "Longest heading, in characters, before it counts as joined chunks."),
        Option("line-max", LINE_MAX, "Longest line of prose, in characters, before it counts as joined chunks."),
    )
    fixes = "unsafe"
    export_fixes = "all"

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        heading_max = int(ctx.options["heading-max"])
        line_max = int(ctx.options["line-max"])
        for joined in joined_lines(doc, heading_max, line_max):
            if joined.kind == "setext":
                message = ctx.msg(
                    ja=f"段落（{joined.length:,}字）の直下に「---」があるため、段落全体が見出しになっています。",
                    en=f"A rule (---) right under this {joined.length:,}-character paragraph makes it a heading.",
                )
            elif joined.kind == "heading":
                message = ctx.msg(
                    ja=f"見出しが{joined.length:,}字あり、本文や別の見出しがつながっています。",
                    en=f"This heading is {joined.length:,} characters long: text or other headings run into it.",
                )
            else:
                message = ctx.msg(
                    ja=f"1行が{joined.length:,}字あり、いくつもの段落や見出しがつながっています。",
                    en=f"This line is {joined.length:,} characters long: several paragraphs or headings run together.",
                )
            fix = None
            if joined.splits:
                fix = Fix(
                    tuple(Edit(s, e, "\n\n") for s, e in joined.splits),
                    "unsafe",
                    ctx.msg(ja="ブロックごとに行を分ける", en="Put each block on lines of its own"),
                )
            # Report the line's start only: the whole line would underline thousands of characters.
            yield ctx.report(joined.start, min(joined.end, joined.start + 40), message, fix, length=joined.length)
