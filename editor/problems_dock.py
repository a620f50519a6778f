"""The Problems dock: the current document's diagnostics, filterable by severity, and, with a folder
open, the site's findings across posts (TM001: a post spells a term as the others do not)."""

from __future__ import annotations

import heapq
from collections import Counter

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from .i18n import tr

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
FILTERS = (("All severities", ""), ("Errors", "error"), ("Warnings", "warning"), ("Info", "info"))
SCOPES = (("This file", "file"), ("Across the folder's posts", "site"))


class ProblemsModel(QAbstractTableModel):
    """All diagnostics (``rows``) and the filtered, sorted ones the table shows (``visible``).

    Filtering and sorting happen here on plain Python lists: a QSortFilterProxyModel would
    call ``data()`` for every row on every sort, which on a long article's thousand-odd
    findings stalled the window for most of a second. New findings replace only the rows that
    changed (see ``_update_rows``): a reset after each pause in typing made the table lay out and
    paint itself anew, and lost its selection.
    """

    COLUMNS = ("Severity", "Code", "Message", "Line")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list = []
        self.visible: list = []
        self._display: list[tuple] = []
        self.severity = ""
        self.sort_column, self.sort_order = 0, Qt.AscendingOrder

    def set_diagnostics(self, diagnostics) -> None:
        diagnostics = list(diagnostics)
        if diagnostics == self.rows:
            return  # same findings (Diagnostic compares by value): keep the table and its selection
        old, self.rows = self.rows, diagnostics
        self._update_rows(old, *self._shown())

    def _update_rows(self, old_rows: list, visible: list, display: list[tuple]) -> None:
        """Show ``visible`` (and its ``display``) in place of the rows shown, telling the view only
        what changed: the rows of findings that are gone are removed, those of new ones inserted,
        and rows whose line moved are changed. The others stay where they are: an edit moves the
        findings after it by the same amount, which keeps their order in any sorting."""
        gone, new = _changed(old_rows, self.rows)
        shown = self.visible
        for first, last in reversed(_runs([i for i, d in enumerate(shown) if id(d) in gone])):
            self.beginRemoveRows(QModelIndex(), first, last)
            del shown[first : last + 1], self._display[first : last + 1]
            self.endRemoveRows()
        for first, last in _runs([i for i, d in enumerate(visible) if id(d) in new]):
            self.beginInsertRows(QModelIndex(), first, last)
            shown[first:first] = visible[first : last + 1]
            self._display[first:first] = display[first : last + 1]
            self.endInsertRows()
        if len(shown) != len(visible):  # cannot happen with findings compared as above; be safe
            self.beginResetModel()
            self.visible, self._display = visible, display
            self.endResetModel()
            return
        moved = [i for i, (before, now) in enumerate(zip(self._display, display, strict=True)) if before != now]
        self.visible, self._display = visible, display
        if moved:
            self.dataChanged.emit(self.index(moved[0], 0), self.index(moved[-1], len(self.COLUMNS) - 1))

    def set_severity(self, severity: str) -> None:
        self.beginResetModel()
        self.severity = severity
        self._rebuild()
        self.endResetModel()

    def sort(self, column: int, order=Qt.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        self.sort_column, self.sort_order = column, order
        self._rebuild()
        self.layoutChanged.emit()

    def _rebuild(self) -> None:
        self.visible, self._display = self._shown()

    def _shown(self) -> tuple[list, list[tuple]]:
        """The rows to show, filtered and sorted, and what each shows (severity, code, message, line)."""
        keys = (
            lambda d: (SEVERITY_ORDER.get(d.severity, 3), d.start),
            lambda d: (d.code, d.start),
            lambda d: (d.message, d.start),
            lambda d: (d.start, SEVERITY_ORDER.get(d.severity, 3)),
        )
        shown = [d for d in self.rows if not self.severity or d.severity == self.severity]
        shown.sort(key=keys[self.sort_column], reverse=self.sort_order == Qt.DescendingOrder)
        return shown, [(tr(d.severity), d.code, d.message.replace("\n", " "), d.line) for d in shown]

    def retranslate(self) -> None:
        self.beginResetModel()
        self._rebuild()
        self.endResetModel()
        self.headerDataChanged.emit(Qt.Horizontal, 0, len(self.COLUMNS) - 1)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        return 0 if parent.isValid() else len(self.visible)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        return len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return tr(self.COLUMNS[section])
        return None

    def data(self, index, role=Qt.DisplayRole):
        if role == Qt.DisplayRole:
            return self._display[index.row()][index.column()]
        if role == Qt.UserRole:
            return self.visible[index.row()]
        if role == Qt.ForegroundRole and index.column() == 0:
            return _SEVERITY_COLORS.get(self.visible[index.row()].severity, _INFO_COLOR)
        if role == Qt.ToolTipRole:
            d = self.visible[index.row()]
            return f"{d.code} {d.name}: {d.message}"
        return None


class SiteProblemsModel(ProblemsModel):
    """The findings across a folder's posts: ``rows`` are ``SiteFinding``s (a post and one of its findings)."""

    COLUMNS = ("Severity", "Code", "Message", "Post", "Line")

    def set_findings(self, findings: list) -> None:
        """All the findings across posts at once: they change on opening a folder or a site
        lint's end, not while typing, so the table is simply built again."""
        self.beginResetModel()
        self.rows = list(findings)
        self._rebuild()
        self.endResetModel()

    def _shown(self) -> tuple[list, list[tuple]]:
        keys = (
            lambda f: (SEVERITY_ORDER.get(f.diagnostic.severity, 3), f.relative, f.diagnostic.start),
            lambda f: (f.diagnostic.code, f.relative, f.diagnostic.start),
            lambda f: (f.diagnostic.message, f.relative, f.diagnostic.start),
            lambda f: (f.relative, f.diagnostic.start),
            lambda f: (f.diagnostic.line, f.relative),
        )
        shown = [f for f in self.rows if not self.severity or f.diagnostic.severity == self.severity]
        shown.sort(key=keys[self.sort_column], reverse=self.sort_order == Qt.DescendingOrder)
        display = [
            (
                tr(f.diagnostic.severity),
                f.diagnostic.code,
                f.diagnostic.message.replace("\n", " "),
                f.relative,
                f.diagnostic.line,
            )
            for f in shown
        ]
        return shown, display

    def data(self, index, role=Qt.DisplayRole):
        if role == Qt.ForegroundRole and index.column() == 0:
            return _SEVERITY_COLORS.get(self.visible[index.row()].diagnostic.severity, _INFO_COLOR)
        if role == Qt.ToolTipRole:
            f = self.visible[index.row()]
            return f"{f.relative}: {f.diagnostic.code} {f.diagnostic.name}: {f.diagnostic.message}"
        return super().data(index, role)


def _changed(old: list, new: list) -> tuple[set[int], set[int]]:
    """The findings of ``old`` that are gone and those of ``new`` that are new (as ``id``s).

    A finding is kept when ``new`` has it at the same place, or moved by as much as the findings
    at the end of the text moved (the edit was before them); its line may have changed.
    """
    last_old, last_new = (heapq.nlargest(8, found, key=_place) for found in (old, new))
    shifts = Counter(y.start - x.start for x, y in zip(last_old, last_new, strict=False))
    shift = shifts.most_common(1)[0][0] if shifts else 0
    waiting: dict[tuple, list[int]] = {}
    for d in new:
        waiting.setdefault(_place(d), []).append(id(d))
    gone = set()
    for d in old:
        same = waiting.get(_place(d)) or waiting.get(_place(d, shift))
        if same:
            same.pop()
        else:
            gone.add(id(d))
    return gone, {i for ids in waiting.values() for i in ids}


def _place(d, shift: int = 0) -> tuple:
    return (d.start + shift, d.end + shift, d.severity, d.code, d.message)


def _runs(rows: list[int]) -> list[tuple[int, int]]:
    """Ascending row numbers as runs of consecutive ones: (first, last) each."""
    runs: list[tuple[int, int]] = []
    for row in rows:
        if runs and runs[-1][1] == row - 1:
            runs[-1] = (runs[-1][0], row)
        else:
            runs.append((row, row))
    return runs


_SEVERITY_COLORS = {"error": QColor("#d0021b"), "warning": QColor("#c77800")}
_INFO_COLOR = QColor("#2f7fd1")


class ProblemsDock(QDockWidget):
    jumpRequested = Signal(int)  # code-point offset
    openRequested = Signal(str, int)  # a post of the open folder, and the offset in it

    def __init__(self, parent=None):
        super().__init__(tr("Problems"), parent)
        self.setObjectName("problems")
        self.model = ProblemsModel(self)
        self.site_model = SiteProblemsModel(self)
        self.filter = QComboBox()
        for label, key in FILTERS:
            self.filter.addItem(tr(label), key)
        self.filter.currentIndexChanged.connect(self._severity_changed)
        self.scope = QComboBox()
        for label, key in SCOPES:
            self.scope.addItem(tr(label), key)
        self.scope.currentIndexChanged.connect(self._scope_changed)
        self.scope.hide()  # until a folder is open
        self.table = self._table(self.model, (0, 6), (1, 7), (3, 6))
        self.site_table = self._table(self.site_model, (0, 6), (1, 7), (3, 24), (4, 6))
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.site_table)
        box = QWidget()
        lay = QVBoxLayout(box)
        lay.setContentsMargins(2, 2, 2, 2)
        row = QHBoxLayout()
        row.addWidget(self.scope)
        row.addWidget(self.filter)
        row.addStretch(1)
        lay.addLayout(row)
        lay.addWidget(self.stack)
        self.setWidget(box)

    def _table(self, model, *widths: tuple[int, int]) -> QTableView:
        table = QTableView()
        table.setModel(model)
        table.setSortingEnabled(True)
        table.sortByColumn(0, Qt.AscendingOrder)  # errors first, then by position
        table.setSelectionBehavior(QAbstractItemView.SelectRows)
        table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        table.verticalHeader().hide()
        # Fixed row heights and column widths: measuring every row's contents is what makes
        # big tables slow.
        table.verticalHeader().setSectionResizeMode(QHeaderView.Fixed)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setSectionResizeMode(2, QHeaderView.Stretch)
        for col, chars in widths:
            header.resizeSection(col, table.fontMetrics().horizontalAdvance("M" * chars) + 16)
        table.clicked.connect(self._activate)
        table.activated.connect(self._activate)
        return table

    def retranslate(self) -> None:
        self.setWindowTitle(tr("Problems"))
        for i, (label, _key) in enumerate(FILTERS):
            self.filter.setItemText(i, tr(label))
        for i, (label, _key) in enumerate(SCOPES):
            self.scope.setItemText(i, tr(label))
        self.model.retranslate()
        self.site_model.retranslate()

    def set_diagnostics(self, diagnostics) -> None:
        self.model.set_diagnostics(diagnostics)

    def set_site_findings(self, findings: list | None) -> None:
        """The open folder's findings across posts (``SiteFinding``s); None: no folder is open."""
        self.site_model.set_findings(findings or [])
        self.scope.setVisible(findings is not None)
        if findings is None:
            self.show_scope("file")

    def show_scope(self, scope: str) -> None:
        """Show this file's findings ("file") or those across the folder's posts ("site")."""
        self.scope.setCurrentIndex(next(i for i, (_l, key) in enumerate(SCOPES) if key == scope))

    def _scope_changed(self, _index: int) -> None:
        self.stack.setCurrentIndex(1 if self.scope.currentData() == "site" else 0)

    def _severity_changed(self, _index: int) -> None:
        self.model.set_severity(self.filter.currentData())
        self.site_model.set_severity(self.filter.currentData())

    def visible_diagnostics(self) -> list:
        return list(self.model.visible)

    def visible_site_findings(self) -> list:
        return list(self.site_model.visible)

    def _activate(self, index) -> None:
        item = index.data(Qt.UserRole)
        if item is None:
            return
        if hasattr(item, "diagnostic"):
            self.openRequested.emit(item.path, item.diagnostic.start)
        else:
            self.jumpRequested.emit(item.start)
