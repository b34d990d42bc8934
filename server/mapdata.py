"""The desk map's reads: every matching case as a point, and the matching cases counted per grid, in SQL.

`GET /cases/points` answers the cases GET /cases would list (same filters, same scope) as parallel
arrays: the case's id, latitude, longitude, state and type (indexes into the `states` and `types`
lists), and whether a deadline has passed unmet — about 60 bytes a case, so a supervisor's 100,000
cases come in one answer rather than a thousand pages of full cases. `GET /grids/counts` counts the
same cases per grid code with one GROUP BY. The JSON is written here in one pass (not through the
response model, whose validation of 600,000 list items would take longer than the query).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa

from server import schema as t
from server.accounts import Principal
from server.cases import case_filter
from server.core import Core
from server.store import utcnow

DECIMALS = 6  # 0.1 m: more than any tablet's fix


def _filter(principal: Principal, filters: dict[str, Any], now: Any) -> sa.ColumnElement[bool]:
    # No dialect: these queries read every matching row, so the districts' index narrows the read
    # (GET /cases keeps SQLite off it to stop a page early).
    return case_filter(principal, now=now, dialect=None, **filters)


def _overdue_column(now: Any) -> sa.ColumnElement[bool]:
    """Whether a case has a deadline not met and past: one pass over the open deadlines (a hashed set)."""
    d = t.deadlines.c
    return t.cases.c.pk.in_(sa.select(d.case_pk).where(d.met_at.is_(None), d.due_at < now))


def case_points(core: Core, principal: Principal, filters: dict[str, Any]) -> bytes:
    """The JSON body of GET /cases/points."""
    c = t.cases.c
    now = utcnow()
    query = sa.select(c.id, c.lat, c.lon, c.state, c.type, _overdue_column(now).label("overdue")).where(
        _filter(principal, filters, now)
    )
    ids: list[str] = []
    lats: list[float] = []
    lons: list[float] = []
    states: list[int] = []
    types: list[int] = []
    overdue: list[int] = []
    state_index: dict[str, int] = {}
    type_index: dict[str, int] = {}
    unlocated = 0
    with core.store.read() as conn:
        for case_id, lat, lon, state, case_type, late in conn.execute(query):
            if lat is None or lon is None:
                unlocated += 1
                continue
            s = state_index.get(state)
            if s is None:
                s = state_index[state] = len(state_index)
            k = type_index.get(case_type)
            if k is None:
                k = type_index[case_type] = len(type_index)
            ids.append(case_id)
            lats.append(round(lat, DECIMALS))
            lons.append(round(lon, DECIMALS))
            states.append(s)
            types.append(k)
            overdue.append(1 if late else 0)
    body = {
        "count": len(ids),
        "unlocated": unlocated,
        "states": list(state_index),
        "types": list(type_index),
        "id": ids,
        "lat": lats,
        "lon": lons,
        "state": states,
        "type": types,
        "overdue": overdue,
        "at": now.isoformat(),
    }
    return json.dumps(body, separators=(",", ":"), allow_nan=False).encode("utf-8")


def grid_counts(core: Core, principal: Principal, filters: dict[str, Any]) -> dict[str, Any]:
    """GET /grids/counts: the matching cases per grid code (every grid of the current version, 0 where
    none match), those outside every grid, and the overdue among each."""
    c = t.cases.c
    now = utcnow()
    late = _overdue_column(now)
    query = (
        sa.select(c.grid, sa.func.count(), sa.func.sum(sa.case((late, 1), else_=0)))
        .where(_filter(principal, filters, now))
        .group_by(c.grid)
    )
    current = core.cases.grids.current()
    counts: dict[str, int] = {g.code: 0 for g in current.grids if g.level == "grid"}
    overdue: dict[str, int] = dict(counts)
    outside = outside_overdue = total = 0
    with core.store.read() as conn:
        for grid, count, late_count in conn.execute(query):
            total += int(count)
            if grid is None:
                outside, outside_overdue = int(count), int(late_count or 0)
                continue
            counts[grid] = int(count)
            overdue[grid] = int(late_count or 0)
    return {
        "version": current.version,
        "total": total,
        "counts": counts,
        "overdue": overdue,
        "outside": outside,
        "outside_overdue": outside_overdue,
    }


def filters_of(
    *,
    state: Iterable[str],
    type: str | None,
    subtype: str | None,
    district: str | None,
    inspector: str | None,
    unit: str | None,
    overdue: bool | None,
    q: str | None,
) -> dict[str, Any]:
    """GET /cases' query parameters as case_filter's keywords."""
    return {
        "states_": list(state),
        "type_": type,
        "subtype": subtype,
        "district": district,
        "inspector": inspector,
        "unit": unit,
        "overdue": overdue,
        "q": q,
    }
