"""File → Export clean post: the core's exporter with a preview of every change.

The dialog runs ``rules.export_post`` on the current text (in the lint process, off the UI
thread), lists what it would change and what errors would remain, and writes the clean post under the chosen site folder
(``_posts/…`` or ``articles/…``) atomically, in the source's encoding and line endings.
It never writes over the document itself, and asks before replacing an existing file.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from article_studio import rules

from .analysis import ExportRequest, export_snapshot
from .background import run_in_background
from .i18n import tr


def describe(result) -> str:
    """The report shown in the dialog: reading time, each change, the errors left."""
    lines = []
    old, new = result.reading_time
    if old != new and new is not None:
        lines.append(tr("reading_time {old} → {new} min").format(old=old, new=new))
    for c in result.changes:
        where = f"{c.line}" if c.line == c.end_line else f"{c.line}-{c.end_line}"
        text = (c.removed or c.inserted).replace("\n", " ")
        text = text if len(text) <= 40 else text[:40] + "…"
        lines.append(f"{tr('line')} {where}: {c.step} ({c.code}) 「{text}」")
    if result.remaining:
        lines.append("")
        lines.append(tr("Errors left:"))
        lines += [f"  {d.line}:{d.column} {d.code} {d.message}" for d in result.remaining]
    if not lines:
        lines.append(tr("Nothing to change: the post is clean."))
    return "\n".join(lines)


class ExportDialog(QDialog):
    def __init__(self, tab, out_dir: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(tr("Export clean post"))
        self.resize(760, 520)
        self.tab = tab
        self.result = None
        self._asked = 0
        self._job = None
        self.written: Path | None = None

        self.folder = QLineEdit(out_dir)
        browse = QPushButton(tr("Browse…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(QLabel(tr("Site folder")))
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        self.unsafe = QCheckBox(tr("Also apply unsafe fixes (headings, unfinished ending, spellings)"))
        self.force = QCheckBox(tr("Write even if errors are left"))
        self.target = QLabel()
        self.report = QPlainTextEdit()
        self.report.setReadOnly(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Cancel)
        self.export_button = self.buttons.addButton(tr("Export"), QDialogButtonBox.AcceptRole)
        self.buttons.rejected.connect(self.reject)
        self.export_button.clicked.connect(self.write)

        lay = QVBoxLayout(self)
        lay.addLayout(row)
        lay.addWidget(self.unsafe)
        lay.addWidget(self.force)
        lay.addWidget(self.target)
        lay.addWidget(self.report, 1)
        lay.addWidget(self.buttons)
        for box in (self.unsafe, self.force):
            box.toggled.connect(self.refresh)
        self.folder.textChanged.connect(self._show_target)
        self.refresh()

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("Site folder"), self.folder.text())
        if folder:
            self.folder.setText(folder)

    def destination(self) -> Path | None:
        if self.result is None or self.result.target is None or not self.folder.text().strip():
            return None
        return Path(self.folder.text().strip()) / self.result.target

    def refresh(self) -> None:
        """Run the exporter again, in the lint process: a long article takes a second or more."""
        self._asked += 1
        self.result = None
        self.report.setPlainText(tr("Working out the export…"))
        self._show_target()
        req = ExportRequest(self.tab.text(), self.tab.path, self.tab.config, unsafe=self.unsafe.isChecked())
        self._job = run_in_background(export_snapshot, req)
        self._job.finished.connect(lambda result, asked=self._asked: self._got(asked, result))
        self._job.failed.connect(
            lambda why: self.report.setPlainText(tr("The export failed: {error}").format(error=why))
        )

    def _got(self, asked: int, result) -> None:
        if asked != self._asked:
            return  # an option changed since: a newer run is on its way
        self.result = result
        self.report.setPlainText(describe(result))
        self._show_target()

    def _show_target(self) -> None:
        dest = self.destination()
        if self.result is None:
            self.target.setText("")
            self.export_button.setEnabled(False)
            return
        self.target.setText(
            tr("Writes {path}").format(path=dest) if dest else tr("No target: the post needs a date and a file name")
        )
        ok = dest is not None and (not self.result.remaining or self.force.isChecked())
        self.export_button.setEnabled(ok)

    def write(self) -> bool:
        dest = self.destination()
        if dest is None:
            return False
        if self.tab.path and os.path.realpath(dest) == os.path.realpath(self.tab.path):
            QMessageBox.warning(self, "Article Studio", tr("The export would replace the document itself."))
            return False
        if os.path.lexists(dest):
            answer = QMessageBox.question(self, "Article Studio", tr("{path} exists. Replace it?").format(path=dest))
            if answer != QMessageBox.Yes:
                return False
        try:  # the core's guarded writer: inside the site folder after following links
            data = self.tab.source.encode(self.result.text)
            rules.write_atomic(dest, data, within=self.folder.text().strip(), parents=True)
        except (OSError, UnicodeEncodeError) as exc:
            QMessageBox.critical(
                self, "Article Studio", tr("Cannot write {path}: {error}").format(path=dest, error=exc)
            )
            return False
        self.written = dest
        self.accept()
        return True
