"""Preferences: profile, reading speed, theme and UI language."""
from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QSpinBox

from .i18n import tr
from .settings import LANGUAGES, PROFILES, THEMES


class SettingsDialog(QDialog):
    def __init__(self, settings, parent=None):
        super().__init__(parent)
        self.setWindowTitle(tr("Preferences"))
        self.settings = settings
        form = QFormLayout(self)
        self.profile = QComboBox()
        self.profile.addItems(PROFILES)
        self.profile.setCurrentText(settings.profile)
        self.speed = QSpinBox()
        self.speed.setRange(50, 3000)
        self.speed.setSuffix(" " + tr("chars/min"))
        self.speed.setValue(settings.reading_speed)
        self.theme = QComboBox()
        for key in THEMES:
            self.theme.addItem(tr(key), key)
        self.theme.setCurrentIndex(THEMES.index(settings.theme))
        self.language = QComboBox()
        for key, label in zip(LANGUAGES, ("日本語", "English")):
            self.language.addItem(label, key)
        self.language.setCurrentIndex(LANGUAGES.index(settings.language))
        form.addRow(tr("Front-matter profile"), self.profile)
        form.addRow(tr("Reading speed"), self.speed)
        form.addRow(tr("Theme"), self.theme)
        form.addRow(tr("Language (after restart)"), self.language)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def apply(self) -> None:
        s = self.settings
        s.profile = self.profile.currentText()
        s.reading_speed = self.speed.value()
        s.theme = self.theme.currentData()
        s.language = self.language.currentData()
        s.save()
