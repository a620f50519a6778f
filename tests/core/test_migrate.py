"""article_studio.rules.engine.migrate: .textlintrc* to .article-lint.toml."""

from __future__ import annotations

import tomllib

import pytest

from article_studio.rules.engine.config import config_from_mapping
from article_studio.rules.engine.migrate import MigrationError, loads_lenient_json, migrate_textlintrc


@pytest.mark.parametrize(
    ("found", "preset", "sentence_length"),
    [
        (
            "generated/allforces-ai-blog/found-textlintrc.json",
            ["japanese", "ja-technical-writing", "ai-writing"],
            "japanese/sentence-length",
        ),
        ("human/js-primer/found-textlintrc.json", "ja-technical-writing", "sentence-length"),
    ],
)
def test_real_configs_migrate_to_loadable_toml(data, found, preset, sentence_length, tmp_path):
    src = data / "corpus" / found
    result = migrate_textlintrc(src)
    data = tomllib.loads(result.toml_text)
    # The migrated config names the site's prh dictionary: it must sit beside the config to load.
    for name in data.get("dictionaries", []):
        (tmp_path / name).write_bytes((src.parent / "found-prh.yml").read_bytes())
    cfg = config_from_mapping(data, tmp_path / ".article-lint.toml")
    assert cfg.preset == preset
    assert cfg.rules[sentence_length]["max"] in (95, 100)


def test_js_primer_details(data):
    result = migrate_textlintrc(data / "corpus" / "human" / "js-primer" / "found-textlintrc.json")
    data = tomllib.loads(result.toml_text)
    assert data["dictionaries"] == ["prh.yml"]
    assert "prh" not in data.get("rules", {})
    assert data["rules"]["max-kanji-continuous-len"]["allow"][0] == "倍精度浮動小数"
    assert any("'eslint'" in n for n in result.notes)
    assert any("'no-dead-link'" in n for n in result.notes)
    assert any("allowlist" in n for n in result.notes)


def test_lenient_json():
    text = '{\n  // comment\n  "rules": {"a": [1, 2,], /* x */ "b": "http://x//y",},\n}\n'
    assert loads_lenient_json(text) == {"rules": {"a": [1, 2], "b": "http://x//y"}}


def test_yaml_rc_with_disabled_rules_and_prh(tmp_path):
    rc = tmp_path / ".textlintrc.yml"
    rc.write_text(
        "rules:\n  preset-japanese:\n    max-ten: false\n    sentence-length: {max: 90}\n"
        "  textlint-rule-prh:\n    rulePaths: [dict/prh.yml]\n    checkLink: true\n"
        "  spellcheck-tech-word: true\n",
        encoding="utf-8",
    )
    result = migrate_textlintrc(rc)
    data = tomllib.loads(result.toml_text)
    assert data["preset"] == "japanese"
    assert data["ignore"] == ["max-ten"]
    assert data["dictionaries"] == ["dict/prh.yml"]
    assert data["rules"] == {"sentence-length": {"max": 90}, "prh": {"checkLink": True}}
    assert any("spellcheck-tech-word" in n for n in result.notes)


def test_extensionless_rc_may_be_yaml_and_nulls_are_dropped(tmp_path):
    rc = tmp_path / ".textlintrc"
    rc.write_text("rules:\n  max-comma:\n    max: 4\n    extra: null\n", encoding="utf-8")
    result = migrate_textlintrc(rc)
    # On its own, outside any preset, the rule runs in textlint: so it is turned on here.
    assert tomllib.loads(result.toml_text)["rules"]["max-comma"] == {"max": 4, "enabled": True}
    assert any("null" in n for n in result.notes)


def test_js_rc_object_literal(tmp_path):
    rc = tmp_path / ".textlintrc.js"
    rc.write_text(
        "// config\nmodule.exports = {\n  rules: {\n    'preset-ja-technical-writing': {\n"
        "      'max-comma': { max: 5 },\n    },\n  },\n};\n",
        encoding="utf-8",
    )
    result = migrate_textlintrc(rc)
    assert tomllib.loads(result.toml_text)["rules"]["max-comma"] == {"max": 5}
    assert any("never executed" in n for n in result.notes)


def test_js_rc_with_code_is_a_clear_error(tmp_path):
    rc = tmp_path / ".textlintrc.js"
    rc.write_text("const x = require('x');\nmodule.exports = { rules: x.rules() };\n", encoding="utf-8")
    with pytest.raises(MigrationError, match=r"\.textlintrc\.js"):
        migrate_textlintrc(rc)


@pytest.mark.parametrize(
    "name, content", [(".textlintrc.json", "{rules: [}"), (".textlintrc.json", "[1]"), (".textlintrc", "rules: [\n")]
)
def test_broken_rc_names_the_file(tmp_path, name, content):
    rc = tmp_path / name
    rc.write_text(content, encoding="utf-8")
    with pytest.raises(MigrationError, match=name.replace(".", r"\.")):
        migrate_textlintrc(rc)


def test_missing_file(tmp_path):
    with pytest.raises(MigrationError, match="nope"):
        migrate_textlintrc(tmp_path / "nope.json")


def test_several_presets_are_kept_each_with_its_options(tmp_path):
    rc = tmp_path / ".textlintrc.json"
    rc.write_text(
        '{"rules": {'
        '"textlint-rule-preset-japanese": {"no-mix-dearu-desumasu": {"preferInBody": "である"}, "max-ten": false},'
        '"preset-ja-technical-writing": {"sentence-length": {"max": 90}, "no-such-rule": {"x": 1}}}}',
        encoding="utf-8",
    )
    result = migrate_textlintrc(rc)
    data = tomllib.loads(result.toml_text)
    assert data["preset"] == ["japanese", "ja-technical-writing"]
    assert data["rules"] == {
        "japanese/no-mix-dearu-desumasu": {"preferInBody": "である"},
        "japanese/max-ten": {"enabled": False},
        "ja-technical-writing/sentence-length": {"max": 90},
    }
    assert any("preset 'ja-technical-writing' has no rule 'no-such-rule'" in n for n in result.notes)
    config_from_mapping(data, rc)  # loads


@pytest.mark.parametrize(
    "key",
    [
        "@textlint-rule/no-unmatched-pair",
        "@textlint-rule/textlint-rule-no-unmatched-pair",
        "textlint-rule-no-unmatched-pair",
        "no-unmatched-pair",
    ],
)
def test_scoped_and_unscoped_rule_names_are_recognised(tmp_path, key):
    rc = tmp_path / ".textlintrc.json"
    rc.write_text(f'{{"rules": {{"{key}": true}}}}', encoding="utf-8")
    result = migrate_textlintrc(rc)
    assert not any("no counterpart" in n for n in result.notes), result.notes
    assert tomllib.loads(result.toml_text)["rules"] == {"no-unmatched-pair": {"enabled": True}}


def test_prh_dictionaries_of_the_prh_package_become_builtin(tmp_path):
    rc = tmp_path / ".textlintrc.json"
    rc.write_text(
        '{"rules": {"prh": {"rulePaths": ["node_modules/prh/prh-rules/media/WEB+DB_PRESS.yml", "own.yml"]}}}',
        encoding="utf-8",
    )
    data = tomllib.loads(migrate_textlintrc(rc).toml_text)
    assert data["dictionaries"] == ["builtin:media/WEB+DB_PRESS", "own.yml"]


def test_site_config_migrates_its_japanese_rules_whole(data):
    result = migrate_textlintrc(data / "corpus" / "generated" / "allforces-ai-blog" / "found-textlintrc.json")
    table = tomllib.loads(result.toml_text)
    assert table["preset"] == ["japanese", "ja-technical-writing", "ai-writing"]
    assert table["rules"]["japanese/no-mix-dearu-desumasu"]["preferInBody"] == "である"
    assert table["rules"]["ai-writing/no-ai-hype-expressions"]["allows"][0] == "/最新の.*/i"
    assert not any("no counterpart" in n for n in result.notes), result.notes
    # Options for rules the preset does not have are reported, as textlint ignores them.
    for missing in ("ai-generated-phrases", "professional-tone"):
        assert any(f"preset 'ai-writing' has no rule '{missing}'" in n for n in result.notes), missing


def test_a_preset_rule_given_options_runs_with_them_instead_of_the_presets(tmp_path):
    """textlint replaces a preset's options for a rule with the user's (no merge): what the
    preset set and the user left out goes back to the rule's own default."""
    from article_studio.rules.engine.run import resolve_rules

    rc = tmp_path / ".textlintrc.json"
    rc.write_text(
        '{"rules": {"preset-ja-technical-writing": {"no-mix-dearu-desumasu": {"preferInBody": "である"}}}}',
        encoding="utf-8",
    )
    table = tomllib.loads(migrate_textlintrc(rc).toml_text)
    [setting] = [s for s in resolve_rules(config_from_mapping(table)) if s.rule.name == "no-mix-dearu-desumasu"]
    # The preset's preferInList "である" is gone, as textlint --print-config shows for this file.
    assert setting.options == {"preferInHeader": "", "preferInBody": "である", "preferInList": "", "strict": False}
