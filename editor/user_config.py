"""The user's own lint config: ``article-lint.toml`` in the user config folder.

It applies to documents without a project config of their own (an ``.article-lint.toml`` or a
``pyproject.toml`` with ``[tool.article-lint]`` found from the file's folder upwards wins) and to
untitled documents. The Preferences dialog edits it: rules on or off and their severity, the
front-matter profile and the reading speed. It is article-lint's own format, so the same file
works with ``article-lint --config``.

ARTICLE_STUDIO_CONFIG_DIR puts it in another folder (tests use it).
"""

from __future__ import annotations

import copy
import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from article_studio import rules

FILE_NAME = "article-lint.toml"
SEVERITY_CHOICES = ("error", "warning", "info", "off")


def user_config_path() -> Path:
    folder = os.environ.get("ARTICLE_STUDIO_CONFIG_DIR")
    if not folder:
        from platformdirs import user_config_dir

        folder = user_config_dir("article-studio", appauthor=False)
    return Path(folder) / FILE_NAME


@dataclass
class UserConfig:
    path: Path
    table: dict = field(default_factory=dict)
    config: rules.Config = field(default_factory=rules.Config)
    error: str | None = None

    @classmethod
    def load(cls, path: Path | None = None) -> UserConfig:
        """Read the file; a broken file gives the defaults and ``error`` says why."""
        uc = cls(path or user_config_path())
        try:
            uc.table = rules.read_config_table(uc.path)
            uc.config = rules.load_config(uc.path) if uc.table or uc.path.exists() else rules.Config()
        except rules.ConfigError as exc:
            uc.table, uc.config, uc.error = {}, rules.Config(), str(exc)
        return uc

    # -- what the Preferences dialog shows and edits --------------------------------
    @property
    def profile(self) -> str:
        return self.table.get("profile", "auto")

    @property
    def reading_speed(self) -> int:
        return self.config.reading_speed

    def default_severities(self) -> dict[str, str]:
        """Each rule's state without this file's ``[rules.*]`` choices (the preset still counts)."""
        return rules.rule_severities(rules.Config(preset=self.config.preset))

    def severities(self) -> dict[str, str]:
        return rules.rule_severities(self.config)

    def updated_table(self, severities: dict[str, str], profile: str, reading_speed: int) -> dict:
        """This file's table with the given rule states (code → severity or "off"), profile and speed.

        Only choices that differ from the default are written, as ``[rules.<name>] severity = "..."``
        (plus ``enabled = true`` for a rule that is off by default); other options in a rule's table,
        and other keys of the file, are kept.
        """
        table = copy.deepcopy(self.table)
        if profile and profile != "auto":
            table["profile"] = profile
        else:
            table.pop("profile", None)
        if reading_speed and reading_speed != 500:
            table["reading-speed"] = int(reading_speed)
        else:
            table.pop("reading-speed", None)
        defaults = self.default_severities()
        rule_tables = table.setdefault("rules", {})
        for info in rules.list_rules():
            if info.code not in severities:
                continue
            chosen, default = severities[info.code], defaults.get(info.code, "off")
            for key in (info.name, info.code, info.code.lower()):
                sub = rule_tables.get(key)
                if isinstance(sub, bool):
                    del rule_tables[key]
                elif isinstance(sub, dict):
                    sub.pop("severity", None)
                    sub.pop("enabled", None)
            if chosen != default:
                sub = rule_tables.setdefault(info.name, {})
                sub["severity"] = chosen
                if default == "off" and chosen != "off":
                    sub["enabled"] = True
            for key in (info.name, info.code, info.code.lower()):
                if rule_tables.get(key) == {}:
                    del rule_tables[key]
        if not rule_tables:
            del table["rules"]
        return table

    def save(self, severities: dict[str, str], profile: str, reading_speed: int) -> bool:
        """Write the file (atomically); False when nothing changed. Raises rules.ConfigError."""
        table = self.updated_table(severities, profile, reading_speed)
        if table == self.table and (self.path.exists() or not table):
            return False
        self.config = rules.write_config(self.path, table)
        self.table, self.error = table, None
        return True


def document_config(path: str | None, user: UserConfig, language: str | None = None) -> tuple[rules.Config, str | None]:
    """The config for a document and the error to show: the project's config when one is found
    upwards from ``path``, else the user's. A broken project config is reported, and the user's
    config is used meanwhile. ``language`` (the UI's) is the message language unless the config
    sets one."""
    cfg, error = _found_config(path, user)
    if language and cfg.language is None:
        cfg = replace(cfg, language=language)
    return cfg, error


def _found_config(path: str | None, user: UserConfig) -> tuple[rules.Config, str | None]:
    if path:
        try:
            cfg = rules.config_for(path)
        except rules.ConfigError as exc:
            return user.config, str(exc)
        if cfg.source is not None:
            return cfg, None
    return user.config, user.error
