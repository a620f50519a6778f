"""Linting one file: read and decode it, find its config, lint it; read errors are returned, never raised."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from ..model import Diagnostic
from ..reading.document import Document
from ..reading.textio import ReadError, SourceText, read_source
from .config import Config, ConfigError, config_for
from .exits import ProcessDied
from .run import finish, resolve_rules, run_rules


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
    terms_names: dict | None = None  # group key → the dictionary's spelling, for the groups above

    @property
    def failures(self) -> list[str]:
        """Notes of rules that failed on the file (its findings are incomplete)."""
        from .run import RuleFailure

        return [n for n in self.notes if isinstance(n, RuleFailure)]

    @property
    def read_as(self) -> str | None:
        """The encoding the file was read as, when it was not UTF-8 (the command line notes it)."""
        return self.source.label if self.source is not None and self.source.encoding != "utf-8" else None

    @property
    def errors(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity == "warning")


def lint_file(
    path: str | os.PathLike,
    config: Config | None = None,
    site=None,
    collect_terms: bool = False,
    two_cores: bool = False,
) -> LintResult:
    """Read, decode and lint one file. Read errors are returned, never raised.

    ``collect_terms`` keeps the file's term spellings for a site-wide comparison;
    ``two_cores`` lets a long file's rules run in two processes (see ``rules.two_cores``).
    """
    name = str(path)
    try:
        source = read_source(path)
    except ReadError as exc:
        return LintResult(name, error=str(exc))
    return lint_source(source, name, config, site, collect_terms, two_cores)


def lint_source(
    source: SourceText,
    name: str,
    config: Config | None = None,
    site=None,
    collect_terms: bool = False,
    two_cores: bool = False,
) -> LintResult:
    """Lint the text of the file ``name`` as read into ``source`` (see ``lint_file``)."""
    notes: list[str] = list(source.notes)
    try:
        cfg = config if config is not None else config_for(name)
        split = None
        if two_cores and not collect_terms:
            from .two_cores import collect_on_two_cores

            split = collect_on_two_cores(source.text, cfg, name, site, notes)
        if split is not None:
            found, doc = split
            diags, settings = finish(doc, found), None
        else:
            doc = Document(source.text, name)
            settings = resolve_rules(cfg, name)
            diags = run_rules(doc, cfg, settings, site=site, notes=notes)
    except ConfigError as exc:
        return LintResult(name, text=source.text, source=source, error=str(exc))
    except ProcessDied as exc:
        return LintResult(name, text=source.text, source=source, error=f"{name}: linting this file failed ({exc})")
    result = LintResult(name, diags, source.text, source, notes=notes)
    tm001 = next((s for s in settings or () if s.rule.code == "TM001"), None)
    if collect_terms and tm001 is not None:
        from ..terminology.termpairs import katakana_pairs, latin_names
        from ..terminology.terms import extract_terms

        terms: dict[str, dict[str, list[tuple[int, int]]]] = {}
        for t in extract_terms(doc, katakana_pairs(cfg)):
            terms.setdefault(t.key, {}).setdefault(t.surface, []).append((t.start, t.end))
        result.terms, result.terms_severity, result.terms_language = terms, tm001.severity, cfg.language
        names = latin_names(cfg)
        result.terms_names = {key: names[key] for key in terms if key in names}
    return result
