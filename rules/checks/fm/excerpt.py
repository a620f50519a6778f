"""FM004: the excerpt must exist where the site shows one, and say something."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from ...engine.options import Option, Options
from ...engine.registry import Rule, RuleContext
from ...model import Diagnostic
from ...reading.document import Document
from .common import header_span, parsed, profile_of

# Boilerplate that fits any article: 「〜について詳細に分析します」「本記事では〜を解説します」.
GENERIC_PATTERNS = (
    r"について(?:の)?(?:詳細に|詳しく|徹底的に|わかりやすく|分かりやすく|簡単に|深く)?"
    r"(?:分析|解説|説明|紹介|考察|まとめ|検証|掘り下げ)(?:を)?(?:します|しました|していきます|してみます|する)",
    r"^(?:本記事|この記事|本稿|今回)(?:で)?は.{0,40}(?:解説|紹介|説明|分析|まとめ)(?:します|していきます|しました)",
    r"^(?:この|本)記事(?:について|の概要)です",
    r"(?i)^(?:in )?this (?:article|post)(?: we)? (?:explains?|describes?|discuss(?:es)?|analy[sz]es?)\b",
)


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).rstrip("。.")


class Excerpt(Rule):
    """An excerpt that is missing, too short, too long, generic or just the title.

    **What it does**: checks the ``excerpt`` (Hugo: ``summary``/``description``) of the
    front matter: missing where the profile shows one (``required-profiles``), shorter
    than ``min-length`` or longer than ``max-length`` characters, a stock phrase that
    fits any article (「〜について詳細に分析します」「本記事では〜を解説します」, extend with
    ``generic-patterns``), or the same text as the title.

    **Why**: the excerpt is what readers see in the post list, the search result and the
    social card. A stock phrase or a copy of the title tells them nothing and looks
    generated.

    **Example**::

        excerpt: "Google、AnthropicとTPU契約について詳細に分析します。"

    **Fix**: write one or two sentences that say what the reader learns. No automatic fix:
    a summary cannot be invented.
    """

    code = "FM004"
    name = "excerpt"
    severity = "warning"
    options = Options(
        Option(
            "keys",
            {"jekyll": ["excerpt"], "hugo": ["summary", "description"], "default": ["excerpt"]},
            "Keys that hold the excerpt, by profile (or one list for all).",
            kind="table|str-list|str",
        ),
        Option("required-profiles", ["jekyll"], "Profiles whose posts must have an excerpt."),
        Option("min-length", 20, "Shortest acceptable excerpt, in characters."),
        Option("max-length", 200, "Longest acceptable excerpt, in characters."),
        Option(
            "generic-patterns", [], "More regular expressions for excerpts that say nothing (「〜について解説します」)."
        ),
        Option("allow-same-as-title", False, "Accept an excerpt that only repeats the title."),
    )

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        data = parsed(doc)
        if data is None:
            return
        profile = profile_of(doc, ctx)
        table = ctx.options.get("keys") or {}
        if isinstance(table, dict):
            keys = list(table.get(profile) or table.get("default") or ["excerpt"])
        else:
            keys = [table] if isinstance(table, str) else list(table) or ["excerpt"]
        key = next((k for k in keys if k in data), None)
        if key is None:
            if profile in ctx.options["required-profiles"]:
                s, e = header_span(doc)
                yield ctx.report(
                    s,
                    e,
                    ctx.msg(
                        ja=f"フロントマターに {keys[0]} がありません。記事一覧やSNSのカードには本文の冒頭が"
                        "そのまま表示されます。",
                        en=f"The front matter has no {keys[0]}: the post list and social cards "
                        "will show whatever comes first in the body.",
                    ),
                    key=keys[0],
                )
            return
        value = data[key]
        if not isinstance(value, str):
            return  # a wrong type is FM002's finding
        fm = doc.front_matter
        if fm is None:
            return
        s, e = fm.value_span(key)
        text = value.strip()
        n = len(text)
        lo, hi = int(ctx.options["min-length"]), int(ctx.options["max-length"])
        if n == 0:
            yield ctx.report(s, e, ctx.msg(ja=f"{key} が空です。", en=f"The {key} is empty."))
            return
        for pattern in tuple(GENERIC_PATTERNS) + tuple(ctx.options.get("generic-patterns") or ()):
            try:
                found = re.search(pattern, text)
            except re.error:
                continue
            if found:
                yield ctx.report(
                    s,
                    e,
                    ctx.msg(
                        ja=f"{key} が、どの記事にも当てはまる決まり文句（「{found.group(0)}」）になっています。"
                        "読者が何を得られるかを書いてください。",
                        en=f"The {key} is a stock phrase (「{found.group(0)}」) that fits any article: "
                        "say what the reader learns.",
                    ),
                    kind="generic",
                )
                return
        title = data.get("title")
        if not ctx.options.get("allow-same-as-title") and isinstance(title, str) and _norm(title) == _norm(text):
            yield ctx.report(
                s,
                e,
                ctx.msg(
                    ja=f"{key} がタイトルの繰り返しです。読者が何を得られるかを書いてください。",
                    en=f"The {key} repeats the title: say what the reader learns.",
                ),
                kind="title",
            )
            return
        if lo and n < lo:
            yield ctx.report(
                s,
                e,
                ctx.msg(
                    ja=f"{key} が{n}文字です。{lo}文字以上にしてください。",
                    en=f"The {key} is {n} characters: write at least {lo}.",
                ),
                kind="short",
            )
        elif hi and n > hi:
            yield ctx.report(
                s,
                e,
                ctx.msg(
                    ja=f"{key} が{n}文字です。{hi}文字以内にしてください。",
                    en=f"The {key} is {n} characters: keep it to {hi}.",
                ),
                kind="long",
            )
