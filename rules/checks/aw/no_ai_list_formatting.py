"""AW001 no-ai-list-formatting: 「- **項目**: 説明」 and decorative emoji in list items."""

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
from ._text import JS_SPACE
from ._tree import nodes

# The emoji the preset calls "flashy", in its order (the first one found is reported).
FLASHY_EMOJIS = (
    "✅", "❌", "⭐", "✨", "💯",
    "⚠️", "❗", "❓", "💥",
    "🔥", "⚡", "💪", "🚀",
    "💡", "🤔", "💭", "🧠",
    "🎯", "📈", "📊", "🏆",
    "👍", "👎", "😊", "😎", "🎉", "🌟",
    "📝", "📋", "✏️", "🖊️", "💼",
)  # fmt: skip
_EMOJI = re.compile("|".join(map(re.escape, FLASHY_EMOJIS)))
# ``- **label**: text``, ``1. **label**：text``, ``- **label** - text`` (a dash between spaces).
_BOLD_ITEM = re.compile(
    rf"^{JS_SPACE}*(?:[-*+]|[0-9]+[.)]){JS_SPACE}+\*\*([^*]+)\*\*"
    rf"(?:{JS_SPACE}*([:：])|{JS_SPACE}+([-—–])(?={JS_SPACE}))"
)
_SEPARATOR_NAMES = {
    ":": ("コロン", "colon"),
    "：": ("コロン", "colon"),
    "-": ("ハイフン", "hyphen"),
    "—": ("ダッシュ", "dash"),
    "–": ("ダッシュ", "dash"),
}


class NoAiListFormatting(Rule):
    """A list item that opens with a bold label and a colon or dash, or uses a decorative emoji.

    **What it does**: in every list item (nested items included), reports a bold label
    followed by a colon or a dash (``- **重要**: …``, ``1. **手順**：…``, ``- **要点** — …``)
    and the first "flashy" emoji (✅ ❌ 🚀 💡 🎯 📝 …). textlint's
    ``no-ai-list-formatting`` from ``@textlint-ja/textlint-rule-preset-ai-writing``, with its
    options: ``allows`` (strings or ``/regex/flags``: an item containing one is skipped),
    ``disableBoldListItems``, ``disableEmojiListItems``.

    **Why**: generated text loves this pattern; a page of labelled, emoji-studded bullets
    reads as machine output rather than as the writer's explanation.

    **Example**: ``- **重要**: これは重要な項目です`` and ``- ✅ 完了した項目``.

    **Fix**: write the item as a sentence (「重要なのは…です」), or turn the labels into a
    table or headings; drop the emoji or say it in words.
    """

    code = "AW001"
    name = "no-ai-list-formatting"
    severity = "warning"
    default_enabled = False
    options = Options(
        allows_option("Strings or /regex/: a list item that contains one is not reported."),
        Option("disableBoldListItems", False, "Do not report bold list items that read like labels."),
        Option("disableEmojiListItems", False, "Do not report emoji in list items."),
    )
    presets = {"ai-writing": {}}
    textlint_id = "no-ai-list-formatting"

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        return distinct(self._findings(doc, ctx))

    def _findings(self, doc, ctx):
        allows = compile_allows(ctx.options.get("allows"), self.name, budget_for(doc.text))
        bold = not ctx.options["disableBoldListItems"]
        emoji = not ctx.options["disableEmojiListItems"]
        text = doc.text
        for item in nodes(doc, "ListItem"):
            source = text[item.start : item.end]
            if allows and allowed(source, allows):
                continue
            if bold:
                m = _BOLD_ITEM.search(source)
                if m:
                    separator = m.group(2) or m.group(3)
                    ja_name, en_name = _SEPARATOR_NAMES.get(separator, ("区切り文字", "separator"))
                    yield ctx.report(
                        item.start + m.start(),
                        item.start + m.end(),
                        ctx.msg(
                            ja=f"リストアイテムで強調（**）と{ja_name}（{separator}）の組み合わせは機械的な印象を"
                            "与える可能性があります。より自然な表現を検討してください。",
                            en=f"A list item combining bold (**) with a {en_name} ({separator}) can read as "
                            "machine-written. Consider a more natural wording.",
                        ),
                    )
            if emoji:
                m = _EMOJI.search(source)
                if m:
                    yield ctx.report(
                        item.start + m.start(),
                        item.start + m.end(),
                        ctx.msg(
                            ja=f"リストアイテムでの絵文字「{m.group()}」の使用は、読み手によっては機械的な印象を"
                            "与える場合があります。テキストベースの表現も検討してみてください。",
                            en=f"The emoji 「{m.group()}」 in a list item can read as machine-written to some "
                            "readers. Consider saying it in words.",
                        ),
                    )
