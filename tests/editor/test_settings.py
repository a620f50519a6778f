"""Preferences: rules and severities saved to the user's config, project configs, preview engine."""

from __future__ import annotations

from article_studio import rules

from .conftest import wait_linted

TEXT = "最初の段落です。\n\n---END---\n\n次の段落です。\n"


def _dialog(window):
    from article_studio.editor.settings_dialog import SettingsDialog

    return SettingsDialog(window.settings, window.user_config, window)


def test_rules_page_lists_every_rule_with_defaults(window):
    dlg = _dialog(window)
    page = dlg.rules_page
    infos = rules.list_rules()
    assert page.table.rowCount() == len(infos)
    defaults = rules.rule_severities()
    for row, info in enumerate(infos):
        assert page.table.item(row, 0).text() == info.code
        assert page.table.item(row, 1).text() == info.name
        assert page.table.item(row, 3).text() == defaults[info.code]
    assert page.severities() == defaults
    page.filter.setText("end-marker")
    shown = [r for r in range(page.table.rowCount()) if not page.table.isRowHidden(r)]
    assert [page.table.item(r, 0).text() for r in shown] == ["AG001"]


def test_turning_a_rule_off_removes_its_underlines_and_writes_config(window, qtbot):
    tab = window.new_document()
    tab.editor.setPlainText(TEXT)
    wait_linted(qtbot, tab)
    assert any(d.code == "AG001" for _, d in tab.editor.marks())

    dlg = _dialog(window)
    dlg.rules_page.set_enabled("AG001", False)
    assert dlg.rules_page.severities()["AG001"] == "off"
    dlg.rules_page.set_severity("AG002", "info")
    dlg.speed.setValue(650)
    dlg.profile.setCurrentText("zenn")
    window.apply_settings(config_changed=dlg.apply())

    qtbot.waitUntil(
        lambda: (
            tab.result is not None
            and tab.result.revision == tab.revision
            and not any(d.code == "AG001" for d in tab.result.diagnostics)
            and window.docks_result is tab.result  # the docks show it too (a turn after the editor)
        ),
        timeout=20000,
    )
    assert not any(d.code == "AG001" for _, d in tab.editor.marks())
    assert not any(d.code == "AG001" for d in window.problems.model.rows)

    path = window.user_config.path
    cfg = rules.load_config(path)
    assert cfg.rules["end-marker"] == {"severity": "off"}
    assert cfg.rules["cut-off-chunk"] == {"severity": "info"}
    assert cfg.reading_speed == 650 and cfg.profile == "zenn"
    assert len(cfg.rules) == 2  # only what differs from the defaults
    assert rules.rule_severities(cfg)["AG001"] == "off"

    # turning it back on restores the underline
    dlg = _dialog(window)
    assert dlg.rules_page.severities()["AG001"] == "off"
    dlg.rules_page.set_enabled("AG001", True)
    assert dlg.rules_page.severities()["AG001"] == "error"
    window.apply_settings(config_changed=dlg.apply())
    qtbot.waitUntil(lambda: any(d.code == "AG001" for _, d in tab.editor.marks()), timeout=20000)
    assert "end-marker" not in rules.load_config(path).rules


def test_enabling_a_rule_that_is_off_by_default(window):
    off = [code for code, sev in rules.rule_severities().items() if sev == "off"]
    assert off
    dlg = _dialog(window)
    dlg.rules_page.set_enabled(off[0], True)
    dlg.apply()
    states = rules.rule_severities(rules.load_config(window.user_config.path))
    assert states[off[0]] != "off"


def test_user_config_keeps_other_options_and_is_reloaded_when_edited(window, qtbot):
    path = window.user_config.path
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('[rules.sentence-length]\nmax = 10\nseverity = "error"\n', encoding="utf-8")
    assert window.reload_user_config()
    tab = window.new_document()
    tab.editor.setPlainText("これはとても長い一文になるように書かれた文章です。\n")
    res = wait_linted(qtbot, tab)
    assert any(d.name == "sentence-length" and d.severity == "error" for d in res.diagnostics)
    dlg = _dialog(window)
    code = next(r.code for r in rules.list_rules() if r.name == "sentence-length")
    assert dlg.rules_page.severities()[code] == "error"
    dlg.rules_page.set_severity(code, "info")
    dlg.apply()
    assert rules.load_config(path).rules["sentence-length"] == {"max": 10, "severity": "info"}
    dlg = _dialog(window)
    dlg.rules_page.reset()  # the default severity: only the option stays
    dlg.apply()
    assert rules.load_config(path).rules["sentence-length"] == {"max": 10}


def test_project_config_wins_and_its_error_is_shown(window, qtbot, tmp_path):
    dlg = _dialog(window)
    dlg.rules_page.set_enabled("AG001", False)
    window.apply_settings(config_changed=dlg.apply())

    project = tmp_path / "site"
    project.mkdir()
    (project / ".article-lint.toml").write_text("ignore = []\n", encoding="utf-8")
    post = project / "post.md"
    post.write_text(TEXT, encoding="utf-8")
    tab = window.open_file(str(post))
    res = wait_linted(qtbot, tab)
    assert any(d.code == "AG001" for d in res.diagnostics)  # the project's config, not the user's
    assert not tab.config_bar.isVisible()

    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / ".article-lint.toml").write_text('profile = "wordpress"\n', encoding="utf-8")
    other = broken / "post.md"
    other.write_text(TEXT, encoding="utf-8")
    tab2 = window.open_file(str(other))
    wait_linted(qtbot, tab2)
    assert tab2.config_bar.isVisible()
    assert ".article-lint.toml" in tab2.config_bar.label.text()
    assert "wordpress" in tab2.config_bar.label.text()


def test_messages_follow_the_ui_language_unless_the_config_sets_one(tmp_path):
    from article_studio.editor.user_config import UserConfig, document_config

    user = UserConfig.load(tmp_path / "config" / "article-lint.toml")
    english, _ = document_config(None, user, "en")
    assert [d.message for d in rules.lint_text(TEXT, None, english) if d.code == "AG001"] == [
        "Chunk marker left by the generator: delete it."
    ]
    assert document_config(None, user, "ja")[0].language == "ja"
    assert user.config.language is None  # the user's config itself is left as it is
    project = tmp_path / "site"
    project.mkdir()
    (project / ".article-lint.toml").write_text('language = "ja"\n', encoding="utf-8")
    post = project / "post.md"
    post.write_text(TEXT, encoding="utf-8")
    cfg, error = document_config(str(post), user, "en")
    assert error is None and cfg.language == "ja"


def test_preview_engine_falls_back_to_text_browser(window, monkeypatch):
    from PySide6.QtWidgets import QTextBrowser

    from article_studio.editor import previews

    monkeypatch.setattr(previews, "webengine_available", lambda: False)
    window.settings.preview_engine = "webengine"
    tab = window.new_document()
    assert isinstance(tab.preview, QTextBrowser) and tab.preview.engine == "textbrowser"
    dlg = _dialog(window)
    item = dlg.engine.model().item(1)
    assert dlg.engine.itemData(1) == "webengine" and not item.isEnabled()
    assert dlg.engine.currentData() == "textbrowser"
    assert "webengine" in dlg.engine_hint.text()


def test_preview_engine_setting_is_remembered(window):
    from article_studio.editor.settings import Settings

    window.settings.preview_engine = "webengine"
    window.settings.save()
    assert Settings.load().preview_engine == "webengine"


def test_switching_the_theme_recolours_without_taking_it_for_an_edit(window, qtbot, monkeypatch):
    """The highlighter's new colours made the document say its contents changed: the tab took
    that for an edit and linted a second time, besides the lint for the preview's colours."""
    from article_studio.editor import lint_worker

    tab = window.new_document()
    tab.editor.setPlainText("# 見出し\n\n**強調**した文です。\n")
    wait_linted(qtbot, tab)
    posted: list[str] = []
    post = lint_worker.LintWorker.post
    monkeypatch.setattr(lint_worker.LintWorker, "post", lambda self, req: (posted.append(req.dark), post(self, req)))
    revision, modified = tab.revision, tab.is_modified()
    tab.set_dark(not tab.dark)
    wait_linted(qtbot, tab)
    qtbot.wait(lint_worker.LONG_DELAY_MS + 200)  # time for a second, debounced lint to be asked for
    assert tab.revision == revision and tab.is_modified() == modified
    assert posted == [tab.dark]  # one lint, for the preview in the new colours
    heading = tab.editor.document().firstBlock().layout().formats()
    assert heading and heading[0].format.foreground().color() == tab.highlighter.formats["heading"].foreground().color()
