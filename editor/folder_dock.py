"""File → Open folder: a site's posts with their error and warning counts, from a lint of the whole folder.

The posts are found by the site's profile (Jekyll's ``_posts``/``_drafts``, Zenn's
``articles``/``books``) and linted in a process of their own (``site_process``), through a cache
kept per folder in the editor's cache folder: reopening an unchanged site reads every count from
it. Counts arrive in batches while the lint goes on; the window stays responsive and the lint
stops when the folder or the window is closed (what it linted stays in the cache). Filters show
only the posts with generation artifacts, or with errors. The findings across posts (TM001: a post
spells a term as the rest of the site does not) go to the Problems dock. *Export selected* runs
the same guarded export as ``article-lint export`` on the selected posts.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from article_studio import rules

from .i18n import tr
from .paths import site_cache_path
from .site_jobs import FolderRequest, PostState, Summary
from .site_process import SiteJob

FILTERS = (("All posts", ""), ("Has artifacts", "artifacts"), ("Errors only", "errors"))
SORT_ROLE = Qt.UserRole + 1


@dataclass(frozen=True)
class SiteFinding:
    """A finding of one post of the open folder (its path, its path in the folder)."""

    path: str
    relative: str
    diagnostic: rules.Diagnostic


@dataclass
class PostRow:
    path: str
    relative: str
    kind: str
    state: PostState | None = None  # None: not linted yet

    @property
    def label(self) -> str:
        """The post's path without the folder every post of its kind is in (``_posts/``, ``articles/``)."""
        first, _sep, rest = self.relative.partition("/")
        name = rest if rest and first in ("_posts", "_drafts", "articles", "books") else self.relative
        return f"{name} ({tr('draft')})" if self.kind == "draft" else name

    def has_errors(self) -> bool:
        return self.state is not None and (self.state.errors > 0 or self.state.error is not None)

    def has_artifacts(self) -> bool:
        return self.state is not None and bool(self.state.artifacts)


class PostsModel(QAbstractTableModel):
    COLUMNS = ("Post", "Errors", "Warnings", "Artifacts")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[PostRow] = []

    def set_posts(self, posts: list[tuple[str, str, str]]) -> None:
        self.beginResetModel()
        self.rows = [PostRow(path, relative, kind) for path, relative, kind in posts]
        self.endResetModel()

    def update(self, states: list[PostState]) -> None:
        """Take new counts; an artifacts count not known in ``states`` keeps the one known."""
        if not states:
            return
        for s in states:
            row = self.rows[s.index]
            if s.artifacts is None and row.state is not None and row.state.artifacts is not None:
                s = PostState(s.index, s.errors, s.warnings, s.infos, row.state.artifacts, s.error)
            row.state = s
        first, last = min(s.index for s in states), max(s.index for s in states)
        self.dataChanged.emit(self.index(first, 0), self.index(last, len(self.COLUMNS) - 1))

    def linted(self) -> int:
        return sum(1 for r in self.rows if r.state is not None)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        return len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return tr(self.COLUMNS[section])
        return None

    def data(self, index, role=Qt.DisplayRole):
        row = self.rows[index.row()]
        col = index.column()
        s = row.state
        if role == Qt.DisplayRole:
            if col == 0:
                return row.label
            if s is None:
                return "…"
            if s.error is not None:
                return "!" if col == 1 else ""
            value = (s.errors, s.warnings, s.artifacts)[col - 1]
            return "…" if value is None else f"{value:,}"
        if role == SORT_ROLE:
            if col == 0:
                return row.relative
            if s is None:
                return -1
            value = (s.errors if s.error is None else 10**9, s.warnings, s.artifacts)[col - 1]
            return -1 if value is None else value
        if role == Qt.UserRole:
            return row
        if role == Qt.TextAlignmentRole and col > 0:
            return int(Qt.AlignRight | Qt.AlignVCenter)
        if role == Qt.ForegroundRole and s is not None:
            error, warning = _colors()
            if col == 1 and (s.errors or s.error):
                return error
            if col == 2 and s.warnings:
                return warning
            if col == 3 and s.artifacts:
                return error
        if role == Qt.ToolTipRole:
            if s is not None and s.error:
                return s.error
            return row.path
        return None


_COLORS = {False: (QColor("#d0021b"), QColor("#c77800")), True: (QColor("#ff6b6b"), QColor("#f0a040"))}


def _colors() -> tuple[QColor, QColor]:
    """Error and warning colours that read on the theme's background (the dark one too)."""
    dark = QApplication.palette().color(QPalette.Base).lightness() < 128
    return _COLORS[dark]


class PostsFilter(QSortFilterProxyModel):
    """The posts the chosen filter keeps: every one, those with artifacts, those with errors."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.mode = ""
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)

    def set_mode(self, mode: str) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.9 and later; invalidateFilter is deprecated there
            self.beginFilterChange()
            self.mode = mode
            self.endFilterChange()
        else:
            self.mode = mode
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent) -> bool:
        if not self.mode:
            return True
        row = self.sourceModel().rows[source_row]
        return row.has_artifacts() if self.mode == "artifacts" else row.has_errors()


class FolderDock(QDockWidget):
    openRequested = Signal(str)  # a post to open in a tab
    siteFindings = Signal(object)  # list[SiteFinding] of the open folder, or None when it closes
    message = Signal(str)  # for the status bar

    def __init__(self, parent=None):
        super().__init__(tr("Folder"), parent)
        self.setObjectName("folder")
        self.folder: str | None = None
        self.profile = "none"
        self.job: SiteJob | None = None
        self.summary: Summary | None = None
        self.error: str | None = None
        self.timings: dict[str, float] = {}
        self._started = 0.0
        self.model = PostsModel(self)
        self.proxy = PostsFilter(self)
        self.proxy.setSourceModel(self.model)

        self.title = QLabel()
        self.title.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.filter = QComboBox()
        for label, key in FILTERS:
            self.filter.addItem(tr(label), key)
        self.filter.currentIndexChanged.connect(lambda _i: self.proxy.set_mode(self.filter.currentData()))
        self.table = QTableView()
        self.table.setModel(self.proxy)
        # In the order the posts were found (by path) until a header is clicked: sorting a site's
        # thousands of rows again for every batch of counts would hold the window still.
        self.table.horizontalHeader().setSortIndicator(-1, Qt.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setSectionResizeMode(0, QHeaderView.Stretch)
        self._size_columns()
        self.table.activated.connect(self._activate)
        self.table.doubleClicked.connect(self._activate)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self.export_button = QPushButton(tr("Export selected…"))
        self.export_button.clicked.connect(self.export_selected)
        self.export_button.setEnabled(False)

        box = QWidget()
        lay = QVBoxLayout(box)
        lay.setContentsMargins(2, 2, 2, 2)
        lay.addWidget(self.title)
        lay.addWidget(self.progress)
        lay.addWidget(self.status)
        row = QHBoxLayout()
        row.addWidget(self.filter, 1)
        row.addWidget(self.export_button)
        lay.addLayout(row)
        lay.addWidget(self.table, 1)
        self.setWidget(box)
        self._show_title()

    # -- opening and closing ------------------------------------------------------------------
    def open_folder(self, folder: str, user_config, language: str | None, jobs: int | None = None) -> None:
        """Show the posts of ``folder`` and start the lint of the site (the previous one stops)."""
        self.close_folder()
        self.folder = os.path.abspath(folder)
        self.summary = self.error = None
        self.timings = {}
        self._started = time.perf_counter()
        self.model.set_posts([])
        self.progress.setRange(0, 0)
        self.progress.show()
        self.status.setText(tr("Looking for posts…"))
        request = FolderRequest(self.folder, str(site_cache_path(self.folder)), user_config, language, jobs)
        self.job = SiteJob("lint", request, self)
        self.job.message.connect(self._on_message)
        self.job.finished.connect(self._on_finished)
        self.job.failed.connect(self._on_failed)
        self._show_title()
        self.show()
        self.raise_()

    def close_folder(self, wait: float = 0.0) -> None:
        """Stop the folder's lint (it keeps in the cache what it linted) and forget the folder."""
        if self.job is not None:
            self.job.cancel(wait)
            self.job = None
        if self.folder is not None:
            self.folder = None
            self.model.set_posts([])
            self.progress.hide()
            self.status.setText("")
            self.siteFindings.emit(None)
        self._show_title()
        self._update_buttons()

    def running(self) -> bool:
        return self.job is not None and self.job.running()

    # -- what the lint sends ------------------------------------------------------------------
    def _on_message(self, msg: tuple) -> None:
        if self.sender() is not self.job:
            return  # a stopped run's last words
        kind = msg[0]
        if kind == "posts":
            _kind, _root, self.profile, posts = msg
            self.model.set_posts(posts)
            self.progress.setRange(0, max(1, len(posts)))
            self.progress.setValue(0)
            self.timings["posts_s"] = time.perf_counter() - self._started
            self._show_title()
            if not posts:
                self.status.setText(tr("No posts in this folder."))
        elif kind == "counts":
            self.model.update(msg[1])
            done = self.model.linted()
            self.progress.setValue(done)
            total = len(self.model.rows)
            self.status.setText(tr("Linting {done:,} of {total:,} posts…").format(done=done, total=total))
            if done == len(self.model.rows) and "counts_s" not in self.timings:
                self.timings["counts_s"] = time.perf_counter() - self._started
        elif kind == "site":
            _kind, states, found = msg
            self.model.update(states)
            rows = self.model.rows
            findings = [SiteFinding(rows[i].path, rows[i].relative, d) for i, ds in found for d in ds]
            self.timings["site_s"] = time.perf_counter() - self._started
            self.siteFindings.emit(findings)
            if findings:
                note = tr("{n} spellings differ from the rest of the site: see Problems → Across the folder's posts.")
                self.message.emit(note.format(n=len(findings)))
        self._update_buttons()

    def _on_finished(self, summary: Summary) -> None:
        if self.sender() is not self.job:
            return
        self.summary = summary
        self.timings["done_s"] = time.perf_counter() - self._started
        self.progress.hide()
        self._show_summary()
        for note in summary.notes:
            self.message.emit(note)

    def _on_failed(self, why: str) -> None:
        if self.sender() is not self.job:
            return
        self.error = why
        self.progress.hide()
        self.status.setText(tr("The folder's lint stopped: {why}").format(why=why))

    def _show_summary(self) -> None:
        rows = self.model.rows
        if not rows:
            self.status.setText(tr("No posts in this folder."))
            return
        errors = sum(1 for r in rows if r.has_errors())
        artifacts = sum(1 for r in rows if r.has_artifacts())
        s = self.summary
        text = tr("{n:,} posts: {e:,} with errors, {a:,} with generation artifacts.").format(
            n=len(rows), e=errors, a=artifacts
        )
        if s is not None:
            text += " " + tr("{hits:,} from the cache, {linted:,} linted in {s:.1f} s.").format(
                hits=s.hits, linted=s.linted, s=s.seconds
            )
            if s.stopped:
                text += " " + tr("Stopped.")
        self.status.setText(text)

    def _show_title(self) -> None:
        if self.folder is None:
            self.title.setText(tr("No folder open: File → Open folder…"))
            return
        profile = {"jekyll": "Jekyll", "zenn": "Zenn"}.get(self.profile, tr("no known site layout"))
        self.title.setText(f"<b>{os.path.basename(self.folder) or self.folder}</b> — {profile}")
        self.title.setToolTip(self.folder)

    # -- the posts -------------------------------------------------------------------------
    def visible_posts(self) -> list[PostRow]:
        return [self.proxy.index(r, 0).data(Qt.UserRole) for r in range(self.proxy.rowCount())]

    def selected_posts(self) -> list[PostRow]:
        rows = self.table.selectionModel().selectedRows()
        return sorted((index.data(Qt.UserRole) for index in rows), key=lambda r: r.relative)

    def select(self, relatives: list[str]) -> None:
        """Select the posts at these paths in the folder (those the filter shows)."""
        from PySide6.QtCore import QItemSelection, QItemSelectionModel

        wanted = set(relatives)
        selection = QItemSelection()
        for r in range(self.proxy.rowCount()):
            if self.proxy.index(r, 0).data(Qt.UserRole).relative in wanted:
                selection.select(self.proxy.index(r, 0), self.proxy.index(r, len(PostsModel.COLUMNS) - 1))
        self.table.selectionModel().select(selection, QItemSelectionModel.ClearAndSelect)

    def _update_buttons(self) -> None:
        self.export_button.setEnabled(self.folder is not None and bool(self.table.selectionModel().selectedRows()))

    def _activate(self, index) -> None:
        row = index.data(Qt.UserRole)
        if row is not None:
            self.openRequested.emit(row.path)

    def export_selected(self, user_config=None, language: str | None = None):
        """Open the export of the selected posts (see ``folder_export``)."""
        from .folder_export import FolderExportDialog

        posts = self.selected_posts()
        if self.folder is None or not posts:
            return None
        window = self.window()
        user = user_config if user_config is not None else getattr(window, "user_config", None)
        dialog = FolderExportDialog(self.folder, posts, [r.path for r in self.model.rows], user, language, self)
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        self.export_dialog = dialog
        dialog.open()
        return dialog

    def _size_columns(self) -> None:
        """The count columns as wide as their header or five digits, the post's name takes the rest."""
        metrics = self.table.fontMetrics()
        for col in (1, 2, 3):
            title = tr(PostsModel.COLUMNS[col])
            width = max(metrics.horizontalAdvance(title) + 28, metrics.horizontalAdvance("0" * 5) + 16)
            self.table.horizontalHeader().resizeSection(col, width)

    def retranslate(self) -> None:
        self.setWindowTitle(tr("Folder"))
        self._size_columns()
        for i, (label, _key) in enumerate(FILTERS):
            self.filter.setItemText(i, tr(label))
        self.export_button.setText(tr("Export selected…"))
        self.model.headerDataChanged.emit(Qt.Horizontal, 0, len(PostsModel.COLUMNS) - 1)
        self._show_title()
        if self.summary is not None:
            self._show_summary()
