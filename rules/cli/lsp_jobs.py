"""The language server's work that runs outside its event loop: whole-document lints (in a lint
process, so the server keeps answering while one runs), the site-wide spelling comparison, and
moving findings along with edits."""

from __future__ import annotations

import asyncio
import multiprocessing
import os
from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

from .. import Config, Diagnostic, Document, __version__, lint_file
from ..engine.incremental import Relinter, block_spans, changed_region

MAX_SITE_FILES = 5000

_pool: ProcessPoolExecutor | None = None
_site_pool: ProcessPoolExecutor | None = None  # the site check has its own: it must not hold up relints


def _warm() -> None:
    from .. import lint_text, tune_for_linting

    tune_for_linting()
    lint_text("# 準備\n\n準備です。Spelling.\n", "warm-up.md")


def start() -> None:
    """Start the lint process, and load the rules here too (the section relints run here)."""
    global _pool
    if _pool is None and os.environ.get("ARTICLE_LINT_LSP_IN_PROCESS") != "1":
        _pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"), initializer=_warm)
        _pool.submit(int)  # starts it now, in the background
    _warm()


def stop() -> None:
    global _pool, _site_pool
    for pool in (_pool, _site_pool):
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)
    _pool = _site_pool = None


async def run(fn, *args: Any) -> Any:
    """``fn(*args)`` in the lint process (here if there is none, or it died)."""
    global _pool
    loop = asyncio.get_running_loop()
    pool: Executor | None = _pool
    if pool is not None:
        try:
            return await loop.run_in_executor(pool, fn, *args)
        except BrokenProcessPool:
            _pool = None
    return fn(*args)


async def run_site(fn, *args: Any) -> Any:
    """``fn(*args)`` in the site check's process, started on first use (here without a lint process)."""
    global _site_pool
    if _pool is None:
        return fn(*args)
    if _site_pool is None:
        _site_pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
    try:
        return await asyncio.get_running_loop().run_in_executor(_site_pool, fn, *args)
    except BrokenProcessPool:
        _site_pool = None
        return []


def full_lint(text: str, path: str | None, config: Config) -> tuple[list[Diagnostic], list, int]:
    """Everything ``Relinter.adopt`` takes for ``text``: all findings, the blocks, the body's start."""
    relinter = Relinter(config, path)
    doc = Document(text, path)
    from ..engine.run import collect, finish

    diagnostics = finish(doc, collect(doc, config, relinter.settings))
    return diagnostics, block_spans(doc), doc.body_start


def site_findings(path: str, text: str, config: Config) -> list[Diagnostic]:
    """TM001 findings of ``text`` (the open document ``path``) against the other posts of its folder.

    The other posts' spellings come from the lint cache kept for the language server, so a
    save relints only the posts that changed since the last one.
    """
    from ..engine.cache import LintCache
    from ..engine.files import LintResult
    from ..engine.runner import expand_paths
    from ..engine.site import apply_site_terms
    from ..terminology.terms import extract_terms

    folder = os.path.dirname(os.path.abspath(path))
    files, _ = expand_paths([folder])
    others = [f for f in files if os.path.abspath(f) != os.path.abspath(path)]
    if not others or len(others) > MAX_SITE_FILES:
        return []
    cache = LintCache(_site_cache_location(folder))
    results = []
    for f in others:
        r: LintResult | None = cache.lookup(f, config)
        if r is None:
            r = lint_file(f, config, collect_terms=True)
            cache.store(r, config)
        results.append(r)
    cache.save()
    relinter = Relinter(config, path)
    tm001 = next((s for s in relinter.settings if s.rule.code == "TM001"), None)
    if tm001 is None:
        return []
    doc = Document(text, path)
    terms: dict[str, dict[str, list[tuple[int, int]]]] = {}
    for t in extract_terms(doc):
        terms.setdefault(t.key, {}).setdefault(t.surface, []).append((t.start, t.end))
    mine = LintResult(path, [], text)
    mine.terms, mine.terms_severity, mine.terms_language = terms, tm001.severity, config.language
    apply_site_terms([mine, *results])
    return [d for d in mine.diagnostics if d.data.get("site")]


def _site_cache_location(folder: str) -> Path:
    import hashlib

    from platformdirs import user_cache_dir

    key = hashlib.sha256(folder.encode("utf-8", "surrogateescape")).hexdigest()[:16]
    return Path(user_cache_dir("article-studio")) / "lsp" / f"site-{key}.cache"


def move_findings(found: list[Diagnostic], old: str, new: str) -> list[Diagnostic]:
    """Findings of ``old`` moved to where their text is in ``new``; those whose text changed are dropped."""
    if old == new:
        return found
    start, old_end, new_end = changed_region(old, new)
    delta = new_end - old_end
    out = []
    for d in found:
        if d.end <= start:
            out.append(d)
        elif d.start >= old_end:
            out.append(Relinter._moved(d, start, old_end, delta))
    from ..model import LineIndex

    index = LineIndex(new)
    return [d.with_position(*index.position(d.start), *index.position(d.end)) for d in out]


def installed_docs_uri() -> str | None:
    """A ``file:`` URI of the rules' documentation for this version (written once, in the user's cache)."""
    try:
        from platformdirs import user_cache_dir

        from .. import write_atomic
        from ..output.ruledocs import render_markdown

        target = Path(user_cache_dir("article-studio")) / "docs" / __version__ / "rules.md"
        text = render_markdown().encode("utf-8")
        if not target.exists() or target.read_bytes() != text:
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(target, text)
        return target.as_uri()
    except (OSError, ImportError):
        return None
