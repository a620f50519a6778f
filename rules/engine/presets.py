"""Presets: which rules of a family run, with which options, as textlint's presets do.

Each rule declares the presets it belongs to and the options each sets (``Rule.presets``);
this module reads those declarations from the rule catalogue, so a preset is the set of rules
that name it. ``ja-technical-writing`` (the default) mirrors
``textlint-rule-preset-ja-technical-writing`` 12.x and ``japanese`` mirrors
``textlint-rule-preset-japanese`` 10.x; ``none`` turns no rule of a preset's family on by
itself. A preset governs the whole families its rules come from (JA): switching presets
switches that family's whole set, and a rule of the family in no chosen preset is off. Rules of
other families (AG, FM, TM, ...) keep their own ``default_enabled``.

An explicit ``select`` without ``preset`` in the config picks rules on their own: they run
with their own (textlint's) defaults and their ``[rules.*]`` tables, not the default preset's
options. Naming ``preset`` as well applies its options to the selected rules.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from .catalog import rule_catalog

DEFAULT_PRESET = "ja-technical-writing"
NO_PRESET = "none"


@lru_cache(maxsize=1)
def presets() -> dict[str, dict[str, Any]]:
    """Every preset's rule table: rule name → its options in the preset (a dict), or False for a
    rule of a governed family that the preset leaves out."""
    catalog = rule_catalog()
    names = sorted({preset for entry in catalog for preset in entry.presets})
    families = {entry.family for entry in catalog if entry.presets}
    governed = [entry for entry in catalog if entry.family in families]
    tables = {
        name: {entry.name: dict(entry.presets[name]) if name in entry.presets else False for entry in governed}
        for name in names
    }
    tables[NO_PRESET] = {entry.name: False for entry in governed}
    return tables


def preset_names() -> tuple[str, ...]:
    return tuple(presets())


def preset_settings(name: str | None) -> dict[str, Any]:
    """The rule table of preset ``name`` (an unknown name is a config error upstream)."""
    return presets().get(name or DEFAULT_PRESET, {})
