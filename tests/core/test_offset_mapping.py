"""The core's two-way offset map: code points <-> UTF-16 units, as Qt and textlint count."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from article_studio.rules import LineIndex

TEXT = st.text(alphabet=st.sampled_from("aあ\n🦀𠮷 。"), max_size=40)


def units_before(text: str, cp: int) -> int:
    return len(text[:cp].encode("utf-16-le")) // 2


@given(TEXT)
def test_utf16_and_code_point_are_inverse(text):
    index = LineIndex(text)
    for cp in range(len(text) + 1):
        assert index.utf16(cp) == units_before(text, cp)
        assert index.code_point(index.utf16(cp)) == cp


@given(TEXT)
def test_an_offset_inside_a_surrogate_pair_maps_to_its_character(text):
    index = LineIndex(text)
    for cp, ch in enumerate(text):
        if ord(ch) > 0xFFFF:
            assert index.code_point(units_before(text, cp) + 1) == cp
