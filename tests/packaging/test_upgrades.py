"""Upgrades keep data: a tablet database and a server database made by the oldest schema are upgraded
by the current code without losing a row or a value.

The old databases are made by code: only the first migration is run, then the rows of a database
that the current code filled (cases with photos, submitted, synced) are copied into it — every column
the old schema has. After the upgrade those columns must hold exactly what they held, and the
upgraded tablet passes `check` and the upgraded server serves the case.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
import sqlite_utils
from alembic import command

from app.services import Tablet
from server import schema
from server.store import Store, _alembic_config
from storage import db as tablet_db
from storage.vault import ENV_ENCRYPTION
from tests.server.conftest import Databases, LiveServer, _stop, start_server, test_config
from tests.sync.conftest import Field

# ------------------------------------------------------------------------------------------- tablet


def _tablet_tables(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name").fetchall()
    virtual = [name for name, sql in rows if sql and sql.upper().startswith("CREATE VIRTUAL")]
    return [n for n, _ in rows if not n.startswith("sqlite_") and not any(n.startswith(v) for v in virtual)]


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]


def _rows(conn: sqlite3.Connection, table: str, columns: list[str]) -> list[tuple[Any, ...]]:
    cols = ", ".join(f'"{c}"' for c in columns)
    return sorted(conn.execute(f'SELECT {cols} FROM "{table}"').fetchall(), key=repr)


def test_tablet_database_of_the_first_schema_upgrades_without_loss(
    tmp_path: Path, photo: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The data, made by the current code — in a plain folder, as a tablet had before encryption at rest.
    monkeypatch.setenv(ENV_ENCRYPTION, "off")
    current = tmp_path / "current"
    with Tablet(current) as tablet:
        submitted = tablet.new_case(type="manhole_cover", subtype="broken", fields={"owner": "gas"}, photos=photo,
                                    address="花园路 12 号", description="井盖破损")  # fmt: skip
        tablet.submit(submitted.id)
        tablet.new_case(type="illegal_construction", subtype="rooftop", address="文化路 3 号")
        withdrawn = tablet.new_case(type="manhole_cover", subtype="missing")
        tablet.delete(withdrawn.id)

    # The same data in a database of schema version 1.
    old = tmp_path / "old"
    old.mkdir()
    shutil_copy_tree(current / "originals", old / "originals")  # plain files, named by their SHA-256
    conn = sqlite3.connect(old / "fieldcase.db", isolation_level=None)
    tablet_db.MIGRATIONS[0](sqlite_utils.Database(conn))
    conn.execute("PRAGMA user_version = 1")
    conn.execute("ATTACH DATABASE ? AS cur", (str(current / "fieldcase.db"),))
    copied: dict[str, list[str]] = {}
    for table in _tablet_tables(conn):
        cols = [c for c in _columns(conn, table) if c in set(r[1] for r in conn.execute(
            f'PRAGMA cur.table_info("{table}")'))]  # fmt: skip
        names = ", ".join(f'"{c}"' for c in cols)
        conn.execute(f'INSERT INTO main."{table}" ({names}) SELECT {names} FROM cur."{table}"')
        copied[table] = cols
    conn.execute("DETACH DATABASE cur")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert "outbox" not in _tablet_tables(conn)  # truly the old schema
    before = {t: _rows(conn, t, cols) for t, cols in copied.items()}
    assert before["cases"] and before["photos"] and before["audit"]
    conn.close()

    monkeypatch.delenv(ENV_ENCRYPTION)
    with Tablet(old) as tablet:  # opening migrates the schema (and encrypts the folder in place)
        assert tablet.originals.encrypted
        version = tablet.repo.db.execute("PRAGMA user_version").fetchone()[0]
        assert version == tablet_db.SCHEMA_VERSION > 1
        after_conn = tablet.repo.db.conn
        for table, cols in copied.items():
            assert _rows(after_conn, table, cols) == before[table], table
        report = tablet.check()
        assert report.ok, report.problems
        assert report.cases == 3 and report.photos_checked == 2
        case = tablet.case(submitted.id)
        assert case.status == "submitted" and len(case.photos) == 2
        assert [c.id for c in tablet.repo.list_cases(search_filter("花园路"))] == [submitted.id]
        # And it works on: a new case after the upgrade.
        tablet.new_case(type="manhole_cover", subtype="other")


def search_filter(text: str) -> Any:
    from storage.repository import CaseFilter

    return CaseFilter(search=text)


def shutil_copy_tree(src: Path, dst: Path) -> None:
    import shutil

    shutil.copytree(src, dst)


# ------------------------------------------------------------------------------------------- server


def _server_rows(engine: sa.Engine, table: str, columns: list[str]) -> list[tuple[Any, ...]]:
    cols = ", ".join(f'"{c}"' for c in columns)
    with engine.connect() as conn:
        return sorted((tuple(r) for r in conn.execute(sa.text(f'SELECT {cols} FROM "{table}"'))), key=repr)


def test_server_database_of_the_first_revision_upgrades_without_loss(
    make_server: Callable[..., LiveServer], databases: Databases, backend: str, tmp_path: Path, photo: list[Path]
) -> None:
    live = make_server()
    field = Field(live, tmp_path / "tablet")
    try:
        case_id = field.new_submitted(photo)
        assert field.tablet.sync().complete
    finally:
        field.close()

    first = sorted(_alembic_revisions())[0]
    old_url = databases.new(backend)
    store = Store(old_url, pool_size=1)
    with store.engine.begin() as conn:
        command.upgrade(_alembic_config(conn), first)  # the first revision only
    assert store.revision() == first != Store.head()
    source = sa.create_engine(live.config.database_url)
    copied: dict[str, list[str]] = {}
    try:
        old_tables = set(sa.inspect(store.engine).get_table_names())
        with source.connect() as src, store.engine.begin() as dst:
            for table in schema.metadata.sorted_tables:  # parents before children
                if table.name not in old_tables:
                    continue
                cols = [c["name"] for c in sa.inspect(dst).get_columns(table.name) if c["name"] in table.c]
                names = ", ".join(f'"{c}"' for c in cols)
                rows = [dict(r._mapping) for r in src.execute(sa.text(f'SELECT {names} FROM "{table.name}"'))]
                if table.name == "receipts":
                    _with_envelopes(src, rows)
                if rows:
                    params = ", ".join(f":{c}" for c in cols)
                    dst.execute(sa.text(f'INSERT INTO "{table.name}" ({names}) VALUES ({params})'), rows)
                copied[table.name] = cols
            if store.dialect == "postgresql":  # rows came with their ids: move the sequences past them
                for table in copied:
                    for col in sa.inspect(dst).get_columns(table):
                        seq = dst.execute(sa.text("SELECT pg_get_serial_sequence(:t, :c)"),
                                          {"t": table, "c": col["name"]}).scalar()  # fmt: skip
                        if seq:
                            dst.execute(sa.text(f'SELECT setval(:s, coalesce((SELECT max("{col["name"]}") FROM '
                                                f'"{table}"), 0) + 1, false)'), {"s": seq})  # fmt: skip
        before = {t: _server_rows(store.engine, t, cols) for t, cols in copied.items()}
        assert before["cases"] and before["blobs"] and before["users"] and before["devices"]

        store.migrate()  # what `fieldcase-server migrate` does
        assert store.revision() == Store.head()
        for table, cols in copied.items():
            assert _server_rows(store.engine, table, cols) == before[table], table
        # The keys devices enrolled with became the first of each device's key history, times kept.
        with store.engine.connect() as conn:
            enrolled = {
                (r.id, r.public_key, r.enrolled_at)
                for r in conn.execute(sa.select(schema.devices).where(schema.devices.c.public_key.is_not(None)))
            }
            history = {(r.device_id, r.public_key, r.enrolled_at) for r in conn.execute(sa.select(schema.device_keys))}
        assert enrolled and history == enrolled
    finally:
        source.dispose()
        store.close()

    # The upgraded database serves the case, with the photos from the same blob folder.
    config = test_config(live.config.data_dir, old_url)
    upgraded = start_server(config, backend, migrate=False)
    try:
        admin = upgraded.login(upgraded.user("admin"))
        answer = admin.get(f"/cases/{case_id}")
        assert answer.status_code == 200, answer.text
        assert len(answer.json()["photos"]) == 2
        upgraded.enroll("d1")  # new rows after the upgrade
    finally:
        _stop(upgraded)


def _with_envelopes(src: sa.Connection, rows: list[dict[str, object]]) -> None:
    """Receipt rows as the first revision's server wrote them: with the envelope's text, which the
    server keeps once, in the received log, since migration 0010."""
    query = sa.text(
        "SELECT body FROM received_log WHERE case_id = :case_id AND revision = :revision AND outcome = :outcome"
        " AND received_at = :received_at"
    )
    for row in rows:
        if row["envelope_json"] is None:
            keys = {k: row[k] for k in ("case_id", "revision", "outcome", "received_at")}
            row["envelope_json"] = src.execute(query, keys).scalar_one()


def _alembic_revisions() -> list[str]:
    from alembic.script import ScriptDirectory

    from server.store import MIGRATIONS

    return [s.revision for s in ScriptDirectory(str(MIGRATIONS)).walk_revisions()]
