"""Terminology fixes (TM001, TM002) never damage a word.

Every fix the two rules propose, applied alone, must leave every Latin word outside the edit as
it was (same text, same extent: nothing cut off, nothing glued on), must neither start nor end
inside a word, and must not re-case a word written in capitals (an acronym, a constant, an
environment variable). Checked on every file of the corpus, linted as the site runs it (each
folder in one run, so site-wide TM001 fixes are included, with the built-in prh dictionaries),
and on generated texts built to provoke exactly these mistakes.

The checks here are written from the definition, independently of the code under test.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from article_studio.rules import Config, lint_paths, lint_text

WORD = re.compile(r"[A-Za-z0-9_\u00c0-\u024fＡ-Ｚａ-ｚ０-９]+")
DICTIONARIES = ["builtin:WEB+DB_PRESS", "builtin:techbooster", "builtin:trademark", "builtin:software", "builtin:typo"]
CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"


def _all_caps(word: str) -> bool:
    word = unicodedata.normalize("NFKC", word)
    return sum(c.isupper() for c in word) >= 2 and not any(c.islower() for c in word)


def damage(text: str, start: int, end: int, new: str) -> list[str]:
    """What replacing ``text[start:end]`` by ``new`` does wrong to the words of ``text``."""
    problems = []
    result = text[:start] + new + text[end:]
    shift = len(new) - (end - start)
    after = {(m.start(), m.end()): m.group() for m in WORD.finditer(result)}
    for m in WORD.finditer(text):
        ws, we = m.start(), m.end()
        if we <= start:
            moved = (ws, we)
        elif ws >= end:
            moved = (ws + shift, we + shift)
        elif ws < start or we > end:
            problems.append(f"edit {start}-{end} cuts into {m.group()!r}")
            continue
        else:  # a word inside the edit: replaced, but never re-cased if in capitals
            if _all_caps(m.group()):
                for w in WORD.findall(new):
                    if _nfkc(w) != _nfkc(m.group()) and _fold(w) == _fold(m.group()):
                        problems.append(f"re-cases {m.group()!r} as {w!r}")
            continue
        if after.get(moved) != m.group():
            problems.append(f"changes the word {m.group()!r} outside the edit")
    return problems


def _nfkc(word: str) -> str:
    return unicodedata.normalize("NFKC", word)


def _fold(word: str) -> str:
    return _nfkc(word).casefold()


def fix_problems(text: str, diagnostics) -> list[str]:
    out = []
    for d in diagnostics:
        if d.code not in ("TM001", "TM002") or d.fix is None:
            continue
        for edit in d.fix.edits:
            where = f"{d.code} line {d.line} {text[d.start : d.end]!r} -> {edit.text!r}"
            if not (d.start <= edit.start <= edit.end <= d.end):
                out.append(f"{where}: the edit is outside what is reported")
            out.extend(f"{where}: {p}" for p in damage(text, edit.start, edit.end, edit.text))
    return out


# --- the checker itself ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "start", "end", "new", "ok"),
    [
        ("iRobot社", 1, 6, "ロボット", False),  # starts inside iRobot
        ("UNESCOの", 2, 6, "esco", False),
        ("PORT=8080", 0, 4, "port", False),  # re-cases
        ("EOMです", 0, 3, "eom", False),
        ("BUILD COMMAND", 0, 5, "Build", False),
        ("XとY", 1, 2, "や", True),
        ("XとY", 1, 2, "Z", False),  # glues X, Z and Y into one word
        ("Xユニコード", 1, 6, "Unicode", False),  # glued onto X
        ("GithubとGitHub", 0, 6, "GitHub", True),
        ("ＴＰＵとTPU", 0, 3, "TPU", True),  # width, not case
        ("NNVIDIA", 0, 7, "NVIDIA", True),
        ("SRID無し", 4, 6, "なし", True),
    ],
)
def test_damage_checker(text, start, end, new, ok):
    assert (damage(text, start, end, new) == []) is ok


# --- the corpus ----------------------------------------------------------------------------


def _corpus_runs() -> list[Path]:
    runs = sorted(p for p in (CORPUS / "human").iterdir() if p.is_dir())
    runs += sorted((CORPUS / "generated").glob("*/_posts"))
    runs.append(CORPUS / "seed")
    return runs


@pytest.mark.parametrize("folder", _corpus_runs(), ids=lambda p: p.relative_to(CORPUS).as_posix())
def test_no_terminology_fix_on_the_corpus_damages_a_word(folder):
    files = sorted(p for p in folder.rglob("*.md") if p.name != "SOURCE.md")
    config = Config(select=["TM001", "TM002"], dictionaries=DICTIONARIES)
    problems = []
    fixes = 0
    for result in lint_paths(files, config, jobs=1):
        problems += [f"{Path(result.path).name}: {p}" for p in fix_problems(result.text, result.diagnostics)]
        fixes += sum(1 for d in result.diagnostics if d.fix is not None)
    assert fixes > 0
    assert problems == []


# --- generated adversarial texts --------------------------------------------------------------

# A dictionary written carelessly, as project dictionaries are: no word boundaries, case-blind
# patterns, a capture group.
CARELESS = """\
version: 1
rules:
  - expected: テーブル
    pattern: table
  - expected: ロボット
    pattern: /[Rr]obot/
  - expected: ESCO
    pattern: /esco/i
  - expected: ゼロから
    pattern: 0から
  - expected: ToDo
    pattern: /todo/i
  - expected: port
    pattern: /\\bport\\b/i
  - expected: $1なし
    pattern: /([A-Z])無し/
  - expected: Web
    pattern: /web/i
  - expected: License
    pattern: /license/i
"""

LATIN = st.sampled_from(
    [
        "TODO",
        "Todo",
        "todo",
        "ToDo",
        "PORT=8080",
        "PORT",
        "port",
        "Port",
        "UNESCO",
        "Unesco",
        "iRobot",
        "Robot",
        "robot",
        "Immutable",
        "table",
        "stable",
        "JGD2000",
        "EOM",
        "eom",
        "LICENSE",
        "License",
        "license",
        "BUILD COMMAND",
        "Build command",
        "IT",
        "it",
        "GitHub",
        "Github",
        "github",
        "ＴＰＵ",
        "TPU",
        "Tpu",
        "webpack",
        "Web",
        "SRID",
        "Trainium",
        "Trainum",
        "Trainiums",
        "NNVIDIA",
        "NVIDIA",
        "Nvidia",
        "id=1",
        "App.js",
        "https://example.com/table/todo",
        "numpy.org/doc/stable",
        "MAX_SIZE",
        '"rUsT"',
        "SyntaxError: Invalid or unexpected token",
    ]
)
GLUE = st.sampled_from(
    ["", " ", "の", "と", "を使う。", "、", "から", "無し", "ユニコード", "サーバ", "サーバー", "トレイニアム"]
)
BLOCK = st.lists(st.tuples(LATIN, GLUE), min_size=1, max_size=12).map(lambda pairs: "".join(a + b for a, b in pairs))
SHAPE = st.sampled_from(
    ["{}", "- {}", "> {}", "## {}", "| {} | x |\n|---|---|\n| {} | y |", "`code {}` と {}", "**{}**"]
)
TEXT = st.lists(st.tuples(SHAPE, BLOCK), min_size=1, max_size=6).map(
    lambda parts: "\n\n".join(shape.replace("{}", block) for shape, block in parts) + "\n"
)


@pytest.fixture(scope="module")
def careless(tmp_path_factory) -> Config:
    folder = tmp_path_factory.mktemp("careless")
    (folder / "prh.yml").write_text(CARELESS, encoding="utf-8")
    return Config(select=["TM001", "TM002"], dictionaries=["prh.yml"], source=folder / ".article-lint.toml")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT)
def test_no_terminology_fix_on_adversarial_text_damages_a_word(careless, text):
    assert fix_problems(text, lint_text(text, "post.md", careless)) == []


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(TEXT, min_size=3, max_size=4))
def test_no_site_wide_fix_damages_a_word(careless, tmp_path_factory, texts):
    folder = tmp_path_factory.mktemp("site")
    paths = []
    for i, text in enumerate(texts):
        path = folder / f"post{i}.md"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    problems = []
    for result in lint_paths(paths, careless, jobs=1):
        problems += fix_problems(result.text, result.diagnostics)
    assert problems == []
