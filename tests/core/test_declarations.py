"""Rules declare everything about themselves, and configuration is checked against it."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from article_studio.rules import Config, ConfigError, config_from_mapping, lint_file, list_rules
from article_studio.rules.engine.catalog import rule_catalog
from article_studio.rules.engine.options import Option, Options
from article_studio.rules.engine.presets import preset_names, presets
from article_studio.rules.engine.registry import all_rules

KEBAB = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def test_every_option_is_typed_and_documented():
    for rule in all_rules():
        assert isinstance(rule.options, Options), rule.code
        for option in rule.options.specs.values():
            assert option.doc.strip(), (rule.code, option.name)
            assert option.problem(option.default) is None, (rule.code, option.name)


def test_the_projects_own_rules_name_options_in_kebab_case():
    for rule in all_rules():
        if rule.textlint_id:  # textlint's names are kept so textlint configs carry over
            continue
        for name in rule.options:
            assert KEBAB.match(name), (rule.code, name)


def test_presets_come_from_the_rules_declarations():
    table = presets()
    assert {"ja-technical-writing", "japanese", "none"} <= set(preset_names())
    tw = {name for name, value in table["ja-technical-writing"].items() if value is not False}
    assert len(tw) == 23  # textlint-rule-preset-ja-technical-writing 12.x
    assert table["ja-technical-writing"]["sentence-length"] == {"max": 100}
    assert table["ja-technical-writing"]["no-doubled-joshi"] == {"min_interval": 1}
    assert table["japanese"]["no-kangxi-radicals"] == {}
    assert table["japanese"]["ja-no-abusage"] is False
    assert all(value is False for value in table["none"].values())
    # The catalogue a run reads (without importing the rules) agrees with the rules.
    by_code = {rule.code: rule for rule in all_rules()}
    for entry in rule_catalog():
        assert dict(entry.presets) == {k: dict(v) for k, v in by_code[entry.code].presets.items()}


def test_rule_info_carries_the_declarations():
    info = {r.code: r for r in list_rules()}
    assert info["JA001"].option_docs["max"]
    assert info["JA001"].textlint_id == "sentence-length"
    assert "ja-technical-writing" in info["JA001"].presets
    assert info["AG001"].fixes == "mixed" and info["TM003"].fixes == "suggestion"
    assert info["RP002"].fixes == "none" and not info["RP002"].fixable


def test_option_types_are_checked():
    options = Options(Option("max", 100, "Longest."), Option("mode", "a", "Mode.", choices=("a", "b")))
    assert options.problems({"max": 3, "mode": "b"}) == []
    assert options.problems({"max": "abc"}) == ["option 'max' must be a whole number, not \"abc\""]
    assert options.problems({"max": True}) == ["option 'max' must be a whole number, not true"]
    assert options.problems({"mode": "c"}) == ['option \'mode\' must be one of "a", "b", not "c"']
    assert options.problems({"maxx": 1}) == ["unknown option 'maxx'; did you mean 'max'?"]
    with pytest.raises(ValueError):
        Options(Option("n", "x", "A number.", kind="int"))


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        ({"rules": {"sentence-lenght": {"max": 120}}}, "did you mean 'sentence-length'?"),
        ({"rules": {"sentence-length": {"maxx": 120}}}, "unknown option 'maxx'; did you mean 'max'?"),
        ({"rules": {"sentence-length": {"max": "abc"}}}, "option 'max' must be a whole number"),
        ({"rules": {"FM006": {"max_length": 3}}}, "did you mean 'max-length'?"),
        ({"rules": {"JA001": {"severity": "fatal"}}}, "severity must be one of"),
        ({"rules": {"JA001": {"enabled": "yes"}}}, "enabled must be true or false"),
        ({"select": ["XX999"]}, "'XX999' names no rule"),
        ({"ignore": ["no-such-rule"]}, "'no-such-rule' names no rule"),
        ({"per-file-ignores": {"*.md": ["ZZ"]}}, "'ZZ' names no rule"),
        ({"dictionaries": ["missing.yml"]}, "dictionary 'missing.yml' not found"),
        ({"dictionaries": ["builtin:NO_SUCH"]}, "no such built-in prh dictionary"),
        ({"preset": "ja-technical-writng"}, "did you mean 'ja-technical-writing'?"),
    ],
)
def test_config_mistakes_are_errors(tmp_path, table, expected):
    with pytest.raises(ConfigError, match=re.escape(expected)):
        config_from_mapping(table, tmp_path / ".article-lint.toml")


def test_valid_config_loads(tmp_path):
    (tmp_path / "prh.yml").write_text("version: 1\nrules: []\n", encoding="utf-8")
    cfg = config_from_mapping(
        {
            "select": ["AG", "JA0", "no-doubled-joshi"],
            "rules": {"sentence-length": {"max": 120, "severity": "error"}, "RP001": {"max-per-10000": 3}},
            "dictionaries": ["prh.yml", "builtin:WEB+DB_PRESS"],
        },
        tmp_path / ".article-lint.toml",
    )
    assert cfg.rules["sentence-length"]["max"] == 120


def test_a_config_built_in_code_is_checked_when_used(tmp_path):
    post = tmp_path / "a.md"
    post.write_text("# t\n\n本文です。\n", encoding="utf-8")
    result = lint_file(post, Config(select=["FM005"], rules={"date": {"allow_future": True}}))
    assert result.error is not None and "did you mean 'allow-future'?" in result.error


@pytest.mark.parametrize(
    "args",
    [["--select", "XX999"], ["--ignore", "AG999x"]],
)
def test_cli_selector_mistakes_exit_2(tmp_path, args):
    post = tmp_path / "a.md"
    post.write_text("# t\n\n本文です。\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "article_studio.rules", *args, str(post)], capture_output=True, text=True
    )
    assert proc.returncode == 2
    assert "names no rule" in proc.stderr and "Traceback" not in proc.stderr


def test_cli_config_mistake_exits_2_before_linting(tmp_path):
    (tmp_path / ".article-lint.toml").write_text('[rules.sentence-length]\nmax = "abc"\n', encoding="utf-8")
    post = tmp_path / "a.md"
    post.write_text("# t\n\n本文です。\n\n---END---\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "article_studio.rules", "--format", "json", str(post)], capture_output=True, text=True
    )
    assert proc.returncode == 2
    assert "option 'max' must be a whole number" in proc.stderr
    assert "AG001" not in proc.stdout  # nothing was linted with a half-applied config


def test_every_rules_check_is_typed():
    """Each rule's ``check`` names what it reads and what it gives, so mypy checks its body."""
    import typing

    from article_studio.rules.model import Diagnostic
    from article_studio.rules.reading.document import Document

    for rule in all_rules():
        hints = typing.get_type_hints(rule.check)
        assert hints.get("doc") is Document, rule.code
        assert hints.get("ctx").__name__ == "RuleContext", rule.code
        returned = hints.get("return")
        assert returned is not None and typing.get_args(returned) == (Diagnostic,), rule.code


def test_rules_read_declared_options_without_repeating_their_defaults():
    """An option's default is written once, in its declaration: the engine hands every rule all of
    its declared options, so ``ctx.options.get("max", 3)`` would be a second default to keep in step."""
    import importlib
    import inspect

    repeated = []
    for rule in all_rules():
        source = inspect.getsource(importlib.import_module(rule.__module__))
        for name in rule.options:
            if re.search(rf'\.get\("{re.escape(name)}",', source):
                repeated.append(f"{rule.code} {name}")
    assert repeated == []
