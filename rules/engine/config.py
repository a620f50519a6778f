"""Configuration: ``.article-lint.toml`` or ``[tool.article-lint]`` in ``pyproject.toml``.

Found from each file's folder upwards; ``--config`` overrides discovery. The shape::

    profile = "jekyll"            # jekyll | zenn | hugo | qiita | none; default: detected per file
    preset = "ja-technical-writing"  # or "japanese", "ai-writing", "none", or several:
                                  # ["japanese", "ja-technical-writing", "ai-writing"]
    select = ["AG", "FM"]         # codes, code prefixes, or rule names; default: all
    ignore = ["AG006"]
    reading-speed = 500           # 字/分
    language = "ja"               # message language: ja (default) | en
    dictionaries = ["prh.yml"]    # prh dictionaries, relative to the config file
    words = ["Anthropic"]         # extra known words for spelling
    [per-file-ignores]
    "drafts/*.md" = ["FM"]
    [rules.sentence-length]       # a rule by name or code; its options, plus "severity"
    max = 120
    [rules."japanese/no-mix-dearu-desumasu"]   # only the instance that preset runs
    preferInBody = "である"
"""

from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model import SEVERITIES
from .catalog import rule_catalog
from .options import did_you_mean
from .presets import DEFAULT_PRESET, preset_names
from .registry import matches

CONFIG_FILE = ".article-lint.toml"
PROFILES = ("jekyll", "zenn", "hugo", "qiita", "none")
LANGUAGES = ("ja", "en")
DEFAULT_READING_SPEED = 500
_KNOWN_KEYS = {
    "profile",
    "preset",
    "select",
    "ignore",
    "reading-speed",
    "language",
    "rules",
    "per-file-ignores",
    "dictionaries",
    "words",
    "words-file",
    "schema",
    "extends",
}


class ConfigError(Exception):
    """A configuration file that cannot be used; the message names the file."""


@dataclass
class Config:
    profile: str | None = None
    preset: str | list[str] | None = None  # None: the default preset, "ja-technical-writing"
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    reading_speed: int = DEFAULT_READING_SPEED
    language: str | None = None  # None: not set, messages in Japanese
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    dictionaries: list[str] = field(default_factory=list)
    words: list[str] = field(default_factory=list)
    words_file: str | None = None
    schema: str | None = None
    source: Path | None = None

    @property
    def preset_list(self) -> list[str]:
        """The presets that run, in the order the config names them."""
        if self.preset is None:
            return [DEFAULT_PRESET]
        return [self.preset] if isinstance(self.preset, str) else list(self.preset)

    @property
    def root(self) -> Path:
        return self.source.parent if self.source else Path.cwd()

    def resolve(self, relative: str) -> Path:
        """A path named in the config, relative to the config file."""
        p = Path(relative).expanduser()
        return p if p.is_absolute() else self.root / p

    def with_overrides(self, *, select=None, ignore=None, profile=None, language=None) -> Config:
        from dataclasses import replace

        cfg = replace(self)
        if select:
            cfg.select = list(select)
        if ignore:
            cfg.ignore = list(self.ignore) + list(ignore)
        if profile:
            cfg.profile = profile
        if language:
            cfg.language = language
        return cfg

    def ignores_for(self, path: str | None) -> list[str]:
        if not path or not self.per_file_ignores:
            return []
        rel = path
        try:
            rel = str(Path(path).resolve().relative_to(self.root.resolve()))
        except (ValueError, OSError):
            pass
        out: list[str] = []
        for pattern, codes in self.per_file_ignores.items():
            if fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(Path(path).name, pattern):
                out.extend(codes)
        return out


def _as_str_list(value: Any, key: str, source: Path | None) -> list[str]:
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{source or 'config'}: '{key}' must be a list of strings")
    return list(value)


def config_from_mapping(data: dict[str, Any], source: Path | None = None, check_files: bool = True) -> Config:
    """Validate a parsed TOML table and build a ``Config``. ``check_files``: the dictionaries it
    names must exist (off for a config that is being written, not used)."""
    where = str(source) if source else "config"
    unknown = sorted(set(data) - _KNOWN_KEYS)
    if unknown:
        raise ConfigError(
            f"{where}: unknown key(s) {', '.join(unknown)}; known keys are {', '.join(sorted(_KNOWN_KEYS))}"
        )
    cfg = Config(source=source)
    if "profile" in data:
        profile = data["profile"]
        if profile not in PROFILES:
            raise ConfigError(f"{where}: profile must be one of {', '.join(PROFILES)}, not {profile!r}")
        cfg.profile = profile
    if "preset" in data:
        value = data["preset"]
        names = _as_str_list(value, "preset", source)
        if not names:
            raise ConfigError(f"{where}: 'preset' names no preset; use \"none\" for none")
        for name in names:
            if name not in preset_names():
                raise ConfigError(f"{where}: unknown preset {name!r}{did_you_mean(name, preset_names())}")
        cfg.preset = value if isinstance(value, str) else names
    if "select" in data:
        cfg.select = check_selectors(_as_str_list(data["select"], "select", source), f"{where}: select")
    if "ignore" in data:
        cfg.ignore = check_selectors(_as_str_list(data["ignore"], "ignore", source), f"{where}: ignore")
    if "reading-speed" in data:
        speed = data["reading-speed"]
        if not isinstance(speed, int) or isinstance(speed, bool) or speed <= 0:
            raise ConfigError(f"{where}: 'reading-speed' must be a positive whole number (字/分)")
        cfg.reading_speed = speed
    if "language" in data:
        if data["language"] not in LANGUAGES:
            raise ConfigError(f"{where}: language must be one of {', '.join(LANGUAGES)}, not {data['language']!r}")
        cfg.language = data["language"]
    for key in ("dictionaries", "words"):
        if key in data:
            setattr(cfg, key, _as_str_list(data[key], key, source))
    for key, attr in (("words-file", "words_file"), ("schema", "schema")):
        if key in data:
            if not isinstance(data[key], str):
                raise ConfigError(f"{where}: '{key}' must be a path")
            setattr(cfg, attr, data[key])
    if "per-file-ignores" in data:
        table = data["per-file-ignores"]
        if not isinstance(table, dict):
            raise ConfigError(f"{where}: 'per-file-ignores' must be a table of pattern = [codes]")
        cfg.per_file_ignores = {
            k: check_selectors(_as_str_list(v, f"per-file-ignores.{k}", source), f"{where}: per-file-ignores.{k}")
            for k, v in table.items()
        }
    if "rules" in data:
        table = data["rules"]
        if not isinstance(table, dict):
            raise ConfigError(f"{where}: 'rules' must be a table of rule tables")
        for name, options in table.items():
            if isinstance(options, bool):
                options = {"enabled": options}
            if not isinstance(options, dict):
                raise ConfigError(f"{where}: [rules.{name}] must be a table of options")
            check_rule_table(name, options, f"{where}: [rules.{name}]")
            cfg.rules[name] = dict(options)
    if check_files:
        for entry in cfg.dictionaries:
            check_dictionary(entry, cfg, where)
    return cfg


# Keys every rule table may hold besides the rule's own options.
_RULE_TABLE_KEYS = ("severity", "enabled")


def check_rule_table(name: str, table: dict[str, Any], where: str) -> None:
    """Raise ``ConfigError`` for a rule table that names no rule, an option the rule does not
    have, or a value of the wrong type: a mistake there must not quietly turn a check off."""
    preset, _, bare = name.rpartition("/")
    if preset and preset not in preset_names():
        raise ConfigError(f"{where}: no preset is named {preset!r}{did_you_mean(preset, preset_names())}")
    rule = _rule_named(bare)
    if rule is None:
        known = [entry.name for entry in rule_catalog()] + [entry.code for entry in rule_catalog()]
        raise ConfigError(f"{where}: no rule is named {bare!r}{did_you_mean(bare, known)}")
    severity = table.get("severity")
    if severity is not None and severity not in SEVERITIES + ("off",):
        raise ConfigError(f"{where}: severity must be one of {', '.join(SEVERITIES + ('off',))}, not {severity!r}")
    if "enabled" in table and not isinstance(table["enabled"], bool):
        raise ConfigError(f"{where}: enabled must be true or false")
    options = {k: v for k, v in table.items() if k not in _RULE_TABLE_KEYS}
    problems = rule.options.problems(options)
    if problems:
        raise ConfigError(f"{where}: " + "; ".join(problems))


def _rule_named(name: str):
    """The rule class a config names by code or kebab name, importing only its module."""
    for entry in rule_catalog():
        if name in (entry.name, entry.code) or name.upper() == entry.code:
            return entry.load()
    return None


def check_selectors(selectors: list[str], where: str) -> list[str]:
    """``selectors`` if each names a rule, a code or a code prefix; else ``ConfigError``."""
    catalog = rule_catalog()
    for selector in selectors:
        if not any(matches(entry, selector) for entry in catalog):
            known = sorted({entry.family for entry in catalog}) + [entry.name for entry in catalog]
            raise ConfigError(
                f"{where}: {selector!r} names no rule, code or code prefix{did_you_mean(selector, known)}"
            )
    return selectors


def check_dictionary(entry: str, cfg: Config, where: str) -> None:
    """A dictionary named in the config must exist: a missing one would silently check nothing."""
    if entry.startswith("builtin:"):
        from ..terminology.prh import PrhError, resolve_dictionary

        try:
            resolve_dictionary(entry)
        except PrhError as exc:
            raise ConfigError(f"{where}: {exc}") from None
        return
    path = cfg.resolve(entry)
    if not path.is_file():
        raise ConfigError(f"{where}: dictionary {entry!r} not found (looked for {path})")


def load_config_file(path: str | os.PathLike[str]) -> Config:
    """Read one config file (``.article-lint.toml`` or ``pyproject.toml``)."""
    import tomllib  # here, not at import: most runs find no config file

    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read config: {exc.strerror or exc}") from None
    try:
        data = tomllib.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: config is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("article-lint", {})
    return config_from_mapping(data, path.resolve())


def find_config_file(start: str | os.PathLike[str]) -> Path | None:
    """The nearest config file from ``start`` (a file or folder) upwards."""
    p = Path(start).resolve()
    folder = p if p.is_dir() else p.parent
    for d in (folder, *folder.parents):
        candidate = d / CONFIG_FILE
        if candidate.is_file():
            return candidate
        pyproject = d / "pyproject.toml"
        if pyproject.is_file() and _names_article_lint(pyproject):
            return pyproject
    return None


def _names_article_lint(pyproject: Path) -> bool:
    """Whether ``pyproject`` has a ``[tool.article-lint]`` table (an unreadable or invalid
    one has none: it is some other tool's file, passed over as before)."""
    try:
        text = pyproject.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return False
    # A project's file that never spells the name (not even through an escape in a quoted key)
    # cannot have the table, and is not parsed: most walks upwards pass one such file.
    if "article-lint" not in text and "\\u" not in text.lower():
        return False
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return False
    tool = data.get("tool", {})
    return isinstance(tool, dict) and "article-lint" in tool


_cache: dict[Path, tuple[tuple[int, int], Config]] = {}


def config_for(path: str | os.PathLike[str] | None) -> Config:
    """The config that applies to ``path`` (discovered upwards), or the defaults.

    Loaded configs are kept per file and reloaded when the file changes, so a long-running
    editor sees edits to the project's config.
    """
    if path is None:
        return Config()
    found = find_config_file(path)
    if found is None:
        return Config()
    try:
        st = found.stat()
        stamp = (st.st_mtime_ns, st.st_size)
    except OSError:
        stamp = (0, 0)
    hit = _cache.get(found)
    if hit is None or hit[0] != stamp:
        hit = (stamp, load_config_file(found))
        _cache[found] = hit
    return hit[1]
