"""Alembic's environment, configured from code: `Store.migrate` hands it an open connection."""

from __future__ import annotations

from alembic import context

from server.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - the server always passes its connection
    raise RuntimeError("run migrations through `fieldcase-server migrate`")

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # ALTER on SQLite goes through table copies
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
