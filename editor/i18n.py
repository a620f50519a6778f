"""UI language: English source strings, translated from ``resources/i18n/<lang>.json``."""

from __future__ import annotations

import json

from .paths import resources_dir

_table: dict[str, str] = {}


def set_language(lang: str) -> None:
    """Load the table for ``lang`` ("en" needs none). Takes effect for widgets built afterwards."""
    global _table
    _table = {}
    if lang and lang != "en":
        path = resources_dir() / "i18n" / f"{lang}.json"
        if path.is_file():
            _table = json.loads(path.read_text(encoding="utf-8"))


def tr(text: str) -> str:
    return _table.get(text, text)
