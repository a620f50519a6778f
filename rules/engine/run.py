"""The engine: run every enabled rule once over a ``Document`` and collect diagnostics.

It resolves which rules run and with what options and severity (rule defaults, then the
preset, then the config), drops what inline comments suppress, and fills in line/column.
"""

from __future__ import annotations

import re
import sys
import traceback
from dataclasses import dataclass, field, replace
from typing import Any

from ..model import Diagnostic, Edit
from ..reading.document import Document
from ..reading.user_regex import PatternTimeout
from .catalog import RuleEntry, rule_catalog
from .config import Config
from .presets import preset_settings
from .registry import Rule, RuleContext, selection


@dataclass(frozen=True)
class RuleSetting:
    rule: type[Rule]
    severity: str
    options: dict[str, Any]


def _config_table(config: Config, rule: RuleEntry | type[Rule]) -> dict[str, Any] | None:
    table = None
    for key in (rule.name, rule.code, rule.code.lower()):
        if key in config.rules:
            table = {**(table or {}), **config.rules[key]}
    return table


def resolve_rules(config: Config, path: str | None = None) -> list[RuleSetting]:
    """The rules that run for ``path`` under ``config``, with their options and severity."""
    preset = preset_settings(config.preset)
    selected = selection(config.select) if config.select is not None else None
    ignored = selection([*config.ignore, *config.ignores_for(path)])
    out = []
    for entry in rule_catalog():  # a rule's module is imported only if the rule runs
        table = _config_table(config, entry)
        preset_value = preset.get(entry.name)
        if config.select is not None:
            enabled = selected(entry)
        elif table is not None and table.get("enabled") is not None:
            enabled = bool(table["enabled"])
        elif preset_value is not None:
            enabled = preset_value is not False
        else:
            enabled = entry.default_enabled
        if table is not None and table.get("enabled") is False:
            enabled = False
        if ignored(entry):
            enabled = False
        if not enabled:
            continue
        rule = entry.load()
        options = dict(rule.options)
        # An explicit ``select`` without a ``preset`` picks the rules itself, so the default
        # preset's options stay out too: the rule's own (textlint's) defaults and its
        # [rules.*] table apply, as in a textlint config that names single rules.
        if isinstance(preset_value, dict) and (config.select is None or config.preset is not None):
            options.update(preset_value)
        severity = rule.severity
        if table:
            for k, v in table.items():
                if k == "severity":
                    severity = v
                elif k != "enabled":
                    options[k] = v
        if severity == "off":
            continue
        out.append(RuleSetting(rule, severity, options))
    return out


# <!-- article-lint-disable JA011 --> ... <!-- article-lint-enable JA011 -->; textlint's
# filter comments are honoured too, so migrated articles keep their suppressions.
_SUPPRESS_RE = re.compile(
    r"<!--\s*(?:article-lint|textlint)-(disable-next-line|disable-line|disable-file|disable|enable)\b(.*?)-->",
    re.S,
)


@dataclass
class Suppressions:
    ranges: list[tuple[int, int, frozenset[str] | None]] = field(default_factory=list)

    @classmethod
    def parse(cls, doc: Document) -> Suppressions:
        sup = cls()
        if "-->" not in doc.text:
            return sup
        open_: dict[frozenset[str] | None, int] = {}
        for m in _SUPPRESS_RE.finditer(doc.text):
            kind, args = m.group(1), m.group(2)
            names = frozenset(a.strip() for a in re.split(r"[,\s]+", args) if a.strip()) or None
            if kind == "disable-file":
                sup.ranges.append((0, len(doc.text), names))
            elif kind == "disable":
                open_.setdefault(names, m.start())
            elif kind == "enable":
                if names is None:
                    for key, start in list(open_.items()):
                        sup.ranges.append((start, m.start(), key))
                    open_.clear()
                else:
                    for key in list(open_):
                        if key is None or key & names:
                            sup.ranges.append((open_.pop(key), m.start(), key))
            else:
                line = doc.lines.line_of(m.start()) + (1 if kind == "disable-next-line" else 0)
                if line < len(doc.lines.starts):
                    s, e = doc.lines.line_span(line)
                    sup.ranges.append((s, e + 1, names))
        for key, start in open_.items():
            sup.ranges.append((start, len(doc.text), key))
        return sup

    def hides(self, d: Diagnostic) -> bool:
        for start, end, names in self.ranges:
            if start <= d.start < end and (names is None or d.code in names or d.name in names):
                return True
        return False


def run_rules(
    doc: Document,
    config: Config,
    settings: list[RuleSetting] | None = None,
    site: Any = None,
    notes: list[str] | None = None,
    two_cores: bool = False,
) -> list[Diagnostic]:
    """Lint ``doc``: every enabled rule once, suppressions applied, positions filled in.

    ``two_cores`` runs about half of the rules in a forked process at the same time (see
    ``rules.two_cores``), with the same result; for a run that lints a single file.
    """
    if settings is None:
        settings = resolve_rules(config, doc.path)
    found = None
    if two_cores:
        from .two_cores import collect_on_two_cores

        found = collect_on_two_cores(collect, doc, config, settings, site, notes)
    if found is None:
        found = collect(doc, config, settings, site, notes)
    return finish(doc, found)


class RuleFailure(str):
    """A note that a rule failed on the document: its findings there are missing, and the run
    must not pass for complete (the command line exits 2)."""

    __slots__ = ()


def collect(
    doc: Document, config: Config, settings: list[RuleSetting], site: Any = None, notes: list[str] | None = None
) -> list[Diagnostic]:
    """The findings of ``settings``' rules, as the rules report them (unsorted, unsuppressed).

    A rule that raises is noted as a ``RuleFailure`` (printed when there is no ``notes``) and
    the other rules go on; one whose user-written pattern ran out of time keeps what it found
    before and gets a warning naming the pattern.
    """
    found: list[Diagnostic] = []
    cache: dict[str, Any] = {}
    for setting in settings:
        rule = setting.rule()
        ctx = RuleContext(rule, setting.options, setting.severity, config, cache, site)  # type: ignore[arg-type]
        runs = _Runs(found, doc.text, ctx)
        try:
            for diagnostic in rule.check(doc, ctx) or ():
                runs.add(diagnostic)
        except PatternTimeout as exc:
            found.append(_too_slow(ctx, exc))
        except Exception as exc:  # a broken rule must not take the whole run down
            message = RuleFailure(f"internal error in rule {rule.code} ({rule.name}): {exc.__class__.__name__}: {exc}")
            if notes is not None:
                notes.append(message)
            else:
                print(message, file=sys.stderr)
            if "ARTICLE_LINT_DEBUG" in __import__("os").environ:
                traceback.print_exc()
        finally:
            runs.flush()
    return found


# A run of this many identical findings in a row (same rule and message, each touching the one
# before or apart from it by white space only) becomes one finding that says how many: a line of
# one character repeated made hundreds of thousands of findings, and a report of a gigabyte.
# Shorter runs stay as they are (real articles have runs of a few: the sentences of a repeated
# paragraph).
COLLAPSE_AT = 50
_GAP = 16  # the longest white-space gap between two findings of one run


class _Runs:
    """Adds one rule's findings to ``found``, collapsing runs of ``COLLAPSE_AT`` or more."""

    def __init__(self, found: list[Diagnostic], text: str, ctx: RuleContext) -> None:
        self.found, self.text, self.ctx = found, text, ctx
        self.run: list[Diagnostic] = []  # the current run's findings, up to COLLAPSE_AT of them
        self.count = 0  # findings in the current run
        self.end = 0  # where the current run ends
        self.edits: list[Edit] = []  # the edits of the run's fixes, in order
        self.edits_end = 0  # where the last of them ends

    def add(self, d: Diagnostic) -> None:
        if not (self.count and self._continues(d)):
            self.flush()
        self.count += 1
        self.end = max(self.end, d.end)
        if self.count <= COLLAPSE_AT:
            self.run.append(d)
        if d.fix is not None:
            self.edits.extend(d.fix.edits)
            self.edits_end = max(self.edits_end, max(e.end for e in d.fix.edits))

    def _continues(self, d: Diagnostic) -> bool:
        first = self.run[0]
        if d.message != first.message or d.code != first.code or d.suggestions or first.suggestions:
            return False
        if d.start > self.end and (d.start - self.end > _GAP or not self.text[self.end : d.start].isspace()):
            return False
        if d.fix is None or first.fix is None:
            return d.fix is None and first.fix is None
        # One fix for the run: its edits must follow one another, as those of one fix do.
        return d.fix.applicability == first.fix.applicability and min(e.start for e in d.fix.edits) >= self.edits_end

    def flush(self) -> None:
        if self.count < COLLAPSE_AT:
            self.found.extend(self.run)
        else:
            first, count = self.run[0], self.count
            self.found.append(
                replace(
                    first,
                    end=self.end,
                    message=self.ctx.msg(
                        ja=f"{first.message}（同じ指摘が続けて{count:,}件）",
                        en=f"{first.message} ({count:,} times in a row)",
                    ),
                    fix=replace(first.fix, edits=tuple(self.edits)) if first.fix is not None else None,
                    data={**first.data, "repeated": count},
                )
            )
        self.run, self.count, self.end, self.edits, self.edits_end = [], 0, 0, [], 0


def _too_slow(ctx: RuleContext, exc: PatternTimeout) -> Diagnostic:
    where = f"{exc.where}: " if exc.where else ""
    return ctx.report(
        0,
        0,
        ctx.msg(
            ja=f"パターン {where}{exc.pattern} は時間がかかりすぎるため、この文書の検査を途中でやめました。",
            en=f"The pattern {where}{exc.pattern} took too long on this document; the rule stopped checking it here.",
        ),
    )


def finish(doc: Document, found: list[Diagnostic]) -> list[Diagnostic]:
    """Drop what inline comments suppress, fill in lines and columns, sort by position."""
    sup = Suppressions.parse(doc)
    n = len(doc.text)
    out = []
    for d in found:
        start = max(0, min(d.start, n))
        end = max(start, min(d.end, n))
        if sup.ranges and sup.hides(d):
            continue
        line, col = doc.lines.position(start)
        end_line, end_col = doc.lines.position(end)
        out.append(
            d.__class__(
                d.code,
                d.name,
                d.severity,
                d.message,
                start,
                end,
                d.fix,
                d.suggestions,
                line,
                col,
                end_line,
                end_col,
                d.data,
            )
        )
    out.sort(key=lambda d: (d.start, d.code, d.end))
    return out
