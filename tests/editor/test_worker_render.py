"""The lint worker's revision handling, and the preview HTML."""

from __future__ import annotations

from article_studio import rules
from article_studio.rules.output.render import render_html


def test_newer_request_replaces_queued_and_stale_results_are_dropped(qtbot):
    from article_studio.editor.lint_worker import LintController, Request

    ctl = LintController()
    got = []
    previews = []
    ctl.resultReady.connect(got.append)
    ctl.previewReady.connect(previews.append)
    try:
        for rev in range(1, 6):
            ctl.request(Request(rev, f"本文{rev}です。\n\n---END---\n", None, rules.Config(), None, 500, False))
        qtbot.waitUntil(lambda: bool(got) and bool(previews), timeout=20000)
        qtbot.wait(200)
        assert [r.revision for r in got] == [5]
        assert got[0].text.startswith("本文5")
        assert [d.code for d in got[0].diagnostics].count("AG001") == 1
        assert [p.revision for p in previews] == [5]
        assert "本文5" in previews[0].html
    finally:
        ctl.shutdown()


def test_findings_arrive_before_the_preview_and_a_superseded_preview_is_not_rendered(qtbot):
    """The underlines do not wait for the HTML; a snapshot replaced while it was being linted
    gets no preview of its own (the newer one brings it)."""
    from article_studio.editor.lint_worker import LintController, Request

    ctl = LintController()
    events = []
    ctl.resultReady.connect(lambda r: events.append(("result", r.revision, r.html)))
    ctl.previewReady.connect(lambda p: events.append(("preview", p.revision, p.html)))
    try:
        ctl.request(Request(1, "一つ目です。\n", None, rules.Config(), None, 500, False), immediate=True)
        qtbot.waitUntil(lambda: ("preview", 1) in [e[:2] for e in events], timeout=20000)
        assert [e[:2] for e in events] == [("result", 1), ("preview", 1)]
        assert events[0][2] == "" and "一つ目" in events[1][2]

    finally:
        ctl.shutdown()


def test_a_snapshot_replaced_while_it_is_linted_gets_no_preview(qtbot):
    from article_studio.editor.lint_worker import LintWorker, Request

    worker = LintWorker()
    results, rendered = [], []

    def on_result(res):
        results.append(res.revision)
        if res.revision == 2:  # typing went on while revision 2 was linted
            worker.post(Request(3, "三つ目です。\n", None, rules.Config(), None, 500, False))

    worker.finished.connect(on_result)
    worker.rendered.connect(lambda r: rendered.append(r.revision))
    worker.post(Request(2, "二つ目です。\n", None, rules.Config(), None, 500, False))
    worker.run_pending()
    assert results == [2] and rendered == []
    worker.run_pending()
    assert results == [2, 3] and rendered == [3]


def test_render_escapes_html_and_keeps_containers_math_footnotes():
    text = (
        '---\ntitle: "題"\n---\n\n# 見出し\n\n本文<script>alert(1)</script>です[^1]。$E=mc^2$\n\n'
        ":::message\n注意\n:::\n\n:::details 詳細\n中身\n:::\n\n:::note info\nメモ\n:::\n\n"
        "$$\n\\int x\n$$\n\n![図](https://example.com/a.png)\n\n[^1]: 注釈\n"
    )
    html, lines = render_html(text)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "注意" in html and "中身" in html and "メモ" in html and "詳細" in html
    assert "$E=mc^2$" in html and "\\int x" in html
    assert "注釈" in html
    assert "<img" not in html and "https://example.com/a.png" in html
    assert '<th><a name="L0"></a>title</th>' in html
    assert 'id="L4"' in html  # the heading's source line
    assert lines == sorted(lines) and 4 in lines


ORPHAN_CHILD = r"""
import sys
from article_studio.editor import lint_worker
pool = lint_worker.lint_pool()
pool.submit(lint_worker._ready).result()
print(next(iter(pool._processes)), flush=True)
sys.stdin.read()
"""


def test_the_lint_process_ends_when_the_editor_is_killed(tmp_path):
    import os
    import signal
    import subprocess
    import sys
    import time

    child = subprocess.Popen(
        [sys.executable, "-c", ORPHAN_CHILD],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=os.path.dirname(os.path.dirname(os.path.dirname(__file__))),
    )
    worker = int(child.stdout.readline())
    os.kill(worker, 0)  # alive while the editor is
    child.send_signal(signal.SIGKILL)
    child.wait()

    def gone() -> bool:
        try:
            os.kill(worker, 0)
        except ProcessLookupError:
            return True
        # A zombie until its new parent reaps it: ended all the same.
        with open(f"/proc/{worker}/stat") as fh:
            return fh.read().split(")")[-1].split()[0] == "Z"

    for _ in range(600):  # polls, not a time limit on the behaviour: the watcher is immediate
        if gone():
            break
        time.sleep(0.05)
    assert gone()
