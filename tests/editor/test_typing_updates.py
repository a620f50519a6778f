"""After a pause in typing, a new lint result changes only what the edit changed.

Underlines, Problems rows and Outline items outside the edited paragraph are left alone (Qt is not
asked to repaint or lay them out again), and what is shown ends up the same as a full rebuild.
"""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QRect, Qt

from article_studio import rules
from article_studio.editor.analysis import Request, lint_snapshot
from article_studio.editor.outline_dock import OutlineDock
from article_studio.editor.problems_dock import ProblemsModel
from article_studio.editor.source_editor import SourceEditor
from article_studio.editor.theme import colors

from .test_long_articles import long_article


def lint(text: str) -> list:
    return rules.lint_text(text, None, rules.config_for(None))


def shown_underlines(editor: SourceEditor) -> list[tuple[int, int, int]]:
    return sorted(
        (s.cursor.selectionStart(), s.cursor.selectionEnd(), s.format.underlineColor().rgba())
        for s in editor.extraSelections()[1:]
    )


def make_editor(qtbot, text: str, at: int) -> SourceEditor:
    editor = SourceEditor(colors(False))
    qtbot.addWidget(editor)
    editor.resize(600, 700)
    editor.show()
    editor.setPlainText(text)
    cur = editor.textCursor()
    cur.setPosition(at)
    editor.setTextCursor(cur)
    editor.centerCursor()
    return editor


def test_a_relint_repaints_only_the_underlines_of_the_edited_paragraph(qtbot):
    text = long_article(30_000)
    found = lint(text)
    starts = Counter(d.start for d in found)
    together = [at for at, n in starts.items() if n > 1]
    # A sentence underlined as too long, a few lines from two underlines that start together (Qt
    # used to mix those up and repaint them at every lint). Typing in the sentence drops its
    # underline at once, and the relint brings it back.
    sentence, other = next(
        (d, at)
        for d in found
        if d.code == "JA001" and "\n" not in text[d.start : d.end]
        for at in together
        if 0 < abs(at - d.start) < 400 and "\n" in text[min(at, d.start) : max(at, d.start)]
    )
    editor = make_editor(qtbot, text, sentence.start + 1)
    editor.set_diagnostics(found, text)
    assert editor.viewport().rect().contains(editor.cursorRect(editor.cursor_for(other, other)))
    editor.insertPlainText("あ")
    edited = editor.plain_text()
    block = editor.textCursor().block()
    area = editor.blockBoundingGeometry(block).translated(editor.contentOffset()).toAlignedRect()
    repainted: list[QRect] = []
    editor.updateRequest.connect(lambda rect, dy: dy == 0 and repainted.append(QRect(rect)))
    editor.set_diagnostics(lint(edited), edited)
    assert repainted, "the edited paragraph's underlines come back"
    grown = area.adjusted(-2, -2, 2, 2)
    assert all(grown.contains(rect) for rect in repainted), (area, repainted)
    # The same again changes nothing on screen.
    repainted.clear()
    editor.set_diagnostics(lint(edited), edited)
    assert repainted == []


def test_underlines_after_relints_are_those_of_a_fresh_editor(qtbot):
    text = long_article(30_000)
    at = text.index("。", 15_000)
    editor = make_editor(qtbot, text, at)
    editor.set_diagnostics(lint(text), text)
    for typed in ("あ", "\n\n---END---\n\n", "い"):
        editor.insertPlainText(typed)
        edited = editor.plain_text()
        editor.set_diagnostics(lint(edited), edited)
    # What Qt shows is what the editor would hand it now from scratch.
    assert shown_underlines(editor) == sorted(
        (s.cursor.selectionStart(), s.cursor.selectionEnd(), s.format.underlineColor().rgba())
        for s in editor._visible_underlines()
    )
    fresh = make_editor(qtbot, edited, editor.textCursor().position())
    fresh.set_diagnostics(lint(edited), edited)
    assert any(d.code == "AG001" for d in editor.diagnostics_on(editor.textCursor().position() - 5))

    def marks(ed):
        return [(c.selectionStart(), c.selectionEnd(), d.code) for c, d in ed.marks()]

    assert marks(editor) == marks(fresh)


class Signals:
    """What a model told its views."""

    def __init__(self, model):
        self.resets = self.inserted = self.removed = 0
        self.changed: list[tuple[int, int]] = []
        model.modelReset.connect(self._reset)
        model.rowsInserted.connect(lambda _p, first, last: self._count("inserted", first, last))
        model.rowsRemoved.connect(lambda _p, first, last: self._count("removed", first, last))
        model.dataChanged.connect(lambda a, b, *_: self.changed.append((a.row(), b.row())))

    def _reset(self) -> None:
        self.resets += 1

    def _count(self, what: str, first: int, last: int) -> None:
        setattr(self, what, getattr(self, what) + last - first + 1)


def fresh_model(diagnostics, severity: str = "", column: int = 0) -> ProblemsModel:
    model = ProblemsModel()
    model.severity = severity
    model.sort_column = column
    model.set_diagnostics(diagnostics)
    return model


def rows(model: ProblemsModel) -> list[tuple]:
    columns = range(model.columnCount())
    return [
        tuple(model.index(r, c).data() for c in columns) + (model.index(r, 0).data(Qt.UserRole),)
        for r in range(model.rowCount())
    ]


def test_problems_rows_change_in_place_and_end_as_a_full_rebuild(qtbot):
    text = long_article(30_000)
    at = text.index("。", 15_000)
    edits = [
        text[:at] + "あ" + text[at:],  # shows no new finding: only offsets move
        text[:at] + "\n\n---END---\n\n" + text[at:],  # a new finding, and the lines after it move
        text[:at] + "\n\n---END---\n\n" + text[at + 400 :],  # findings gone, others moved
    ]
    for severity, column in (("", 0), ("", 3), ("warning", 1)):
        model = fresh_model(lint(text), severity, column)
        signals = Signals(model)
        for edited in edits:
            new = lint(edited)
            model.set_diagnostics(new)
            assert rows(model) == rows(fresh_model(new, severity, column))
        assert signals.resets == 0
        assert signals.inserted + signals.removed < model.rowCount() / 4


def test_problems_rows_do_not_change_when_only_offsets_moved(qtbot):
    text = long_article(30_000)
    at = text.index("\n\n", 15_000)  # one more blank line: the findings after it move, none changes
    model = fresh_model(lint(text))
    signals = Signals(model)
    edited = text[:at] + "\n" + text[at:]
    new = lint(edited)
    assert [d.start for d in new] != [d.start for d in model.rows]
    before = rows(model)
    model.set_diagnostics(new)
    after = rows(model)
    assert (signals.resets, signals.inserted, signals.removed) == (0, 0, 0)
    # The rows whose line moved, and only those, are redrawn.
    moved = [i for i, (a, b) in enumerate(zip(before, after, strict=True)) if a[:4] != b[:4]]
    assert moved and signals.changed == [(moved[0], moved[-1])]
    assert sorted(d.start for d in model.visible) == sorted(d.start for d in new)  # jumps go to the new places


def outline(text: str) -> list:
    return lint_snapshot(Request(0, text, None, rules.config_for(None), None, 500, False)).outline


def texts(dock: OutlineDock) -> list[tuple[str, int, bool]]:
    items = [dock.list.item(i) for i in range(dock.list.count())]
    return [(i.text(), i.data(Qt.UserRole + 1), i.font().italic()) for i in items]


def test_the_outline_lists_anew_only_the_headings_that_changed(qtbot):
    text = long_article(30_000)
    dock = OutlineDock()
    qtbot.addWidget(dock)
    dock.set_entries(outline(text))
    items = [dock.list.item(i) for i in range(dock.list.count())]
    assert len(items) > 5
    heading = text.index("\n**", 10_000) + 1
    edited = text[:heading] + "## 書き換えた見出し\n\n本文の前に足した段落です。\n\n" + text[heading:]
    signals = Signals(dock.list.model())
    entries = outline(edited)
    dock.set_entries(entries)
    assert signals.resets == 0 and (signals.inserted, signals.removed) == (1, 0)
    now = [dock.list.item(i) for i in range(dock.list.count())]
    assert sum(1 for item in now if item in items) == len(items)  # the others are the same items
    fresh = OutlineDock()
    qtbot.addWidget(fresh)
    fresh.set_entries(entries)
    assert texts(dock) == texts(fresh) and dock.offsets == fresh.offsets
    # An item jumps to where its heading is now (typing above moves it).
    jumps: list[int] = []
    dock.jumpRequested.connect(jumps.append)
    dock.list.itemClicked.emit(now[-1])
    assert jumps == [entries[-1].offset]
    assert edited[jumps[0] :].startswith("#") or edited[jumps[0] :].startswith("**")
