"""The case list model: the ordered keys of the cases a filter matches, with rows fetched lazily.

After Anki's browser table: the model holds only keys (see storage/case_query.py for why
rowids rather than UUIDs) and reads list rows in batches of `BATCH` when the view
asks for them, keeping a bounded number of batches; so 100,000 cases scroll as
quickly as 100. Keys are queried off the GUI thread on a connection of their own,
first page first (to paint at once), then all of them (appended, no reset).
Row batches are read on the GUI thread through another read-only connection
(about 2 ms per 100 rows); WAL lets both read while the Tablet's worker writes.
"""

from __future__ import annotations

import logging
import time
from array import array
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRunnable,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)

import ui.pyside_fix  # noqa: F401  (PySide6 6.12.0 drops references to None/True: see there)
from app.domain.catalogue import Catalogue
from app.queries import OPERATIONAL_ERRORS, WAITING_SYNCS, CaseFilter, CaseQuery, CaseRow

log = logging.getLogger(__name__)

BATCH = 100
MAX_CACHED_BATCHES = 64
FIRST_PAGE = 120

Index = QModelIndex | QPersistentModelIndex

# ------------------------------------------------------------ roles (named constants)

CaseIdRole = Qt.ItemDataRole.UserRole + 1
CaseRowRole = Qt.ItemDataRole.UserRole + 2
CodeRole = Qt.ItemDataRole.UserRole + 3
TypeRole = Qt.ItemDataRole.UserRole + 4
SubtypeRole = Qt.ItemDataRole.UserRole + 5
SubtypeNameRole = Qt.ItemDataRole.UserRole + 6
StatusRole = Qt.ItemDataRole.UserRole + 7
SyncRole = Qt.ItemDataRole.UserRole + 8
AddressRole = Qt.ItemDataRole.UserRole + 9
CreatedAtRole = Qt.ItemDataRole.UserRole + 10
PhotoCountRole = Qt.ItemDataRole.UserRole + 11
HazardRole = Qt.ItemDataRole.UserRole + 12
KeyRole = Qt.ItemDataRole.UserRole + 13
ReassignedToRole = Qt.ItemDataRole.UserRole + 14  # who took the field work, if not the inspector working here

_ROLE_NAMES = {
    CaseIdRole: b"caseId",
    CaseRowRole: b"caseRow",
    CodeRole: b"code",
    TypeRole: b"type",
    SubtypeRole: b"subtype",
    SubtypeNameRole: b"subtypeName",
    StatusRole: b"status",
    SyncRole: b"sync",
    AddressRole: b"address",
    CreatedAtRole: b"createdAt",
    PhotoCountRole: b"photoCount",
    HazardRole: b"hazard",
    KeyRole: b"key",
    ReassignedToRole: b"reassignedTo",
}


# ------------------------------------------------------------ the state chips


@dataclass(frozen=True)
class Chip:
    """A filter chip of the home page: its code and the filter it stands for."""

    code: str
    filter: CaseFilter


# The working lists (returned, tasks) leave out a case a supervisor gave to another inspector:
# it is read-only here, no work of the inspector's any more; "reassigned" keeps it findable.
CHIPS: tuple[Chip, ...] = (
    Chip("all", CaseFilter()),
    Chip("drafts", CaseFilter(statuses=("draft",))),
    Chip("waiting", CaseFilter(syncs=WAITING_SYNCS)),
    Chip("synced", CaseFilter(syncs=("synced",))),
    Chip("returned", CaseFilter(statuses=("returned",), reassigned_away=False)),
    Chip("tasks", CaseFilter(statuses=("disposed",), reassigned_away=False)),
    Chip("closed", CaseFilter(statuses=("closed", "rejected", "duplicate"))),
    Chip("reassigned", CaseFilter(reassigned_away=True)),
)
CHIP_FILTERS = {c.code: c.filter for c in CHIPS}


def chip_filter(chip: str, search: str = "") -> CaseFilter:
    return replace(CHIP_FILTERS.get(chip, CaseFilter()), search=search.strip())


def chip_counts(counts: dict[str, int]) -> dict[str, int]:
    """How many live cases each chip shows, from CaseQuery.counts()."""

    def total(prefix: str, values: Sequence[str]) -> int:
        return sum(counts.get(f"{prefix}:{v}", 0) for v in values)

    out: dict[str, int] = {}
    away = [k.removeprefix("away:") for k in counts if k.startswith("away:")]
    for chip in CHIPS:
        flt = chip.filter
        if flt.reassigned_away:
            out[chip.code] = total("away", flt.statuses or away)
        elif flt.statuses:
            out[chip.code] = total("status", flt.statuses)
            if flt.reassigned_away is False:
                out[chip.code] -= total("away", flt.statuses)
        elif flt.syncs:
            out[chip.code] = total("sync", flt.syncs)
        else:
            out[chip.code] = sum(n for k, n in counts.items() if k.startswith("status:"))
    return out


# ------------------------------------------------------------ loading keys off the GUI thread


class _Relay(QObject):
    """Lives on the GUI thread; queued signals bring a query's results to it."""

    page = Signal(int, object, float, bool)  # generation, keys, seconds, complete
    full = Signal(int, object, float)
    counts = Signal(int, object)
    failed = Signal(int, object)


class _KeysJob(QRunnable):
    """One part of a request: its first page ("page"), or all its keys and the counts ("rest")."""

    def __init__(
        self, loader: KeyLoader, generation: int, flt: CaseFilter, part: str, with_counts: bool, start: float
    ) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._loader, self._generation, self._filter = loader, generation, flt
        self._part, self._with_counts, self._start = part, with_counts, start

    def run(self) -> None:
        loader, gen = self._loader, self._generation
        interrupted: Exception | None = None
        for _attempt in range(3):
            try:
                self._answer()
                return
            except OPERATIONAL_ERRORS as exc:
                if "interrupt" not in str(exc).lower():
                    loader.relay.failed.emit(gen, exc)
                    return
                if loader.stale(gen):
                    return  # a newer query took over
                interrupted = exc  # meant for an older query that had just finished: ask again
            except Exception as exc:  # delivered to the GUI thread, logged and shown there
                loader.relay.failed.emit(gen, exc)
                return
        loader.relay.failed.emit(gen, interrupted)

    def _answer(self) -> None:
        loader, gen = self._loader, self._generation
        query = loader.query
        if loader.stale(gen):
            return
        if self._part == "page":
            keys = query.keys(self._filter, limit=FIRST_PAGE)
            complete = len(keys) < FIRST_PAGE
            loader.relay.page.emit(gen, keys, time.perf_counter() - self._start, complete)
            if not complete:
                return  # the rest is asked for once the first page is on screen
        else:
            keys = query.keys(self._filter)
        loader.relay.full.emit(gen, keys, time.perf_counter() - self._start)
        if self._with_counts and not loader.stale(gen):
            loader.relay.counts.emit(gen, query.counts())


class KeyLoader(QObject):
    """Runs key queries one at a time on a thread of its own; the newest request wins.

    A request is answered in two parts: the first page at once, and the rest when the
    model asks for it (after the first page is painted), so that reading 100,000 keys
    does not hold the GIL while the GUI thread paints.
    """

    def __init__(self, database: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.query = CaseQuery(database)
        self.relay = _Relay(self)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._generation = 0
        self._closed = False
        self._request: tuple[CaseFilter, bool, float] | None = None

    def stale(self, generation: int) -> bool:
        return generation != self._generation or self._closed

    def request(self, flt: CaseFilter, *, with_counts: bool = False) -> int:
        """Start a query; a running older one is interrupted. Returns the request's generation."""
        self._generation += 1
        if self._pool.activeThreadCount():
            self.query.interrupt()
        start = time.perf_counter()
        self._request = (flt, with_counts, start)
        self._pool.start(_KeysJob(self, self._generation, flt, "page", with_counts, start))
        return self._generation

    def request_rest(self, generation: int) -> None:
        """Read the remaining keys of a request whose first page has arrived."""
        if self.stale(generation) or self._request is None:
            return
        flt, with_counts, start = self._request
        self._pool.start(_KeysJob(self, generation, flt, "rest", with_counts, start))

    @property
    def generation(self) -> int:
        return self._generation

    def wait(self, msecs: int = 30000) -> bool:
        return bool(self._pool.waitForDone(msecs))

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._generation += 1
        self.query.interrupt()
        self._pool.waitForDone(30000)
        self.query.close()


# ------------------------------------------------------------ the model


class CaseListModel(QAbstractListModel):
    """Cases matching a filter, newest first; rows are read lazily in batches."""

    page_loaded = Signal()  # the first page of the current filter is in (paint now)
    loaded = Signal()  # every key of the current filter is in
    counts_changed = Signal(dict)  # chip code -> number of cases
    load_failed = Signal(object)

    def __init__(
        self,
        database: Path,
        catalogue: Catalogue | None = None,
        language: str = "zh_CN",
        parent: QObject | None = None,
        *,
        batch: int = BATCH,
        max_batches: int = MAX_CACHED_BATCHES,
    ) -> None:
        super().__init__(parent)
        self._reader = CaseQuery(database)
        self._loader = KeyLoader(database, self)
        self._loader.relay.page.connect(self.on_loader_page)
        self._loader.relay.full.connect(self.on_loader_full)
        self._loader.relay.counts.connect(self.on_loader_counts)
        self._loader.relay.failed.connect(self.on_loader_failed)
        self._catalogue = catalogue
        self._language = language
        self._batch = batch
        self._max_batches = max_batches
        self._keys: array[int] = array("q")
        self._batches: OrderedDict[int, list[CaseRow | None]] = OrderedDict()
        self._filter: CaseFilter | None = None
        self._shown_filter: CaseFilter | None = None
        self._complete = False
        self.fetched_rows = 0  # rows read from the database so far (tests assert laziness)
        self.last_query_seconds = 0.0
        self._closed = False

    # ------------------------------------------------------------ filtering

    @property
    def filter(self) -> CaseFilter | None:
        return self._filter

    @property
    def complete(self) -> bool:
        """True when every key of the current filter is in the model."""
        return self._complete and self._shown_filter == self._filter

    def set_filter(self, flt: CaseFilter) -> None:
        """Show the cases `flt` matches (asynchronously: watch `page_loaded` / `loaded`)."""
        self._filter = flt
        self._complete = False
        self._loader.request(flt, with_counts=self._shown_filter is None)

    def refresh(self) -> None:
        """Re-read the current filter after cases changed; rows already shown stay in place."""
        if self._filter is not None and not self._closed:
            self._complete = False
            self._loader.request(self._filter, with_counts=True)

    def on_loader_page(self, generation: int, keys: array[int], seconds: float, complete: bool) -> None:
        if self._loader.stale(generation):
            return
        if not complete:
            # After this turn of the event loop has painted the page (posted events,
            # the view's update among them, run before timers).
            QTimer.singleShot(0, self, lambda: self._loader.request_rest(generation))
        if self._shown_filter == self._filter and self._keys[: len(keys)] == keys:
            return  # the same first page: wait for the full answer, keep what is shown
        self._reset_to(keys)
        self._shown_filter = self._filter
        self.page_loaded.emit()

    def on_loader_full(self, generation: int, keys: array[int], seconds: float) -> None:
        if self._loader.stale(generation):
            return
        self.last_query_seconds = seconds
        shown = len(self._keys)
        if self._shown_filter == self._filter and keys == self._keys:
            self._batches.clear()  # rows may have changed: re-read what is visible
            if shown:
                self.dataChanged.emit(self.index(0), self.index(shown - 1))
        elif self._shown_filter == self._filter and len(keys) > shown and keys[:shown] == self._keys:
            self.beginInsertRows(QModelIndex(), shown, len(keys) - 1)
            self._keys = keys
            self.endInsertRows()
        else:
            self._reset_to(keys)
            self._shown_filter = self._filter
            self.page_loaded.emit()
        self._complete = True
        self.loaded.emit()

    def on_loader_counts(self, generation: int, counts: dict[str, int]) -> None:
        self.counts_changed.emit(chip_counts(counts))

    def on_loader_failed(self, generation: int, exc: BaseException) -> None:
        if self._loader.stale(generation):
            return
        log.error("case list query failed: %r", exc)
        self.load_failed.emit(exc)

    def _reset_to(self, keys: array[int]) -> None:
        self.beginResetModel()
        self._keys = keys
        self._batches.clear()
        self.endResetModel()

    def set_language(self, language: str) -> None:
        """Subtype names follow the interface language."""
        self._language = language
        if self._keys:
            self.dataChanged.emit(self.index(0), self.index(len(self._keys) - 1), [SubtypeNameRole])

    # ------------------------------------------------------------ rows

    def _row(self, row: int) -> CaseRow | None:
        number = row // self._batch
        cached = self._batches.get(number)
        if cached is None:
            start = number * self._batch
            keys = self._keys[start : start + self._batch]
            found = self._reader.rows(keys)
            cached = [found.get(k) for k in keys]
            self.fetched_rows += len(keys)
            self._batches[number] = cached
            while len(self._batches) > self._max_batches:
                self._batches.popitem(last=False)
        else:
            self._batches.move_to_end(number)
        return cached[row - number * self._batch]

    def key_at(self, row: int) -> int | None:
        return self._keys[row] if 0 <= row < len(self._keys) else None

    def row_of_key(self, key: int) -> int:
        try:
            return self._keys.index(key)
        except ValueError:
            return -1

    def case_id(self, row: int) -> str | None:
        if not 0 <= row < len(self._keys):
            return None
        found = self._row(row)
        return found.id if found else None

    def subtype_name(self, row: CaseRow) -> str:
        if self._catalogue is None:
            return row.subtype
        case_type = next((t for t in self._catalogue.types if t.code == row.type), None)
        sub = case_type.subtype(row.subtype) if case_type else None
        return sub.name(self._language) if sub else row.subtype

    # ------------------------------------------------------------ Qt's model interface

    def rowCount(self, parent: Index | None = None) -> int:  # noqa: N802 (Qt override)
        if parent is not None and parent.isValid():
            return 0
        return len(self._keys)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def roleNames(self) -> dict[int, QByteArray]:  # noqa: N802 (Qt override)
        names = dict(super().roleNames())
        names.update({int(role): QByteArray(name) for role, name in _ROLE_NAMES.items()})
        return names

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._keys) or index.column() != 0:
            return None
        if role == KeyRole:
            return self._keys[index.row()]
        if role not in _DATA_ROLES:
            return None
        row = self._row(index.row())
        if row is None:  # withdrawn since the keys were read; the next refresh drops it
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{self.subtype_name(row)} {row.code} {row.address}".strip()
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.address or row.code
        if role == CaseIdRole:
            return row.id
        if role == CaseRowRole:
            return row
        if role == CodeRole:
            return row.code
        if role == TypeRole:
            return row.type
        if role == SubtypeRole:
            return row.subtype
        if role == SubtypeNameRole:
            return self.subtype_name(row)
        if role == StatusRole:
            return row.status
        if role == SyncRole:
            return row.sync
        if role == AddressRole:
            return row.address
        if role == CreatedAtRole:
            return row.created_at
        if role == PhotoCountRole:
            return row.photo_count
        if role == HazardRole:
            return row.hazard
        if role == ReassignedToRole:
            return row.reassigned_to
        return None

    # ------------------------------------------------------------ lifetime

    def wait(self, msecs: int = 30000) -> bool:
        """Block until no key query runs (tests and shutdown)."""
        return self._loader.wait(msecs)

    def close(self) -> None:
        """Stop queries and close both connections."""
        if self._closed:
            return
        self._closed = True
        self._loader.close()
        self._reader.close()


_DATA_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.AccessibleTextRole,
        Qt.ItemDataRole.ToolTipRole,
        *_ROLE_NAMES,
    }
)
