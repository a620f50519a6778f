"""``--cache``: keep each file's findings, keyed by what decides them, so a rerun lints only what changed.

An entry is used only when everything that decides a file's findings is the same as when it was
stored: the file's path and bytes, its configuration (every setting, and the contents of the
dictionaries, word list and schema it names), and the program (its version and the contents of
its code and data, and the versions of the libraries that analyse text). Modification times
play no part, so a cache restored in CI (where every checkout is new) is as good as a local one.

A rerun of a site should cost little more than reading its posts and writing the report, so
an entry keeps, besides the file's findings:

- its term spellings, for the site-wide comparison (TM001 across posts), with the comparison's
  counts and decisions (``sitecache``): an unchanged site reuses each post's site findings, and a
  changed post makes only the posts it affects be compared again;
- its part of the last report in each of the last two output forms (format, path as given,
  colour, ``--quiet``), written out as they are when nothing that went into them changed.

Findings, text and spellings are decoded only when something reads them (``CachedResult``).
The file is ``cachefile.CacheFile``: a save appends what is new. A file that cannot be read as a
cache of ours (corrupt, another program's) is ignored with a note and replaced; one of another
version of the program is replaced silently. Findings that depend on the day (a date in the
future) are never stored, nor those of a file on which a rule failed.
"""

from __future__ import annotations

import hashlib
import json
import marshal
import os
import sys
import zlib
from collections.abc import Iterator
from dataclasses import fields
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..model import Diagnostic, Edit, Fix
from ..reading.textio import ReadError, SourceText, decode_bytes, read_regular_file
from .cachefile import CacheFile, CacheFileError
from .config import Config
from .files import LintResult

FORMAT_VERSION = 3
DEFAULT_LOCATION = ".article-lint-cache"
_OLD_MAGIC = b"article-lint-cache\n"  # the format before the appendable file: replaced silently
_ANALYSERS = ("markdown-it-py", "mdit-py-plugins", "PyYAML", "jsonschema", "fugashi", "ipadic", "pyenchant")
_VARIANTS = 2  # report forms kept per file


class LintCache:
    """The entries of one cache file; ``lookup`` before linting, ``store`` after, ``save`` at the end."""

    def __init__(self, location: str | os.PathLike, notes: list[str] | None = None):
        self.location = Path(location)
        self.notes = notes if notes is not None else []
        self.entries: dict[str, dict[str, Any]] = {}
        self.hits = 0
        self.dirty = False
        self.site: dict[str, Any] | None = None  # the last site comparison: members' digest, state blob
        self.parts: dict[str, Any] = {}  # report parts shared by all files (the SARIF frame)
        self._file: CacheFile | None = None
        self._previous: dict[str, dict[str, Any]] = {}  # entries replaced in this run
        self._added: dict[str, Any] = {}  # key → the site findings given this run to a result linted now
        self._stored: set[str] = set()  # keys of the results stored in this run
        self._damaged = False
        self._load()

    # -- the file -------------------------------------------------------------------------
    def _load(self) -> None:
        if self.location.is_dir():
            self.location = self.location / DEFAULT_LOCATION
        file = CacheFile(self.location)
        try:
            file.open()
        except FileNotFoundError:
            file.close()
            return
        except CacheFileError:
            file.close()
            self.dirty = True
            if not _old_format(self.location):
                self.notes.append(f"ignoring {self.location}: not a cache file of article-lint; it will be replaced")
            return
        except OSError as exc:
            file.close()
            self.notes.append(f"cannot read the cache {self.location} ({exc.strerror or exc}); linting every file")
            return
        self._file = file
        index = file.index
        if not (isinstance(index, dict) and isinstance(index.get("entries"), dict)):
            self.notes.append(f"ignoring {self.location}: not a cache file of article-lint; it will be replaced")
            self.dirty = True
            return
        if index.get("version") != FORMAT_VERSION or index.get("program") != program_fingerprint():
            self.dirty = True  # another version of the program: every entry is stale
            return
        self.entries = index["entries"]
        self.site = index.get("site")
        self.parts = index.get("parts") or {}

    def save(self) -> None:
        """Write what changed (appended to the file, or the file rewritten atomically)."""
        if not self.dirty:
            return
        if self._damaged:
            self._drop_damaged()
        index = {
            "version": FORMAT_VERSION,
            "program": program_fingerprint(),
            "entries": self.entries,
            "site": self.site,
            "parts": self.parts,
        }
        file = self._file or CacheFile(self.location)
        places = list(_blob_places(index))
        live = sum(len(c[k]) if isinstance(c[k], (bytes, bytearray)) else c[k][1] for c, k in places)
        try:
            file.save(index, iter(places), live)
        except (OSError, ValueError, CacheFileError) as exc:
            self.notes.append(f"cannot write the cache {self.location}: {getattr(exc, 'strerror', None) or exc}")
        self.dirty = False

    def damaged(self) -> None:
        """A blob failed its check: the file is rewritten without the entries that refer to bad ones."""
        if not self._damaged:
            self.notes.append(f"{self.location}: damaged; what it held for some files was linted again")
        self._damaged = self.dirty = True

    def _drop_damaged(self) -> None:
        def readable(ref: Any) -> bool:
            try:
                self.blob(ref)
                return True
            except CacheFileError:
                return False

        for key, entry in list(self.entries.items()):
            places = _entry_places(entry)
            if not all(readable(c[k]) for c, k in places):
                del self.entries[key]
        if self.site is not None and not readable(self.site["state"]):
            self.site = None
        self.parts = {k: v for k, v in self.parts.items() if readable(v)}

    def blob(self, ref: Any) -> bytes:
        if isinstance(ref, (bytes, bytearray)):
            return bytes(ref)
        if self._file is None:
            raise CacheFileError("no file")
        return self._file.blob(ref)

    # -- entries --------------------------------------------------------------------------
    def lookup(self, path: str, config: Config | None) -> CachedResult | None:
        """The cached result of ``path`` (a ``LintResult``), or None (then lint it and ``store``
        the result). Only the file's bytes are read and hashed here; its text, findings and
        spellings are decoded when first read."""
        entry = self.entries.get(_key(path))
        if entry is None:
            return None
        try:
            raw = read_regular_file(path)
        except ReadError:
            return None  # linting reports the error
        if entry.get("raw") != hashlib.sha256(raw).digest() or entry.get("config") != config_fingerprint(config):
            return None
        self.hits += 1
        return CachedResult(self, _key(path), str(path), raw, entry, config)

    def store(self, result: LintResult, config: Config | None) -> None:
        """Keep ``result`` (a ``LintResult`` as ``lint_file`` returned it, before site-wide findings)."""
        key = _key(result.path)
        if isinstance(result, CachedResult):
            return
        keep = (
            not result.error
            and result.source is not None
            and result.source.raw is not None
            and not result.failures  # incomplete: the rule may not fail next time
            and not any(d.code == "FM005" and d.data.get("kind") == "future" for d in result.diagnostics)
        )
        encoded = [_encode_diagnostic(d) for d in result.diagnostics] if keep else []
        if not keep or any(e is None for e in encoded) or not all(type(n) is str for n in result.notes):
            old = self.entries.pop(key, None)
            if old is not None:
                self._previous.setdefault(key, old)
                self.dirty = True
            self._stored.discard(key)
            return
        source = result.source
        assert source is not None and source.raw is not None  # what ``keep`` checked
        diagnostics = result.diagnostics
        terms = None
        if result.terms is not None:
            summary = marshal.dumps((_summary(result.terms), dict(result.terms_names or {})))
            terms = [summary, _packed(result.terms), result.terms_severity, result.terms_language]
        old = self.entries.get(key)
        if old is not None:
            self._previous.setdefault(key, old)
        self._stored.add(key)
        self.entries[key] = {
            "raw": hashlib.sha256(source.raw).digest(),
            "config": config_fingerprint(config),
            "notes": list(result.notes),
            "read_as": result.read_as,
            "counts": _counts(diagnostics),
            "tm": tuple(sorted(_own_tm(diagnostics))),
            "diags": _packed(encoded),
            "terms": terms,
            "added": None,
            "frags": {},
        }
        self.dirty = True

    # -- the site-wide comparison -----------------------------------------------------------
    def apply_site(self, results: list[LintResult], config_of) -> None:
        """Add the site-wide TM001 findings to ``results`` (those of one run, in its order;
        ``config_of(path)`` their configuration), comparing again only what changed since the
        comparison kept in the cache."""
        from .site import file_findings, merge_findings
        from .sitecache import SiteState

        usable = [r for r in results if not r.error and _has_terms(r)]
        if len(usable) < 2:
            return
        members = [self._identity(r, config_of(r.path)) for r in usable]
        digest = _members_digest(members)
        entries = [self._entry_of(r) for r in usable]
        # A post's stored site findings hold for the comparison kept (if it was a member of it);
        # one linted in this run has none yet.
        kept = [isinstance(r, CachedResult) for r in usable]
        if self.site is not None and self.site["digest"] == digest and all(kept):
            for r, entry in zip(usable, entries, strict=True):
                assert entry is not None
                self._give(r, entry["added"], merge_findings)
            return
        summaries: dict[int, tuple] = {}

        def summary_and_names(pos: int) -> tuple:
            if pos not in summaries:
                summaries[pos] = self._summary_of(usable[pos], entries[pos])
            return summaries[pos]

        state = None
        affected: set[int] | None = None
        if self.site is not None:
            try:
                state = SiteState.load(marshal.loads(self.blob(self.site["state"])))
                changed = self._changes(state, members, summary_and_names)
            except (CacheFileError, ValueError, EOFError, TypeError, KeyError):
                changed = None
            if changed is not None and state is not None:
                affected = state.update(members, changed, lambda pos: summary_and_names(pos)[0])
        if affected is None:
            state = SiteState.build(
                members,
                [summary_and_names(pos)[0] for pos in range(len(usable))],
                [summary_and_names(pos)[1] for pos in range(len(usable))],
            )
            findings_of = state.affected_all()
            recompute = set(range(len(usable)))
        else:
            findings_of = recompute = affected
        assert state is not None
        decisions = state.decisions
        for pos, r in enumerate(usable):
            entry = entries[pos]
            if pos not in recompute and kept[pos] and entry is not None:
                self._give(r, entry["added"], merge_findings)
                continue
            added = None
            if pos in findings_of or not kept[pos]:
                own = set(entry["tm"]) if entry is not None else _own_tm(r.diagnostics)
                found = file_findings(
                    r.text, r.terms or {}, lambda k, s: decisions[(k, s)], own, r.terms_severity, r.terms_language
                )
                added = [_encode_diagnostic(d) for d in found] or None
            if entry is not None and entry["added"] != added:
                entry["added"] = added
                self.dirty = True
            self._give(r, added, merge_findings)
        self.site = {"digest": digest, "state": marshal.dumps(state.dump())}
        self.dirty = True

    def _give(self, r: LintResult, added: list | None, merge) -> None:
        if isinstance(r, CachedResult):
            r.set_site_findings(added)
            return
        self._added[_key(r.path)] = added
        if added:
            r.diagnostics = merge(r.diagnostics, [_decode_diagnostic(e) for e in added])

    def _identity(self, r: LintResult, config: Config | None) -> tuple:
        """What decides ``r``'s spellings: its path, bytes and configuration."""
        if isinstance(r, CachedResult):
            return (r.key, r.entry["raw"], r.entry["config"])
        raw = r.source.raw if r.source is not None and r.source.raw is not None else r.text.encode("utf-8")
        return (_key(r.path), hashlib.sha256(raw).digest(), config_fingerprint(config))

    def _entry_of(self, r: LintResult) -> dict | None:
        """The entry that holds ``r`` (read from the cache, or stored in this run), or None."""
        if isinstance(r, CachedResult):
            return r.entry
        key = _key(r.path)
        return self.entries.get(key) if key in self._stored else None

    def _summary_of(self, r: LintResult, entry: dict | None) -> tuple:
        if entry is not None and entry["terms"] is not None:
            try:
                summary, names = marshal.loads(self.blob(entry["terms"][0]))
                return summary, names
            except CacheFileError:
                self.damaged()
        return _summary(r.terms or {}), dict(r.terms_names or {})

    def _changes(self, state, members: list[tuple], summary_and_names) -> dict | None:
        """Old and new summaries of the members that changed, or None when an old one is gone."""
        if len(members) != len(state.members):
            return None
        changed = {}
        for pos, (old, new) in enumerate(zip(state.members, members, strict=True)):
            if old == new:
                continue
            if old[0] != new[0]:
                return None
            before = self._old_summary(old)
            if before is None:
                return None
            now = summary_and_names(pos)
            if before[1] != now[1]:
                return None  # other dictionary names: every decision may differ
            changed[pos] = (before[0], now[0])
        return changed

    def _old_summary(self, identity: tuple) -> tuple | None:
        key, raw, config = identity
        for entry in (self._previous.get(key), self.entries.get(key)):
            if entry is not None and entry["raw"] == raw and entry["config"] == config and entry["terms"] is not None:
                try:
                    return marshal.loads(self.blob(entry["terms"][0]))
                except CacheFileError:
                    self.damaged()
        return None

    # -- report parts ---------------------------------------------------------------------
    def fragment(self, result: LintResult, variant: tuple) -> bytes | None:
        """``result``'s part of the report in ``variant``, as the cache has it, or None."""
        if not isinstance(result, CachedResult) or result.modified:
            return None
        kept = result.entry["frags"].get(variant)
        if kept is None or kept[0] != result.site_added:
            return None
        try:
            return self.blob(kept[1])
        except CacheFileError:
            self.damaged()
            return None

    def keep_fragment(self, result: LintResult, variant: tuple, data: bytes) -> None:
        """Keep ``data`` as ``result``'s part of the report in ``variant`` (its findings as they are)."""
        entry: dict[str, Any] | None
        if isinstance(result, CachedResult):
            if result.modified:
                return
            entry, added = result.entry, result.site_added
        else:
            key = _key(result.path)
            entry = self.entries.get(key) if key in self._stored else None
            if entry is None:
                return
            added = self._added.get(key)
        frags = entry["frags"]
        others = [v for v in frags if v != variant][: _VARIANTS - 1]
        entry["frags"] = {variant: [added, data], **{v: frags[v] for v in others}}
        self.dirty = True

    def part(self, name: str) -> bytes | None:
        ref = self.parts.get(name)
        try:
            return None if ref is None else self.blob(ref)
        except CacheFileError:
            return None

    def keep_part(self, name: str, data: bytes) -> None:
        self.parts = {name: data, **{k: v for k, v in self.parts.items() if k != name}}
        if len(self.parts) > _VARIANTS:
            self.parts = dict(list(self.parts.items())[:_VARIANTS])
        self.dirty = True


class CachedResult(LintResult):
    """A ``LintResult`` read from the cache: its text, findings and spellings are decoded when
    first read, and, until its findings are changed, its report part can come from the cache."""

    def __init__(self, cache: LintCache, key: str, path: str, raw: bytes, entry: dict, config: Config | None):
        self.cache, self.key, self.entry, self.raw, self.config = cache, key, entry, raw, config
        self.path = path
        self.error = None
        self.notes = list(entry["notes"])
        terms = entry["terms"]
        self.terms_severity = terms[2] if terms is not None else None
        self.terms_language = terms[3] if terms is not None else None
        self.site_added: list | None = None  # the site findings given to it, encoded
        self.modified = False  # findings set from outside: the cached report part no longer fits
        self._diagnostics: list[Diagnostic] | None = None
        self._source: SourceText | None = None
        self._text: str | None = None
        self._terms: Any = _UNREAD
        self._terms_names: Any = _UNREAD
        self._relint: LintResult | None = None
        self._added_counts: tuple | None = None

    def stored_codes(self) -> list[str]:
        """The rule codes of the findings stored for this file (before site-wide ones are added),
        read without making a ``Diagnostic`` of each; raises ``CacheFileError`` when damaged."""
        return [e[0] for e in _unpacked(self.cache.blob(self.entry["diags"]))]

    def added_site_findings(self) -> list[Diagnostic]:
        """The findings the site-wide comparison gave this file in this run."""
        return [_decode_diagnostic(e) for e in self.site_added or ()]

    def _relinted(self) -> LintResult:
        """The file linted again from the bytes read, for what the cache holds damaged."""
        if self._relint is None:
            from .files import lint_source

            self.cache.damaged()
            self._relint = lint_source(self.source, self.path, self.config, collect_terms=True)
        return self._relint

    def set_site_findings(self, added: list | None) -> None:
        self.site_added = added
        self._diagnostics = self._added_counts = None

    @property
    def diagnostics(self) -> list[Diagnostic]:
        if self._diagnostics is None:
            try:
                own = [_decode_diagnostic(e) for e in _unpacked(self.cache.blob(self.entry["diags"]))]
            except CacheFileError:
                own = list(self._relinted().diagnostics)
            if self.site_added:
                from .site import merge_findings

                own = merge_findings(own, [_decode_diagnostic(e) for e in self.site_added])
            self._diagnostics = own
        return self._diagnostics

    @diagnostics.setter
    def diagnostics(self, value: list[Diagnostic]) -> None:
        self._diagnostics = value
        self.modified = True

    @property
    def source(self) -> SourceText:
        if self._source is None:
            self._source = decode_bytes(self.raw, self.path)
        return self._source

    @source.setter
    def source(self, value: SourceText) -> None:
        self._source = value

    @property
    def text(self) -> str:
        return self._text if self._text is not None else self.source.text

    @text.setter
    def text(self, value: str) -> None:
        self._text = value

    @property
    def terms(self) -> dict | None:
        if self._terms is _UNREAD:
            terms = self.entry["terms"]
            try:
                self._terms = _unpacked(self.cache.blob(terms[1])) if terms is not None else None
            except CacheFileError:
                self._terms = self._relinted().terms
        return self._terms

    @terms.setter
    def terms(self, value: dict | None) -> None:
        self._terms = value

    @property
    def terms_names(self) -> dict | None:
        if self._terms_names is _UNREAD:
            terms = self.entry["terms"]
            try:
                self._terms_names = marshal.loads(self.cache.blob(terms[0]))[1] if terms is not None else None
            except CacheFileError:
                self._terms_names = self._relinted().terms_names
        return self._terms_names

    @terms_names.setter
    def terms_names(self, value: dict | None) -> None:
        self._terms_names = value

    @property
    def read_as(self) -> str | None:
        return self.entry["read_as"]

    def counts(self, quiet: bool = False) -> tuple[int, int, int, int]:
        """(findings, errors, warnings, safely fixable) of what the report shows (errors only
        with ``quiet``), without decoding the findings."""
        if self.modified:
            return _report_counts(self.diagnostics, quiet)
        errors, warnings, infos, fixable, fixable_errors = self.entry["counts"]
        if self.site_added:
            if self._added_counts is None:
                self._added_counts = _counts([_decode_diagnostic(e) for e in self.site_added])
            extra = self._added_counts
            errors, warnings, infos = errors + extra[0], warnings + extra[1], infos + extra[2]
            fixable, fixable_errors = fixable + extra[3], fixable_errors + extra[4]
        if quiet:
            return errors, errors, 0, fixable_errors
        return errors + warnings + infos, errors, warnings, fixable

    @property
    def errors(self) -> int:
        return self.counts()[1]

    @property
    def warnings(self) -> int:
        return self.counts()[2]


_UNREAD = object()


def _has_terms(r: LintResult) -> bool:
    """Whether ``r`` has term spellings (TM001 is on for it), without decoding them."""
    if isinstance(r, CachedResult) and r._terms is _UNREAD:
        return r.entry["terms"] is not None
    return r.terms is not None


def report_counts(result: LintResult, quiet: bool = False) -> tuple[int, int, int, int]:
    """(findings, errors, warnings, safely fixable) of ``result`` as the report shows it."""
    if isinstance(result, CachedResult):
        return result.counts(quiet)
    return _report_counts(result.diagnostics, quiet)


def _report_counts(diagnostics: list[Diagnostic], quiet: bool) -> tuple[int, int, int, int]:
    shown = [d for d in diagnostics if d.severity == "error"] if quiet else diagnostics
    errors = sum(d.severity == "error" for d in shown)
    warnings = sum(d.severity == "warning" for d in shown)
    fixable = sum(d.fix is not None and d.fix.applicability == "safe" for d in shown)
    return len(shown), errors, warnings, fixable


def _counts(diagnostics: list[Diagnostic]) -> tuple[int, int, int, int, int]:
    errors = warnings = infos = fixable = fixable_errors = 0
    for d in diagnostics:
        safe = d.fix is not None and d.fix.applicability == "safe"
        if d.severity == "error":
            errors += 1
            fixable_errors += safe
        elif d.severity == "warning":
            warnings += 1
        else:
            infos += 1
        fixable += safe
    return errors, warnings, infos, fixable, fixable_errors


def _own_tm(diagnostics: list[Diagnostic]) -> set[tuple[int, int]]:
    from .site import own_spans

    return own_spans(diagnostics)


def _summary(terms: dict) -> tuple:
    from .sitecache import summarize

    return summarize(terms)


def _packed(value: Any) -> bytes:
    return zlib.compress(marshal.dumps(value), 1)


def _unpacked(data: bytes) -> Any:
    return marshal.loads(zlib.decompress(data))


def _members_digest(members: list[tuple]) -> str:
    h = hashlib.sha256()
    for key, raw, config in members:
        h.update(key.encode("utf-8", "surrogatepass") + b"\0" + raw + config.encode() + b"\0")
    return h.hexdigest()


def _entry_places(entry: dict) -> list[tuple[Any, Any]]:
    places: list[tuple[Any, Any]] = [(entry, "diags")]
    if entry["terms"] is not None:
        places += [(entry["terms"], 0), (entry["terms"], 1)]
    places += [(kept, 1) for kept in entry["frags"].values()]
    return places


def _blob_places(index: dict) -> Iterator[tuple[Any, Any]]:
    """Every place in the index that holds a blob (its ``Ref``, or bytes not written yet)."""
    for entry in index["entries"].values():
        yield from _entry_places(entry)
    if index["site"] is not None:
        yield index["site"], "state"
    for name in index["parts"]:
        yield index["parts"], name


def _old_format(path: Path) -> bool:
    try:
        with open(path, "rb") as f:
            return f.read(len(_OLD_MAGIC)) == _OLD_MAGIC
    except OSError:
        return False


def _key(path: str) -> str:
    return os.path.abspath(path)


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
        return type(value) in (type(None), bool, int, float, str)
    if isinstance(value, (list, tuple)):
        return type(value) in (list, tuple) and all(_plain(v) for v in value)
    if isinstance(value, dict):
        return type(value) is dict and all(type(k) is str and _plain(v) for k, v in value.items())
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
