"""Turn a textlint configuration (``.textlintrc*``) into an ``.article-lint.toml``.

``migrate_textlintrc(path)`` reads ``.textlintrc`` (JSON or YAML), ``.textlintrc.json``,
``.textlintrc.yml``/``.yaml`` and, as far as a plain object literal goes, ``.textlintrc.js``
(it is never executed). JSON is read as leniently as textlint reads it: comments and
trailing commas are fine. Presets become ``preset``, rule options ``[rules.<name>]``, rules
turned off ``ignore``, prh's ``rulePaths`` ``dictionaries``; everything without a
counterpart is listed in the notes.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli_w
import yaml

from .config import ConfigError, check_dictionary, config_from_mapping
from .presets import preset_names, presets
from .registry import all_rules, find_rule


def textlint_ids() -> frozenset[str]:
    """The textlint rule names article-lint implements, as the rules declare them."""
    return frozenset(rule.textlint_id for rule in all_rules() if rule.textlint_id)


@dataclass
class MigrationResult:
    toml_text: str
    notes: list[str] = field(default_factory=list)


class MigrationError(ConfigError):
    """A textlint configuration that cannot be read; the message names the file."""


# --- reading -----------------------------------------------------------------------------


def _strip_js_comments(text: str) -> str:
    """Remove ``//`` and ``/* */`` comments outside strings."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if c in "\"'`":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            out.append(text[i : j + 1])
            i = j + 1
        elif text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j == -1 else j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            i = n if j == -1 else j + 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


_TRAILING_COMMA = re.compile(r",(\s*[}\]])")


def loads_lenient_json(text: str) -> Any:
    """JSON with comments and trailing commas, as textlint accepts it."""
    cleaned = _strip_js_comments(text)
    previous = None
    while previous != cleaned:  # commas before nested closers
        previous, cleaned = cleaned, _outside_strings(cleaned, lambda s: _TRAILING_COMMA.sub(r"\1", s))
    return json.loads(cleaned)


def _outside_strings(text: str, func) -> str:
    parts = re.split(r'("(?:[^"\\]|\\.)*")', text)
    return "".join(p if i % 2 else func(p) for i, p in enumerate(parts))


def _object_literal_to_json(text: str) -> str:
    """A plain JavaScript object literal as JSON: quoted keys, double quotes, no comments."""
    text = _strip_js_comments(text)
    # Single-quoted strings to double-quoted ones.
    text = re.sub(r"'((?:[^'\\]|\\.)*)'", lambda m: json.dumps(m.group(1).replace("\\'", "'")), text)
    text = _outside_strings(text, lambda s: re.sub(r"([{,]\s*)([A-Za-z_$][\w$-]*)\s*:", r'\1"\2":', s))
    return text


def _read_js(path: Path, text: str, notes: list[str]) -> Any:
    notes.append(
        f"{path.name} is JavaScript and is never executed; only a plain object literal "
        "(module.exports = {...}) can be read"
    )
    start = text.find(
        "{",
        text.find("module.exports")
        if "module.exports" in text
        else text.find("export default")
        if "export default" in text
        else 0,
    )
    end = text.rfind("}")
    if start == -1 or end <= start:
        raise MigrationError(f"{path}: no object literal found")
    try:
        return loads_lenient_json(_object_literal_to_json(text[start : end + 1]))
    except (ValueError, json.JSONDecodeError) as exc:
        raise MigrationError(
            f"{path}: the object literal is not plain data ({exc}); convert it to .textlintrc.json first"
        ) from None


def read_textlintrc(path: str | Path, notes: list[str] | None = None) -> dict:
    """The parsed textlint configuration at ``path``."""
    path = Path(path)
    notes = notes if notes is not None else []
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise MigrationError(f"{path}: cannot read: {exc}") from None
    suffix = path.suffix.lower()
    if suffix in (".js", ".cjs", ".mjs"):
        data = _read_js(path, text, notes)
    elif suffix in (".yml", ".yaml"):
        data = _load_yaml(path, text)
    else:
        try:
            data = loads_lenient_json(text)
        except json.JSONDecodeError as exc:
            if suffix == ".json":
                raise MigrationError(f"{path}: invalid JSON: {exc}") from None
            data = _load_yaml(path, text)  # .textlintrc without extension may be YAML
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise MigrationError(f"{path}: a textlint configuration is an object with 'rules'")
    return data


# Far beyond any real textlint configuration (rules, their options, a list in an option).
MAX_DEPTH = 64


def _depth(data: Any) -> int:
    """How deeply ``data`` (dicts and lists) nests, counted without recursion, up to past MAX_DEPTH."""
    deepest = 0
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        deepest = max(deepest, depth)
        if depth > MAX_DEPTH:
            break
        if isinstance(value, dict):
            stack.extend((v, depth + 1) for v in value.values())
        elif isinstance(value, list):
            stack.extend((v, depth + 1) for v in value)
    return deepest


def _load_yaml(path: Path, text: str) -> Any:
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise MigrationError(f"{path}: neither JSON nor YAML: {exc}".replace("\n", " ")) from None


# --- mapping -----------------------------------------------------------------------------


def _short_name(key: str) -> str:
    """``textlint-rule-foo`` / ``@scope/textlint-rule-foo`` → ``foo`` / ``@scope/foo``."""
    scope = ""
    if key.startswith("@") and "/" in key:
        scope, key = key.split("/", 1)
        scope += "/"
    key = key.removeprefix("textlint-rule-")
    return scope + key


def _preset_name(key: str) -> str | None:
    short = _short_name(key)
    bare = short.split("/", 1)[1] if short.startswith("@") else short
    return bare[len("preset-") :] if bare.startswith("preset-") else None


def _bare(name: str) -> str:
    """A rule name without its npm scope: ``@textlint-rule/no-unmatched-pair`` → ``no-unmatched-pair``."""
    return name.split("/", 1)[1] if name.startswith("@") and "/" in name else name


def _our_rule(name: str) -> str | None:
    """The article-lint rule that ports textlint rule ``name`` (scoped or not), by its name."""
    for rule in all_rules():
        if rule.textlint_id and (rule.textlint_id == name or _bare(rule.textlint_id) == _bare(name)):
            return rule.name
    found = find_rule(name)
    return found.name if found is not None else None


# prh's own dictionaries, as a textlint install has them under node_modules.
_PRH_PACKAGE = re.compile(r"(?:^|/)node_modules/prh/prh-rules/(.+?)\.ya?ml$")


def _dictionary(path: str, notes: list[str]) -> str:
    """A prh ``rulePaths`` entry: one of prh's own dictionaries becomes the built-in copy, so
    that the check does not depend on ``node_modules``."""
    m = _PRH_PACKAGE.search(path.replace("\\", "/"))
    if m is None:
        return path
    from ..terminology.prh import PrhError, resolve_dictionary

    name = f"builtin:{m.group(1)}"
    try:
        resolve_dictionary(name)
    except PrhError:
        notes.append(f"prh dictionary '{path}' is from the prh package but has no built-in copy: kept as a path")
        return path
    return name


def _clean(value: Any, where: str, notes: list[str]) -> Any:
    """TOML has no null: drop None values (with a note)."""
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            if v is None:
                notes.append(f"{where}.{k} is null and was left out")
                continue
            out[str(k)] = _clean(v, f"{where}.{k}", notes)
        return out
    if isinstance(value, list):
        return [_clean(v, where, notes) for v in value if v is not None]
    return value


class _Builder:
    """Collects the article-lint config for a textlint config: presets, rule tables, dictionaries."""

    def __init__(self, notes: list[str]):
        self.notes = notes
        self.presets: list[str] = []
        self.rules: dict[str, dict] = {}
        self.ignore: list[str] = []
        self.dictionaries: list[str] = []
        self.standalone: list[str] = []  # rules turned on outside a preset

    def rule(self, key: str, value: Any, origin: str, preset: str | None = None) -> None:
        name = _our_rule(key)
        if name is None:
            state = "off" if value is False else "on"
            self.notes.append(f"textlint rule '{key}' ({origin}, {state}) has no counterpart in article-lint")
            return
        table_key = f"{preset}/{name}" if preset else name
        if value is False:
            if preset:
                self.rules.setdefault(table_key, {})["enabled"] = False
            elif name not in self.ignore:
                self.ignore.append(name)
            return
        if not preset:
            self.standalone.append(name)
        if value is True or value is None:
            return
        if not isinstance(value, dict):
            self.notes.append(f"rule '{key}': options {value!r} are not a table and were left out")
            return
        options = _clean(dict(value), f"rules.{name}", self.notes)
        if name == "prh":
            paths = options.pop("rulePaths", [])
            for path in [paths] if isinstance(paths, str) else paths:
                entry = _dictionary(str(path), self.notes)
                if entry not in self.dictionaries:
                    self.dictionaries.append(entry)
            if "ruleContents" in options:
                options.pop("ruleContents")
                self.notes.append(
                    "prh 'ruleContents' (inline dictionaries) is not supported: "
                    "save them as a YAML file and list it in 'dictionaries'"
                )
        declared = find_rule(name).options  # type: ignore[union-attr]
        for option in [k for k in options if k not in declared and k != "severity"]:
            options.pop(option)
            self.notes.append(f"rule '{key}': option '{option}' is not one the rule reads and was left out")
        if preset:
            # textlint runs a preset's rule with the user's options *instead of* the preset's,
            # where article-lint lays a table over the preset's: an option the preset sets and
            # the user's table leaves out goes back to the rule's own default.
            preset_options = presets()[preset].get(name) or {}
            for option in preset_options:
                if option not in options and option in declared:
                    options[option] = declared[option]
        if options:
            self.rules.setdefault(table_key, {}).update(options)

    def preset(self, key: str, preset: str, value: Any) -> None:
        if preset not in preset_names():
            names = ", ".join(sorted(value)) if isinstance(value, dict) else ""
            self.notes.append(
                f"textlint preset '{_short_name(key)}' has no counterpart in article-lint"
                + (f" (its rules: {names})" if names else "")
            )
            return
        if value is False:
            self.notes.append(f"preset '{preset}' is turned off in textlint")
            return
        if preset not in self.presets:
            self.presets.append(preset)
        if not isinstance(value, dict):
            return
        members = {name for name, v in presets()[preset].items() if v is not False}
        for rule_key, rule_value in value.items():
            short = _short_name(rule_key)
            name = _our_rule(short)
            if name is None or name not in members:
                # textlint gives a preset's rules only the options of rules it has.
                self.notes.append(
                    f"preset '{preset}' has no rule '{short}': textlint ignores its options, and so does article-lint"
                )
                continue
            self.rule(short, rule_value, f"in preset-{preset}", preset)

    def _unprefix(self, preset: str) -> None:
        for key in [k for k in self.rules if k.startswith(f"{preset}/")]:
            table = self.rules.pop(key)
            name = key.removeprefix(f"{preset}/")
            if table == {"enabled": False}:
                if name not in self.ignore:
                    self.ignore.append(name)
            else:
                self.rules.setdefault(name, {}).update(table)

    def mapping(self) -> dict:
        out: dict[str, Any] = {}
        chosen = self.presets or ["none"]
        out["preset"] = chosen[0] if len(chosen) == 1 else chosen
        if len(chosen) == 1:  # one instance of each rule: its tables need no preset prefix
            self._unprefix(chosen[0])
        # A rule named on its own runs in textlint even where no chosen preset holds it.
        held = {name for preset in chosen for name, v in presets()[preset].items() if v is not False}
        for name in self.standalone:
            rule = find_rule(name)
            governed = any(name in presets()[p] for p in chosen)
            if name not in held and rule is not None and (governed or not rule.default_enabled):
                self.rules.setdefault(name, {})["enabled"] = True
        if self.ignore:
            out["ignore"] = self.ignore
        if self.dictionaries:
            out["dictionaries"] = self.dictionaries
        if self.rules:
            out["rules"] = self.rules
        return out


def migrate_mapping(data: dict, notes: list[str] | None = None) -> dict:
    """The ``.article-lint.toml`` table for a parsed textlint configuration."""
    notes = notes if notes is not None else []
    builder = _Builder(notes)
    rules = data.get("rules") or {}
    if not isinstance(rules, dict):
        notes.append("'rules' is not an object and was ignored")
        rules = {}
    for key, value in rules.items():
        preset = _preset_name(key)
        if preset is not None:
            builder.preset(key, preset, value)
        else:
            builder.rule(_short_name(key), value, "rule")
    filters = data.get("filters") or {}
    if isinstance(filters, dict):
        for name in filters:
            short = _short_name(str(name)).removeprefix("textlint-filter-rule-")
            if short == "comments":
                notes.append(
                    "filter 'comments': <!-- textlint-disable --> comments are honoured by article-lint as they are"
                )
            else:
                notes.append(f"textlint filter '{short}' has no counterpart in article-lint")
    for key in ("plugins",):
        if data.get(key):
            names = data[key] if isinstance(data[key], list) else list(data[key])
            notes.append(
                f"textlint plugins {', '.join(map(str, names))} have no counterpart (article-lint reads Markdown only)"
            )
    return builder.mapping()


def migrate_textlintrc(path: str | Path) -> MigrationResult:
    """Read the textlint config at ``path`` and return the TOML text and the notes."""
    path = Path(path)
    notes: list[str] = []
    try:
        data = read_textlintrc(path, notes)
        if _depth(data) > MAX_DEPTH:
            raise RecursionError
        table = migrate_mapping(data, notes)
        migrated = config_from_mapping(table, path, check_files=False)  # what we write must load
    except RecursionError:  # from the parsers, or from what follows them
        raise MigrationError(f"{path}: nested too deeply (more than {MAX_DEPTH} levels)") from None
    for entry in migrated.dictionaries:
        try:
            check_dictionary(entry, migrated, str(path))
        except ConfigError:
            notes.append(f"dictionary '{entry}' is not beside the config yet: copy it there, or fix the path")
    header = [f"# Migrated from {path.name} by article-lint."]
    if table.get("dictionaries"):
        header.append("# prh dictionary paths are relative to this file: keep it beside the old config.")
    header += [f"# note: {n}" for n in notes]
    return MigrationResult("\n".join(header) + "\n\n" + tomli_w.dumps(table), notes)
