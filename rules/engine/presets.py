"""Presets: which Japanese writing rules run, with which options, as textlint's presets do.

``ja-technical-writing`` (the default) mirrors ``textlint-rule-preset-ja-technical-writing``
12.x; ``japanese`` mirrors ``textlint-rule-preset-japanese`` 10.x; ``none`` turns no JA rule
on by itself. A value is ``True`` (on, rule defaults), ``False`` (off) or a dict of options.
Every JA rule is named in every preset, so switching presets switches the whole set; rules
of other groups (AG, FM, TM, ...) are not named and keep their own ``default_enabled``.
An explicit ``select`` without ``preset`` in the config picks rules on their own: they run
with their own (textlint's) defaults and their ``[rules.*]`` tables, not the default preset's
options. Naming ``preset`` as well applies its options to the selected rules.
"""

from __future__ import annotations

from typing import Any

# textlint-rule-preset-ja-technical-writing 12.x: its rules and its ``rulesConfig``.
_JA_TECHNICAL_WRITING: dict[str, Any] = {
    "sentence-length": {"max": 100},
    "max-comma": {"max": 3},
    "max-ten": {"max": 3},
    "max-kanji-continuous-len": {"max": 6},
    "no-mix-dearu-desumasu": {
        "preferInHeader": "",
        "preferInBody": "ですます",
        "preferInList": "である",
        "strict": False,
    },
    "ja-no-mixed-period": {"periodMark": "。"},
    "arabic-kanji-numbers": True,
    "no-doubled-conjunction": True,
    "no-doubled-conjunctive-particle-ga": True,
    "no-double-negative-ja": True,
    "no-doubled-joshi": {"min_interval": 1},
    "no-dropping-the-ra": True,
    "no-nfd": True,
    "no-exclamation-question-mark": True,
    "no-hankaku-kana": True,
    "no-invalid-control-character": True,
    "ja-no-weak-phrase": True,
    "ja-no-successive-word": True,
    "ja-no-abusage": True,
    "ja-no-redundant-expression": True,
    "ja-unnatural-alphabet": True,
    "no-unmatched-pair": True,
    "no-zero-width-spaces": True,
}

# textlint-rule-preset-japanese 10.x: its rules and its ``rulesConfig``.
_JAPANESE: dict[str, Any] = {
    "max-ten": {"max": 3},
    "no-doubled-conjunctive-particle-ga": True,
    "no-doubled-conjunction": True,
    "no-double-negative-ja": True,
    "no-doubled-joshi": {"min_interval": 1},
    "sentence-length": {"max": 100},
    "no-dropping-the-ra": True,
    "no-mix-dearu-desumasu": True,
    "no-nfd": True,
    "no-invalid-control-character": True,
    "no-zero-width-spaces": True,
    "no-kangxi-radicals": True,
}

# Every JA rule, so that a preset turns off what it does not name.
JA_RULE_NAMES: tuple[str, ...] = tuple(
    sorted(set(_JA_TECHNICAL_WRITING) | set(_JAPANESE) | {"no-mixed-zenkaku-and-hankaku-alphabet"})
)


def _complete(enabled: dict[str, Any]) -> dict[str, Any]:
    return {name: enabled.get(name, False) for name in JA_RULE_NAMES}


PRESETS: dict[str, dict[str, Any]] = {
    "ja-technical-writing": _complete(_JA_TECHNICAL_WRITING),
    "japanese": _complete(_JAPANESE),
    "none": _complete({}),
}


def preset_settings(name: str | None) -> dict[str, Any]:
    """The rule table of preset ``name`` (an unknown name is a config error upstream)."""
    return PRESETS.get(name or "ja-technical-writing", {})
