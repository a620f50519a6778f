"""The section relint (``engine.incremental``) gives the local rules' findings of a whole-document lint."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from article_studio.rules import Config, lint_text
from article_studio.rules.engine.incremental import LOCAL_RULES, Relinter, block_spans, changed_region
from article_studio.rules.reading.document import Document
from tests.conftest import DATA

CORPUS = sorted((DATA / "corpus").rglob("*.md"))
EDITS = [
    "あ",
    "。",
    "、",
    "\n",
    "\n\n",
    "です",
    "X",
    "*",
    "**",
    "- ",
    "# ",
    "`",
    "[",
    "]",
    "「",
    "」",
    "は",
    "！",
    "ＴＰＵ",
]


def _key(d):
    return (d.code, d.start, d.end, d.message, d.line, d.column, d.end_line, d.end_column, d.fix, d.suggestions)


def test_changed_region():
    assert changed_region("abcdef", "abXYef") == (2, 4, 4)
    assert changed_region("aaaa", "aaaaa") == (4, 4, 5)
    assert changed_region("abc", "abc") == (3, 3, 3)
    assert changed_region("", "x") == (0, 0, 1)


@pytest.mark.parametrize("seed", range(6))
def test_random_edits_relint_like_a_full_lint(seed: int):
    """Random edits over the corpus: after each quick relint, the local rules' findings (with
    positions, messages and fixes) and the block layout equal a whole-document lint's."""
    rng = random.Random(seed)
    files = rng.sample(CORPUS, 12)
    config = Config()
    quick = 0
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace").replace("\r\n", "\n")
        relinter = Relinter(config, str(path))
        relinter.full(text)
        for _ in range(10):
            pos = rng.randrange(len(text) + 1)
            if rng.random() < 0.3 and pos < len(text):
                new = text[:pos] + text[pos + 1 :]
            else:
                new = text[:pos] + rng.choice(EDITS) + text[pos:]
            got = relinter.quick(new)
            if got is None:
                relinter.full(new)
            else:
                quick += 1
                full = lint_text(new, str(path), config)
                assert sorted(_key(d) for d in got if d.code in LOCAL_RULES) == sorted(
                    _key(d) for d in full if d.code in LOCAL_RULES
                ), (path, pos)
                assert [(b.start, b.end, b.safe) for b in relinter._blocks] == block_spans(Document(new, str(path)))
                assert relinter.complete is False
            text = new
    assert quick > 20  # most edits in prose are relinted by section


def test_other_findings_move_with_the_text(seed_text: str, seed_path: Path):
    relinter = Relinter(Config(), str(seed_path))
    before = relinter.full(seed_text)
    anchor = seed_text.index("。", len(seed_text) // 3) + 1
    new = seed_text[:anchor] + "追加の一文です。" + seed_text[anchor:]
    after = relinter.quick(new)
    assert after is not None
    later = [d for d in before if d.start > anchor + 200 and d.code not in LOCAL_RULES]
    assert later
    for d in later:
        moved = next(x for x in after if x.code == d.code and x.start == d.start + len("追加の一文です。"))
        assert new[moved.start : moved.end] == seed_text[d.start : d.end]
        assert moved.line == d.line


def test_edits_that_cannot_be_relinted_alone_are_refused(seed_text: str):
    relinter = Relinter(Config(), None)
    relinter.full(seed_text)
    fm_end = seed_text.index("\n---", 3)
    assert relinter.quick(seed_text[:10] + "x" + seed_text[10:]) is None  # front matter
    anchor = seed_text.index("。", len(seed_text) // 2) + 1
    assert relinter.quick(seed_text[:anchor] + "\n```\n" + seed_text[anchor:]) is None  # a fence opens
    assert relinter.quick(seed_text[:anchor] + "<!-- article-lint-disable -->" + seed_text[anchor:]) is None
    assert fm_end > 0
