"""Reading, writing and evaluating a config file as a table (the editor's user config)."""

from __future__ import annotations

import pytest

from article_studio import rules


def test_write_config_round_trips_and_loads(tmp_path):
    path = tmp_path / "sub" / "article-lint.toml"
    table = {
        "profile": "zenn",
        "reading-speed": 700,
        "rules": {"sentence-length": {"severity": "error", "max": 90}, "no-doubled-joshi": {"severity": "off"}},
    }
    cfg = rules.write_config(path, table)
    assert cfg.profile == "zenn" and cfg.reading_speed == 700
    assert rules.read_config_table(path) == table
    loaded = rules.load_config(path)
    assert loaded.rules["sentence-length"] == {"severity": "error", "max": 90}
    states = rules.rule_severities(loaded)
    codes = {r.name: r.code for r in rules.list_rules()}
    assert states[codes["sentence-length"]] == "error"
    assert states[codes["no-doubled-joshi"]] == "off"
    assert not list(tmp_path.glob("sub/.*tmp"))


def test_write_config_refuses_invalid_table_and_keeps_old_file(tmp_path):
    path = tmp_path / "article-lint.toml"
    rules.write_config(path, {"reading-speed": 600})
    before = path.read_bytes()
    with pytest.raises(rules.ConfigError):
        rules.write_config(path, {"rules": {"sentence-length": {"severity": "fatal"}}})
    assert path.read_bytes() == before


def test_read_config_table_missing_and_broken(tmp_path):
    assert rules.read_config_table(tmp_path / "none.toml") == {}
    bad = tmp_path / "bad.toml"
    bad.write_text("reading-speed = [\n", encoding="utf-8")
    with pytest.raises(rules.ConfigError, match="bad.toml"):
        rules.read_config_table(bad)


def test_rule_severities_default_matches_list_rules():
    states = rules.rule_severities()
    infos = rules.list_rules()
    assert set(states) == {r.code for r in infos}
    assert all(v in ("error", "warning", "info", "off") for v in states.values())
    assert states["AG001"] == next(r.severity for r in infos if r.code == "AG001")
