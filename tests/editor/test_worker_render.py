"""The lint worker's revision handling, and the preview HTML."""
from __future__ import annotations

import rules
from rules.render import render_html


def test_newer_request_replaces_queued_and_stale_results_are_dropped(qtbot):
    from editor.lint_worker import LintController, Request

    ctl = LintController()
    got = []
    ctl.resultReady.connect(got.append)
    try:
        for rev in range(1, 6):
            ctl.request(Request(rev, f"本文{rev}です。\n\n---END---\n", None, rules.Config(), None, 500, False))
        qtbot.waitUntil(lambda: bool(got), timeout=20000)
        qtbot.wait(200)
        assert [r.revision for r in got] == [5]
        assert got[0].text.startswith("本文5")
        assert [d.code for d in got[0].diagnostics].count("AG001") == 1
    finally:
        ctl.shutdown()


def test_render_escapes_html_and_keeps_containers_math_footnotes():
    text = ("---\ntitle: \"題\"\n---\n\n# 見出し\n\n本文<script>alert(1)</script>です[^1]。$E=mc^2$\n\n"
            ":::message\n注意\n:::\n\n:::details 詳細\n中身\n:::\n\n:::note info\nメモ\n:::\n\n"
            "$$\n\\int x\n$$\n\n![図](https://example.com/a.png)\n\n[^1]: 注釈\n")
    html, lines = render_html(text)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "注意" in html and "中身" in html and "メモ" in html and "詳細" in html
    assert "$E=mc^2$" in html and "\\int x" in html
    assert "注釈" in html
    assert "<img" not in html and "https://example.com/a.png" in html
    assert "<th><a name=\"L0\"></a>title</th>" in html
    assert 'id="L4"' in html  # the heading's source line
    assert lines == sorted(lines) and 4 in lines
