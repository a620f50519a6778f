from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from ...engine.options import Option, Options
from ...engine.registry import Rule, RuleContext
from ...model import Diagnostic
from ...reading.document import Document
from ...reading.morph import tokenize
from ._textlint_nodes import in_quote, str_runs

_KANJI = "[々〇〻\u3400-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]"


@lru_cache(maxsize=8)
def _runs_longer_than(max_len: int) -> re.Pattern[str]:
    """Kanji runs of more than ``max_len`` characters: the only ones the rule looks at."""
    return re.compile(f"{_KANJI}{{{max_len + 1},}}")


class MaxKanjiContinuousLen(Rule):
    """More than ``max`` kanji in a row (5 by default).

    **What it does**: reports a run of more than ``max`` kanji in text outside code, links
    and emphasis, unless it is in ``allow`` or is one word of the IPADIC dictionary
    (textlint allows the long kanji words it extracted from IPADIC).

    **Why**: a long run of kanji is hard to parse; the reader cannot see where words end.

    **Example**: ``漢字連続調複雑性が高い``

    **Fix**: add kana (「の」「を」...) between the words, or rephrase.
    """

    code = "JA004"
    name = "max-kanji-continuous-len"
    severity = "warning"
    options = Options(
        Option("max", 5, "Most kanji in a row."),
        Option("allow", [], "Words (or /regex/) allowed to be longer."),
    )
    presets = {"ja-technical-writing": {"max": 6}}
    textlint_id = "max-kanji-continuous-len"

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        max_len = int(ctx.options.get("max") or 5)
        allow = set(ctx.options.get("allow") or [])
        long_runs = _runs_longer_than(max(max_len, 0))
        for block in doc.prose_blocks():
            if in_quote(block):
                continue
            for a, b in str_runs(block, {"link", "em"}):
                for m in long_runs.finditer(block.text, a, b):
                    word = m.group()
                    if word in allow or _dictionary_word(word):
                        continue
                    s, e = block.source_span(m.start(), m.end())
                    yield ctx.report(s, e, f"漢字が{max_len + 1}つ以上連続しています: {word}")


def _dictionary_word(word: str) -> bool:
    """True when IPADIC knows ``word`` as one word (numerals excepted)."""
    tokens = tokenize(word)
    return len(tokens) == 1 and tokens[0].surface_form == word and tokens[0].pos_detail_1 != "数"
