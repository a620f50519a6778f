from __future__ import annotations

from collections.abc import Iterator

from ...engine.options import Option, Options
from ...engine.registry import Rule, RuleContext
from ...model import Diagnostic
from ...reading.document import Document
from ...reading.morph import tokenize
from ._textlint_nodes import masked_text, paragraphs, sentences


def _is_bracket(token) -> bool:
    return (token.pos == "記号" and token.pos_detail_1.startswith("括弧")) or token.surface_form in "()"


def _sibling(tokens, index: int, step: int):
    """The nearest token in direction ``step``, brackets skipped."""
    i = index + step
    while 0 <= i < len(tokens):
        if not _is_bracket(tokens[i]):
            return tokens[i]
        i += step
    return None


class MaxTen(Rule):
    """A sentence with more than ``max`` Japanese commas 「、」 (3 by default).

    **What it does**: counts the 読点 (``touten``) of each sentence, resetting at each 句点
    (``kuten``) or 「?!？！」, also inside a quote within the sentence. A 読点 between two
    nouns (名詞、名詞) is not counted unless ``strict``.

    **Why**: a sentence with many 読点 strings clauses together; it is easier to read cut up.

    **Example**: ``これは、これは、これは、これは、これはだめ。``

    **Fix**: split the sentence, or turn the enumeration into a list.
    """

    code = "JA003"
    name = "max-ten"
    severity = "warning"
    options = Options(
        Option("max", 3, "Most 読点 in one sentence."),
        Option("strict", False, "Also count a 読点 right after a particle that textlint skips."),
        Option("touten", "、", "The 読点 character."),
        Option("kuten", "。", "The 句点 character."),
    )
    presets = {"ja-technical-writing": {"max": 3}, "japanese": {"max": 3}}
    textlint_id = "max-ten"
    second_process = True

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        opts = ctx.options
        max_len = int(opts["max"])
        strict = bool(opts["strict"])
        touten = opts.get("touten") or "、"
        kuten = opts.get("kuten") or "。"
        separators = ["?", "!", "？", "！", kuten]
        for block in paragraphs(doc):
            if touten not in block.text:
                continue
            masked = None
            for ps, pe in sentences(doc, block, separators):
                text = block.text[ps:pe]
                if masked is None and any(m.kind == "code" for m in block.marks):
                    # textlint reads inline code as "_" characters: its "!" resets nothing.
                    masked = masked_text(block, "_")
                if masked is not None:
                    text = masked[ps:pe]
                # A finding needs more than ``max`` 読点 tokens, so at least that many characters.
                if text.count(touten) <= max_len:
                    continue
                tokens = tokenize(text)
                count = 0
                last = None
                for i, token in enumerate(tokens):
                    surface = token.surface_form
                    if surface == touten:
                        before, after = _sibling(tokens, i, -1), _sibling(tokens, i, 1)
                        if (
                            not strict
                            and before is not None
                            and after is not None
                            and before.pos == "名詞"
                            and after.pos == "名詞"
                        ):
                            continue
                        count += 1
                        last = token
                    # textlint resets at any separator token, also one the splitter kept
                    # inside the sentence (a 「…！」 quote).
                    if surface in separators:
                        count = 0
                    if count > max_len and last is not None:
                        s, e = block.source_span(ps + last.start, ps + last.end)
                        yield ctx.report(s, e, f'一つの文で"{touten}"を{max_len + 1}つ以上使用しています')
                        count = 0
