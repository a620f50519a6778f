from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from ...engine.registry import RuleContext
from ...model import Diagnostic
from ...reading.document import Document
from ._char_rule import StrPatternRule


class NoHankakuKana(StrPatternRule):
    """Half-width katakana such as ``ｶﾀｶﾅ``.

    **What it does**: reports each run of half-width katakana (U+FF61-U+FF9F).

    **Why**: half-width kana are a legacy encoding artefact; they break search and look
    out of place in a document.

    **Example**: ``ｶﾀｶﾅはゼンカクとﾊﾝｶｸがある``

    **Fix**: use full-width katakana; the quick fix converts the run (NFKC).
    """

    code = "JA015"
    name = "no-hankaku-kana"
    severity = "error"
    fixes = "unsafe"
    presets = {"ja-technical-writing": {}}
    textlint_id = "no-hankaku-kana"
    pattern = re.compile("[\uff61-\uff9f]+")

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        for block, m in self.matches(doc):
            s, e = block.source_span(m.start(), m.end())
            fixed = unicodedata.normalize("NFKC", m.group())
            yield ctx.report(
                s,
                e,
                ctx.msg(
                    ja=f"半角カタカナ「{m.group()}」は使わないでください。",
                    en=f'Disallow to use 半角カタカナ: "{m.group()}"',
                ),
                suggestions=[
                    ctx.replace(
                        s, e, fixed, "unsafe", ctx.msg(ja=f"全角の「{fixed}」に置き換える", en=f"Replace with {fixed}")
                    )
                ],
            )
