"""Putting an image into the site's image folder and writing the link to it. Pure Python, no Qt.

The site's folder is the one above ``_posts``/``_drafts`` (Jekyll) or ``articles`` (Zenn), else
the article's own folder. Its image folder is the first of ``images``, ``assets/images``,
``static/images`` that exists (``images`` is made when none does). The link is relative to
the article (``../images/a.png``), except for Zenn, whose articles name images from the site's
root (``/images/a.png``).
"""

from __future__ import annotations

import os
from pathlib import Path

from article_studio.rules import WriteError, read_regular_file, write_atomic

IMAGE_FOLDERS = ("images", "assets/images", "static/images")
# The largest image copied into a site: far above any photo a post shows, and a bound on what
# a mistaken choice (a disk image, a device) can make us read.
MAX_IMAGE_BYTES = 200 * 1024 * 1024
SITE_SUBFOLDERS = ("_posts", "_drafts", "articles", "posts", "content")


def site_root(article: Path) -> Path:
    folder = article.parent
    for parent in (folder, *folder.parents):
        if parent.name in SITE_SUBFOLDERS:
            return parent.parent
    return folder


def image_folder(article: Path) -> Path:
    root = site_root(article)
    for name in IMAGE_FOLDERS:
        if (root / name).is_dir():
            return root / name
    return root / "images"


def free_name(folder: Path, name: str) -> Path:
    """``folder/name``, or ``stem-2.ext``, ``stem-3.ext``… when that is taken."""
    target = folder / name
    stem, ext = os.path.splitext(name)
    n = 2
    while os.path.lexists(target):  # a dangling link is taken too: writing would follow it
        target = folder / f"{stem}-{n}{ext}"
        n += 1
    return target


def link_for(article: Path, image: Path, profile: str) -> str:
    root = site_root(article)
    if profile == "zenn" and image.is_relative_to(root):
        return "/" + image.relative_to(root).as_posix()
    return Path(os.path.relpath(image, article.parent)).as_posix()


def markdown_image(alt: str, link: str) -> str:
    link = f"<{link}>" if any(c in link for c in " ()") else link
    return f"![{alt}]({link})"


def copy_into_site(article: Path, source: Path, profile: str) -> str:
    """Copy ``source`` into the site's image folder (unless it is in it already); the Markdown for it."""
    folder = image_folder(article)
    if source.parent.resolve() == folder.resolve():
        target = source
    else:
        target = write_into_site(article, source.name, read_regular_file(source, MAX_IMAGE_BYTES))
    return markdown_image(source.stem, link_for(article, target, profile))


def write_into_site(article: Path, name: str, data: bytes) -> Path:
    """Write ``data`` as a new file named after ``name`` in the site's image folder; its path.

    Through the guarded writer: never over an existing file or link, never outside the site."""
    target = free_name(image_folder(article), name)
    try:
        write_atomic(target, data, exclusive=True, within=site_root(article), parents=True)
    except WriteError as exc:
        raise OSError(str(exc)) from None
    return target
