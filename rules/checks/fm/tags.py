"""FM007: tags, topics and categories must be non-empty unique strings (Zenn: at most 5, lowercase)."""

from __future__ import annotations

from collections.abc import Iterator

from ...engine.options import Option, Options
from ...engine.registry import Rule, RuleContext
from ...model import Diagnostic
from ...reading.document import Document
from .common import parsed, profile_of


class Tags(Rule):
    """Tags, topics or categories that are empty, repeated, not text, or break Zenn's limits.

    **What it does**: checks ``tags``, ``topics`` and ``categories``: every entry must be a
    non-empty string, and no entry may repeat another (ignoring case). For a Zenn article,
    ``topics`` may hold at most ``max-zenn-topics`` (5) entries, written in lower case.

    **Why**: an empty tag gives an empty tag page; ``AI`` and ``ai`` split one topic into
    two lists. Zenn rejects a sixth topic and lists topics in lower case.

    **Example**::

        tags: ["AI", "LLM", "ai", ""]
        topics: ["Python", "ML", "rust", "go", "wasm", "cli"]   # Zenn

    **Fix**: remove the empty or repeated entries by hand. Upper-case Zenn topics can be
    lower-cased (safe fix, offered when the list is written on one line).
    """

    code = "FM007"
    name = "tags"
    severity = "warning"
    options = Options(
        Option("keys", ["tags", "topics", "categories"], "Front-matter keys that hold tag lists."),
        Option("max-zenn-topics", 5, "Most topics Zenn accepts."),
        Option("zenn-lowercase", True, "Zenn topics must be lower case."),
    )
    fixes = "safe"

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        data = parsed(doc)
        if not data:
            return
        zenn = profile_of(doc, ctx) == "zenn"
        fm = doc.front_matter
        if fm is None:
            return
        for key in ctx.options["keys"]:
            if key not in data:
                continue
            value = data[key]
            s, e = fm.value_span(key)
            if value is None:
                yield ctx.report(
                    s,
                    e,
                    ctx.msg(
                        ja=f"{key} が空です。キーを削除するか、1つ以上書いてください。",
                        en=f"{key} is empty: remove the key or list at least one entry.",
                    ),
                )
                continue
            items = value.split() if isinstance(value, str) else value
            if not isinstance(items, list):
                continue  # a wrong type is FM002's finding
            seen: dict[str, object] = {}
            for item in items:
                if not isinstance(item, str):
                    yield ctx.report(
                        s,
                        e,
                        ctx.msg(
                            ja=f"{key} の {item!r} が文字列ではありません。引用符で囲んでください。",
                            en=f"{key} entry {item!r} is not a string: quote it.",
                        ),
                    )
                    continue
                if not item.strip():
                    yield ctx.report(s, e, ctx.msg(ja=f"{key} に空の項目があります。", en=f"{key} has an empty entry."))
                    continue
                folded = item.strip().casefold()
                if folded in seen:
                    first = seen[folded]
                    yield ctx.report(
                        s,
                        e,
                        ctx.msg(
                            ja=f"{key} に {item!r} が2回あります"
                            + (f"（{first!r} と重複）。" if first != item else "。"),
                            en=f"{key} lists {item!r} twice" + (f" (as {first!r})." if first != item else "."),
                        ),
                    )
                else:
                    seen[folded] = item
            if zenn and key == "topics":
                yield from self._zenn(doc, ctx, key, items, s, e)

    def _zenn(self, doc, ctx, key, items, s, e):
        limit = int(ctx.options["max-zenn-topics"])
        if limit and len(items) > limit:
            yield ctx.report(
                s,
                e,
                ctx.msg(
                    ja=f"Zennのtopicsは{limit}個までです。この記事には{len(items)}個あります。",
                    en=f"Zenn allows at most {limit} topics; this article has {len(items)}.",
                ),
            )
        if not ctx.options["zenn-lowercase"]:
            return
        upper = [t for t in items if isinstance(t, str) and t != t.lower()]
        if not upper:
            return
        source = doc.text[s:e]
        lowered = source.lower()
        fix = None
        import yaml  # here: a document whose front matter is read has it loaded already

        try:  # offer the fix only when lower-casing the source changes nothing but the topics
            if "\n" not in source and yaml.safe_load(lowered) == [
                t.lower() if isinstance(t, str) else t for t in items
            ]:
                fix = ctx.replace(s, e, lowered, "safe", ctx.msg(ja="topicsを小文字にする", en="Lower-case the topics"))
        except yaml.YAMLError:
            fix = None
        names = ", ".join(repr(t) for t in upper)
        yield ctx.report(
            s,
            e,
            ctx.msg(ja=f"Zennのtopicsは小文字にしてください: {names}", en=f"Zenn topics are lower case: {names}."),
            fix,
        )
