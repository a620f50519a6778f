"""Article Studio's linter core: the public API.

The ``article-lint`` command, the editor and the tests use only what this module exports.
It never imports Qt.

    >>> from rules import lint_text
    >>> [d.code for d in lint_text("本文です。\\n\\n---END---\\n")]
    ['AG001']
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from .config import Config, ConfigError, config_for, config_from_mapping, find_config_file, load_config_file
from .document import Document
from .engine import resolve_rules, run_rules
from .fixer import apply_edits, apply_fix_set, fix_until_stable, select_fixes
from .model import Diagnostic, Edit, Fix, LineIndex
from .profiles import detect_profile, profile_schema
from .resources import resource_path, resources_dir
from .registry import Rule, all_rules, find_rule
from .textio import ReadError, SourceText, decode_bytes, read_source, write_atomic
from .textstats import character_count, reading_minutes

__version__ = "0.1.0"

# Exported names whose modules a lint run does not need: imported on first use, so that
# ``article-lint`` starts without the exporter, the HTML renderer and the config writer.
_LAZY = {
    "Change": ".export", "ExportResult": ".export", "export_post": ".export",
    "render_html": ".render",
    "read_config_table": ".userconfig", "rule_severities": ".userconfig", "write_config": ".userconfig",
}


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value

__all__ = [
    "Change", "Config", "ConfigError", "Diagnostic", "Document", "Edit", "ExportResult", "Fix", "LineIndex",
    "LintResult", "ReadError", "Rule", "RuleInfo", "SourceText", "__version__", "apply_fix", "apply_fixes",
    "character_count", "config_for", "config_from_mapping", "decode_bytes", "detect_profile", "explain",
    "export_post", "find_config_file", "fix_text", "lint_document", "lint_file", "lint_paths", "lint_text", "list_rules",
    "load_config", "parse_document", "profile_schema", "read_config_table", "read_source", "reading_minutes",
    "render_html", "resource_path", "resources_dir", "rule_severities", "write_atomic", "write_config",
]


@dataclass
class LintResult:
    """The findings for one file, or the reason it could not be read."""

    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    text: str = ""
    source: SourceText | None = None
    error: str | None = None
    notes: list[str] = field(default_factory=list)
    # Term spellings of the file (group → spelling → spans), for site-wide TM001 in
    # multi-file runs; None when TM001 is off for this file.
    terms: dict | None = None
    terms_severity: str | None = None
    terms_language: str | None = None

    @property
    def errors(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity == "warning")


@dataclass(frozen=True)
class RuleInfo:
    code: str
    name: str
    severity: str
    summary: str
    doc: str
    options: dict
    fixable: bool
    default_enabled: bool


def load_config(path: str | os.PathLike | None = None, *, start: str | os.PathLike | None = None) -> Config:
    """Load the config file ``path``, or discover the one that applies to ``start``."""
    if path is not None:
        return load_config_file(path)
    return config_for(start)


def parse_document(text: str, path: str | None = None) -> Document:
    """The parsed ``Document`` (front matter, blocks, sentences, chunks) of ``text``."""
    return Document(text, path)


def lint_text(text: str, path: str | None = None, config: Config | None = None,
              notes: list[str] | None = None, site=None) -> list[Diagnostic]:
    """Lint ``text`` (``\\n`` line endings) as if it were the file ``path``."""
    return lint_document(Document(text, path), config, notes, site)


def lint_document(doc: Document, config: Config | None = None, notes: list[str] | None = None,
                  site=None) -> list[Diagnostic]:
    """Lint a ``Document`` from ``parse_document``: for callers that also read the document
    (outline, counts), so it is parsed once."""
    if config is None:
        config = config_for(doc.path) if doc.path else Config()
    return run_rules(doc, config, site=site, notes=notes)


def lint_file(path: str | os.PathLike, config: Config | None = None, site=None,
              collect_terms: bool = False, two_cores: bool = False) -> LintResult:
    """Read, decode and lint one file. Read errors are returned, never raised.

    ``collect_terms`` keeps the file's term spellings for a site-wide comparison;
    ``two_cores`` lets a long file's rules run in two processes (see ``rules.two_cores``).
    """
    name = str(path)
    try:
        source = read_source(path)
    except ReadError as exc:
        return LintResult(name, error=str(exc))
    try:
        cfg = config if config is not None else config_for(path)
    except ConfigError as exc:
        return LintResult(name, text=source.text, source=source, error=str(exc))
    notes: list[str] = []
    doc = Document(source.text, name)
    settings = resolve_rules(cfg, name)
    diags = run_rules(doc, cfg, settings, site=site, notes=notes, two_cores=two_cores)
    result = LintResult(name, diags, source.text, source, notes=notes)
    tm001 = next((s for s in settings if s.rule.code == "TM001"), None)
    if collect_terms and tm001 is not None:
        from .terms import extract_terms

        terms: dict[str, dict[str, list[tuple[int, int]]]] = {}
        for t in extract_terms(doc):
            terms.setdefault(t.key, {}).setdefault(t.surface, []).append((t.start, t.end))
        result.terms, result.terms_severity, result.terms_language = terms, tm001.severity, cfg.language
    return result


def lint_paths(paths: Sequence[str | os.PathLike], config: Config | None = None,
               jobs: int | None = None) -> list[LintResult]:
    """Lint files in parallel (``jobs`` processes; default: all cores), in input order."""
    from .runner import run_many

    return run_many([str(p) for p in paths], config, jobs)


def apply_fix(text: str, fix: Fix) -> str:
    """Apply one fix to ``text``."""
    return apply_edits(text, fix.edits)


def apply_fixes(text: str, diagnostics: Iterable[Diagnostic], applicability: str = "safe") -> str:
    """Apply the fixes of ``diagnostics`` allowed at ``applicability``, once."""
    return apply_fix_set(text, select_fixes(diagnostics, applicability))


def fix_text(text: str, path: str | None = None, config: Config | None = None, unsafe: bool = False) -> str:
    """Apply safe fixes (and unsafe ones with ``unsafe``) until the text is stable."""
    if config is None:
        config = config_for(path) if path else Config()
    fixed, _ = fix_until_stable(text, lambda t: lint_text(t, path, config), "unsafe" if unsafe else "safe")
    return fixed


def list_rules() -> list[RuleInfo]:
    """Every rule, sorted by code."""
    return [RuleInfo(r.code, r.name, r.severity, r.summary(), r.doc(), dict(r.options), r.fixable,
                     r.default_enabled) for r in all_rules()]


def explain(key: str) -> str | None:
    """The documentation of a rule given by code or name, or None when there is none."""
    rule = find_rule(key)
    if rule is None:
        return None
    head = f"{rule.code} {rule.name} (default: {rule.severity}{'' if rule.default_enabled else ', off'})"
    opts = "".join(f"\n  {k} = {v!r}" for k, v in rule.options.items())
    return head + "\n\n" + rule.doc() + (f"\n\nOptions:{opts}" if opts else "") + "\n"
