from __future__ import annotations

from collections.abc import Iterator

from ...engine.registry import Rule, RuleContext
from ...model import Diagnostic
from ...reading.document import Document
from ...reading.edits import block_removal
from ...reading.repetition import find_copies


class DuplicatedPassage(Rule):
    """A paragraph, or a run of them, that repeats an earlier passage exactly or nearly.

    **What it does**: compares every paragraph with the earlier ones on normalized text
    (white space, line breaks and emphasis ignored) and reports a paragraph when at least
    80% of it already stands in one earlier paragraph (exact copies, re-wrapped copies,
    copies with small edits and truncated copies), when it repeats a long earlier paragraph
    whole and adds a sentence or two, when a long paragraph or heading repeats text spread
    over several earlier blocks (chunks joined into one line), or when its lines repeat a
    run of earlier lines, whatever the blank lines between them (a list of books with
    their links written twice). A heading or bold line that repeats an earlier one is
    reported only inside such a run. Not passages: code and math blocks, a paragraph that
    is only a URL or a link card, lists of links, and anything inside a callout or quote
    (``:::message``, ``:::details``, ``> [!NOTE]``), where repeating is deliberate.

    **Why**: a generator that restarts a chunk often writes whole sections again. Readers
    notice at once, and search engines treat the page as thin content.

    **Example**: a section 「持続可能なAIへのシフト」 with its paragraphs appearing a second
    time after a ``---END---`` marker.

    **Fix**: the unsafe fix deletes the later copy, keeping the sentences it adds that
    stand nowhere else; ``article-lint export`` drops every later copy the same way and
    keeps the first.
    """

    code = "AG003"
    name = "duplicated-passage"
    severity = "error"
    fixes = "unsafe"

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        text = doc.text
        for copy in find_copies(doc):
            block, original = copy.block, copy.original
            line = original.line + 1
            percent = int(round(copy.similarity * 100))
            if percent >= 100:
                message = ctx.msg(
                    ja=f"{line}行目と同じ内容が繰り返されています。", en=f"This passage repeats the one at line {line}."
                )
            else:
                message = ctx.msg(
                    ja=f"{line}行目とほぼ同じ内容（{percent}%一致）が繰り返されています。",
                    en=f"This passage nearly repeats ({percent}%) the one at line {line}.",
                )
            if copy.extra:
                kept = "".join(text[slice(*block.source_span(s, e))] for s, e in copy.extra)
                message += ctx.msg(
                    ja=f"（ほかにない文が{len(copy.extra)}つあります）",
                    en=f" ({len(copy.extra)} sentence(s) found nowhere else)",
                )
                fix = ctx.replace(
                    block.source_span(0, 1)[0],
                    block.end,
                    kept,
                    "unsafe",
                    ctx.msg(ja="繰り返しを削除し、ほかにない文を残す", en="Delete the repeat, keep the new sentences"),
                )
            else:
                fix = ctx.replace(
                    *block_removal(text, block.start, block.end),
                    "",
                    "unsafe",
                    ctx.msg(ja="繰り返された箇所を削除", en="Delete the repeated passage"),
                )
            yield ctx.report(block.start, block.end, message, fix, original_line=line, similarity=copy.similarity)
