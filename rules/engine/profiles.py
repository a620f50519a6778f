"""Front-matter profiles: which site a post is for, and the JSON Schema its header must meet.

``jekyll`` (a ``_posts/`` file or a ``layout:`` key), ``zenn`` (``emoji``/``type``/``topics``/
``published``, or a file of ``articles/`` or ``books/``), ``hugo``, ``qiita`` and ``none``. A config
may set the profile, or point at a site's own schema with ``schema = "path.json"``.

A Zenn repository holds two kinds of Markdown: articles (``articles/<slug>.md``) and the chapters
of books (``books/<book>/<chapter>.md``). A chapter's header has only ``title`` and ``free``; the
book's keys are in ``books/<book>/config.yaml``. Each kind has its own schema.
"""

from __future__ import annotations

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


def zenn_kind(front_matter: dict[str, Any] | None = None, path: str | None = None) -> str:
    """``"chapter"`` for a chapter of a Zenn book, else ``"article"``.

    A chapter is a file directly in ``books/<book>/``, or, without such a path, a header with
    ``free`` and none of an article's own keys (``emoji``, ``type``, ``topics``, ``published``).
    """
    parts = PurePath(path).parts if path else ()
    if len(parts) >= 3 and parts[-3] == "books":
        return "chapter"
    fm = front_matter or {}
    if "books" not in parts and "articles" not in parts and "free" in fm and not ZENN_KEYS & fm.keys():
        return "chapter"
    return "article"


@lru_cache(maxsize=16)
def _load_json(path: str) -> dict[str, Any]:
    import json

    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def profile_schema(profile: str, custom_schema: str | None = None, kind: str | None = None) -> dict[str, Any] | None:
    """The JSON Schema of ``profile`` (or the site's own), None when the profile has none.

    ``kind`` picks a profile's schema for one kind of its documents: ``"chapter"`` for a Zenn
    book's chapter (see ``zenn_kind``)."""
    if custom_schema:
        return _load_json(custom_schema)
    name = f"{profile}-{kind}" if kind and kind != "article" else profile
    path = resource_path("schemas", f"{name}.json")
    return _load_json(str(path)) if path.is_file() else None
