"""AW004 no-ai-colon-continuation: 「実行します:」 right before a code block, list, quote or table."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...engine.options import Option, Options
from ...engine.registry import Rule, RuleContext
from ...model import Diagnostic
from ...reading.document import Document
from ...reading.user_regex import budget_for
from ..ja._morpheme_match import kuromoji_tokens
from ..ja._textlint_nodes import utf16_len
from ._allows import allowed, allows_option, compile_allows
from ._text import JS_SPACE_CHARS, js_trim, plain_text
from ._tree import tree

_ENGLISH = re.compile(f"[a-zA-Z0-9{JS_SPACE_CHARS}\\-_.]+")
_LATIN = re.compile("[a-zA-Z]")
# Which following block each option turns off.
_NEXT_OPTIONS = {
    "CodeBlock": "disableCodeBlock",
    "List": "disableList",
    "BlockQuote": "disableQuote",
    "Table": "disableTable",
}


def ends_as_noun(before: str) -> bool:
    """True when the text before the colon is a label (「使用方法」「例」, English) rather than
    a predicate (「実行します」「例えば」): its last morpheme is a noun, as the preset decides."""
    if _ENGLISH.fullmatch(js_trim(before)) and _LATIN.search(before):
        return True  # English puts a colon there naturally
    if utf16_len(before) <= 2:
        return True
    tokens = kuromoji_tokens(before)
    if not tokens:
        return True
    return _kuromoji_pos(tokens[-1]) == "名詞"


def _kuromoji_pos(token) -> str:
    """The part of speech kuromoji gives ``token``. A symbol neither dictionary knows
    (``)`` ``*`` ``~`` ``①`` ``✅``, not an emoji outside the BMP) is 記号 for MeCab and
    名詞 (サ変接続) for kuromoji, whose unknown-word table files such symbols as nouns."""
    if (
        token.pos == "記号"
        and token.pos_detail_1 == "一般"
        and token.reading == "*"
        and all(ord(ch) <= 0xFFFF for ch in token.surface_form)
    ):
        return "名詞"
    return token.pos


class NoAiColonContinuation(Rule):
    """A paragraph that ends in a predicate and a colon right before a block: 「実行します:」.

    **What it does**: for each top-level paragraph followed by a code block, a list, a block
    quote or a table, reports the closing colon (``:`` or ``：``) when the text before it
    ends in a verb, adjective, auxiliary, conjunction or particle, not a noun (the last
    morpheme, as kuromoji tags it). Labels such as 「使用方法:」「例:」 and English text are
    fine. textlint's ``no-ai-colon-continuation`` from
    ``@textlint-ja/textlint-rule-preset-ai-writing``, with its options: ``allows`` (strings
    or ``/regex/flags``: a paragraph containing one is skipped), ``disableCodeBlock``,
    ``disableList``, ``disableQuote``, ``disableTable``.

    **Why**: 「次のコマンドを実行します:」 is English syntax ("Run the following:")
    translated word for word; Japanese ends the sentence.

    **Example**::

        実行します:
        ```bash
        command
        ```

    **Fix**: end the sentence: 「次のように実行します。」「以下の手順で実行してください。」
    """

    code = "AW004"
    name = "no-ai-colon-continuation"
    severity = "warning"
    default_enabled = False
    options = Options(
        allows_option("Strings or /regex/: a sentence that contains one is not reported."),
        Option("disableCodeBlock", False, "Do not report a colon before a code block."),
        Option("disableList", False, "Do not report a colon before a list."),
        Option("disableQuote", False, "Do not report a colon before a quote."),
        Option("disableTable", False, "Do not report a colon before a table."),
    )
    presets = {"ai-writing": {}}
    textlint_id = "no-ai-colon-continuation"

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        allows = compile_allows(ctx.options.get("allows"), self.name, budget_for(doc.text))
        wanted = {kind for kind, option in _NEXT_OPTIONS.items() if not ctx.options.get(option, False)}
        text = doc.text
        children = tree(doc).children
        for node, following in zip(children, children[1:], strict=False):
            if node.type != "Paragraph" or following.type not in wanted or node.block is None:
                continue
            source = text[node.start : node.end]
            if not js_trim(source).endswith((":", "：")):
                continue
            if allows and allowed(source, allows):
                continue
            plain = js_trim(plain_text(doc, node.block).text)
            if not plain.endswith((":", "：")):
                continue
            colon = plain[-1]
            before = plain[:-1]
            if ends_as_noun(before):
                continue
            at = node.start + max(0, source.rfind(colon))
            yield ctx.report(
                at,
                at + 1,
                ctx.msg(
                    ja=f"「{before}{colon}」のような述語とコロンで終わるパターンは、読み手によっては英語の構文を"
                    "直訳したような印象を与える場合があります。「次のように〜します。」のような自然な日本語表現を"
                    "検討してください。",
                    en=f"「{before}{colon}」 ends in a predicate and a colon, which can read like English syntax "
                    "translated word for word. Consider ending the sentence, e.g. 「次のように〜します。」.",
                ),
            )
