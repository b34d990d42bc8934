"""The case list's reads: ordered row keys for a filter, list rows for keys, and the chip counts.

`where()` is the one meaning of a CaseFilter in SQL: the repository's queries use it
too (tests/ui/test_case_list.py checks that the list's order and members agree with
`Repository.case_ids`).

Why keys and not ids: the list holds the SQLite rowid of each case. Ordered rowids
come straight from the (deleted_at, created_ts) index, while reading the UUID of
100,000 cases touches every (wide) table row: 50–90 ms against 330–550 ms here.

Each CaseQuery owns one read-only connection (`mode=ro`, `query_only`): WAL lets it
read while the Tablet's worker writes. Use one per thread.
"""

from __future__ import annotations

import sqlite3  # the type of both libraries' connections (sqlcipher3 mirrors it)
from array import array
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from storage.db import OPERATIONAL_ERRORS, open_connection
from storage.records import CaseFilter, CaseRow

# Who works on this tablet now (app.services.Tablet.inspector reads it through
# Repository.working_inspector, so the lists and the tablet's rules agree): the logged-in
# inspector, else the tablet's default one.
WORKING_INSPECTOR_SQL = (
    "coalesce((SELECT nullif(value, '') FROM meta WHERE key = 'session_user'), "
    "(SELECT nullif(value, '') FROM meta WHERE key = 'default_inspector'), 'inspector')"
)


def reassigned_away_sql(column: str = "assignee") -> str:
    """A case whose field work a supervisor reassigned to someone else than that inspector (the
    `IS NOT NULL` term lets SQLite use the partial index cases_assignee)."""
    return f"({column} IS NOT NULL AND {column} != {WORKING_INSPECTOR_SQL})"


REASSIGNED_AWAY_SQL = reassigned_away_sql()
ROW_COLUMNS = (
    "rowid, id, code, type, subtype, status, hazard, address, created_at, updated_at, photo_count, "
    f"sync, official_number, lat, lon, CASE WHEN {REASSIGNED_AWAY_SQL} THEN assignee END"
)
WAITING_SYNCS = ("pending", "syncing", "failed")
SEARCH_WINDOW = 3000  # newest cases scanned for a search's first page before the full-text index


def where(flt: CaseFilter) -> tuple[str, list[Any]]:
    """The WHERE clause of a filter (same meaning as Repository._where).

    With a state, sync, type or reassigned-away condition the `deleted_at` test is written
    `+c.deleted_at`, which keeps SQLite on the status/sync (or assignee) index instead of scanning the live-cases
    index and reading every row (330 ms → 40 ms for "closed" over 100,000 cases).
    """
    narrowed = bool(flt.statuses or flt.syncs or flt.type or flt.reassigned_away)
    clauses = ["+c.deleted_at IS NULL" if narrowed else "c.deleted_at IS NULL"]
    params: list[Any] = []
    if flt.statuses:
        clauses.append(f"c.status IN ({','.join('?' * len(flt.statuses))})")
        params.extend(flt.statuses)
    if flt.syncs:
        clauses.append(f"c.sync IN ({','.join('?' * len(flt.syncs))})")
        params.extend(flt.syncs)
    if flt.type:
        clauses.append("c.type = ?")
        params.append(flt.type)
    if flt.reassigned_away is True:
        clauses.append(reassigned_away_sql("c.assignee"))
    elif flt.reassigned_away is False:
        clauses.append(f"NOT {reassigned_away_sql('c.assignee')}")
    term = flt.search.strip()
    if term:
        if len(term) >= 3:
            phrase = '"' + term.replace('"', '""') + '"'
            clauses.append("c.rowid IN (SELECT rowid FROM cases_fts WHERE cases_fts MATCH ?)")
            params.append(phrase)
        else:
            like = "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            clauses.append(
                "(c.code LIKE ? ESCAPE '\\' OR c.address LIKE ? ESCAPE '\\' OR c.description LIKE ? ESCAPE '\\')"
            )
            params.extend([like, like, like])
    return " AND ".join(clauses), params


class CaseQuery:
    """Read-only queries for the case list on one connection of its own."""

    def __init__(self, database: Path) -> None:
        self.database = database
        self._conn: sqlite3.Connection = open_connection(Path(database), readonly=True, timeout=5)
        self._conn.execute("PRAGMA query_only = 1")
        self._conn.execute("PRAGMA busy_timeout = 5000")

    def close(self) -> None:
        self._conn.close()

    def interrupt(self) -> None:
        """Abort the statement running on this connection (from any thread)."""
        self._conn.interrupt()

    def keys(self, flt: CaseFilter, limit: int | None = None) -> array[int]:
        """Row keys of the matching cases, newest first (the order of Repository.case_ids).

        With a `limit`, only the first page: SQLite walks the date index and stops early,
        so even a short search term that needs a LIKE scan answers its first page at once.
        A longer term would make SQLite gather every full-text match before the first row;
        the newest SEARCH_WINDOW cases are scanned first instead, and when they hold a
        full page it is the page (the first matches in date order all lie among them).
        """
        if limit is not None and len(flt.search.strip()) >= 3:
            page = self._recent_page(flt, limit)
            if page is not None:
                return page
        clause, params = where(flt)
        sql = f"SELECT c.rowid FROM cases c WHERE {clause} ORDER BY c.created_ts DESC, c.rowid DESC"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        cursor = self._conn.execute(sql, params)
        return array("q", [r[0] for r in cursor.fetchall()])

    def _recent_page(self, flt: CaseFilter, limit: int) -> array[int] | None:
        term = flt.search.strip()
        clause, params = where(replace(flt, search=""))
        like = "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        cursor = self._conn.execute(
            f"SELECT k FROM (SELECT c.rowid AS k, c.created_ts AS t, c.code, c.address, c.description "
            f"FROM cases c WHERE {clause} ORDER BY c.created_ts DESC, c.rowid DESC LIMIT {SEARCH_WINDOW}) "
            "WHERE code LIKE ? ESCAPE '\\' OR address LIKE ? ESCAPE '\\' OR description LIKE ? ESCAPE '\\' "
            f"ORDER BY t DESC, k DESC LIMIT {int(limit)}",
            [*params, like, like, like],
        )
        found = array("q", [r[0] for r in cursor.fetchall()])
        return found if len(found) >= limit else None

    def rows(self, keys: Sequence[int]) -> dict[int, CaseRow]:
        """List rows by key (any order in; a key whose case is gone is simply absent)."""
        out: dict[int, CaseRow] = {}
        for start in range(0, len(keys), 500):
            chunk = list(keys[start : start + 500])
            cursor = self._conn.execute(
                f"SELECT {ROW_COLUMNS} FROM cases WHERE rowid IN ({','.join('?' * len(chunk))})", chunk
            )
            for r in cursor:
                out[r[0]] = CaseRow(*r[1:])
        return out

    def counts(self) -> dict[str, int]:
        """Live cases per status and per sync state (keys "status:<s>", "sync:<s>"), and per status
        those reassigned away from the inspector working here ("away:<s>"; few, on a partial index).

        Counted over the covering status and sync indexes, minus the few withdrawn
        cases, so the wide table is not read (a plain GROUP BY took 300 ms at 100,000).
        """
        out: dict[str, int] = {}
        for column, index in (("status", "cases_status_created"), ("sync", "cases_sync")):
            totals = self._indexed(
                f"SELECT {column}, count(*) FROM cases INDEXED BY {index} GROUP BY {column}",
                f"SELECT {column}, count(*) FROM cases GROUP BY {column}",
            )
            deleted = dict(
                self._indexed(
                    f"SELECT {column}, count(*) FROM cases INDEXED BY cases_live_created "
                    f"WHERE deleted_at IS NOT NULL GROUP BY {column}",
                    f"SELECT {column}, count(*) FROM cases WHERE deleted_at IS NOT NULL GROUP BY {column}",
                )
            )
            for value, n in totals:
                out[f"{column}:{value}"] = int(n) - int(deleted.get(value, 0))
        away = self._conn.execute(
            f"SELECT status, count(*) FROM cases WHERE {REASSIGNED_AWAY_SQL} AND deleted_at IS NULL GROUP BY status"
        )
        for value, n in away:
            out[f"away:{value}"] = int(n)
        return out

    def _indexed(self, sql: str, fallback: str) -> list[Any]:
        """Run `sql`, which names an index; if a migration renamed it, the slower `fallback`."""
        try:
            return self._conn.execute(sql).fetchall()
        except OPERATIONAL_ERRORS as exc:
            if "no such index" not in str(exc):
                raise
            return self._conn.execute(fallback).fetchall()
