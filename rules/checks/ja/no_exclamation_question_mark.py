from __future__ import annotations

import re
from collections.abc import Iterator

from ...engine.options import Option, Options
from ...engine.registry import RuleContext
from ...model import Diagnostic
from ...reading.document import Document
from ...reading.user_regex import UserPattern, budget_for, vetted
from ._char_rule import StrPatternRule
from ._patterns import allow_patterns
from ._textlint_nodes import str_runs

# textlint's rule always allows this name, on top of the ``allow`` option.
_BUILTIN_ALLOW = vetted("Yahoo!")


class NoExclamationQuestionMark(StrPatternRule):
    """An exclamation or question mark: ``!`` ``?`` ``！`` ``？``.

    **What it does**: reports each mark unless its width and kind are allowed by
    ``allowHalfWidthExclamation``, ``allowFullWidthExclamation``, ``allowHalfWidthQuestion``
    or ``allowFullWidthQuestion``, or it is part of (or right after) a word of ``allow``
    (strings or ``/regex/flags``; ``Yahoo!`` always). As textlint's rule, text in links,
    emphasis and block quotes is left alone.

    **Why**: technical writing states things; exclamations and rhetorical questions add tone,
    not information.

    **Example**: ``Hey!?``

    **Fix**: rewrite the sentence as a statement.
    """

    code = "JA014"
    name = "no-exclamation-question-mark"
    severity = "warning"
    options = Options(
        Option("allow", [], "Words (or /regex/ strings) whose marks are fine, such as a product name."),
        Option("allowHalfWidthExclamation", False, "Allow !"),
        Option("allowFullWidthExclamation", False, "Allow ！"),
        Option("allowHalfWidthQuestion", False, "Allow ?"),
        Option("allowFullWidthQuestion", False, "Allow ？"),
    )
    presets = {"ja-technical-writing": {}}
    textlint_id = "no-exclamation-question-mark"
    pattern = re.compile("[!?！？]")
    # As textlint-rule-no-exclamation-question-mark: Str nodes in links, images, emphasis and
    # block quotes are skipped; a reference link ([text][label]) is not a Link to textlint.
    skip = frozenset({"image", "em"})
    skip_quotes = True

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        allowed = {
            "!": ctx.options.get("allowHalfWidthExclamation"),
            "！": ctx.options.get("allowFullWidthExclamation"),
            "?": ctx.options.get("allowHalfWidthQuestion"),
            "？": ctx.options.get("allowFullWidthQuestion"),
        }
        words = [*(ctx.options.get("allow") or ()), *_BUILTIN_ALLOW]
        patterns = allow_patterns(words, budget_for(doc.text))
        for block, m in self.matches(doc):
            ch = m.group()
            if allowed.get(ch):
                continue
            i = m.start()
            if any(a <= i < b for a, b in _inline_links(doc.text, block)):
                continue
            if _allowed_here(block, i, patterns, self.skip):
                continue
            s, e = block.source_span(i, i + 1)
            yield ctx.report(s, e, ctx.msg(ja=f"「{ch}」は使わないでください。", en=f'Disallow to use "{ch}".'))


def _inline_links(source: str, block) -> list[tuple[int, int]]:
    """Plain-text spans of the block's links written ``[text](url)`` or ``<url>``: textlint's
    Link nodes (a reference link is a LinkReference, which the rule does not skip)."""
    spans = []
    for m in block.marks:
        if m.kind != "link" or m.source_start is None or m.end <= m.start:
            continue
        if source.startswith("<", m.source_start):
            spans.append((m.start, m.end))
            continue
        close = source.find("]", block.offsets[m.end - 1] + 1)
        if close != -1 and source.startswith("(", close + 1):
            spans.append((m.start, m.end))
    return spans


def _allowed_here(block, i: int, patterns: list[UserPattern], skip: frozenset[str]) -> bool:
    """Whether the mark at ``i`` lies in, or right after, a match of an ``allow`` pattern in its
    Str node (textlint compares ``start <= index <= end``, so the end counts too)."""
    for a, b in str_runs(block, skip):
        if a <= i < b:
            run = block.text[a:b]
            return any(m.start() <= i - a <= m.end() for rx in patterns for m in rx.finditer(run))
    return False
