from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from ...engine.registry import RuleContext
from ...model import Diagnostic
from ...reading.document import Document
from ._char_rule import StrPatternRule


class NoKangxiRadicals(StrPatternRule):
    """A Kangxi radical (U+2F00-U+2FDF) used in place of the ordinary kanji.

    **What it does**: reports characters such as 「⾧」 that look like 「長」 but are radicals.

    **Why**: they come from PDF copy-paste and break search, sort and spell checking.

    **Example**: ``⾧崎県``

    **Fix**: replace it with the kanji it stands for (safe, NFKC).
    """

    code = "JA024"
    name = "no-kangxi-radicals"
    severity = "error"
    default_enabled = False
    fixes = "safe"
    presets = {"japanese": {}}
    textlint_id = "no-kangxi-radicals"
    pattern = re.compile("[\u2f00-\u2fdf]")

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        for block, m in self.matches(doc):
            s, e = block.source_span(m.start(), m.end())
            fixed = unicodedata.normalize("NFKC", m.group())
            yield ctx.report(
                s,
                e,
                ctx.msg(
                    ja=f"康熙部首「{m.group()}」が使われています。漢字の「{fixed}」を使ってください。",
                    en=f"Found kangxi radical: {m.group()}",
                ),
                ctx.replace(s, e, fixed),
            )
