from __future__ import annotations

from collections.abc import Iterator

from ...engine.options import Option, Options
from ...engine.registry import Rule, RuleContext
from ...model import Diagnostic
from ...reading.document import Document
from ...reading.prose import normalize
from ...reading.repetition import find_copies


class RepeatedSentence(Rule):
    """The same sentence written twice in one article.

    **What it does**: reports a sentence (``min-length`` characters or more, normalized) that
    already appeared earlier in the article, unless its whole paragraph is already reported
    as a repeated passage (AG003).

    **Why**: a repeated sentence is usually a leftover of editing or of a generator that
    restated its previous chunk.

    **Example**: 「AIの「軍拡競争」は、どこまで加速していくのでしょうか。」 closing one section
    and opening the next.

    **Fix**: delete or reword the later one; no automatic fix.
    """

    code = "RP003"
    name = "repeated-sentence"
    severity = "warning"
    options = Options(
        Option("min-length", 30, "Shortest sentence, in characters, whose repeat is reported."),
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        minimum = int(ctx.options["min-length"])
        copied = {id(c.block) for c in find_copies(doc)}
        seen: dict[str, int] = {}
        for sentence in doc.sentences:
            if sentence.block.kind not in ("paragraph", "quote"):
                continue
            key = normalize(sentence.text)
            if len(key) < minimum:
                continue
            first = seen.get(key)
            if first is None:
                seen[key] = sentence.start
                continue
            if id(sentence.block) in copied:
                continue
            line = doc.lines.line_of(first) + 1
            yield ctx.report(
                sentence.start,
                sentence.end,
                ctx.msg(ja=f"同じ文が{line}行目にもあります。", en=f"This sentence already appears at line {line}."),
                first_line=line,
            )
