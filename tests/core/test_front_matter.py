"""FM001-FM007: front-matter rules, profiles and schemas."""

from __future__ import annotations

import datetime as dt

import pytest

from article_studio.rules import Config, apply_fix, detect_profile, lint_text, parse_document, profile_schema


def lint(text, path=None, select=("FM",), **config):
    return lint_text(text, path, Config(select=list(select), **config))


def codes(diags, code):
    return [d for d in diags if d.code == code]


def human_files(data):
    return sorted(p for p in (data / "corpus" / "human").rglob("*.md") if p.name != "SOURCE.md")


ZENN = """---
title: "🦀 Rustの所有権"
emoji: "🦀"
type: blog
topics: ["rust"]
published: true
---

本文です。
"""


# -- profiles and schemas ---------------------------------------------------------------------


def test_zenn_profile_detected_from_keys():
    doc = parse_document(ZENN)
    assert detect_profile(doc.front_matter.data) == "zenn"
    assert detect_profile({"title": "x", "layout": "post"}) == "jekyll"
    assert detect_profile({"author": "a", "description": "d", "sponsors": {}}, "source/basic/README.md") == "none"
    assert detect_profile({"title": "x"}, "blog/_posts/2025-01-01-x.md") == "jekyll"
    assert detect_profile({"emoji": "🦀"}, "hugo", configured="hugo") == "hugo"


@pytest.mark.parametrize(
    ("profile", "kind"), [("jekyll", None), ("zenn", None), ("zenn", "chapter"), ("hugo", None), ("qiita", None)]
)
def test_every_profile_ships_a_valid_schema(profile, kind):
    import jsonschema

    schema = profile_schema(profile, kind=kind)
    assert schema is not None
    jsonschema.validators.validator_for(schema).check_schema(schema)
    assert profile_schema("none") is None


# -- FM001 --------------------------------------------------------------------------------------


def test_fm001_invalid_yaml_points_at_the_line():
    text = "---\ntitle: ok\ntags: [a, b\ndate: 2025-01-01\n---\n\n本文。\n"
    found = codes(lint(text), "FM001")
    assert len(found) == 1
    d = found[0]
    assert d.severity == "error"
    # PyYAML notices the unclosed flow sequence when it meets "date:" on file line 4.
    assert d.line == 4
    assert "invalid YAML" in d.message


def test_fm001_mapping_error_column():
    text = "---\ntitle: a\n  b: [\n---\nbody\n"
    (d,) = codes(lint(text), "FM001")
    assert (d.line, d.column) == (3, 4)
    assert text[d.start : d.end] == ": ["


def test_fm001_unclosed_header_and_toml():
    (d,) = codes(lint("---\ntitle: x\n\n本文。\n"), "FM001")
    assert d.line == 1 and "not closed" in d.message
    (t,) = codes(lint('+++\ntitle = "x"\ndate = \n+++\n\nbody\n'), "FM001")
    assert t.line == 3


def test_fm001_quiet_on_good_headers_and_no_header():
    assert not codes(lint(ZENN), "FM001")
    assert not codes(lint("# 見出し\n\n本文。\n"), "FM001")
    assert not codes(lint('+++\ntitle = "x"\n+++\n\nbody\n'), "FM001")


def test_fm001_scalar_header_is_an_error():
    (d,) = codes(lint("---\njust a sentence\n---\n\nbody\n"), "FM001")
    assert "mapping" in d.message


@pytest.mark.parametrize(
    "text",
    [
        "",
        "---",
        "---\n",
        "---\n---\n",
        "---\n---",
        "+++\n+++\n",
        "---\n- a\n- b\n---\n",
        "---\n\x00\x01\x02\ufffd\n---\n",
        "---\ntitle: !!python/object:os.system x\n---\n",
        "---\n" + "a: [" * 200 + "\n---\n",
        "---\ntitle: " + "x" * 200_000 + "\n---\n",
        "---\n? [a, b]\n: c\n---\n",
        "---\n1: 2\nnull: 3\n---\n# x\n",
        "\ufeff---\ntitle: x\n---\n",
    ],
)
def test_front_matter_rules_never_crash(text):
    notes: list[str] = []
    lint_text(text, None, Config(select=["FM"]), notes=notes)
    lint_text(text, "site/_posts/2025-01-01-x.md", Config(select=["FM"]), notes=notes)
    assert notes == []


def test_fm001_finds_nothing_on_human_corpus(data):
    files = human_files(data)
    assert len(files) == 435
    found = []
    for p in files:
        found += [(p.name, d.message) for d in lint(p.read_text(encoding="utf-8"), str(p), select=["FM001"])]
    assert found == []


# -- FM002 --------------------------------------------------------------------------------------


def test_fm002_enum_error_lands_on_value_after_emoji():
    diags = codes(lint(ZENN), "FM002")
    assert len(diags) == 1
    d = diags[0]
    assert ZENN[d.start : d.end] == "blog"
    assert (d.line, d.column) == (4, 7)
    assert "tech" in d.message


def test_fm002_missing_zenn_key_on_header():
    text = ZENN.replace('emoji: "🦀"\n', "").replace("type: blog", "type: tech")
    (d,) = codes(lint(text), "FM002")
    assert "emoji" in d.message and d.line == 1


def test_fm002_jekyll_dates_and_types():
    good = "---\nlayout: post\ntitle: T\ndate: 2025-10-26 16:38:33 +0000\nreading_time: 3\n---\n\n本文。\n"
    assert not codes(lint(good), "FM002")
    yaml_date = good.replace("2025-10-26 16:38:33 +0000", "2025-10-26")
    assert isinstance(parse_document(yaml_date).front_matter.data["date"], dt.date)
    assert not codes(lint(yaml_date), "FM002")
    yaml_dt = good.replace("16:38:33 +0000", "16:38:33+09:00")
    assert isinstance(parse_document(yaml_dt).front_matter.data["date"], dt.datetime)
    assert not codes(lint(yaml_dt), "FM002")
    bad = good.replace("reading_time: 3", "reading_time: soon")
    (d,) = codes(lint(bad), "FM002")
    assert bad[d.start : d.end] == "soon" and "reading_time" in d.message
    (m,) = codes(lint("---\nlayout: post\n---\n\nx\n"), "FM002")
    assert "title" in m.message


CHAPTER = '---\ntitle: "第1章 はじめに"\nfree: true\n---\n\n本文です。\n'


def test_fm002_zenn_book_chapter_needs_only_a_title():
    # A chapter of a Zenn book: the book's keys are in books/<book>/config.yaml, not here.
    path = "repo/books/rust-guide/1.intro.md"
    assert detect_profile(parse_document(CHAPTER).front_matter.data, path) == "zenn"
    assert not codes(lint(CHAPTER, path), "FM002")
    assert not codes(lint(CHAPTER.replace("free: true\n", ""), path), "FM002")
    (missing,) = codes(lint(CHAPTER.replace('title: "第1章 はじめに"\n', ""), path), "FM002")
    assert "title" in missing.message
    (wrong,) = codes(lint(CHAPTER.replace("free: true", 'free: "yes"'), path), "FM002")
    assert wrong.line == 3
    # Linted without its path, a header with `free` and none of an article's keys is a chapter too.
    assert not codes(lint(CHAPTER, None, profile="zenn"), "FM002")
    # An article keeps its own schema, in a Zenn repository as elsewhere.
    article = " ".join(d.message for d in codes(lint(CHAPTER, "repo/articles/rust-guide.md"), "FM002"))
    assert "emoji" in article and "topics" in article


def test_fm002_profile_none_demands_nothing(data):
    text = "---\nauthor: azu\ndescription: 説明\nsponsors: []\n---\n\n# 第一部\n"
    assert not codes(lint(text, "source/basic/README.md"), "FM002")
    found = []
    for p in human_files(data):
        found += [(p.name, d.message) for d in lint(p.read_text(encoding="utf-8"), str(p), select=["FM002"])]
    assert found == []


def test_fm002_site_schema_from_config(tmp_path):
    schema = tmp_path / "site.json"
    schema.write_text(
        '{"type": "object", "required": ["lang"], "properties": {"lang": {"enum": ["ja", "en"]}}}', encoding="utf-8"
    )
    cfg_file = tmp_path / ".article-lint.toml"
    cfg_file.write_text('schema = "site.json"\n', encoding="utf-8")
    from article_studio.rules import load_config

    cfg = load_config(cfg_file).with_overrides(select=["FM002"])
    (d,) = lint_text("---\ntitle: x\nlang: fr\n---\n", None, cfg)
    assert "lang" in d.message and d.line == 3
    assert not lint_text("---\nlang: ja\n---\n", None, cfg)


def test_fm002_broken_site_schema_is_reported(tmp_path):
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    cfg = Config(select=["FM002"], schema=str(tmp_path / "bad.json"))
    (d,) = lint_text("---\ntitle: x\n---\n", None, cfg)
    assert "schema" in d.message


# -- FM003 / FM004 on the seed --------------------------------------------------------------------


def test_seed_reading_time(seed_text, seed_path):
    (d,) = codes(lint(seed_text, str(seed_path)), "FM003")
    assert d.data["declared"] == 8
    assert 15_000 < d.data["characters"] < 19_000
    assert d.data["computed"] == -(-d.data["characters"] // 500)
    assert "8" in d.message and f"{d.data['characters']:,}" in d.message
    assert seed_text[d.start : d.end] == "8"
    assert d.fix is not None and d.fix.applicability == "unsafe"
    fixed = apply_fix(seed_text, d.fix)
    assert f"reading_time: {d.data['computed']}\n" in fixed
    assert not codes(lint(fixed, str(seed_path)), "FM003")


def test_fm003_tolerance_and_speed():
    body = "あ" * 1000 + "。\n"  # 1001 characters: 3 minutes at 500 字/分, 1 at 1000
    text = "---\ntitle: t\nreading_time: 3\n---\n\n" + body
    assert not codes(lint(text), "FM003")
    assert codes(lint(text.replace("reading_time: 3", "reading_time: 5")), "FM003")
    assert not codes(lint(text.replace("reading_time: 3", "reading_time: 4")), "FM003")  # within 1 minute
    fast = lint_text(
        text.replace("reading_time: 3", "reading_time: 2"), None, Config(select=["FM003"], reading_speed=1000)
    )
    assert not fast
    slow = lint_text(text, None, Config(select=["FM003"], reading_speed=100))
    assert slow and slow[0].data["computed"] == 11


def test_seed_excerpt_is_generic(seed_text, seed_path):
    (d,) = codes(lint(seed_text, str(seed_path)), "FM004")
    assert seed_text[d.start : d.end] == '"Google、AnthropicとTPU契約について詳細に分析します。"'
    assert d.fix is None and not d.suggestions


@pytest.mark.parametrize(
    "excerpt",
    [
        "TPUの契約について解説します。",
        "本記事では最新のAIチップ事情を紹介します。",
        "この記事では新しいGPUについて詳しく説明していきます",
    ],
)
def test_fm004_generic_phrases(excerpt):
    text = f'---\nlayout: post\ntitle: T\nexcerpt: "{excerpt}"\n---\n\n本文。\n'
    assert codes(lint(text), "FM004")


def test_fm004_missing_short_long_and_title():
    base = "---\nlayout: post\ntitle: GoogleとAnthropicのTPU契約、その真意\n{x}---\n\n本文。\n"
    (missing,) = codes(lint(base.format(x="")), "FM004")
    assert missing.line == 1 and "excerpt" in missing.message
    # Zenn and unknown sites do not show an excerpt: no finding.
    assert not codes(lint("---\ntitle: t\n---\n\n本文。\n"), "FM004")
    good = "GoogleがAnthropicに巨額を投じ、TPUを100万個供給する契約の狙いを、GPU調達の事情から読み解く。"
    assert not codes(lint(base.format(x=f"excerpt: {good}\n")), "FM004")
    (short,) = codes(lint(base.format(x="excerpt: TPUの話\n")), "FM004")
    assert short.data["kind"] == "short"
    (long,) = codes(lint(base.format(x=f"excerpt: {good * 5}\n")), "FM004")
    assert long.data["kind"] == "long"
    (same,) = codes(lint(base.format(x="excerpt: GoogleとAnthropicのTPU契約、 その真意。\n")), "FM004")
    assert same.data["kind"] == "title"
    options = Config(select=["FM004"], rules={"excerpt": {"min-length": 2, "max-length": 0}})
    assert not lint_text(base.format(x=f"excerpt: {good * 5}\n"), None, options)


# -- FM005 --------------------------------------------------------------------------------------


def post(date_line: str) -> str:
    return f"---\nlayout: post\ntitle: T\n{date_line}\n---\n\n本文。\n"


def test_fm005_valid_dates():
    for line in (
        "date: 2025-10-26",
        "date: 2025-10-26 16:38:33 +0000",
        "date: 2025-10-26T16:38:33Z",
        'date: "2025-10-26 16:38"',
    ):
        assert not codes(lint(post(line)), "FM005"), line


def test_fm005_invalid_date():
    text = post("date: 2025-02-30")
    (d,) = codes(lint(text), "FM005")
    assert text[d.start : d.end] == "2025-02-30" and d.data["kind"] == "invalid"
    assert codes(lint(post("date: next week")), "FM005")


def test_fm005_future_date_and_option():
    text = post("date: 2999-01-01 10:00:00 +0900")
    (d,) = codes(lint(text), "FM005")
    assert d.data["kind"] == "future"
    assert not lint_text(text, None, Config(select=["FM005"], rules={"date": {"allow-future": True}}))
    assert codes(lint("---\ntitle: t\npublished_at: 2999-01-01 09:00\n---\n"), "FM005")


def test_fm005_jekyll_file_name():
    text = post("date: 2025-10-25 16:38:33 +0000")
    (d,) = codes(lint(text, "blog/_posts/2025-10-26-tpu.md"), "FM005")
    assert d.data["kind"] == "name" and "2025-10-26" in d.message
    assert not codes(lint(text, "blog/_posts/2025-10-25-tpu.md"), "FM005")
    assert not codes(lint(text, "blog/drafts/2025-10-26-tpu.md"), "FM005")


def test_fm005_generated_posts_match_their_file_names(data):
    posts = sorted((data / "corpus" / "generated").rglob("_posts/*.md"))
    assert posts
    text = posts[0].read_text(encoding="utf-8")
    assert not codes(lint(text, str(posts[0]), select=["FM005"]), "FM005")
    renamed = posts[0].with_name("1999-01-01-" + posts[0].name[11:])
    assert [d.data["kind"] for d in lint(text, str(renamed), select=["FM005"])] == ["name"]


# -- FM006 --------------------------------------------------------------------------------------


def test_fm006_duplicate_h1_with_fix():
    text = '---\nlayout: post\ntitle: "TPU契約の真意"\n---\n\n# TPU契約の真意\n\n本文です。\n\n# 別の話\n\n本文。\n'
    (d,) = codes(lint(text), "FM006")
    assert text[d.start : d.end] == "# TPU契約の真意" and d.line == 6
    assert d.fix.applicability == "unsafe"
    assert (
        apply_fix(text, d.fix) == '---\nlayout: post\ntitle: "TPU契約の真意"\n---\n\n本文です。\n\n# 別の話\n\n本文。\n'
    )
    assert not codes(lint(text.replace("\n# TPU", "\n## TPU")), "FM006")


def test_fm006_length_per_profile():
    long_title = "あ" * 75
    zenn = ZENN.replace("🦀 Rustの所有権", long_title)
    (d,) = codes(lint(zenn), "FM006")
    assert d.data["kind"] == "long" and "70" in d.message
    assert not codes(lint(f"---\nlayout: post\ntitle: {long_title}\n---\n\nx\n"), "FM006")
    cfg = Config(select=["FM006"], rules={"title": {"max-length": {"jekyll": 60}}})
    assert lint_text(f"---\nlayout: post\ntitle: {long_title}\n---\n\nx\n", None, cfg)


# -- FM007 --------------------------------------------------------------------------------------


def test_fm007_tags():
    text = '---\nlayout: post\ntitle: T\ntags: ["AI", "LLM", "ai", "", 3]\ncategories: [業界分析]\n---\n\nx\n'
    msgs = [d.message for d in codes(lint(text, language="en"), "FM007")]
    assert len(msgs) == 3
    assert any("twice" in m for m in msgs) and any("empty" in m for m in msgs) and any("3" in m for m in msgs)
    assert not codes(lint('---\nlayout: post\ntitle: T\ntags: ["AI", "LLM"]\n---\n\nx\n'), "FM007")


def test_fm007_zenn_topics():
    six = ZENN.replace('topics: ["rust"]', 'topics: ["rust", "go", "c", "cpp", "wasm", "cli"]')
    (d,) = codes(lint(six, language="en"), "FM007")
    assert "at most 5" in d.message
    upper = ZENN.replace('topics: ["rust"]', 'topics: ["Rust", "wasm"]')
    (u,) = codes(lint(upper), "FM007")
    assert "'Rust'" in u.message and u.fix.applicability == "safe"
    assert 'topics: ["rust", "wasm"]' in apply_fix(upper, u.fix)
    # Upper-case tags are fine outside Zenn.
    assert not codes(lint('---\nlayout: post\ntitle: T\ntags: ["Rust"]\n---\n'), "FM007")
    off = Config(select=["FM007"], rules={"tags": {"zenn-lowercase": False}})
    assert not lint_text(upper, None, off)


def test_qiita_and_drafts_profiles():
    qiita = {"title": "t", "tags": ["python"], "private": False, "updated_at": "", "id": None}
    assert detect_profile(qiita) == "qiita"
    assert detect_profile({"title": "t", "tags": ["x"], "private": False}, "public/new.md") == "qiita"
    assert detect_profile({"title": "t", "tags": ["x"], "private": False}) == "none"
    assert detect_profile({"title": "t"}, "site/_drafts/idea.md") == "jekyll"
    (d,) = codes(lint("---\ntitle: t\ntags: []\nprivate: false\nid: null\n---\n"), "FM002")
    assert "tags" in d.message


def test_impossible_nested_date_is_text_not_a_crash():
    doc = parse_document("---\ntitle: t\nextra: {when: 2025-13-01}\ndate: 2025-02-30\n---\n")
    assert doc.front_matter.ok and doc.front_matter.data["date"] == "2025-02-30"


def test_random_headers_never_crash():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    alphabet = st.sampled_from(list("-+:[]{}\"'#!&*|>\n\t a1🦀𠮷日\x00\ufeff"))

    @settings(max_examples=120, deadline=None, database=None)
    @given(st.text(alphabet, max_size=80), st.sampled_from(["---", "+++"]))
    def run(body, fence):
        notes: list[str] = []
        lint_text(
            f"{fence}\n{body}\n{fence}\n\n# x\n", "a/_posts/2025-01-01-x.md", Config(select=["FM", "MD"]), notes=notes
        )
        assert notes == []

    run()


@pytest.mark.parametrize("select, parsed", [(["JA"], False), (["FM"], True)])
def test_header_is_parsed_only_by_rules_that_read_it(select, parsed):
    """The JA rules only need to know where the header ends; YAML is not even loaded for them."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from article_studio.rules import config_from_mapping, lint_text\n"
        f"found = lint_text('---\\ntitle: [broken\\n---\\n本文です。\\n', 'a.md', config_from_mapping({{'select': {select!r}}}))\n"
        "print('yaml' in sys.modules, sorted({d.code for d in found}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split(" ", 1)
    assert out[0] == str(parsed)
    assert ("FM001" in out[1]) is parsed  # the broken header is still reported where it is read


def test_header_error_is_found_when_first_read():
    doc = parse_document("---\ntitle: [broken\n---\n本文\n", "a.md")
    assert doc.body_start == len("---\ntitle: [broken\n---\n")
    assert doc.front_matter.error.startswith("invalid YAML")
    assert doc.front_matter.data == {} and not doc.front_matter.ok
