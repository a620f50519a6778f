"""AW003 no-ai-emphasis-patterns: 「ℹ️ **注意**」「**ポイント**:」 and bold inside headings."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...engine.options import Option, Options
from ...engine.registry import Rule, RuleContext
from ...model import Diagnostic
from ...reading.document import Document
from ...reading.user_regex import budget_for
from ._allows import allowed, allows_option, compile_allows
from ._distinct import distinct
from ._text import JS_DOT, JS_SPACE
from ._tree import nodes

_EMOJI_BOLD = re.compile("(ℹ️|🔍|✅|❌|⚠️|💡|📝|📋|📌|🔗|🎯|🚀|⭐|✨|💯|🔥|📊|📈)" + JS_SPACE + r"*\*\*([^*]+)\*\*")
# Labels generated text puts in bold before the point it makes.
INFO_PREFIXES = (
    "注意", "重要", "ポイント", "メモ", "参考", "補足", "確認", "チェック", "推奨", "おすすめ",
    "検出される例", "推奨される表現", "良い例", "悪い例", "例", "サンプル", "使用例", "設定例",
)  # fmt: skip
_INFO_PREFIX = re.compile(r"\*\*(" + "|".join(INFO_PREFIXES) + r")([：:]" + JS_DOT + r"*?)?\*\*")
_HEADING_BOLD = re.compile(r"(\*\*|__)(" + JS_DOT + r"*?)\1")


class NoAiEmphasisPatterns(Rule):
    """Bold used as decoration: an emoji before a bold label, a bold 「注意」-style label,
    bold inside a heading.

    **What it does**: in paragraphs and list items, reports an emoji followed by bold text
    (``ℹ️ **注意**``, ``🚀 **ポイント**``) and a bold information label such as
    ``**注意**``, ``**重要**:``, ``**ポイント**`` or ``**良い例**``; in headings, reports
    ``**bold**`` or ``__bold__`` text. textlint's ``no-ai-emphasis-patterns`` from
    ``@textlint-ja/textlint-rule-preset-ai-writing``, with its options: ``allows`` (strings
    or ``/regex/flags``: a node containing one is skipped), ``disableEmojiEmphasisPatterns``,
    ``disableInfoPatterns``, ``disableHeadingEmphasisPatterns``. A list item's text includes
    its nested items, so a pattern inside a nested item is reported for each item around it,
    as textlint does.

    **Why**: emoji-and-bold callouts are a hallmark of generated text; a heading is already
    emphasised, so bold inside it adds nothing.

    **Example**: ``ℹ️ **注意**: この機能は重要です``, ``## **重要な項目**について``

    **Fix**: write the note as a sentence, or use the site's callout syntax
    (``:::message``); in headings the fix removes the bold markers (safe when the match is
    a bold span holding plain text; otherwise, such as ``**`` inside code, only offered).
    """

    code = "AW003"
    name = "no-ai-emphasis-patterns"
    severity = "warning"
    default_enabled = False
    options = Options(
        allows_option("Strings or /regex/: text that contains one is not reported."),
        Option("disableEmojiEmphasisPatterns", False, "Do not report emoji used for emphasis."),
        Option("disableInfoPatterns", False, "Do not report bold labels such as **注意**: before a sentence."),
        Option("disableHeadingEmphasisPatterns", False, "Do not report bold text inside headings."),
    )
    presets = {"ai-writing": {}}
    textlint_id = "no-ai-emphasis-patterns"
    fixes = "mixed"

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        return distinct(self._findings(doc, ctx))

    def _findings(self, doc, ctx):
        allows = compile_allows(ctx.options.get("allows"), self.name, budget_for(doc.text))
        emoji = not ctx.options["disableEmojiEmphasisPatterns"]
        info = not ctx.options["disableInfoPatterns"]
        headings = not ctx.options["disableHeadingEmphasisPatterns"]
        text = doc.text
        for node in nodes(doc, "Paragraph"):
            if node.parent is not None and node.parent.type == "ListItem":
                continue  # the list item reports it
            yield from self._emphasis(ctx, text, node, allows, emoji, info, in_list=False)
        for node in nodes(doc, "ListItem"):
            yield from self._emphasis(ctx, text, node, allows, emoji, info, in_list=True)
        if headings:
            for node in nodes(doc, "Header"):
                yield from self._heading(ctx, text, node, allows)

    def _emphasis(self, ctx, text, node, allows, emoji, info, in_list):
        source = text[node.start : node.end]
        if "**" not in source or (allows and allowed(source, allows)):
            return
        emoji_spans = []
        if emoji:
            for m in _EMOJI_BOLD.finditer(source):
                emoji_spans.append(m.span())
                yield ctx.report(
                    node.start + m.start(),
                    node.start + m.end(),
                    ctx.msg(
                        ja=("リストアイテムで" if in_list else "")
                        + "絵文字と太字の組み合わせは機械的な印象を与える可能性があります。"
                        "より自然な表現を検討してください。",
                        en=("In a list item, an" if in_list else "An")
                        + " emoji combined with bold text can read as machine-written. "
                        "Consider a more natural wording.",
                    ),
                )
        if info:
            for m in _INFO_PREFIX.finditer(source):
                if any(m.start() < e and m.end() > s for s, e in emoji_spans):
                    continue  # already reported with its emoji
                label = m.group(1)
                yield ctx.report(
                    node.start + m.start(),
                    node.start + m.end(),
                    ctx.msg(
                        ja=("リストアイテムで" if in_list else "")
                        + f"「**{label}**」のような太字の情報プレフィックスは機械的な印象を与える可能性があります。"
                        "より自然な表現を検討してください。",
                        en=("In a list item, a" if in_list else "A")
                        + f" bold label such as 「**{label}**」 can read as machine-written. "
                        "Consider a more natural wording.",
                    ),
                )

    def _heading(self, ctx, text, node, allows):
        source = text[node.start : node.end]
        if allows and allowed(source, allows):
            return
        for m in _HEADING_BOLD.finditer(source):
            start, end = node.start + m.start(), node.start + m.end()
            inner = m.group(2)
            yield ctx.report(
                start,
                end,
                ctx.msg(
                    ja="見出し内の太字は不要です。見出し自体が強調のため、追加の太字は冗長です。",
                    en="Bold inside a heading is redundant: the heading is already emphasised.",
                ),
                ctx.replace(
                    start,
                    end,
                    inner,
                    "safe" if _is_strong(node.block, start, inner) else "unsafe",
                    ctx.msg(ja=f"太字をやめて「{inner}」にする", en=f"Remove the bold: {inner}"),
                ),
            )


def _is_strong(block, start: int, inner: str) -> bool:
    """True when the match at ``start`` is a bold span of the heading with plain text inside:
    removing its markers changes nothing else. Otherwise (``**`` inside code, ``__`` inside a
    word, markup inside the bold) the fix is only offered."""
    if block is None:
        return False
    for mark in block.marks:
        if mark.kind == "strong" and mark.source_start == start:
            return block.text[mark.start : mark.end] == inner and not any(
                other is not mark and other.start < mark.end and other.end > mark.start for other in block.marks
            )
    return False
