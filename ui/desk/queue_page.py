"""The desk's queue: filters, the lazy table of cases, new-case announcements, bulk dispatch, CSV export.

The review desk shows its districts' cases (by default those waiting for a supervisor's decision);
the unit desk the cases dispatched to the unit. Every few seconds the page asks the server for
new cases (urgent ones at the review desk, newly dispatched ones at the unit desk) and announces
them in a banner above the table, without moving the table.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

import ui.pyside_fix  # noqa: F401  (PySide6 6.12.0 drops references to None/True: see there)
from app import desk
from app.desk import DeskClient, DeskError, QueueFilter
from app.domain.calendar import WorkingCalendar
from app.domain.catalogue import Catalogue
from ui.desk.connection import DeskConnection, desk_message
from ui.desk.decisions import BulkDispatchDialog, action_name
from ui.desk.queue_model import REVIEW_COLUMNS, UNIT_COLUMNS, QueueModel, QueueRow
from ui.desk.reassign import FINAL, ReassignDialog, count_text
from ui.errors import state_name
from ui.theme import current_theme_name, palette_colors
from ui.widgets.common import error_style, touch, touch_button, wrap_label

log = logging.getLogger(__name__)

POLL_MS = 30_000
COLUMN_WIDTHS = {
    "urgency": 96,
    "case": 170,
    "subtype": 120,
    "state": 96,
    "district": 56,
    "inspector": 110,
    "received": 124,
    "left": 130,
    "address": 320,
}
SEARCH_DELAY_MS = 300
ALL_STATES = ("received", "filed", "dispatched", "disposed", "verified", "closed", "returned", "rejected", "duplicate")
TO_DECIDE = ("received", "filed", "disposed", "verified")


def first_filter(mode: str) -> QueueFilter:
    """The filter a desk opens on (the first choice of its state filter, nothing else chosen)."""
    return QueueFilter(states=TO_DECIDE if mode == "review" else ("dispatched",))


class QueuePage(QWidget):
    case_chosen = Signal(str)  # a case id
    announced = Signal(list)  # the new cases announced (dicts)
    bulk_done = Signal(list)  # [(row, ok, text)] per case
    reassign_done = Signal(dict)  # the server's per-case answer to a reassignment

    def __init__(
        self,
        connection: DeskConnection,
        catalogue: Catalogue,
        calendar: WorkingCalendar,
        *,
        mode: str = "review",
        language: str = "zh_CN",
        poll_ms: int = POLL_MS,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(f"{mode}Queue")
        self.connection = connection
        self.catalogue, self.calendar, self.language = catalogue, calendar, language
        self.mode = mode
        self.model = QueueModel(
            connection,
            catalogue,
            calendar,
            columns=REVIEW_COLUMNS if mode == "review" else UNIT_COLUMNS,
            language=language,
            parent=self,
        )
        self.seen_new: set[str] | None = None  # announced or present when the desk opened
        self.bulk_report: list[tuple[QueueRow, bool, str]] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

        # Filters, in two rows (they fit beside the case view on a 1366-pixel screen).
        bar = QHBoxLayout()
        bar.setSpacing(6)
        bar2 = QHBoxLayout()
        bar2.setSpacing(6)
        self.state = QComboBox(self)
        self.state.setObjectName("filterState")
        self.type = QComboBox(self)
        self.type.setObjectName("filterType")
        self.subtype = QComboBox(self)
        self.subtype.setObjectName("filterSubtype")
        self.district = QComboBox(self)
        self.district.setObjectName("filterDistrict")
        self.inspector = QLineEdit(self)
        self.inspector.setObjectName("filterInspector")
        self.search = QLineEdit(self)
        self.search.setObjectName("filterSearch")
        self.search.setClearButtonEnabled(True)
        self.overdue = QCheckBox(self)
        self.overdue.setObjectName("filterOverdue")
        for combo in (self.state, self.type, self.subtype, self.district):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(14 if combo is self.state else 6)
        for w in (self.state, self.type, self.subtype, self.district, self.inspector, self.search):
            w.setMinimumHeight(touch())
        bar.addWidget(self.state, 2)
        bar.addWidget(self.type, 2)
        bar.addWidget(self.subtype, 2)
        if mode == "review":
            bar.addWidget(self.district, 2)
            bar2.addWidget(self.inspector, 1)
        else:
            self.district.hide()
            self.inspector.hide()
        bar2.addWidget(self.search, 3)
        bar2.addWidget(self.overdue)
        self._switch_row = bar2  # the List | Map switch goes at its end (add_map)
        self.map_page: QWidget | None = None
        self.map_shown = False
        layout.addLayout(bar)
        layout.addLayout(bar2)

        # The announcement banner and the connection's state.
        self.banner = QFrame(self)
        self.banner.setObjectName("announceBanner")
        banner_layout = QHBoxLayout(self.banner)
        banner_layout.setContentsMargins(8, 4, 8, 4)
        self.banner_text = wrap_label("", self.banner)
        self.banner_text.setObjectName("announceText")
        self.banner_show = touch_button("", self.banner, object_name="announceShow")
        self.banner_dismiss = touch_button("✕", self.banner, object_name="announceDismiss")
        banner_layout.addWidget(self.banner_text, 1)
        banner_layout.addWidget(self.banner_show)
        banner_layout.addWidget(self.banner_dismiss)
        self.banner.hide()
        layout.addWidget(self.banner)
        self.status = wrap_label("", self)
        self.status.setObjectName("queueStatus")
        layout.addWidget(self.status)

        # The table.
        self.view = QTableView(self)
        self.view.setObjectName("queueTable")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(
            QAbstractItemView.SelectionMode.ExtendedSelection
            if mode == "review"
            else QAbstractItemView.SelectionMode.SingleSelection
        )
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(max(36, touch() * 3 // 4))
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        columns = self.model.columnCount()
        for i in range(columns):
            name = REVIEW_COLUMNS[i] if mode == "review" else UNIT_COLUMNS[i]
            self.view.setColumnWidth(i, COLUMN_WIDTHS.get(name, 100))
        layout.addWidget(self.view, 1)
        self.empty = wrap_label("", self)
        self.empty.setObjectName("queueEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.hide()
        layout.addWidget(self.empty)

        # Actions under the table.
        actions = QHBoxLayout()
        self.count = QLabel(self)
        self.count.setObjectName("queueCount")
        self.refresh_button = touch_button("", self, object_name="queueRefresh")
        self.bulk_button = touch_button("", self, object_name="bulkDispatch")
        self.export_button = touch_button("", self, object_name="exportCsv")
        actions.addWidget(self.count, 1)
        actions.addWidget(self.refresh_button)
        # Reassigning field work: the selection, or every open case of the inspector filtered on.
        self.reassign_button = touch_button("", self, object_name="bulkReassign")
        self.reassign_all_button = touch_button("", self, object_name="reassignInspector")
        if mode == "review":
            actions.addWidget(self.bulk_button)
            actions.addWidget(self.reassign_button)
            actions.addWidget(self.reassign_all_button)
        else:
            self.bulk_button.hide()
            self.reassign_button.hide()
            self.reassign_all_button.hide()
        actions.addWidget(self.export_button)
        layout.addLayout(actions)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filter)
        self.poll_timer = QTimer(self)
        self.poll_timer.setInterval(poll_ms)
        self.poll_timer.timeout.connect(self.poll)

        self._fill_choices()
        self.retranslate_ui()
        self.state.currentIndexChanged.connect(self.apply_filter)
        self.type.currentIndexChanged.connect(self.on_type_changed)
        self.subtype.currentIndexChanged.connect(self.apply_filter)
        self.district.currentIndexChanged.connect(self.apply_filter)
        self.overdue.toggled.connect(self.apply_filter)
        self.inspector.textChanged.connect(lambda _t: self._search_timer.start())
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.view.selectionModel().currentRowChanged.connect(self.on_view_current_row_changed)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_bulk())
        self.model.page_loaded.connect(self.on_model_page_loaded)
        self.model.load_failed.connect(self.on_model_load_failed)
        self.model.modelReset.connect(self._update_count)
        self.model.modelReset.connect(self._update_bulk)
        self.refresh_button.clicked.connect(self.model.refresh)
        self.bulk_button.clicked.connect(self.start_bulk_dispatch)
        self.reassign_button.clicked.connect(self.start_reassign)
        self.reassign_all_button.clicked.connect(self.start_reassign_inspector)
        self.inspector.textChanged.connect(lambda _t: self._update_reassign())
        self.export_button.clicked.connect(self.on_export_button_clicked)
        self.banner_show.clicked.connect(self.on_banner_show_clicked)
        self.banner_dismiss.clicked.connect(self.banner.hide)
        connection.trouble.connect(self.on_connection_trouble)
        connection.recovered.connect(self.on_connection_recovered)
        self._announced: list[dict[str, Any]] = []
        self._wanted: str | None = None  # a case to select once a page brings it
        self.unit_filter: str | None = None  # set from the evaluation's unit rows, until the next filter
        self._keep_unit = False
        self._update_bulk()

    # ------------------------------------------------------------ filters

    def _fill_choices(self) -> None:
        self.state.blockSignals(True)
        self.state.clear()
        # Each choice's data: its states joined by commas ("" for any state).
        if self.mode == "review":
            self.state.addItem("", ",".join(TO_DECIDE))
            self.state.addItem("", "")
            for s in ALL_STATES:
                self.state.addItem("", s)
        else:
            self.state.addItem("", "dispatched")
            self.state.addItem("", "disposed,verified,closed")
            self.state.addItem("", "")
        self.state.blockSignals(False)
        self.type.blockSignals(True)
        self.type.clear()
        self.type.addItem("", None)
        for t in self.catalogue.types:
            self.type.addItem(t.name(self.language), t.code)
        self.type.blockSignals(False)
        self._fill_subtypes()
        self.district.blockSignals(True)
        self.district.clear()
        self.district.addItem("", None)
        login = self.connection.login
        for code in login.districts if login else ():
            self.district.addItem(code, code)
        self.district.blockSignals(False)

    def _rename_choices(self) -> None:
        """The catalogue's names in the interface's language, the choices kept."""
        for i in range(1, self.type.count()):
            found = next((t for t in self.catalogue.types if t.code == self.type.itemData(i)), None)
            if found is not None:
                self.type.setItemText(i, found.name(self.language))
        for i in range(1, self.subtype.count()):
            code = self.subtype.itemData(i)
            sub = next((s for t in self.catalogue.types for s in t.subtypes if s.code == code), None)
            if sub is not None:
                self.subtype.setItemText(i, sub.name(self.language))

    def _fill_subtypes(self) -> None:
        self.subtype.blockSignals(True)
        current = self.subtype.currentData()
        self.subtype.clear()
        self.subtype.addItem(self.tr("any kind"), None)
        code = self.type.currentData()
        for t in self.catalogue.types:
            if code is None or t.code == code:
                for s in t.subtypes:
                    self.subtype.addItem(s.name(self.language), s.code)
        index = self.subtype.findData(current)
        self.subtype.setCurrentIndex(max(0, index))
        self.subtype.blockSignals(False)

    def on_type_changed(self) -> None:
        self._fill_subtypes()
        self.apply_filter()

    def current_filter(self) -> QueueFilter:
        subtype = self.subtype.currentData()
        case_type = self.type.currentData()
        if subtype and not case_type:  # a subtype's code is only unique within its type
            case_type = next((t.code for t in self.catalogue.types if t.subtype(subtype)), None)
        return QueueFilter(
            states=tuple(s for s in str(self.state.currentData() or "").split(",") if s),
            type=case_type,
            subtype=subtype,
            district=self.district.currentData() if self.mode == "review" else None,
            inspector=self.inspector.text().strip() or None if self.mode == "review" else None,
            unit=self.unit_filter,
            overdue=True if self.overdue.isChecked() else None,
            search=self.search.text().strip(),
        )

    def show_group(self, by: str, key: str) -> None:
        """Every case of one inspector, district or unit (from the evaluation), in any state."""
        for w in (self.state, self.district, self.inspector):
            w.blockSignals(True)
        self.state.setCurrentIndex(max(0, self.state.findData("")))
        self.inspector.setText(key if by == "inspector" else "")
        self.unit_filter = key if by == "unit" else None
        if by == "district":
            if self.district.findData(key) < 0:
                self.district.addItem(key, key)
            self.district.setCurrentIndex(self.district.findData(key))
        else:
            self.district.setCurrentIndex(0)
        for w in (self.state, self.district, self.inspector):
            w.blockSignals(False)
        self._keep_unit = True
        self.apply_filter()

    def apply_filter(self) -> None:
        if not self._keep_unit:
            self.unit_filter = None  # a unit chosen in the evaluation holds until the user filters again
        self._keep_unit = False
        self._search_timer.stop()
        self.status.setText(self.tr("Loading…"))
        self.status.setStyleSheet("")
        self.model.set_filter(self.current_filter())

    def start(self) -> None:
        """Show the first page, then start listening for new cases (the first poll waits for the first
        page, so that the two do not share the server's attention)."""
        self.model.page_loaded.connect(self._start_polling, Qt.ConnectionType.SingleShotConnection)
        self.apply_filter()

    def _start_polling(self, _rows: int = 0) -> None:
        self.poll()
        self.poll_timer.start()

    def stop(self) -> None:
        self.poll_timer.stop()

    # ------------------------------------------------------------ model and view

    def on_model_page_loaded(self, rows: int) -> None:
        self.status.setText("")
        if self.model.order != "queue" and self.mode == "review" and rows:
            self.status.setText(self.tr("Newest first (this server cannot sort urgent-first yet)."))
        self._update_count()
        if self._wanted is not None:
            if self.select_case(self._wanted) or not self.model.canFetchMore():
                self._wanted = None
            return
        if rows and not self.view.currentIndex().isValid():
            self.view.setCurrentIndex(self.model.index(0, 0))

    def on_model_load_failed(self, exc: BaseException) -> None:
        self.status.setText(desk_message(exc))
        self.status.setStyleSheet(error_style())

    def _update_count(self) -> None:
        rows = self.model.rowCount()
        loading = self.model.loading or self.model.filter is None
        self.empty.setVisible(rows == 0 and not loading and not self.map_shown)
        self.view.setVisible((rows > 0 or loading) and not self.map_shown)
        more = "+" if self.model.canFetchMore() else ""
        self.count.setText(self.tr("%1 cases shown").replace("%1", f"{rows}{more}"))

    def on_view_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.model.row_at(current.row())
        if row is not None:
            self.case_chosen.emit(row.id)

    def select_case(self, case_id: str) -> bool:
        """Select the case's row, if the queue holds it; otherwise select it when a page brings it."""
        row = self.model.row_of_id(case_id)
        if row < 0:
            self._wanted = case_id if self.model.loading else None
            return False
        self._wanted = None
        self.view.selectionModel().setCurrentIndex(
            self.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
        )
        return True

    def selected_rows(self) -> list[QueueRow]:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        return [r for r in (self.model.row_at(i) for i in rows) if r is not None]

    def case_changed(self, case: dict[str, Any]) -> None:
        self.model.update_case(case)
        self._update_bulk()

    # ------------------------------------------------------------ the map (ui/desk/map_page.py)

    def add_map(self, page: QWidget, switch: QWidget) -> None:
        """`page` shows in the table's place while the map is chosen (`set_map_shown`); the filters serve both."""
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(layout.indexOf(self.empty) + 1, page, 1)
        page.hide()
        self._switch_row.addWidget(switch)
        self.map_page = page

    def set_map_shown(self, shown: bool) -> None:
        self.map_shown = shown and self.map_page is not None
        if self.map_page is not None:
            self.map_page.setVisible(self.map_shown)
        self._update_count()

    # ------------------------------------------------------------ connection state

    def on_connection_trouble(self, text: str) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(error_style())

    def on_connection_recovered(self) -> None:
        self.status.setText(self.tr("Connected again."))
        self.status.setStyleSheet("")

    # ------------------------------------------------------------ announcements

    def poll(self) -> None:
        """Ask for new cases (urgent received ones, or newly dispatched ones) and announce them."""
        flt = QueueFilter(states=("received",)) if self.mode == "review" else QueueFilter(states=("dispatched",))
        mode = self.mode

        def fetch(client: DeskClient) -> list[dict[str, Any]]:
            cases = client.queue(flt, None, 100).cases
            return [c for c in cases if mode != "review" or c.get("hazard") == "urgent"]

        self.connection.call(fetch, self._on_polled, lambda exc: log.info("poll failed: %s", exc), owner=self)

    def _on_polled(self, cases: list[dict[str, Any]]) -> None:
        ids = {str(c.get("id")) for c in cases}
        if self.seen_new is None:
            self.seen_new = ids
            return
        new = [c for c in cases if str(c.get("id")) not in self.seen_new]
        self.seen_new |= ids
        if not new:
            return
        self._announced = new
        first = new[0]
        try:
            kind = self.catalogue.subtype(str(first.get("type")), str(first.get("subtype"))).name(self.language)
        except Exception:
            kind = str(first.get("subtype"))
        if self.mode == "review":
            text = (
                self.tr("New urgent case: %1 at %2").replace("%1", kind).replace("%2", str(first.get("address") or "—"))
            )
        else:
            text = (
                self.tr("New case dispatched to you: %1 at %2")
                .replace("%1", kind)
                .replace("%2", str(first.get("address") or "—"))
            )
        if len(new) > 1:
            text += " " + self.tr("(and %1 more)").replace("%1", str(len(new) - 1))
        self.banner_text.setText(text)
        colors = palette_colors(current_theme_name())
        self.banner.setStyleSheet(
            f"#announceBanner {{ background: {colors['warning_bg'].name()}; border: 2px solid "
            f"{colors['warning_border'].name()}; }} #announceText {{ color: {colors['warning_text'].name()}; "
            "font-weight: bold; }"
        )
        self.banner.show()
        self.announced.emit(new)

    def on_banner_show_clicked(self) -> None:
        self.banner.hide()
        if self._announced:
            case_id = str(self._announced[0].get("id"))
            self.model.refresh()
            self._wanted = case_id
            self.case_chosen.emit(case_id)

    # ------------------------------------------------------------ bulk dispatch

    def _update_bulk(self) -> None:
        self._update_reassign()
        filed = [r for r in self.selected_rows() if r.state == "filed"]
        self.bulk_button.setEnabled(
            bool(filed) and self.connection.login is not None and self.connection.login.role == "supervisor"
        )
        self.bulk_button.setText(self.tr("Dispatch selected (%1)").replace("%1", str(len(filed))))

    def start_bulk_dispatch(self) -> BulkDispatchDialog | None:
        rows = [r for r in self.selected_rows() if r.state == "filed"]
        if not rows:
            return None
        dialog = BulkDispatchDialog(rows, self.catalogue, language=self.language, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.bulk_dispatch(rows, dialog.chosen_unit()))
        self.bulk_dialog = dialog
        dialog.open()
        return dialog

    def bulk_dispatch(self, rows: Sequence[QueueRow], unit: str | None) -> None:
        """Dispatch each case in turn; report per case what happened (some may be refused)."""
        rows = list(rows)

        def work(client: DeskClient) -> list[tuple[QueueRow, bool, str, dict[str, Any] | None]]:
            out: list[tuple[QueueRow, bool, str, dict[str, Any] | None]] = []
            for row in rows:
                try:
                    case = client.decide(row.id, "dispatch", unit=unit, version=row.version)
                    out.append((row, True, str(case.get("unit") or ""), case))
                except DeskError as exc:
                    if exc.retryable and exc.kind != desk.SERVER:
                        out.append((row, False, f"!{exc.kind}", None))
                    else:
                        out.append((row, False, f"!{exc.kind}:{exc.message}", None))
            return out

        self.bulk_button.setEnabled(False)
        self.status.setText(self.tr("Dispatching %1 cases…").replace("%1", str(len(rows))))
        self.status.setStyleSheet("")
        self.connection.call(work, self._on_bulk_done, self.on_model_load_failed, owner=self)

    def _on_bulk_done(self, results: list[tuple[QueueRow, bool, str, dict[str, Any] | None]]) -> None:
        report: list[tuple[QueueRow, bool, str]] = []
        for row, ok, said, case in results:
            code = row.official_number or row.code
            if ok and case is not None:
                self.model.update_case(case)
                unit = self.catalogue.unit(said)
                text = (
                    self.tr("%1: dispatched to %2")
                    .replace("%1", code)
                    .replace("%2", unit.name(self.language) if unit else said)
                )
            else:
                kind, _, message = said[1:].partition(":")
                reason = desk_message(DeskError(kind, message or kind))
                text = self.tr("%1: not dispatched — %2").replace("%1", code).replace("%2", reason)
            report.append((row, ok, text))
        self.bulk_report = report
        done = sum(1 for _, ok, _ in report if ok)
        self.status.setText(
            self.tr("Dispatched %1 of %2.").replace("%1", str(done)).replace("%2", str(len(report)))
            + "\n"
            + "\n".join(text for _, _, text in report)
        )
        self.status.setStyleSheet("" if done == len(report) else error_style())
        self._update_bulk()
        self.bulk_done.emit(report)

    # ------------------------------------------------------------ reassigning field work

    def _may_reassign(self) -> bool:
        login = self.connection.login
        return login is not None and login.role in ("supervisor", "admin")

    def _update_reassign(self) -> None:
        open_ = [r for r in self.selected_rows() if r.state not in FINAL]
        self.reassign_button.setEnabled(bool(open_) and self._may_reassign())
        self.reassign_button.setText(self.tr("Reassign selected (%1)…").replace("%1", str(len(open_))))
        name = self.inspector.text().strip()
        self.reassign_all_button.setVisible(self.mode == "review" and bool(name))
        self.reassign_all_button.setEnabled(bool(name) and self._may_reassign())
        self.reassign_all_button.setText(self.tr("Reassign all open cases of %1…").replace("%1", name))

    def start_reassign(self) -> ReassignDialog | None:
        """The reassign dialog for the selected open cases."""
        rows = [r for r in self.selected_rows() if r.state not in FINAL]
        return self._open_reassign(ReassignDialog(self.connection, rows=rows, parent=self)) if rows else None

    def start_reassign_inspector(self) -> ReassignDialog | None:
        """The reassign dialog for every open case of the inspector in the filter."""
        name = self.inspector.text().strip()
        if not name:
            return None
        return self._open_reassign(ReassignDialog(self.connection, from_inspector=name, parent=self))

    def _open_reassign(self, dialog: ReassignDialog) -> ReassignDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.reassigned.connect(self._on_reassigned)
        self.reassign_dialog = dialog
        dialog.open()
        return dialog

    def _on_reassigned(self, answer: dict[str, Any]) -> None:
        refused = int(answer.get("refused", 0))
        self.status.setText(count_text(answer))
        self.status.setStyleSheet(error_style() if refused else "")
        self.model.refresh()
        self.reassign_done.emit(answer)

    # ------------------------------------------------------------ export

    def on_export_button_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export cases as CSV"), "cases.csv", "CSV (*.csv)")
        if path:
            self.export_csv(Path(path))

    def export_csv(self, path: Path) -> None:
        flt = self.current_filter()

        def work(client: DeskClient) -> int:
            return client.export_csv(path, flt)

        self.status.setText(self.tr("Exporting…"))
        self.status.setStyleSheet("")
        self.connection.call(
            work,
            lambda n: self.status.setText(
                self.tr("%1 cases exported to %2").replace("%1", str(n)).replace("%2", str(path))
            ),
            self.on_model_load_failed,
            owner=self,
        )

    # ------------------------------------------------------------ language

    def retranslate_ui(self) -> None:
        names = (
            [self.tr("Waiting for a decision"), self.tr("All states")] + [state_name(s) for s in ALL_STATES]
            if self.mode == "review"
            else [self.tr("To dispose of"), self.tr("Disposed"), self.tr("All")]
        )
        for i, name in enumerate(names):
            self.state.setItemText(i, name)
        self.type.setItemText(0, self.tr("any type"))
        self.subtype.setItemText(0, self.tr("any kind"))
        self.district.setItemText(0, self.tr("all my districts"))
        self.inspector.setPlaceholderText(self.tr("inspector"))
        self.search.setPlaceholderText(self.tr("Search code, number, address"))
        self.overdue.setText(self.tr("overdue only"))
        self.banner_show.setText(self.tr("Show"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.export_button.setText(self.tr("Export CSV…"))
        self.empty.setText(self.tr("No cases match these filters."))
        self._update_bulk()
        self._update_count()
        self.bulk_button.setToolTip(action_name("dispatch"))
        self.reassign_button.setToolTip(self.tr("Give the field work of the selected cases to another inspector"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.LanguageChange:
            from ui.i18n import current_language

            if current_language() != self.language:
                self.language = current_language()
                self.model.set_language(self.language)
                self._rename_choices()
            self.retranslate_ui()
        super().changeEvent(event)
