"""AW002 no-ai-hype-expressions: 「革命的な」「ゲームチェンジャー」「パラダイムシフト」."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from ...engine.options import Option, Options
from ...engine.registry import Rule, RuleContext
from ...model import Diagnostic
from ...reading.document import Document
from ...reading.user_regex import budget_for
from ..ja._textlint_nodes import str_nodes
from ._allows import allowed, allows_option, compile_allows


class Hype(NamedTuple):
    phrase: str  # what is matched, literally
    ja: str  # textlint's message
    en: str


# 絶対性・完全性を演出する表現 (disableAbsolutenessPatterns)
ABSOLUTENESS = (
    Hype(
        "革命的な",
        "「革命的な」という表現は過度に誇張的である可能性があります。具体的な改善点を述べることを検討してください。",
        "「革命的な」 (revolutionary) may be an overstatement. Consider naming the concrete improvement.",
    ),
    Hype(
        "ゲームチェンジャー",
        "「ゲームチェンジャー」という表現は機械的な印象を与える可能性があります。"
        "具体的な変化を説明することを検討してください。",
        "「ゲームチェンジャー」 (game changer) can read as machine-written. Consider describing the actual change.",
    ),
    Hype(
        "世界初の",
        "「世界初の」という表現は過度に強調的である可能性があります。事実に基づいた表現を検討してください。",
        "「世界初の」 (world's first) may overstate. Consider wording backed by facts.",
    ),
    Hype(
        "究極の",
        "「究極の」という表現は誇張的である可能性があります。より具体的で控えめな表現を検討してください。",
        "「究極の」 (ultimate) may be an exaggeration. Consider a more concrete, modest wording.",
    ),
    Hype(
        "完全に",
        "「完全に」という絶対的な表現は過度に断定的である可能性があります。「多くの場合」などの表現を検討してください。",
        "「完全に」 (completely) may be too absolute. Consider wording such as 「多くの場合」 (in most cases).",
    ),
    Hype(
        "完璧な",
        "「完璧な」という表現は過度に理想化している可能性があります。具体的な利点を述べることを検討してください。",
        "「完璧な」 (perfect) may idealise. Consider naming the concrete benefits.",
    ),
    Hype(
        "最高の",
        "「最高の」という表現は主観的で誇張的である可能性があります。より客観的な評価を示すことを検討してください。",
        "「最高の」 (the best) may be subjective and exaggerated. Consider a more objective assessment.",
    ),
    Hype(
        "最先端の",
        "「最先端の」という表現は定型的である可能性があります。具体的な技術的特徴を説明することを検討してください。",
        "「最先端の」 (cutting-edge) may be a stock phrase. Consider describing the technical features.",
    ),
    Hype(
        "大幅に",
        "「大幅に」という表現は誇張的である可能性があります。具体的な数値や割合を示すことを検討してください。",
        "「大幅に」 (significantly) may be an exaggeration. Consider giving numbers or ratios.",
    ),
)
# 抽象的・感覚的な効果を演出する表現 (disableAbstractPatterns)
ABSTRACT = (
    Hype(
        "魔法のように",
        "「魔法のように」という比喩的表現は現実味に欠ける可能性があります。具体的な仕組みを説明することを検討してください。",
        "「魔法のように」 (like magic) may lack substance. Consider explaining how it works.",
    ),
    Hype(
        "奇跡的な",
        "「奇跡的な」という表現は過度に感情的である可能性があります。具体的な成果を示すことを検討してください。",
        "「奇跡的な」 (miraculous) may be too emotional. Consider showing the concrete results.",
    ),
    Hype(
        "驚異的な",
        "「驚異的な」という表現は誇張的である可能性があります。数値や事実に基づいた表現を検討してください。",
        "「驚異的な」 (astonishing) may be an exaggeration. Consider wording based on numbers or facts.",
    ),
    Hype(
        "可能性を解き放つ",
        "「可能性を解き放つ」という抽象的な表現は曖昧である可能性があります。具体的な利益を説明することを検討してください。",
        "「可能性を解き放つ」 (unlock the potential) may be vague. Consider explaining the concrete benefit.",
    ),
    Hype(
        "潜在能力を引き出す",
        "「潜在能力を引き出す」という表現は抽象的である可能性があります。具体的な効果を説明することを検討してください。",
        "「潜在能力を引き出す」 (bring out the potential) may be abstract. Consider explaining the concrete effect.",
    ),
    Hype(
        "民主化する",
        "「民主化する」という表現は技術文脈では曖昧である可能性があります。"
        "「利用しやすくする」などの具体的な表現を検討してください。",
        "「民主化する」 (democratise) may be vague in a technical context. "
        "Consider a concrete wording such as 「利用しやすくする」 (make easier to use).",
    ),
    Hype(
        "スーパーチャージ",
        "「スーパーチャージ」という表現は機械的な印象を与える可能性があります。"
        "具体的な改善内容を説明することを検討してください。",
        "「スーパーチャージ」 (supercharge) can read as machine-written. Consider describing the actual improvement.",
    ),
    Hype(
        "驚嘆させ",
        "「驚嘆させる」という表現は過度に感情的である可能性があります。客観的な評価を示すことを検討してください。",
        "「驚嘆させる」 (amaze) may be too emotional. Consider an objective assessment.",
    ),
)
# 権威的・予言的な表現 (disabledPredictivePatterns, spelled as the preset spells it)
PREDICTIVE = (
    Hype(
        "業界を再定義",
        "「業界を再定義する」という表現は誇張的である可能性があります。具体的な変化を説明することを検討してください。",
        "「業界を再定義する」 (redefine the industry) may be an exaggeration. Consider describing the actual change.",
    ),
    Hype(
        "未来を変える",
        "「未来を変える」という表現は大げさである可能性があります。具体的な改善点を述べることを検討してください。",
        "「未来を変える」 (change the future) may be overblown. Consider naming the concrete improvement.",
    ),
    Hype(
        "パラダイムシフト",
        "「パラダイムシフト」という表現は定型的である可能性があります。具体的な変化を説明することを検討してください。",
        "「パラダイムシフト」 (paradigm shift) may be a stock phrase. Consider describing the actual change.",
    ),
    Hype(
        "不可避の",
        "「不可避の」という表現は過度に断定的である可能性があります。「可能性が高い」などの表現を検討してください。",
        "「不可避の」 (inevitable) may be too absolute. Consider wording such as 「可能性が高い」 (likely).",
    ),
    Hype(
        "新たな基準を設定",
        "「新たな基準を設定」という表現は誇張的である可能性があります。具体的な改善内容を説明することを検討してください。",
        "「新たな基準を設定」 (set a new standard) may be an exaggeration. Consider describing the actual improvement.",
    ),
    Hype(
        "次世代の",
        "「次世代の」という表現は定型的である可能性があります。具体的な技術的進歩を説明することを検討してください。",
        "「次世代の」 (next-generation) may be a stock phrase. Consider describing the technical progress.",
    ),
    Hype(
        "フロンティアを開拓",
        "「フロンティアを開拓」という比喩的表現は抽象的である可能性があります。"
        "具体的な取り組みを説明することを検討してください。",
        "「フロンティアを開拓」 (open up a frontier) may be abstract. Consider describing the actual work.",
    ),
    Hype(
        "根本的に変革",
        "「根本的に変革」という表現は誇張的である可能性があります。具体的な変化を説明することを検討してください。",
        "「根本的に変革」 (fundamentally transform) may be an exaggeration. Consider describing the actual change.",
    ),
)
_CATEGORIES = (
    ("disableAbsolutenessPatterns", ABSOLUTENESS),
    ("disableAbstractPatterns", ABSTRACT),
    ("disabledPredictivePatterns", PREDICTIVE),
)
_ANY = re.compile("|".join(re.escape(h.phrase) for _, hypes in _CATEGORIES for h in hypes))


class NoAiHypeExpressions(Rule):
    """Hype words that overstate: 「革命的な」「究極の」「完全に」「パラダイムシフト」.

    **What it does**: reports, in every text node (headings, list items, table cells and
    link text included; code excluded), 25 stock expressions of three kinds: absolute claims
    (「革命的な」「世界初の」「完璧な」「最先端の」「大幅に」…), abstract effects
    (「魔法のように」「可能性を解き放つ」「民主化する」…) and prophecy (「業界を再定義」
    「パラダイムシフト」「次世代の」…). textlint's ``no-ai-hype-expressions`` from
    ``@textlint-ja/textlint-rule-preset-ai-writing``, with its options: ``allows`` (strings
    or ``/regex/flags``: a text node containing one is skipped),
    ``disableAbsolutenessPatterns``, ``disableAbstractPatterns`` and
    ``disabledPredictivePatterns`` (spelled as textlint spells it).

    **Why**: generated articles inflate every claim; a technical reader trusts numbers and
    mechanisms, not adjectives.

    **Example**: ``革命的な技術で業界を再定義します。``

    **Fix**: say what changed and by how much (「応答時間が 120 ms から 40 ms になった」).
    """

    code = "AW002"
    name = "no-ai-hype-expressions"
    severity = "warning"
    default_enabled = False
    options = Options(
        allows_option("Strings or /regex/: a sentence that contains one is not reported."),
        Option("disableAbsolutenessPatterns", False, "Do not report absolute claims (「完全に」「絶対に」)."),
        Option("disableAbstractPatterns", False, "Do not report abstract grand words (「革命的な」)."),
        Option("disabledPredictivePatterns", False, "Do not report predictions of the future (textlint's spelling)."),
    )
    presets = {"ai-writing": {}}
    textlint_id = "no-ai-hype-expressions"

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        allows = compile_allows(ctx.options.get("allows"), self.name, budget_for(doc.text))
        hypes = [h for option, group in _CATEGORIES if not ctx.options.get(option, False) for h in group]
        if not hypes:
            return
        for block, start, end in str_nodes(doc):
            text = block.text[start:end]
            if _ANY.search(text) is None:
                continue
            if allows and allowed(text, allows):
                continue
            for hype in hypes:
                i = text.find(hype.phrase)
                while i != -1:
                    s, e = block.source_span(start + i, start + i + len(hype.phrase))
                    yield ctx.report(s, e, ctx.msg(ja=hype.ja, en=hype.en))
                    i = text.find(hype.phrase, i + len(hype.phrase))
