"""Linting many files: expand paths, then lint in worker processes, keeping input order."""

from __future__ import annotations

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
        if p not in seen:
            seen.add(p)
            files.append(p)

    for arg in args:
        if os.path.isdir(arg):
            for root, dirs, names in os.walk(arg):
                dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS)
                for name in sorted(names):
                    if name.lower().endswith(MARKDOWN_SUFFIXES):
                        add(os.path.join(root, name))
        elif os.path.exists(arg):
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
) -> list:
    """Lint ``paths`` with ``jobs`` processes (default: all cores); results in input order.

    ``configs`` is one config for all files or a mapping path → config.
    """

    def config_of(p: str):
        return configs.get(p) if isinstance(configs, dict) else configs

    site = len(paths) > 1
    tasks = [(p, config_of(p), site) for p in paths]
    jobs = jobs or os.cpu_count() or 1
    results = []
    if jobs <= 1 or len(paths) < 4:
        alone = len(paths) == 1 and jobs > 1  # one file: its rules may use a second core
        for i, task in enumerate(tasks):
            results.append(_lint_one(task, two_cores=alone))
            if progress:
                progress(i + 1, len(tasks))
    else:
        results = _lint_parallel(tasks, jobs, progress)
    if site:
        from .site import apply_site_terms

        apply_site_terms(results)
        for r in results:  # the spellings were only needed for the comparison
            r.terms = None
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
