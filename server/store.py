"""The server's database: the engine, its transactions, and its migrations (Alembic).

SQLite (the default, a file in the data folder) runs in WAL mode with `synchronous=FULL`, so
a receipt is never given for a commit a power cut could take back; a write transaction
starts with `BEGIN IMMEDIATE`, so two writers queue on the lock instead of failing on the
upgrade from reader to writer. PostgreSQL runs at READ COMMITTED; concurrent writers meet
on unique keys and conditional updates.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager, nullcontext
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine

try:
    import fcntl
except ImportError:  # Windows: SQLite's own lock alone
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


class StoreError(Exception):
    """The database is not usable as it is."""


class DatabaseUnreachableError(StoreError):
    """The database cannot be opened or reached."""


class NotMigratedError(StoreError):
    """The database is not at the schema revision this server needs."""


def utcnow() -> datetime:
    return datetime.now(UTC)


def iso(moment: datetime | None) -> str | None:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds") if moment else None


def _alembic_config(connection: Connection | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def make_engine(url: str, *, pool_size: int = 20) -> Engine:
    if url.startswith("sqlite"):
        path = sa.engine.make_url(url).database
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = sa.create_engine(
            url,
            pool_size=pool_size,
            max_overflow=pool_size,
            connect_args={"check_same_thread": False, "timeout": 30},
        )

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_connection: Any, _record: Any) -> None:
            # SQLAlchemy, not the sqlite3 module, decides where transactions begin.
            dbapi_connection.isolation_level = None
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=FULL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=30000")
            # Reads through a memory map of the file instead of copying each page into the connection's
            # small cache: a year's evaluation figures scan every case row (100,000 rows: ~150 MB).
            cursor.execute("PRAGMA mmap_size=1073741824")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _on_begin(conn: Connection) -> None:
            immediate = conn.get_execution_options().get("fieldcase_write", False)
            conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

        return engine
    return sa.create_engine(url, pool_size=pool_size, max_overflow=pool_size, pool_pre_ping=True)


def _array_literal(values: Sequence[Any]) -> str:
    """A PostgreSQL array literal of these values, every element quoted (PostgreSQL casts each to the
    column's type): text with its backslashes and double quotes escaped, None as NULL.

    The intake's hot path (about 115 values a case): text without a backslash or a double quote is
    quoted as it is, and a batch's repeated moment (its `received_at`) is written once."""
    parts: list[str] = []
    append = parts.append
    moment: Any = None
    moment_text = ""
    for value in values:
        kind = type(value)
        if kind is str:
            if "\\" in value or '"' in value:
                value = value.replace("\\", "\\\\").replace('"', '\\"')
            append(f'"{value}"')
        elif value is None:
            append("NULL")
        elif kind is int:
            append(f'"{value}"')
        elif kind is bool:
            append('"t"' if value else '"f"')
        elif kind is float:
            append(f'"{value!r}"')  # the shortest text that reads back as the same double
        elif isinstance(value, datetime):
            if value is not moment:
                moment, moment_text = value, f'"{value.isoformat()}"'
            append(moment_text)
        else:
            raise TypeError(f"cannot store {kind.__name__} in a PostgreSQL array")
    return "{" + ",".join(parts) + "}"


class _WriterTurn:
    """SQLite's writers in turn: a lock for this process's threads, then an exclusive flock on a lock
    file shared with other processes. A process that dies holding it lets go with its file descriptors;
    SQLite's own lock still guards writers that skip it. (A second write transaction in the same
    thread cannot work anyway — it would wait for SQLite's lock the first holds — so the thread lock is
    re-entrant only so that such a mistake ends in SQLite's busy timeout rather than a hang.)"""

    def __init__(self, path: Path | None) -> None:
        self._lock = threading.RLock()
        self._path = path if fcntl is not None else None
        self._fd: int | None = None

    def __enter__(self) -> None:
        self._lock.acquire()
        try:
            if self._path is not None:
                if self._fd is None:
                    self._fd = os.open(self._path, os.O_RDWR | os.O_CREAT, 0o600)
                fcntl.flock(self._fd, fcntl.LOCK_EX)
        except BaseException:
            self._lock.release()
            raise

    def __exit__(self, *exc: object) -> None:
        try:
            if self._fd is not None:
                fcntl.flock(self._fd, fcntl.LOCK_UN)
        finally:
            self._lock.release()

    def close(self) -> None:
        with self._lock:
            if self._fd is not None:
                os.close(self._fd)
                self._fd = None


class Store:
    """One database: short transactions handed out as Core connections."""

    def __init__(self, url: str, *, pool_size: int = 20) -> None:
        self.url = url
        self.engine = make_engine(url, pool_size=pool_size)
        self.dialect = self.engine.dialect.name
        # SQLite has one writer at a time, and a writer that finds the lock taken polls for it in
        # growing sleeps (its busy handler), often long after it is free. Writers queue for their turn
        # instead and wake the moment the writer before them is done: the threads of one process on a
        # lock, the processes (several API workers) on a lock file beside the database.
        self._write_turn: _WriterTurn | None = None
        if self.dialect == "sqlite":
            path = self.engine.url.database
            self._write_turn = _WriterTurn(Path(f"{path}.writer") if path and path != ":memory:" else None)
        self._bulk: dict[tuple[str, tuple[str, ...], str | None], tuple[str, list[Any]]] = {}

    def close(self) -> None:
        self.engine.dispose()
        if self._write_turn is not None:
            self._write_turn.close()

    def insert(self, table: sa.Table) -> Any:
        """This database's INSERT, which knows ON CONFLICT (DO NOTHING / DO UPDATE)."""
        return (postgresql.insert if self.dialect == "postgresql" else sqlite.insert)(table)

    def insert_many(
        self, conn: Connection, table: sa.Table, rows: Sequence[Mapping[str, Any]], *, skip_on: str | None = None
    ) -> int:
        """Insert rows that all name the same columns in one statement; the number inserted.

        The intake's hot path (hundreds of rows a batch): each row's values go to the driver with
        only the columns' own conversions (a UTC datetime to SQLite's text), not SQLAlchemy's
        per-row parameter processing. On PostgreSQL one `INSERT … SELECT FROM unnest(arrays)`
        carries them all in a single round trip, where an executemany sends a statement a row; each
        column goes as one array literal (_array_literal) that PostgreSQL parses and casts to the
        column's type, several times cheaper than psycopg's adaptation of a list element by element;
        on SQLite the rows go to sqlite3's executemany. `skip_on`: a unique column whose
        conflicts are skipped (ON CONFLICT DO NOTHING) — the count then says how many were new.
        The engine's before_execute listeners do not see these statements."""
        if not rows:
            return 0
        names = tuple(rows[0])
        plan = self._bulk.get((table.name, names, skip_on))
        if plan is None:
            plan = self._bulk[(table.name, names, skip_on)] = self._bulk_plan(table, names, skip_on)
        sql, processors = plan
        try:
            columns = [[row[name] for row in rows] for name in names]
        except KeyError as exc:
            raise ValueError(f"every row inserted into {table.name} must name the same columns") from exc
        for index, process in enumerate(processors):
            if process is not None:
                columns[index] = [None if v is None else process(v) for v in columns[index]]
        if self.dialect == "postgresql":
            result = conn.exec_driver_sql(sql, tuple(_array_literal(column) for column in columns))
        else:
            result = conn.exec_driver_sql(sql, list(zip(*columns, strict=True)))
        return int(result.rowcount)

    def _bulk_plan(self, table: sa.Table, names: tuple[str, ...], skip_on: str | None) -> tuple[str, list[Any]]:
        dialect = self.engine.dialect
        prepare = dialect.identifier_preparer
        columns = [table.c[name] for name in names]
        target = f"INSERT INTO {prepare.format_table(table)} ({', '.join(prepare.quote(n) for n in names)}) "
        if self.dialect == "postgresql":
            arrays = ", ".join(f"%s::{c.type.compile(dialect=dialect)}[]" for c in columns)
            sql = f"{target}SELECT * FROM unnest({arrays})"
        else:
            sql = f"{target}VALUES ({', '.join('?' for _ in names)})"
        if skip_on is not None:
            sql += f" ON CONFLICT ({prepare.quote(table.c[skip_on].name)}) DO NOTHING"
        return sql, [c.type.bind_processor(dialect) for c in columns]

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A read-only transaction."""
        with self.engine.connect() as conn, conn.begin():
            yield conn

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """A write transaction, committed when the block ends without an exception."""
        with self._write_turn or nullcontext(), self.engine.connect() as conn:
            conn = conn.execution_options(fieldcase_write=True)
            with conn.begin():
                yield conn

    # -- migrations

    def revision(self) -> str | None:
        """The database's migration revision (None: never migrated)."""
        try:
            with self.engine.connect() as conn:
                return MigrationContext.configure(conn).get_current_revision()
        except sa.exc.OperationalError as exc:
            raise DatabaseUnreachableError(f"cannot open the database: {exc.orig}") from exc

    @staticmethod
    def head() -> str:
        head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
        assert head is not None
        return head

    def is_current(self) -> bool:
        return self.revision() == self.head()

    def require_current(self) -> None:
        current, head = self.revision(), self.head()
        if current != head:
            state = "empty" if current is None else f"at revision {current}"
            raise NotMigratedError(
                f"the database is {state}, the server needs revision {head}: "
                "run `fieldcase-server migrate` (or `serve --migrate`)"
            )

    def migrate(self) -> tuple[str | None, str]:
        """Bring the database to the newest revision; returns (before, after)."""
        before = self.revision()
        with self.engine.begin() as conn:
            command.upgrade(_alembic_config(conn), "head")
        return before, self.head()
