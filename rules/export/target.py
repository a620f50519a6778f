"""Where an exported post goes inside the output folder.

Jekyll: ``_posts/YYYY-MM-DD-slug.md``; Zenn: ``articles/<slug>.md`` or the book's own path;
anything else keeps its path relative to the inputs' common folder.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from pathlib import PurePath, PurePosixPath

from ..engine.registry import pick

_JEKYLL_NAME = re.compile(r"^\d{4}-\d{2}-\d{2}-.+\.(?:md|markdown)$")
_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})")


def slugify(stem: str) -> str:
    """A URL-safe slug from a file stem (ASCII letters, digits, hyphens and underscores)."""
    text = unicodedata.normalize("NFKC", stem).lower()
    text = re.sub(r"[^a-z0-9_]+", "-", text).strip("-")
    return text or "post"


def post_date(value) -> str | None:
    """``YYYY-MM-DD`` from a front-matter date (a date, a datetime or a string)."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, str):
        m = _DATE.match(value)
        if m:
            try:
                return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
            except ValueError:
                return None
    return None


def target_path(
    path: str | None, profile: str, front_matter: dict, base: str | None = None, language: str | None = None
) -> tuple[str | None, str]:
    """The target, relative to the output folder, as a POSIX path, and why (None when there is none).

    ``base`` is the inputs' common folder, used for files of no known site. The reason is in
    ``language`` (Japanese unless "en").
    """
    # Lexically normalised first: "a/books/../../x.md" is "x.md", not a book's page, and no
    # target may climb out of the output folder.
    p = PurePath(os.path.normpath(path)) if path else PurePath("post.md")
    target, why = _target(p, profile, front_matter, base, language)
    if target is not None and not stays_inside(target):
        return None, pick(
            language,
            ja=f"出力先 {target} が出力フォルダの外を指しています",
            en=f"the target {target} would leave the output folder",
        )
    return target, why


def stays_inside(target: str) -> bool:
    """A relative POSIX path with no ``..``: it names a file inside whatever folder it is joined to."""
    t = PurePosixPath(target)
    return bool(t.parts) and not t.is_absolute() and not PurePath(target).is_absolute() and ".." not in t.parts


def _target(
    p: PurePath, profile: str, front_matter: dict, base: str | None, language: str | None
) -> tuple[str | None, str]:
    name = p.name
    suffix = p.suffix if p.suffix in (".md", ".markdown") else ".md"
    if profile == "jekyll":
        if _JEKYLL_NAME.match(name):
            return f"_posts/{name}", pick(language, ja="元のファイル名", en="the source's file name")
        date = post_date(front_matter.get("date"))
        stem = re.sub(r"^\d{4}-\d{2}-\d{2}-", "", p.stem)
        if date is None:
            return None, pick(
                language,
                ja="Jekyll の記事には日付が必要です（front matter の date: か YYYY-MM-DD- で始まるファイル名）",
                en="a Jekyll post needs a date (front matter 'date:' or a YYYY-MM-DD- file name)",
            )
        return f"_posts/{date}-{slugify(stem)}{suffix}", pick(
            language, ja="front matter の日付とファイル名", en="the front-matter date and the file name"
        )
    if profile == "zenn":
        parts = p.parts
        if "books" in parts:
            i = len(parts) - 1 - parts[::-1].index("books")
            return str(PurePosixPath(*parts[i:])), pick(language, ja="本のパス", en="the book's path")
        return f"articles/{slugify(p.stem)}.md", pick(
            language, ja="ファイル名から作った Zenn の記事スラッグ", en="a Zenn article slug from the file name"
        )
    if base is not None:
        try:
            rel = p.relative_to(base)
            return str(PurePosixPath(*rel.parts)), pick(
                language, ja="入力フォルダからの相対パス", en="the path relative to the inputs' folder"
            )
        except ValueError:
            pass
    return name, pick(language, ja="ファイル名", en="the file name")
