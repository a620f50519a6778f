"""The linter's fast paths give exactly what the plain ways give.

Each speed-up (MeCab's text output, pattern prefilters, the sentence splitter's skipping)
is compared here with a straightforward reference on fixed and seeded random inputs.
"""

from __future__ import annotations

import random

import pytest

from article_studio.rules.checks.ja import abusage, redundant_expression, weak_phrase
from article_studio.rules.checks.ja._morpheme_match import _Entry, _Matcher, kuromoji_tokens, match_all, match_text
from article_studio.rules.checks.ja.no_double_negative_ja import GROUPS, NoDoubleNegativeJa, _Stream
from article_studio.rules.reading import morph
from article_studio.rules.reading.sentences import (
    _ABBREVIATIONS,
    _EXCLAMATION_WORDS,
    _LINE_INDEX,
    _MULTI_DOT,
    _PREPOSITIVE,
    _SPACE,
    PAIRS,
    SEPARATORS,
    split_sentences,
)

_CLOSERS = {v: k for k, v in PAIRS.items()}
_TRICKY = [
    "",
    "  ",
    "a\x00b",
    "a\rb",
    "EOS です",
    "x\ty",
    '"引用"です',
    ",カンマ,",
    "a\u2028b",
    "\x0bv",
    "\u3000全角\u3000空白\u3000",
    "今日は\n\nいい天気ですね。",
    "ないこともないでしょう",
    "1,000円",
]


def _random_texts(seed: int, count: int, alphabet: list[str], longest: int = 30) -> list[str]:
    rnd = random.Random(seed)
    return ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, longest))) for _ in range(count)]


def _fields(tokens):
    return [
        (
            t.surface_form,
            t.pos,
            t.pos_detail_1,
            t.pos_detail_2,
            t.pos_detail_3,
            t.conjugated_type,
            t.conjugated_form,
            t.basic_form,
            t.reading,
            t.pronunciation,
            t.start,
            t.end,
        )
        for t in tokens
    ]


def _tokens_from_nodes(text: str):
    """The tokens as MeCab's node objects give them (the reference for the text output)."""
    out, pos = [], 0
    for surface, f in morph._node_rows(text):
        found = text.find(surface, pos)
        found = pos if found == -1 else found
        f = list(f) + ["*"] * (9 - len(f))
        out.append(morph.Token(surface, *f[:9], found, found + len(surface)))
        pos = found + len(surface)
    return out


def test_tokenize_reads_mecab_text_output_like_its_nodes():
    alphabet = list("あいう漢字テスト、。「」!?.,\"' \t\n\r\u3000abcXYZ123ないもはでEOS*") + ["\x00", "\x07", "\x1f"]
    for text in _TRICKY + _random_texts(1, 1500, alphabet):
        if not any(c in text for c in "\x00\x07\x1f"):
            assert morph._tokenize_lines(text) is not None, repr(text)  # the fast way was taken
        tokens = morph.tokenize.__wrapped__(text)
        assert _fields(tokens) == _fields(_tokens_from_nodes(text)), repr(text)
        assert tokens == tuple(_tokens_from_nodes(text))


def _match_all_reference(tokens, entries):
    matchers = [_Matcher(_Entry(e)) for e in entries]  # every entry, without the word prefilter
    out = []
    for token in tokens:
        for m in matchers:
            found = m.feed(token)
            if found is not None:
                out.append(found)
    return out


_SENTENCES = [
    "解析することができます。",
    "動作の確認を行わなければならない。",
    "これはペンであると考えています。",
    "修正パッチを適応する。",
    "この本は読みずらい。",
    "速くなるかもしれません。",
    "重大な意義を持つと思います。",
    "可能性を示唆している。",
    "であると言えます。",
    "処理を実行する。",
    "テストを、実行する。",
    "何もない文。",
]


@pytest.mark.parametrize("dictionary", [abusage.DICTIONARY, weak_phrase.DICTIONARY, redundant_expression.DICTIONARY])
def test_match_all_prefilter_changes_no_match(dictionary):
    alphabet = _SENTENCES + ["、", "が", "は", "する", "こと", "できる", " "]
    for text in _SENTENCES + _random_texts(2, 300, alphabet, longest=6):
        tokens = kuromoji_tokens(text)
        got = [(m.entry is e, m.tokens, m.skipped) for m, e in ((m, m.entry) for m in match_all(tokens, dictionary))]
        want = [(True, m.tokens, m.skipped) for m in _match_all_reference(tokens, dictionary)]
        assert got == want, text
        # The text-level filter of match_text (no tokenizing when a needed word is absent).
        assert [(m.entry, m.tokens, m.skipped) for m in match_text(text, dictionary)] == [
            (m.entry, m.tokens, m.skipped) for m in _match_all_reference(tokens, dictionary)
        ], text


def _double_negatives_reference(text):
    groups = [[(_Stream(pattern), message) for pattern, message in group] for group in GROUPS]
    out = []
    for tok in morph.tokenize(text):
        for group in groups:
            for stream, message in group:
                if stream.feed(tok):
                    out.append((tok.start, tok.end, message))
                    break
    return out


class _Block:
    def source_span(self, start, end):
        return start, end


class _Ctx:
    def report(self, start, end, message):
        return start, end, message


def test_double_negative_skipping_changes_no_finding():
    pieces = [
        "ない",
        "なく",
        "も",
        "は",
        "で",
        "こと",
        "わけ",
        "もの",
        "と",
        "言い切れ",
        "限ら",
        "でしょう",
        "。",
        "ある",
    ]
    for text in _random_texts(3, 800, pieces, longest=10) + ["確かにそういった懸念はないことはない。"]:
        got = list(NoDoubleNegativeJa._check_run(_Block(), 0, text, _Ctx()))
        assert got == _double_negatives_reference(text), text


def _word_at_reference(text, i):
    if i > 0 and not text[i - 1].isspace():
        return ""
    j = i
    while j < len(text) and not text[j].isspace():
        j += 1
    return text[i:j]


def _abbreviation_end_reference(text, i):
    word = _word_at_reference(text, i)
    if not word:
        return -1
    low = word.lower()
    if _MULTI_DOT.match(word) or low in _EXCLAMATION_WORDS or low in _PREPOSITIVE or _LINE_INDEX.match(word):
        return i + len(word)
    if low in _ABBREVIATIONS:
        nxt = _word_at_reference(text, i + len(word) + 1) if i + len(word) + 1 <= len(text) else ""
        if not nxt[:1].isupper():
            return i + len(word)
    return -1


def _split_reference(text, atomic=(), separators=SEPARATORS):
    """The splitter walking every character (no skipping), as it was written first."""
    seps, n = frozenset(separators), len(text)
    spans, starts, contexts = [], {}, []
    for a, b in atomic:
        if 0 <= a < b <= n:
            starts[a] = max(b, starts.get(a, b))
    abbr_until, sent_start, i = -1, -1, 0

    def is_separator(k):
        if contexts or k < abbr_until or text[k] not in seps:
            return False
        return text[k] != "." or k + 1 >= n or text[k + 1].isspace()

    while i < n:
        if i in starts:
            sent_start = i if sent_start < 0 else sent_start
            i = starts[i]
            continue
        ch = text[i]
        if ch in _SPACE:
            i += 1
            continue
        if is_separator(i):
            j = i
            while j < n and j not in starts and is_separator(j):
                j += 1
            if sent_start >= 0:
                spans.append((sent_start, j))
                sent_start = -1
            i = j
            continue
        if ch in "\n\r":
            i += 1
            continue
        sent_start = i if sent_start < 0 else sent_start
        while i < n and i not in starts:
            ch = text[i]
            if ch in "\n\r" or is_separator(i):
                break
            if i >= abbr_until:
                end = _abbreviation_end_reference(text, i)
                abbr_until = end if end > 0 else abbr_until
            if contexts and ch == contexts[-1]:
                contexts.pop()
            elif ch in _CLOSERS and ch in contexts:
                del contexts[len(contexts) - 1 - contexts[::-1].index(ch)]
            elif ch in PAIRS and PAIRS[ch] not in contexts:
                contexts.append(PAIRS[ch])
            i += 1
    if sent_start >= 0:
        spans.append((sent_start, n))
    return spans


def test_sentence_splitter_skipping_changes_no_span():
    alphabet = list('あい漢字。、.!?！？．「」（）()[]{}"『』【】 \t\n\r\u3000ab') + [
        "Mr",
        "e.g",
        "U.S.",
        "1.",
        "Yahoo!",
        "vs.",
    ]
    rnd = random.Random(4)
    separator_sets = [SEPARATORS, ["?", "!", "？", "！", "。"], ["。"], ["、", " ", "a"]]
    fixed = [
        "これは a vs. b です。次。",
        "See e.g. this. Next.",
        "会議で Mr. Smith と話す。はい。",
        "U.S.A. is big. Ok.",
        "「A. B」 c. D",
        "1. 項目 2. 項目",
        "Yahoo! で検索! 次",
    ]
    for text in fixed + _random_texts(4, 3000, alphabet, longest=40):
        atomic = [
            (a, rnd.randint(a, len(text) + 1)) for a in (rnd.randint(-1, len(text)) for _ in range(rnd.randint(0, 3)))
        ]
        seps = rnd.choice(separator_sets)
        assert split_sentences(text, atomic, seps) == _split_reference(text, atomic, seps), (text, atomic)


def _token_matches_reference(token, expected) -> bool:
    """morpheme-match's comparison: every non-underscore key equal, or among the listed values."""
    for key, want in expected.items():
        if key.startswith("_"):
            continue
        actual = getattr(token, key, None)
        if isinstance(want, (list, tuple, set, frozenset)):
            if actual not in want:
                return False
        elif actual != want:
            return False
    return True


@pytest.mark.parametrize("dictionary", [abusage.DICTIONARY, weak_phrase.DICTIONARY, redundant_expression.DICTIONARY])
def test_compiled_token_tests_agree_with_field_comparison(dictionary):
    from article_studio.rules.checks.ja._morpheme_match import _compiled_token

    tokens = [t for text in _SENTENCES for t in kuromoji_tokens(text)]
    expected_tokens = [e for entry in dictionary for e in entry["tokens"]]
    for expected in expected_tokens:
        test = _compiled_token(expected)
        for token in tokens:
            assert test(token) == _token_matches_reference(token, expected), (expected, token)


def test_prepared_selection_agrees_with_matches():
    from article_studio.rules.engine.catalog import rule_catalog
    from article_studio.rules.engine.registry import matches, selection

    entries = list(rule_catalog())
    pool = [
        "AG",
        "ag00",
        "JA011",
        "ja",
        "TM00",
        "no-doubled-joshi",
        " JA005 ",
        "",
        " ",
        "JA-1",
        "X9",
        "sentence-length",
        "ja0",
        "FM001",
        "md",
        "RP",
        "prh",
        "AG001x",
        "1",
        "J",
    ]
    rnd = random.Random(5)
    selector_lists = [[]] + [[s] for s in pool] + [rnd.sample(pool, rnd.randint(2, 6)) for _ in range(200)]
    for selectors in selector_lists:
        selected = selection(selectors)
        for entry in entries:
            assert selected(entry) == any(matches(entry, s) for s in selectors), (selectors, entry.code)


def _textlint_split_reference(text, separators, pairs):
    """``_textlint_nodes._split`` walking every character, as it was written first."""
    from article_studio.rules.checks.ja._textlint_nodes import _ASCII_SEPARATORS, _OPENERS

    seps, spans, start, n, stack, i = frozenset(separators), [], 0, len(text), [], 0
    while i < n:
        ch = text[i]
        if pairs:
            if stack and ch == stack[-1]:
                stack.pop()
                i += 1
                continue
            if ch in _OPENERS and not (ch == '"' and stack and stack[-1] == '"'):
                stack.append(_OPENERS[ch])
                i += 1
                continue
        if ch in seps and not stack:
            if ch in _ASCII_SEPARATORS and i + 1 < n and not text[i + 1].isspace() and text[i + 1] not in seps:
                i += 1
                continue
            j = i + 1
            while j < n and text[j] in seps:
                j += 1
            spans.append((start, j))
            start = i = j
            continue
        if ch == "\n" and text.startswith("\n", i + 1):
            spans.append((start, i))
            start = i
            stack.clear()
        i += 1
    if start < n:
        spans.append((start, n))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def test_textlint_sentence_split_jumping_changes_no_span():
    from article_studio.rules.checks.ja._textlint_nodes import split_sentences as textlint_split

    alphabet = list('あい漢字。、.!?！？．「」『』（）()【】〔〕“”" \t\n\u3000ab-]^\\')
    separator_sets = [
        (".", "．", "。", "?", "!", "？", "！"),
        ("。",),
        ("、", "a", "-", "]", "^", "\\", "ab", ""),
        ("\n", "「"),
    ]
    for text in _TRICKY + _random_texts(6, 2000, alphabet, longest=40):
        for separators in separator_sets:
            for pairs in (False, True):
                assert textlint_split(text, separators, pairs=pairs) == _textlint_split_reference(
                    text, separators, pairs
                ), (text, separators, pairs)


@pytest.mark.parametrize(
    "options",
    [{"strict": False}, {"strict": True}, {"min_interval": 2}, {"strict": True, "min_interval": 3, "allow": ["は"]}],
)
def test_doubled_joshi_prefilter_changes_no_finding(monkeypatch, options):
    from article_studio.rules import config_from_mapping, lint_text
    from article_studio.rules.checks.ja import no_doubled_joshi

    config = config_from_mapping({"select": ["JA011"], "rules": {"JA011": options}})
    pieces = [
        "私は",
        "彼は",
        "本を",
        "机に",
        "家で",
        "それも",
        "ここでは",
        "東京には",
        "山に登ったり",
        "降りたり",
        "見て",
        "行くかどうか",
        "の",
        "が",
        "、",
        "。",
        "`code`",
        " ",
        "読む",
        "「",
        "」",
        "（",
        "）",
        "，",
    ]
    texts = _random_texts(7, 400, pieces, longest=8) + ["私の本の表紙を見て、彼を見て、それを読む。"]
    total = 0
    for text in texts:
        got = [(d.start, d.message) for d in lint_text(text, "a.md", config)]
        with monkeypatch.context() as m:
            m.setattr(no_doubled_joshi, "_may_report", lambda *args: True)
            want = [(d.start, d.message) for d in lint_text(text, "a.md", config)]
        assert got == want, text
        total += len(got)
    assert total > 20


def test_kuromoji_tokens_cover_the_text_with_white_space_as_tokens():
    alphabet = list("あい漢字テスト。、 \t\n\u3000abc123") + ["\x00", "\x07", " EOS "]
    for text in _TRICKY + _random_texts(8, 1500, alphabet):
        tokens = kuromoji_tokens(text)
        assert "".join(t.surface_form for t in tokens) == text, repr(text)
        assert all(t.end - t.start == len(t.surface_form) for t in tokens), repr(text)
        assert [t.start for t in tokens[1:]] == [t.end for t in tokens[:-1]], repr(text)
        words = [t for t in tokens if not (t.pos == "記号" and t.pos_detail_1 == "空白" and t.reading == "*")]
        assert words == list(morph.tokenize(text)) or not text.strip(), repr(text)


@pytest.mark.parametrize(
    "code, module, name, disabled",
    [
        ("JA012", "no_dropping_the_ra", "_may_drop_the_ra", lambda text: True),
        ("JA007", "arabic_kanji_numbers", "_ANY_NUMERAL", __import__("re").compile("")),
    ],
)
def test_text_prefilters_change_no_finding(monkeypatch, code, module, name, disabled):
    import importlib

    from article_studio.rules import config_from_mapping, lint_text

    rule_module = importlib.import_module(f"article_studio.rules.checks.ja.{module}")
    config = config_from_mapping({"select": [code]})
    pieces = [
        "食べ",
        "れる",
        "見",
        "来",
        "られる",
        "レ",
        "れ",
        "ない",
        "二十",
        "回",
        "第三",
        "章",
        "世界",
        "1",
        "数",
        "100",
        "倍",
        "一つ",
        "、",
        "。",
        "**",
        "`x`",
        " ",
        "百八",
        "つ",
        "3",
        "者",
    ]
    texts = _random_texts(9, 500, pieces, longest=8) + ["見れる。来れる。食べれる。", "二十回、第三章、世界1"]
    total = 0
    for text in texts:
        got = [(d.start, d.message) for d in lint_text(text, "a.md", config)]
        with monkeypatch.context() as m:
            m.setattr(rule_module, name, disabled)
            want = [(d.start, d.message) for d in lint_text(text, "a.md", config)]
        assert got == want, text
        total += len(got)
    assert total > 20  # the inputs do have findings to lose


def _str_segments_reference(block, skip):
    """``_textlint_nodes._str_segments`` marking every hidden character, as it was written first."""
    from article_studio.rules.checks.ja._textlint_nodes import _NOT_STR

    text = block.text
    if not text:
        return []
    cuts, hidden = {0, len(text)}, [False] * len(text)
    for m in block.marks:
        cuts.add(max(0, min(m.start, len(text))))
        cuts.add(max(0, min(m.end, len(text))))
        if m.kind in _NOT_STR or m.kind in skip:
            for i in range(max(0, m.start), min(m.end, len(text))):
                hidden[i] = True
    points = sorted(cuts)
    return [(a, b) for a, b in zip(points, points[1:], strict=False) if a < b and not hidden[a] and text[a:b].strip()]


def _str_runs_reference(block, skip):
    """``str_runs`` as it was first written (runs of white space kept)."""
    text, hidden = block.text, []
    n = len(text)
    if not n:
        return []
    cuts = {0, n}
    for m in block.marks:
        cuts.add(max(0, min(m.start, n)))
        cuts.add(max(0, min(m.end, n)))
        if m.end > m.start and (m.kind in {"code", "math"} or m.kind in skip):
            hidden.append((m.start, m.end))
    points = sorted(cuts)
    return [
        (a, b)
        for a, b in zip(points, points[1:], strict=False)
        if b > a and not any(hs <= a and b <= he for hs, he in hidden)
    ]


def _str_nodes_reference(doc):
    """``_nodes._str_nodes`` as it was written first."""
    out = []
    for block in doc.prose_blocks():
        text = block.text
        if not text:
            continue
        cuts, excluded = {0, len(text)}, []
        for mark in block.marks:
            cuts.update((mark.start, mark.end))
            if mark.kind in {"code", "math"}:
                excluded.append((mark.start, mark.end))
        points = sorted(c for c in cuts if 0 <= c <= len(text))
        for s, e in zip(points, points[1:], strict=False):
            if e > s and not any(xs <= s and e <= xe for xs, xe in excluded) and text[s:e].strip():
                out.append((block, s, e))
    return out


def test_str_segments_from_mark_intervals_match_the_character_walk():
    from article_studio.rules.checks.ja._textlint_nodes import DEFAULT_SKIP, str_nodes, str_runs, str_segments
    from article_studio.rules.reading.document import Document

    pieces = [
        "日本語",
        "`code`",
        "[link](http://x)",
        "*em*",
        "**strong**",
        "$x$",
        "![img](a.png)",
        "<b>",
        "</b>",
        " ",
        "\n",
        "。",
        "~~s~~",
        "[^1]",
        "`` a ` b ``",
        "**a *b* c**",
    ]
    for text in _random_texts(10, 400, pieces, longest=12) + ["  \n", "日本語だけ", " `a` "]:
        doc = Document(text, "a.md")
        for block in doc.blocks:
            for skip in (DEFAULT_SKIP, frozenset(), frozenset({"strong", "link"})):
                assert str_segments(block, skip) == _str_segments_reference(block, skip), text
                assert str_runs(block, skip) == _str_runs_reference(block, skip), text
        assert [(b, s, e) for b, s, e in str_nodes(doc)] == _str_nodes_reference(doc), text


def test_successive_word_visits_every_pair_it_must():
    from article_studio.rules import config_from_mapping, lint_text
    from article_studio.rules.checks.ja.successive_word import NoSuccessiveWord

    config = config_from_mapping({"select": ["JA018"]})
    pieces = ["これ", "は", "は", "ある", "ある", "カク", "カク", "九", "九", "1", "1", " ", "、", "。", "`c`", "の"]
    total = 0
    for text in _random_texts(11, 500, pieces, longest=8):
        got = [d.start for d in lint_text(text, "a.md", config)]
        want = []
        tokens = kuromoji_tokens(text)
        for prev, tok in zip(tokens, tokens[1:], strict=False):
            if NoSuccessiveWord._successive(prev, tok, [], True):
                want.append(tok.start)
        if "`" not in text:  # with inline code the Str nodes differ from the whole text
            assert got == want, text
            total += len(got)
    assert total > 50


def test_conjunction_and_ga_rules_skip_only_sentences_without_findings():
    """no-doubled-conjunction leaves a paragraph's last sentence untokenized when it cannot
    repeat the conjunction before it (a conjunction after white space does not count, as in
    textlint's rule); no-doubled-conjunctive-particle-ga skips sentences with fewer than two
    が. Both are compared with walking every sentence."""
    from article_studio.rules import config_from_mapping, lint_text
    from article_studio.rules.checks.ja._textlint_nodes import split_sentences as textlint_split
    from article_studio.rules.checks.ja.no_doubled_conjunction import _SEPARATORS as CONJ_SEPARATORS
    from article_studio.rules.checks.ja.no_doubled_conjunctive_particle_ga import _SEPARATORS as GA_SEPARATORS

    def conjunctions(text):
        out, last = [], None
        for ps, pe in split_sentences(text, (), CONJ_SEPARATORS):
            tokens = kuromoji_tokens(text[ps:pe])
            conj = [
                t
                for i, t in enumerate(tokens)
                if t.pos == "接続詞" and not (i > 0 and tokens[i - 1].pos_detail_1 == "空白")
            ]
            if conj:
                if last is not None and conj[0].surface_form == last:
                    out.append(ps + conj[0].start)
                last = conj[0].surface_form
        return out

    def doubled_ga(text):
        out = []
        for ps, pe in textlint_split(text, GA_SEPARATORS):
            ga = [t for t in morph.tokenize(text[ps:pe]) if t.pos_detail_1 == "接続助詞" and t.surface_form == "が"]
            if len(ga) > 1:
                out.append(ps + ga[0].start)
        return out

    pieces = [
        "しかし",
        "しかし、",
        "そして",
        "そして、",
        "また",
        "だが",
        "雨が降った",
        "が",
        "、",
        "。",
        "。",
        "晴れた",
        "寒い",
        " ",
        "でも",
        "行ったが",
        "見たが",
        "！",
    ]
    totals = {"JA008": 0, "JA009": 0}
    for text in _random_texts(12, 600, pieces, longest=10):
        for code, reference in (("JA008", conjunctions), ("JA009", doubled_ga)):
            got = [d.start for d in lint_text(text, "a.md", config_from_mapping({"select": [code]}))]
            want = reference(text.strip()) if text.strip() else []
            offset = len(text) - len(text.lstrip())
            assert got == [offset + w for w in want], (code, text)
            totals[code] += len(got)
    assert min(totals.values()) > 20


def test_style_prefilter_changes_no_finding(monkeypatch):
    from article_studio.rules import config_from_mapping, lint_text
    from article_studio.rules.checks.ja import no_mix_dearu_desumasu

    pieces = [
        "ペンである",
        "です",
        "ます",
        "そうっす",
        "おおきに、どす",
        "で ある",
        "であるが",
        "犬",
        "走る",
        "。",
        "\n\n# ",
        "\n\n- ",
        "\n\n",
        "**強調**です",
        "`code`",
        "あ",
        "で",
    ]
    total = 0
    for strict in (False, True):
        config = config_from_mapping({"select": ["JA005"], "rules": {"JA005": {"strict": strict}}})
        for text in _random_texts(13, 300, pieces, longest=10):
            got = [(d.start, d.message) for d in lint_text(text, "a.md", config)]
            with monkeypatch.context() as m:
                m.setattr(no_mix_dearu_desumasu, "_may_set_style", lambda text: True)
                want = [(d.start, d.message) for d in lint_text(text, "a.md", config)]
            assert got == want, text
            total += len(got)
    assert total > 50


def test_match_all_jumping_to_starts_matches_feeding_every_token():
    """Random patterns (skippable tokens included) over random token streams: the matcher
    that jumps between possible starts reports what feeding every token reports."""
    rnd = random.Random(14)
    words = ["A", "B", "C", "D"]

    def token(surface, i):
        return morph.Token(
            surface, "名詞" if surface in "AB" else "助詞", "*", "*", "*", "*", "*", surface, "*", "*", i, i + 1
        )

    def expected_token():
        e = {rnd.choice(["surface_form", "basic_form", "pos"]): None}
        key = next(iter(e))
        e[key] = (
            rnd.choice(["名詞", "助詞"])
            if key == "pos"
            else rnd.choice(words)
            if rnd.random() < 0.7
            else rnd.sample(words, 2)
        )
        if rnd.random() < 0.2:
            e["_skippable"] = True
        return e

    for _ in range(400):
        entries = [{"tokens": [expected_token() for _ in range(rnd.randint(1, 4))]} for _ in range(rnd.randint(1, 3))]
        tokens = tuple(token(rnd.choice(words), i) for i in range(rnd.randint(0, 30)))
        got = [(id(m.entry), m.tokens, m.skipped) for m in match_all(tokens, entries)]
        want = [(id(m.entry), m.tokens, m.skipped) for m in _match_all_reference(tokens, entries)]
        assert got == want, (entries, [t.surface_form for t in tokens])


def test_abusage_gate_matches_when_some_pattern_matches():
    """The idiom gate of ja-no-abusage is split in two regexes; it must say "some pattern
    matches" exactly when one of the patterns does, whatever the patterns look like."""
    import re

    from article_studio.rules.checks.ja import abusage

    rnd = random.Random(15)
    atoms = ["a", "b", "c", "ab", "(a|b)", "(?:b|c)", "[ac]", "\\.", ".", "a*", "b+", "c?", "a{2}", "|", "x|y"]
    alphabet = list("abcxy.") + ["ab", "ba"]
    for _ in range(300):
        patterns = ["".join(rnd.choice(atoms) for _ in range(rnd.randint(1, 4))) for _ in range(rnd.randint(1, 5))]
        patterns = [p for p in patterns if _compiles(p)]
        if not patterns:
            continue
        gate = abusage._any_of(patterns)
        union = re.compile("|".join(f"(?:{p})" for p in patterns))
        for text in _random_texts(rnd.randint(0, 10**6), 20, alphabet, longest=8):
            assert any(rx.search(text) for rx in gate) == bool(union.search(text)), (patterns, text)
    # The shipped idioms, on their own words.
    words = [
        "案の上",
        "メソッドの返却値",
        "火ぶたを切って落とす",
        "とりつくひまもない",
        "自己本意",
        "癪に触る",
        "こんにちわ",
        "目に止まる",
        "無理が効かない",
        "あ",
        "の",
    ]
    union = re.compile("|".join(f"(?:{rx.pattern})" for rx, _, _ in abusage.prh_rules()))
    for text in _random_texts(16, 500, words, longest=3):
        assert any(rx.search(text) for rx in abusage._PRH_ANY) == bool(union.search(text)), text


def _compiles(pattern):
    import re

    try:
        re.compile(pattern)
    except re.error:
        return False
    return True


def test_utf16_len_counts_as_javascript_does():
    from article_studio.rules.checks.ja._textlint_nodes import utf16_len

    alphabet = ["a", "あ", "𠮷", "😀", "\ud800", "\u3000", " ", "é"]
    for text in _random_texts(17, 500, alphabet, longest=12):
        assert utf16_len(text) == len(text) + sum(1 for c in text if ord(c) > 0xFFFF), repr(text)


def _json_values(depth: int = 2):
    from hypothesis import strategies as st

    scalars = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-3, 3),
        st.floats(allow_nan=True, allow_infinity=True),
        st.sampled_from(["", "x", "tech", "idea", "2024-01-02", "2024-01-02 10:00", "2024-1-2", "長いタイトル" * 20]),
    )
    if depth == 0:
        return scalars
    inner = _json_values(depth - 1)
    return st.one_of(scalars, st.lists(inner, max_size=6), st.dictionaries(st.sampled_from(["a", "url"]), inner))


def test_front_matter_known_valid_only_when_jsonschema_finds_nothing():
    """FM002 skips the validator when ``surely_valid`` says so: never for a header it would fault."""
    import json

    import jsonschema
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from article_studio.rules.checks.fm.schema import surely_valid
    from article_studio.rules.resources import resource_path

    schemas = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(resource_path("schemas").glob("*.json"))]
    keys = sorted({k for s in schemas for k in s.get("properties", {})} | {"other"})
    plausible = st.one_of(
        st.sampled_from(["記事", "tech", "2024-01-02", "🦀", True, False, 3, ["rust", "python"], ["ok", ""], {"a": 1}]),
        _json_values(),
    )
    used = []

    @settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(schema=st.sampled_from(schemas), data=st.data())
    def check(schema, data):
        required = {k: data.draw(plausible) for k in schema.get("required", []) if data.draw(st.integers(0, 9))}
        header = {**required, **data.draw(st.dictionaries(st.sampled_from(keys), plausible, max_size=8))}
        validator = jsonschema.Draft202012Validator(
            schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
        )
        if surely_valid(schema, header):
            used.append(1)
            assert list(validator.iter_errors(header)) == []

    check()
    assert used  # the fast path is taken at all
    jekyll = json.loads(resource_path("schemas", "jekyll.json").read_text(encoding="utf-8"))
    header = {
        "layout": "post",
        "title": "記事",
        "date": "2024-01-02 10:00:00 +0900",
        "tags": ["a", "b"],
        "published": True,
    }
    assert surely_valid(jekyll, header)
    assert not surely_valid(jekyll, {**header, "tags": 3})
    assert not surely_valid({**jekyll, "$schema": "http://json-schema.org/draft-07/schema#"}, header)
    assert not surely_valid({"type": "object", "properties": {"x": {"format": "date"}}}, {"x": "?"})


def test_abusage_compiles_its_prh_entries_only_for_a_text_one_of_them_matches():
    from article_studio.rules import Config, lint_text

    cfg = Config(select=["JA019"])
    abusage.prh_rules.cache_clear()
    assert lint_text("# 見出し\n\n普通の文章です。読みやすい文章を書きます。\n", "post.md", cfg) == []
    assert abusage.prh_rules.cache_info().currsize == 0
    found = lint_text("# 見出し\n\n案の上、失敗した。\n", "post.md", cfg)
    assert [d.code for d in found] == ["JA019"] and "案の定" in found[0].message
    assert abusage.prh_rules.cache_info().currsize == 1
