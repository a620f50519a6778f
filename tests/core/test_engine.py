"""Engine behaviour: suppression comments, severities and options from config, the fixer."""

from __future__ import annotations

import pytest

from article_studio.rules import Config, apply_fix, config_from_mapping, fix_text, lint_text
from article_studio.rules.engine.fixer import apply_edits
from article_studio.rules.model import Edit

MARKERS = "一つ目です。\n\n---END---\n\n二つ目です。\n\n---END---\n"


def codes(text, **cfg):
    return [d.code for d in lint_text(text, None, config_from_mapping(cfg) if cfg else Config(select=["AG001"]))]


def test_disable_next_line():
    text = "一つ目です。\n\n<!-- article-lint-disable-next-line AG001 -->\n---END---\n\n二つ目です。\n\n---END---\n"
    diags = lint_text(text, None, Config(select=["AG001"]))
    assert [d.line for d in diags] == [8]


def test_disable_enable_block_and_file():
    text = "<!-- article-lint-disable AG001 -->\n\n---END---\n\n<!-- article-lint-enable AG001 -->\n\n---END---\n"
    assert [d.line for d in lint_text(text, None, Config(select=["AG001"]))] == [7]
    assert lint_text("<!-- article-lint-disable-file -->\n" + MARKERS, None, Config(select=["AG001"])) == []
    # textlint's filter comments are honoured too.
    assert lint_text("<!-- textlint-disable -->\n" + MARKERS, None, Config(select=["AG001"])) == []


LONG = "これは" + "とても" * 40 + "長い文です。\n"


@pytest.mark.parametrize(
    "rule_id",
    [
        "sentence-length",
        "JA001",
        "ja001",
        "textlint-rule-sentence-length",
        "ja-technical-writing/sentence-length",
        "preset-ja-technical-writing/sentence-length",
        "textlint-rule-preset-ja-technical-writing/sentence-length",
        "japanese/sentence-length",
        "other-rule, ja-technical-writing/sentence-length",
        "ja-technical-writing/sentence-length -- a quoted passage",
    ],
)
def test_textlint_rule_ids_in_comments(rule_id):
    cfg = Config(select=["sentence-length"])
    assert [d.code for d in lint_text(LONG, None, cfg)] == ["JA001"]
    text = f"<!-- textlint-disable {rule_id} -->\n\n{LONG}\n<!-- textlint-enable {rule_id} -->\n\n{LONG}"
    assert [d.line for d in lint_text(text, None, cfg)] == [7]


def test_scoped_preset_ids_and_ids_of_other_rules():
    from article_studio.rules.engine.run import rule_id_key

    assert rule_id_key("@textlint-ja/preset-ai-writing/no-ai-list-formatting") == "no-ai-list-formatting"
    assert (
        rule_id_key("@textlint-ja/textlint-rule-preset-ai-writing/no-ai-hype-expressions") == "no-ai-hype-expressions"
    )
    assert rule_id_key("@textlint-ja/textlint-rule-no-synonyms") == "no-synonyms"
    cfg = Config(select=["sentence-length", "max-ten"])
    text = LONG + "\nこれは、これは、これは、これは、これはだめ。\n"
    found = {d.name for d in lint_text(text, None, cfg)}
    assert found == {"sentence-length", "max-ten"}
    hidden = "<!-- textlint-disable @textlint-ja/preset-example/sentence-length -->\n\n" + text
    assert {d.name for d in lint_text(hidden, None, cfg)} == {"max-ten"}
    # A rule id that names another rule hides nothing.
    other = "<!-- textlint-disable ja-technical-writing/no-doubled-joshi -->\n\n" + text
    assert {d.name for d in lint_text(other, None, cfg)} == found


def test_severity_and_options_from_config():
    cfg = config_from_mapping(
        {
            "select": ["AG001", "sentence-length"],
            "rules": {"end-marker": {"severity": "warning"}, "sentence-length": {"max": 5}},
        }
    )
    diags = lint_text("とても長い文になっています。\n\n---END---\n", None, cfg)
    assert {d.code: d.severity for d in diags} == {"AG001": "warning", "JA001": "warning"}
    off = config_from_mapping({"select": ["AG001"], "rules": {"AG001": {"severity": "off"}}})
    assert lint_text(MARKERS, None, off) == []


def test_fixes_apply_once_and_are_stable():
    fixed = fix_text(MARKERS, None, Config(select=["AG001"]))
    assert "---END---" not in fixed
    assert fix_text(fixed, None, Config(select=["AG001"])) == fixed
    diag = lint_text(MARKERS, None, Config(select=["AG001"]))[0]
    assert "---END---" not in apply_fix(MARKERS, diag.fix).split("\n\n")[1]


def test_overlapping_edits_are_skipped():
    assert apply_edits("abcdef", [Edit(0, 3, "X"), Edit(2, 4, "Y"), Edit(4, 6, "Z")]) == "XdZ"


def test_a_broken_rule_is_a_note_not_a_crash(monkeypatch):
    from article_studio.rules.checks.ag.end_marker import EndMarker

    def boom(self, doc, ctx):
        raise RuntimeError("kaboom")

    monkeypatch.setattr(EndMarker, "check", boom)
    notes: list[str] = []
    assert lint_text(MARKERS, None, Config(select=["AG001"]), notes) == []
    assert notes and "AG001" in notes[0] and "kaboom" in notes[0]


def test_rule_catalogue_is_consistent():
    from article_studio.rules import list_rules

    rules = list_rules()
    assert len({r.code for r in rules}) == len(rules)
    assert len({r.name for r in rules}) == len(rules)
    for r in rules:
        for section in ("What it does", "Why", "Example", "Fix"):
            assert section in r.doc, f"{r.code} docstring lacks {section}"


def test_core_never_imports_qt():
    import pathlib
    import re

    root = pathlib.Path(__file__).resolve().parents[2] / "rules"
    offenders = [
        p
        for p in root.rglob("*.py")
        if re.search(r"^\s*(from|import)\s+(PySide6|PyQt\d|shiboken)", p.read_text(encoding="utf-8"), re.M)
    ]
    assert offenders == []


def test_rule_reference_is_current():
    import pathlib

    from article_studio.rules.output.ruledocs import render_markdown

    path = pathlib.Path(__file__).resolve().parents[2] / "docs" / "rules.md"
    assert path.read_text(encoding="utf-8") == render_markdown(), (
        "docs/rules.md is stale: run python -m article_studio.rules.cli.generate docs > docs/rules.md"
    )


def test_rule_catalog_is_current():
    import pathlib

    from article_studio.rules.engine.catalog import render_catalog

    path = pathlib.Path(__file__).resolve().parents[2] / "rules" / "checks" / "_catalog.py"
    assert path.read_text(encoding="utf-8") == render_catalog(), (
        "rules/checks/_catalog.py is stale: run python -m article_studio.rules.cli.generate catalog > rules/checks/_catalog.py"
    )


def test_a_run_imports_only_the_rules_it_runs():
    """A JA-only config (as migrated from textlint) does not load the other rules' modules."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from article_studio.rules import lint_text, config_from_mapping\n"
        "lint_text('本文です。', config=config_from_mapping({'select': ['JA']}))\n"
        "loaded = sorted(m for m in sys.modules if m.startswith('article_studio.rules.checks.'))\n"
        "print(' '.join(loaded))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert any(m.startswith("article_studio.rules.checks.ja.") for m in out)
    assert [m for m in out if m.split(".")[2] in ("ag", "fm", "md", "rp", "tm")] == []


def test_config_changes_are_seen_without_restarting(tmp_path):
    from article_studio.rules import config_for

    cfg_file = tmp_path / ".article-lint.toml"
    cfg_file.write_text("reading-speed = 400\n", encoding="utf-8")
    post = tmp_path / "post.md"
    post.write_text("本文です。\n", encoding="utf-8")
    assert config_for(post).reading_speed == 400
    cfg_file.write_text("reading-speed = 1200\n", encoding="utf-8")
    assert config_for(post).reading_speed == 1200


def test_several_presets_run_a_shared_rule_once_each_with_its_options():
    from article_studio.rules.engine.run import resolve_rules

    text = "# 見出し\n\nこれはペンである。あれは本です。\n"
    one = config_from_mapping({"preset": "ja-technical-writing"})
    both = config_from_mapping(
        {
            "preset": ["japanese", "ja-technical-writing"],
            "rules": {"japanese/no-mix-dearu-desumasu": {"preferInBody": "である"}},
        }
    )
    instances = [(s.preset, s.options["preferInBody"]) for s in resolve_rules(both) if s.rule.code == "JA005"]
    assert instances == [("japanese", "である"), ("ja-technical-writing", "ですます")]
    mixed = [d for d in lint_text(text, "a.md", both) if d.code == "JA005"]
    assert len(mixed) == 2 and len({d.message for d in mixed}) == 2  # each instance reports its own style
    # sentence-length is in both presets with the same options: its findings are not doubled.
    long_text = "# t\n\n" + "あ" * 120 + "。\n"
    assert [d.code for d in lint_text(long_text, "a.md", both) if d.code == "JA001"] == ["JA001"]
    assert [d.code for d in lint_text(long_text, "a.md", one) if d.code == "JA001"] == ["JA001"]


def test_a_preset_instance_can_be_turned_off_alone():
    from article_studio.rules.engine.run import resolve_rules

    cfg = config_from_mapping(
        {"preset": ["japanese", "ja-technical-writing"], "rules": {"japanese/sentence-length": {"enabled": False}}}
    )
    assert [s.preset for s in resolve_rules(cfg) if s.rule.code == "JA001"] == ["ja-technical-writing"]


def test_a_duplicate_finding_has_the_same_range_severity_and_message():
    """As textlint's filter: findings at one start with different ends are both kept."""
    from article_studio.rules.engine.run import finish
    from article_studio.rules.model import Diagnostic
    from article_studio.rules.reading.document import Document

    doc = Document("あいうえお\n", "a.md")
    found = [
        Diagnostic("JA001", "sentence-length", "warning", "m", 0, 2),
        Diagnostic("JA001", "sentence-length", "warning", "m", 0, 2),
        Diagnostic("JA001", "sentence-length", "warning", "m", 0, 4),
        Diagnostic("JA001", "sentence-length", "error", "m", 0, 4),
    ]
    assert [(d.end, d.severity) for d in finish(doc, found)] == [(2, "warning"), (4, "warning"), (4, "error")]
