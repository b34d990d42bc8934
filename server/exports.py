"""Cases exported as CSV or GeoJSON, for GET /cases' filters and a period, streamed.

The rows come from the database a batch at a time (a server-side cursor on PostgreSQL) and go out
as they come: an export of 100,000 cases never sits in memory. The CSV is UTF-8 with a BOM, so
Excel opens Chinese text correctly; a text cell that begins with `=`, `+`, `-` or `@` is prefixed
with `'` so a spreadsheet does not run it as a formula. The GeoJSON is a FeatureCollection of
Points (WGS-84 longitude, latitude); a case without a location has a null geometry.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

import sqlalchemy as sa

from server import schema as t
from server.accounts import Principal
from server.cases import case_filter
from server.errors import InvalidError
from server.store import Store, iso, utcnow

FORMATS = ("csv", "geojson")
BATCH = 500
COLUMNS = (
    "id",
    "code",
    "official_number",
    "state",
    "type",
    "subtype",
    "hazard",
    "district",
    "grid",
    "inspector",
    "unit",
    "lat",
    "lon",
    "address",
    "description",
    "observed_at",
    "received_at",
    "filed_at",
    "dispatched_at",
    "disposed_at",
    "closed_at",
    "deferred",
    "reworks",
    "hours_to_close",
)
_TIMES = ("received_at", "filed_at", "dispatched_at", "disposed_at", "closed_at")
_NAMES = [n for n in COLUMNS if n not in ("address", "description")]  # the columns, then case_json
_SELECTED = [*(getattr(t.cases.c, n) for n in _NAMES), t.cases.c.case_json]


@dataclass
class ExportFilter:
    """GET /cases' filters, and a period of days (`start`..`end`, inclusive) the cases were reported in."""

    states: list[str] = field(default_factory=list)
    type: str | None = None
    subtype: str | None = None
    district: str | None = None
    inspector: str | None = None
    unit: str | None = None
    overdue: bool | None = None
    start: str | None = None
    end: str | None = None


def _day(text: str | None, what: str) -> date | None:
    if text is None:
        return None
    try:
        if len(text) != 10:
            raise ValueError
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidError(f"{what} must be a date as YYYY-MM-DD (got {text[:20]!r})", code="bad_date") from None


def _where(principal: Principal, f: ExportFilter, tz: Any) -> sa.ColumnElement[bool]:
    first, last = _day(f.start, "from"), _day(f.end, "to")
    if first is not None and last is not None and first > last:
        raise InvalidError(f"from ({first}) is after to ({last})", code="bad_period")
    clauses = [
        case_filter(
            principal,
            states_=f.states,
            type_=f.type,
            subtype=f.subtype,
            district=f.district,
            inspector=f.inspector,
            unit=f.unit,
            overdue=f.overdue,
            now=utcnow(),
        )
    ]
    if first is not None:
        clauses.append(t.cases.c.received_at >= datetime.combine(first, time(0), tz))
    if last is not None:
        clauses.append(t.cases.c.received_at < datetime.combine(last + timedelta(days=1), time(0), tz))
    return sa.and_(*clauses)


def _record(row: Any) -> dict[str, Any]:
    """One case's export record from a row of _SELECTED (by position: a Row's attributes are slow)."""
    values = tuple(row)
    out: dict[str, Any] = dict(zip(_NAMES, values, strict=False))
    try:
        body = json.loads(values[-1])
    except ValueError:
        body = None
    if not isinstance(body, dict):
        body = {}
    for name in ("address", "description"):
        value = body.get(name)
        out[name] = value if isinstance(value, str) else None
    for name in _TIMES:
        out[name] = iso(out[name])
    out["deferred"] = bool(out["deferred"])
    return {name: out[name] for name in COLUMNS}


class Exporter:
    def __init__(self, store: Store, tz: Any) -> None:
        self.store = store
        self.tz = tz

    def check(self, principal: Principal, f: ExportFilter) -> None:
        """Refuse bad parameters before a response starts streaming."""
        _where(principal, f, self.tz)

    def records(self, principal: Principal, f: ExportFilter) -> Iterator[dict[str, Any]]:
        """The cases, oldest first, fetched a batch at a time."""
        query = sa.select(*_SELECTED).where(_where(principal, f, self.tz)).order_by(t.cases.c.pk)
        with self.store.read() as conn:
            result = conn.execution_options(yield_per=BATCH).execute(query)
            for row in result:
                yield _record(row)

    def stream(self, fmt: str, records: Iterable[dict[str, Any]]) -> Iterator[bytes]:
        if fmt == "csv":
            return csv_chunks(records)
        if fmt == "geojson":
            return geojson_chunks(records)
        raise InvalidError(f"format must be one of {', '.join(FORMATS)}", code="bad_format")


_RISKY = frozenset("=+-@\t\r")


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if value is True or value is False:
        return "true" if value else "false"
    if value.__class__ is str and value and value[0] in _RISKY:
        return "'" + value
    return value


def csv_chunks(records: Iterable[dict[str, Any]]) -> Iterator[bytes]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    yield "\ufeff".encode() + buffer.getvalue().encode("utf-8")
    buffer.seek(0)
    buffer.truncate()
    for count, record in enumerate(records, start=1):
        writer.writerow([_cell(record[n]) for n in COLUMNS])
        if count % BATCH == 0:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    if buffer.tell():
        yield buffer.getvalue().encode("utf-8")


def _feature(record: dict[str, Any]) -> dict[str, Any]:
    lat, lon = record["lat"], record["lon"]
    geometry = {"type": "Point", "coordinates": [lon, lat]} if lat is not None and lon is not None else None
    properties = {k: v for k, v in record.items() if k not in ("lat", "lon")}
    return {"type": "Feature", "id": record["id"], "geometry": geometry, "properties": properties}


def geojson_chunks(records: Iterable[dict[str, Any]]) -> Iterator[bytes]:
    yield b'{"type":"FeatureCollection","features":['
    parts: list[str] = []
    first = True
    for record in records:
        text = json.dumps(_feature(record), ensure_ascii=False, separators=(",", ":"))
        parts.append(text if first else "," + text)
        first = False
        if len(parts) >= BATCH:
            yield "".join(parts).encode("utf-8")
            parts = []
    if parts:
        yield "".join(parts).encode("utf-8")
    yield b"]}\n"
