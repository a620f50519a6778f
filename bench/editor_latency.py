"""Editor latency: keystroke to underlines, UI-thread stalls, cold start.

Prints one JSON object. Runs offscreen unless a display is set. Numbers include the
debounce delay (the editor waits for typing to pause before linting).

``stalls_100k`` is the longest the UI thread stopped (a 2 ms heartbeat's longest gap) while a
100,000-character article is opened (until its underlines and preview are shown), typed in
(keystrokes with pauses, until the last one's underlines and preview are shown), saved, and
exported from the Export dialog (until its report is shown).

``--folder`` measures Open Folder on a site of 2,437 posts built from the generated corpus (as
``cache_site.py`` builds it): the first load (every post linted in the background) and a reopen
served from the cache: when the posts are listed, when every post shows its counts, when the
findings across posts are in, and the longest the UI thread stopped meanwhile.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_SCRATCH: tempfile.TemporaryDirectory | None = None


def scratch(prefix: str) -> str:
    """A new folder inside one scratch folder that is removed when the benchmark exits."""
    global _SCRATCH
    if _SCRATCH is None:
        _SCRATCH = tempfile.TemporaryDirectory(prefix="as-bench-")
    return tempfile.mkdtemp(prefix=prefix, dir=_SCRATCH.name)


# The editor's own folders stay out of the user's. Only when unset: the lint processes import this
# module again and inherit the benchmark's folders.
for _var, _prefix in (
    ("ARTICLE_STUDIO_RECOVERY_DIR", "rec-"),
    ("ARTICLE_STUDIO_SETTINGS_DIR", "set-"),
    ("ARTICLE_STUDIO_CACHE_DIR", "cache-"),
):
    if _var not in os.environ:
        os.environ[_var] = scratch(_prefix)
SEED = REPO / "examples" / "2025-10-26-2-googleanthropictpu.md"


def measure(window, app, text: str, keystrokes: int = 15) -> dict:
    from PySide6.QtCore import QElapsedTimer, QTimer

    from article_studio.editor.app import wait_for

    tab = window.new_document()
    tab.editor.setPlainText(text)
    wait_for(lambda: tab.result is not None and tab.result.revision == tab.revision, 120000)
    # Typing starts once the opened text is shown: the first layout of the whole preview is a
    # cost of opening the document, not a stall while typing.
    wait_for(lambda: bool(tab.result.html) and tab.preview.html == tab.result.html, 120000)
    # A 2 ms heartbeat on the UI thread: the longest gap between beats is the longest stall.
    clock = QElapsedTimer()
    clock.start()
    gaps = []
    last = [clock.elapsed()]

    def beat():
        now = clock.elapsed()
        gaps.append(now - last[0])
        last[0] = now

    heart = QTimer()
    heart.timeout.connect(beat)
    heart.start(2)
    latencies = []
    cur = tab.editor.textCursor()
    cur.setPosition(len(text) // 2)
    tab.editor.setTextCursor(cur)
    for _ in range(keystrokes):
        t0 = time.perf_counter()
        done: list[float] = []
        conn = tab.editor.underlinesUpdated.connect(lambda _n, done=done: done.append(time.perf_counter()))
        tab.editor.insertPlainText("あ")
        wait_for(lambda done=done: bool(done), 120000)
        tab.editor.underlinesUpdated.disconnect(conn)
        latencies.append((done[0] - t0) * 1000)
    # The last keystroke's preview, so that its render time is reported (and its stall counted).
    wait_for(lambda: bool(tab.result.html) and tab.preview.html == tab.result.html, 120000)
    heart.stop()
    tab.discard_recovery()
    latencies.sort()
    return {
        "characters": len(text),
        "diagnostics": len(tab.result.diagnostics),
        "keystroke_to_underlines_ms": {
            "median": round(statistics.median(latencies), 1),
            "p95": round(latencies[max(0, int(len(latencies) * 0.95) - 1)], 1),
        },
        "lint_ms_median": round(tab.result.lint_ms, 1),
        "render_ms": round(tab.result.render_ms, 1),
        "longest_ui_stall_ms": max(gaps) if gaps else 0,
    }


class Heartbeat:
    """A 2 ms timer on the UI thread: the longest gap between its beats is the longest stall."""

    def __init__(self):
        from PySide6.QtCore import QElapsedTimer, QTimer

        self.clock = QElapsedTimer()
        self.timer = QTimer()
        self.timer.timeout.connect(self._beat)
        self.longest = 0

    def __enter__(self):
        self.clock.start()
        self.last = self.clock.elapsed()
        self.longest = 0
        self.timer.start(2)
        return self

    def _beat(self):
        now = self.clock.elapsed()
        self.longest = max(self.longest, now - self.last)
        self.last = now

    def __exit__(self, *exc):
        self._beat()
        self.timer.stop()


def stalls(window, text: str, folder: Path) -> dict:
    """The longest UI stall while opening, typing in, saving and exporting ``text``."""
    from article_studio.editor.app import wait_for
    from article_studio.editor.export_dialog import ExportDialog

    path = folder / "_posts" / "2025-10-26-long.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    out = {"characters": len(text)}

    def settled(tab) -> bool:
        res = tab.result
        return res is not None and res.revision == tab.revision and bool(res.html) and tab.preview.html == res.html

    with Heartbeat() as beat:
        tab = window.open_file(str(path))
        wait_for(lambda: settled(tab), 180000)
    out["open_ms"] = beat.longest
    cur = tab.editor.textCursor()
    cur.setPosition(tab.editor.document().characterCount() // 2)
    tab.editor.setTextCursor(cur)
    with Heartbeat() as beat:
        for _burst in range(3):  # three bursts of typing, each followed by a pause
            for _ in range(5):
                tab.editor.insertPlainText("あ")
                wait_for(lambda: False, 60)  # about a keystroke every 60 ms
            wait_for(lambda: settled(tab), 180000)
    out["typing_ms"] = beat.longest
    with Heartbeat() as beat:
        window.save_tab(tab)
        wait_for(lambda: settled(tab), 180000)
    out["save_ms"] = beat.longest
    with Heartbeat() as beat:
        dialog = ExportDialog(tab, str(folder / "site"))
        dialog.show()
        wait_for(lambda: dialog.result is not None, 180000)
        wait_for(lambda: False, 50)
    dialog.close()
    out["export_ms"] = beat.longest
    window.close_tab(tab, ask=False)
    return out


def cold_start() -> dict:
    code = (
        "import time; t0=time.perf_counter()\n"
        "from PySide6.QtCore import QTimer\n"
        "from article_studio.editor.app import create_app\n"
        "app, win = create_app(); win.new_document(); win.show()\n"
        "QTimer.singleShot(0, lambda: (print(round((time.perf_counter()-t0)*1000,1)), app.quit()))\n"
        "app.exec()\n"
    )
    t0 = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=str(REPO),
        capture_output=True,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(REPO)),
    )
    wall = (time.perf_counter() - t0) * 1000
    return {"in_process_ms": float(out.stdout.strip().splitlines()[-1]), "process_wall_ms": round(wall, 1)}


def folder_load(window, posts: int) -> dict:
    """Open Folder on a site of ``posts`` posts: the first load, then a reopen from the cache."""
    from article_studio.editor.app import wait_for

    sys.path.insert(0, str(REPO / "bench"))
    from cache_site import build_site

    site = Path(scratch("folder-")) / "site"
    build_site(site, posts)
    out: dict = {"posts": posts, "cpus": os.cpu_count()}
    dock = window.folder
    for run in ("first", "cached"):
        with Heartbeat() as beat:
            window.open_folder(str(site))
            wait_for(lambda: dock.summary is not None or dock.error is not None, 3_600_000)
        if dock.error:
            raise SystemExit(dock.error)
        out[run] = {
            **{k: round(v, 2) for k, v in dock.timings.items()},
            "from_cache": dock.summary.hits,
            "linted": dock.summary.linted,
            "longest_ui_stall_ms": beat.longest,
        }
        window.close_folder()
    return out


def main() -> None:
    import argparse

    from article_studio.editor import lint_worker
    from article_studio.editor.app import create_app

    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--short-delay", type=int, help="debounce (ms) for short documents; default: the editor's")
    ap.add_argument("--long-delay", type=int, help="debounce (ms) for long documents; default: the editor's")
    ap.add_argument("--stalls-only", action="store_true", help="only the open/typing/save/export stalls on 100k")
    ap.add_argument("--folder", action="store_true", help="only Open Folder: first and cached load of a site")
    ap.add_argument("--posts", type=int, default=2437, help="posts of the site for --folder (default: 2437)")
    args = ap.parse_args()
    if args.short_delay is not None:
        lint_worker.SHORT_DELAY_MS = args.short_delay
    if args.long_delay is not None:
        lint_worker.LONG_DELAY_MS = args.long_delay

    seed = SEED.read_text(encoding="utf-8")
    body = seed.split("---\n", 2)[2]
    big = seed
    while len(big) < 100_000:
        big += body
    big = big[:100_000]
    app, window = create_app()
    window.ask_before_closing = False
    window.show()
    if args.folder:
        print(json.dumps({"folder": folder_load(window, args.posts)}))
        return
    if args.stalls_only:
        print(json.dumps({"stalls_100k_ms": stalls(window, big, Path(scratch("site-")))}))
        return
    result = {
        "seed": measure(window, app, seed),
        "100k": measure(window, app, big),
        "stalls_100k_ms": stalls(window, big, Path(scratch("site-"))),
        "cold_start": cold_start(),
        "folder": folder_load(window, 2437),
    }
    print(json.dumps(result, ensure_ascii=False))
    for tab in window.all_tabs():
        tab.shutdown()


if __name__ == "__main__":
    main()
