from __future__ import annotations

import re
from collections.abc import Iterator

from ...engine.registry import Rule, RuleContext
from ...model import Diagnostic
from ...reading.document import Document
from ._textlint_nodes import paragraphs, sentences

# (name, opener, closer), named as textlint's rule names them in its message.
_PAIRS = [
    ("double quote", '"', '"'),
    ("angled bracket[]", "[", "]"),
    ("round bracket()", "(", ")"),
    ("curly brace{}", "{", "}"),
    ("かぎ括弧「」", "「", "」"),
    ("丸括弧（）", "（", "）"),
    ("二重かぎ括弧『』", "『", "』"),
    ("波括弧｛｝", "｛", "｝"),
    ("角括弧［］", "［", "］"),
    ("重角括弧〚〛", "〚", "〛"),
    ("隅付き括弧【】", "【", "】"),
    ("double guillemet «»", "«", "»"),
    ("single guillemet ‹›", "‹", "›"),
]
_BY_OPENER = {o: p for p in _PAIRS for o in [p[1]]}
_BY_CLOSER = {p[2]: p for p in _PAIRS}
_IGNORED_MARKS = frozenset({"code", "math", "link", "strong", "em"})
_OPENERS = re.compile("[" + "".join(map(re.escape, sorted(_BY_OPENER))) + "]")
_PAIR_MARKS = re.compile("[" + "".join(map(re.escape, sorted(set(_BY_OPENER) | set(_BY_CLOSER)))) + "]")


class NoUnmatchedPair(Rule):
    """An opening bracket or quote without its closing pair in the same sentence.

    **What it does**: in each sentence, outside code, links and emphasis, matches openers
    such as ``(`` ``「`` ``"`` ``«`` with their closers and reports an opener left open.

    **Why**: an unclosed bracket, or one closed with the wrong width (``（…)``), is a typo
    that confuses the reader about where the aside ends.

    **Example**: ``これは（秘密)です。``

    **Fix**: close the pair with the matching character.
    """

    code = "JA022"
    name = "no-unmatched-pair"
    severity = "error"
    presets = {"ja-technical-writing": {}}
    textlint_id = "no-unmatched-pair"

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        for block in paragraphs(doc, quotes=True):
            text = block.text
            if _OPENERS.search(text) is None:
                continue
            ignored = [False] * len(text)
            for m in block.marks:
                if m.kind in _IGNORED_MARKS:
                    for i in range(max(0, m.start), min(m.end, len(text))):
                        ignored[i] = True
            for ps, pe in sentences(doc, block):
                open_: list[tuple[tuple[str, str, str], int]] = []
                for found in _PAIR_MARKS.finditer(text, ps, pe):  # only brackets and quotes matter
                    i = found.start()
                    ch = text[i]
                    if ignored[i]:
                        continue
                    pair = _BY_OPENER.get(ch) or _BY_CLOSER[ch]
                    idx = next((k for k in range(len(open_) - 1, -1, -1) if open_[k][0] is pair), -1)
                    if idx >= 0:
                        if ch == pair[2]:
                            del open_[idx]
                    elif ch in _BY_OPENER:
                        open_.append((_BY_OPENER[ch], i))
                for (name, opener, closer), i in open_:
                    # textlint points one character past the opener; keep its position.
                    s, _ = block.source_span(i, i + 1)
                    s = min(s + 1, len(doc.text) - 1)
                    yield ctx.report(
                        s,
                        s + 1,
                        ctx.msg(
                            ja=f"「{opener}」に対応する「{closer}」が見つかりません。この文の中で閉じてください。",
                            en=f"Cannot find a pairing character for {opener}.\n                    \n"
                            f"You should close this sentence with {closer}.\nThis pair of marks is called {name}.",
                        ),
                    )
