from __future__ import annotations

from article_studio.rules import Document
from article_studio.rules.reading.sentences import split_sentences


def _split(text, **kw):
    return [text[a:b] for a, b in split_sentences(text, **kw)]


def test_line_break_does_not_end_a_sentence():
    assert _split("123\n45") == ["123\n45"]


def test_full_stops_and_spaces():
    assert _split("思う？ もっと。次") == ["思う？", "もっと。", "次"]


def test_stop_inside_quotes_does_not_split():
    assert _split("これは「あ。い」です。次。") == ["これは「あ。い」です。", "次。"]
    assert _split('He said "This is a pen. I like it".') == ['He said "This is a pen. I like it".']


def test_dot_needs_space_and_abbreviations_do_not_split():
    assert _split("Version 1.5 is out. Mr. Fuji agrees.") == ["Version 1.5 is out.", "Mr. Fuji agrees."]


def test_atomic_inline_nodes_keep_their_stops():
    text = "前 a。b 後。"
    assert _split(text, atomic=[(2, 5)]) == ["前 a。b 後。"]


def test_document_sentences_skip_code_stops():
    doc = Document("これは`a。b`です。次の文。\n")
    assert [s.text for s in doc.sentences] == ["これはa。bです。", "次の文。"]


def test_odd_input_does_not_crash():
    for text in ("", "。。。", "「「「", "\x00\x01", "a" * 10000):
        split_sentences(text)
