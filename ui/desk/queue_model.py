"""The desk's queue: cases a filter matches, a page of the server at a time (cursor paging).

Like the tablet's case list (ui/models/case_list.py) it is lazy: the view asks for more rows
(`canFetchMore`/`fetchMore`) as it scrolls towards the end, and each page is fetched on a
worker; rows are appended when it arrives, so 100,000 cases page through without a stall.
Each row keeps only what the table shows, computed on the worker (time left included).
"""

from __future__ import annotations

import logging
import time
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal

import ui.pyside_fix  # noqa: F401  (PySide6 6.12.0 drops references to None/True: see there)
from app import desk
from app.desk import DeskClient, QueueFilter
from app.domain.calendar import WorkingCalendar
from app.domain.catalogue import Catalogue
from ui.desk.connection import DeskConnection
from ui.errors import state_name
from ui.theme import badge_colors, current_theme_name, palette_colors

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex

CaseIdRole = Qt.ItemDataRole.UserRole + 1
RowRole = Qt.ItemDataRole.UserRole + 2
UrgentRole = Qt.ItemDataRole.UserRole + 3
StateRole = Qt.ItemDataRole.UserRole + 4

REVIEW_COLUMNS = ("urgency", "case", "subtype", "state", "district", "inspector", "received", "left", "address")
UNIT_COLUMNS = ("urgency", "case", "subtype", "state", "left", "address", "received")


@dataclass(frozen=True)
class QueueRow:
    """One case as the queue shows it."""

    id: str
    code: str
    official_number: str | None
    type: str
    subtype: str
    hazard: str
    state: str
    district: str
    inspector: str
    unit: str
    address: str
    received_at: str
    hours_left: float | None  # the nearest open deadline; negative: overdue
    overdue: bool
    version: int | None
    assignee: str = ""  # who holds the field work, when a reassignment gave it to someone else

    @property
    def urgent(self) -> bool:
        return self.hazard == "urgent"

    @property
    def people(self) -> str:
        """The inspector column: the reporter, and the holder after an arrow when the work was reassigned."""
        return f"{self.inspector} → {self.assignee}" if self.assignee else self.inspector


def row_of(case: dict[str, Any], catalogue: Catalogue, calendar: WorkingCalendar, now: datetime) -> QueueRow:
    server = case.get("server") or {}
    holder = str(case.get("assignee") or "")
    left: float | None = None
    overdue = False
    try:
        open_ = [d for d in desk.deadlines_of(case, catalogue, calendar, now) if d.met_at is None]
    except (ValueError, KeyError):
        open_ = []
    if open_:
        nearest = min(open_, key=lambda d: d.due_at)
        left = nearest.hours_left
        overdue = any(d.overdue for d in open_)
    return QueueRow(
        id=str(case.get("id")),
        code=str(case.get("code") or ""),
        official_number=case.get("official_number"),
        type=str(case.get("type") or ""),
        subtype=str(case.get("subtype") or ""),
        hazard=str(case.get("hazard") or ""),
        state=str(case.get("status") or ""),
        district=str(case.get("district") or ""),
        inspector=str(case.get("inspector") or ""),
        unit=str(case.get("unit") or ""),
        address=str(case.get("address") or ""),
        received_at=str(server.get("received_at") or ""),
        hours_left=left,
        overdue=overdue,
        version=server.get("version"),
        assignee=holder if holder and holder != case.get("inspector") else "",
    )


def holder_text(reporter: str, holder: str) -> str:
    """ "Reporter: A · Held by: B" (the case view's facts and the queue's tooltip)."""
    from PySide6.QtCore import QCoreApplication

    return (
        QCoreApplication.translate("Desk", "Reporter: %1 · Held by: %2")
        .replace("%1", reporter or "—")
        .replace("%2", holder or "—")
    )


def format_left(hours: float | None) -> str:
    """Time left as the desk reads it: "3.5 h left", "2 d 4 h left", "overdue 5 h"."""
    from PySide6.QtCore import QCoreApplication

    if hours is None:
        return ""
    span = abs(hours)
    if span < 24:
        amount = QCoreApplication.translate("Desk", "%1 h").replace("%1", f"{span:.1f}")
    else:
        amount = (
            QCoreApplication.translate("Desk", "%1 d %2 h")
            .replace("%1", str(int(span // 24)))
            .replace("%2", str(int(span % 24)))
        )
    if hours < 0:
        return QCoreApplication.translate("Desk", "overdue %1").replace("%1", amount)
    return QCoreApplication.translate("Desk", "%1 left").replace("%1", amount)


def short_time(iso: str) -> str:
    if not iso:
        return ""
    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return iso


class QueueModel(QAbstractTableModel):
    """The cases of a filter, a page at a time; the view's scrolling asks for the next page."""

    page_loaded = Signal(int)  # rows now in the model (after each page)
    load_failed = Signal(object)

    def __init__(
        self,
        connection: DeskConnection,
        catalogue: Catalogue,
        calendar: WorkingCalendar,
        *,
        columns: tuple[str, ...] = REVIEW_COLUMNS,
        language: str = "zh_CN",
        page_size: int = desk.PAGE,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._connection = connection
        self._catalogue = catalogue
        self._calendar = calendar
        self._columns = columns
        self._language = language
        self._page_size = page_size
        self._rows: list[QueueRow] = []
        self._texts: dict[int, tuple[str, ...]] = {}  # row -> its cells' texts, made when first shown
        self._headers: list[str] | None = None
        self._filter: QueueFilter | None = None
        self._cursor: str | None = None
        self._more = False
        self._loading = False
        self._generation = 0
        self.order = "newest"
        self._look: dict[str, Any] | None = None  # the theme's colours and fonts, read once (data() is hot)
        self._prefetched: tuple[QueueFilter, int, Future[desk.Page]] | None = None
        self.last_page_seconds = 0.0
        self.pages = 0

    # ------------------------------------------------------------ filter and pages

    @property
    def filter(self) -> QueueFilter | None:
        return self._filter

    @property
    def loading(self) -> bool:
        return self._loading

    @property
    def complete(self) -> bool:
        """Every page of the current filter is in."""
        return self._filter is not None and not self._loading and not self._more

    def set_filter(self, flt: QueueFilter) -> None:
        """Show the first page of `flt` (asynchronously: watch `page_loaded`)."""
        self._filter = flt
        self._generation += 1
        self._loading = True  # (before the reset: whoever hears it sees a page on its way)
        self.beginResetModel()
        self._rows = []
        self._texts = {}
        self._cursor = None
        self._more = False
        self.pages = 0
        self.endResetModel()
        self._load(None)

    def use_prefetched(self, flt: QueueFilter, future: Future[desk.Page], page_size: int = desk.PAGE) -> None:
        """The first page of `flt` is already on its way (asked for at login): the next `set_filter(flt)`
        takes it instead of asking again."""
        self._prefetched = (flt, page_size, future)

    def refresh(self) -> None:
        if self._filter is not None:
            self.set_filter(self._filter)

    def _load(self, cursor: str | None) -> None:
        flt = self._filter
        if flt is None:
            return
        self._loading = True
        generation = self._generation
        catalogue, calendar, size = self._catalogue, self._calendar, self._page_size
        start = time.perf_counter()

        prefetched = self._prefetched if cursor is None and self._prefetched is not None else None
        self._prefetched = None
        if prefetched is not None and (prefetched[0] != flt or prefetched[1] != size):
            prefetched = None

        def fetch(client: DeskClient) -> tuple[desk.Page, list[QueueRow]]:
            # The first page may have been asked for already, while the desk was being built.
            page = prefetched[2].result() if prefetched is not None else client.queue(flt, cursor, size)
            now = datetime.now(UTC)
            return page, [row_of(c, catalogue, calendar, now) for c in page.cases]

        def done(answer: tuple[desk.Page, list[QueueRow]]) -> None:
            if generation != self._generation:
                return
            page, rows = answer
            self._loading = False
            self.last_page_seconds = time.perf_counter() - start
            self.order = page.order
            self._cursor = page.next_cursor
            self._more = page.next_cursor is not None
            self.pages += 1
            if rows:
                first = len(self._rows)
                self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
                self._rows.extend(rows)
                self.endInsertRows()
            self.page_loaded.emit(len(self._rows))
            if self._more and not rows:
                self._load(self._cursor)  # a page emptied by a local search: ask for the next

        def failed(exc: BaseException) -> None:
            if generation != self._generation:
                return
            self._loading = False
            self.load_failed.emit(exc)

        self._connection.call(fetch, done, failed, owner=self, retry=True)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: N802, B008 (Qt override)
        if parent.isValid():
            return False
        return self._more and not self._loading

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: N802, B008 (Qt override)
        if parent.isValid() or not self._more or self._loading:
            return
        self._load(self._cursor)

    # ------------------------------------------------------------ rows

    def row_at(self, row: int) -> QueueRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of_id(self, case_id: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == case_id), -1)

    def update_case(self, case: dict[str, Any]) -> None:
        """A case changed (a decision): its row shows the new state."""
        i = self.row_of_id(str(case.get("id")))
        if i < 0:
            return
        self._rows[i] = row_of(case, self._catalogue, self._calendar, datetime.now(UTC))
        self._texts.pop(i, None)
        self.dataChanged.emit(self.index(i, 0), self.index(i, len(self._columns) - 1))

    def subtype_name(self, row: QueueRow) -> str:
        case_type = next((t for t in self._catalogue.types if t.code == row.type), None)
        sub = case_type.subtype(row.subtype) if case_type else None
        return sub.name(self._language) if sub else row.subtype

    def set_language(self, language: str) -> None:
        self._language = language
        self._texts = {}
        self._headers = None
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._columns) - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self._columns) - 1))

    # ------------------------------------------------------------ Qt's model interface

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 (Qt override)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 (Qt override)
        return 0 if parent.isValid() else len(self._columns)

    def flags(self, index: Index) -> Qt.ItemFlag:
        return _ROW_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if not 0 <= section < len(self._columns):
            return None
        if self._headers is None:
            self._headers = [_header(c) for c in self._columns]
        return self._headers[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Hot: a repaint asks each visible cell for a dozen roles; most are answered None at once.
        if role not in _DATA_ROLES or not index.isValid():
            return None
        r, c = index.row(), index.column()
        if not 0 <= r < len(self._rows) or not 0 <= c < len(self._columns):
            return None
        row = self._rows[r]
        if role == Qt.ItemDataRole.DisplayRole or role == Qt.ItemDataRole.AccessibleTextRole:
            return self._texts_of(r)[c]
        column = self._columns[c]
        if role == Qt.ItemDataRole.ForegroundRole:
            if (column == "urgency" and row.urgent) or (column == "left" and row.overdue):
                return self.look()["danger"]
            if column == "state":
                return self.look()["badges"](row.state)[1]
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            return self.look()["badges"](row.state)[0] if column == "state" else None
        if role == Qt.ItemDataRole.FontRole:
            if (column == "urgency" and row.urgent) or (column == "left" and row.overdue):
                return self.look()["bold"]
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == "case" and row.official_number:
                return f"{row.official_number} · {row.code}"
            if column == "inspector" and row.assignee:
                return holder_text(row.inspector, row.assignee)
            return (self._texts_of(r)[c] or None) if column in ("address", "case", "subtype") else None
        if role == CaseIdRole:
            return row.id
        if role == RowRole:
            return row
        if role == UrgentRole:
            return row.urgent
        if role == StateRole:
            return row.state
        return None

    def _texts_of(self, r: int) -> tuple[str, ...]:
        """A row's cell texts, made once (until the language or the row changes)."""
        texts = self._texts.get(r)
        if texts is None:
            row = self._rows[r]
            texts = tuple(self._text(row, column) for column in self._columns)
            self._texts[r] = texts
        return texts

    def look(self) -> dict[str, Any]:
        """The theme's colours for states and warnings, and a bold font (read once; `refresh_look` after a
        theme change)."""
        if self._look is None:
            from functools import lru_cache

            from PySide6.QtGui import QFont

            name = current_theme_name()
            bold = QFont()
            bold.setBold(True)
            self._look = {
                "danger": palette_colors(name)["danger"],
                "badges": lru_cache(maxsize=32)(lambda state: badge_colors(state, name)),
                "bold": bold,
            }
        return self._look

    def refresh_look(self) -> None:
        self._look = None
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self._columns) - 1))

    def _text(self, row: QueueRow, column: str) -> str:
        from PySide6.QtCore import QCoreApplication

        if column == "urgency":
            return QCoreApplication.translate("Desk", "URGENT") if row.urgent else ""
        if column == "case":
            return row.official_number or row.code
        if column == "subtype":
            return self.subtype_name(row)
        if column == "state":
            return state_name(row.state)
        if column == "district":
            return row.district
        if column == "inspector":
            return row.people
        if column == "received":
            return short_time(row.received_at)
        if column == "unit":
            return row.unit
        if column == "left":
            return format_left(row.hours_left)
        if column == "address":
            return row.address
        return ""


def _header(column: str) -> str:
    from PySide6.QtCore import QCoreApplication

    names = {
        "urgency": QCoreApplication.translate("Desk", "Urgency"),
        "case": QCoreApplication.translate("Desk", "Case"),
        "subtype": QCoreApplication.translate("Desk", "Kind"),
        "state": QCoreApplication.translate("Desk", "State"),
        "district": QCoreApplication.translate("Desk", "District"),
        "inspector": QCoreApplication.translate("Desk", "Inspector"),
        "received": QCoreApplication.translate("Desk", "Received"),
        "unit": QCoreApplication.translate("Desk", "Unit"),
        "left": QCoreApplication.translate("Desk", "Time left"),
        "address": QCoreApplication.translate("Desk", "Address"),
    }
    return names.get(column, column)


_ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
_DATA_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.AccessibleTextRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.BackgroundRole,
        Qt.ItemDataRole.FontRole,
        CaseIdRole,
        RowRole,
        UrgentRole,
        StateRole,
    }
)

__all__ = ["QueueModel", "QueueRow", "format_left", "row_of"]
