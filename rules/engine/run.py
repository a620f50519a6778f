"""The engine: run every enabled rule once over a ``Document`` and collect diagnostics.

It resolves which rules run and with what options and severity (rule defaults, then the
preset, then the config), drops what inline comments suppress, and fills in line/column.
"""

from __future__ import annotations

import re
import sys
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from ..model import Diagnostic, Edit
from ..reading.document import Document
from ..reading.user_regex import PatternTimeout
from .catalog import RuleEntry, rule_catalog
from .config import Config, check_rule_table
from .presets import preset_settings
from .registry import Rule, RuleContext, selection


@dataclass(frozen=True)
class RuleSetting:
    rule: type[Rule]
    severity: str
    options: dict[str, Any]
    # The preset this instance of the rule comes from: with several presets, a rule that two of
    # them hold runs once for each, with that preset's options, as textlint runs it.
    preset: str | None = None


def _config_table(config: Config, rule: RuleEntry | type[Rule], preset: str | None = None) -> dict[str, Any] | None:
    """The rule's [rules.*] table: by name or code, and, for one preset's instance, the
    ``"preset/name"`` table on top."""
    keys = [rule.name, rule.code, rule.code.lower()]
    if preset is not None:
        keys += [f"{preset}/{rule.name}", f"{preset}/{rule.code}"]
    table = None
    for key in keys:
        if key in config.rules:
            table = {**(table or {}), **config.rules[key]}
    return table


def resolve_rules(
    config: Config, path: str | None = None, part: Callable[[RuleEntry], bool] | None = None
) -> list[RuleSetting]:
    """The rules that run for ``path`` under ``config``, with their options and severity.

    A rule of a preset's family runs when a chosen preset holds it, once per preset that does
    (each instance with that preset's options), unless the config says otherwise. ``part``
    keeps only the rules whose catalogue entry it accepts (the others' modules stay unloaded)."""
    use_presets = config.select is None or config.preset is not None
    out = []
    for entry, members in running_entries(config, path):
        if part is not None and not part(entry):
            continue
        rule = entry.load()
        # An explicit ``select`` without a ``preset`` picks the rules itself, so the default
        # preset's options stay out too: the rule's own (textlint's) defaults and its [rules.*]
        # table apply, as in a textlint config that names single rules.
        instances: list[tuple[str | None, dict[str, Any]]] = (
            [(name, dict(value)) for name, value in members] if use_presets and members else [(None, {})]
        )
        kept: list[RuleSetting] = []
        for preset, preset_options in instances:
            setting = _setting(rule, entry, config, preset, preset_options)
            # Two presets that run a rule with the same options and severity run it once, as
            # textlint drops a rule descriptor equal to an earlier one: the findings would
            # be the same, and dropped as duplicates anyway.
            if setting is not None and not any(_same_run(setting, k) for k in kept):
                kept.append(setting)
        out.extend(kept)
    return out


def running_entries(config: Config, path: str | None = None) -> Iterator[tuple[RuleEntry, list[tuple[str, Any]]]]:
    """The catalogue entries of the rules that run for ``path``, each with the chosen presets
    that hold it (and their options for it); no rule module is imported."""
    chosen = [(name, preset_settings(name)) for name in config.preset_list]
    selected = selection(config.select) if config.select is not None else None
    ignored = selection([*config.ignore, *config.ignores_for(path)])
    for entry in rule_catalog():
        table = _config_table(config, entry)
        values = [(name, table_[entry.name]) for name, table_ in chosen if entry.name in table_]
        members = [(name, value) for name, value in values if value is not False]
        if selected is not None:
            enabled = selected(entry)
        elif table is not None and table.get("enabled") is not None:
            enabled = bool(table["enabled"])
        elif values:
            enabled = bool(members)
        else:
            enabled = entry.default_enabled
        if (table is not None and table.get("enabled") is False) or ignored(entry) or not enabled:
            continue
        yield entry, members


def _same_run(a: RuleSetting, b: RuleSetting) -> bool:
    return a.rule is b.rule and a.severity == b.severity and a.options == b.options


def _setting(
    rule: type[Rule], entry: RuleEntry, config: Config, preset: str | None, preset_options: dict[str, Any]
) -> RuleSetting | None:
    """One instance of ``rule``: its defaults, the preset's options, then the config's tables."""
    options = {**rule.options, **preset_options}
    severity: str = rule.severity
    table = _config_table(config, entry, preset)
    if table:
        # A Config built in code skips the file checks: a table that would quietly do
        # nothing (a misspelt option, a wrong type) is an error here too.
        check_rule_table(entry.name, table, f"[rules.{entry.name}]")
        if table.get("enabled") is False:
            return None
        for k, v in table.items():
            if k == "severity":
                severity = v
            elif k != "enabled":
                options[k] = v
    if severity == "off":
        return None
    return RuleSetting(rule, severity, options, preset)


# <!-- article-lint-disable JA011 --> ... <!-- article-lint-enable JA011 -->; textlint's
# filter comments are honoured too, with textlint's rule ids (see ``rule_id_key``), so migrated
# articles keep their suppressions.
_SUPPRESS_RE = re.compile(
    r"<!--\s*(?:article-lint|textlint)-(disable-next-line|disable-line|disable-file|disable|enable)\b(.*?)-->",
    re.S,
)


def rule_id_key(rule_id: str) -> str:
    """The rule a suppression comment names, as a key to compare with a rule's name or code.

    textlint names a rule by its package and preset: ``sentence-length``,
    ``textlint-rule-sentence-length``, ``ja-technical-writing/sentence-length``,
    ``preset-ja-technical-writing/sentence-length``,
    ``@textlint-ja/preset-ai-writing/no-ai-list-formatting``. The rule is the last part, without
    the ``textlint-rule-`` prefix; codes (``JA001``) are compared regardless of case.
    """
    name = rule_id.strip().rsplit("/", 1)[-1]
    return name.removeprefix("textlint-rule-").casefold()


def _rule_ids(args: str) -> frozenset[str] | None:
    """The rule keys of a comment's arguments, None for all rules. As textlint's comments
    filter does, a description after ``--`` is not part of them (``ruleA -- why``)."""
    args = args.split("--", 1)[0]
    return frozenset(rule_id_key(a) for a in re.split(r"[,\s]+", args) if a.strip()) or None


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
            names = _rule_ids(args)
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
            if start <= d.start < end and (names is None or d.code.casefold() in names or d.name in names):
                return True
        return False


def run_rules(
    doc: Document,
    config: Config,
    settings: list[RuleSetting] | None = None,
    site: Any = None,
    notes: list[str] | None = None,
) -> list[Diagnostic]:
    """Lint ``doc``: every enabled rule once, suppressions applied, positions filled in."""
    if settings is None:
        settings = resolve_rules(config, doc.path)
    return finish(doc, collect(doc, config, settings, site, notes))


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
# before or apart from it by white space only, or by the same text as the one before it: a
# phrase pasted over and over) becomes one finding that says how many: a line of one character
# repeated made hundreds of thousands of findings, and a report of a gigabyte. Shorter runs
# stay as they are (real articles have runs of a few: the sentences of a repeated paragraph).
COLLAPSE_AT = 50
_GAP = 16  # the longest white-space gap between two findings of one run
_PERIOD = 256  # the longest text repeated between the findings of one run


class _Runs:
    """Adds one rule's findings to ``found``, collapsing runs of ``COLLAPSE_AT`` or more."""

    def __init__(self, found: list[Diagnostic], text: str, ctx: RuleContext) -> None:
        self.found, self.text, self.ctx = found, text, ctx
        self.run: list[Diagnostic] = []  # the current run's findings, up to COLLAPSE_AT of them
        self.count = 0  # findings in the current run
        self.end = 0  # where the current run ends
        self.gap = ""  # the text between the run's last two findings
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
        if d.start > self.end:
            if d.start - self.end > _PERIOD:
                return False
            gap = self.text[self.end : d.start]
            spaced = len(gap) <= _GAP and gap.isspace()
            if not (spaced or gap == self.gap or (self.count == 1 and len(gap) <= _PERIOD)):
                return False
            self.gap = gap
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
        self.run, self.count, self.end, self.gap, self.edits, self.edits_end = [], 0, 0, "", [], 0


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
    """Drop what inline comments suppress and duplicates, fill in lines and columns, sort by position.

    A duplicate is a finding with the range, severity and message of another, as textlint's
    own filter has it: with several presets, a rule two of them hold reports it twice."""
    sup = Suppressions.parse(doc)
    n = len(doc.text)
    out = []
    seen: set[tuple[int, int, str, str]] = set()
    for d in found:
        key = (d.start, d.end, d.severity, d.message)
        if key in seen:
            continue
        seen.add(key)
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
