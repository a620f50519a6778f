from __future__ import annotations

import re
from collections.abc import Iterator

from ...engine.registry import RuleContext
from ...model import Diagnostic
from ...reading.document import Document
from ._char_rule import StrPatternRule


class NoZeroWidthSpaces(StrPatternRule):
    """A zero width space (U+200B) in the text.

    **What it does**: reports each zero width space in prose.

    **Why**: it is invisible, breaks search and copy-paste, and usually comes from pasting.

    **Example**: ``included here->\\u200b.``

    **Fix**: delete it (safe).
    """

    code = "JA023"
    name = "no-zero-width-spaces"
    severity = "error"
    fixes = "safe"
    presets = {"ja-technical-writing": {}, "japanese": {}}
    textlint_id = "no-zero-width-spaces"
    pattern = re.compile("\u200b")

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        for block, m in self.matches(doc):
            s, e = block.source_span(m.start(), m.end())
            yield ctx.report(
                s,
                e,
                ctx.msg(ja="ゼロ幅スペースは使わないでください。", en="Zero width space is disallowed."),
                ctx.replace(s, e, ""),
            )
