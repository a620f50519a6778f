from __future__ import annotations

from collections.abc import Iterator
from operator import attrgetter

from ...engine.registry import Rule, RuleContext
from ...model import Diagnostic
from ...reading.document import Document
from ...reading.morph import tokenize
from ._textlint_nodes import str_segments

_NAI_FORMS = ("ない", "無い")
_NAI_SET = frozenset(_NAI_FORMS)
_BASIC_FORM = attrgetter("basic_form")
_NAI = {"basic_form": _NAI_FORMS}
# The closing 「ない」 after 「は」「も」 is the adjective. kuromoji tags it so; MeCab sometimes
# tags it 助動詞 (「ないこともないでしょう」), which must not hide the finding.
_NAI_ADJ = {"basic_form": ("ない", "無い"), "pos": ("形容詞", "助動詞")}


def _p(surface: str) -> dict:
    """A particle with this surface."""
    return {"surface_form": (surface,), "pos": ("助詞",)}


_DA_RENYO = {"conjugated_form": ("連用形",), "basic_form": ("だ",)}

# Groups of (token pattern, message), as the textlint rule's sub-rules: inside a group the
# first pattern that completes wins and the others do not see that token. The messages of
# the 「ないで」 group are crossed over exactly as textlint prints them.
GROUPS: tuple[tuple[tuple[tuple[dict, ...], str], ...], ...] = (
    (((_NAI, _p("も"), _NAI_ADJ), "二重否定: 〜なくもない"), ((_NAI, _p("は"), _NAI_ADJ), "二重否定: 〜なくはない")),
    (
        (
            (_NAI, {"surface_form": ("で",), "conjugated_form": ("連用形",)}, _p("は"), _NAI_ADJ),
            "二重否定: 〜ないでもない",
        ),
        ((_NAI, _p("で"), _p("も"), _NAI_ADJ), "二重否定: 〜ないではない"),
    ),
    (
        (
            (_NAI, {"surface_form": ("もの",), "pos": ("名詞",)}, _DA_RENYO, _p("も"), _NAI_ADJ),
            "二重否定: 〜ないものでもない",
        ),
        (
            (_NAI, {"surface_form": ("もの",), "pos": ("名詞",)}, _DA_RENYO, _p("は"), _NAI_ADJ),
            "二重否定: 〜ないものではない",
        ),
    ),
    (
        ((_NAI, {"reading": ("コト",), "pos": ("名詞",)}, _p("は"), _NAI), "二重否定: 〜ないことはない"),
        ((_NAI, {"reading": ("コト",), "pos": ("名詞",)}, _p("も"), _NAI_ADJ), "二重否定: 〜ないこともない"),
    ),
    (
        (
            (_NAI, {"reading": ("ワケ",), "pos": ("名詞",)}, _DA_RENYO, _p("も"), _NAI_ADJ),
            "二重否定: 〜ないわけでもない",
        ),
        ((_NAI, {"reading": ("ワケ",), "pos": ("名詞",)}, _DA_RENYO, _p("は"), _NAI), "二重否定: 〜ないわけではない"),
    ),
    (
        (
            (_NAI, _p("と"), {"reading": ("イイ",)}, {"reading": ("キレ",), "pos": ("動詞",)}, _NAI),
            "二重否定: 〜ないといいきれない",
        ),
        (
            (_NAI, _p("と"), _p("は"), {"reading": ("イイ",)}, {"reading": ("キレ",), "pos": ("動詞",)}, _NAI),
            "二重否定: 〜ないとはいいきれない",
        ),
    ),
    (
        (
            (_NAI, _p("と"), _p("は"), {"reading": ("カギラ",), "pos": ("動詞",)}, _NAI),
            "二重否定: 〜ないとはかぎらない",
        ),
        (
            (_NAI, _p("と"), _p("も"), {"reading": ("カギラ",), "pos": ("動詞",)}, _NAI),
            "二重否定: 〜ないともかぎらない",
        ),
    ),
)


def _matches(tok, shape: dict) -> bool:
    return all(getattr(tok, key) in values for key, values in shape.items())


class _Stream:
    """Follows one token pattern through a token stream, as textlint's matchTokenStream does:
    a token that breaks the pattern restarts it without being tried as its first token."""

    def __init__(self, pattern):
        self.pattern = pattern
        self.pos = 0

    def feed(self, tok) -> bool:
        if _matches(tok, self.pattern[self.pos]):
            self.pos += 1
        else:
            self.pos = 0
        if self.pos == len(self.pattern):
            self.pos = 0
            return True
        return False


class NoDoubleNegativeJa(Rule):
    """二重否定: a double negative such as 「〜なくもない」「〜ないことはない」.

    **What it does**: reports the double negatives textlint's ``no-double-negative-ja``
    knows: 〜なくはない / 〜なくもない, 〜ないではない / 〜ないでもない, 〜ないものではない,
    〜ないことはない, 〜ないわけではない, 〜ない(と|とは)言い切れない and 〜ないと(は|も)限らない.
    The finding sits on the final 「ない」.

    **Why**: a double negative makes the reader undo two negations to find a hedged
    positive; technical writing should say the positive directly.

    **Example**::

        確かにそういった懸念はないことはない。
        問題ないとは言い切れない。

    **Fix**: none automatic; state it positively (「懸念はある」「問題が起きる可能性がある」).
    """

    code = "JA010"
    name = "no-double-negative-ja"
    # Reads MeCab's tokens of every prose text: with the other rules that do (see two_cores).
    second_process = True
    severity = "warning"
    presets = {"ja-technical-writing": {}, "japanese": {}}
    textlint_id = "no-double-negative-ja"

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        for block in doc.prose_blocks():
            for s, e in str_segments(block, skip=frozenset()):
                yield from self._check_run(block, s, block.text[s:e], ctx)

    @staticmethod
    def _check_run(block, offset, text, ctx):
        tokens = tokenize(text)
        # Every pattern starts (and ends) with 「ない」: most runs have none and need no streams.
        if _NAI_SET.isdisjoint(map(_BASIC_FORM, tokens)):
            return
        groups = [[(_Stream(pattern), message) for pattern, message in group] for group in GROUPS]
        streams = [stream for group in groups for stream, _ in group]
        active = False  # some stream is past its start
        for tok in tokens:
            # Every pattern starts with 「ない」: another token changes nothing while all streams
            # are at their start, so skip the matching then (most tokens).
            if not active and tok.basic_form not in _NAI_FORMS:
                continue
            for group in groups:
                for stream, message in group:
                    if stream.feed(tok):
                        start, end = block.source_span(offset + tok.start, offset + tok.end)
                        yield ctx.report(start, end, message)
                        break
            active = any(stream.pos for stream in streams)
