"""The posts of a site folder, found where its profile keeps them.

A Jekyll site keeps its posts in ``_posts/`` and its drafts in ``_drafts/``; a Zenn repository
its articles in ``articles/`` and the chapters of its books in ``books/<book>/``. The profile
(the configured one, else the one these folders show) decides which of them count: a Zenn
repository's ``README.md`` or a Jekyll site's ``about.md`` is not a post. A folder that is one
of these (``site/_posts`` itself) holds posts of that kind. A folder of no known layout has
every Markdown file in it as a post. Build output and tool folders (``_site``, ``node_modules``,
``.git``) are never searched.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

MARKDOWN_SUFFIXES = (".md", ".markdown")
# The folders of each profile that hold posts, and what a file in each is.
POST_FOLDERS = {
    "jekyll": {"_posts": "post", "_drafts": "draft"},
    "zenn": {"articles": "article", "books": "chapter"},
}
_NOT_SEARCHED = {
    ".git",
    ".hg",
    ".svn",
    "node_modules",
    ".venv",
    "venv",
    "__pycache__",
    "_site",
    ".jekyll-cache",
    ".sass-cache",
    "vendor",
}


@dataclass(frozen=True)
class SitePost:
    """One post: its path, its path relative to the folder (POSIX), and its kind
    (``post``, ``draft``, ``article``, ``chapter``, or ``file`` in a folder of no known layout)."""

    path: str
    relative: str
    kind: str


@dataclass
class SiteFolder:
    """The posts of ``root`` for ``profile`` (``jekyll``, ``zenn`` or ``none``), by relative path."""

    root: str
    profile: str
    posts: list[SitePost] = field(default_factory=list)


def _kind(parts: tuple[str, ...], profile: str) -> str | None:
    """What the file at ``parts`` (its folders, the folder searched included, then its name) is
    for ``profile``, or None when it is not one of its posts."""
    folders = POST_FOLDERS[profile]
    if profile == "jekyll":
        # Jekyll takes _posts/ at any depth (a category's own _posts/ too).
        for name in reversed(parts[:-1]):
            if name in folders:
                return folders[name]
        return None
    if len(parts) >= 2 and parts[-2] == "articles":
        return "article"
    if len(parts) >= 3 and parts[-3] == "books":
        return "chapter"
    return None


def _markdown_files(root: Path) -> list[tuple[str, ...]]:
    """Every Markdown file under ``root``, as path parts relative to ``root``."""
    found: list[tuple[str, ...]] = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in _NOT_SEARCHED)
        rel = Path(folder).relative_to(root).parts
        for name in sorted(names):
            if name.lower().endswith(MARKDOWN_SUFFIXES) and os.path.isfile(os.path.join(folder, name)):
                found.append((*rel, name))
    return found


def find_posts(folder: str | os.PathLike[str], profile: str | None = None) -> SiteFolder:
    """The posts of the site in ``folder``.

    ``profile`` is the configured one (``jekyll`` or ``zenn``): its folders are looked for first.
    Without it (or with another, or when the folder has none of its folders) the layout decides:
    ``_posts``/``_drafts`` make a Jekyll site, ``articles``/``books`` a Zenn one, and a folder of
    neither has every Markdown file as a post. Raises ``NotADirectoryError`` (an ``OSError``)
    when ``folder`` is not a folder.
    """
    root = Path(folder).resolve()
    if not root.is_dir():
        raise NotADirectoryError(f"{folder}: not a folder")
    files = _markdown_files(root)
    # The folder's own name counts: "site/_posts" opened by itself holds Jekyll posts.
    named = [(root.name, *parts) for parts in files]
    # The configured profile's folders first; a site that has none of them is read by its layout.
    choices = sorted(POST_FOLDERS, key=lambda name: name != profile)
    for candidate in choices:
        kinds = [_kind(parts, candidate) for parts in named]
        if any(kinds):
            posts = [
                SitePost(str(root.joinpath(*parts)), str(PurePosixPath(*parts)), kind)
                for parts, kind in zip(files, kinds, strict=True)
                if kind is not None
            ]
            return SiteFolder(str(root), candidate, posts)
    posts = [SitePost(str(root.joinpath(*parts)), str(PurePosixPath(*parts)), "file") for parts in files]
    return SiteFolder(str(root), "none", posts)
