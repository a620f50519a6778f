"""Writing exported posts into a site folder: one post through the guarded export.

Every place that exports posts (``article-lint export``, the MCP server's ``export``, the
editor's export of a folder's selected posts) goes through ``publish_post`` (or asks
``refusal_for`` and writes with ``write_post``), so that a post is refused, or written to the
same file, for the same reasons wherever it is exported: never over an input, never over an
existing file unless asked, never with errors left unless forced, never outside the output
folder once every symbolic link is followed.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..engine.config import Config, ConfigError
from ..engine.registry import pick
from ..reading.safe_write import write_atomic
from ..reading.textio import ReadError, SourceText, read_source
from .model import ExportResult
from .pipeline import export_post


def common_base(files: list[str]) -> str:
    """The folder the inputs have in common (where a post of no known site keeps its relative path)."""
    parents = [os.path.dirname(os.path.abspath(f)) for f in files]
    try:
        return os.path.commonpath(parents) if parents else os.getcwd()
    except ValueError:  # different drives
        return os.path.dirname(os.path.abspath(files[0]))


def same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.realpath(a) == os.path.realpath(b) or (a.exists() and b.exists() and os.path.samefile(a, b))
    except OSError:
        return False


def not_written(language: str | None, ja: str, en: str) -> str:
    return pick(language, ja=f"書き出していません: {ja}", en=f"not written: {en}")


def refusal_for(
    result: ExportResult,
    dest: Path | None,
    inputs: list[Path],
    taken: set[str],
    *,
    overwrite: bool,
    force: bool,
    diff: bool,
    lang: str | None,
) -> str | None:
    """Why the exported ``result`` must not be written to ``dest`` (None: it may be).

    No target, the target is an input or taken by another input (``taken``: the real paths
    written so far in this run), an existing file (unless ``overwrite``; with ``diff`` nothing
    is written, so an existing file is no reason), error-level findings left (unless ``force``)."""
    if result.target is None:
        return not_written(lang, "出力先のパスがありません", "no target path")
    if dest is not None and any(same_file(dest, i) for i in inputs):
        return not_written(lang, "出力先が入力ファイルです", "the target is an input file")
    if dest is not None and os.path.realpath(dest) in taken:
        return not_written(
            lang, "別の入力がすでにこのファイルに書き出しています", "another input already exports to this file"
        )
    # lexists: a dangling symbolic link at the target is a file in the way too.
    if dest is not None and os.path.lexists(dest) and not overwrite and not diff:
        return not_written(
            lang,
            "ファイルがすでにあります（--overwrite で置き換えます）",
            "the file exists (--overwrite replaces it)",
        )
    if result.remaining and not force:
        left = len(result.remaining)
        return not_written(
            lang,
            f"エラーが{left}件残っています（--force で書き出せます）",
            f"{left} error(s) left (--force writes it anyway)",
        )
    return None


def write_post(dest: Path, out_dir: Path, source: SourceText | None, text: str, overwrite: bool) -> str | None:
    """Write the post at ``dest``, which must lie inside ``out_dir`` once every symbolic link is
    followed, and must not exist unless ``overwrite``; the problem, if it was not written.
    ``source`` is the input's ``SourceText`` (its encoding and line endings are kept), or None
    for text that came from no file (written as UTF-8)."""
    try:
        data = source.encode(text) if source is not None else text.encode("utf-8")
    except UnicodeEncodeError as exc:
        line = text.count("\n", 0, exc.start) + 1
        column = exc.start - (text.rfind("\n", 0, exc.start) + 1) + 1
        bad = text[exc.start : exc.end]
        label = source.label if source is not None else "UTF-8"
        return f"{dest}:{line}:{column}: {bad!r} cannot be written as {label}"
    try:
        write_atomic(dest, data, within=out_dir, parents=True, exclusive=not overwrite)
    except OSError as exc:
        return str(exc)
    return None


@dataclass
class Published:
    """What became of one post: ``entry`` is what ``article-lint export --format json`` reports
    for it (status, destination, changes, errors left); ``outcome`` is ``written``, ``refused``,
    ``checked`` (with ``diff``: it could be written, nothing was) or ``failed`` (unreadable, a
    configuration error, an internal error, or the write failed: ``problem`` says how)."""

    path: str
    outcome: str
    entry: dict[str, Any] = field(default_factory=dict)
    problem: str | None = None
    source: SourceText | None = None
    result: ExportResult | None = None
    destination: Path | None = None
    language: str | None = None  # of the report: the post's configuration's


def publish_post(
    path: str,
    config_of: Callable[[str], Config],
    out_dir: Path | None,
    *,
    inputs: list[Path],
    taken: set[str],
    base: str | None,
    unsafe: bool = False,
    force: bool = False,
    overwrite: bool = False,
    diff: bool = False,
    lang: str | None = None,
) -> Published:
    """Export the post at ``path`` and, unless refused (``refusal_for``) or ``diff``, write it under
    ``out_dir`` (``write_post``). ``inputs`` are every input of the run (never written over),
    ``taken`` the real paths written so far (a written post's is added), ``base`` the inputs'
    common folder (``common_base``). ``config_of(path)`` may raise ``ConfigError``; ``lang`` is the
    report's language until the post's configuration says."""
    if out_dir is None and not diff:
        raise ValueError("publish_post: an output folder is needed unless only checking (diff)")
    entry: dict[str, Any] = {"path": path}
    try:
        source = read_source(path)
        config = config_of(path)
    except (ReadError, ConfigError) as exc:
        entry.update(status=pick(lang, ja="読み込めません", en="unreadable"), error=str(exc))
        return Published(path, "failed", entry, str(exc), language=lang)
    lang = config.language
    try:
        result = export_post(source.text, path, config, unsafe=unsafe, base=base)
    except Exception as exc:  # a bug of ours must not stop the other posts
        entry.update(status=pick(lang, ja="内部エラー", en="internal error"), error=str(exc))
        bug = f"{path}: internal error: {exc.__class__.__name__}: {exc}"
        return Published(path, "failed", entry, bug, source, language=lang)
    entry.update(result.as_dict())
    dest = out_dir / result.target if out_dir is not None and result.target else None
    entry["destination"] = str(dest) if dest else None
    published = Published(path, "refused", entry, None, source, result, dest, lang)
    refusal = refusal_for(result, dest, inputs, taken, overwrite=overwrite, force=force, diff=diff, lang=lang)
    entry["written"] = False
    if refusal:
        entry["status"] = refusal
        return published
    if diff:
        entry["status"] = pick(lang, ja="書き出していません（--diff）", en="not written (--diff)")
        published.outcome = "checked"
        return published
    assert dest is not None and out_dir is not None  # a target without an output folder is refused above
    problem = write_post(dest, out_dir, source, result.text, overwrite)
    if problem:
        entry["status"] = not_written(lang, problem, problem)
        del entry["written"]
        published.outcome, published.problem = "failed", problem
        return published
    taken.add(os.path.realpath(dest))
    entry["status"] = pick(lang, ja="書き出しました", en="written")
    entry["written"] = True
    published.outcome = "written"
    return published
