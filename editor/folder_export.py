"""Folder → Export selected: the chosen posts through the same guarded export as ``article-lint export``.

The posts are exported one by one in a process of their own (``site_jobs.export_posts``), each
written under the chosen site folder (``_posts/…`` or ``articles/…``) unless refused: still not
publishable (unless *Write even if errors are left*), its target is one of the site's posts
(a source is never written over), or the file exists (unless *Replace existing files*). The
report says, for each post, what the export changed or why it was refused.
"""

from __future__ import annotations

import os

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from .i18n import tr
from .site_jobs import ExportRequest, ExportState, Summary
from .site_process import SiteJob


def default_out(folder: str) -> str:
    """Beside the site, never inside it: ``blog`` exports to ``blog-export``."""
    folder = os.path.abspath(folder)
    return os.path.join(os.path.dirname(folder), os.path.basename(folder) + "-export")


def describe_changes(state: ExportState) -> str:
    """One line: what the export changed in the post (its steps, counted), or why it was not written."""
    if state.outcome != "written":
        return state.status
    parts = [f"{step} ×{n}" if n > 1 else step for step, n in sorted(state.steps.items(), key=lambda kv: -kv[1])]
    text = tr("{n} changes").format(n=sum(state.steps.values())) if state.steps else tr("no change needed")
    if parts:
        text += ": " + ", ".join(parts)
    if state.characters and state.characters[0] != state.characters[1]:
        text += " · " + tr("{n:,} characters removed").format(n=state.characters[0] - state.characters[1])
    old, new = state.reading_time
    if new is not None and old != new:
        text += " · " + tr("reading_time {old} → {new} min").format(old=old, new=new)
    return text


class FolderExportDialog(QDialog):
    COLUMNS = ("Post", "Result", "What changed")

    def __init__(self, folder: str, posts: list, site_paths: list[str], user_config, language, parent=None):
        super().__init__(parent)
        self.setWindowTitle(tr("Export selected posts"))
        self.resize(900, 560)
        self.folder, self.posts, self.site_paths = folder, posts, site_paths
        self.user_config, self.language = user_config, language
        self.job: SiteJob | None = None
        self.states: list[ExportState] = []
        self.summary: Summary | None = None
        self.failure: str | None = None

        self.out = QLineEdit(default_out(folder))
        browse = QPushButton(tr("Browse…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(QLabel(tr("Site folder")))
        row.addWidget(self.out, 1)
        row.addWidget(browse)
        self.unsafe = QCheckBox(tr("Also apply unsafe fixes (headings, unfinished ending, spellings)"))
        self.force = QCheckBox(tr("Write even if errors are left"))
        self.overwrite = QCheckBox(tr("Replace existing files (never a post of this folder)"))
        self.heading = QLabel(tr("{n} posts selected.").format(n=len(posts)))
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels([tr(c) for c in self.COLUMNS])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.Stretch)
        self.table.horizontalHeader().resizeSection(0, 300)
        self.table.horizontalHeader().resizeSection(1, 120)
        self.table.currentCellChanged.connect(lambda row, *_a: self._show_details(row))
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setMaximumHeight(140)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Close)
        self.export_button = self.buttons.addButton(tr("Export"), QDialogButtonBox.ActionRole)
        self.export_button.clicked.connect(self.start)
        self.buttons.rejected.connect(self.reject)

        lay = QVBoxLayout(self)
        lay.addLayout(row)
        for box in (self.unsafe, self.force, self.overwrite):
            lay.addWidget(box)
        lay.addWidget(self.heading)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.details)
        lay.addWidget(self.buttons)

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("Site folder"), self.out.text())
        if folder:
            self.out.setText(folder)

    def start(self) -> None:
        """Export the selected posts (in a process of their own); the table fills as they are done."""
        out = self.out.text().strip()
        if not out or self.running():
            return
        self.states, self.summary, self.failure = [], None, None
        self.table.setRowCount(0)
        self.export_button.setEnabled(False)
        self.heading.setText(tr("Exporting {n} posts…").format(n=len(self.posts)))
        request = ExportRequest(
            self.folder,
            [p.path for p in self.posts],
            self.site_paths,
            os.path.abspath(out),
            self.user_config,
            self.language,
            unsafe=self.unsafe.isChecked(),
            force=self.force.isChecked(),
            overwrite=self.overwrite.isChecked(),
        )
        self.job = SiteJob("export", request, self)
        self.job.message.connect(self._on_message)
        self.job.finished.connect(self._on_finished)
        self.job.failed.connect(self._on_failed)

    def running(self) -> bool:
        return self.job is not None and self.job.running() and self.summary is None and self.failure is None

    def _relative(self, path: str) -> str:
        return next((p.relative for p in self.posts if p.path == path), os.path.basename(path))

    def _on_message(self, msg: tuple) -> None:
        if msg[0] != "exported":
            return
        state: ExportState = msg[1]
        self.states.append(state)
        row = self.table.rowCount()
        self.table.insertRow(row)
        result = {"written": tr("written"), "refused": tr("refused")}.get(state.outcome, tr("failed"))
        items = [QTableWidgetItem(self._relative(state.path)), QTableWidgetItem(result), QTableWidgetItem()]
        items[2].setText(describe_changes(state))
        items[2].setToolTip(describe_changes(state))
        if state.outcome != "written":
            items[1].setForeground(Qt.red)
        for col, item in enumerate(items):
            self.table.setItem(row, col, item)

    def _on_finished(self, summary: Summary) -> None:
        self.summary = summary
        self.export_button.setEnabled(True)
        self.heading.setText(
            tr("{w} written, {r} refused, {f} failed, into {out}.").format(
                w=summary.written, r=summary.refused, f=summary.failed, out=self.out.text().strip()
            )
        )

    def _on_failed(self, why: str) -> None:
        self.failure = why
        self.export_button.setEnabled(True)
        self.heading.setText(tr("The export stopped: {why}").format(why=why))

    def _show_details(self, row: int) -> None:
        if not 0 <= row < len(self.states):
            self.details.setPlainText("")
            return
        state = self.states[row]
        lines = [f"{state.path} → {state.destination or tr('(no target)')}", state.status]
        lines += [f"  {step}: {n}" for step, n in sorted(state.steps.items())]
        if state.remaining:
            lines.append(tr("Errors left:"))
            lines += [f"  {r}" for r in state.remaining]
        self.details.setPlainText("\n".join(lines))

    def done(self, result: int) -> None:  # noqa: D102 - QDialog's
        if self.job is not None and self.running():
            self.job.cancel()
        super().done(result)
