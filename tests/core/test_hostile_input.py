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

import pytest

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


# --- a lint process that dies costs one file --------------------------------------------------


def _segfault() -> None:
    import faulthandler
    import signal

    faulthandler.disable()  # pytest's handler would print the crash's stack
    os.kill(os.getpid(), signal.SIGSEGV)


def _crash_on(monkeypatch, name: str):
    """Make linting the file called ``name`` kill its process, as a crash in C would (forked
    workers inherit the patch)."""

    from article_studio.rules.engine import files

    real = files.lint_file

    def lint_file(path, *args, **kwargs):
        if os.path.basename(str(path)) == name:
            _segfault()
        return real(path, *args, **kwargs)

    monkeypatch.setattr(files, "lint_file", lint_file)


@pytest.mark.skipif(sys.platform != "linux", reason="the patch reaches the workers by fork")
def test_a_worker_that_dies_costs_its_file_and_nothing_else(tmp_path, monkeypatch, capsys):
    from article_studio.rules.cli.main import main
    from article_studio.rules.engine.runner import lint_many

    for i in range(5):
        (tmp_path / f"ok{i}.md").write_text("本文です。\n\n---END---\n", encoding="utf-8")
    (tmp_path / "crash.md").write_text("本文です。\n", encoding="utf-8")
    _crash_on(monkeypatch, "crash.md")
    paths = sorted(str(p) for p in tmp_path.glob("*.md"))
    results = lint_many(paths, None, 2)
    assert [r.path for r in results] == paths
    crashed = [r for r in results if r.path.endswith("crash.md")]
    assert crashed[0].error and "crash.md" in crashed[0].error and "SIGSEGV" in crashed[0].error
    others = [r for r in results if not r.path.endswith("crash.md")]
    assert all(r.error is None and [d.code for d in r.diagnostics].count("AG001") == 1 for r in others)

    status = main(["--jobs", "2", "--format", "json", *paths])
    out, err = capsys.readouterr()
    assert status == 2
    assert [line for line in err.splitlines() if "crash.md" in line] == [
        line for line in err.splitlines() if line.strip()
    ]
    assert len(err.strip().splitlines()) == 1
    import json

    assert len(json.loads(out)) == 5  # the other files' findings are all reported


@pytest.mark.skipif(sys.platform != "linux", reason="the half of the rules runs in a forked process on Linux")
def test_a_crash_in_the_second_process_of_one_file_is_an_error_not_a_rerun(monkeypatch):
    """The half of the rules that crashed in the forked process would crash again if run here."""

    from article_studio.rules.checks.ja.no_doubled_joshi import NoDoubledJoshi
    from article_studio.rules.engine.files import lint_file

    assert NoDoubledJoshi.second_process
    parent = os.getpid()

    def crash(self, doc, ctx):
        if os.getpid() != parent:
            _segfault()
        raise AssertionError("ran again in the parent")

    monkeypatch.setattr(NoDoubledJoshi, "check", crash)
    example = os.path.join(REPO, "examples", "2025-10-26-2-googleanthropictpu.md")
    result = lint_file(example, two_cores=True)
    assert result.error and "SIGSEGV" in result.error and example in result.error


# --- a rule that fails makes the run fail -----------------------------------------------------


def test_a_rule_that_raises_makes_the_run_exit_2_naming_rule_and_file(tmp_path, monkeypatch, capsys):
    from article_studio.rules.checks.ja.no_doubled_joshi import NoDoubledJoshi
    from article_studio.rules.cli.main import main

    def broken(self, doc, ctx):
        raise RuntimeError("boom")

    monkeypatch.setattr(NoDoubledJoshi, "check", broken)
    path = tmp_path / "post.md"
    path.write_text("# 題\n\n本文です。\n", encoding="utf-8")
    assert main(["--jobs", "1", str(path)]) == 2
    err = capsys.readouterr().err
    assert str(path) in err and "JA011" in err and "no-doubled-joshi" in err and "boom" in err
    assert "Traceback" not in err

    assert main(["--stdin", "--stdin-filename", "post.md"]) == 2 if _stdin(monkeypatch, "本文です。\n") else False
    err = capsys.readouterr().err
    assert "post.md" in err and "JA011" in err


def _stdin(monkeypatch, text: str) -> bool:
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode("utf-8")), encoding="utf-8"))
    return True


# --- users' regular expressions are matched on a budget ---------------------------------------


def _dictionary(tmp_path, pattern: str) -> None:
    (tmp_path / "dict.yml").write_text(
        f"version: 1\nrules:\n  - expected: b\n    pattern: {pattern}\n  - expected: デフォルト\n    pattern: ディフォルト\n",
        encoding="utf-8",
    )


@pytest.mark.parametrize("pattern", ["/(a+)+$/", "/(a|a)+$/"])
def test_a_prh_pattern_that_backtracks_is_stopped_and_named(tmp_path, pattern):
    from article_studio.rules import Config, lint_text

    _dictionary(tmp_path, pattern)
    config = Config(source=tmp_path / ".article-lint.toml", select=["TM002"], dictionaries=["dict.yml"])
    text = "ディフォルトの設定です。" + "a" * 30 + "!\n"
    started = time.process_time()
    found = lint_text(text, None, config)
    elapsed = time.process_time() - started
    assert elapsed < 30, elapsed  # the budget is a second or two; Python's re took 25 s on (a+)+$
    assert any(d.message.startswith("ディフォルト => デフォルト") for d in found)  # the other rules still ran
    slow = [d for d in found if pattern in d.message]
    if pattern == "/(a|a)+$/":  # regex gets through (a+)+$ quickly; this one runs out of time
        assert len(slow) == 1 and "dict.yml" in slow[0].message and slow[0].severity == "warning"


def test_a_dictionary_whose_specs_backtrack_is_refused(tmp_path):
    from article_studio.rules.terminology.prh import PrhError, load_dictionary

    path = tmp_path / "dict.yml"
    path.write_text(
        "version: 1\nrules:\n  - expected: b\n    pattern: /(a|a)+$/\n    specs:\n"
        f"      - from: {'a' * 30}!\n        to: {'a' * 30}!\n",
        encoding="utf-8",
    )
    with pytest.raises(PrhError, match="takes too long"):
        load_dictionary(path)


# Sixteen ways to match each character, then a test that fails: 16**n tries on n characters.
_EXPONENTIAL = "/^(?:" + "|".join(["."] * 16) + ")+$(?<=ネ)/"


@pytest.mark.parametrize(
    "rule, option, text",
    [
        ("sentence-length", "skipPatterns", "a" * 30 + "!です。\n"),
        ("ja-no-successive-word", "allow", "これはインターネットインターネットです。\n"),
        ("ja-unnatural-alphabet", "allow", "これはaです" + "a" * 30 + "!\n"),
        ("ja-no-redundant-expression", "dictOptions", "解析することができます。\n"),
        ("no-exclamation-question-mark", "allow", "これは" + "a" * 30 + "!です。\n"),
        ("no-ai-hype-expressions", "allows", "これは革命的な" + "a" * 30 + "!です。\n"),
    ],
)
def test_a_rule_option_pattern_that_backtracks_is_stopped_and_named(rule, option, text):
    from article_studio.rules import Config, lint_text

    on_a_run_of_a = (
        "sentence-length",
        "ja-unnatural-alphabet",
        "no-exclamation-question-mark",
        "no-ai-hype-expressions",
    )
    pattern = "/(a|a)+$/" if rule in on_a_run_of_a else _EXPONENTIAL
    options = {option: {"dict2": {"allows": [pattern]}} if option == "dictOptions" else [pattern]}
    config = Config(select=[rule], rules={rule: options})
    started = time.process_time()
    found = lint_text(text, None, config)
    elapsed = time.process_time() - started
    assert elapsed < 30, elapsed  # the budget is a second; without one these run for hours
    assert [d.severity for d in found if pattern in d.message] == ["warning"], [d.message for d in found]


# --- front matter that costs far more than its size -----------------------------------------

_ALIAS_BOMB = (
    "---\ntitle: t\n"
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    + "".join(f"{b}: &{b} [{','.join(['*' + a] * 9)}]\n" for a, b in zip("abcdefgh", "bcdefghi", strict=True))
    + "---\n\n本文です。\n"
)


def _front_matter_errors(text: str) -> list:
    from article_studio.rules import Config, lint_text

    return [d for d in lint_text(text, "post.md", Config(select=["FM001"])) if d.code == "FM001"]


def test_a_yaml_alias_bomb_is_fm001_in_bounded_time_and_memory():
    import tracemalloc

    assert len(_ALIAS_BOMB.encode()) < 500  # about 387 million values through aliases
    tracemalloc.start()
    started = time.process_time()
    try:
        found = _front_matter_errors(_ALIAS_BOMB)
        elapsed = time.process_time() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert elapsed < 10, elapsed
    assert peak < 50_000_000, peak
    assert len(found) == 1 and "alias" in found[0].message and found[0].severity == "error"


def test_the_preview_of_an_alias_bomb_is_small():
    from article_studio.rules.output.render import render_html

    started = time.process_time()
    html, _ = render_html(_ALIAS_BOMB)
    assert time.process_time() - started < 10
    assert len(html) < 5_000 and "alias" in html and "本文" in html


@pytest.mark.parametrize(
    "header",
    [
        "---\na: &a [x, *a]\n---\n",  # an alias inside the value it names
        "---\n? &k [a, *k]\n: v\n---\n",
        "---\na: " + "[" * 200 + "]" * 200 + "\n---\n",
        "---\na: " + "[" * 5000 + "]" * 5000 + "\n---\n",
        "+++\na = " + "[" * 200 + "]" * 200 + "\n+++\n",
        "+++\na = " + "[" * 5000 + "]" * 5000 + "\n+++\n",  # Python's TOML parser: RecursionError
        "+++\na = " + "{b = " * 3000 + "1" + "}" * 3000 + "\n+++\n",
    ],
    ids=["recursive-alias", "recursive-key", "yaml-200", "yaml-5000", "toml-200", "toml-5000", "toml-tables"],
)
def test_front_matter_nested_too_deeply_or_recursive_is_fm001(header):
    found = _front_matter_errors(header + "\n本文です。\n")
    assert len(found) == 1, found
    assert "deeply" in found[0].message or "alias" in found[0].message


# --- dense inline marks ------------------------------------------------------------------------


def test_a_line_of_a_hundred_thousand_inline_marks_is_linted_in_linear_time(tmp_path):
    """``*a*a*a…``: the Str runs of a block, and prh's, looked up every mark for every run."""
    from article_studio.rules import Config, lint_text

    text = "# t\n\n" + "*a" * 100_000 + "\n"
    config = Config(source=tmp_path / ".article-lint.toml", dictionaries=["builtin:WEB+DB_PRESS"])
    started = time.process_time()
    found = lint_text(text, None, config)
    elapsed = time.process_time() - started
    assert elapsed < 150, elapsed  # takes a few seconds; it took over five minutes
    assert [d.code for d in found] == ["JA001"]  # one long sentence


# --- migrate -----------------------------------------------------------------------------------


@pytest.mark.parametrize("depth, suffix", [(100_000, ".json"), (500, ".json"), (5_000, ".yml")])
def test_migrate_on_deeply_nested_config_is_one_line_and_exit_2(tmp_path, capsys, depth, suffix):
    from article_studio.rules.cli.main import main

    path = tmp_path / f".textlintrc{suffix}"
    path.write_text('{"rules": ' + '{"a": ' * depth + "1" + "}" * depth + "}", encoding="utf-8")
    assert main(["migrate", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "nested too deeply" in err and str(path) in err
    assert not (tmp_path / ".article-lint.toml").exists()


# --- memory ----------------------------------------------------------------------------------------


def test_a_line_of_one_character_repeated_is_one_finding_that_says_how_many():
    """'。' repeated: JA018 reported each of them, 350,000 findings for 2 MB and a 1 GB report."""
    import tracemalloc

    from article_studio.rules import Config, lint_text

    text = "# t\n\n" + "。" * 200_000 + "\n"
    tracemalloc.start()
    try:
        found = lint_text(text, None, Config())
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    repeated = [d for d in found if d.code == "JA018"]
    assert len(repeated) == 1
    assert "199,999" in repeated[0].message and repeated[0].data["repeated"] == 199_999
    assert (repeated[0].start, repeated[0].end) == (6, 5 + 200_000)  # from the second to the last
    assert len(found) < 10
    assert peak < 200 * len(text.encode()), peak  # the findings alone took 300 times the input


def test_a_parsed_table_keeps_no_parser_tokens_until_a_rule_asks():
    """A 2 MB table took 369 MB: the document kept markdown-it's tokens (several objects per
    cell) for the few rules that read the block tree; they are parsed again when asked for.
    Reading it peaked at 125 times the input: markdown-it's tokens, five per cell with two
    dicts each, all alive at once before the first block was built."""
    import tracemalloc

    from article_studio.rules.reading.document import Document

    rows = "".join(f"| セル{i} | 値 {i * 7} | 説明のテキスト{i} |\n" for i in range(3000))
    text = "# t\n\n| a | b | c |\n|---|---|---|\n" + rows
    tracemalloc.start()
    try:
        doc = Document(text)
        kept, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(doc.blocks) == 1 + 3 * 3001
    assert [b.text for b in doc.blocks[-3:]] == ["セル2999", "値 20993", "説明のテキスト2999"]
    size = len(text.encode())
    assert kept < 70 * size, kept  # with the tokens kept: about 120 times the input
    assert peak < 50 * size, peak / size  # about 30 times
    # About 20 times; 28 with a views dict and a range of offsets per cell, 41 with a list of
    # marks and an array per cell.
    assert kept < 24 * size, kept / size
    cell = doc.blocks[-1]
    assert cell._views is None and isinstance(cell._offsets, int)
    assert cell.source_span(2, 4) == (text.rindex("説明") + 2, text.rindex("説明") + 4)
    tokens = doc.tokens  # the block tree's rules still get them, as the parser gives them
    assert [t.type for t in tokens[:3]] == ["heading_open", "inline", "heading_close"]
    assert sum(t.type == "td_open" for t in tokens) == 3 * 3000
    assert doc.tokens is tokens


def test_short_runs_of_the_same_finding_stay_apart():
    """The sentences of a repeated paragraph, each reported with the same message, stay findings
    of their own: only long runs collapse."""
    from article_studio.rules import Config, lint_text

    text = "# t\n\n" + "。" * 20 + "\n"
    found = [d for d in lint_text(text, None, Config()) if d.code == "JA018"]
    assert len(found) == 19 and all("repeated" not in d.data for d in found)


@pytest.mark.parametrize("phrase, times", [("これは長い文章です、", 60_000), ("some words in a line, ", 46_000)])
def test_a_long_line_takes_memory_in_proportion(phrase, times):
    """A 5 MB line took 2.2 GB: MeCab's lattice for the whole line, and the text's offset map.
    Then a line of words still took 150 times its size, and of Japanese 80 times: a token
    tuple per morpheme, a white-space token between words, a term object per word.

    The peak is the kernel's high-water mark of this process's memory (VmHWM): ru_maxrss
    would keep that of the test runner, which the process was forked from."""
    code = (
        "import re\n"
        "from article_studio.rules import Config, lint_text\n"
        "def peak():\n"
        "    with open('/proc/self/status') as fh:\n"
        "        return int(re.search(r'VmHWM:\\s*(\\d+) kB', fh.read()).group(1)) * 1024\n"
        "lint_text('# t\\n\\n準備です。\\n', None, Config())\n"
        "before = peak()\n"
        f"text = '# t\\n\\n' + {phrase!r} * {times} + '\\n'\n"
        "lint_text(text, None, Config())\n"
        "print((peak() - before) / len(text.encode()))\n"
    )
    done = _run_python(code)
    assert done.returncode == 0, done.stderr[-2000:]
    ratio = float(done.stdout.strip())
    assert ratio < 60, ratio  # about 35 for both


def _kept_by(make):
    """What ``make()`` returns, and the memory still allocated for it afterwards."""
    import tracemalloc

    tracemalloc.start()
    try:
        made = make()
        kept = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    return made, kept


def test_the_tokens_of_a_long_text_are_columns_read_as_tokens():
    """A token tuple with its offsets took about 200 bytes, a token every four characters of
    a line of words: 50 times the text. A long text's tokens are now two columns, and read
    exactly as the tuples were."""
    text = "some words in a line, " * 4000
    assert len(text) > morph.PIECE_LIMIT
    morph.pieces(text)  # MeCab's character table, loaded once
    tokens, kept = _kept_by(lambda: morph.tokenize.__wrapped__(text))
    spans = morph.pieces(text) or [(0, len(text))]
    expected = [t for start, end in spans for t in morph._tokenize_piece(text[start:end], start)]
    assert isinstance(tokens, morph.TokenRun) and len(tokens) == len(expected) == 24_000
    assert list(tokens) == expected
    assert [tokens[i] for i in (0, 1, 5_000, -1)] == [expected[i] for i in (0, 1, 5_000, -1)]
    assert list(tokens[100:110]) == expected[100:110] and list(tokens[::-7000]) == expected[::-7000]
    assert all(text[t.start : t.end] == t.surface_form for t in tokens)
    assert kept < 8 * len(text), kept / len(text)  # about 6 times; 57 as tuples
    assert isinstance(morph.tokenize("短い文です。"), tuple)  # prose stays as fast tuples


def test_the_white_space_tokens_of_a_long_text_are_columns_too():
    """kuromoji keeps white space as tokens: a line of words has one between every two."""
    from article_studio.rules.checks.ja import _morpheme_match as mm

    text = "some words  in a line,\n" * 4000
    tokens = morph.tokenize(text)
    mm._space_row(" ")  # noqa: B018 - the function's first call is not the run's memory
    spaced, kept = _kept_by(lambda: mm._kuromoji_tokens.__wrapped__(text))
    assert isinstance(spaced, morph.TokenRun)
    assert list(spaced) == list(mm._with_spaces(tuple(tokens), text))  # the tuple way
    assert "".join(t.surface_form for t in spaced) == text
    assert kept < 12 * len(text), kept / len(text)  # about 8 times (16 bytes a token); 100 as tuples
    japanese = "これは長い文章です。" * 4000  # no white space: the tokens themselves
    assert mm.kuromoji_tokens(japanese) is morph.tokenize(japanese)


def test_the_terms_of_a_long_text_are_columns_read_as_terms():
    """A term per Latin or katakana word, as an object with its offsets, took 145 bytes."""
    from article_studio.rules.reading.document import Document
    from article_studio.rules.terminology.terms import Term, extract_terms

    text = "# t\n\n" + "TPU と Trainium と サーバー、" * 20_000 + "\n"
    doc = Document(text)
    for sentence in doc.sentences:  # parsed and tokenized before measuring
        morph.tokenize(sentence.text)
    terms, kept = _kept_by(lambda: extract_terms(doc))
    assert len(terms) == 60_000
    assert terms[0] == Term("latin:tpu", "TPU", 5, 8, "latin")
    assert terms[-1] == Term("kana:サバ", "サーバー", len(text) - 6, len(text) - 2, "katakana")
    assert [t.surface for t in terms[:3]] == ["TPU", "Trainium", "TPU"]
    assert sorted(set(map(tuple, terms))) == sorted(set(map(tuple, list(terms))))
    assert terms[5:9] == list(terms)[5:9] and terms[::-20_000] == list(terms)[::-20_000]
    assert all(text[t.start : t.end] == t.surface for t in terms)
    assert kept < 4 * len(text.encode()), kept / len(text.encode())  # about 2 times; 10 as objects


def test_a_phrase_pasted_over_and_over_is_one_finding_per_rule():
    """Each 読点 after the third of one long sentence was a max-ten finding of its own: the
    findings of a phrase pasted 170,000 times made a 12 MB report. A run of identical findings
    with the same text between each two collapses like one of adjacent findings."""
    from article_studio.rules import Config, lint_text

    text = "# t\n\n" + "これは長い文章です、" * 20_000 + "\n"
    found = [d for d in lint_text(text, None, Config()) if d.code == "JA003"]
    assert len(found) == 1
    # max-ten reports every fourth 読点, from the fourth on: 5,000 findings, one report.
    assert found[0].data["repeated"] == 5_000 and "5,000" in found[0].message
    assert (found[0].start, found[0].end) == (text.index("、") + 30, text.rindex("、") + 1)


def test_findings_with_different_text_between_them_stay_apart():
    """Sixty identical findings over sixty different sentences are sixty findings."""
    from article_studio.rules import Config, lint_text

    words = "一二三四五六七八九十"
    body = "".join(f"これは{words[i % 10]}{words[i // 10 % 10]}番目の文で、長い、説明の、文です、" for i in range(60))
    found = [d for d in lint_text("# t\n\n" + body + "\n", None, Config()) if d.code == "JA003"]
    assert len(found) == 60 and all("repeated" not in d.data for d in found)


def test_masking_code_and_removing_white_space_make_no_object_per_character():
    """Masking inline code listed the characters of the text (a str object each outside
    Latin-1: 28 times a Japanese paragraph's size), and removing white space listed its words
    (14 times a line of short words). Both give what they gave."""
    import re
    from types import SimpleNamespace

    from article_studio.rules.checks.ja._textlint_nodes import masked_text
    from article_studio.rules.reading.prose import normalize

    def by_character(block, mask):
        chars = list(block.text)
        for m in block.marks:
            if m.kind == "code":
                for i in range(max(0, m.start), min(m.end, len(chars))):
                    chars[i] = mask
        return "".join(chars)

    def code(start, end):
        return SimpleNamespace(kind="code", start=start, end=end)

    text = "長い段落の`code`と説明です。" * 60_000
    marks = [code(5, 11), code(8, 14), code(30, 30), code(40, 45), SimpleNamespace(kind="strong", start=0, end=3)]
    marks.append(code(len(text) - 3, len(text) + 5))
    block = SimpleNamespace(text=text, marks=marks)
    masked, kept = _kept_by(lambda: masked_text(block, "_"))
    assert masked == by_character(block, "_") and len(masked) == len(text)
    assert masked_text(SimpleNamespace(text=text, marks=[]), "_") is text

    spaced = "".join(chr(c) for c in range(0x3001) if chr(c).isspace())
    line = ("ab" + spaced + "ｃ*d_ ") * 10_000
    assert len(line) > 65_536
    old_way = re.sub(r"[\s\u3000]+", "", unicodedata_nfkc(line)).replace("*", "").replace("_", "")
    assert normalize(line) == old_way

    import tracemalloc

    words = "a b " * 300_000
    tracemalloc.start()
    try:
        normalize(words)
        masked_text(block, "_")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 8 * len(text.encode()), peak / len(text.encode())


def unicodedata_nfkc(text: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFKC", text)


def test_a_long_table_is_one_barrier_to_the_prompt_finder():
    """The leaked-prompt rule made a line object for each line of each block that is no part
    of a request: a line per cell of a table, 47 MB for a 2 MB table. A run of them keeps the
    lines on either side apart as one does."""
    from article_studio.rules.reading import prompts
    from article_studio.rules.reading.document import Document

    rows = "".join(f"| セル{i} | 値 {i} |\n" for i in range(3000))
    text = "# t\n\n段落です。\n\n| a | b |\n|---|---|\n" + rows + "\n```\ncode\nmore\n```\n\n続きです。\n"
    lines = prompts._lines(Document(text))
    assert [line.barrier for line in lines] == [False, False, True, False]
    assert [line.text for line in lines if not line.barrier] == ["t", "段落です。", "続きです。"]


def test_a_restarted_chunk_is_found_without_a_map_of_every_5_gram():
    """Whether a chunk's opening restates what came before the marker was looked up in a map
    of every 5-gram of the document: 147 MB for 10 MB of prose. Only the chunk heads' 5-grams
    are looked for now; the restated opening is still found, and a new one is not."""
    from article_studio.rules import Config, lint_text
    from article_studio.rules.reading.boundaries import _earlier_text, boundaries, restated_opening
    from article_studio.rules.reading.document import Document

    filler = "".join(
        "".join(chr(0x4E00 + (i * 7919 + k * 104729) % 20000) for k in range(60)) + "。\n\n" for i in range(3000)
    )
    said = "生成された記事は途中で切れてから同じ段落を書き直すことがあります。"
    text = f"# t\n\n{said}\n\n{filler}---END---\n\n{said}続きの新しい文です。\n\n---END---\n\nまったく新しい話題の文章です。\n"
    doc = Document(text)
    first, second = boundaries(doc)[:2]
    assert restated_opening(doc, first) == (0, len(said))
    assert restated_opening(doc, second) is None
    earlier, kept = _kept_by(lambda: _earlier_text(Document(text), second.head))
    heads = "".join(b.head.text for b in boundaries(doc) if b.head is not None)
    assert set(earlier.first_end) <= {heads[i : i + 5] for i in range(len(heads))}
    assert kept < 3 * len(text.encode()), kept / len(text.encode())  # about 1 (the text); 9 with the map
    codes = {d.code for d in lint_text(text, None, Config())}
    assert "AG004" in codes


def _kanji_paragraphs(count: int, length: int) -> list[str]:
    """``count`` paragraphs of ``length`` kanji each, in a scrambled order, ending with 。."""
    return ["".join(chr(0x4E00 + (i * 7919 + k * 104729) % 20000) for k in range(length)) + "。" for i in range(count)]


def _copies_with_memory(text: str) -> tuple[list, int, int]:
    """The repetition rules' copies in ``text``, and the memory kept and at the peak while
    they were found (parsing and the 5-gram cache left out)."""
    import tracemalloc

    from article_studio.rules.reading import repetition
    from article_studio.rules.reading.document import Document

    doc = Document(text)
    doc.blocks, doc.sentences  # noqa: B018 - parsed before measuring
    repetition._shingles.cache_clear()
    tracemalloc.start()
    try:
        copies = repetition.find_copies(doc)
        kept, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return copies, kept, peak


def test_the_5_gram_sets_of_a_long_article_are_sets_of_hashes():
    """Every paragraph's 5-grams are alive at once while the repetition rules compare them:
    as strings they took 47 times the article at the peak, as hashes 32 (this article's
    paragraphs share no 5-gram, the worst case). The copy is still found."""
    paragraphs = _kanji_paragraphs(3000, 60)
    text = "# t\n\n" + "\n\n".join(paragraphs) + "\n\n" + paragraphs[5] + "\n"
    copies, _, peak = _copies_with_memory(text)
    assert [(c.block.text, c.original.text, c.similarity) for c in copies] == [(paragraphs[5], paragraphs[5], 1.0)]
    assert peak < 38 * len(text.encode()), peak / len(text.encode())


def test_an_article_of_short_paragraphs_never_loads_the_character_table():
    """Cutting runs needs MeCab's character table and a regex of its wide classes: 8 ms in each
    process of a one-article run, for paragraphs whose runs are all short. A text no longer
    than RUN_LIMIT (a run of that many katakana takes MeCab 2.5 ms) goes to MeCab whole."""
    seed = os.path.join(REPO, "tests", "data", "corpus", "seed", "2025-10-26-2-googleanthropictpu.md")
    code = (
        "from article_studio.rules import Config, lint_text\n"
        "from article_studio.rules.reading import morph\n"
        f"found = lint_text(open({seed!r}, encoding='utf-8').read(), None, Config())\n"
        "print(len(found) > 0, morph._char_runs.cache_info().currsize)\n"
    )
    done = _run_python(code)
    assert done.stdout.split() == ["True", "0"], done.stdout + done.stderr[-2000:]
    assert morph.pieces("ア" * morph.RUN_LIMIT) is None
    text = "ア" * (3 * morph.RUN_LIMIT)
    spans = morph.pieces(text)
    assert spans is not None and all(end - start <= morph.RUN_LIMIT for start, end in spans)


def test_the_token_cache_holds_a_large_file_in_bounded_memory_and_reads_it_back_exactly():
    """The tokens of the last 4,096 texts were kept as tuples, about 100 bytes a character:
    a large file's paragraphs held over 100 MB, and a file of more texts than that was
    tokenized again by every rule. The recent texts stay tuples; older ones are packed as
    columns, read back as the same tuples."""
    sentence = "形態素解析の結果は段落ごとに保存され、規則が何度も読み直すものです。"
    texts = [f"{i}番目の段落です。{sentence * 7}" for i in range(4000)]  # a million characters
    morph.tokenize("準備です。")  # MeCab loaded outside the measure
    morph.tokenize.cache_clear()
    fresh = [morph.tokenize.__wrapped__(text) for text in texts[:50]]
    _, kept = _kept_by(lambda: sum(1 for text in texts if morph.tokenize(text)))  # what the cache keeps
    characters = sum(map(len, texts))
    assert kept < 60 * characters, kept / characters  # about 42; 96 with the old cache
    info = morph.tokenize.cache_info()
    assert info["hot_size"] <= 400_000 < info["packed_size"]
    again = [morph.tokenize(text) for text in texts[:50]]  # packed by now
    assert again == fresh and all(type(tokens) is tuple for tokens in again)
    assert info["packed_size"] <= 1_000_000
    morph.tokenize.cache_clear()
    long_text = "some words in a line, " * 2000
    run = morph.tokenize(long_text)
    for text in texts[:2000]:  # the long text is pushed out of the recent part
        morph.tokenize(text)
    assert morph.tokenize(long_text) is run  # a long text's columns are kept as they are
    morph.tokenize.cache_clear()


def test_the_repetition_rules_keep_a_bounded_share_of_a_large_files_5_grams():
    """The 5-gram sets of the last 4,096 paragraphs were cached for the editor's next
    revision: after a large file was compared, they stayed, about 100 bytes a character. The
    cache now holds 200,000 characters' worth. While comparing, each paragraph's set is let
    go once it is in the index, so the peak is what the index holds."""
    from article_studio.rules.reading import repetition

    text = "# t\n\n" + "\n\n".join(_kanji_paragraphs(1000, 600)) + "\n"
    copies, kept, peak = _copies_with_memory(text)
    assert len(copies) > 900  # this text's paragraphs share most of their 5-grams
    assert kept < 55 * len(text), kept / len(text)  # about 36 with the copies found; 97 before
    assert peak < 25 * len(text.encode()), peak / len(text.encode())  # about 16; 36 with every set alive
    assert repetition._shingles.cache_info()["hot_size"] <= 200_000


def test_a_long_line_goes_through_mecab_once_for_all_rules(monkeypatch):
    """A line longer than the token cache holds is still read by each rule in turn: its
    tokens are kept for the next rule, not made again by each."""
    from article_studio.rules import Config, lint_text
    from article_studio.rules.engine import two_cores

    monkeypatch.setattr(two_cores, "available", lambda: False)
    made = []
    real = morph._token_run
    monkeypatch.setattr(morph, "_token_run", lambda text: made.append(len(text)) or real(text))
    morph._long_token_run.cache_clear()
    line = "これは長い文章です、" * 120_000  # 1.2 million characters: more than the cache holds
    findings = lint_text("# t\n\n" + line + "\n", None, Config())
    assert findings  # the rules did read it
    assert made == [len(line)]
