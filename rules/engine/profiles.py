"""Front-matter profiles: which site a post is for, and the JSON Schema its header must meet.

``jekyll`` (a ``_posts/`` file or a ``layout:`` key), ``zenn`` (``emoji``/``type``/``topics``/
``published``), ``hugo``, ``qiita`` and ``none``. A config may set the profile, or point at a
site's own schema with ``schema = "path.json"``.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import PurePath
from typing import Any

from ..resources import resource_path

ZENN_KEYS = frozenset({"emoji", "type", "topics", "published"})
QIITA_KEYS = frozenset({"updated_at", "id", "organization_url_name", "slide", "ignorePublish"})


def detect_profile(front_matter: dict[str, Any] | None, path: str | None = None, configured: str | None = None) -> str:
    """The profile for a post: the configured one, else guessed from its keys and path."""
    if configured:
        return configured
    fm = front_matter or {}
    parts = PurePath(path).parts if path else ()
    if len(ZENN_KEYS & fm.keys()) >= 2 or "articles" in parts[-2:-1] or "books" in parts:
        return "zenn"
    if "_posts" in parts or "_drafts" in parts or "layout" in fm:
        return "jekyll"
    if "content" in parts and ("draft" in fm or "slug" in fm):
        return "hugo"
    # Qiita CLI writes private/tags plus at least one of its own bookkeeping keys.
    if "private" in fm and "tags" in fm and (QIITA_KEYS & fm.keys() or "public" in parts[-2:-1]):
        return "qiita"
    return "none"


@lru_cache(maxsize=16)
def _load_json(path: str) -> dict[str, Any]:
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def profile_schema(profile: str, custom_schema: str | None = None) -> dict[str, Any] | None:
    """The JSON Schema of ``profile`` (or the site's own), None when the profile has none."""
    if custom_schema:
        return _load_json(custom_schema)
    path = resource_path("schemas", f"{profile}.json")
    return _load_json(str(path)) if path.is_file() else None
