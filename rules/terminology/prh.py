"""prh dictionaries: load the YAML as prh reads it, and find what its rules would change.

A dictionary is a YAML file with ``version``, ``imports`` (other files, relative to this one)
and ``rules``; each rule has ``expected`` and an optional ``pattern``/``patterns`` (a string,
a ``/regex/flags`` string, or a list of them), ``regexpMustEmpty``, ``options.wordBoundary``,
``specs`` (``from``/``to`` examples checked at load time) and ``prh`` (a note shown to the
writer). Patterns are JavaScript regular expressions; they are translated to Python ``re``
syntax with JavaScript's meaning of ``\\d``, ``\\w``, ``\\b`` and ``\\s``, and compiled with
``regex``, so that a pattern that backtracks without end is stopped (see ``user_regex``).

Built-in dictionaries (copies of prh/rules in ``resources/prh``) are named
``builtin:<path without .yml>``, e.g. ``builtin:media/WEB+DB_PRESS``, or by the file's stem
alone when that is unique: ``builtin:WEB+DB_PRESS``, ``builtin:techbooster``,
``builtin:trademark``, ``builtin:typo``. See ``builtin_names()``.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..reading import user_regex
from ..resources import resource_path

BUILTIN_PREFIX = "builtin:"


class PrhError(Exception):
    """A dictionary that cannot be used; the message names the file."""


# --- YAML as js-yaml reads it ------------------------------------------------------------


@lru_cache(maxsize=1)
def _yaml12_loader() -> Any:
    """SafeLoader without YAML 1.1 booleans: ``expected: no`` stays the string "no".

    Built on first use: importing YAML takes ~12 ms, a good part of a one-article run, and most
    runs read no dictionary."""
    import yaml

    class Yaml12Loader(yaml.SafeLoader):
        pass

    Yaml12Loader.yaml_implicit_resolvers = {
        key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
        for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.copy().items()
    }
    Yaml12Loader.add_implicit_resolver(
        "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
    )
    return Yaml12Loader


# --- JavaScript regular expressions ------------------------------------------------------

_WORD = "A-Za-z0-9_"
_SPACE = "\\t\\n\\x0b\\x0c\\r \\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff"
_BOUNDARY = f"(?:(?<=[{_WORD}])(?![{_WORD}])|(?<![{_WORD}])(?=[{_WORD}]))"
_NON_BOUNDARY = f"(?:(?<=[{_WORD}])(?=[{_WORD}])|(?<![{_WORD}])(?![{_WORD}]))"
_OUTSIDE = {
    "d": "[0-9]",
    "D": "[^0-9]",
    "w": f"[{_WORD}]",
    "W": f"[^{_WORD}]",
    "s": f"[{_SPACE}]",
    "S": f"[^{_SPACE}]",
    "b": _BOUNDARY,
    "B": _NON_BOUNDARY,
}
_INSIDE = {"d": "0-9", "w": _WORD, "s": _SPACE, "b": "\\x08"}


def js_regex_source_to_python(source: str) -> str:
    """Translate a JavaScript (``u`` flag) pattern to Python ``re`` syntax with the same meaning."""
    out: list[str] = []
    i, n = 0, len(source)
    in_class = False
    while i < n:
        c = source[i]
        if c == "\\" and i + 1 < n:
            e = source[i + 1]
            i += 2
            table = _INSIDE if in_class else _OUTSIDE
            if e in table:
                out.append(table[e])
            elif e == "u" and source.startswith("{", i):
                close = source.find("}", i)
                if close == -1:
                    raise ValueError("bad \\u{...} escape")
                out.append(f"\\U{int(source[i + 1 : close], 16):08x}")
                i = close + 1
            elif e == "c" and i < n and source[i].isalpha():
                out.append(f"\\x{ord(source[i]) % 32:02x}")
                i += 1
            elif e == "k" and source.startswith("<", i):
                close = source.index(">", i)
                out.append(f"(?P={source[i + 1 : close]})")
                i = close + 1
            elif e in "pP":
                raise ValueError("Unicode property escapes (\\p{...}) are not supported")
            elif e.isalnum():
                out.append("\\" + e)  # \n \t \uXXXX \xHH \1 ... mean the same in Python
            else:
                out.append(re.escape(e))
            continue
        if in_class:
            if c == "]":
                in_class = False
                out.append(c)
            elif c in "[&~|":  # literal in JS classes; Python would warn about set operations
                out.append("\\" + c)
            else:
                out.append(c)
            i += 1
            continue
        if c == "[":
            if source.startswith("[^]", i):
                out.append("[\\s\\S]")
                i += 3
                continue
            if source.startswith("[]", i):
                out.append("(?!)")
                i += 2
                continue
            in_class = True
            out.append(c)
            if source.startswith("^", i + 1):
                out.append("^")
                i += 1
            i += 1
            continue
        if c == "(" and source.startswith("(?<", i) and not source.startswith(("(?<=", "(?<!"), i):
            out.append("(?P<")
            i += 3
            continue
        out.append(c)
        i += 1
    return "".join(out)


_REGEXP_STRING = re.compile(r"^/(.*)/([gimy]*)$", re.S)
_HANKAKU = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
_ZENKAKU = (
    "ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ"
    "０１２３４５６７８９"
)
_JS_SPECIAL = re.compile(r"[\\*+.?{}()|^$[\]/]")


def _spread_alnum(expected: str) -> str:
    """prh's pattern for a rule without one: each letter in both cases and both widths.

    Like prh, other characters are not escaped, so an ``expected`` with regex characters acts
    as a regex.
    """
    parts = []
    for ch in expected:
        up, low = _HANKAKU.find(ch.upper()), _HANKAKU.find(ch.lower())
        if up == -1 and low == -1:
            parts.append(ch)
        elif up == low:
            parts.append(f"[{ch}{_ZENKAKU[up]}]")
        else:
            parts.append(f"[{ch.upper()}{ch.lower()}{_ZENKAKU[up]}{_ZENKAKU[low]}]")
    return "".join(parts)


def _pattern_source(pattern: Any, expected: str, word_boundary: bool) -> tuple[str, str]:
    """The JavaScript source and flags prh builds for ``pattern`` (see prh's ``Rule``)."""
    if pattern is None:
        source = _spread_alnum(expected)
        return (f"\\b{source}\\b" if word_boundary else source), ""
    if isinstance(pattern, list):
        if not pattern:
            raise ValueError("empty pattern list")
        parts = [_pattern_source(p, expected, word_boundary) for p in pattern]
        flags = {f for _, f in parts}
        if len(flags) > 1:
            raise ValueError(f"combining patterns with different flags: {sorted(flags)}")
        return "(?:" + "|".join(s for s, _ in parts) + ")", parts[0][1]
    if isinstance(pattern, (int, float)) and not isinstance(pattern, bool):
        pattern = str(pattern)
    if not isinstance(pattern, str):
        raise ValueError(f"pattern must be a string or a list, not {type(pattern).__name__}")
    if pattern == "":
        raise ValueError("empty pattern")
    m = _REGEXP_STRING.match(pattern)
    if m:
        return m.group(1), "i" if "i" in m.group(2) else ""
    escaped = _JS_SPECIAL.sub(lambda m: "\\" + m.group(), pattern)
    return (f"\\b{pattern}\\b" if word_boundary else escaped), ""


_GROUP_REF = re.compile(r"\$([0-9]{1,2})")


def expand(expected: str, match: re.Match) -> str:
    """``expected`` with ``$1``..``$99`` replaced as prh does (``$0`` and missing groups stay)."""
    groups = match.groups()

    def sub(m: re.Match) -> str:
        index = int(m.group(1))
        if index == 0 or index > len(groups):
            return m.group(0)
        return groups[index - 1] or ""

    return _GROUP_REF.sub(sub, expected)


# --- rules and dictionaries --------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """One rule's match in a text: replace ``text[start:end]`` (``actual``) by ``expected``."""

    start: int
    end: int
    actual: str
    expected: str
    rule: PrhRule


@dataclass
class PrhRule:
    expected: str
    regex: Any  # a ``regex`` pattern (see ``user_regex``)
    js_pattern: str
    must_empty: int | None = None
    specs: list[tuple[str, str]] = field(default_factory=list)
    note: str | None = None  # the ``prh`` field
    origin: str = ""  # the dictionary file

    def changes(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterable[Change]:
        """The rule's matches in ``text``; raises ``user_regex.PatternTimeout`` when the pattern
        takes longer than its budget on ``text``."""
        pattern = user_regex.UserPattern(
            self.regex, f"/{self.js_pattern}/", user_regex.budget_for(text), self.origin or "prh"
        )
        for m in pattern.finditer(text, pos, endpos):
            if self.must_empty is not None and self.must_empty <= len(m.groups()) and m.group(self.must_empty):
                continue
            yield Change(m.start(), m.end(), m.group(), expand(self.expected, m), self)

    def apply(self, text: str) -> str:
        return apply_changes(text, self.changes(text))

    def failed_specs(self) -> list[str]:
        out = []
        for src, want in self.specs:
            try:
                got = self.apply(src)
            except user_regex.PatternTimeout:
                out.append(f'{self.expected} spec failed: /{self.js_pattern}/ takes too long on "{src}"')
                continue
            if got != want:
                out.append(
                    f'{self.expected} spec failed. "{src}", expected "{want}", but got "{got}", /{self.js_pattern}/'
                )
        return out


def apply_changes(text: str, changes: Iterable[Change]) -> str:
    """Apply changes left to right as prh's ``applyChangeSets`` does."""
    delta = 0
    for c in sorted(changes, key=lambda c: c.start):
        text = text[: c.start + delta] + c.expected + text[c.start + delta + len(c.actual) :]
        delta += len(c.expected) - len(c.actual)
    return text


def make_rule(raw: Any) -> PrhRule:
    """A ``PrhRule`` from one entry of ``rules:``; ValueError says what is wrong."""
    if isinstance(raw, str):
        raw = {"expected": raw}
    if not isinstance(raw, dict):
        raise ValueError(f"a rule must be a mapping or a string, not {type(raw).__name__}")
    expected = raw.get("expected")
    if expected is None:
        raise ValueError("expected is required")
    if isinstance(expected, bool) or not isinstance(expected, (str, int, float)):
        raise ValueError("expected must be a string")
    expected = str(expected)
    options = raw.get("options") or {}
    if not isinstance(options, dict):
        raise ValueError("options must be a mapping")
    pattern = raw.get("pattern") or raw.get("patterns")
    source, flags = _pattern_source(pattern, expected, bool(options.get("wordBoundary")))
    try:
        regex = user_regex.compile_pattern(js_regex_source_to_python(source), re.M | (re.I if "i" in flags else 0))
    except (user_regex.error, ValueError) as exc:
        raise ValueError(f"pattern /{source}/ cannot be used: {exc}") from None
    must_empty = None
    if raw.get("regexpMustEmpty"):
        m = re.fullmatch(r"\$([0-9]+)", str(raw["regexpMustEmpty"]))
        if not m:
            raise ValueError(f"{expected} target failed. please use $1 format.")
        must_empty = int(m.group(1))
    specs = []
    for spec in raw.get("specs") or []:
        if not isinstance(spec, dict) or "from" not in spec or "to" not in spec:
            raise ValueError("each spec needs 'from' and 'to'")
        specs.append((str(spec["from"]), str(spec["to"])))
    note = raw.get("prh")
    return PrhRule(expected, regex, source, must_empty, specs, str(note) if note is not None else None)


@dataclass
class PrhDictionary:
    """The rules of one dictionary file with its imports merged in (prh's ``Engine``)."""

    path: str
    rules: list[PrhRule] = field(default_factory=list)
    version: int = 1

    def merge(self, other: PrhDictionary) -> None:
        """Add the rules of ``other`` whose ``expected`` is not already here, as prh does."""
        known = {r.expected for r in self.rules}
        self.rules.extend(r for r in other.rules if r.expected not in known)

    def changes(self, text: str, slow: list[PrhRule] | None = None) -> list[Change]:
        """The changes the dictionary makes to ``text``, ordered by position.

        A rule whose pattern takes too long on ``text`` is left out and added to ``slow``; without
        ``slow``, ``user_regex.PatternTimeout`` is raised.
        """
        found: list[Change] = []
        for rule in self.rules:
            try:
                found.extend(list(rule.changes(text)))
            except user_regex.PatternTimeout:
                if slow is None:
                    raise
                slow.append(rule)
        found.sort(key=lambda c: c.start)
        # As textlint-rule-prh reports: matches that change nothing are ignored, and a change
        # that overlaps an earlier one is dropped (the earliest match wins; at the same
        # place, the dictionary's first rule).
        kept: list[Change] = []
        for c in found:
            if c.actual == c.expected:
                continue
            if kept and (c.start < kept[-1].end or c.start == kept[-1].start):
                continue
            kept.append(c)
        return kept

    def apply(self, text: str) -> str:
        return apply_changes(text, self.changes(text))


# --- loading -----------------------------------------------------------------------------


def _builtin_root() -> Path:
    return resource_path("prh")


@lru_cache(maxsize=1)
def _builtin_table() -> dict[str, Path]:
    root = _builtin_root()
    files = sorted(p for p in root.rglob("*") if p.suffix in (".yml", ".yaml"))
    table = {p.relative_to(root).with_suffix("").as_posix(): p for p in files}
    stems: dict[str, list[Path]] = {}
    for p in files:
        stems.setdefault(p.stem, []).append(p)
    for stem, paths in stems.items():
        if len(paths) == 1 and stem not in table:
            table[stem] = paths[0]
    return table


def builtin_names() -> list[str]:
    """Every name a built-in dictionary answers to, e.g. ``builtin:WEB+DB_PRESS``."""
    return sorted(BUILTIN_PREFIX + k for k in _builtin_table())


def resolve_dictionary(name: str, resolve=None) -> Path:
    """The file of ``name``: a ``builtin:`` name, or a path (made absolute by ``resolve``)."""
    if name.startswith(BUILTIN_PREFIX):
        key = name[len(BUILTIN_PREFIX) :].strip().removesuffix(".yml").removesuffix(".yaml")
        path = _builtin_table().get(key)
        if path is None:
            raise PrhError(f"{name}: no such built-in prh dictionary; known: {', '.join(builtin_names())}")
        return path
    return Path(resolve(name)) if resolve else Path(name)


_lock = threading.Lock()
_cache: dict[tuple[str, ...], tuple[tuple[float, ...], PrhDictionary]] = {}


def _read_yaml(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise PrhError(f"{path}: prh dictionary not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise PrhError(f"{path}: cannot read prh dictionary: {exc}") from None
    import yaml

    try:
        return yaml.load(text, Loader=_yaml12_loader())
    except yaml.YAMLError as exc:
        raise PrhError(f"{path}: invalid YAML: {exc}".replace("\n", " ")) from None


def _load(path: Path, seen: tuple[Path, ...], files: list[Path], follow_imports: bool = True) -> PrhDictionary:
    path = path.resolve()
    files.append(path)
    data = _read_yaml(path)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise PrhError(f"{path}: a prh dictionary is a mapping with 'version' and 'rules'")
    try:
        version = int(data.get("version") or 1)
    except (TypeError, ValueError):
        raise PrhError(f"{path}: 'version' must be a number") from None
    raw_rules = data.get("rules") or []
    if not isinstance(raw_rules, list):
        raise PrhError(f"{path}: 'rules' must be a list")
    dictionary = PrhDictionary(str(path), version=version)
    for i, raw in enumerate(raw_rules, 1):
        try:
            rule = make_rule(raw)
        except ValueError as exc:
            raise PrhError(f"{path}: rule {i}: {exc}") from None
        rule.origin = str(path)
        failures = rule.failed_specs()
        if failures:
            raise PrhError(f"{path}: rule {i}: {failures[0]}")
        dictionary.rules.append(rule)
    imports = (data.get("imports") or []) if follow_imports else []
    if isinstance(imports, (str, dict)):
        imports = [imports]
    if not isinstance(imports, list):
        raise PrhError(f"{path}: 'imports' must be a list of paths")
    for spec in imports:
        ignore: list[Any] = []
        nested = True
        if isinstance(spec, dict):
            target, nested = spec.get("path"), not spec.get("disableImports")
            ignore = spec.get("ignoreRules") or []
        else:
            target = spec
        if not isinstance(target, str) or not target:
            raise PrhError(f"{path}: each import is a path or a mapping with 'path'")
        child_path = (path.parent / target).resolve()
        if child_path in seen or child_path == path:
            continue  # an import cycle: each file is read once
        child = _load(child_path, seen + (path,), files, follow_imports=nested)
        if child.version != dictionary.version:
            raise PrhError(f"{child_path}: version mismatch with {path}")
        if ignore:
            child.rules = [r for r in child.rules if not _ignored(r, ignore)]
        dictionary.merge(child)
    return dictionary


def _ignored(rule: PrhRule, ignore: list[Any]) -> bool:
    for item in ignore:
        if isinstance(item, str):
            item = {"pattern": item}
        if not isinstance(item, dict):
            continue
        pattern, expected = item.get("pattern"), item.get("expected")
        if pattern is not None:
            m = _REGEXP_STRING.match(str(pattern))
            source = m.group(1) if m else _JS_SPECIAL.sub(lambda x: "\\" + x.group(), str(pattern))
            if source != rule.js_pattern:
                continue
        if expected is not None and str(expected) != rule.expected:
            continue
        if pattern is not None or expected is not None:
            return True
    return False


def _mtimes(files: Iterable[Path]) -> tuple[float, ...]:
    out = []
    for f in files:
        try:
            out.append(f.stat().st_mtime)
        except OSError:
            out.append(-1.0)
    return tuple(out)


def load_dictionary(path: str | Path) -> PrhDictionary:
    """Load one dictionary file with its imports; cached per process until a file changes."""
    return load_dictionaries([path])


def load_dictionaries(paths: Iterable[str | Path]) -> PrhDictionary:
    """Load and merge several dictionary files (the first wins for a repeated ``expected``)."""
    key = tuple(str(Path(p).resolve()) for p in paths)
    with _lock:
        hit = _cache.get(key)
        if hit is not None:
            stamps, dictionary = hit
            if stamps == _mtimes(Path(f) for f in dictionary._files):  # type: ignore[attr-defined]
                return dictionary
    files: list[Path] = []
    merged: PrhDictionary | None = None
    for p in key:
        one = _load(Path(p), (), files)
        if merged is None:
            merged = one
        else:
            merged.merge(one)
    merged = merged or PrhDictionary("")
    merged._files = list(files)  # type: ignore[attr-defined]
    with _lock:
        _cache[key] = (_mtimes(files), merged)
    return merged
