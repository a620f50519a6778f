from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import compress, count
from operator import attrgetter

from ...engine.options import Option, Options
from ...engine.registry import Rule, RuleContext
from ...model import Diagnostic
from ...reading.document import Document
from ...reading.morph import tokenize
from ._textlint_nodes import in_quote

DEARU, DESUMASU = "である", "ですます"
_LABELS = {"body": "本文", "header": "見出し", "list": "箇条書き"}
_PREFER_KEYS = {"body": "preferInBody", "header": "preferInHeader", "list": "preferInList"}
_STYLE_TYPES = frozenset({"特殊・ダ", "特殊・デス", "特殊・マス"})
_CONJUGATED_TYPE = attrgetter("conjugated_type")


@dataclass
class _Hit:
    style: str
    value: str
    start: int
    end: int
    shown: bool = True  # False inside a link, code or emphasis: counted, never reported


def _next_break(tokens, i: int) -> int | None:
    """Index of the token after ``i`` where the phrase ends: 、。, the next 特殊 form, or a noun."""
    for j in range(i + 1, len(tokens)):
        t = tokens[j]
        if "、" in t.surface_form or "。" in t.surface_form or "特殊" in t.conjugated_type or t.pos == "名詞":
            return j
    return None


def _is_sentence_end(tokens, i: int) -> bool:
    j = _next_break(tokens, i)
    if j is None:
        return True
    return any(c in tokens[j].surface_form for c in "!?！？。")


# IPADIC writes the auxiliaries that set a style in these forms only: 基本形 です/っす/どす
# (特殊・デス) and ます (特殊・マス); である is だ's 連用形 「で」 before 助動詞 ある, whose
# every form starts with あ. A text with none of them is not tokenized.
_STYLE_SURFACES = ("です", "ます", "っす", "どす")


def _may_set_style(text: str) -> bool:
    return ("で" in text and "あ" in text) or any(s in text for s in _STYLE_SURFACES)


def analyze(text: str, strict: bool) -> list[tuple[str, int, str]]:
    """(style, offset, value) for each である / です / ます in ``text``.

    Without ``strict`` only those that end a sentence count (not 「であるが、」), as
    analyze-desumasu-dearu's ``ignoreConjunction`` does.
    """
    if not _may_set_style(text):
        return []
    tokens = tokenize(text)
    out = []
    # Only the auxiliaries だ/です/ます can set the style: visit those (found in C) alone.
    for i in compress(count(), map(_STYLE_TYPES.__contains__, map(_CONJUGATED_TYPE, tokens))):
        tok = tokens[i]
        ctype = tok.conjugated_type
        style = None
        if ctype == "特殊・ダ":
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            if (
                tok.pos == "助動詞"
                and tok.conjugated_form == "連用形"
                and nxt is not None
                and nxt.conjugated_type == "五段・ラ行アル"
            ):
                style = DEARU
        elif ctype in ("特殊・デス", "特殊・マス"):
            if tok.basic_form != "やす" and tok.conjugated_form == "基本形":
                style = DESUMASU
        if style is None or (not strict and not _is_sentence_end(tokens, i)):
            continue
        j = _next_break(tokens, i)
        last = len(tokens) - 1 if j is None else j
        value = "".join(t.surface_form for t in tokens[i : last + 1])
        out.append((style, tok.start, value))
    return out


# The underline of a setext heading: textlint's Header node, and so its source, ends after it.
_SETEXT_UNDERLINE = re.compile(r" {0,3}(?:=+|-+)[ \t]*")


def _heading_end(doc, block) -> int:
    if block.end_line < len(doc.lines.starts):
        start, end = doc.lines.line_span(block.end_line)
        if start >= block.end and _SETEXT_UNDERLINE.fullmatch(doc.text, start, end):
            return end
    return block.end


def _hidden_spans(block) -> list[tuple[int, int]]:
    """Source spans of the paragraph's links, inline code and emphasis, delimiters included."""
    out = []
    for m in block.marks:
        if m.kind in ("link", "code", "em") and m.end > m.start:
            start = m.source_start if m.source_start is not None else block.source_span(m.start, m.start)[0]
            end = block.offsets[m.end] if m.end < len(block.text) else block.end
            out.append((start, end))
    return out


class NoMixDearuDesumasu(Rule):
    """Polite (ですます) and plain (である) style mixed in the same kind of text.

    **What it does**: counts 「です」「ます」 and 「である」 separately in the body, the headings and
    the list items (as textlint's ``no-mix-dearu-desumasu``). When a part mixes both, the
    minority style is reported (ですます wins a tie); with ``preferInBody``,
    ``preferInHeader`` or ``preferInList`` set to "である" or "ですます" every use of the other
    style in that part is reported. Without ``strict`` only sentence endings count.
    Block quotes and tables are skipped; in a paragraph, a link, inline code or emphasis
    counts towards the totals but is not reported, as in textlint.

    **Why**: switching between 「〜です。」 and 「〜である。」 makes an article read as if two
    people wrote it.

    **Example**::

        今日はいい天気ですね。
        今日はいい天気である。

    **Fix**: none automatic; rewrite the reported sentences in the article's style.
    """

    code = "JA005"
    name = "no-mix-dearu-desumasu"
    # Reads MeCab's tokens of every prose text: with the other rules that do (see two_cores).
    second_process = True
    severity = "warning"
    options = Options(
        Option(
            "preferInHeader",
            "",
            "Style headings must use: です・ます, である, or empty to follow the majority.",
            choices=(
                "",
                "ですます",
                "である",
            ),
        ),
        Option(
            "preferInBody",
            "",
            "Style the body must use: です・ます, である, or empty to follow the majority.",
            choices=(
                "",
                "ですます",
                "である",
            ),
        ),
        Option(
            "preferInList",
            "",
            "Style list items must use: です・ます, である, or empty to follow the majority.",
            choices=(
                "",
                "ですます",
                "である",
            ),
        ),
        Option("strict", False, "Also check sentence-final forms textlint leaves out by default."),
    )
    presets = {
        "ja-technical-writing": {
            "preferInHeader": "",
            "preferInBody": "ですます",
            "preferInList": "である",
            "strict": False,
        },
        "japanese": {},
    }
    textlint_id = "no-mix-dearu-desumasu"

    def check(self, doc: Document, ctx: RuleContext) -> list[Diagnostic]:
        strict = bool(ctx.options["strict"])
        # With several presets the rule runs once per preset, on the same styles: find them once.
        key = ("no-mix-dearu-desumasu", strict)
        hits = doc.views.get(key)
        if hits is None:
            hits = doc.views[key] = self._hits(doc, strict)
        found = []
        for part, part_hits in hits.items():
            prefer = ctx.options.get(_PREFER_KEYS[part]) or ""
            found.extend(self._report(ctx, _LABELS[part], part_hits, prefer))
        return found

    def _hits(self, doc, strict: bool) -> dict[str, list[_Hit]]:
        hits: dict[str, list[_Hit]] = {"body": [], "header": [], "list": []}
        # As textlint's rule: each heading, list item and paragraph is analysed as written
        # (its Markdown source); in a paragraph, what lies in a link, inline code or emphasis
        # counts towards the totals but is not reported. Block quotes and tables are left out.
        for block in doc.prose_blocks():
            if block.kind == "heading":
                self._collect(hits["header"], doc.text[block.start : _heading_end(doc, block)], block.start, strict)
            elif block.kind == "list_item":
                if not in_quote(block):
                    self._collect(hits["list"], doc.text[block.start : block.end], block.start, strict)
            elif block.kind == "paragraph" and not in_quote(block):
                hidden = _hidden_spans(block)
                for style, off, value in analyze(doc.text[block.start : block.end], strict):
                    s = block.start + off
                    shown = not any(a <= s < b for a, b in hidden)
                    hits["body"].append(_Hit(style, value, s, s + 1, shown))
        return hits

    @staticmethod
    def _collect(out: list[_Hit], raw: str, base: int, strict: bool) -> None:
        for style, off, value in analyze(raw, strict):
            out.append(_Hit(style, value, base + off, base + off + 1))

    @staticmethod
    def _report(ctx, label: str, hits: list[_Hit], prefer: str):
        dearu = sum(1 for h in hits if h.style == DEARU)
        desumasu = len(hits) - dearu
        if prefer in (DEARU, DESUMASU):
            over = prefer
            head = f'"{over}"調 でなければなりません\n=> "{over}"調 であるべき箇所に、次の '
        else:
            if not (dearu and desumasu):
                return []
            over = DEARU if dearu > desumasu else DESUMASU
            head = f'"である"調 と "ですます"調 が混在\n=> "{over}"調 の文体に、次の '
        other = DESUMASU if over == DEARU else DEARU
        out = []
        for h in hits:
            if h.style == other and h.shown:
                total = ctx.msg(ja="内訳:", en="Total:")
                message = (
                    f'{label}: {head}"{other}"調 の箇所があります: "{h.value}"\n'
                    f"{total}\nである  : {dearu}\nですます: {desumasu}\n"
                )
                out.append(ctx.report(h.start, h.end, message))
        return out
