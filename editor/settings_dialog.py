"""Preferences: a General page (profile, reading speed, theme, language, preview engine, web
images in the preview) and a Rules page (each rule on or off, and its severity).

Profile, reading speed and the rules are lint settings: they are saved to the user's config file
(``user_config``), the rest to QSettings.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from article_studio import rules

from . import previews
from .i18n import rule_summary, tr
from .settings import LANGUAGES, PREVIEW_ENGINES, PROFILES, THEMES
from .user_config import SEVERITY_CHOICES, UserConfig


def _plain(summary: str) -> str:
    return summary.replace("``", "").replace("`", "")


class RulesPage(QWidget):
    """Every rule: a check box (on/off) and a severity; defaults shown beside them."""

    COLUMNS = ("Code", "Name", "Summary", "Default", "Severity")

    def __init__(self, user_config: UserConfig, parent=None):
        super().__init__(parent)
        self.infos = rules.list_rules()
        self.defaults = user_config.default_severities()
        current = user_config.severities()
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(tr("Filter rules"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._apply_filter)
        reset = QPushButton(tr("Reset to defaults"))
        reset.clicked.connect(self.reset)
        self.table = QTableWidget(len(self.infos), len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels([tr(c) for c in self.COLUMNS])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.combos: dict[str, QComboBox] = {}
        self.checks: dict[str, QTableWidgetItem] = {}
        self._updating = False
        for row, info in enumerate(self.infos):
            check = QTableWidgetItem(info.code)
            check.setFlags(Qt.ItemIsEnabled | Qt.ItemIsUserCheckable | Qt.ItemIsSelectable)
            check.setData(Qt.UserRole, info.code)
            self.checks[info.code] = check
            self.table.setItem(row, 0, check)
            self.table.setItem(row, 1, QTableWidgetItem(info.name))
            summary = QTableWidgetItem(_plain(rule_summary(info.code, info.summary)))
            hint = tr("Help → Rule reference explains every rule.")
            summary.setToolTip(_plain(rule_summary(info.code, info.summary)) + "\n\n" + hint)
            self.table.setItem(row, 2, summary)
            self.table.setItem(row, 3, QTableWidgetItem(tr(self.defaults.get(info.code, "off"))))
            combo = QComboBox()
            for sev in SEVERITY_CHOICES:
                combo.addItem(tr(sev), sev)
            combo.currentIndexChanged.connect(lambda _i, code=info.code: self._severity_changed(code))
            self.combos[info.code] = combo
            self.table.setCellWidget(row, 4, combo)
            self._set_state(info.code, current.get(info.code, "off"))
        self.table.itemChanged.connect(self._check_changed)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.Stretch)
        top = QHBoxLayout()
        top.addWidget(self.filter, 1)
        top.addWidget(reset)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.table)

    def _set_state(self, code: str, severity: str) -> None:
        self._updating = True
        try:
            combo = self.combos[code]
            combo.setCurrentIndex(max(0, combo.findData(severity)))
            self.checks[code].setCheckState(Qt.Unchecked if severity == "off" else Qt.Checked)
        finally:
            self._updating = False

    def _severity_changed(self, code: str) -> None:
        if not self._updating:
            self._set_state(code, self.combos[code].currentData())

    def _check_changed(self, item: QTableWidgetItem) -> None:
        code = item.data(Qt.UserRole)
        if self._updating or code not in self.combos:
            return
        if item.checkState() == Qt.Checked:
            default = self.defaults.get(code, "off")
            if default == "off":
                default = next(i.severity for i in self.infos if i.code == code)
            self._set_state(code, default)
        else:
            self._set_state(code, "off")

    def set_enabled(self, code: str, on: bool) -> None:
        self.checks[code].setCheckState(Qt.Checked if on else Qt.Unchecked)

    def set_severity(self, code: str, severity: str) -> None:
        combo = self.combos[code]
        combo.setCurrentIndex(combo.findData(severity))

    def reset(self) -> None:
        for info in self.infos:
            self._set_state(info.code, self.defaults.get(info.code, "off"))

    def severities(self) -> dict[str, str]:
        return {code: combo.currentData() for code, combo in self.combos.items()}

    def _apply_filter(self, text: str) -> None:
        needle = text.strip().lower()
        for row, info in enumerate(self.infos):
            hay = f"{info.code} {info.name} {info.summary} {rule_summary(info.code, info.summary)}".lower()
            self.table.setRowHidden(row, bool(needle) and needle not in hay)


class SettingsDialog(QDialog):
    def __init__(self, settings, user_config: UserConfig | None = None, parent=None):
        super().__init__(parent)
        self.setWindowTitle(tr("Preferences"))
        self.resize(900, 600)
        self.settings = settings
        self.user_config = user_config or UserConfig.load()
        self.tabs = QTabWidget()
        general = QWidget()
        form = QFormLayout(general)
        self.profile = QComboBox()
        self.profile.addItems(PROFILES)
        self.profile.setCurrentText(self.user_config.profile)
        self.speed = QSpinBox()
        self.speed.setRange(50, 3000)
        self.speed.setSuffix(" " + tr("chars/min"))
        self.speed.setValue(self.user_config.reading_speed)
        self.theme = QComboBox()
        for key in THEMES:
            self.theme.addItem(tr(key), key)
        self.theme.setCurrentIndex(THEMES.index(settings.theme))
        self.language = QComboBox()
        for key, label in zip(LANGUAGES, ("日本語", "English"), strict=False):
            self.language.addItem(label, key)
        self.language.setCurrentIndex(LANGUAGES.index(settings.language))
        self.engine = QComboBox()
        for key, label in zip(
            PREVIEW_ENGINES, (tr("Built-in (QTextBrowser)"), tr("Chromium (Qt WebEngine)")), strict=False
        ):
            self.engine.addItem(label, key)
        self.engine_hint = QLabel()
        self.engine_hint.setWordWrap(True)
        if not previews.webengine_available():
            item = self.engine.model().item(PREVIEW_ENGINES.index("webengine"))
            item.setEnabled(False)
            self.engine_hint.setText(tr("Qt WebEngine is not installed: pip install 'article-studio[webengine]'"))
        else:
            self.engine_hint.setText(tr("Takes effect for newly opened tabs."))
        self.engine.setCurrentIndex(PREVIEW_ENGINES.index(previews.effective_engine(settings.preview_engine)))
        form.addRow(tr("Front-matter profile"), self.profile)
        form.addRow(tr("Reading speed"), self.speed)
        form.addRow(tr("Theme"), self.theme)
        form.addRow(tr("Language"), self.language)
        form.addRow(tr("Preview engine"), self.engine)
        form.addRow("", self.engine_hint)
        self.remote_images = QCheckBox(tr("Load images from the web in the preview"))
        self.remote_images.setChecked(bool(getattr(settings, "remote_images", False)))
        self.remote_images.setToolTip(
            tr(
                "Images on the web (http, https) in an article are downloaded only "
                "when this is on; otherwise the preview shows a placeholder."
            )
        )
        form.addRow(tr("Images"), self.remote_images)
        where = QLabel(
            tr(
                "Lint settings are saved to {path} and apply to documents without a project "
                "config (.article-lint.toml or pyproject.toml)."
            ).format(path=self.user_config.path)
        )
        where.setWordWrap(True)
        where.setTextInteractionFlags(Qt.TextSelectableByMouse)
        form.addRow(where)
        if self.user_config.error:
            broken = QLabel(
                tr("Your config file has an error; saving replaces it: {error}").format(error=self.user_config.error)
            )
            broken.setWordWrap(True)
            broken.setStyleSheet("color: #d0021b;")
            form.addRow(broken)
        self.rules_page = RulesPage(self.user_config)
        self.tabs.addTab(general, tr("General"))
        self.tabs.addTab(self.rules_page, tr("Rules"))
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.tabs)
        lay.addWidget(buttons)

    def apply(self) -> bool:
        """Save everything; True when the lint config changed (open documents need a new lint)."""
        s = self.settings
        s.theme = self.theme.currentData()
        s.language = self.language.currentData()
        s.preview_engine = self.engine.currentData()
        s.remote_images = self.remote_images.isChecked()
        s.save()
        try:
            return self.user_config.save(self.rules_page.severities(), self.profile.currentText(), self.speed.value())
        except (rules.ConfigError, OSError) as exc:
            QMessageBox.warning(
                self, "Article Studio", tr("Could not save your lint settings: {error}").format(error=exc)
            )
            return False
