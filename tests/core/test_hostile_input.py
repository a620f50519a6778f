"""Hostile and unlucky input: no crash, no hang, time and memory bounded by the input.

Timing bounds are measured by the test's own clock around the one operation under test and
are far above what the code takes (a few percent of the bound, on a loaded machine); the code
before these bounds existed took many times the bound. Memory bounds likewise.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

from article_studio.rules.reading import morph

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _run_python(code: str, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=timeout)


# --- MeCab gets bounded pieces ---------------------------------------------------------------


def test_a_megabyte_paragraph_of_ascii_does_not_crash_mecab():
    """MeCab died with SIGSEGV on a paragraph of about a million ASCII characters."""
    code = (
        "from article_studio.rules.reading.morph import tokenize\n"
        "text = 'word ' * 200000\n"
        "tokens = tokenize(text)\n"
        "assert len(tokens) == 200000, len(tokens)\n"
        "assert all(text[t.start:t.end] == t.surface_form == 'word' for t in tokens)\n"
        "assert tokens[-1].start == len(text) - 5\n"
        "print('ok')\n"
    )
    done = _run_python(code)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "ok"


def test_a_long_run_of_one_kind_of_character_is_tokenized_in_linear_time():
    """MeCab scans a run of characters it groups (katakana, symbols, letters) to its end at
    every position of it: 150,000 half-width katakana took over a minute."""
    text = "ｱ" * 150_000
    started = time.process_time()
    tokens = morph.tokenize(text)
    elapsed = time.process_time() - started
    assert elapsed < 20, elapsed
    assert tokens[0].start == 0 and tokens[-1].end == len(text)
    assert all(text[t.start : t.end] == t.surface_form for t in tokens)
    assert all(a.end <= b.start for a, b in zip(tokens, tokens[1:], strict=False))


def test_prose_is_tokenized_whole():
    """Cutting changes MeCab's tokens at the cut, so prose of any real length goes whole:
    the longest paragraph of the corpus is 8,600 characters."""
    paragraph = "日本語の技術記事では、表記ゆれや冗長な表現がよく問題になります。" * 400
    assert len(paragraph) > 12_000
    assert morph.pieces(paragraph) is None
    assert morph.pieces("Ｃｈｉｎｅｓｅ 中文的文章，包括标点符号。" * 40) is None
    assert morph.pieces("漢" * 1000) is None  # MeCab never groups kanji alone


def test_pieces_cover_the_text_and_tokens_keep_their_offsets():
    text = ("x" * 700 + "\n") * 100 + "。" * 600
    spans = morph.pieces(text)
    assert spans is not None
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:], strict=False))
    assert all(end - start <= morph.PIECE_LIMIT for start, end in spans)
    tokens = morph.tokenize(text)
    assert all(text[t.start : t.end] == t.surface_form for t in tokens)
    assert "".join(t.surface_form for t in tokens) == text.replace("\n", "")
