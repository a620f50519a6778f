"""The work of the folder view, done in a process of its own (see ``site_process``).

Pure Python without Qt. ``lint_folder`` finds a site's posts and lints them through the
folder's cache (``rules.lint_site``), sending what it learns in small batches as it goes;
``export_posts`` exports the selected posts one by one through the same guarded export as
``article-lint export`` (``rules.publish_post``). Both stop when told to (``stop`` is set) and
send plain values only: the editor's process never runs the linter for a site, so what kills
this process costs the folder view's run and nothing the writer typed.

Messages, each a tuple whose first item names it:

- ``("posts", root, profile, [(path, relative, kind), ...])``: the site's posts, first;
- ``("counts", [PostState, ...])``: posts linted or found in the cache (their own findings);
- ``("site", [PostState, ...], [(index, [Diagnostic, ...]), ...])``: after the comparison across
  posts, every post's counts with its TM001 findings against the others, and those findings;
- ``("exported", ExportState)``: one post of an export;
- ``("done", Summary)``: the run ended (``stopped`` if told to stop).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from article_studio import rules

from .user_config import UserConfig, document_config

BATCH_SECONDS = 0.1  # how often a batch of results is sent while they come in
LOWER_PRIORITY = 5  # the site's lint yields the processors to the lint of the text being typed


@dataclass(frozen=True)
class FolderRequest:
    folder: str
    cache: str  # the cache file (in the editor's cache folder)
    user_config: UserConfig
    language: str | None
    jobs: int | None = None


@dataclass(frozen=True)
class PostState:
    """One post's counts; ``artifacts`` None while not known yet, ``error`` when it was not linted."""

    index: int
    errors: int
    warnings: int
    infos: int
    artifacts: int | None
    error: str | None = None


@dataclass
class Summary:
    """How a run went: ``hits`` posts came from the cache, ``linted`` were linted."""

    posts: int = 0
    hits: int = 0
    linted: int = 0
    stopped: bool = False
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)
    written: int = 0
    refused: int = 0
    failed: int = 0


@dataclass(frozen=True)
class ExportRequest:
    folder: str
    paths: list[str]  # the posts to export
    site_paths: list[str]  # every post of the site: none is ever written over
    out: str
    user_config: UserConfig
    language: str | None
    unsafe: bool = False
    force: bool = False
    overwrite: bool = False


@dataclass(frozen=True)
class ExportState:
    """What the export did with one post: ``outcome`` is written, refused or failed; ``status``
    the reason or the result in words; ``steps`` how many changes of each kind it made."""

    path: str
    outcome: str
    status: str
    destination: str | None
    steps: dict[str, int]
    characters: tuple[int, int] | None
    reading_time: tuple[int | None, int | None]
    remaining: list[str]


class _Batcher:
    """Collects items and sends them together at most every ``BATCH_SECONDS``."""

    def __init__(self, send: Callable[[tuple[Any, ...]], None], name: str):
        self.send, self.name = send, name
        self.items: list[Any] = []
        self.last = time.monotonic()

    def add(self, item: Any) -> None:
        self.items.append(item)
        if time.monotonic() - self.last >= BATCH_SECONDS:
            self.flush()

    def flush(self) -> None:
        if self.items:
            self.send((self.name, self.items))
            self.items = []
        self.last = time.monotonic()


def _configs(user: UserConfig, language: str | None) -> Callable[[str], rules.Config]:
    """Each post's configuration as the editor finds it for an open file (the project's, else the
    user's), looked up once per folder."""
    found: dict[str, rules.Config] = {}

    def config_of(path: str) -> rules.Config:
        folder = os.path.dirname(path)
        if folder not in found:
            found[folder] = document_config(path, user, language)[0]
        return found[folder]

    return config_of


def _lower_priority() -> None:
    if hasattr(os, "nice"):
        try:
            os.nice(LOWER_PRIORITY)
        except OSError:
            pass


def lint_folder(req: FolderRequest, send: Callable[[tuple[Any, ...]], None], stop: Callable[[], bool]) -> Summary:
    started = time.monotonic()
    _lower_priority()
    config_of = _configs(req.user_config, req.language)
    root_config = config_of(os.path.join(req.folder, "_"))
    site = rules.find_posts(req.folder, root_config.profile)
    paths = [p.path for p in site.posts]
    send(("posts", site.root, site.profile, [(p.path, p.relative, p.kind) for p in site.posts]))
    summary = Summary(posts=len(paths))
    counts = _Batcher(send, "counts")

    def state(i: int, result: rules.LintResult, artifacts: bool) -> PostState:
        errors, warnings, infos = rules.post_counts(result)
        return PostState(i, errors, warnings, infos, rules.artifact_count(result) if artifacts else None, result.error)

    def got(i: int, result: rules.LintResult) -> None:
        # A post read from the cache: its counts at once, its artifacts later (they need its findings read).
        counts.add(state(i, result, artifacts=not rules.from_cache(result)))

    run = rules.lint_site(paths, config_of, cache=req.cache, jobs=req.jobs, on_result=got, should_stop=stop)
    counts.flush()
    summary.hits, summary.linted, summary.stopped = run.hits, len(run.linted), run.stopped
    summary.notes = list(run.notes)
    if not run.stopped:
        states, findings, cached = [], [], []
        for i, result in enumerate(run.results):
            if result is None:
                continue
            if rules.from_cache(result):
                cached.append(i)
            states.append(state(i, result, artifacts=False))
            site_found = rules.site_findings(result)
            if site_found:
                findings.append((i, site_found))
        send(("site", states, findings))
        artifacts = _Batcher(send, "counts")
        for i in cached:
            if stop():
                summary.stopped = True
                break
            result = run.results[i]
            assert result is not None
            artifacts.add(state(i, result, artifacts=True))
        artifacts.flush()
    summary.seconds = time.monotonic() - started
    return summary


def export_posts(req: ExportRequest, send: Callable[[tuple[Any, ...]], None], stop: Callable[[], bool]) -> Summary:
    started = time.monotonic()
    summary = Summary(posts=len(req.paths))
    user, language = req.user_config, req.language

    def config_of(path: str) -> rules.Config:
        config, error = document_config(path, user, language)
        if error:
            raise rules.ConfigError(error)
        return config

    inputs = [Path(p) for p in req.site_paths]
    base = rules.common_base(req.site_paths or req.paths)
    taken: set[str] = set()
    for path in req.paths:
        if stop():
            summary.stopped = True
            break
        done = rules.publish_post(
            path,
            config_of,
            Path(req.out),
            inputs=inputs,
            taken=taken,
            base=base,
            unsafe=req.unsafe,
            force=req.force,
            overwrite=req.overwrite,
            lang=language,
        )
        send(("exported", _export_state(done)))
        if done.outcome == "written":
            summary.written += 1
        elif done.outcome == "refused":
            summary.refused += 1
        else:
            summary.failed += 1
    summary.seconds = time.monotonic() - started
    return summary


def _export_state(done: rules.Published) -> ExportState:
    entry = done.entry
    steps: dict[str, int] = {}
    for change in entry.get("changes", []):
        steps[change["step"]] = steps.get(change["step"], 0) + 1
    chars = entry.get("characters")
    reading = entry.get("reading_time") or {}
    remaining = [f"{d['line']}:{d['column']} {d['code']} {d['message']}" for d in entry.get("remaining", [])]
    return ExportState(
        done.path,
        done.outcome,
        str(entry.get("status", done.problem or "")),
        entry.get("destination"),
        steps,
        (chars["before"], chars["after"]) if chars else None,
        (reading.get("old"), reading.get("new")),
        remaining,
    )


JOBS: dict[str, Callable[[Any, Callable[[tuple[Any, ...]], None], Callable[[], bool]], Summary]] = {
    "lint": lint_folder,
    "export": export_posts,
}


def _exit_with_editor() -> None:
    """End this process when the editor's ends, even by a crash or a kill (its lint's workers then
    read end-of-file and end too)."""
    import multiprocessing
    import threading

    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        parent.join()
        os._exit(0)

    threading.Thread(target=watch, name="exit-with-editor", daemon=True).start()


def run_job(kind: str, request: Any, conn: Any, stop_event: Any) -> None:
    """The process's main function: run the job, send its messages and its summary."""
    from article_studio.rules import tune_for_linting

    _exit_with_editor()
    tune_for_linting()
    try:
        summary = JOBS[kind](request, conn.send, stop_event.is_set)
    except Exception as exc:  # a bug of ours: said to the editor, which stays up
        conn.send(("failed", f"{type(exc).__name__}: {exc}"))
    else:
        conn.send(("done", summary))
    finally:
        conn.close()
