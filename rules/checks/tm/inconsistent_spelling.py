from __future__ import annotations

from ...registry import Rule
from ...termpairs import katakana_pairs
from ...terms import extract_terms, group_counts, is_english_word, near_miss_groups, same_spelling

_KIND_WORDS = {"latin": "width or case", "katakana": "long vowel", "okurigana": "okurigana"}


def _kind(term, other: str) -> str:
    if term.kind == "katakana" and other.isascii() or term.kind == "latin" and not other.isascii():
        return "katakana or Latin letters"
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
    fixable = True

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
                message = f"「{term.surface}」 looks like a misspelling of 「{target}」 (used {uses} times)."
            elif len(counts[key]) > 1 and not same_spelling(term.surface, preferred[key]):
                target = preferred[key]
                uses = counts[key][target]
                message = (f"「{term.surface}」 and 「{target}」 are both used ({_kind(term, target)}); "
                           f"this article mostly writes 「{target}」 ({uses} times).")
            else:
                continue
            if term.kind == "okurigana" and doc.text[term.start:term.end] != term.surface:
                # A conjugated verb: its dictionary form differs from the text; report only.
                yield ctx.report(term.start, term.end, message, term_key=key, preferred=target)
                continue
            fix = ctx.replace(term.start, term.end, target, "unsafe", f"Write 「{target}」")
            yield ctx.report(term.start, term.end, message, fix, term_key=key, preferred=target)
