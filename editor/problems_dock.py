"""The Problems dock: the current document's diagnostics, filterable by severity."""

from __future__ import annotations

import heapq
from collections import Counter

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QDockWidget, QHeaderView, QTableView, QVBoxLayout, QWidget

from .i18n import tr

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
FILTERS = (("All severities", ""), ("Errors", "error"), ("Warnings", "warning"), ("Info", "info"))


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

    def __init__(self, parent=None):
        super().__init__(tr("Problems"), parent)
        self.setObjectName("problems")
        self.model = ProblemsModel(self)
        self.filter = QComboBox()
        for label, key in FILTERS:
            self.filter.addItem(tr(label), key)
        self.filter.currentIndexChanged.connect(lambda _: self.model.set_severity(self.filter.currentData()))
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.AscendingOrder)  # errors first, then by position
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.verticalHeader().hide()
        # Fixed row heights and column widths: measuring every row's contents is what makes
        # big tables slow.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setSectionResizeMode(2, QHeaderView.Stretch)
        for col, chars in ((0, 6), (1, 7), (3, 6)):
            header.resizeSection(col, self.table.fontMetrics().horizontalAdvance("M" * chars) + 16)
        self.table.clicked.connect(self._activate)
        self.table.activated.connect(self._activate)
        box = QWidget()
        lay = QVBoxLayout(box)
        lay.setContentsMargins(2, 2, 2, 2)
        lay.addWidget(self.filter)
        lay.addWidget(self.table)
        self.setWidget(box)

    def retranslate(self) -> None:
        self.setWindowTitle(tr("Problems"))
        for i, (label, _key) in enumerate(FILTERS):
            self.filter.setItemText(i, tr(label))
        self.model.retranslate()

    def set_diagnostics(self, diagnostics) -> None:
        self.model.set_diagnostics(diagnostics)

    def visible_diagnostics(self) -> list:
        return list(self.model.visible)

    def _activate(self, index) -> None:
        d = index.data(Qt.UserRole)
        if d is not None:
            self.jumpRequested.emit(d.start)
