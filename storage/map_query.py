"""The map's reads: every live case's position and state in one pass, and a case's id from its row key.

Like the list (storage/case_query.py) the map holds SQLite rowids, not UUIDs: reading
100,000 ids touches every wide row, the rowid does not. A tapped case's id is read then.
One read-only connection per MapQuery (`mode=ro`, `query_only`); use one per thread.
"""

from __future__ import annotations

import sqlite3
from array import array
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import storage.db


@dataclass
class CasePoints:
    """Parallel arrays: row key, WGS-84 latitude and longitude, and the index of the state in `statuses`."""

    keys: array[int] = field(default_factory=lambda: array("q"))
    lats: array[float] = field(default_factory=lambda: array("d"))
    lons: array[float] = field(default_factory=lambda: array("d"))
    states: bytearray = field(default_factory=bytearray)
    statuses: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.keys)

    def add(self, key: int, lat: float, lon: float, status: str) -> None:
        try:
            index = self.statuses.index(status)
        except ValueError:
            index = len(self.statuses)
            self.statuses.append(status)
        self.keys.append(key)
        self.lats.append(lat)
        self.lons.append(lon)
        self.states.append(index)

    def status(self, i: int) -> str:
        return self.statuses[self.states[i]]


class MapQuery:
    """Read-only queries for the map on one connection of its own."""

    def __init__(self, database: Path) -> None:
        # The store's own opener where it has one (it knows how the database is kept), else plain SQLite.
        opener: Any = getattr(storage.db, "open_connection", None)
        if opener is not None:
            self._conn: sqlite3.Connection = opener(Path(database), readonly=True, timeout=5)
        else:
            uri = Path(database).resolve().as_uri() + "?mode=ro"
            self._conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False, timeout=5)
        self._conn.execute("PRAGMA query_only = 1")
        self._conn.execute("PRAGMA busy_timeout = 5000")

    def close(self) -> None:
        self._conn.close()

    def points(self) -> CasePoints:
        """Every live case that has a location.

        `+deleted_at` keeps SQLite off the live-cases index: through it each row is fetched in date
        order, a random read per case (2.0 s for 100,000 here), where one pass over the table in
        rowid order takes 0.7 s.
        """
        out = CasePoints()
        cursor = self._conn.execute(
            "SELECT rowid, lat, lon, status FROM cases "
            "WHERE +deleted_at IS NULL AND lat IS NOT NULL AND lon IS NOT NULL"
        )
        statuses: dict[str, int] = {}
        keys, lats, lons, states = out.keys, out.lats, out.lons, out.states
        for key, lat, lon, status in cursor:
            index = statuses.get(status)
            if index is None:
                index = statuses[status] = len(statuses)
                out.statuses.append(status)
            keys.append(key)
            lats.append(lat)
            lons.append(lon)
            states.append(index)
        return out

    def case_id(self, key: int) -> str | None:
        row = self._conn.execute("SELECT id FROM cases WHERE rowid = ? AND deleted_at IS NULL", (key,)).fetchone()
        return str(row[0]) if row else None
