"""``--cache``: keep each file's findings, keyed by what decides them, so a rerun lints only what changed.

An entry is used only when everything that decides a file's findings is the same as when it was
stored: the file's path and decoded text, its configuration (every setting, and the contents of
the dictionaries, word list and schema it names), and the program (its version and the contents
of its code and data, and the versions of the libraries that analyse text). Modification times
play no part, so a cache restored in CI (where every checkout is new) is as good as a local one.
Each entry keeps the file's term spellings too, so a site-wide run still compares every post.

A file that cannot be read as a cache of ours (corrupt, another program's, another version) is
ignored with a note and replaced; the file is written atomically. Findings that depend on the day
(a date in the future) are never stored.
"""

from __future__ import annotations

import gc
import hashlib
import json
import marshal
import os
import sys
from dataclasses import fields
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..model import Diagnostic, Edit, Fix
from ..reading.safe_write import write_atomic
from ..reading.textio import ReadError, SourceText, read_source
from .config import Config

MAGIC = b"article-lint-cache\n"
FORMAT_VERSION = 2
_DIGEST = 32  # a SHA-256 of the payload follows the magic: a damaged file is never unmarshalled
DEFAULT_LOCATION = ".article-lint-cache"
_ANALYSERS = ("markdown-it-py", "mdit-py-plugins", "PyYAML", "jsonschema", "fugashi", "ipadic", "pyenchant")


class LintCache:
    """The entries of one cache file; ``lookup`` before linting, ``store`` after, ``save`` at the end."""

    def __init__(self, location: str | os.PathLike, notes: list[str] | None = None):
        self.location = Path(location)
        self.notes = notes if notes is not None else []
        self.entries: dict[str, dict[str, Any]] = {}
        self.hits = 0
        self.dirty = False
        self._load()

    # -- the file -------------------------------------------------------------------------
    def _load(self) -> None:
        if self.location.is_dir():
            self.location = self.location / DEFAULT_LOCATION
        try:
            raw = self.location.read_bytes()
        except FileNotFoundError:
            return
        except OSError as exc:
            self.notes.append(f"cannot read the cache {self.location} ({exc.strerror or exc}); linting every file")
            return
        data = None
        head = len(MAGIC) + _DIGEST
        if raw.startswith(MAGIC) and hashlib.sha256(raw[head:]).digest() == raw[len(MAGIC) : head]:
            collecting = gc.isenabled()
            gc.disable()  # millions of new tuples, none garbage: collections would only scan them
            try:
                data = marshal.loads(raw[head:])
            except (ValueError, EOFError, TypeError):
                data = None
            finally:
                if collecting:
                    gc.enable()
        if not (isinstance(data, dict) and isinstance(data.get("entries"), dict)):
            self.notes.append(f"ignoring {self.location}: not a cache file of article-lint; it will be replaced")
            self.dirty = True
            return
        if data.get("version") != FORMAT_VERSION or data.get("program") != program_fingerprint():
            self.dirty = True  # another version of the program: every entry is stale
            return
        self.entries = data["entries"]

    def save(self) -> None:
        """Write the cache atomically (only when something changed)."""
        if not self.dirty:
            return
        data = {"version": FORMAT_VERSION, "program": program_fingerprint(), "entries": self.entries}
        payload = marshal.dumps(data)
        try:
            if not self.location.parent.exists():
                self.location.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(self.location, MAGIC + hashlib.sha256(payload).digest() + payload)
        except (OSError, ValueError) as exc:
            self.notes.append(f"cannot write the cache {self.location}: {getattr(exc, 'strerror', None) or exc}")

    # -- entries --------------------------------------------------------------------------
    def lookup(self, path: str, config: Config | None):
        """The cached ``LintResult`` of ``path``, or None (then lint it and ``store`` the result)."""
        from .files import LintResult

        entry = self.entries.get(_key(path))
        if entry is None:
            return None
        try:
            source = read_source(path)
        except ReadError:
            return None  # linting reports the error
        if entry.get("text") != _text_hash(source) or entry.get("config") != config_fingerprint(config):
            return None
        try:
            diagnostics = [_decode_diagnostic(d) for d in entry["diagnostics"]]
            result = LintResult(path, diagnostics, source.text, source, notes=list(entry["notes"]))
            result.terms = _decode_terms(entry["terms"])
            result.terms_severity = entry["terms_severity"]
            result.terms_language = entry["terms_language"]
        except (KeyError, TypeError, ValueError):
            return None
        self.hits += 1
        return result

    def store(self, result, config: Config | None) -> None:
        """Keep ``result`` (a ``LintResult`` as ``lint_file`` returned it, before site-wide findings)."""
        key = _key(result.path)
        if result.error or result.source is None:
            self.dirty |= self.entries.pop(key, None) is not None
            return
        if any(d.code == "FM005" and d.data.get("kind") == "future" for d in result.diagnostics):
            self.dirty |= self.entries.pop(key, None) is not None
            return  # tomorrow it may be gone
        encoded = [_encode_diagnostic(d) for d in result.diagnostics]
        if any(e is None for e in encoded):
            self.dirty |= self.entries.pop(key, None) is not None
            return
        self.entries[key] = {
            "text": _text_hash(result.source),
            "config": config_fingerprint(config),
            "diagnostics": encoded,
            "notes": list(result.notes),
            "terms": _encode_terms(result.terms),
            "terms_severity": result.terms_severity,
            "terms_language": result.terms_language,
        }
        self.dirty = True


def _key(path: str) -> str:
    return os.path.abspath(path)


def _text_hash(source: SourceText) -> str:
    h = hashlib.sha256(source.text.encode("utf-8", "surrogatepass"))
    h.update(f"\0{source.encoding}\0{source.label}".encode())
    return h.hexdigest()


# -- what decides a file's findings ---------------------------------------------------------------
def _file_digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError as exc:
        return f"unreadable:{exc.errno}"


_config_cache: dict[int, tuple[Config, str]] = {}


def config_fingerprint(config: Config | None) -> str:
    """A digest of every setting of ``config`` and of the files it names (dictionaries, words, schema)."""
    config = config if config is not None else Config()
    hit = _config_cache.get(id(config))
    if hit is not None and hit[0] is config:
        return hit[1]
    settings = {f.name: getattr(config, f.name) for f in fields(config)}
    settings["source"] = str(config.source) if config.source else None
    named = []
    for name in [*config.dictionaries, config.words_file, config.schema]:
        if name and not name.startswith("builtin:"):
            named.append((name, _file_digest(config.resolve(name))))
    blob = json.dumps({"settings": settings, "files": named}, sort_keys=True, default=str, ensure_ascii=False)
    digest = hashlib.sha256(blob.encode("utf-8")).hexdigest()
    _config_cache[id(config)] = (config, digest)
    return digest


@lru_cache(maxsize=1)
def program_fingerprint() -> str:
    """A digest of this program's code and data and of the text analysers it uses."""
    from ..version import __version__

    h = hashlib.sha256(f"article-lint {__version__}\0{sys.version}\0".encode())
    here = Path(__file__).resolve().parent.parent  # the core: rules/
    roots = [here]
    resources = here.parent / "resources"
    if not resources.is_dir():
        try:
            from ..resources import resources_dir

            resources = Path(resources_dir())
        except Exception:
            resources = None  # type: ignore[assignment]
    if resources is not None and resources.is_dir():
        roots.append(resources)
    for root in roots:
        for p in sorted(root.rglob("*")):
            if p.is_file() and "__pycache__" not in p.parts and p.suffix not in (".pyc", ".pyo"):
                h.update(str(p.relative_to(root)).encode("utf-8", "surrogateescape") + b"\0")
                h.update(p.read_bytes())
    h.update(repr(_analyser_versions()).encode())
    return h.hexdigest()


def _analyser_versions() -> list[str]:
    """The installed versions of the text analysers, from their metadata folders' names
    (``fugashi-1.3.2.dist-info``): importing ``importlib.metadata`` costs more than the lint of a file."""
    wanted = {name.lower().replace("-", "_") for name in _ANALYSERS}
    found = []
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in names:
            if name.endswith((".dist-info", ".egg-info")):
                dist = name.rsplit(".", 1)[0]
                project = dist.split("-", 1)[0].lower().replace("-", "_")
                if project in wanted:
                    found.append(dist)
    return sorted(found)


# -- diagnostics as plain values (what marshal writes) ----------------------------------------------
def _encode_terms(terms: dict | None) -> dict | None:
    """Term spellings as ``lint_file`` gives them (group → spelling → [(start, end)]): marshal keeps
    lists of tuples as they are, and a site-wide run reads them as they come back."""
    return terms


def _decode_terms(terms: dict | None) -> dict | None:
    return terms


def _encode_fix(fix: Fix | None) -> tuple | None:
    if fix is None:
        return None
    return (tuple((e.start, e.end, e.text) for e in fix.edits), fix.applicability, fix.description)


def _decode_fix(data: tuple | None) -> Fix | None:
    if data is None:
        return None
    edits, applicability, description = data
    return Fix(tuple(Edit(s, e, t) for s, e, t in edits), applicability, description)


def _plain(value: Any) -> bool:
    """Whether marshal gives ``value`` back equal and of the same types."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return True
    if isinstance(value, (list, tuple)):
        return all(_plain(v) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in value.items())
    return False


def _encode_diagnostic(d: Diagnostic) -> tuple | None:
    """``d`` as plain values, or None when its extra data are not plain values."""
    if d.data and not _plain(d.data):
        return None
    return (
        d.code,
        d.name,
        d.severity,
        d.message,
        d.start,
        d.end,
        _encode_fix(d.fix),
        tuple(_encode_fix(x) for x in d.suggestions),
        d.line,
        d.column,
        d.end_line,
        d.end_column,
        d.data or None,
    )


def _decode_diagnostic(e: tuple) -> Diagnostic:
    code, name, severity, message, start, end, fix, suggestions, line, column, end_line, end_column, data = e
    return Diagnostic(
        code,
        name,
        severity,
        message,
        start,
        end,
        _decode_fix(fix),
        tuple(_decode_fix(x) for x in suggestions),  # type: ignore[misc]
        line,
        column,
        end_line,
        end_column,
        dict(data) if data else {},
    )
