"""FM001: the front matter must parse."""

from __future__ import annotations

from collections.abc import Iterator

from ...engine.registry import Rule, RuleContext
from ...model import Diagnostic
from ...reading.document import Document


class FrontMatterSyntax(Rule):
    """Front matter that is not valid YAML/TOML, or a header that is never closed.

    **What it does**: reports the YAML (``---``) or TOML (``+++``) header at the top of
    the file when it cannot be parsed, at the line and column the parser stopped, or
    when its closing fence is missing.

    **Why**: a site generator that cannot read the header either fails the build or
    publishes the post without title, date and layout, or with the header as body text.

    **Example**::

        ---
        title: "TPU契約
        date: 2025-10-26
        ---

    **Fix**: correct the YAML at the reported position (here, close the quote). Nothing is
    fixed automatically: the intent of broken YAML cannot be guessed.
    """

    code = "FM001"
    name = "front-matter-syntax"
    severity = "error"

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        fm = doc.front_matter
        if fm is None or fm.ok:
            return
        text = doc.text
        start = fm.error_offset if fm.error_offset is not None else fm.span[0]
        start = max(0, min(start, len(text)))
        line = doc.lines.line_of(start)
        line_end = doc.lines.line_span(line)[1]
        end = line_end if line_end > start else min(len(text), start + 1)
        yield ctx.report(
            start,
            end,
            ctx.msg(
                ja=f"フロントマターを読み込めません（{fm.error}）。", en=f"Front matter cannot be read: {fm.error}."
            ),
        )
