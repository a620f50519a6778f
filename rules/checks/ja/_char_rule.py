"""A base for rules that report characters matching a pattern in textlint ``Str`` nodes."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...engine.registry import Rule
from ...reading.document import Block, Document
from ._textlint_nodes import in_quote, str_runs


class StrPatternRule(Rule):
    """Reports every match of ``pattern`` in the Str runs of prose blocks (not a rule itself)."""

    pattern: re.Pattern = re.compile(r"(?!)")
    skip: frozenset[str] = frozenset()
    skip_quotes: bool = False  # textlint rules that ignore Str nodes inside a BlockQuote

    def matches(self, doc: Document, pattern: re.Pattern[str] | None = None) -> Iterator[tuple[Block, re.Match[str]]]:
        pattern = pattern or self.pattern
        for block in doc.prose_blocks():
            if not pattern.search(block.text) or (self.skip_quotes and in_quote(block)):
                continue
            for a, b in str_runs(block, self.skip):
                for m in pattern.finditer(block.text, a, b):
                    yield block, m
