"""The Problems dock: the current document's diagnostics, filterable by severity."""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QDockWidget, QHeaderView, QTableView, QVBoxLayout, QWidget

from .i18n import tr

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


class ProblemsModel(QAbstractTableModel):
    COLUMNS = ("Severity", "Code", "Message", "Line")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list = []

    def set_diagnostics(self, diagnostics) -> None:
        self.beginResetModel()
        self.rows = sorted(diagnostics, key=lambda d: (d.start, SEVERITY_ORDER.get(d.severity, 3)))
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return tr(self.COLUMNS[section])
        return None

    def data(self, index, role=Qt.DisplayRole):
        d = self.rows[index.row()]
        col = index.column()
        if role == Qt.DisplayRole:
            return (tr(d.severity), d.code, d.message, d.line)[col]
        if role == Qt.UserRole:
            return d
        if role == Qt.UserRole + 1:  # sort key
            return (SEVERITY_ORDER.get(d.severity, 3), d.code, d.message, d.line)[col]
        if role == Qt.ForegroundRole and col == 0:
            return QColor({"error": "#d0021b", "warning": "#c77800"}.get(d.severity, "#2f7fd1"))
        if role == Qt.ToolTipRole:
            return f"{d.code} {d.name}: {d.message}"
        return None


class _SeverityFilter(QSortFilterProxyModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.severity = ""
        self.setSortRole(Qt.UserRole + 1)

    def set_severity(self, severity: str) -> None:
        self.severity = severity
        self.invalidateRowsFilter()

    def filterAcceptsRow(self, row, parent) -> bool:
        if not self.severity:
            return True
        return self.sourceModel().rows[row].severity == self.severity


class ProblemsDock(QDockWidget):
    jumpRequested = Signal(int)  # code-point offset

    def __init__(self, parent=None):
        super().__init__(tr("Problems"), parent)
        self.setObjectName("problems")
        self.model = ProblemsModel(self)
        self.proxy = _SeverityFilter(self)
        self.proxy.setSourceModel(self.model)
        self.filter = QComboBox()
        for label, key in ((tr("All severities"), ""), (tr("Errors"), "error"), (tr("Warnings"), "warning"),
                           (tr("Info"), "info")):
            self.filter.addItem(label, key)
        self.filter.currentIndexChanged.connect(lambda _: self.proxy.set_severity(self.filter.currentData()))
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.Stretch)
        for col in (0, 1, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeToContents)
        self.table.clicked.connect(self._activate)
        self.table.activated.connect(self._activate)
        box = QWidget()
        lay = QVBoxLayout(box)
        lay.setContentsMargins(2, 2, 2, 2)
        lay.addWidget(self.filter)
        lay.addWidget(self.table)
        self.setWidget(box)

    def set_diagnostics(self, diagnostics) -> None:
        self.model.set_diagnostics(diagnostics)

    def visible_diagnostics(self) -> list:
        return [self.proxy.index(r, 0).data(Qt.UserRole) for r in range(self.proxy.rowCount())]

    def _activate(self, index) -> None:
        d = index.data(Qt.UserRole)
        if d is not None:
            self.jumpRequested.emit(d.start)
