from __future__ import annotations

from ...engine.registry import Rule
from ...terminology.termpairs import katakana_pairs
from ...terminology.terms import extract_terms, group_counts, is_english_word, near_miss_groups, same_spelling

_KIND_WORDS = {
    "latin": ("全角・半角や大文字・小文字", "width or case"),
    "katakana": ("長音", "long vowel"),
    "okurigana": ("送り仮名", "okurigana"),
}


def _kind(term, other: str) -> tuple[str, str]:
    if term.kind == "katakana" and other.isascii() or term.kind == "latin" and not other.isascii():
        return "カタカナと英字", "katakana or Latin letters"
    return _KIND_WORDS[term.kind]


class InconsistentSpelling(Rule):
    """One term spelled in more than one way (ＴＰＵ/TPU, サーバ/サーバー, 行う/行なう, Trainum/Trainium).

    **What it does**: groups the spellings of each term in the article, by width and case
    (ＴＰＵ, Tpu, TPU), long vowel (サーバ, サーバー), okurigana with the same reading
    (行う, 行なう), katakana for a Latin name (トレイニアム, Trainium: pairs from the shipped
    ``resources/terms/katakana-latin.yml`` and the project's prh dictionaries) and near-miss
    Latin spellings one letter apart (Trainum, Trainium), and
    reports every spelling other than the one used most. When ``article-lint`` runs over
    several files, the spelling most used across all of them wins, so one post's 「サーバ」
    is reported against the site's 「サーバー」.

    **Why**: readers take two spellings for two things, search finds only one of them,
    and a misspelled product name looks careless.

    **Example**: 「AmazonのTrainium」 five times and 「Trainum」 once.

    **Fix**: replace with the majority spelling (unsafe: a deliberate variant, such as a
    quoted product name, would be changed too).
    """

    code = "TM001"
    name = "inconsistent-spelling"
    severity = "warning"
    fixes = "unsafe"
    export_fixes = "all"
    second_process = True

    def check(self, doc, ctx):
        terms = extract_terms(doc, katakana_pairs(ctx.config))
        counts = group_counts(terms)
        near = near_miss_groups(counts, is_english_word)
        preferred = {key: c.most_common(1)[0][0] for key, c in counts.items()}
        for term in terms:
            key = term.key
            if key in near:
                target_key = near[key]
                target = preferred[target_key]
                uses = sum(counts[target_key].values())
                message = ctx.msg(
                    ja=f"「{term.surface}」は「{target}」（{uses}回使用）の書き間違いではありませんか。",
                    en=f"「{term.surface}」 looks like a misspelling of 「{target}」 (used {uses} times).",
                )
            elif len(counts[key]) > 1 and not same_spelling(term.surface, preferred[key]):
                target = preferred[key]
                uses = counts[key][target]
                kind_ja, kind_en = _kind(term, target)
                message = ctx.msg(
                    ja=f"「{term.surface}」と「{target}」が混在しています（{kind_ja}）。"
                    f"この記事では主に「{target}」（{uses}回）と書いています。",
                    en=f"「{term.surface}」 and 「{target}」 are both used ({kind_en}); "
                    f"this article mostly writes 「{target}」 ({uses} times).",
                )
            else:
                continue
            if term.kind == "okurigana" and doc.text[term.start : term.end] != term.surface:
                # A conjugated verb: its dictionary form differs from the text; report only.
                yield ctx.report(term.start, term.end, message, term_key=key, preferred=target)
                continue
            fix = ctx.replace(
                term.start, term.end, target, "unsafe", ctx.msg(ja=f"「{target}」にする", en=f"Write 「{target}」")
            )
            yield ctx.report(term.start, term.end, message, fix, term_key=key, preferred=target)
