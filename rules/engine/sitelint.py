"""Linting a whole site through the ``--cache``, each post's result as soon as it is known.

``lint_site`` is what ``article-lint --cache`` does for a site's posts, for a program that shows
the results as they come (the editor's folder view): the posts the cache holds come back first,
at once, then the others as their worker processes finish them, each through ``on_result``;
then the site-wide spelling comparison (TM001 across posts) runs over every post, cached ones
included (the cache keeps each post's term spellings), and the cache is saved. A run that is
stopped (``should_stop``) saves what it linted, so the next run starts where this one stopped.

The findings of a post read from the cache are decoded only when something reads them; the
summaries here (``post_counts``, ``artifact_count``, ``site_findings``) read the cached form
without decoding every finding: a site of 2,437 posts has some 400,000.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ..model import Diagnostic
from .cache import CachedResult, LintCache, report_counts
from .cachefile import CacheFileError
from .config import Config
from .files import LintResult, lint_file

ARTIFACT_PREFIX = "AG"  # the generation-artifact rules


class _Stopped(Exception):
    """``should_stop`` said so: the run ends early."""


@dataclass
class SiteLint:
    """A site's results: ``results`` in the order of the paths (with their site-wide TM001
    findings; None for a post not reached before the run was stopped), ``linted`` the indices
    of the posts linted in this run (the others came from the cache)."""

    results: list[LintResult | None]
    linted: list[int] = field(default_factory=list)
    hits: int = 0
    notes: list[str] = field(default_factory=list)
    stopped: bool = False


def lint_site(
    paths: Sequence[str],
    config_of: Callable[[str], Config | None],
    *,
    cache: str | os.PathLike[str] | None = None,
    jobs: int | None = None,
    on_result: Callable[[int, LintResult], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> SiteLint:
    """Lint ``paths`` (each with ``config_of(path)``) as one site, through the cache file at ``cache``.

    ``on_result(index, result)`` gets each post's result (before the site-wide comparison) as
    soon as it is known; ``should_stop()`` is asked between posts. Files are linted in ``jobs``
    worker processes (default: all cores), so a file that kills its process costs only itself.
    """
    notes: list[str] = []
    store = LintCache(cache, notes) if cache is not None else None
    configs = [config_of(p) for p in paths]
    results: list[LintResult | None] = [None] * len(paths)
    run = SiteLint(results, notes=notes)

    def stop_now() -> bool:
        return bool(should_stop and should_stop())

    missing = []
    for i, path in enumerate(paths):
        if i % 32 == 0 and stop_now():
            run.stopped = True
            break
        hit = store.lookup(path, configs[i]) if store is not None else None
        if hit is None:
            missing.append(i)
            continue
        results[i] = hit
        if on_result:
            on_result(i, hit)
    run.hits = store.hits if store is not None else 0

    def got(k: int, value: object) -> None:
        i = missing[k]
        result = _as_result(paths[i], value)
        results[i] = result
        run.linted.append(i)
        if store is not None:
            store.store(result, configs[i])
        if on_result:
            on_result(i, result)
        if stop_now():
            raise _Stopped

    if missing and not run.stopped:
        try:
            _lint_fresh([(paths[i], configs[i]) for i in missing], jobs, got)
        except _Stopped:
            run.stopped = True
    if not run.stopped and len(paths) > 1:
        done = [r for r in results if r is not None]
        if store is not None:
            by_path = dict(zip(paths, configs, strict=True))
            store.apply_site(done, lambda p: by_path.get(p))
        else:
            from .site import apply_site_terms

            apply_site_terms(done)
    if store is not None:
        store.save()
    return run


def from_cache(result: LintResult) -> bool:
    """Whether ``result`` was read from the cache (its findings are decoded when first read)."""
    return isinstance(result, CachedResult)


def post_counts(result: LintResult) -> tuple[int, int, int]:
    """(errors, warnings, infos) of ``result``, as ``article-lint`` counts them."""
    if result.error:
        return 0, 0, 0
    findings, errors, warnings, _fixable = report_counts(result)
    return errors, warnings, findings - errors - warnings


def artifact_count(result: LintResult) -> int:
    """How many generation-artifact findings (AG) ``result`` has."""
    if result.error:
        return 0
    if isinstance(result, CachedResult) and not result.modified:
        # The codes of the stored findings, without making a Diagnostic of each; the site's
        # findings added to it are TM001.
        try:
            return sum(1 for code in result.stored_codes() if code.startswith(ARTIFACT_PREFIX))
        except CacheFileError:
            pass
    return sum(1 for d in result.diagnostics if d.code.startswith(ARTIFACT_PREFIX))


def site_findings(result: LintResult) -> list[Diagnostic]:
    """The findings the site-wide comparison added to ``result`` (TM001 against the other posts)."""
    if result.error:
        return []
    if isinstance(result, CachedResult) and not result.modified:
        return result.added_site_findings()
    return [d for d in result.diagnostics if d.data.get("site")]


def _lint_fresh(tasks: list[tuple[str, Config | None]], jobs: int | None, got: Callable[[int, object], None]) -> None:
    import multiprocessing

    from .pool import run_tasks
    from .runner import _preload, _size, _worker_init

    jobs = max(1, min(jobs or os.cpu_count() or 1, len(tasks)))
    if multiprocessing.get_start_method() == "fork":
        _preload(tasks[0][1])  # once here, not in every worker
    order = sorted(range(len(tasks)), key=lambda i: -_size(tasks[i][0]))
    run_tasks(_lint_task, tasks, jobs, order=order, initializer=_worker_init, on_result=got)


def _lint_task(task: tuple[str, Config | None]) -> LintResult:
    path, config = task
    return lint_file(path, config, collect_terms=True)


def _as_result(path: str, value: object) -> LintResult:
    """A worker's result, or a result that says why there is none (its process died)."""
    if isinstance(value, LintResult):
        return value
    reason = getattr(value, "reason", "no result")
    return LintResult(path, error=f"{path}: linting this file failed ({reason}); nothing was checked")
