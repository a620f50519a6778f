from __future__ import annotations

from collections.abc import Iterator

from ...engine.registry import Rule, RuleContext
from ...model import Diagnostic
from ...reading.document import Document
from ...terminology.termpairs import katakana_pairs, latin_names
from ...terminology.terms import (
    case_verdict,
    extract_terms,
    fit_case,
    group_counts,
    is_english_word,
    is_known_word,
    near_miss_groups,
    preferred_spelling,
    same_spelling,
    term_edit,
)

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

    Letter case is the dictionary's business, not the majority's: a spelling in capitals
    (``TODO``, ``PORT``, ``IT``) is never a variant, a word in lower case (``id``, ``gcc``)
    is another word than its capitals, and a case is changed only to a name's spelling in
    ``resources/terms/latin-names.txt``, ``katakana-latin.yml`` or the project's prh
    dictionaries (Github → GitHub); other mixed case (WSl/WSL) is reported without a fix.
    Words that are not prose are not terms: code, links, addresses, paths, file names,
    identifiers, ``KEY=value`` settings, literals in double quotes, quoted error messages and
    block quotes.

    **Fix**: replace with the dictionary's or the majority spelling (unsafe: a deliberate
    variant, such as a quoted product name, would be changed too). A fix never starts or ends
    inside a word and never re-cases a word in capitals.
    """

    code = "TM001"
    name = "inconsistent-spelling"
    severity = "warning"
    fixes = "unsafe"
    export_fixes = "all"
    second_process = True

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        terms = extract_terms(doc, katakana_pairs(ctx.config))
        counts = group_counts(terms)
        names = latin_names(ctx.config)
        near = near_miss_groups(counts, is_known_word)
        preferred = {key: preferred_spelling(c, names.get(key)) for key, c in counts.items()}
        for term in terms:
            key = term.key
            if key in near:
                target_key = near[key]
                target = fit_case(term.surface, preferred[target_key])
                uses = sum(counts[target_key].values())
                verdict: str | None = "fix"
                message = ctx.msg(
                    ja=f"「{term.surface}」は「{target}」（{uses}回使用）の書き間違いではありませんか。",
                    en=f"「{term.surface}」 looks like a misspelling of 「{target}」 (used {uses} times).",
                )
            elif len(counts[key]) > 1:
                target = preferred[key]
                verdict = (
                    case_verdict(term.surface, target, names.get(key), is_english_word)
                    if term.kind == "latin"
                    else (None if same_spelling(term.surface, target) else "fix")
                )
                if verdict is None:
                    continue
                uses = counts[key][target]
                kind_ja, kind_en = _kind(term, target)
                if counts[key].most_common(1)[0][1] > uses:  # the dictionary's name, not the majority
                    message = ctx.msg(
                        ja=f"「{term.surface}」と「{target}」が混在しています（{kind_ja}）。"
                        f"「{target}」が辞書の表記です。",
                        en=f"「{term.surface}」 and 「{target}」 are both used ({kind_en}); "
                        f"the dictionary writes 「{target}」.",
                    )
                else:
                    message = ctx.msg(
                        ja=f"「{term.surface}」と「{target}」が混在しています（{kind_ja}）。"
                        f"この記事では主に「{target}」（{uses}回）と書いています。",
                        en=f"「{term.surface}」 and 「{target}」 are both used ({kind_en}); "
                        f"this article mostly writes 「{target}」 ({uses} times).",
                    )
            else:
                continue
            edit = term_edit(doc.text, term, target) if verdict == "fix" else None
            if edit is None:
                # Letter case without a dictionary's word, a conjugated verb whose dictionary
                # form differs from the text, or an edit that would damage a word: report only.
                yield ctx.report(term.start, term.end, message, term_key=key, preferred=target)
                continue
            start, end, text = edit
            fix = ctx.replace(start, end, text, "unsafe", ctx.msg(ja=f"「{target}」にする", en=f"Write 「{target}」"))
            yield ctx.report(term.start, term.end, message, fix, term_key=key, preferred=target)
