"""Where the editor finds its shipped data and keeps its own files."""

from __future__ import annotations

import os
from pathlib import Path

from article_studio import rules


def resources_dir() -> Path:
    """The ``resources/`` folder the core found (bundle, source checkout or installed package)."""
    return rules.resources_dir()


def recovery_dir() -> Path:
    """Autosave folder; ARTICLE_STUDIO_RECOVERY_DIR overrides it (tests, portable installs)."""
    env = os.environ.get("ARTICLE_STUDIO_RECOVERY_DIR")
    if env:
        path = Path(env)
    else:
        from platformdirs import user_state_dir

        path = Path(user_state_dir("article-studio", appauthor=False)) / "recovery"
    path.mkdir(parents=True, exist_ok=True)
    return path
