"""User preferences and session, stored with QSettings.

Lint settings (rules, profile, reading speed) are not here: they live in the user's config
file, see ``user_config``.

ARTICLE_STUDIO_SETTINGS_DIR keeps them in an INI file in that folder (tests use it so
they never touch the user's real settings).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from PySide6.QtCore import QSettings

PROFILES = ("auto", "jekyll", "zenn", "hugo", "qiita", "none")
PREVIEW_ENGINES = ("textbrowser", "webengine")
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
    theme: str = "system"
    language: str = "ja"
    recent: list[str] = field(default_factory=list)
    session: list[str] = field(default_factory=list)
    preview_engine: str = "textbrowser"
    remote_images: bool = False  # load web images in the preview

    @classmethod
    def load(cls) -> Settings:
        q = _qsettings()
        s = cls()
        s.theme = str(q.value("theme", s.theme)) if q.value("theme") in THEMES else s.theme
        s.language = str(q.value("language", s.language)) if q.value("language") in LANGUAGES else s.language
        s.recent = _as_list(q.value("recent", []))
        s.session = _as_list(q.value("session", []))
        if q.value("preview_engine") in PREVIEW_ENGINES:
            s.preview_engine = str(q.value("preview_engine"))
        s.remote_images = _as_bool(q.value("remote_images"), s.remote_images)
        return s

    def save(self) -> None:
        q = _qsettings()
        q.setValue("theme", self.theme)
        q.setValue("language", self.language)
        q.setValue("recent", self.recent)
        q.setValue("session", self.session)
        q.setValue("preview_engine", self.preview_engine)
        q.setValue("remote_images", self.remote_images)
        q.sync()

    def add_recent(self, path: str) -> None:
        self.recent = [path] + [p for p in self.recent if p != path]
        del self.recent[MAX_RECENT:]


def _as_bool(value, default: bool) -> bool:
    """A boolean as QSettings gives it back: a bool, or a string from an INI file."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false", "1", "0"):
        return value.lower() in ("true", "1")
    return default


def _as_list(value) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]
