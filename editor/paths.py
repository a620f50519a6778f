"""Where the editor finds its shipped data and keeps its own files."""
from __future__ import annotations

import os
import sys
from pathlib import Path


def resources_dir() -> Path:
    """The ``resources/`` folder: bundle, source checkout, or installed data package."""
    bundle = getattr(sys, "_MEIPASS", None)
    candidates = [Path(bundle) / "resources"] if bundle else []
    candidates.append(Path(__file__).resolve().parent.parent / "resources")
    try:
        import article_studio_resources

        candidates.append(Path(article_studio_resources.__file__).parent)
    except ImportError:
        pass
    for c in candidates:
        if (c / "preview.css").is_file():
            return c
    return candidates[-1]


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
