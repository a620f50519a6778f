from __future__ import annotations

import re
from collections.abc import Iterator

from ...engine.options import Option, Options
from ...engine.registry import Rule, RuleContext
from ...model import Diagnostic
from ...reading.document import Document
from ...reading.user_regex import budget_for, vetted
from ._textlint_nodes import str_runs
from .sentence_length import js_patterns

# What textlint-rule-ja-unnatural-alphabet 2.x counts as Japanese: kanji (with the
# supplementary planes), full-width forms, kana and 。、・−.
_JA = "々〇〻\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff\uff00-\uffefぁ-んァ-ヶー。、・−"
# One Latin letter, half or full width, between Japanese characters. Both neighbours are
# consumed, as textlint's global match does, so 「あaいbう」 reports only the first letter.
_LONE_LETTER = re.compile(f"[{_JA}]([a-zA-Zａ-ｚＡ-Ｚ])[{_JA}]")
# textlint's allowCommonCase words: C言語, X座標, X軸, Eメール.
_COMMON = [re.compile(p) for p in (r"[a-zA-Zａ-ｚＡ-Ｚ]言語", r"[x-zX-Z]座標", r"[x-zX-Z]軸", r"Eメール")]
# The rule's own default ``allow``: vowels and n (ローマ字 input leftovers that read as
# intended) and capital letters (「タスクB」「Resource AとB」).
DEFAULT_ALLOW = list(vetted("a", "i", "u", "e", "o", "n", "/[A-Z]/"))


class JaUnnaturalAlphabet(Rule):
    """A single Latin letter stuck between Japanese characters, usually an IME slip.

    **What it does**: reports a lone letter such as 「リイrース」「対応でｋない」, except
    common words (C言語, X軸, Eメール) and what ``allow`` lists (strings or ``/regex/``).

    **Why**: a stray letter is almost always a typo left by the input method.

    **Example**: ``無駄なk脳``

    **Fix**: delete the letter or type the kana it was meant to be.
    """

    code = "JA021"
    name = "ja-unnatural-alphabet"
    severity = "warning"
    options = Options(
        Option("allow", ["a", "i", "u", "e", "o", "n", "/[A-Z]/"], "Letters or /regex/ that are not unnatural."),
        Option("allowCommonCase", True, "Allow common cases such as a single letter used as a variable."),
    )
    presets = {"ja-technical-writing": {}}
    textlint_id = "ja-unnatural-alphabet"

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        allow: list = js_patterns(ctx.options.get("allow") or DEFAULT_ALLOW, budget_for(doc.text), "allow")
        if ctx.options["allowCommonCase"]:
            allow += _COMMON
        for block in doc.prose_blocks():
            text = block.text
            for a, b in str_runs(block):
                for m in _LONE_LETTER.finditer(text, a, b):
                    i = m.start(1)
                    # textlint treats the end of an allowed match as inside it, too.
                    if any(x.start() <= i <= x.end() for p in allow for x in p.finditer(text, a, b)):
                        continue
                    s, e = block.source_span(i, i + 1)
                    yield ctx.report(s, e, f"不自然なアルファベットがあります: {m.group(1)}")
