"""Linting many files: expand paths, then lint in worker processes, keeping input order."""

from __future__ import annotations

import errno
import glob
import os
from collections.abc import Callable, Iterable

from .config import Config

MARKDOWN_SUFFIXES = (".md", ".markdown")
_SKIP_DIRS = {".git", "node_modules", ".venv", "venv", "__pycache__", ".hg", ".svn"}


def expand_paths(args: Iterable[str]) -> tuple[list[str], list[str]]:
    """Files named by ``args`` (files, folders searched recursively, or globs).

    Returns (files, errors): a name that matches nothing is an error, not a silent skip.
    """
    files: list[str] = []
    errors: list[str] = []
    seen: set[str] = set()

    def add(p: str) -> None:
        if p in seen:
            return
        seen.add(p)
        broken = _broken_link(p)
        if broken:
            errors.append(broken)
        else:
            files.append(p)

    for arg in args:
        if os.path.isdir(arg):
            for root, dirs, names in os.walk(arg):
                dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS)
                for name in sorted(names):
                    if name.lower().endswith(MARKDOWN_SUFFIXES):
                        add(os.path.join(root, name))
        elif os.path.lexists(arg):
            add(arg)
        elif glob.has_magic(arg):
            matched = sorted(glob.glob(arg, recursive=True))
            md = [m for m in matched if os.path.isfile(m)]
            if not md:
                errors.append(f"{arg}: no file matches this pattern")
            for m in md:
                add(m)
        else:
            errors.append(f"{arg}: no such file or folder")
    return files, errors


def _broken_link(path: str) -> str | None:
    """One line when ``path`` is a symbolic link that leads nowhere (a loop, or a missing file)."""
    try:
        os.stat(path)
    except FileNotFoundError:
        return f"{path}: a symbolic link to a file that does not exist" if os.path.islink(path) else None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return f"{path}: a loop of symbolic links; not read"
    return None


def _worker_init() -> None:
    from .gcpolicy import tune_for_linting

    tune_for_linting()


def _lint_one(args, two_cores: bool = False):
    path, config, collect_terms = args
    from .files import lint_file

    return lint_file(path, config, collect_terms=collect_terms, two_cores=two_cores)


def lint_many(
    paths: list[str],
    configs: dict[str, Config] | Config | None,
    jobs: int | None,
    progress: Callable[[int, int], None] | None = None,
    cache=None,
) -> list:
    """Lint ``paths`` with ``jobs`` processes (default: all cores); results in input order.

    ``configs`` is one config for all files or a mapping path → config. With ``cache`` (an
    ``engine.cache.LintCache``), the files it holds are not linted again.
    """

    def config_of(p: str):
        return configs.get(p) if isinstance(configs, dict) else configs

    site = len(paths) > 1
    if cache is None:
        results = _lint_all([(p, config_of(p), site) for p in paths], jobs, progress)
    else:
        results = _through_cache(paths, config_of, jobs, progress, cache)
    if site:
        if cache is not None:
            cache.apply_site(results, config_of)
        else:
            from .site import apply_site_terms

            apply_site_terms(results)
        for r in results:  # the spellings were only needed for the comparison
            r.terms = r.terms_names = None
    return results


def _lint_all(tasks: list, jobs: int | None, progress: Callable[[int, int], None] | None) -> list:
    jobs = jobs or os.cpu_count() or 1
    if jobs > 1 and len(tasks) >= 4:
        return _lint_parallel(tasks, jobs, progress)
    results = []
    alone = len(tasks) == 1 and jobs > 1  # one file: its rules may use a second core
    for i, task in enumerate(tasks):
        results.append(_lint_one(task, two_cores=alone))
        if progress:
            progress(i + 1, len(tasks))
    return results


def _through_cache(paths: list[str], config_of: Callable, jobs: int | None, progress, cache) -> list:
    """The cached results of ``paths``; the others linted, with their term spellings (which the
    cache keeps for later site-wide runs), and stored (before site-wide findings are added)."""
    results: list = [cache.lookup(p, config_of(p)) for p in paths]
    missing = [i for i, r in enumerate(results) if r is None]
    fresh = _lint_all([(paths[i], config_of(paths[i]), True) for i in missing], jobs, progress)
    for i, r in zip(missing, fresh, strict=True):
        cache.store(r, config_of(paths[i]))
        results[i] = r
    return results


def _lint_parallel(tasks: list, jobs: int, progress: Callable[[int, int], None] | None) -> list:
    """Lint ``tasks`` in ``jobs`` worker processes; results in the order of ``tasks``.

    The largest files go first, one at a time, so that the workers finish together instead
    of one waiting on the other's last batch. Where workers are forked, the rules and the
    dictionary are loaded once here, before the fork, instead of in every worker. A worker that
    dies (a crash in a C library, the system ending it for its memory) costs the file it was
    on, which gets an error, and nothing else.
    """
    import multiprocessing

    from .files import LintResult
    from .pool import Died, run_tasks

    if multiprocessing.get_start_method() == "fork":
        _preload(tasks[0][1])
    order = sorted(range(len(tasks)), key=lambda i: -_size(tasks[i][0]))
    results = run_tasks(
        _lint_one, tasks, min(jobs, len(tasks)), order=order, initializer=_worker_init, progress=progress
    )
    for i, result in enumerate(results):
        if isinstance(result, Died):
            path = tasks[i][0]
            reason = f"linting this file failed ({result.reason}); nothing was checked"
            results[i] = LintResult(path, error=f"{path}: {reason}")
    return results


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def _preload(config: Config | None) -> None:
    from .config import Config as _Config
    from .run import resolve_rules

    settings = resolve_rules(config or _Config())
    if any(s.rule.code.startswith("JA") or s.rule.code.startswith("TM") for s in settings):
        from ..reading import morph

        morph.load()


def run_many(paths: list[str], config: Config | None, jobs: int | None):
    return lint_many(paths, config, jobs)
