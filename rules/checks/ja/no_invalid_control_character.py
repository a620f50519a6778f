from __future__ import annotations

import re
from collections.abc import Iterator

from ...engine.options import Option, Options
from ...engine.registry import Rule, RuleContext
from ...model import Diagnostic
from ...reading.document import Document

_NAMES = [
    "NULL",
    "START OF HEADING",
    "START OF TEXT",
    "END OF TEXT",
    "END OF TRANSMISSION",
    "ENQUIRY",
    "ACKNOWLEDGE",
    "BELL",
    "BACKSPACE",
    "CHARACTER TABULATION",
    "LINE FEED (LF)",
    "LINE TABULATION",
    "FORM FEED (FF)",
    "CARRIAGE RETURN (CR)",
    "SHIFT OUT",
    "SHIFT IN",
    "DATA LINK ESCAPE",
    "DEVICE CONTROL ONE",
    "DEVICE CONTROL TWO",
    "DEVICE CONTROL THREE",
    "DEVICE CONTROL FOUR",
    "NEGATIVE ACKNOWLEDGE",
    "SYNCHRONOUS IDLE",
    "END OF TRANSMISSION BLOCK",
    "CANCEL",
    "END OF MEDIUM",
    "SUBSTITUTE",
    "ESCAPE",
    "INFORMATION SEPARATOR FOUR",
    "INFORMATION SEPARATOR THREE",
    "INFORMATION SEPARATOR TWO",
    "INFORMATION SEPARATOR ONE",
]
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")


class NoInvalidControlCharacter(Rule):
    """An invisible control character (U+0000-U+001F other than tab and line breaks, or DEL).

    **What it does**: reports each control character in the text; in code only with
    ``checkCode``, in images unless ``checkImage`` is false; ``allow`` lists exceptions.

    **Why**: control characters are invisible, come from copy-paste, and break parsers,
    search and rendering.

    **Example**: ``back\\u000b``

    **Fix**: delete the character.
    """

    code = "JA016"
    name = "no-invalid-control-character"
    severity = "error"
    options = Options(
        Option("allow", [], "Control characters allowed anyway."),
        Option("checkCode", False, "Check code too."),
        Option("checkImage", True, "Check image descriptions too."),
    )
    presets = {"ja-technical-writing": {}, "japanese": {}}
    textlint_id = "no-invalid-control-character"

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        text = doc.text
        if not _CONTROL.search(text, doc.body_start):
            return
        allow = set(ctx.options.get("allow") or [])
        check_code = bool(ctx.options["checkCode"])
        check_image = ctx.options["checkImage"] is not False
        code_spans = []
        if not check_code:
            for block in doc.blocks:
                if block.kind in ("code", "math"):
                    code_spans.append((block.start, block.end))
                for mark in block.marks:
                    if mark.kind in ("code", "math") and mark.end > mark.start:
                        code_spans.append(block.source_span(mark.start, mark.end))
        for m in _CONTROL.finditer(text, doc.body_start):
            ch = m.group()
            i = m.start()
            if ch in allow or any(a <= i < b for a, b in code_spans):
                continue
            if not check_image:
                line_start, line_end = doc.lines.line_span(doc.lines.line_of(i))
                if any(x.start() <= i < x.end() for x in _IMAGE.finditer(text, line_start, line_end)):
                    continue
            name = _NAMES[ord(ch)] if ord(ch) < 32 else "DELETE"
            code = f"\\u{ord(ch):04x}"
            yield ctx.report(
                i,
                i + 1,
                ctx.msg(
                    ja=f"不正な制御文字があります（{name} {code}）。",
                    en=f"Found invalid control character({name} {code})",
                ),
            )
