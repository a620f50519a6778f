"""Locating the data shipped in ``resources/`` (schemas, dictionaries, CSS, icons).

In a source checkout it is the top-level ``resources/`` folder; in a wheel it is the
``article_studio.resources`` package; in a PyInstaller bundle it sits beside the program.
"""

from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def resources_dir() -> Path:
    candidates = []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.append(Path(bundle) / "resources")
    candidates.append(Path(__file__).resolve().parent.parent / "resources")
    try:
        from .. import resources as shipped

        candidates.append(Path(shipped.__file__).parent)
    except ImportError:
        pass
    for c in candidates:
        if c.is_dir():
            return c
    return candidates[-1]


def resource_path(*parts: str) -> Path:
    """Path of a shipped data file, e.g. ``resource_path("schemas", "jekyll.json")``."""
    return resources_dir().joinpath(*parts)
