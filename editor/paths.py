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


def cache_dir() -> Path:
    """The editor's cache folder; ARTICLE_STUDIO_CACHE_DIR overrides it (tests, portable installs)."""
    env = os.environ.get("ARTICLE_STUDIO_CACHE_DIR")
    if env:
        path = Path(env)
    else:
        from platformdirs import user_cache_dir

        path = Path(user_cache_dir("article-studio", appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def site_cache_path(folder: str) -> Path:
    """The lint cache of the site in ``folder``: one file per folder in the editor's cache folder,
    never in the site itself (its name is a digest of the folder's real path)."""
    import hashlib

    real = os.path.realpath(folder)
    digest = hashlib.sha256(real.encode("utf-8", "surrogatepass")).hexdigest()[:24]
    sites = cache_dir() / "sites"
    sites.mkdir(parents=True, exist_ok=True)
    return sites / f"{digest}.article-lint-cache"
