"""A long article: nothing big is done in one turn of the event loop, and the result is the same."""

from __future__ import annotations

from pathlib import Path

from article_studio import rules
from article_studio.editor.preview import FILL_ABOVE, Preview

from .conftest import wait_linted

SEED = Path(__file__).resolve().parents[2] / "examples" / "2025-10-26-2-googleanthropictpu.md"


def long_article(size: int = 100_000) -> str:
    seed = SEED.read_text(encoding="utf-8")
    body = seed.split("---\n", 2)[2]
    text = seed
    while len(text) < size:
        text += body
    return text[:size]


def formats(highlighter_doc) -> list:
    out = []
    block = highlighter_doc.begin()
    while block.isValid():
        out.append([(r.start, r.length, r.format.foreground().color().name()) for r in block.layout().formats()])
        block = block.next()
    return out


def test_a_long_page_is_put_in_slice_by_slice_and_ends_as_a_full_render(qtbot):
    html = rules.render_html(long_article())[0]
    assert len(html) > FILL_ABOVE
    preview = Preview()
    qtbot.addWidget(preview)
    preview.resize(700, 900)
    preview.show()
    preview.show_html(html)
    first = len(preview.document().toPlainText())
    assert preview.html != html and 0 < first < len(html) / 4  # only the top of the page so far
    qtbot.waitUntil(lambda: preview.html == html, timeout=60000)
    fresh = Preview()
    qtbot.addWidget(fresh)
    fresh.resize(700, 900)
    fresh.show_html(html, at_once=True)
    assert preview.document().toPlainText() == fresh.document().toPlainText()
    assert preview._anchor_lines == fresh._anchor_lines


def test_a_page_asked_for_while_slices_go_in_is_the_one_that_ends_up_shown(qtbot):
    text = long_article()
    preview = Preview()
    qtbot.addWidget(preview)
    preview.show_html(rules.render_html(text)[0])
    edited = rules.render_html(text.replace("Google", "グーグル", 1) + "\n最後に足した段落です。\n")[0]
    preview.show_html(edited)
    qtbot.waitUntil(lambda: preview.html == edited, timeout=60000)
    fresh = Preview()
    qtbot.addWidget(fresh)
    fresh.show_html(edited, at_once=True)
    assert preview.document().toPlainText() == fresh.document().toPlainText()


def test_underlines_of_a_long_article_are_made_only_for_the_text_on_screen(window, qtbot):
    tab = window.new_document()
    tab.editor.setPlainText(long_article())
    res = wait_linted(qtbot, tab, timeout=60000)
    assert len(res.diagnostics) > 500
    marks = tab.editor._marks
    assert len(marks) == len(res.diagnostics)
    made = sum(1 for m in marks if m[3] is not None)
    assert 0 < made < len(marks) / 10


def test_a_long_text_is_coloured_a_screen_first_and_then_all_of_it(window, qtbot, tmp_path):
    path = tmp_path / "long.md"
    path.write_text(long_article(), encoding="utf-8")
    tab = window.open_file(str(path))
    assert not tab.highlighter.done  # the rest is coloured in later turns
    qtbot.waitUntil(lambda: tab.highlighter.done, timeout=60000)
    lazy = formats(tab.editor.document())
    tab.highlighter.rehighlight()
    assert lazy == formats(tab.editor.document())


def test_the_export_dialog_works_out_the_export_in_the_background(window, qtbot, tmp_path):
    from article_studio.editor.export_dialog import ExportDialog

    tab = window.new_document()
    tab.editor.setPlainText(long_article(30_000))
    dialog = ExportDialog(tab, str(tmp_path / "site"))
    qtbot.addWidget(dialog)
    assert dialog.result is None and not dialog.export_button.isEnabled()  # not done on the UI thread
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=60000)
    assert dialog.result.text == rules.export_post(tab.text(), None, tab.config).text
