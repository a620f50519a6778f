"""User preferences and session, stored with QSettings.

ARTICLE_STUDIO_SETTINGS_DIR keeps them in an INI file in that folder (tests use it so
they never touch the user's real settings).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field

from PySide6.QtCore import QSettings

PROFILES = ("auto", "jekyll", "zenn", "hugo", "qiita", "none")
THEMES = ("system", "light", "dark")
LANGUAGES = ("ja", "en")
MAX_RECENT = 10


def _qsettings() -> QSettings:
    folder = os.environ.get("ARTICLE_STUDIO_SETTINGS_DIR")
    if folder:
        os.makedirs(folder, exist_ok=True)
        return QSettings(os.path.join(folder, "article-studio.ini"), QSettings.IniFormat)
    return QSettings("ArticleStudio", "article-studio")


@dataclass
class Settings:
    profile: str = "auto"
    reading_speed: int = 500
    theme: str = "system"
    language: str = "ja"
    recent: list[str] = field(default_factory=list)
    session: list[str] = field(default_factory=list)

    @classmethod
    def load(cls) -> "Settings":
        q = _qsettings()
        s = cls()
        s.profile = str(q.value("profile", s.profile))
        if s.profile not in PROFILES:
            s.profile = "auto"
        try:
            s.reading_speed = max(50, int(q.value("reading_speed", s.reading_speed)))
        except (TypeError, ValueError):
            pass
        s.theme = str(q.value("theme", s.theme)) if q.value("theme") in THEMES else s.theme
        s.language = str(q.value("language", s.language)) if q.value("language") in LANGUAGES else s.language
        s.recent = _as_list(q.value("recent", []))
        s.session = _as_list(q.value("session", []))
        return s

    def save(self) -> None:
        q = _qsettings()
        q.setValue("profile", self.profile)
        q.setValue("reading_speed", self.reading_speed)
        q.setValue("theme", self.theme)
        q.setValue("language", self.language)
        q.setValue("recent", self.recent)
        q.setValue("session", self.session)
        q.sync()

    def add_recent(self, path: str) -> None:
        self.recent = [path] + [p for p in self.recent if p != path]
        del self.recent[MAX_RECENT:]

    @property
    def configured_profile(self) -> str | None:
        return None if self.profile == "auto" else self.profile


def _as_list(value) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]
