from __future__ import annotations

from dataclasses import dataclass

from ...morph import tokenize
from ...registry import Rule
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


# Single particles whose repeats the rule allows unless ``strict`` (see ``_is_exception``).
_ALLOWED_REPEATS = frozenset({("の", "連体化"), ("を", "格助詞"), ("て", "接続助詞")})


def _has_repeated_particle(tokens, strict: bool = True) -> bool:
    """Whether two runs of consecutive particles have the same surface (a cheap necessary
    condition for a report: the rule compares such runs, surface included). Without
    ``strict``, runs of one particle that ``_is_exception`` always allows are left out."""
    seen = set()
    run = None
    single = None  # (surface, pos_detail_1) while the run is one particle
    for tok in tokens:
        if tok.pos == "助詞":
            if run is None:
                run, single = tok.surface_form, (tok.surface_form, tok.pos_detail_1)
            else:
                run, single = run + tok.surface_form, None
        elif run is not None:
            if strict or single not in _ALLOWED_REPEATS:
                if run in seen:
                    return True
                seen.add(run)
            run = None
    return run is not None and (strict or single not in _ALLOWED_REPEATS) and run in seen


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
    options = {
        "min_interval": 1,
        "strict": False,
        "allow": [],
        "separatorCharacters": list(_SEPARATORS),
        "commaCharacters": list(_COMMAS),
    }

    def check(self, doc, ctx):
        opts = ctx.options
        try:
            min_interval = int(opts.get("min_interval", 1))
        except (TypeError, ValueError):
            min_interval = 1
        min_interval = max(1, min_interval)
        strict = bool(opts.get("strict", False))
        allow = set(as_list(opts.get("allow"), ()))
        separators = as_list(opts.get("separatorCharacters"), _SEPARATORS)
        commas = set(as_list(opts.get("commaCharacters"), _COMMAS))
        for block in paragraphs(doc):
            text = masked_text(block)
            for ps, pe in split_sentences(text, separators, pairs=True):
                yield from self._check_sentence(block, text[ps:pe], ps, ctx, min_interval, strict, allow,
                                                set(separators), commas, doc.text)

    def _check_sentence(self, block, sentence, offset, ctx, min_interval, strict, allow, separators, commas,
                        source):
        tokens = tokenize(sentence)
        if not _has_repeated_particle(tokens, strict):
            return []  # most sentences: no two particle runs alike, nothing to report
        # Join runs of particles; keep the other tokens as they are.
        units: list = []
        for i, tok in enumerate(tokens):
            prev = units[-1] if units else None
            if _is_joshi(tok) and isinstance(prev, _Joshi):
                prev.surface += tok.surface_form
                prev.pos += tok.pos
                prev.detail = (prev.detail[0] + tok.surface_form,) + prev.detail[1:]
            elif _is_joshi(tok):
                units.append(_Joshi(tok.surface_form, tok.pos, (tok.pos_detail_1, tok.pos_detail_2,
                                                                tok.pos_detail_3), tok.start, i))
            else:
                units.append(tok)

        def countable(u) -> bool:
            if isinstance(u, _Joshi):
                return True
            if strict:
                return False
            if u.pos == "記号" and u.pos_detail_1 in ("括弧開", "括弧閉"):
                return True
            if u.surface_form in separators:
                return True
            return u.surface_form in commas and u.pos in ("名詞", "記号")

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
            for prev, cur in zip(group, group[1:]):
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
        first = group[0]
        detail1 = first.detail[0]
        if detail1 == "連体化":  # 「の」
            return True
        if detail1 == "格助詞" and first.surface == "を":
            return True
        if detail1 == "接続助詞" and first.surface == "て":
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
