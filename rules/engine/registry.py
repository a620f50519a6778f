"""The rule base class and the catalogue of every rule.

A rule is a ``Rule`` subclass in a module under ``rules/checks/`` that declares everything
about itself: a code (``AG001``), a kebab name (``end-marker``), a default severity, its typed
options, how safe its fixes are and what the exporter does with them, the presets it belongs
to, its textlint id, whether it may run in the second process, and a docstring with
*What it does / Why / Example / Fix*. The docstring is the rule's documentation: ``--explain``,
SARIF help, ``docs/rules.md`` and the editor's tooltip all come from it. Presets, migration
from textlint, the two-core split, the exporter, configuration checks and the Preferences
dialog read these declarations; nothing about a rule is kept in a list elsewhere.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from ..model import Diagnostic, Edit, Fix, Severity

if TYPE_CHECKING:  # the documents rules read; only named in signatures
    from ..reading.document import Document
from .options import Options

# How safe a rule's fixes are: "safe" ones apply with --fix, "unsafe" ones need
# --unsafe-fixes (or the writer's review in the editor), "suggestion"s are only offered.
FixSafety = Literal["none", "safe", "unsafe", "mixed", "suggestion"]
# Which of a rule's fixes the exporter applies: its safe ones, all of them (with
# --unsafe-fixes), or none because an export step of its own handles the finding.
ExportFixes = Literal["safe", "all", "none"]


def pick(language: str | None, *, ja: str, en: str) -> str:
    """A message in ``language``: English for "en", else Japanese (the default)."""
    return en if language == "en" else ja


@dataclass
class RuleContext:
    """What a rule sees besides the document: its options and the run's settings."""

    rule: Rule
    options: dict[str, Any]
    severity: Severity
    config: Any  # rules.config.Config
    cache: dict[str, Any] = field(default_factory=dict)
    site: Any = None  # rules.site.SiteIndex for multi-file runs, else None

    def msg(self, *, ja: str, en: str) -> str:
        """The message in the run's language (``config.language``)."""
        return pick(getattr(self.config, "language", None), ja=ja, en=en)

    def report(
        self, start: int, end: int, message: str, fix: Fix | None = None, suggestions: Iterable[Fix] = (), **data: Any
    ) -> Diagnostic:
        return Diagnostic(
            self.rule.code, self.rule.name, self.severity, message, start, end, fix, tuple(suggestions), data=data
        )

    def replace(self, start: int, end: int, text: str, applicability: str = "safe", description: str = "") -> Fix:
        return Fix((Edit(start, end, text),), applicability, description)  # type: ignore[arg-type]


class Rule:
    """Base class: subclasses set the class attributes and implement ``check``."""

    code: ClassVar[str] = ""
    name: ClassVar[str] = ""
    severity: ClassVar[Severity] = "warning"
    default_enabled: ClassVar[bool] = True
    options: ClassVar[Options] = Options()
    fixes: ClassVar[FixSafety] = "none"
    export_fixes: ClassVar[ExportFixes] = "safe"
    # Presets the rule belongs to, each with the options it sets ({}: the rule's defaults).
    presets: ClassVar[Mapping[str, Mapping[str, Any]]] = {}
    # The rule's name in textlint configurations, for a rule that ports a textlint rule.
    textlint_id: ClassVar[str | None] = None
    # May run in the forked second process of a single-file run (see engine.two_cores):
    # the rules that tokenize sentences and paragraphs, so each process tokenizes a piece once.
    second_process: ClassVar[bool] = False

    @classmethod
    def fixable(cls) -> bool:
        return cls.fixes != "none"

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Diagnostic]:  # pragma: no cover - abstract
        raise NotImplementedError

    # -- documentation --------------------------------------------------------------
    @classmethod
    def doc(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def summary(cls) -> str:
        text = cls.doc()
        return text.split("\n\n", 1)[0].replace("\n", " ").strip() if text else cls.name

    @classmethod
    def category(cls) -> str:
        return "".join(ch for ch in cls.code if ch.isalpha())


def _iter_rule_modules() -> Iterable[str]:
    # The checks stage sits above the engine: it is found by name, as plugins are.
    checks = importlib.import_module("..checks", __package__)

    for info in pkgutil.walk_packages(checks.__path__, checks.__name__ + "."):
        if not info.ispkg:
            yield info.name


@lru_cache(maxsize=1)
def all_rules() -> tuple[type[Rule], ...]:
    """Every rule class, sorted by code. Codes and names are unique (a test says so)."""
    found: dict[str, type[Rule]] = {}
    for modname in _iter_rule_modules():
        module = importlib.import_module(modname)
        for obj in vars(module).values():
            if (
                inspect.isclass(obj)
                and issubclass(obj, Rule)
                and obj is not Rule
                and obj.code
                and obj.__module__ == module.__name__
            ):
                found[obj.code] = obj
    return tuple(sorted(found.values(), key=lambda r: r.code))


@lru_cache(maxsize=1)
def rule_lookup() -> dict[str, type[Rule]]:
    """Rules by code (upper case) and by name."""
    table: dict[str, type[Rule]] = {}
    for r in all_rules():
        table[r.code.upper()] = r
        table[r.name] = r
    return table


def find_rule(key: str) -> type[Rule] | None:
    table = rule_lookup()
    return table.get(key) or table.get(key.upper()) or table.get(key.strip())


def matches(rule, selector: str) -> bool:
    """A selector is a code, a code prefix (``AG``, ``AG00``) or a rule name.

    ``rule`` is a rule class or a catalog entry (anything with ``code`` and ``name``)."""
    sel = selector.strip()
    if not sel:
        return False
    if sel == rule.name:
        return True
    up = sel.upper()
    return rule.code.upper().startswith(up) and up.rstrip("0123456789").isalpha()


def selection(selectors) -> Callable[[Any], bool]:
    """A test of whether a rule matches any of ``selectors`` (as ``matches`` says), prepared
    once: resolving the rules of every file of a run asks it of each rule."""
    names = set()
    prefixes = []
    for selector in selectors:
        sel = selector.strip()
        if not sel:
            continue
        names.add(sel)
        up = sel.upper()
        if up.rstrip("0123456789").isalpha():
            prefixes.append(up)
    starts = tuple(prefixes)

    def selected(rule) -> bool:
        return rule.name in names or (bool(starts) and rule.code.upper().startswith(starts))

    return selected
