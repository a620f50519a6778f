from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import chain

from ...engine.options import Option, Options
from ...engine.registry import Rule, RuleContext
from ...model import Diagnostic
from ...reading.document import Document
from ...reading.morph import tokenize
from ._textlint_nodes import as_list, masked_text, paragraphs, split_sentences

_SEPARATORS = (".", "．", "。", "?", "!", "？", "！")
_COMMAS = ("、", "，")


@dataclass
class _Joshi:
    """A particle, or a run of particles joined into one (「には」「かも」), as textlint joins them."""

    surface: str
    pos: str
    detail: tuple[str, str, str]
    start: int
    index: int  # index of the first token in the sentence's token list

    @property
    def key(self) -> tuple:
        return (self.surface, self.pos) + self.detail


def _is_joshi(tok) -> bool:
    return tok.pos == "助詞"


def _always_allowed(key: tuple) -> bool:
    """The groups ``_is_exception`` allows whatever they hold: 「の」 (連体化), 「を」 (格助詞)
    and 「て」 (接続助詞), each a single particle."""
    surface, detail1 = key[0], key[2]
    return (
        detail1 == "連体化" or (detail1 == "格助詞" and surface == "を") or (detail1 == "接続助詞" and surface == "て")
    )


def _counts_between(tok, separators, commas) -> bool:
    """Whether a token that is not a particle still counts as a unit between particles
    (unless ``strict``): a bracket, a sentence separator, or a comma."""
    return (
        (tok.pos == "記号" and tok.pos_detail_1 in ("括弧開", "括弧閉"))
        or tok.surface_form in separators
        or (tok.surface_form in commas and tok.pos in ("名詞", "記号"))
    )


def _may_report(tokens, strict: bool, min_interval: int, allow, separators, commas) -> bool:
    """Whether two runs of particles with the same key lie within ``min_interval`` counted
    units of each other: a necessary condition for a report, found in one pass without
    building the units. Groups the rule always allows (unless ``strict``) and ``allow``ed
    particles are left out; the other exceptions depend on the whole group and are left to
    the full check."""
    last_at: dict[tuple, int] = {}
    position = -1
    run = None  # [surface, pos, detail1, detail2, detail3] of the run being joined
    for tok in chain(tokens, (None,)):  # None closes a run at the end
        if tok is not None and tok.pos == "助詞":
            if run is None:
                run = [tok.surface_form, tok.pos, tok.pos_detail_1, tok.pos_detail_2, tok.pos_detail_3]
            else:  # joined as ``_check_sentence`` joins them
                run[0] += tok.surface_form
                run[1] += tok.pos
                run[2] += tok.surface_form
            continue
        if run is not None:
            position += 1
            key = tuple(run)
            run = None
            if key[0] not in allow and (strict or not _always_allowed(key)):
                if key in last_at and position - last_at[key] <= min_interval:
                    return True
                last_at[key] = position
        if tok is not None and not strict and _counts_between(tok, separators, commas):
            position += 1
    return False


class NoDoubledJoshi(Rule):
    """The same particle (助詞) twice in a row in one sentence.

    **What it does**: reports a particle such as 「は」「で」「に」 used again in the same
    sentence with at most ``min_interval`` other particles (or 、, brackets) between the two
    uses, as textlint's ``no-doubled-joshi`` does. Consecutive particles count as one
    (「には」). 「の」 (連体化), 「を」, 「て」, 並立助詞 pairs (〜たり〜たり) and 〜かどうか are allowed
    unless ``strict``; ``allow`` lists more. Block quotes and inline code are skipped.

    **Why**: 「材料不足で代替素材で製品を作った」 reads clumsily; a repeated particle usually
    means the sentence should be reordered or split.

    **Example**::

        私は彼は好きだ。
        材料不足で代替素材で製品を作った。

    **Fix**: none automatic; rephrase (「私は彼が好きだ」), reorder, or split the sentence.
    """

    code = "JA011"
    name = "no-doubled-joshi"
    severity = "warning"
    options = Options(
        Option("min_interval", 1, "Fewest words between two equal particles for them to be accepted."),
        Option("strict", False, "Also report the particle pairs textlint allows by default."),
        Option("allow", [], "Particles that may repeat."),
        Option("separatorCharacters", [".", "．", "。", "?", "!", "？", "！"], "Characters that end a sentence."),
        Option("commaCharacters", ["、", "，"], "Characters that separate clauses."),
    )
    presets = {"ja-technical-writing": {"min_interval": 1}, "japanese": {"min_interval": 1}}
    textlint_id = "no-doubled-joshi"
    second_process = True

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        opts = ctx.options
        try:
            min_interval = int(opts["min_interval"])
        except (TypeError, ValueError):
            min_interval = 1
        min_interval = max(1, min_interval)
        strict = bool(opts["strict"])
        allow = set(as_list(opts.get("allow"), ()))
        separators = as_list(opts.get("separatorCharacters"), _SEPARATORS)
        commas = set(as_list(opts.get("commaCharacters"), _COMMAS))
        for block in paragraphs(doc):
            text = masked_text(block)
            for ps, pe in split_sentences(text, separators, pairs=True):
                yield from self._check_sentence(
                    block, text[ps:pe], ps, ctx, min_interval, strict, allow, set(separators), commas, doc.text
                )

    def _check_sentence(self, block, sentence, offset, ctx, min_interval, strict, allow, separators, commas, source):
        tokens = tokenize(sentence)
        if not _may_report(tokens, strict, min_interval, allow, separators, commas):
            return []  # most sentences: no two like particles close enough, nothing to report
        # Join runs of particles; keep the other tokens as they are.
        units: list = []
        for i, tok in enumerate(tokens):
            prev = units[-1] if units else None
            if _is_joshi(tok) and isinstance(prev, _Joshi):
                prev.surface += tok.surface_form
                prev.pos += tok.pos
                prev.detail = (prev.detail[0] + tok.surface_form,) + prev.detail[1:]
            elif _is_joshi(tok):
                units.append(
                    _Joshi(
                        tok.surface_form, tok.pos, (tok.pos_detail_1, tok.pos_detail_2, tok.pos_detail_3), tok.start, i
                    )
                )
            else:
                units.append(tok)

        def countable(u) -> bool:
            if isinstance(u, _Joshi):
                return True
            return not strict and _counts_between(u, separators, commas)

        counted = [u for u in units if countable(u)]
        position = {id(u): i for i, u in enumerate(counted)}
        groups: dict[tuple, list[_Joshi]] = {}
        for u in counted:
            if isinstance(u, _Joshi):
                groups.setdefault(u.key, []).append(u)
        found = []
        for key, group in groups.items():
            name = key[0]
            if name in allow or len(group) <= 1:
                continue
            if not strict and self._is_exception(group, tokens):
                continue
            for prev, cur in zip(group, group[1:], strict=False):
                if position[id(cur)] - position[id(prev)] <= min_interval:
                    start, end = block.source_span(offset + cur.start, offset + cur.start + len(cur.surface))
                    message = (
                        f'一文に二回以上利用されている助詞 "{name}" がみつかりました。\n\n'
                        "次の助詞が連続しているため、文を読みにくくしています。\n\n"
                        f"- {self._with_prev_word(prev, units, block, offset, source)}\n"
                        f"- {self._with_prev_word(cur, units, block, offset, source)}\n\n"
                        "同じ助詞を連続して利用しない、文の中で順番を入れ替える、文を分割するなどを検討してください。\n"
                    )
                    found.append(ctx.report(start, end, message))
        found.sort(key=lambda d: d.start)
        return found

    @staticmethod
    def _is_exception(group: list[_Joshi], tokens) -> bool:
        if _always_allowed(group[0].key):  # 「の」「を」「て」
            return True
        if len(group) == 2 and group[0].detail[0] == "並立助詞" and group[1].detail[0] == "並立助詞":
            return True  # 登ったり降りたり
        if len(group) == 2 and group[0].surface == "か" and group[1].surface == "か":
            before = group[1].index - 1
            if before >= 0 and tokens[before].surface_form == "どう":  # 〜かどうか
                return True
        return False

    @staticmethod
    def _with_prev_word(joshi: _Joshi, units, block, offset, source) -> str:
        """「彼"は"」: the particle with the word before it, as textlint's message shows it.

        When that word lies in inline markup (code, strong, a link) textlint shows the whole
        element as written: 「`obj.method`"は"」.
        """
        i = units.index(joshi)
        if i == 0:
            return f'"{joshi.surface}"'
        prev = units[i - 1]
        raw = _inline_raw(source, block, offset + prev.start)
        if raw is None:
            raw = prev.surface if isinstance(prev, _Joshi) else prev.surface_form
        return f'{raw}"{joshi.surface}"'


_RAW_MARKS = frozenset({"code", "strong", "em", "link", "s", "math"})


def _inline_raw(source: str, block, plain_pos: int) -> str | None:
    """The source text of the outermost inline element holding ``plain_pos``, with its markup."""
    outer = None
    for m in block.marks:
        if m.kind in _RAW_MARKS and m.start <= plain_pos < m.end:
            if outer is None or (m.start <= outer.start and m.end >= outer.end):
                outer = m
    if outer is None:
        return None
    start, end = block.source_span(outer.start, outer.end)
    n = len(source)
    while start > block.start and source[start - 1] in "`*_~$[":
        start -= 1
    while end < n and source[end] in "`*_~$]":
        end += 1
    if outer.kind == "link" and source.startswith("(", end):
        close = source.find(")", end, block.end + 1)
        if close != -1:
            end = close + 1
    return source[start:end]
