"""The Markdown source editor: line numbers, lint underlines, tooltips and quick fixes.

Offsets: diagnostics use code points into text with ``\\n``; QTextDocument positions are
UTF-16 units. The core's ``LineIndex`` converts both ways (``utf16`` and ``code_point``).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from functools import lru_cache

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QFontDatabase,
    QImage,
    QKeySequence,
    QPainter,
    QTextCharFormat,
    QTextCursor,
    QTextFormat,
    QTextOption,
)
from PySide6.QtWidgets import QMenu, QPlainTextEdit, QTextEdit, QToolTip, QWidget

from article_studio import rules

from .i18n import language, rule_summary, tr
from .theme import Colors

SUPPRESS_COMMENT = "<!-- article-lint-disable-next-line {code} -->\n"
# A long text put in by ``load_text`` goes in chunks of FIRST_CHUNK characters, doubling up to
# LOAD_CHUNK (cut at a line end), for at most LOAD_SLICE_SECONDS per turn of the event loop. The
# first chunks are small: laying out characters not shown before loads their glyphs, ~10 ms for
# a first screen of Japanese; later ones are bigger, as each chunk also costs ~1 ms of its own.
FIRST_CHUNK = 500
LOAD_CHUNK = 4_000
LOAD_SLICE_SECONDS = 0.004
# The first chunk waits for the editor's first paint (a heavy turn of its own in a new tab: its
# glyphs, its scroll bars), but never longer than this, in case the editor is not painted.
FIRST_PAINT_WAIT_SECONDS = 0.1


@dataclass
class _Load:
    """A text going into the editor over several turns of the event loop."""

    text: str
    read_only: bool  # the editor's own read-only state, given back when the text is all in
    scroll_bar: Qt.ScrollBarPolicy  # its vertical scroll bar's policy, likewise
    at: int = 0  # what is in so far: ``text[:at]``
    chunk: int = FIRST_CHUNK  # the size of the next chunk
    painted: bool = False  # the editor has been painted since the load began
    lines: int = 0  # the lines of the whole text (the gutter is made wide enough for them)
    turns_after_paint: int = 0  # turns of the load's timer since then
    started: float = field(default_factory=time.perf_counter)

    def may_start(self, visible: bool) -> bool:
        """Whether chunks may go in in this turn: from the second turn after the editor's first
        paint (the first may be the paint's own), or when it is not shown or waited long enough."""
        if self.at > 0 or not visible or time.perf_counter() > self.started + FIRST_PAINT_WAIT_SECONDS:
            return True
        if self.painted:
            self.turns_after_paint += 1
        return self.turns_after_paint > 1

    def next_end(self) -> int:
        """Where the next chunk ends: at a line end where there is one (the highlighter sees whole lines)."""
        end = min(len(self.text), self.at + self.chunk)
        if end < len(self.text):
            newline = self.text.rfind("\n", self.at, end)
            if newline > self.at:
                end = newline + 1
        self.chunk = min(LOAD_CHUNK, self.chunk * 2)
        return end


@lru_cache(maxsize=2)
def _rule_summaries(_language: str) -> dict[str, str]:
    return {r.code: rule_summary(r.code, r.summary) for r in rules.list_rules()}


def rule_summaries() -> dict[str, str]:
    """Each rule's summary in the UI language."""
    return _rule_summaries(language())


def unsafe_reason(fix) -> str:
    """Why a fix that is not "safe" needs a look after applying it; "" for a safe fix."""
    if fix.applicability == "safe":
        return ""
    removed = sum(e.end - e.start for e in fix.edits)
    inserted = sum(len(e.text) for e in fix.edits)
    if inserted == 0 and removed:
        return tr("it deletes {n} characters").format(n=removed)
    if fix.applicability == "display":
        return tr("a suggestion: the rule cannot tell whether it fits")
    return tr("it rewrites text, and the rule cannot be sure of the meaning")


class _LineNumbers(QWidget):
    def __init__(self, editor: SourceEditor):
        super().__init__(editor)
        self.editor = editor

    def sizeHint(self) -> QSize:
        return QSize(self.editor.line_number_width(), 0)

    def paintEvent(self, event) -> None:
        self.editor.paint_line_numbers(event)


class SourceEditor(QPlainTextEdit):
    jumpRequested = Signal(int)
    fixApplied = Signal(str)  # a short description, for the status bar
    underlinesUpdated = Signal(int)  # number of underlined diagnostics
    loaded = Signal()  # a text put in by load_text is all in

    _load: _Load | None = None  # a class default: Qt may call the overrides below during __init__

    def __init__(self, colors: Colors, parent=None):
        super().__init__(parent)
        self.colors = colors
        self.setAttribute(Qt.WA_InputMethodEnabled, True)
        # Japanese has no spaces: wrap at word boundaries where there are any, else anywhere.
        self.setLineWrapMode(QPlainTextEdit.WidgetWidth)
        self.setWordWrapMode(QTextOption.WrapAtWordBoundaryOrAnywhere)
        font = QFontDatabase.systemFont(QFontDatabase.FixedFont)
        font.setPointSize(max(font.pointSize(), 11))
        self.setFont(font)
        self._base_point_size = font.pointSize()
        self.image_handler = None  # (QImage or None, file path or None) -> bool, set by the tab
        self.setTabStopDistance(self.fontMetrics().horizontalAdvance(" ") * 4)
        self._numbers = _LineNumbers(self)
        self.blockCountChanged.connect(self._update_margin)
        self.updateRequest.connect(self._update_numbers)
        self.cursorPositionChanged.connect(self._refresh_selections)
        self._update_margin()
        self._index: rules.LineIndex | None = None
        self.document().contentsChanged.connect(self._text_changed)
        self.diagnostics: list = []
        self.diag_text: str | None = None
        # [start, end (UTF-16), diagnostic, its cursor once shown, whether that cursor runs backwards], by start
        self._marks: list[list] = []
        self._underlines: list = []  # ExtraSelections of the visible _marks
        self._shown: list | None = None  # the extra selections last handed to Qt
        self._formats: dict = {}
        self.verticalScrollBar().valueChanged.connect(self._refresh_selections)
        self._stashed: tuple[list, str] | None = None
        # Underlines move with the text as it is edited; the ones an edit touches are dropped at
        # once (until the next lint) rather than left on changed text.
        self.document().contentsChange.connect(self._drop_touched_marks)
        self._laid_out = 0  # blocks before this one are laid out (a hint, lowered by edits)
        self._layout_timer = QTimer(self)
        self._layout_timer.setSingleShot(True)
        self._layout_timer.setInterval(0)
        self._layout_timer.timeout.connect(self._lay_out_some)
        self.document().contentsChange.connect(self._layout_from)
        self._load_timer = QTimer(self)
        self._load_timer.setSingleShot(True)
        self._load_timer.setInterval(0)
        self._load_timer.timeout.connect(self._load_some)
        self.composing = False
        quick = QAction(self)
        quick.setShortcut(QKeySequence("Ctrl+."))
        quick.setShortcutContext(Qt.WidgetShortcut)
        quick.triggered.connect(self.show_quick_fix_menu)
        self.addAction(quick)

    # -- text -------------------------------------------------------------------------
    def plain_text(self) -> str:
        """The exact text (toPlainText would turn no-break spaces into spaces), all of it: the
        rest of a text still going in (see ``load_text``) is put in first."""
        self.finish_loading()
        return self.document().toRawText().replace("\u2029", "\n")

    def insertPlainText(self, text: str) -> None:
        """Insert at the cursor, after the rest of a text still going in (one the writer can undo)."""
        self.finish_loading()
        super().insertPlainText(text)

    # -- putting a whole text in --------------------------------------------------------
    @property
    def loading(self) -> bool:
        """A text put in by ``load_text`` is still going in."""
        return self._load is not None

    def load_text(self, text: str, in_slices: bool = False) -> None:
        """Put a whole new text in (no undo step, the cursor at the start); ``loaded`` follows.

        ``in_slices``: chunk by chunk over the next turns of the event loop, as putting 100,000
        characters in at once held the window still for ~20 ms. Until the text is all in, the
        editor is read-only and keeps no undo, and reading the text, typing or inserting puts the
        rest in at once first: nothing works on part of the text.
        """
        self.stop_loading()
        if not in_slices:
            self.setPlainText(text)
            self.loaded.emit()
            return
        # Nothing goes in in this turn, nor in the editor's first paint: opening a file also builds
        # its tab, and a new tab's first paint and the first slice's layout each take ~10 ms while
        # fonts and styles are cold. The load is set first: the emptying's change signals must see it.
        self._load = _Load(text, self.isReadOnly(), self.verticalScrollBarPolicy(), lines=text.count("\n") + 1)
        self.setPlainText("")
        self._update_margin()
        self.document().setUndoRedoEnabled(False)  # Ctrl+Z must never take the text out again
        self.setReadOnly(True)
        # A long text will need the scroll bar: shown from the first chunk, it does not narrow
        # the page halfway through and wrap every line again (as the gutter would, see
        # line_number_width).
        self.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOn)
        # Read-only turns the input method off: keep it on, so that a writer's first keystroke
        # reaches inputMethodEvent (which puts the rest in, then takes it) as Japanese.
        self.setAttribute(Qt.WA_InputMethodEnabled, True)
        self._load_timer.start()

    def finish_loading(self) -> None:
        """Put the rest of a text still going in at once, for what needs all of it now."""
        if self._load is not None:
            self._append(len(self._load.text))

    def stop_loading(self) -> None:
        """Drop the rest of a text still going in (its tab closes, or a new text replaces it)."""
        load, self._load = self._load, None
        if load is not None:
            self._load_timer.stop()
            self._end_load(load)

    def _load_some(self) -> None:
        """One turn's worth of a text going in: chunks until the turn's time is up."""
        if self._load is None:
            return  # put in or dropped meanwhile
        if not self._load.may_start(self.isVisible()):
            self._load_timer.start()
            return
        deadline = time.perf_counter() + LOAD_SLICE_SECONDS
        while self._load is not None and time.perf_counter() < deadline:
            self._append(self._load.next_end())
        if self._load is not None:
            self._load_timer.start()

    def _append(self, end: int) -> None:
        """Append the text going in up to ``end``; once it is all in, say so."""
        load = self._load
        mine = self.textCursor()
        anchor, position = mine.anchor(), mine.position()
        cur = QTextCursor(self.document())
        cur.movePosition(QTextCursor.End)
        cur.insertText(load.text[load.at : end])
        if (mine.anchor(), mine.position()) != (anchor, position):
            # The editor's cursor was at the end (as it is in the empty editor): it moved along.
            mine.setPosition(anchor)
            mine.setPosition(position, QTextCursor.KeepAnchor)
            self.setTextCursor(mine)
        load.at = end
        if end >= len(load.text):
            self._load = None
            self._load_timer.stop()
            self._end_load(load)
            self._layout_timer.start()  # held back while the text went in (see _layout_from)
            self.loaded.emit()

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if self._load is not None:
            self._load.painted = True  # the chunks may go in from the next turn on (see may_start)

    def _end_load(self, load: _Load) -> None:
        """Undo and editing as they were before the text went in."""
        self.document().setUndoRedoEnabled(True)
        self.setReadOnly(load.read_only)
        self.setVerticalScrollBarPolicy(load.scroll_bar)

    def index(self) -> rules.LineIndex:
        """The core's offset map of the current text (code points <-> UTF-16), kept until an edit."""
        if self._index is None:
            self._index = rules.LineIndex(self.plain_text())
        return self._index

    def _text_changed(self) -> None:
        self._index = None

    def cp_offset(self, utf16_pos: int) -> int:
        """Code-point offset of a QTextDocument position."""
        return self.index().code_point(utf16_pos)

    def cursor_for(self, start: int, end: int, index: rules.LineIndex | None = None) -> QTextCursor:
        index = index or self.index()
        cur = QTextCursor(self.document())
        limit = self.document().characterCount() - 1
        cur.setPosition(min(index.utf16(start), limit))
        cur.setPosition(min(index.utf16(end), limit), QTextCursor.KeepAnchor)
        return cur

    def goto_offset(self, offset: int) -> None:
        cur = self.cursor_for(offset, offset)
        self.setTextCursor(cur)
        self.centerCursor()
        self.setFocus()

    def replace_text(self, new: str, label: str = "") -> bool:
        """Turn the text into ``new`` by replacing only the changed middle: ONE undo step."""
        old = self.plain_text()
        if new == old:
            return False
        p = 0
        limit = min(len(old), len(new))
        while p < limit and old[p] == new[p]:
            p += 1
        s = 0
        while s < limit - p and old[len(old) - 1 - s] == new[len(new) - 1 - s]:
            s += 1
        cur = self.cursor_for(p, len(old) - s, rules.LineIndex(old))
        cur.beginEditBlock()
        cur.insertText(new[p : len(new) - s])
        cur.endEditBlock()
        if label:
            self.fixApplied.emit(label)
        return True

    # -- diagnostics ------------------------------------------------------------------
    def set_diagnostics(self, diagnostics: list, text: str) -> None:
        """Underline ``diagnostics`` of ``text``; held back while an IME composes."""
        if self.composing:
            self._stashed = (diagnostics, text)
            return
        self._stashed = None
        self.diagnostics = list(diagnostics)
        self.diag_text = text
        current = self.plain_text()
        if current != text:
            # The text moved on since this snapshot: keep the old underlines until the next lint.
            return
        index = rules.LineIndex(text)
        limit = self.document().characterCount() - 1
        to16 = index.utf16
        marks = [
            [min(to16(d.start), limit), min(to16(max(d.end, d.start + 1)), limit), d, None, False]
            for d in self.diagnostics
        ]
        marks.sort(key=lambda m: m[0])
        # Qt tells the underlines it already shows by their cursors' anchors: one that starts where
        # another starts is anchored at its end instead, or Qt mistakes the two for each other and
        # repaints both wherever they are on screen, at every lint.
        for before, mark in zip(marks, marks[1:], strict=False):
            mark[4] = mark[0] == before[0]
        self._marks = marks
        self._refresh_selections()
        self.underlinesUpdated.emit(len(self._marks))

    def marks(self) -> list[tuple[QTextCursor, object]]:
        """Every underline as (a cursor selecting it, its diagnostic), in text order."""
        return [(self._mark_cursor(m), m[2]) for m in self._marks]

    def _mark_cursor(self, mark: list) -> QTextCursor:
        """The cursor of an underline, made when it is first shown; it moves with later edits."""
        if mark[3] is None:
            anchor, position = (mark[1], mark[0]) if mark[4] else (mark[0], mark[1])
            cur = QTextCursor(self.document())
            cur.setPosition(anchor)
            cur.setPosition(position, QTextCursor.KeepAnchor)
            mark[3] = cur
        return mark[3]

    def _drop_touched_marks(self, pos: int, removed: int, added: int) -> None:
        """Move the underlines after an edit along with the text; drop the ones it touched.

        Underlines are positions (UTF-16, as the document counts), not cursors: a long article has
        over a thousand, and a QTextCursor each made every lint cost a visible pause.
        """
        if not self._marks:
            return
        hi, delta = pos + removed, added - removed
        kept = []
        for m in self._marks:
            if m[1] < pos:
                kept.append(m)
            elif m[0] > hi:
                m[0] += delta
                m[1] += delta
                kept.append(m)
        if len(kept) != len(self._marks):
            self._marks = kept
            self._refresh_selections()

    def _refresh_selections(self, *_args, rebuild: bool = False) -> None:
        """The current-line highlight and the underlines of the visible part of the text.

        Runs on every cursor move and scroll, so only the marks on screen (and a screen
        around it) go to Qt: a long article has over a thousand, and handing them all over
        each time cost milliseconds per keystroke. Nothing goes to Qt when what it shows is
        already right: each hand-over repaints the underlines Qt cannot match with the ones
        it had. ``rebuild``: the colours changed.
        """
        if rebuild or not self._formats:
            self._shown = None
            self._formats = {}
            for sev, color in (
                ("error", self.colors.error),
                ("warning", self.colors.warning),
                ("info", self.colors.info),
            ):
                fmt = QTextCharFormat()
                fmt.setUnderlineStyle(QTextCharFormat.WaveUnderline)
                fmt.setUnderlineColor(QColor(color))
                self._formats[sev] = fmt
        if self.composing:
            return
        line = QTextEdit.ExtraSelection()
        line.format.setBackground(QColor(self.colors.current_line))
        line.format.setProperty(QTextFormat.FullWidthSelection, True)
        line.cursor = self.textCursor()
        line.cursor.clearSelection()
        underlines = self._visible_underlines()
        wanted = [_selection_key(s) for s in [line, *underlines]]
        if wanted == self._shown_now():
            return
        self._underlines = underlines
        self._shown = [line, *underlines]
        self.setExtraSelections(self._shown)

    def _shown_now(self) -> list[tuple] | None:
        """The keys of the selections Qt shows, where their cursors are now (they move with edits)."""
        return None if self._shown is None else [_selection_key(s) for s in self._shown]

    def _visible_underlines(self) -> list:
        if not self._marks:
            return []
        viewport = self.viewport()
        first = self.firstVisibleBlock().position()
        last = self.cursorForPosition(QPoint(viewport.width(), viewport.height())).position()
        margin = max(last - first, 200)  # a screen either side, for positions not laid out exactly yet
        lo, hi = first - margin, last + margin
        formats = self._formats
        out = []
        drawn = set()
        for m in self._marks:
            if m[1] < lo or m[0] > hi or (m[0], m[1], m[2].severity) in drawn:
                continue  # off screen, or the same line as one drawn already
            drawn.add((m[0], m[1], m[2].severity))
            sel = QTextEdit.ExtraSelection()
            sel.format = formats.get(m[2].severity, formats["info"])
            sel.cursor = self._mark_cursor(m)
            out.append(sel)
        return out

    def diagnostics_at(self, pos16: int) -> list:
        return [d for start, end, d, *_ in self._marks if start <= pos16 <= end and start < end]

    def char_at(self, point: QPoint) -> int | None:
        """The document position of the character under ``point`` (viewport coordinates)."""
        if not self.viewport().rect().contains(point):
            return None
        cur = self.cursorForPosition(point)
        pos = cur.position()
        # The nearest caret position may be after the character the point is on.
        if pos > 0 and self.cursorRect(cur).left() > point.x():
            pos -= 1
        return pos

    def diagnostics_on(self, char16: int) -> list:
        """Diagnostics whose underline covers the character at ``char16``."""
        return [d for start, end, d, *_ in self._marks if start <= char16 < end]

    def fixes_usable(self) -> bool:
        """Fix offsets are only valid for the very text that was linted."""
        return self.diag_text is not None and self.diag_text == self.plain_text()

    # -- IME --------------------------------------------------------------------------
    def inputMethodEvent(self, event) -> None:
        self.finish_loading()  # typing goes into the whole text, as an edit that can be undone
        super().inputMethodEvent(event)
        self.composing = bool(event.preeditString())
        if not self.composing and self._stashed is not None:
            diags, text = self._stashed
            self.set_diagnostics(diags, text)

    def inputMethodQuery(self, query):
        if query == Qt.ImEnabled and self._load is not None:
            return True  # read-only only until the text is in (see load_text)
        # Ask the base class; it reports the cursor rectangle and surrounding text the IME
        # needs to place its candidate window next to the caret.
        return super().inputMethodQuery(query)

    def keyPressEvent(self, event) -> None:
        self.finish_loading()  # a key acts on the whole text (and types into an editable one)
        super().keyPressEvent(event)

    def dragEnterEvent(self, event) -> None:
        self.finish_loading()  # a drop goes into the whole text
        super().dragEnterEvent(event)

    # -- tooltips and quick fixes -----------------------------------------------------
    def event(self, event) -> bool:
        if event.type() == QEvent.ToolTip:
            # A help event over the text reaches the editor itself (the viewport passes it up), so
            # its position counts from the editor's corner, left of the line-number gutter: the
            # text's layout counts from the viewport's.
            at = self.viewport().mapFrom(self, event.pos())
            char = self.char_at(at)
            found = self.diagnostics_on(char) if char is not None else []
            if found:
                QToolTip.showText(event.globalPos(), self.tooltip_text(found), self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    @staticmethod
    def tooltip_text(found: list) -> str:
        summaries = rule_summaries()
        parts = []
        for d in found:
            summary = summaries.get(d.code, "")
            parts.append(f"<b>{d.code}</b> {_esc(d.message)}" + (f"<br><i>{_esc(summary)}</i>" if summary else ""))
        return "<hr>".join(parts)

    def quick_fix_actions(self, pos16: int, parent) -> list[QAction]:
        actions = []
        found = self.diagnostics_at(pos16)
        usable = self.fixes_usable()
        for d in found:
            for fix in d.all_fixes():
                label = fix.description or tr("Apply fix")
                why = unsafe_reason(fix)
                text = f"{d.code}: {label}"
                if why:
                    text += "  —  " + tr("check the result: {why}").format(why=why)
                act = QAction(text, parent)
                act.setToolTip(why or tr("A safe fix: it changes only what the rule found."))
                act.setEnabled(usable)
                act.triggered.connect(lambda _=False, f=fix, c=d.code, text=label: self.apply_fix(f, f"{c}: {text}"))
                actions.append(act)
        if any(f.applicability == "safe" for d in self.diagnostics for f in d.all_fixes()):
            act = QAction(tr("Fix all safe problems in this file"), parent)
            act.setEnabled(usable)
            act.triggered.connect(self.fix_all_safe)
            actions.append(act)
        for code in dict.fromkeys(d.code for d in found):
            d = next(x for x in found if x.code == code)
            act = QAction(tr("Suppress {code} on this line").format(code=code), parent)
            act.triggered.connect(lambda _=False, diag=d: self.suppress(diag))
            actions.append(act)
        return actions

    def apply_fix(self, fix, label: str = "") -> bool:
        if not self.fixes_usable():
            return False
        return self.replace_text(rules.apply_fix(self.diag_text, fix), label)

    def fix_all_safe(self) -> bool:
        if not self.fixes_usable():
            return False
        return self.replace_text(
            rules.apply_fixes(self.diag_text, self.diagnostics, "safe"), tr("Fixed all safe problems")
        )

    def suppress(self, diag) -> None:
        """Insert a disable-next-line comment above the diagnostic's line (one undo step)."""
        start = next((m[0] for m in self._marks if m[2] is diag), None)
        if start is None:
            return
        block = self.document().findBlock(start)
        cur = QTextCursor(block)
        cur.beginEditBlock()
        cur.insertText(SUPPRESS_COMMENT.format(code=diag.code))
        cur.endEditBlock()

    def contextMenuEvent(self, event) -> None:
        self.finish_loading()  # the menu's edits and fixes act on the whole text
        menu = self.createStandardContextMenu(event.pos())
        menu.setToolTipsVisible(True)
        pos = self.cursorForPosition(event.pos()).position()
        actions = self.quick_fix_actions(pos, menu)
        if actions:
            first = menu.actions()[0] if menu.actions() else None
            for act in actions:
                menu.insertAction(first, act)
            menu.insertSeparator(first)
        menu.exec(event.globalPos())

    def show_quick_fix_menu(self) -> None:
        menu = QMenu(self)
        menu.setToolTipsVisible(True)
        actions = self.quick_fix_actions(self.textCursor().position(), menu)
        if not actions:
            act = menu.addAction(tr("No quick fixes here"))
            act.setEnabled(False)
        for act in actions:
            menu.addAction(act)
        menu.popup(self.viewport().mapToGlobal(self.cursorRect().bottomLeft()))

    # -- pasting images and zoom ---------------------------------------------------------
    IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg")

    def _image_in(self, source) -> tuple[QImage | None, str | None] | None:
        """The picture, or the image file, that ``source`` (a paste or a drop) holds."""
        if source.hasUrls():
            files = [u.toLocalFile() for u in source.urls() if u.isLocalFile()]
            images = [f for f in files if f.lower().endswith(self.IMAGE_SUFFIXES)]
            if images and len(images) == len(source.urls()):
                return None, images[0]
        if source.hasImage() and not source.hasText():
            return source.imageData(), None
        return None

    def canInsertFromMimeData(self, source) -> bool:
        return (self.image_handler is not None and self._image_in(source) is not None) or super().canInsertFromMimeData(
            source
        )

    def insertFromMimeData(self, source) -> None:
        found = self._image_in(source) if self.image_handler is not None else None
        if found is not None:
            self.image_handler(*found)
            return
        super().insertFromMimeData(source)

    def set_zoom(self, steps: int) -> None:
        font = self.font()
        font.setPointSize(self._base_point_size + steps)
        self.setFont(font)
        self.setTabStopDistance(self.fontMetrics().horizontalAdvance(" ") * 4)
        self._update_margin()

    # -- line numbers -----------------------------------------------------------------
    def line_number_width(self) -> int:
        # While a text goes in, as wide as its last line needs: the gutter widening midway would
        # wrap every line again, and the text would jump sideways as it loads.
        lines = self._load.lines if self._load is not None else self.blockCount()
        digits = len(str(max(1, lines)))
        return 12 + self.fontMetrics().horizontalAdvance("9") * max(3, digits)

    def _update_margin(self, *_):
        self.setViewportMargins(self.line_number_width(), 0, 0, 0)

    def _update_numbers(self, rect, dy):
        if dy:
            self._numbers.scroll(0, dy)
        else:
            self._numbers.update(0, rect.y(), self._numbers.width(), rect.height())

    def resizeEvent(self, event):
        super().resizeEvent(event)
        if hasattr(self, "_layout_timer") and event.oldSize().width() != event.size().width():  # lines wrap anew
            self._laid_out = 0
            self._layout_timer.start()
        if self._marks:
            self._refresh_selections()  # more or less of the text is on screen
        cr = self.contentsRect()
        self._numbers.setGeometry(QRect(cr.left(), cr.top(), self.line_number_width(), cr.height()))

    def paint_line_numbers(self, event) -> None:
        painter = QPainter(self._numbers)
        painter.fillRect(event.rect(), QColor(self.colors.line_number_bg))
        painter.setPen(QColor(self.colors.line_number))
        block = self.firstVisibleBlock()
        top = round(self.blockBoundingGeometry(block).translated(self.contentOffset()).top())
        height = self.fontMetrics().height()
        width = self._numbers.width() - 6
        while block.isValid() and top <= event.rect().bottom():
            bottom = top + round(self.blockBoundingRect(block).height())
            if block.isVisible() and bottom >= event.rect().top():
                painter.drawText(0, top, width, height, Qt.AlignRight, str(block.blockNumber() + 1))
            block = block.next()
            top = bottom
        painter.end()

    def set_colors(self, colors: Colors) -> None:
        self.colors = colors
        self._refresh_selections(rebuild=True)
        self._numbers.update()

    # -- laying the text out ahead of need ---------------------------------------------------
    def _layout_from(self, pos: int, removed: int, added: int) -> None:
        """An edit: blocks from the one it touched on may need laying out again."""
        number = self.document().findBlock(pos).blockNumber()
        self._laid_out = min(self._laid_out, max(0, number))
        # A new text, a paste: lay the rest out in the background (once a text going in is all in).
        if removed + added > 2000 and self._load is None:
            self._layout_timer.start()

    def lay_out_until(self, number: int) -> None:
        """Lay out every block up to block ``number`` (QPlainTextEdit lays them out lazily)."""
        doc = self.document()
        layout = doc.documentLayout()
        block = doc.findBlockByNumber(self._laid_out)
        while block.isValid() and block.blockNumber() <= number:
            if block.layout().lineCount() == 0:
                layout.blockBoundingRect(block)
            block = block.next()
        self._laid_out = max(self._laid_out, min(number, doc.blockCount()))

    def _lay_out_some(self) -> None:
        """A slice of the background layout: what fits in a few milliseconds per turn of the event loop."""
        if self._load is not None:
            return  # not beside the slices of a text going in (one turn would hold both); its end restarts it
        deadline = time.perf_counter() + 0.008
        total = self.document().blockCount()
        while self._laid_out < total - 1 and time.perf_counter() < deadline:
            self.lay_out_until(self._laid_out + 20)
        if self._laid_out < total - 1:
            self._layout_timer.start()

    def first_visible_line(self) -> int:
        return self.firstVisibleBlock().blockNumber()

    def scroll_to_line(self, line: int) -> None:
        block = self.document().findBlockByNumber(max(0, line))
        if not block.isValid():
            return
        # Line numbers count wrapped lines of the blocks laid out so far: lay out the blocks up to
        # a screen past the target first, or the scroll lands short and then shifts as they are.
        self.lay_out_until(line + max(20, self.viewport().height() // max(1, self.fontMetrics().height())))
        bar = self.verticalScrollBar()
        # QPlainTextEdit's bar counts layout lines: a wrapped block spans several.
        bar.setValue(block.firstLineNumber())


def _selection_key(sel) -> tuple:
    """What an extra selection shows: where its cursor's anchor and position are, and how it looks."""
    fmt = sel.format
    return (sel.cursor.anchor(), sel.cursor.position(), fmt.underlineColor().rgba(), fmt.background().color().rgba())


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
