"""Edit → Clean up draft: every change the export would make, reviewed as a diff before it is applied.

The exporter runs in the lint process (``background``); its result is shown as hunks of
changed lines, each with a check box and the steps that made it (a marker removed, a copy
dropped, a fix). Accept all, or only the checked ones: the editor's text becomes the result in
one undo step. What the export would still refuse is listed under the hunks.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
)

from .analysis import Cleanup, ExportRequest, apply_hunks, cleanup_snapshot
from .background import run_in_background
from .i18n import tr

CONTEXT_LINES = 2


def step_label(step: str) -> str:
    return tr("step:" + step) if tr("step:" + step) != "step:" + step else step


def hunk_title(hunk) -> str:
    lines = f"{hunk.line}" if hunk.end_line <= hunk.line else f"{hunk.line}–{hunk.end_line}"
    steps = ", ".join(dict.fromkeys(f"{code} {step_label(step)}" for step, code, _ in hunk.steps)) or tr("fix")
    mark = "  " + tr("[removes text]") if hunk.removes else ""
    return tr("line {lines}: {steps}").format(lines=lines, steps=steps) + mark


class CleanupDialog(QDialog):
    """Shows the export's changes to the tab's text; applies the accepted ones to the editor."""

    def __init__(self, tab, parent=None):
        super().__init__(parent)
        self.setWindowTitle(tr("Clean up draft"))
        self.resize(1000, 640)
        self.tab = tab
        self.snapshot = tab.text()
        self.cleanup: Cleanup | None = None
        self.applied = 0
        self.summary = QLabel(tr("Working out the changes…"))
        self.summary.setWordWrap(True)
        self.list = QListWidget()
        self.list.currentRowChanged.connect(self._show_hunk)
        self.diff = QTextBrowser()
        self.diff.setOpenLinks(False)
        split = QSplitter(Qt.Horizontal)
        split.addWidget(self.list)
        split.addWidget(self.diff)
        split.setSizes([380, 620])
        self.remaining = QLabel()
        self.remaining.setWordWrap(True)
        self.remaining.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Cancel)
        self.accept_all = self.buttons.addButton(tr("Accept all"), QDialogButtonBox.AcceptRole)
        self.accept_checked = self.buttons.addButton(tr("Apply checked"), QDialogButtonBox.ApplyRole)
        self.accept_all.clicked.connect(lambda: self.apply(all_hunks=True))
        self.accept_checked.clicked.connect(lambda: self.apply(all_hunks=False))
        self.buttons.rejected.connect(self.reject)
        for b in (self.accept_all, self.accept_checked):
            b.setEnabled(False)
        lay = QVBoxLayout(self)
        lay.addWidget(self.summary)
        lay.addWidget(split, 1)
        lay.addWidget(self.remaining)
        lay.addWidget(self.buttons)
        req = ExportRequest(self.snapshot, tab.path, tab.config, unsafe=True)
        self.job = run_in_background(cleanup_snapshot, req)
        self.job.finished.connect(self.show_cleanup)
        self.job.failed.connect(lambda why: self.summary.setText(tr("The export failed: {error}").format(error=why)))

    def done(self, result: int) -> None:
        self.job.cancel()
        super().done(result)

    def show_cleanup(self, cleanup: Cleanup) -> None:
        self.cleanup = cleanup
        self.list.clear()
        for hunk in cleanup.hunks:
            item = QListWidgetItem(hunk_title(hunk))
            item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
            item.setCheckState(Qt.Checked)
            item.setToolTip("\n".join(detail for _, _, detail in hunk.steps if detail))
            self.list.addItem(item)
        n = len(cleanup.hunks)
        self.summary.setText(
            tr("{n} changes, as the export would make them. Review them, then accept all or the checked ones.").format(
                n=n
            )
            if n
            else tr("Nothing to change: the draft is as the export would make it.")
        )
        if cleanup.remaining:
            shown = "\n".join(f"  {d.line}:{d.column} {d.code} {d.message}" for d in cleanup.remaining[:8])
            more = "\n  …" if len(cleanup.remaining) > 8 else ""
            self.remaining.setText(
                tr("Errors left after these changes (the export refuses the post until they are fixed):")
                + "\n"
                + shown
                + more
            )
        else:
            self.remaining.setText(tr("No errors left after these changes."))
        for b in (self.accept_all, self.accept_checked):
            b.setEnabled(bool(n))
        if n:
            self.list.setCurrentRow(0)

    def _show_hunk(self, row: int) -> None:
        if self.cleanup is None or not 0 <= row < len(self.cleanup.hunks):
            self.diff.clear()
            return
        self.diff.setHtml(diff_html(self.cleanup.source, self.cleanup.hunks[row], self.palette().base().color()))

    def checked_hunks(self) -> list:
        if self.cleanup is None:
            return []
        return [h for i, h in enumerate(self.cleanup.hunks) if self.list.item(i).checkState() == Qt.Checked]

    def apply(self, all_hunks: bool = True) -> bool:
        """Put the accepted hunks into the editor as one undo step; False if the text moved on."""
        if self.cleanup is None:
            return False
        if self.tab.text() != self.snapshot:
            self.summary.setText(tr("The text changed since these changes were worked out: run Clean up again."))
            return False
        hunks = self.cleanup.hunks if all_hunks else self.checked_hunks()
        new = self.cleanup.text if all_hunks else apply_hunks(self.snapshot, hunks)
        self.tab.editor.replace_text(new, tr("Cleaned up: {n} changes").format(n=len(hunks)))
        self.applied = len(hunks)
        self.accept()
        return True


def diff_html(source: str, hunk, base) -> str:
    """The hunk's removed and added lines with a little unchanged context, coloured."""
    dark = base.lightness() < 128
    red, green, grey = ("#5c1f25", "#1f4d2b", "#8a8f98") if dark else ("#fbe3e5", "#dcf5e3", "#6a737d")
    before = source[: hunk.start].splitlines()[-CONTEXT_LINES:]
    after = source[hunk.end :].splitlines()[:CONTEXT_LINES]

    def rows(lines, sign, bg):
        style = f' style="background-color:{bg}"' if bg else f' style="color:{grey}"'
        return "".join(f"<div{style}>{sign} {html.escape(line) or '&nbsp;'}</div>" for line in lines)

    return (
        '<div style="font-family: monospace; white-space: pre-wrap">'
        + rows(before, " ", "")
        + rows(hunk.old.splitlines(), "−", red)
        + rows(hunk.new.splitlines(), "+", green)
        + rows(after, " ", "")
        + "</div>"
    )
