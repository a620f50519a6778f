from __future__ import annotations

from collections.abc import Iterator

from ...engine.options import Option, Options
from ...engine.registry import Rule, RuleContext
from ...model import Diagnostic
from ...reading.document import Document
from ...reading.morph import tokenize

# Endings so common in です・ます prose that a run of them says nothing.
PLAIN_ENDINGS = frozenset(
    {
        "です",
        "ます",
        "ました",
        "でした",
        "だ",
        "た",
        "である",
        "ません",
        "でしょう。",
        "ない",
        "ていた",
        "ている",
        "ています",
        "ませんでした",
        "れます",
        "られます",
        "せん",
        "う",
        "い",
    }
)


def sentence_ending(text: str) -> str:
    """The auxiliaries and particles that close a sentence (「加速し続けるでしょう。」 → 「でしょう」)."""
    body = text.rstrip("。．.！？!?」』）) \u3000")
    tokens = [t for t in tokenize(body[-30:]) if t.surface_form.strip()]
    tail = []
    for tok in reversed(tokens):
        if tok.pos in ("助動詞", "助詞") or (tok.pos == "動詞" and tok.pos_detail_1 == "非自立"):
            tail.append(tok.surface_form)
        else:
            break
    return "".join(reversed(tail))


class SuccessiveEndings(Rule):
    """Three or more sentences in a row that end the same way (「〜でしょう。」 ×3).

    **What it does**: takes the closing auxiliaries and particles of each sentence in a
    paragraph (「でしょう」「かもしれません」「んです」) and reports the sentence that makes a
    run of ``min`` or more alike. Plain endings such as 「です」「ます」「ました」 are left
    alone, since Japanese prose repeats them by nature.

    **Why**: the same cadence sentence after sentence reads monotonous and hedging; it is a
    typical pattern of generated text.

    **Example**: 「…激化するでしょう。…求められるでしょう。…加速するでしょう。」

    **Fix**: vary or firm up the endings; no automatic fix.
    """

    code = "RP002"
    name = "successive-endings"
    severity = "warning"
    options = Options(
        Option("min", 3, "Sentences in a row with the same ending to report."),
    )
    second_process = True

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        minimum = max(2, int(ctx.options["min"]))
        run_ending: str | None = None
        run: list = []
        last_block = None
        for sentence in doc.sentences:
            if sentence.block is not last_block:
                run_ending, run = None, []
                last_block = sentence.block
            ending = sentence_ending(sentence.text)
            if not ending or ending in PLAIN_ENDINGS:
                run_ending, run = None, []
                continue
            if ending == run_ending:
                run.append(sentence)
            else:
                run_ending, run = ending, [sentence]
            if len(run) >= minimum:
                s = run[-1]
                yield ctx.report(
                    s.start,
                    s.end,
                    ctx.msg(
                        ja=f"「{ending}」で終わる文が{len(run)}つ続いています。文末に変化をつけてください。",
                        en=f"{len(run)} sentences in a row end with 「{ending}」: vary the endings.",
                    ),
                    ending=ending,
                )
