"""Small judgements about Japanese prose shared by several rules and the exporter."""

from __future__ import annotations

import re
import unicodedata

from .morph import tokenize

# A paragraph that ends with one of these is complete (closing punctuation, brackets, quotes,
# ellipsis, or a colon that introduces what follows).
COMPLETE_ENDINGS = frozenset("。．.！？!?」』）)】]〕〉》\"'”’…‥:：;；~〜ｗ笑")
# A sign-off ends an article whatever its punctuation: 「以上、」「以上です」「ではまた」.
_SIGN_OFF = re.compile(
    r"(?:以上|今回は以上|本日は以上|それでは|では|ではまた|では、また|ではでは|じゃあ|じゃあまた|またね|また次回|"
    r"おわり|終わり|お疲れ様でした|おつかれさまでした)(?:です|になります|となります)?[、,，。．.!！…ー〜～\s]*"
)


def normalize(text: str) -> str:
    """Text for comparison: NFKC, no white space, no Markdown emphasis characters."""
    text = unicodedata.normalize("NFKC", text)
    return _without_white_space(text).replace("*", "").replace("_", "")


_PIECE = 65_536


def _without_white_space(text: str) -> str:
    """``text`` less every white-space character (``str.isspace``, as regex ``\\s``), the
    fastest way: split and join. A long text goes in pieces, so that the list of its words
    stays small (a line of short words made a list of 14 times its size)."""
    if len(text) <= _PIECE:
        return "".join(text.split())
    return "".join(["".join(text[i : i + _PIECE].split()) for i in range(0, len(text), _PIECE)])


def is_cut_off(text: str) -> bool:
    """True when ``text`` stops in the middle of a sentence (「…CUDAエコ」, 「…例えば、EU」).

    A paragraph is complete when it ends with closing punctuation, or when its last word
    ends a sentence on its own (です, ます, た, 終助詞 ね/よ), which people sometimes write
    without 「。」. A trailing noun, particle or verb stem means the text was cut. (A sign-off
    such as 「以上、」 ends an article: see ``is_sign_off``.)
    """
    stripped = text.rstrip()
    if not stripped:
        return False
    last = stripped[-1]
    if last in COMPLETE_ENDINGS:
        return False
    if last in "、,，":
        return True
    if _is_emoji(last):
        return False
    tail = stripped[-40:]
    tokens = [t for t in tokenize(tail) if t.surface_form.strip()]
    if not tokens:
        return False
    tok = tokens[-1]
    if tok.pos == "助動詞" and tok.conjugated_form in ("基本形", "*"):
        return False
    if tok.pos == "助詞" and tok.pos_detail_1 in ("終助詞", "副助詞／並立助詞／終助詞"):
        return False
    if tok.pos == "動詞" and tok.conjugated_form == "基本形" and tok.pos_detail_1 == "自立":
        # 「〜する」 without 「。」 ends a sentence; a bare verb at a cut is rare.
        return False
    if tok.pos == "形容詞" and tok.conjugated_form == "基本形":
        return False
    return True


def is_sign_off(sentence: str) -> bool:
    """The sentence is a sign-off such as 「以上、」 or 「ではまた」: it ends the text, it is not cut."""
    return bool(_SIGN_OFF.fullmatch(sentence.strip()))


def _is_emoji(ch: str) -> bool:
    return unicodedata.category(ch) == "So" or 0x1F000 <= ord(ch) <= 0x1FAFF


def last_sentence_start(text: str) -> int:
    """Offset in ``text`` where its last (unfinished) sentence begins."""
    stripped = text.rstrip()
    best = 0
    for mark in "。．！？!?":
        i = stripped.rfind(mark)
        if i + 1 > best:
            best = i + 1
    while best < len(stripped) and stripped[best] in " \u3000\n\t」』）":
        best += 1
    return best
