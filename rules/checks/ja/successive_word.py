"""JA018 ja-no-successive-word: the same word twice in a row (「これはは」)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import compress, count
from operator import eq, itemgetter

from ...engine.options import Option, Options
from ...engine.registry import Rule, RuleContext
from ...model import Diagnostic
from ...reading.document import Document
from ...reading.user_regex import budget_for
from ._morpheme_match import kuromoji_tokens
from ._patterns import allow_patterns, matches_any
from ._textlint_nodes import str_nodes

# textlint's test for onomatopoeia: a katakana word repeated (カクカク, ドキドキ).
_ONOMATOPOEIA = re.compile(r"^[ァ-ロワヲンー]*$")
_SURFACE = itemgetter(0)  # Token.surface_form


class NoSuccessiveWord(Rule):
    """The same word written twice in a row, such as 「これはは」 or 「あるある」.

    **What it does**: splits each run of text into morphemes and reports a morpheme equal to
    the one just before it. A repeated katakana word is taken for onomatopoeia (カクカク) and
    allowed unless ``allowOnomatopee`` is false; words listed in ``allow`` (plain strings or
    ``/regex/``) are never reported. Same as textlint's ``ja-no-successive-word``.

    **Why**: a doubled word is almost always a typing slip that a spell checker cannot see.

    **Example**::

        これはは問題ある文章です。   # "は" が連続して2回使われています。

    **Fix**: none automatic: delete one of the two words, or rephrase when the repetition is
    meant (「すもももももももものうち」 is fine: its morphemes differ).
    """

    code = "JA018"
    name = "ja-no-successive-word"
    # Reads MeCab's tokens of every prose text: with the other rules that do (see two_cores).
    second_process = True
    severity = "warning"
    options = Options(
        Option("allowOnomatopee", True, "Allow doubled words that are onomatopoeia (ドキドキ)."),
        Option("allow", [], "Words (or /regex/) that may repeat."),
    )
    presets = {"ja-technical-writing": {}}
    textlint_id = "ja-no-successive-word"

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        allow_onomatopoeia = bool(ctx.options["allowOnomatopee"])
        allow = allow_patterns(ctx.options.get("allow") or [], budget_for(doc.text))
        for block, s, e in str_nodes(doc):
            tokens = kuromoji_tokens(block.text[s:e])
            surfaces = list(map(_SURFACE, tokens))
            # Only a token with the surface of the one before can be reported; find those in C.
            for i in compress(count(1), map(eq, surfaces[1:], surfaces)):
                prev, tok = tokens[i - 1], tokens[i]
                if self._successive(prev, tok, allow, allow_onomatopoeia):
                    start, end = block.source_span(s + tok.start, s + tok.end)
                    yield ctx.report(start, end, f'"{tok.surface_form}" が連続して2回使われています。')

    @staticmethod
    def _successive(prev, tok, allow, allow_onomatopoeia) -> bool:
        word = tok.surface_form
        if allow and matches_any(word, allow):
            return False
        if prev.surface_form != word or not word.strip():
            return False
        if allow_onomatopoeia and _ONOMATOPOEIA.match(word):
            return False
        # kuromoji reads a run of numerals (九九, 111) as one number; MeCab may split it.
        if prev.pos_detail_1 == "数" and tok.pos_detail_1 == "数":
            return False
        return True
