from __future__ import annotations

import re
from collections.abc import Iterator

from ...engine.options import Option, Options
from ...engine.registry import Rule, RuleContext
from ...model import Diagnostic
from ...reading import user_regex
from ...reading.document import Document
from ._textlint_nodes import paragraphs, sentences, utf16_len

_LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]*)")


def js_regexp(pattern: str):
    """A textlint pattern string: ``/source/flags`` is a regular expression, else a literal.

    Compiled with ``regex`` (see ``user_regex``); None when it is not a valid expression.
    """
    vetted = user_regex.is_vetted(pattern)
    m = re.fullmatch(r"/(.*)/([a-z]*)", pattern, re.S)
    if not m:
        return user_regex.compile_pattern(re.escape(pattern), vetted=vetted)
    flags = re.I if "i" in m.group(2) else 0
    try:
        return user_regex.compile_pattern(m.group(1), flags | (re.M if "m" in m.group(2) else 0), vetted=vetted)
    except user_regex.error:
        return None


def js_patterns(patterns: object, budget: float, option: str) -> list[user_regex.UserPattern]:
    """The usable textlint pattern strings of an option, each with ``budget`` CPU seconds."""
    out = []
    for written in patterns if isinstance(patterns, (list, tuple)) else ():
        compiled = js_regexp(written) if isinstance(written, str) else None
        if compiled is not None:
            out.append(user_regex.UserPattern(compiled, written, budget, option))
    return out


def _link_url(doc, block, mark) -> str:
    """The destination of a link mark, read from the source after its text."""
    start, _ = block.source_span(mark.start, mark.end)
    after = block.offsets[mark.end] if mark.end < len(block.offsets) else block.end
    raw = doc.text[max(0, start - 1) : after]
    if raw.startswith("<"):
        return raw.strip("<>")
    m = _LINK_TARGET.search(raw)
    return m.group(1) if m else ""


class SentenceLength(Rule):
    """A sentence longer than ``max`` characters (100 by default).

    **What it does**: splits each paragraph into sentences as textlint's sentence-splitter
    does and counts the characters of each one with inline markup removed. Block quotes
    and a paragraph that is a single link are skipped; a link whose text is its own URL
    is not counted (``skipUrlStringLink``); text matching ``skipPatterns`` is not counted.

    **Why**: long sentences are hard to read, and harder still in a second language.

    **Example**: with ``max = 5``, ``123456`` is reported (6 characters).

    **Fix**: split the sentence in two, or cut what it does not need.
    """

    code = "JA001"
    name = "sentence-length"
    severity = "warning"
    options = Options(
        Option("max", 100, "Longest sentence, in characters."),
        Option("skipPatterns", [], "Text matching these strings or /regex/ is not counted."),
        Option("exclusionPatterns", [], "Older name of skipPatterns, still read."),
        Option("skipUrlStringLink", True, "A link whose text is its own URL is not counted."),
        Option(
            "countBy",
            "codeunits",
            "Count UTF-16 code units (textlint's default) or code points.",
            choices=(
                "codeunits",
                "codepoints",
            ),
        ),
    )
    presets = {"ja-technical-writing": {"max": 100}, "japanese": {"max": 100}}
    textlint_id = "sentence-length"

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        opts = ctx.options
        max_len = int(opts["max"])
        option = "skipPatterns" if opts.get("skipPatterns") else "exclusionPatterns"
        patterns = js_patterns(opts.get(option) or [], user_regex.budget_for(doc.text), option)
        skip_url = opts["skipUrlStringLink"]
        measure = len if opts.get("countBy") == "codepoints" else utf16_len
        for block in paragraphs(doc):
            text = block.text
            links = [m for m in block.marks if m.kind == "link" and m.end > m.start]
            maths = [m for m in block.marks if m.kind == "math" and m.end > m.start]
            if (
                len(links) == 1
                and links[0].start == 0
                and links[0].end == len(text)
                and not any(m.kind in ("image", "html") for m in block.marks)
            ):
                continue
            for ps, pe in sentences(doc, block):
                skipped = []
                if skip_url:
                    for m in links:
                        if ps <= m.start and m.end <= pe and text[m.start : m.end] == _link_url(doc, block, m):
                            skipped.append((m.start, m.end))
                actual = "".join(text[a:b] for a, b in _gaps(ps, pe, skipped))
                counted = actual
                for p in patterns:
                    counted = p.sub("", counted)
                # textlint knows no math: it counts ``$…$`` as written, delimiters included.
                delimiters = sum(
                    2 * (block.offsets[m.start] - m.source_start)
                    for m in maths
                    if ps <= m.start and m.end <= pe and m.source_start is not None
                )
                # textlint's splitter cuts the Str nodes' source, so the indentation of a
                # continuation line (in a list item) counts too.
                delimiters += _continuation_indent(doc.text, block, ps, pe)
                length, original = measure(counted) + delimiters, measure(actual) + delimiters
                if length <= max_len:
                    continue
                start, end = block.source_span(ps, pe)
                start = block.node_start(ps)  # a sentence that opens with `code` starts at the backtick
                line = doc.lines.line_of(start) + 1
                shown = f"{length}, original:{original}" if length != original else f"{length}"
                counted_ja = f"{length}文字（除外前{original}文字）" if length != original else f"{length}文字"
                yield ctx.report(
                    start,
                    end,
                    ctx.msg(
                        # The finding's position names the line: the Japanese message does not
                        # repeat it (textlint's English one does, and keeps it).
                        ja=f"文が{counted_ja}あり、上限の{max_len}文字を{length - max_len}文字超えています。",
                        en=f"Line {line} sentence length({shown}) exceeds the maximum sentence "
                        f"length of {max_len}.\nOver {length - max_len} characters.",
                    ),
                )


def _continuation_indent(source: str, block, start: int, end: int) -> int:
    """Spaces and tabs that open the source lines after the line breaks of ``block.text[start:end]``."""
    text, offsets = block.text, block.offsets
    total = 0
    k = text.find("\n", start, end)
    while k != -1:
        a, b = offsets[k] + 1, offsets[k + 1]
        if b > a:
            gap = source[a:b]
            total += len(gap) - len(gap.lstrip(" \t"))
        k = text.find("\n", k + 1, end)
    return total


def _gaps(start, end, holes):
    cur = start
    for a, b in sorted(holes):
        yield cur, a
        cur = b
    yield cur, end
