"""The linter's operations as the public API offers them: lint text, files and paths; fix; list and explain rules.

``article_studio.rules`` re-exports these; callers import them from there.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..model import Diagnostic, Fix
from ..reading.document import Document
from .config import Config, config_for, load_config_file
from .fixer import apply_edits, apply_fix_set, fix_until_stable, select_fixes
from .registry import all_rules, find_rule
from .run import run_rules

if TYPE_CHECKING:
    from .files import LintResult


@dataclass(frozen=True)
class RuleInfo:
    """What a rule declares about itself, for the editor's Preferences and other front ends."""

    code: str
    name: str
    severity: str
    summary: str
    doc: str
    options: dict  # name → default
    fixable: bool
    default_enabled: bool
    fixes: str = "none"  # none | safe | unsafe | mixed | suggestion
    option_docs: dict = field(default_factory=dict)  # name → one line of documentation
    presets: tuple[str, ...] = ()
    textlint_id: str | None = None


def load_config(path: str | os.PathLike | None = None, *, start: str | os.PathLike | None = None) -> Config:
    """Load the config file ``path``, or discover the one that applies to ``start``."""
    if path is not None:
        return load_config_file(path)
    return config_for(start)


def parse_document(text: str, path: str | None = None) -> Document:
    """The parsed ``Document`` (front matter, blocks, sentences, chunks) of ``text``."""
    return Document(text, path)


def lint_text(
    text: str, path: str | None = None, config: Config | None = None, notes: list[str] | None = None, site=None
) -> list[Diagnostic]:
    """Lint ``text`` (``\\n`` line endings) as if it were the file ``path``."""
    return lint_document(Document(text, path), config, notes, site)


def lint_document(
    doc: Document, config: Config | None = None, notes: list[str] | None = None, site=None
) -> list[Diagnostic]:
    """Lint a ``Document`` from ``parse_document``: for callers that also read the document
    (outline, counts), so it is parsed once."""
    if config is None:
        config = config_for(doc.path) if doc.path else Config()
    return run_rules(doc, config, site=site, notes=notes)


def lint_paths(
    paths: Sequence[str | os.PathLike], config: Config | None = None, jobs: int | None = None
) -> list[LintResult]:
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
    return [
        RuleInfo(
            r.code,
            r.name,
            r.severity,
            r.summary(),
            r.doc(),
            dict(r.options),
            r.fixable(),
            r.default_enabled,
            r.fixes,
            {o.name: o.doc for o in r.options.specs.values()},
            tuple(r.presets),
            r.textlint_id,
        )
        for r in all_rules()
    ]


def explain(key: str) -> str | None:
    """The documentation of a rule given by code or name, or None when there is none."""
    rule = find_rule(key)
    if rule is None:
        return None
    head = f"{rule.code} {rule.name} (default: {rule.severity}{'' if rule.default_enabled else ', off'})"
    opts = "".join(f"\n  {o.name} = {o.default!r}\n      {o.doc}" for o in rule.options.specs.values())
    return head + "\n\n" + rule.doc() + (f"\n\nOptions:{opts}" if opts else "") + "\n"
