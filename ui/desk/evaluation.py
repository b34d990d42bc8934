"""The evaluation screen: the server's figures (GET /api/v1/evaluation) for a period, per inspector,
district or disposal unit — a sortable table with the ranking, a bar chart of one rate per group,
and CSV export of what is shown.

The page gets a `fetch(date_from, date_to, by)` that returns the JSON of GET /evaluation (and may
raise); it is called on a worker of ui/tasks.py, never on the GUI thread, and only the latest
request's answer is shown. The page shows loading, error (with Try again; network trouble is
retried by itself) and empty states. The figures are the server's; app/reports.py says how they are
formatted and writes the CSV (UTF-8 with a BOM, formulas defused).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import date
from functools import cmp_to_key, lru_cache
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCharts import QBarCategoryAxis, QBarSet, QChart, QChartView, QHorizontalBarSeries, QValueAxis
from PySide6.QtCore import (
    QAbstractTableModel,
    QCollator,
    QCoreApplication,
    QDate,
    QEvent,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

import ui.pyside_fix  # noqa: F401  (PySide6 6.12.0 drops references to None/True: see there)
from app.domain.catalogue import Catalogue, load_catalogue
from app.paths import resources_dir
from app.reports import (
    FIGURES,
    GROUPINGS,
    PERIODS,
    RATES,
    check_period,
    export_name,
    format_figure,
    period_for,
    write_csv,
)
from ui.desk.connection import desk_message, transient
from ui.tasks import TaskRunner
from ui.widgets.common import error_style, guarded, heading_label, wrap_label

log = logging.getLogger(__name__)

Fetch = Callable[[date, date, str], dict[str, Any]]
Index = QModelIndex | QPersistentModelIndex
SortRole = Qt.ItemDataRole.UserRole + 1
KeyRole = Qt.ItemDataRole.UserRole + 2
COLUMNS: tuple[str, ...] = ("rank", "key", *(f.key for f in FIGURES))
KINDS = {"rank": "count", "key": "text", **{f.key: f.kind for f in FIGURES}}
RETRY_MS = (2000, 5000, 10000, 30000)
BAR_PX = 30  # the chart's height per group


def _runner() -> TaskRunner:
    """The evaluation's worker, owned by the application rather than a page: a request still out when
    its page is closed finishes there, and its answer is dropped (the callbacks are guarded)."""
    global _RUNNER
    if _RUNNER is None or not shiboken6.isValid(_RUNNER):
        _RUNNER = TaskRunner(QCoreApplication.instance(), io_threads=2)
    return _RUNNER


_RUNNER: TaskRunner | None = None


@lru_cache(maxsize=1)
def _catalogue() -> Catalogue:
    return load_catalogue(resources_dir() / "catalogue.json")


class EvaluationModel(QAbstractTableModel):
    """The groups' figures, one row per group: rank, name, then the figures in app.reports.FIGURES order.

    DisplayRole is the formatted text; SortRole the raw number (None for a missing rate); sorting
    keeps groups without a value last in either direction, ties in rank order.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[dict[str, Any]] = []
        self._names: dict[Any, str] = {}
        self.by = "district"

    # -- contents

    def set_rows(self, rows: Sequence[dict[str, Any]], by: str, names: dict[Any, str]) -> None:
        self.beginResetModel()
        self._rows = [dict(r) for r in rows]
        self._names = dict(names)
        self.by = by
        self.endResetModel()

    def set_names(self, names: dict[Any, str]) -> None:
        """New display names for the keys (the language changed)."""
        self._names = dict(names)
        if self._rows:
            self.dataChanged.emit(self.index(0, 1), self.index(len(self._rows) - 1, 1))

    def rows(self) -> list[dict[str, Any]]:
        return [dict(r) for r in self._rows]

    def name(self, row: dict[str, Any]) -> str:
        key = row.get("key")
        return self._names.get(key) or ("—" if key in (None, "") else str(key))

    def text(self, row: int, column: int) -> str:
        record = self._rows[row]
        name = COLUMNS[column]
        if name == "key":
            return self.name(record)
        return format_figure(KINDS[name], record.get(name))

    def shown(self) -> tuple[list[str], list[list[str]]]:
        """The header and the rows as the table shows them (its current order)."""
        header = [str(self.headerData(c, Qt.Orientation.Horizontal)) for c in range(len(COLUMNS))]
        return header, [[self.text(r, c) for c in range(len(COLUMNS))] for r in range(len(self._rows))]

    # -- the model

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)) or index.column() >= len(COLUMNS):
            return None
        record = self._rows[index.row()]
        name = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(index.row(), index.column())
        if role == SortRole:
            return self.name(record) if name == "key" else record.get(name)
        if role == KeyRole:
            return record.get("key")
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if name == "key":
                return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and name == "key":
            key = record.get("key")
            return None if key is None else str(key)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not (0 <= section < len(COLUMNS)):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.title(COLUMNS[section])
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.explanation(COLUMNS[section])
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not (0 <= column < len(COLUMNS)) or not self._rows:
            return
        name = COLUMNS[column]
        self.layoutAboutToBeChanged.emit()
        before = list(self._rows)
        old_persistent = self.persistentIndexList()

        def value(record: dict[str, Any]) -> Any:
            return self.name(record) if name == "key" else record.get(name)

        present = [r for r in self._rows if value(r) is not None]
        missing = [r for r in self._rows if value(r) is None]
        present.sort(key=lambda r: r.get("rank") or 0)  # ties keep the ranking's order
        descending = order == Qt.SortOrder.DescendingOrder
        if name == "key":  # names in the language's order (Chinese by pinyin)
            collator = QCollator(QLocale())
            collator.setNumericMode(True)
            present.sort(key=cmp_to_key(lambda a, b: collator.compare(value(a), value(b))), reverse=descending)
        else:
            present.sort(key=value, reverse=descending)
        self._rows = present + missing
        where = {id(r): i for i, r in enumerate(self._rows)}
        new_persistent = [
            self.index(where[id(before[i.row()])], i.column()) if i.isValid() else QModelIndex() for i in old_persistent
        ]
        self.changePersistentIndexList(old_persistent, new_persistent)
        self.layoutChanged.emit()

    # -- words

    def title(self, column: str) -> str:
        titles = {
            "rank": self.tr("Rank"),
            "reported": self.tr("Reported"),
            "filed": self.tr("Filed"),
            "filing_rate": self.tr("Filing rate"),
            "returned": self.tr("Returned"),
            "rejected": self.tr("Rejected"),
            "dispatched": self.tr("Dispatched"),
            "disposed": self.tr("Disposed"),
            "disposed_on_time": self.tr("Disposed on time"),
            "disposals_due": self.tr("Disposals due"),
            "on_time_disposal_rate": self.tr("On-time disposal rate"),
            "closures_due": self.tr("Closures due"),
            "closed": self.tr("Closed"),
            "closed_on_time": self.tr("Closed on time"),
            "closure_rate": self.tr("Closure rate"),
            "on_time_closure_rate": self.tr("On-time closure rate"),
            "deferred": self.tr("Deferred"),
            "reworks": self.tr("Reworks"),
            "mean_working_hours_to_close": self.tr("Mean working hours to close"),
        }
        if column == "key":
            return {
                "inspector": self.tr("Inspector"),
                "district": self.tr("District"),
                "unit": self.tr("Disposal unit"),
            }.get(self.by, self.by)
        return titles.get(column, column)

    def explanation(self, column: str) -> str:
        texts = {
            "rank": self.tr("By on-time closure rate, then closure rate; equal groups share a rank."),
            "reported": self.tr("Cases the server received in the period."),
            "filing_rate": self.tr("Filed ÷ reported."),
            "returned": self.tr("Cases ever returned for more evidence."),
            "disposals_due": self.tr(
                "Dispatched cases disposed of, or whose last deadline fell before the period ended."
            ),
            "on_time_disposal_rate": self.tr(
                "Disposed with every deadline met ÷ (disposals due − running agreed extensions)."
            ),
            "closures_due": self.tr("Dispatched cases closed, or whose last deadline fell before the period ended."),
            "closure_rate": self.tr("Closed ÷ (closures due − running agreed extensions)."),
            "on_time_closure_rate": self.tr("Closed by the last deadline ÷ the same."),
            "deferred": self.tr("Cases with an agreed extension of a deadline."),
            "reworks": self.tr("Disposals disputed on site and sent back to the unit."),
            "mean_working_hours_to_close": self.tr("Working hours from dispatch to closing, on average."),
        }
        return texts.get(column, self.title(column))


class RateChart(QChartView):
    """One rate per group as horizontal bars, best at the top; groups without a value are left out."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self._chart = QChart()
        super().__init__(self._chart, parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._chart.legend().setVisible(False)
        self._chart.setBackgroundRoundness(0)
        self._chart.setMargins(self._chart.margins())
        self.bars: list[tuple[str, float]] = []  # (name, percent) top to bottom, as drawn
        self.left_out: list[str] = []

    def show_rate(self, title: str, groups: Sequence[tuple[str, float | None]]) -> None:
        chart = self._chart
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        self.bars = sorted(
            ((name, round(value * 100, 1)) for name, value in groups if value is not None), key=lambda b: -b[1]
        )
        self.left_out = [name for name, value in groups if value is None]
        chart.setTitle("")  # the rate is named by the chooser above the chart
        palette = self.palette()
        text = palette.color(palette.ColorRole.WindowText)
        chart.setBackgroundBrush(palette.color(palette.ColorRole.Base))
        chart.setTitleBrush(text)
        if not self.bars:
            return
        bars = QBarSet(title)
        bars.append([value for _, value in reversed(self.bars)])  # a horizontal chart draws from the bottom
        # A light tint of the accent: the value's label stays readable where it falls inside the bar.
        bars.setColor(palette.color(palette.ColorRole.Highlight).lighter(175))
        bars.setBorderColor(palette.color(palette.ColorRole.Highlight))
        bars.setLabelColor(text)
        series = QHorizontalBarSeries()
        series.append(bars)
        series.setLabelsVisible(True)
        series.setLabelsFormat("@value%")
        series.setLabelsPosition(QHorizontalBarSeries.LabelsPosition.LabelsOutsideEnd)
        series.setBarWidth(0.6)
        chart.addSeries(series)
        names = QBarCategoryAxis()
        names.append([self._unique(name, i) for i, (name, _) in enumerate(reversed(self.bars))])
        names.setLabelsColor(text)
        names.setTruncateLabels(False)
        chart.addAxis(names, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(names)
        values = QValueAxis()
        values.setRange(0, 100)
        values.setLabelFormat("%d%%")
        values.setTickCount(6)
        values.setLabelsColor(text)
        chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(values)
        self.setMinimumHeight(120 + BAR_PX * len(self.bars))

    def _unique(self, name: str, index: int) -> str:
        # A category axis needs distinct labels; two groups may share a display name.
        names = [n for n, _ in reversed(self.bars)]
        return name if names.count(name) == 1 else f"{name} ({index + 1})"


class EvaluationPage(QWidget):
    """A period, a grouping, the figures and their ranking in a table, a chart of one rate, CSV export."""

    loaded = Signal()  # the table shows a new answer (or the empty or error state)
    # A group's row was activated (double-click, Enter): its grouping ("inspector", "district" or
    # "unit") and its key, for the desk to show that group's cases in the queue.
    group_activated = Signal(str, object)

    def __init__(self, fetch: Fetch, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("deskEvaluation")
        self._fetch = fetch
        self.tasks = _runner()
        self.today: Callable[[], date] = date.today
        self._serial = 0
        self._attempt = 0
        self._period: tuple[date, date] | None = None
        self._chart_choice: str | None = None  # a rate the user picked; else one that suits the grouping
        self.state = "idle"  # idle, loading, error, empty, figures
        self.error_text = ""

        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 12, 12, 12)
        outer.setSpacing(8)
        self.heading = heading_label("", self)
        outer.addWidget(self.heading)

        controls = QHBoxLayout()
        self.period_label = QLabel(self)
        self.period = QComboBox(self)
        self.period.setObjectName("evaluationPeriod")
        for _ in PERIODS:
            self.period.addItem("")
        self.date_from = QDateEdit(self)
        self.date_to = QDateEdit(self)
        self.dash = QLabel("–", self)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.date_from.setObjectName("evaluationFrom")
        self.date_to.setObjectName("evaluationTo")
        self.group_label = QLabel(self)
        self.grouping = QComboBox(self)
        self.grouping.setObjectName("evaluationGrouping")
        for _ in GROUPINGS:
            self.grouping.addItem("")
        self.grouping.setCurrentIndex(GROUPINGS.index("district"))  # the server's default
        self.refresh_button = QPushButton(self)
        self.refresh_button.setObjectName("evaluationRefresh")
        self.export_button = QPushButton(self)
        self.export_button.setObjectName("evaluationExport")
        for widget in (self.period_label, self.period, self.date_from, self.dash, self.date_to):
            controls.addWidget(widget)
        controls.addSpacing(16)
        controls.addWidget(self.group_label)
        controls.addWidget(self.grouping)
        controls.addStretch(1)
        controls.addWidget(self.refresh_button)
        controls.addWidget(self.export_button)
        outer.addLayout(controls)
        self.summary = wrap_label("", self)
        self.summary.setObjectName("evaluationSummary")
        outer.addWidget(self.summary)

        self.stack = QStackedWidget(self)
        # loading
        self.loading_page = QWidget(self.stack)
        box = QVBoxLayout(self.loading_page)
        self.loading_label = QLabel(self.loading_page)
        self.loading_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        box.addWidget(self.loading_label)
        # error
        self.error_page = QWidget(self.stack)
        box = QVBoxLayout(self.error_page)
        box.addStretch(1)
        self.error_label = wrap_label("", self.error_page, selectable=True)
        self.error_label.setObjectName("evaluationError")
        self.error_label.setStyleSheet(error_style())
        self.error_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.retry_button = QPushButton(self.error_page)
        self.retry_button.setObjectName("evaluationRetry")
        box.addWidget(self.error_label)
        box.addWidget(self.retry_button, 0, Qt.AlignmentFlag.AlignCenter)
        box.addStretch(1)
        # empty
        self.empty_page = QWidget(self.stack)
        box = QVBoxLayout(self.empty_page)
        self.empty_label = wrap_label("", self.empty_page)
        self.empty_label.setObjectName("evaluationEmpty")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        box.addWidget(self.empty_label)
        # figures
        self.figures_page = QSplitter(Qt.Orientation.Vertical, self.stack)
        self.model = EvaluationModel(self)
        self.table = QTableView(self.figures_page)
        self.table.setObjectName("evaluationTable")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        self.table.horizontalHeader().setSortIndicatorShown(True)
        chart_box = QWidget(self.figures_page)
        chart_layout = QVBoxLayout(chart_box)
        chart_layout.setContentsMargins(0, 0, 0, 0)
        chart_row = QHBoxLayout()
        self.chart_label = QLabel(chart_box)
        self.chart_rate = QComboBox(chart_box)
        self.chart_rate.setObjectName("evaluationChartRate")
        for _ in RATES:
            self.chart_rate.addItem("")
        chart_row.addWidget(self.chart_label)
        chart_row.addWidget(self.chart_rate)
        chart_row.addStretch(1)
        chart_layout.addLayout(chart_row)
        self.chart = RateChart(chart_box)
        self.chart.setObjectName("evaluationChart")
        self.chart_scroll = QScrollArea(chart_box)
        self.chart_scroll.setWidgetResizable(True)
        self.chart_scroll.setWidget(self.chart)
        chart_layout.addWidget(self.chart_scroll, 1)
        self.chart_note = wrap_label("", chart_box)
        chart_layout.addWidget(self.chart_note)
        self.figures_page.addWidget(self.table)
        self.figures_page.addWidget(chart_box)
        self.figures_page.setStretchFactor(0, 3)
        self.figures_page.setStretchFactor(1, 2)
        for page in (self.loading_page, self.error_page, self.empty_page, self.figures_page):
            self.stack.addWidget(page)
        outer.addWidget(self.stack, 1)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(350)
        self._debounce.timeout.connect(self.reload)
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.timeout.connect(self.reload)

        self.period.currentIndexChanged.connect(self.on_period_changed)
        self.grouping.currentIndexChanged.connect(self.reload)
        self.date_from.dateChanged.connect(self.on_dates_edited)
        self.date_to.dateChanged.connect(self.on_dates_edited)
        self.refresh_button.clicked.connect(self.reload)
        self.retry_button.clicked.connect(self.reload)
        self.export_button.clicked.connect(self.on_export_clicked)
        self.chart_rate.currentIndexChanged.connect(self.on_chart_rate_chosen)
        self.model.layoutChanged.connect(self._update_chart)
        self.table.activated.connect(self.on_row_activated)

        self.retranslate_ui()
        self._set_dates(*period_for(PERIODS[0], self.today()))
        self._show("idle")

    # ------------------------------------------------------------ state

    @property
    def by(self) -> str:
        return GROUPINGS[max(0, self.grouping.currentIndex())]

    @property
    def preset(self) -> str:
        return PERIODS[max(0, self.period.currentIndex())]

    def dates(self) -> tuple[date, date]:
        return self.date_from.date().toPython(), self.date_to.date().toPython()

    def set_period(self, preset: str, first: date | None = None, last: date | None = None) -> None:
        """Choose a period as the user would: a preset, or "custom" with its days; the figures reload."""
        if preset == "custom" and first is not None and last is not None:
            self.period.blockSignals(True)
            self.period.setCurrentIndex(PERIODS.index("custom"))
            self.period.blockSignals(False)
            self._set_dates(first, last)
            self._update_date_edits()
            self.reload()
            return
        self.period.setCurrentIndex(PERIODS.index(preset))

    def set_grouping(self, by: str) -> None:
        self.grouping.setCurrentIndex(GROUPINGS.index(by))

    def _set_dates(self, first: date, last: date) -> None:
        for edit, value in ((self.date_from, first), (self.date_to, last)):
            edit.blockSignals(True)
            edit.setDate(QDate(value.year, value.month, value.day))
            edit.blockSignals(False)

    def _update_date_edits(self) -> None:
        today = self.today()
        for edit in (self.date_from, self.date_to):
            edit.setMaximumDate(QDate(today.year, today.month, today.day))

    def showEvent(self, event: Any) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        if self.state == "idle":  # the figures are asked for when the page is first shown
            QTimer.singleShot(0, guarded(self, self._first_load))

    def _first_load(self) -> None:
        if self.state == "idle":
            self.reload()

    def on_period_changed(self, _index: int) -> None:
        if self.preset != "custom":
            self._set_dates(*period_for(self.preset, self.today()))
        self.reload()

    def on_dates_edited(self) -> None:
        if self.preset != "custom":
            self.period.blockSignals(True)
            self.period.setCurrentIndex(PERIODS.index("custom"))
            self.period.blockSignals(False)
        self._debounce.start()

    def reload(self) -> None:
        """Ask the server for the figures of the chosen period and grouping (on a worker)."""
        self._debounce.stop()
        self._retry.stop()
        self._update_date_edits()
        if self.preset != "custom":  # a preset follows the calendar (a page left open over midnight)
            self._set_dates(*period_for(self.preset, self.today()))
        first, last = self.dates()
        try:
            check_period(first, last)
        except ValueError:
            self._serial += 1  # an answer still on its way is no longer wanted
            self.error_text = self.tr("The period starts after it ends, or is longer than three years.")
            self._show("error")
            return
        self._serial += 1
        serial, by, fetch = self._serial, self.by, self._fetch
        self._period = (first, last)
        self._show("loading")
        self.tasks.run_io(
            lambda: fetch(first, last, by),
            guarded(self, lambda answer: self._on_answer(serial, by, answer)),
            guarded(self, lambda exc: self._on_failure(serial, exc)),
        )

    def _on_answer(self, serial: int, by: str, answer: Any) -> None:
        if serial != self._serial:
            return
        rows = answer.get("rows") if isinstance(answer, dict) else None
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            log.error("evaluation: an answer without rows: %r", answer)
            self.error_text = self.tr("The server's answer could not be read.")
            self._show("error")
            return
        self._attempt = 0
        self.model.set_rows(rows, by, self._names(rows, by))
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        QTimer.singleShot(0, guarded(self, self._fit_table))  # once the table has laid its rows out
        self._update_chart()
        self._show("figures" if rows else "empty")

    def _on_failure(self, serial: int, exc: BaseException) -> None:
        if serial != self._serial:
            return
        self.error_text = desk_message(exc)
        self._show("error")
        if transient(exc):
            delay = RETRY_MS[min(self._attempt, len(RETRY_MS) - 1)]
            self._attempt += 1
            self._retry.start(delay)

    def on_row_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.group_activated.emit(self.model.by, index.data(KeyRole))

    def _fit_table(self) -> None:
        """The table as high as its rows (at most half the page); the chart gets the rest."""
        table = self.table
        rows = min(self.model.rowCount(), 12)
        row_height = table.rowHeight(0) if self.model.rowCount() else table.verticalHeader().defaultSectionSize()
        header = table.horizontalHeader().sizeHint().height()
        wanted = header + rows * row_height
        wanted += table.horizontalScrollBar().sizeHint().height() + 2 * table.frameWidth() + 4
        total = max(self.figures_page.height(), 400)
        top = min(wanted, total // 2)
        self.figures_page.setSizes([top, total - top])

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        if self.state == "figures":
            self._fit_table()

    def _names(self, rows: Sequence[dict[str, Any]], by: str) -> dict[Any, str]:
        if by != "unit":
            return {}
        # The locale, not i18n.current_language(): while the LanguageChange event is handled the
        # locale has already switched (i18n sets it first) and the remembered language not yet.
        language = "zh_CN" if QLocale().name().startswith("zh") else "en"
        names = {}
        for row in rows:
            unit = _catalogue().unit(str(row.get("key")))
            if unit is not None:
                names[row.get("key")] = unit.name(language)
        return names

    def _show(self, state: str) -> None:
        self.state = state
        page = {
            "idle": self.loading_page,
            "loading": self.loading_page,
            "error": self.error_page,
            "empty": self.empty_page,
            "figures": self.figures_page,
        }[state]
        self.stack.setCurrentWidget(page)
        self.error_label.setText(self.error_text if state == "error" else "")
        self.export_button.setEnabled(state == "figures")
        self._update_summary()
        if state in ("error", "empty", "figures"):
            self.loaded.emit()

    def _update_summary(self) -> None:
        first, last = self._period or self.dates()
        span = self.tr("%1 to %2").replace("%1", first.isoformat()).replace("%2", last.isoformat())
        if self.state == "figures":
            text = self.tr("%1, by %2: %3 groups, ranked by on-time closure rate, then closure rate.")
            self.summary.setText(
                text.replace("%1", span)
                .replace("%2", self.grouping.currentText())
                .replace("%3", str(self.model.rowCount()))
            )
        else:
            self.summary.setText(span)
        self.empty_label.setText(self.tr("No cases were reported from %1.").replace("%1", span))

    # ------------------------------------------------------------ chart

    def chart_rate_key(self) -> str:
        if self._chart_choice:
            return self._chart_choice
        return "on_time_disposal_rate" if self.model.by == "unit" else "on_time_closure_rate"

    def on_chart_rate_chosen(self, index: int) -> None:
        if 0 <= index < len(RATES) and RATES[index] != self.chart_rate_key():
            self._chart_choice = RATES[index]
        self._update_chart()

    def _update_chart(self) -> None:
        key = self.chart_rate_key()
        self.chart_rate.blockSignals(True)
        self.chart_rate.setCurrentIndex(RATES.index(key))
        self.chart_rate.blockSignals(False)
        groups = [(self.model.name(r), r.get(key)) for r in self.model.rows()]
        title = self.model.title(key)
        self.chart.show_rate(title, groups)
        if self.chart.left_out:
            self.chart_note.setText(
                self.tr("Not in the chart (nothing due yet): %1").replace("%1", "、".join(self.chart.left_out)[:400])
            )
        else:
            self.chart_note.setText("")

    # ------------------------------------------------------------ export

    def on_export_clicked(self) -> None:
        first, last = self._period or self.dates()
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export the figures"), export_name(self.model.by, first, last), "CSV (*.csv)"
        )
        if path:
            self.export_csv(Path(path))

    def export_csv(self, path: Path) -> None:
        """Write the table as shown (its columns, its order) to `path` as CSV; raises OSError."""
        header, rows = self.model.shown()
        try:
            write_csv(path, header, rows)
        except OSError as exc:
            self.summary.setText(self.tr("The figures could not be saved: %1").replace("%1", str(exc)))
            raise
        self.summary.setText(self.tr("Saved %1").replace("%1", str(path)))

    # ------------------------------------------------------------ language

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.heading.setText(self.tr("Evaluation"))
        self.table.setAccessibleName(self.tr("Figures per group"))
        self.chart.setAccessibleName(self.tr("Chart"))
        self.period_label.setText(self.tr("Period"))
        periods = {
            "this_month": self.tr("This month"),
            "last_month": self.tr("Last month"),
            "this_quarter": self.tr("This quarter"),
            "this_year": self.tr("This year"),
            "custom": self.tr("From – to"),
        }
        for i, preset in enumerate(PERIODS):
            self.period.setItemText(i, periods[preset])
        self.group_label.setText(self.tr("Group by"))
        groups = {"inspector": self.tr("inspector"), "district": self.tr("district"), "unit": self.tr("disposal unit")}
        for i, by in enumerate(GROUPINGS):
            self.grouping.setItemText(i, groups[by])
        self.refresh_button.setText(self.tr("Refresh"))
        self.export_button.setText(self.tr("Export CSV…"))
        self.retry_button.setText(self.tr("Try again"))
        self.loading_label.setText(self.tr("Loading the figures…"))
        self.chart_label.setText(self.tr("Chart"))
        for i, rate in enumerate(RATES):
            self.chart_rate.setItemText(i, self.model.title(rate))
        if self.model.rowCount():
            self.model.set_names(self._names(self.model.rows(), self.model.by))
            self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
            self._update_chart()
        self._update_summary()

    def shutdown(self) -> None:
        """Stop timers and wait for a request in flight (closing the desk, tests)."""
        self._debounce.stop()
        self._retry.stop()
        self.tasks.wait()
