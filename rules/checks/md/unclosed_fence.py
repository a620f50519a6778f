"""MD003: a code fence that is never closed."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...engine.registry import Rule, RuleContext
from ...model import Diagnostic
from ...reading.document import Document

# The opening fence on the block's first line, after any list or quote markers.
_OPEN = re.compile(r"^[ \t>*+-]*(?:\d{1,9}[.)][ \t>]*)?(`{3,}|~{3,})", re.M)


class UnclosedFence(Rule):
    """A code fence (three or more backticks or tildes) that is never closed.

    **What it does**: reports the opening fence of a code block that runs to the end of
    the document without a closing fence. Markdown then shows everything after the
    opening fence, headings and paragraphs included, as code.

    **Why**: one missing fence turns the rest of the article into a grey box; in the
    source it is easy to miss, and every prose check goes quiet on the swallowed text.

    **Example**::

        ```python
        print("hello")

        ## 次の節

    **Fix**: add the closing fence (the same character, at least as long as the opening
    one) where the code ends. Not fixed automatically: where the code ends is unknown.
    """

    code = "MD003"
    name = "unclosed-fence"
    severity = "warning"

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        text = doc.text
        last_line = len(doc.lines.starts)
        # A trailing newline leaves an empty last "line" markdown-it never reaches.
        if text.endswith("\n"):
            last_line -= 1
        for block in doc.blocks:
            if block.kind != "code" or block.end_line < last_line:
                continue
            first_start, first_end = doc.lines.line_span(block.line)
            opener = _OPEN.match(text, first_start, first_end)
            if not opener:
                continue  # an indented code block has no fence
            fence = opener.group(1)
            closing = re.compile(rf"^[ \t>]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$", re.M)
            last = block.end_line - 1
            if last > block.line:
                ls, le = doc.lines.line_span(last)
                if closing.match(text, ls, le):
                    continue
            yield ctx.report(
                opener.start(1),
                opener.end(1) if first_end <= opener.end(1) else first_end,
                ctx.msg(
                    ja=f"コードブロックの {fence} が閉じられていません。以降がすべてコードとして表示されます。",
                    en=f"This {fence} fence is never closed: everything after it is shown as code.",
                ),
            )
