from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from ...engine.options import Option, Options
from ...engine.registry import RuleContext
from ...model import Diagnostic
from ...reading.document import Document
from ._char_rule import StrPatternRule

_HANKAKU = re.compile("[A-Za-z]+")
_ZENKAKU = re.compile("[Ａ-Ｚａ-ｚ]+")


class NoMixedZenkakuAndHankakuAlphabet(StrPatternRule):
    """Latin letters in the width that is not preferred (``prefer``: 半角 or 全角).

    **What it does**: reports each run of full-width letters (``ＡＢＣ``) when ``prefer``
    is 「半角」 (the default), or of half-width letters when it is 「全角」.

    **Why**: one document should write its letters one way.

    **Example**: ``ABC は ＡＢＣ``

    **Fix**: convert the run to the preferred width (safe).
    """

    code = "JA025"
    name = "no-mixed-zenkaku-and-hankaku-alphabet"
    severity = "warning"
    default_enabled = False
    options = Options(
        Option(
            "prefer",
            "半角",
            "The width to use: 半角 or 全角.",
            choices=(
                "半角",
                "全角",
            ),
        ),
    )
    fixes = "safe"
    textlint_id = "no-mixed-zenkaku-and-hankaku-alphabet"

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        prefer = ctx.options.get("prefer") or "半角"
        pattern = _HANKAKU if prefer == "全角" else _ZENKAKU
        for block, m in self.matches(doc, pattern):
            s, e = block.source_span(m.start(), m.end())
            word = m.group()
            if prefer == "全角":
                fixed = "".join(chr(ord(c) + 0xFEE0) for c in word)
            else:
                fixed = unicodedata.normalize("NFKC", word)
            yield ctx.report(s, e, f"アルファベットは「{prefer}」で表記します。", ctx.replace(s, e, fixed))
