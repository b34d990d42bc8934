"""How the intake stores its rows. Store.insert_many, its bulk insert (one `INSERT … SELECT FROM
unnest(arrays)` on PostgreSQL, sqlite3's executemany on SQLite): the rows it stores read back exactly
as the same rows stored through SQLAlchemy's own INSERT, on both databases. Migration 0009: the long
texts are compressed with LZ4 on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import sqlalchemy as sa
from alembic import command

from server import schema as t
from server.store import Store, _alembic_config
from tests.server.conftest import Databases

AWKWARD = [
    'say "no"',
    "back\\slash",
    "{braces, commas}",
    "NULL",
    "",
    "line\nbreak",
    "违法建设 · 井盖",
    "ends\\",
    '\\"',
    " ",
]


def _migrated(url: str) -> Iterator[Store]:
    s = Store(url, pool_size=2)
    s.migrate()
    yield s
    s.close()


@pytest.fixture
def store(backend: str, databases: Databases) -> Iterator[Store]:
    yield from _migrated(databases.new(backend))


@pytest.fixture
def pg_store(databases: Databases) -> Iterator[Store]:
    """PostgreSQL only (TOAST compression is its own); skipped, with the reason, where it cannot be reached."""
    yield from _migrated(databases.new("postgresql"))


def _case(pk: int, **changes: Any) -> dict[str, Any]:
    moment = datetime(2026, 11, 20, 1, 30, 12, 345678, tzinfo=UTC) + timedelta(minutes=pk)
    row: dict[str, Any] = {
        "pk": pk,
        "id": f"00000000-0000-4000-8000-{pk:012d}",
        "code": f"WJ-{pk}",
        "inspector": AWKWARD[pk % len(AWKWARD)] or "x",
        "device": None if pk % 2 else f"dev-{pk}",
        "district": "d1",
        "grid": None,
        "type": "illegal_construction",
        "subtype": "rooftop",
        "hazard": "high",
        "state": "received",
        "lat": 31.2304 + pk / 1e6 if pk % 3 else None,
        "lon": 121.4737 if pk % 3 else None,
        "revision": 1,
        "body_hash": f"{pk:064x}",
        "case_json": '{"a": [1, 2.5, "\\u0000"]}',
        "receipt_json": "{}",
        "chain_seq": 2,
        "chain_head": "f" * 64,
        "tablet_seq": 1,
        "observed_at": None,
        "received_at": moment,
        "changed_at": moment.astimezone(UTC),
        "priority": 2,
        "address": AWKWARD[(pk + 3) % len(AWKWARD)],
        "description": "长" * 2000,
        "deferred": bool(pk % 2),
    }
    row.update(changes)
    return row


def _read(store: Store, table: sa.Table, key: sa.Column[Any]) -> list[tuple[Any, ...]]:
    with store.read() as conn:
        return [tuple(r) for r in conn.execute(sa.select(table).order_by(key))]


def test_rows_read_back_as_sqlalchemy_stores_them(store: Store) -> None:
    rows = [_case(pk) for pk in range(1, 15)]
    with store.write() as conn:
        assert store.insert_many(conn, t.cases, rows[:7]) == 7
        conn.execute(t.cases.insert(), rows[7:])
    stored = _read(store, t.cases, t.cases.c.pk)
    assert len(stored) == 14
    columns = list(t.cases.c.keys())
    bulk, plain = stored[:7], stored[7:]
    for row, got in zip(rows, stored, strict=True):
        for name, value in row.items():
            assert got[columns.index(name)] == value, name
    # Columns the rows leave out get their defaults either way.
    for name in ("version", "reworks", "unit"):
        assert {r[columns.index(name)] for r in bulk} == {r[columns.index(name)] for r in plain}


def test_conflicts_on_the_named_column_are_skipped_and_counted(store: Store) -> None:
    with store.write() as conn:
        store.insert_many(conn, t.cases, [_case(1), _case(2)])
    again = [_case(3, id=_case(1)["id"], code="other"), _case(4), _case(5, id=_case(2)["id"])]
    with store.write() as conn:
        assert store.insert_many(conn, t.cases, again, skip_on="id") == 1
    stored = _read(store, t.cases, t.cases.c.pk)
    assert [r[0] for r in stored] == [1, 2, 4]
    assert stored[0][2] == "WJ-1"  # the first row is left as it was


def test_a_conflict_not_to_be_skipped_fails_and_stores_nothing_of_the_transaction(store: Store) -> None:
    with store.write() as conn:
        store.insert_many(conn, t.cases, [_case(1)])
    with pytest.raises(sa.exc.IntegrityError), store.write() as conn:
        store.insert_many(conn, t.changes, [{"audience": "a", "seq": 1, "case_pk": 1, "kind": "update", "at": _now()}])
        store.insert_many(conn, t.cases, [_case(2), _case(3, id=_case(1)["id"])])
    assert [r[0] for r in _read(store, t.cases, t.cases.c.pk)] == [1]
    assert _read(store, t.changes, t.changes.c.seq) == []


def test_rows_naming_different_columns_are_refused_before_anything_is_sent(store: Store) -> None:
    first, second = _case(1), _case(2)
    del second["grid"]
    with pytest.raises(ValueError, match="same columns"), store.write() as conn:
        store.insert_many(conn, t.cases, [first, second])
    assert _read(store, t.cases, t.cases.c.pk) == []


def test_a_column_of_nothing_but_nulls_and_no_rows_at_all(store: Store) -> None:
    with store.write() as conn:
        assert store.insert_many(conn, t.cases, []) == 0
        assert store.insert_many(conn, t.cases, [_case(1, grid=None), _case(3, grid=None)]) == 2
    assert [r[t.cases.c.keys().index("grid")] for r in _read(store, t.cases, t.cases.c.pk)] == [None, None]


def test_a_naive_time_is_refused_as_sqlalchemy_refuses_it(store: Store) -> None:
    with pytest.raises(ValueError, match="timezone-aware"), store.write() as conn:
        store.insert_many(conn, t.cases, [_case(1, received_at=datetime(2026, 11, 20, 1, 30))])
    assert _read(store, t.cases, t.cases.c.pk) == []


def _now() -> datetime:
    return datetime.now(UTC)


def _compression(store: Store) -> dict[tuple[str, str], str]:
    """Each text column's compression method on PostgreSQL ('' the server's default, pglz)."""
    query = sa.text(
        "SELECT c.relname, a.attname, a.attcompression FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
        "WHERE c.relname IN ('cases', 'receipts', 'received_log', 'audit_events', 'case_photos') "
        "AND a.attnum > 0 AND NOT a.attisdropped AND a.atttypid = 'text'::regtype"
    )
    with store.read() as conn:
        return {(r[0], r[1]): str(r[2]) for r in conn.execute(query)}


def test_postgresql_compresses_the_long_texts_with_lz4_and_a_downgrade_undoes_it(pg_store: Store) -> None:
    store = pg_store
    lz4 = {
        ("cases", "case_json"),
        ("cases", "receipt_json"),
        ("receipts", "envelope_json"),
        ("receipts", "receipt_json"),
        ("received_log", "body"),
        ("audit_events", "changes_json"),
        ("case_photos", "record_json"),
    }
    methods = _compression(store)
    assert {column for column, method in methods.items() if method == "l"} == lz4
    long_body = '{"description":"' + "违法建设 井盖 " * 2000 + '"}'
    row = {"seq": 1, "received_at": _now(), "source": "sync", "user_name": "li", "device_id": None}
    row |= {"case_id": None, "revision": None, "outcome": "accepted", "body": long_body}
    row |= {"body_hash": "0" * 64, "prev": "0" * 64, "hash": "1" * 64}
    with store.write() as conn:
        store.insert_many(conn, t.received_log, [row])
    with store.read() as conn:
        assert conn.execute(sa.text("SELECT pg_column_compression(body), body FROM received_log")).one() == (
            "lz4",
            long_body,
        )
    with store.engine.begin() as conn:
        command.downgrade(_alembic_config(conn), "0006")
    assert not any(method == "l" for method in _compression(store).values())
    with store.read() as conn:  # the row written with LZ4 still reads back
        assert conn.execute(sa.text("SELECT body FROM received_log")).scalar_one() == long_body
    store.migrate()
    assert {column for column, method in _compression(store).items() if method == "l"} == lz4


def test_a_receipt_keeps_no_copy_of_its_envelope_and_a_downgrade_fills_it_back(store: Store) -> None:
    """Migration 0010: the envelope's text lives in the received log only; going back to 0009 puts it in
    the receipt rows again from their log entries (same case, revision, outcome and time), or ''."""
    now = _now()
    receipts, log = [], []
    for seq, case_id in enumerate(["a" * 8, "b" * 8, "c" * 8], start=1):
        receipt = {"received_at": now, "case_id": case_id, "revision": 1, "user_name": "li", "device_id": None}
        receipts.append(receipt | {"outcome": "accepted", "body_hash": None, "message": "", "receipt_json": None})
        if case_id != "c" * 8:  # the third's entry is missing: its receipt gets ''
            entry = {"seq": seq, "received_at": now, "source": "sync", "user_name": "li", "device_id": None}
            entry |= {"case_id": case_id, "revision": 1, "outcome": "accepted", "body": f'{{"id":"{case_id}"}}'}
            log.append(entry | {"body_hash": "0" * 64, "prev": "0" * 64, "hash": f"{seq}" * 64})
    with store.write() as conn:
        store.insert_many(conn, t.receipts, receipts)
        store.insert_many(conn, t.received_log, log)
    with store.read() as conn:
        assert conn.execute(sa.select(t.receipts.c.envelope_json)).scalars().all() == [None, None, None]
    with store.engine.begin() as conn:
        command.downgrade(_alembic_config(conn), "0009")
    with store.read() as conn:
        kept = conn.execute(sa.text("SELECT case_id, envelope_json FROM receipts ORDER BY id")).all()
        nullable = {c["name"]: c["nullable"] for c in sa.inspect(conn).get_columns("receipts")}
    assert [tuple(r) for r in kept] == [("a" * 8, '{"id":"aaaaaaaa"}'), ("b" * 8, '{"id":"bbbbbbbb"}'), ("c" * 8, "")]
    assert nullable["envelope_json"] is False
    store.migrate()
    with store.read() as conn:
        assert {c["name"]: c["nullable"] for c in sa.inspect(conn).get_columns("receipts")}["envelope_json"] is True
        assert conn.execute(sa.select(sa.func.count()).select_from(t.receipts)).scalar_one() == 3
