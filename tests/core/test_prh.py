"""TM002 prh: the dictionary loader, the matcher and the rule."""

from __future__ import annotations

import json
import re

import pytest

from article_studio.rules import Config, apply_fixes, fix_text, lint_text
from article_studio.rules.terminology.prh import (
    PrhError,
    builtin_names,
    js_regex_source_to_python,
    load_dictionary,
    make_rule,
    resolve_dictionary,
)


def _prh(text: str, cfg: Config) -> list:
    return [d for d in lint_text(text, "post.md", cfg) if d.code == "TM002"]


def _config(tmp_path, dictionary: str, **options) -> Config:
    (tmp_path / "prh.yml").write_text(dictionary, encoding="utf-8")
    cfg = Config(source=tmp_path / ".article-lint.toml", select=["TM002"])
    cfg.dictionaries = ["prh.yml"]
    if options:
        cfg.rules["prh"] = options
    return cfg


# --- shipped dictionaries ---------------------------------------------------------------


@pytest.mark.parametrize("name", builtin_names())
def test_every_builtin_dictionary_loads_with_its_specs(name):
    # Loading runs every rule's specs (input -> expected output) and raises on a failure.
    dictionary = load_dictionary(resolve_dictionary(name))
    for rule in dictionary.rules:
        assert rule.failed_specs() == []


def _spec_cases():
    from tests.conftest import DATA

    path = DATA / "conformance" / "prh-specs.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else []


@pytest.mark.parametrize("case", _spec_cases(), ids=lambda c: f"{c['dictionary']}:{c['text']}")
def test_dictionary_specs_through_the_fixer(case, tmp_path):
    """Each spec text, linted with its whole dictionary and fixed once, gives textlint-rule-prh's output.

    One pass, as ``textlint --fix``: WEB+DB_PRESS itself turns ``webpack`` back into ``Webpack``.
    """
    name = "builtin:" + case["dictionary"].removeprefix("prh/").removesuffix(".yml")
    cfg = Config(source=tmp_path / ".article-lint.toml", select=["TM002"], dictionaries=[name])
    found = _prh(case["text"], cfg)
    assert len(found) == case["textlint_errors"], [d.message for d in found]
    assert apply_fixes(case["text"], found) == case["textlint_output"]


def test_builtin_names_include_short_and_path_forms():
    names = builtin_names()
    assert "builtin:WEB+DB_PRESS" in names and "builtin:media/WEB+DB_PRESS" in names
    # Two files are called review.yml: only their paths name them.
    assert "builtin:review" not in names and "builtin:terms/review" in names
    with pytest.raises(PrhError, match="builtin:nope"):
        resolve_dictionary("builtin:nope")


# --- patterns -----------------------------------------------------------------------------


def test_expected_only_rule_matches_case_and_width_variants():
    rule = make_rule({"expected": "jQuery"})
    assert rule.apply("jquery と ＪＱＵＥＲＹ と JQuery") == "jQuery と jQuery と jQuery"


def test_word_boundary_is_ascii_as_in_javascript():
    rule = make_rule({"expected": "js", "options": {"wordBoundary": True}})
    assert rule.apply("foo JS bar") == "foo js bar"
    assert rule.apply("foo altJS bar") == "foo altJS bar"
    assert rule.apply("今日もJS祭り") == "今日もjs祭り"  # kanji are not \w in JavaScript


def test_javascript_classes_translate():
    assert re.search(js_regex_source_to_python(r"a\sb"), "a\u3000b")  # JS \s includes U+3000
    assert not re.search(js_regex_source_to_python(r"\d"), "３")  # JS \d is ASCII only
    assert re.fullmatch(js_regex_source_to_python(r"(?<y>\d{4})-\k<y>"), "2024-2024")
    assert re.fullmatch(js_regex_source_to_python(r"[^]+"), "a\nb")


def test_regexp_must_empty_and_groups():
    rule = make_rule({"expected": "ソフトウェア", "pattern": "/(日経)?ソフトウエア/", "regexpMustEmpty": "$1"})
    assert rule.apply("広義のソフトウエア、日経ソフトウエア") == "広義のソフトウェア、日経ソフトウエア"
    paren = make_rule({"expected": "（$1）", "pattern": r"/\(([^)]+)\)/"})
    assert paren.apply("(笑)") == "（笑）"
    assert make_rule({"expected": "$0-$9", "pattern": "/x/"}).apply("x") == "$0-$9"


def test_pattern_list_and_patterns_alias():
    rule = make_rule({"expected": "ハードウェア", "patterns": ["ハードウエアー", "ハードウエア"]})
    assert rule.apply("ハードウエアーとハードウエア") == "ハードウェアとハードウェア"


def test_literal_pattern_is_escaped():
    rule = make_rule({"expected": "C++", "pattern": "c++"})
    assert rule.apply("c++ と cxx") == "C++ と cxx"


# --- loading -----------------------------------------------------------------------------


def test_imports_are_relative_recursive_and_cycle_safe(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.yml").write_text("version: 1\nimports:\n  - sub/b.yml\nrules:\n  - expected: Alpha\n")
    (tmp_path / "sub" / "b.yml").write_text("version: 1\nimports: [../a.yml, c.yml]\nrules:\n  - expected: Beta\n")
    (tmp_path / "sub" / "c.yml").write_text(
        "version: 1\nrules:\n  - expected: Gamma\n  - expected: Alpha\n    pattern: alfa\n"
    )
    dictionary = load_dictionary(tmp_path / "a.yml")
    # a's own Alpha wins over c's rule with the same expected, as prh merges.
    assert [r.expected for r in dictionary.rules] == ["Alpha", "Beta", "Gamma"]


def test_import_options_disable_imports_and_ignore_rules(tmp_path):
    (tmp_path / "a.yml").write_text(
        "version: 1\nimports:\n  - path: b.yml\n    disableImports: true\n"
        "    ignoreRules: [{expected: Beta}]\nrules: []\n"
    )
    (tmp_path / "b.yml").write_text("version: 1\nimports: [c.yml]\nrules:\n  - expected: Beta\n  - expected: Delta\n")
    (tmp_path / "c.yml").write_text("version: 1\nrules:\n  - expected: Gamma\n")
    assert [r.expected for r in load_dictionary(tmp_path / "a.yml").rules] == ["Delta"]


@pytest.mark.parametrize(
    "content, fragment",
    [
        ("rules: [\n", "invalid YAML"),
        ("- a\n- b\n", "mapping"),
        ("version: 1\nrules:\n  - pattern: x\n", "expected is required"),
        ("version: 1\nrules:\n  - expected: a\n    pattern: /a(b/\n", "cannot be used"),
        ("version: 1\nrules:\n  - expected: Go\n    specs:\n      - from: golang\n        to: Go\n", "spec failed"),
        ("version: 1\nimports: [missing.yml]\n", "not found"),
    ],
)
def test_bad_dictionary_is_an_error_naming_the_file(tmp_path, content, fragment):
    path = tmp_path / "bad.yml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(PrhError) as info:
        load_dictionary(path)
    assert fragment in str(info.value)
    assert "bad.yml" in str(info.value) or "missing.yml" in str(info.value)


def test_bad_dictionary_is_reported_not_raised(tmp_path):
    cfg = _config(tmp_path, "rules: [\n")
    found = _prh("本文。\n", cfg)
    assert len(found) == 1 and "prh.yml" in found[0].message and found[0].start == 0


def test_cache_notices_an_edited_dictionary(tmp_path):
    path = tmp_path / "d.yml"
    path.write_text("version: 1\nrules:\n  - expected: Alpha\n", encoding="utf-8")
    assert [r.expected for r in load_dictionary(path).rules] == ["Alpha"]
    import os

    path.write_text("version: 1\nrules:\n  - expected: Beta\n", encoding="utf-8")
    st = path.stat()
    os.utime(path, (st.st_atime, st.st_mtime + 5))
    assert [r.expected for r in load_dictionary(path).rules] == ["Beta"]


# --- the rule -----------------------------------------------------------------------------

DICT = """version: 1
rules:
  - expected: jQuery
  - expected: デフォルト
    pattern: ディフォルト
    prh: 表記をデフォルトに統一してください
"""


def test_message_position_and_safe_fix(tmp_path):
    cfg = _config(tmp_path, DICT)
    text = "---\ntitle: t\n---\n\nまずjqueryを使うと、ディフォルトになる。\n"
    found = _prh(text, cfg)
    assert [d.message for d in found] == [
        "jquery => jQuery",
        "ディフォルト => デフォルト\n表記をデフォルトに統一してください",
    ]
    assert text[found[0].start : found[0].end] == "jquery"
    assert found[0].fix.applicability == "safe"
    assert fix_text(text, "post.md", cfg) == "---\ntitle: t\n---\n\nまずjQueryを使うと、デフォルトになる。\n"


def test_code_links_emphasis_quotes_skipped_by_default(tmp_path):
    cfg = _config(tmp_path, DICT)
    text = "`jquery` と [jquery](https://example.com) と *jquery*\n\n> jquery\n\n```js\n// jquery\n```\n\n**jquery**\n"
    found = _prh(text, cfg)
    assert [text[d.start : d.end] for d in found] == ["jquery"]
    assert found[0].start == text.index("**jquery**") + 2


def test_options_turn_checks_on_and_off(tmp_path):
    cfg = _config(
        tmp_path,
        DICT,
        checkLink=True,
        checkEmphasis=True,
        checkBlockQuote=True,
        checkHeader=False,
        checkCodeComment=["js"],
    )
    text = '# jquery\n\n[jquery](u) *jquery*\n\n> - jquery\n\n```js\nconst s = "// jquery"; /* jquery */\n```\n'
    found = _prh(text, cfg)
    starts = [d.start for d in found]
    assert text.index("jquery") not in starts  # heading off
    assert len(found) == 4
    assert starts[-1] == text.index("/* jquery") + 3  # the string that looks like a comment is not one


def test_match_does_not_cross_inline_nodes(tmp_path):
    cfg = _config(tmp_path, "version: 1\nrules:\n  - expected: Go言語\n    pattern: golang\n")
    assert _prh("go`x`lang と **go**lang\n", cfg) == []
    assert len(_prh("golang\n", cfg)) == 1


def test_off_without_dictionaries():
    assert _prh("jquery ディフォルト\n", Config(select=["TM002"])) == []


def test_rule_path_option_resolves_against_config(tmp_path):
    (tmp_path / "dicts").mkdir()
    (tmp_path / "dicts" / "d.yml").write_text(DICT, encoding="utf-8")
    cfg = Config(source=tmp_path / ".article-lint.toml", select=["prh"], rules={"prh": {"rulePaths": ["dicts/d.yml"]}})
    assert [d.message for d in _prh("jquery\n", cfg)] == ["jquery => jQuery"]


def test_builtin_dictionary_on_the_seed(seed_text):
    cfg = Config(select=["TM002"], dictionaries=["builtin:WEB+DB_PRESS"])
    found = _prh(seed_text, cfg)
    for d in found:
        actual, expected = d.message.split("\n")[0].split(" => ")
        assert seed_text[d.start : d.end] == actual != expected
    fixed = fix_text(seed_text, "post.md", cfg)
    assert _prh(fixed, cfg) == [] or len(_prh(fixed, cfg)) < len(found)


CARELESS = """\
version: 1
rules:
  - expected: テーブル
    pattern: table
  - expected: ゼロから
    pattern: 0から
  - expected: ToDo
    pattern: /todo/i
  - expected: $1なし
    pattern: /([A-Z])無し/
  - expected: jQuery
"""


def test_a_match_inside_a_word_is_reported_but_never_fixed(tmp_path):
    cfg = _config(tmp_path, CARELESS)
    text = "Immutableな値。JGD2000からJGD2011へ。TODOとtodo。SRID無しの場合。tableを作る。\n"
    found = {text[d.start : d.end]: d.fix for d in _prh(text, cfg)}
    assert set(found) == {"table", "0から", "TODO", "todo", "D無し"}
    fixed = fix_text(text, "post.md", cfg)
    # Only what changes no word: todo → ToDo, SRID無し → SRIDなし (the edit is 無し alone), table.
    assert fixed == "Immutableな値。JGD2000からJGD2011へ。TODOとToDo。SRIDなしの場合。テーブルを作る。\n"


def test_addresses_paths_and_identifiers_are_not_rewritten(tmp_path):
    cfg = _config(tmp_path, CARELESS)
    text = "numpy.org/doc/table/ と jquery.min.js と my_jquery と JQUERY_URL=x と jqueryを使う。\n"
    assert fix_text(text, "post.md", cfg) == text.replace("jqueryを", "jQueryを")


def test_code_comment_changes_are_offered_not_applied(tmp_path):
    cfg = _config(tmp_path, CARELESS, checkCodeComment=["js"])
    text = "```js\n// jquery\n```\n"
    found = _prh(text, cfg)
    assert [d.fix.applicability for d in found] == ["display"]
    assert fix_text(text, "post.md", cfg) == text
