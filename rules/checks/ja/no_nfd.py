from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from ...engine.registry import RuleContext
from ...model import Diagnostic
from ...reading.document import Document
from ._char_rule import StrPatternRule

_SOUND_MARKS = {"\u309b": "\u3099", "\u309c": "\u309a"}


class NoNfd(StrPatternRule):
    """A kana written with a separate (combining) voiced sound mark, as macOS file names do.

    **What it does**: reports 「ホ゜」「シ゛」-style kana plus sound mark pairs (NFD).

    **Why**: they look like 「ポ」「ジ」 but do not match them in search and sort.

    **Example**: ``ホ゜ケット``

    **Fix**: replace the pair with the composed kana (safe).
    """

    code = "JA013"
    name = "no-nfd"
    severity = "error"
    fixes = "safe"
    presets = {"ja-technical-writing": {}, "japanese": {}}
    textlint_id = "no-nfd"
    pattern = re.compile("[\u3040-\u30ff][\u3099\u309a\u309b\u309c]")
    # As textlint-rule-no-nfd: text in links, images, emphasis and block quotes is left alone.
    skip = frozenset({"link", "image", "em"})
    skip_quotes = True

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        for block, m in self.matches(doc):
            pair = m.group()
            nfc = unicodedata.normalize("NFC", pair[0] + _SOUND_MARKS.get(pair[1], pair[1]))
            if len(nfc) != 1:
                continue
            s, e = block.source_span(m.start(), m.end())
            yield ctx.report(
                s + 1,
                e,
                ctx.msg(
                    ja=f"濁点・半濁点が分離した文字（NFD、いわゆるUTF8-MAC濁点）です:「{pair}」→「{nfc}」",
                    en=f'Disallow to use NFD(well-known as UTF8-MAC 濁点): "{pair}" => "{nfc}"',
                ),
                ctx.replace(s, e, nfc),
            )
