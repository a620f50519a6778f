from __future__ import annotations

import re

from ...registry import Rule
from .sentence_length import js_regexp
from ._str_runs import in_quote, str_runs

_JA = "ぁ-んァ-ヶー−一-龠々"
# One Latin letter, half or full width, squeezed between Japanese characters.
_LONE_LETTER = re.compile(f"(?<=[{_JA}])[a-zA-Zａ-ｚＡ-Ｚ](?=[{_JA}])")
# Established words with one letter (C言語, X軸, Eメール ...), textlint's allowCommonCase.
_COMMON = [re.compile(p) for p in (r"[a-zA-Z]言語", r"[x-zX-Z]軸", r"[x-zX-Z]座標", r"[a-zA-Z]ボタン",
                                    r"Eメール", r"[a-zA-Z]社", r"[a-zA-Z]型", r"[a-zA-Z]版")]


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
    options = {"allow": [], "allowCommonCase": True}

    def check(self, doc, ctx):
        allow = [p for p in (js_regexp(a) for a in (ctx.options.get("allow") or []) if isinstance(a, str)) if p]
        if ctx.options.get("allowCommonCase", True):
            allow += _COMMON
        for block in doc.prose_blocks():
            if in_quote(block):
                continue
            text = block.text
            for a, b in str_runs(block, {"link", "em"}):
                for m in _LONE_LETTER.finditer(text, a, b):
                    i = m.start()
                    if any(x.start() <= i < x.end() for p in allow for x in p.finditer(text, a, b)):
                        continue
                    s, e = block.source_span(i, i + 1)
                    yield ctx.report(s, e, f"不自然なアルファベットがあります: {m.group()}")
