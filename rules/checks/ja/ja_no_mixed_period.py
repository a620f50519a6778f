from __future__ import annotations

import re
from collections.abc import Iterator

from ...engine.options import Option, Options
from ...engine.registry import Rule, RuleContext
from ...model import Diagnostic
from ...reading.document import Document
from ._textlint_nodes import paragraphs, str_runs

_JAPANESE = re.compile("[々〇〻\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff぀-ゖァ-ヶ]")
_EXCEPTION_MARK = re.compile(r"[!?！？)）」』]")
_CLASSIC_PERIOD = re.compile(r"[。.]")
_EMOJI = re.compile("[\u2600-\u27bf\U0001f000-\U0001faff\ufe0f]")


class JaNoMixedPeriod(Rule):
    """A paragraph that does not end with the period mark 「。」.

    **What it does**: checks the end of each paragraph's last text (list items, links,
    emphasis, images, block quotes and footnotes excepted; paragraphs without Japanese
    too). Endings in ``!?！？)）」』``, ``periodMark`` or ``allowPeriodMarks`` are fine.

    **Why**: a consistent sentence end makes sentence boundaries clear to the reader.

    **Example**: ``これは句点がありません``

    **Fix**: a trailing ``.`` becomes ``。`` and trailing spaces are removed (safe); with
    ``forceAppendPeriod`` the period is appended.
    """

    code = "JA006"
    name = "ja-no-mixed-period"
    severity = "warning"
    options = Options(
        Option("periodMark", "。", "The mark a sentence must end with."),
        Option("allowPeriodMarks", [], "Other marks a sentence may end with."),
        Option("allowEmojiAtEnd", False, "A sentence may end with an emoji."),
        Option("forceAppendPeriod", False, "The fix appends the period even after another mark."),
        Option("checkFootnote", False, "Check footnote definitions too."),
    )
    fixes = "safe"
    presets = {"ja-technical-writing": {"periodMark": "。"}}
    textlint_id = "ja-no-mixed-period"

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        opts = ctx.options
        mark = opts.get("periodMark") or "。"
        allowed = list(opts.get("allowPeriodMarks") or []) + [mark]
        allow_emoji = bool(opts.get("allowEmojiAtEnd"))
        force = bool(opts.get("forceAppendPeriod"))
        footnotes = bool(opts.get("checkFootnote"))
        message = (
            f'文末が"{mark}"で終わっていません。\n理由: 句点は文の境界を明確にし、読み手の理解を助けます\n'
            f"修正: 適切な文末表現で文を完結させ、句点を追加してください\n"
            f"例: 「〜です{mark}」「〜ます{mark}」「〜でした{mark}」など"
        )
        for block in paragraphs(doc):
            if block.kind == "list_item" or "list_item" in block.containers:
                continue
            if not footnotes and any(c.startswith("footnote") for c in block.containers):
                continue
            text = block.text
            n = len(text)
            if not n or any(m.end >= n for m in block.marks):
                continue
            runs = str_runs(block)
            if not runs or runs[-1][1] != n:
                continue
            a = runs[-1][0]
            last = text[a:n]
            if not _JAPANESE.search(last):
                continue
            end_char = last[-1]
            if end_char.isspace():
                i = n - (len(last) - len(last.rstrip()))
                s, e = block.source_span(i, n)
                yield ctx.report(
                    s,
                    s + 1,
                    message.replace("。\n理由", "。末尾に不要なスペースがあります。\n理由", 1),
                    ctx.replace(s, block.source_span(n - 1, n)[1], ""),
                )
                continue
            if _EXCEPTION_MARK.match(end_char) or (allow_emoji and _EMOJI.match(end_char)):
                continue
            if any(m and last.endswith(m) for m in allowed):
                continue
            s, e = block.source_span(n - 1, n)
            if _CLASSIC_PERIOD.match(end_char):
                yield ctx.report(s, e, message, ctx.replace(s, e, mark))
            elif force:
                yield ctx.report(s, e, message, ctx.replace(e, e, mark))
            else:
                yield ctx.report(s, e, message)
