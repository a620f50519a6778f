from __future__ import annotations

import re

from ...engine.options import Option, Options
from ._char_rule import StrPatternRule

# Names that end with "!" are not exclamations.
_ALLOWED_WORDS = re.compile(r"(?:Yahoo|Jeopardy|Joomla)!", re.I)


class NoExclamationQuestionMark(StrPatternRule):
    """An exclamation or question mark: ``!`` ``?`` ``！`` ``？``.

    **What it does**: reports each mark unless its width and kind are allowed by
    ``allowHalfWidthExclamation``, ``allowFullWidthExclamation``, ``allowHalfWidthQuestion``
    or ``allowFullWidthQuestion``. Names such as ``Yahoo!`` are fine.

    **Why**: technical writing states things; exclamations and rhetorical questions add tone,
    not information.

    **Example**: ``Hey!?``

    **Fix**: rewrite the sentence as a statement.
    """

    code = "JA014"
    name = "no-exclamation-question-mark"
    severity = "warning"
    options = Options(
        Option("allowHalfWidthExclamation", False, "Allow !"),
        Option("allowFullWidthExclamation", False, "Allow ！"),
        Option("allowHalfWidthQuestion", False, "Allow ?"),
        Option("allowFullWidthQuestion", False, "Allow ？"),
    )
    presets = {"ja-technical-writing": {}}
    textlint_id = "no-exclamation-question-mark"
    pattern = re.compile("[!?！？]")

    def check(self, doc, ctx):
        allowed = {
            "!": ctx.options.get("allowHalfWidthExclamation"),
            "！": ctx.options.get("allowFullWidthExclamation"),
            "?": ctx.options.get("allowHalfWidthQuestion"),
            "？": ctx.options.get("allowFullWidthQuestion"),
        }
        for block, m in self.matches(doc):
            ch = m.group()
            if allowed.get(ch):
                continue
            i = m.start()
            if ch == "!" and any(w.end() == i + 1 for w in _ALLOWED_WORDS.finditer(block.text, max(0, i - 10), i + 1)):
                continue
            s, e = block.source_span(i, i + 1)
            yield ctx.report(s, e, ctx.msg(ja=f"「{ch}」は使わないでください。", en=f'Disallow to use "{ch}".'))
