"""AW005 ai-tech-writing-guideline: technical-writing advice (簡潔性・明確性・具体性・一貫性・構造化)."""

from __future__ import annotations

import re
from typing import NamedTuple

from ...engine.options import Option, Options
from ...engine.registry import Rule, RuleContext
from ...model import Diagnostic
from ...reading.document import Document
from ...reading.user_regex import budget_for
from ._allows import allowed, allows_option, compile_allows
from ._text import JS_DOT, JS_SPACE, js_trim, plain_text
from ._tree import nodes, tree


class Guidance(NamedTuple):
    pattern: re.Pattern
    ja: str  # textlint's message
    en: str
    gate: tuple[str, ...]  # a match contains one of these: a paragraph without any is skipped


_LITERAL = re.compile(r"[^\\.*?+()\[\]|]+")


def _g(pattern: str, ja: str, en: str, gate: tuple[str, ...] = ()) -> Guidance:
    # The preset's patterns are JavaScript: ``.`` does not cross a line break.
    if not gate:
        literal = _LITERAL.match(pattern)
        if literal is None:
            raise ValueError(f"{pattern}: a pattern that does not start with text needs its gate")
        gate = (literal[0],)
    return Guidance(re.compile(pattern.replace(".", JS_DOT)), ja, en, gate)


# (category, option that turns it off, its patterns), in the preset's order.
REDUNDANCY = (
    _g(
        "まず最初に",
        "【簡潔性】冗長表現が検出されました。「まず最初に」→「まず」または「最初に」への簡潔化を検討してください。",
        "[Conciseness] Redundant wording: consider 「まず」 or 「最初に」 instead of 「まず最初に」.",
    ),
    _g(
        "あらかじめ予測",
        "【簡潔性】冗長表現が検出されました。「あらかじめ予測」→「予測」への簡潔化を検討してください。",
        "[Conciseness] Redundant wording: consider 「予測」 instead of 「あらかじめ予測」.",
    ),
    _g(
        "することができます",
        "【簡潔性】冗長な助動詞表現が検出されました。「できます」または「します」への簡潔化を検討してください。",
        "[Conciseness] Wordy auxiliary: consider 「できます」 or 「します」.",
    ),
    _g(
        "する必要があります",
        "【簡潔性】冗長な義務表現が検出されました。「してください」または「します」への直接的な表現を検討してください。",
        "[Conciseness] Wordy obligation: consider the direct 「してください」 or 「します」.",
    ),
    _g(
        "言うまでもなく",
        "【簡潔性】不要な前置き表現が検出されました。核心から始める簡潔な文章構成を検討してください。",
        "[Conciseness] Needless preamble: consider starting with the point.",
    ),
)
VOICE = (
    _g(
        "が行われ(て|る|ます)",
        "【明確性】受動的で抽象的な表現が検出されました。具体的な動詞を使った能動態への変更を検討してください"
        "（例：「実行する」「処理する」）。",
        "[Clarity] Passive, abstract wording: consider the active voice with a concrete verb "
        "(e.g. 「実行する」, 「処理する」).",
    ),
    _g(
        "の変更を行",
        "【明確性】名詞化された表現が検出されました。「を変更する」のような直接的な動詞表現を検討してください。",
        "[Clarity] Nominalised wording: consider a direct verb such as 「を変更する」.",
    ),
    _g(
        "の実装を実施",
        "【明確性】二重の名詞化表現が検出されました。「を実装する」への簡潔化を検討してください。",
        "[Clarity] Doubly nominalised wording: consider 「を実装する」.",
    ),
    _g(
        "によって[実行処理実施]され",
        "【明確性】受動態表現が検出されました。「○○が△△を実行する」のような能動態への変更を検討してください。",
        "[Clarity] Passive voice: consider the active 「○○が△△を実行する」.",
    ),
    _g(
        "がシステムによって実行される",
        "【明確性】受動態表現が検出されました。「システムが○○を実行する」のような能動態への変更を検討してください。",
        "[Clarity] Passive voice: consider the active 「システムが○○を実行する」.",
    ),
    _g(
        "によって実行され",
        "【明確性】受動態表現が検出されました。「システムが○○を実行する」のような能動態への変更を検討してください。",
        "[Clarity] Passive voice: consider the active 「システムが○○を実行する」.",
    ),
)
CLARITY = (
    _g(
        "高速な(?:パフォーマンス|処理|動作)",
        "【具体性】抽象的な性能表現が検出されました。具体的な数値基準の提示を検討してください（例：「50ms未満の応答時間」）。",
        "[Concreteness] Abstract performance claim: consider a concrete figure (e.g. 「50ms未満の応答時間」).",
    ),
    _g(
        "大幅に(?:向上|改善|削減)",
        "【具体性】定量化されていない変化表現が検出されました。具体的な数値や割合の提示を検討してください。",
        "[Concreteness] Unquantified change: consider giving numbers or ratios.",
    ),
    _g(
        "効率的な",
        "【具体性】抽象的な評価表現が検出されました。何に対してどのように効率的なのか、具体的な説明を検討してください。",
        "[Concreteness] Abstract judgement: consider saying efficient at what, and how.",
    ),
    _g(
        "適切な",
        "【具体性】曖昧な判断表現が検出されました。何を基準として適切なのか、具体的な条件や基準の明示を検討してください。",
        "[Concreteness] Vague judgement: consider stating the criterion that makes it appropriate.",
    ),
    _g(
        "必要に応じて",
        "【具体性】曖昧な条件表現が検出されました。どのような状況で必要なのか、具体的な判断基準の明示を検討してください。",
        "[Concreteness] Vague condition: consider stating when it is needed.",
    ),
)
CONSISTENCY = (
    _g(
        "(ユーザー.*?(?:クライアント|顧客))|(?:(?:クライアント|顧客).*?ユーザー)",
        "【一貫性】同一対象を指す用語の混在が検出されました。文書全体で統一した用語の使用を検討してください。",
        "[Consistency] Mixed terms for the same thing: consider one term throughout the document.",
        ("ユーザー",),
    ),
    _g(
        "(設定画面.*?(?:設定ページ|環境設定))|(?:(?:設定ページ|環境設定).*?設定画面)",
        "【一貫性】機能名称の表記揺れが検出されました。プロジェクト内で統一した名称の使用を検討してください。",
        "[Consistency] Inconsistent feature names: consider one name throughout the project.",
        ("設定画面",),
    ),
    _g(
        "(です。.*?である。)|(である。.*?です。)",
        "【一貫性】文体の混在が検出されました。「です・ます調」または「だ・である調」への統一を検討してください。",
        "[Consistency] Mixed styles: consider either です・ます or だ・である throughout.",
        ("である。",),
    ),
)
STRUCTURE = (
    _g(
        "また、.*?また、",
        "【構造化】接続表現の重複が検出されました。箇条書きや段落分けによる情報整理を検討してください。",
        "[Structure] Repeated connective: consider a list or separate paragraphs.",
    ),
    _g(
        "(?:第一に|まず).*?(?:第二に|次に).*?(?:第三に|最後に)",
        "【構造化】連続的な手順説明が検出されました。番号付きリストまたは見出し構造での整理を検討してください。",
        "[Structure] Steps described in a row: consider a numbered list or headings.",
        ("第一に", "まず"),
    ),
)
_GROUPS = (
    ("redundancy", "disableRedundancyGuidance", REDUNDANCY),
    ("voice", "disableVoiceGuidance", VOICE),
    ("clarity", "disableClarityGuidance", CLARITY),
    ("consistency", "disableConsistencyGuidance", CONSISTENCY),
    ("structure", "disableStructureGuidance", STRUCTURE),
)
_GATES = frozenset(gate for _, _, patterns in _GROUPS for guidance in patterns for gate in guidance.gate)
# A paragraph ending in 「例えば。」「以下。」 right before a list.
_CONNECTIVE_END = re.compile(f"(?:例えば|具体的には|詳細には|以下|次に|また)。{JS_SPACE}*\\Z")
_SUMMARY_LABELS = (
    ("redundancy", "簡潔性", "conciseness"),
    ("voice", "明確性", "clarity"),
    ("clarity", "具体性", "concreteness"),
    ("consistency", "一貫性", "consistency"),
    ("structure", "構造化", "structure"),
)
GUIDELINES_URL = (
    "https://github.com/textlint-ja/textlint-rule-preset-ai-writing/blob/main/docs/tech-writing-guidelines.md"
)


class AiTechWritingGuideline(Rule):
    """Technical-writing advice: wordy, passive, vague, inconsistent or list-like prose.

    **What it does**: in every paragraph (inline code left out), points out wording that
    the five principles of the preset's guideline would change: conciseness
    (「まず最初に」「することができます」「する必要があります」), clarity (「が行われる」
    「の変更を行う」「によって実行される」), concreteness (「高速な処理」「大幅に向上」
    「効率的な」「適切な」「必要に応じて」), consistency (ユーザー and 顧客 in one paragraph,
    です。 and である。 mixed) and structure (「また、…また、」, 「まず…次に…最後に」 in one
    paragraph; a top-level paragraph ending in 「例えば。」「以下。」 right before a list).
    Then, once per document with findings, a summary of how many there are by principle,
    at the top of the file. textlint's ``ai-tech-writing-guideline`` from
    ``@textlint-ja/textlint-rule-preset-ai-writing``, at the preset's severity ``info``,
    with its options: ``allows`` (strings or ``/regex/flags``: a paragraph containing one is
    skipped), ``disableRedundancyGuidance``, ``disableVoiceGuidance``,
    ``disableClarityGuidance``, ``disableConsistencyGuidance``,
    ``disableStructureGuidance``, ``enableDocumentAnalysis`` (the summary; on by default).

    **Why**: these are advice, not errors: generated text is full of them, and a human
    editor would tighten most of them.

    **Example**: ``まず最初に高速なパフォーマンスの実装を実施することができます。``
    (four findings).

    **Fix**: follow the advice in each message; see the preset's guideline
    (``docs/tech-writing-guidelines.md`` of textlint-rule-preset-ai-writing).
    """

    code = "AW005"
    name = "ai-tech-writing-guideline"
    severity = "info"
    default_enabled = False
    options = Options(
        allows_option("Strings or /regex/: text that contains one is not reported."),
        Option("disableRedundancyGuidance", False, "Do not suggest cutting redundant wording."),
        Option("disableVoiceGuidance", False, "Do not suggest the active voice."),
        Option("disableConsistencyGuidance", False, "Do not suggest consistent terms and style."),
        Option("disableClarityGuidance", False, "Do not suggest clearer wording."),
        Option("disableStructureGuidance", False, "Do not suggest a clearer structure."),
        Option("enableDocumentAnalysis", True, "Add the document-wide summary of the guidance."),
    )
    presets = {"ai-writing": {}}
    textlint_id = "ai-tech-writing-guideline"

    def check(self, doc: Document, ctx: RuleContext) -> list[Diagnostic]:
        opts = ctx.options
        allows = compile_allows(opts.get("allows"), self.name, budget_for(doc.text))
        counts = dict.fromkeys((name for name, _, _ in _GROUPS), 0)
        found = []
        if not opts["disableStructureGuidance"]:
            found.extend(self._list_intros(doc, ctx, allows, counts))
        groups = [(name, patterns) for name, option, patterns in _GROUPS if not opts.get(option, False)]
        for node in nodes(doc, "Paragraph"):
            if node.block is None:
                continue
            plain = plain_text(doc, node.block, drop_code=True)
            present = {gate for gate in _GATES if gate in plain.text}
            if not present or (allows and allowed(plain.text, allows)):
                continue
            for name, patterns in groups:
                for guidance in patterns:
                    if present.isdisjoint(guidance.gate):
                        continue
                    for m in guidance.pattern.finditer(plain.text):
                        start, end = plain.span(m.start(), m.end())
                        counts[name] += 1
                        found.append(ctx.report(start, end, ctx.msg(ja=guidance.ja, en=guidance.en)))
        if found and opts["enableDocumentAnalysis"]:
            found.append(self._summary(ctx, counts))
        return found

    @staticmethod
    def _list_intros(doc, ctx, allows, counts):
        """Top-level paragraphs that end in a connective and a full stop before a list."""
        children = tree(doc).children
        for node, following in zip(children, children[1:], strict=False):
            if node.type != "Paragraph" or following.type != "List" or node.block is None:
                continue
            text = plain_text(doc, node.block, drop_code=True).text
            if _CONNECTIVE_END.search(js_trim(text)) is None:
                continue
            if allows and allowed(text, allows):
                continue
            counts["structure"] += 1
            yield ctx.report(
                node.start,
                node.end,
                ctx.msg(
                    ja="【構造化】接続表現と句点で終わる文の直後の箇条書きは機械的な印象を与える可能性があります。"
                    "「たとえば、次のような点があります。」のような自然な導入文を検討してください。",
                    en="[Structure] A list right after a sentence that is only a connective and a full stop "
                    "can read as machine-written. Consider a natural lead-in such as "
                    "「たとえば、次のような点があります。」.",
                ),
            )

    @staticmethod
    def _summary(ctx, counts):
        total = sum(counts.values())
        ja_parts = [f"{ja}: {counts[key]}件" for key, ja, _ in _SUMMARY_LABELS if counts[key]]
        en_parts = [f"{en}: {counts[key]}" for key, _, en in _SUMMARY_LABELS if counts[key]]
        ja_details = f" [内訳: {', '.join(ja_parts)}]" if ja_parts else ""
        en_details = f" [{', '.join(en_parts)}]" if en_parts else ""
        return ctx.report(
            0,
            0,
            ctx.msg(
                ja=f"【テクニカルライティング品質分析】この文書で{total}件の改善提案が見つかりました{ja_details}。"
                "効果的なテクニカルライティングの7つのC（Clear, Concise, Correct, Coherent, Concrete, Complete, "
                f"Courteous）の原則に基づいて見直しを検討してください。詳細なガイドライン: {GUIDELINES_URL}",
                en=f"[Technical writing review] {total} suggestions in this document{en_details}. Consider "
                "revising along the 7 Cs of technical writing (Clear, Concise, Correct, Coherent, Concrete, "
                f"Complete, Courteous). Guidelines: {GUIDELINES_URL}",
            ),
        )
