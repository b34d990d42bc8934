"""The desk map's reads: every matching case as a point, and the matching cases counted per grid, in SQL.

`GET /cases/points` answers the cases GET /cases would list (same filters, same scope) as parallel
arrays: the case's id, latitude and longitude in millionths of a degree (integers: about 0.1 m, and
written and parsed in half the time of decimals), state and type (indexes into the `states` and
`types` lists), and whether a deadline has passed unmet — about 60 bytes a case, so a supervisor's
100,000 cases come in one answer rather than a thousand pages of full cases. `GET /grids/counts` counts the
same cases per grid code with one GROUP BY. The JSON is written here in one pass (not through the
response model, whose validation of 600,000 list items would take longer than the query).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa
from sqlalchemy.sql import operators, visitors

from server import schema as t
from server.accounts import Principal
from server.cases import case_filter
from server.core import Core
from server.store import utcnow

SCALE = 1_000_000  # coordinates in millionths of a degree: 0.1 m, finer than any tablet's fix


def _unindexed(element: Any) -> Any:
    """`+cases.column`: SQLite will not read the column's indexes for this term."""
    if isinstance(element, sa.Column) and element.table is t.cases:
        return sa.sql.expression.UnaryExpression(element, operator=operators.custom_op("+"), type_=element.type)
    return None


def _rewritten(clause: sa.ColumnElement[bool]) -> sa.ColumnElement[bool]:
    rewritten: sa.ColumnElement[bool] = visitors.replacement_traverse(clause, {}, _unindexed)  # type: ignore[call-overload]
    return rewritten


def _filter(core: Core, principal: Principal, filters: dict[str, Any], now: Any) -> sa.ColumnElement[bool]:
    """GET /cases' filters. On SQLite, no index but the map's covering one may serve them (unless the text
    search needs the rows themselves): an index on a filter's column would have it fetch each matching
    row from the wide table (cold, 1.2 s for a subtype's 9,000 of 100,000 cases), where a pass over the
    covering index reads a tenth of the bytes in order (0.03 s warm)."""
    where = case_filter(principal, now=now, dialect=None, **filters)
    if core.store.dialect == "sqlite" and not filters.get("q"):
        where = _rewritten(where)
    return where


def _located() -> sa.ColumnElement[bool]:
    c = t.cases.c
    return sa.and_(c.lat.is_not(None), c.lon.is_not(None))


def _overdue_column(now: Any) -> sa.ColumnElement[bool]:
    """Whether a case has a deadline not met and past: one pass over the open deadlines (a hashed set)."""
    d = t.deadlines.c
    return t.cases.c.pk.in_(sa.select(d.case_pk).where(d.met_at.is_(None), d.due_at < now))


def _codes(values: tuple[str, ...]) -> tuple[list[str], list[int]]:
    """The distinct values and each value's index among them."""
    names = sorted(set(values))
    index = {name: i for i, name in enumerate(names)}
    return names, [index[v] for v in values]


def case_points(core: Core, principal: Principal, filters: dict[str, Any]) -> bytes:
    """The JSON body of GET /cases/points. The database scales the coordinates and tells the overdue; the
    rows are turned into columns at C speed (zip), so 100,000 cases take a few Python passes."""
    c = t.cases.c
    now = utcnow()
    where = _filter(core, principal, filters, now)
    located = _located()
    if core.store.dialect == "sqlite":
        located = _rewritten(located)
    query = sa.select(
        c.id,
        sa.cast(sa.func.round(c.lat * SCALE), sa.BigInteger),
        sa.cast(sa.func.round(c.lon * SCALE), sa.BigInteger),
        c.state,
        c.type,
        sa.case((_overdue_column(now), 1), else_=0),
    ).where(where, located)
    with core.store.read() as conn:
        rows = conn.execute(query).all()
        unlocated = int(conn.execute(sa.select(sa.func.count()).where(where, ~located)).scalar_one())
    ids, lats, lons, states, types, overdue = (
        (list(column) for column in zip(*rows, strict=True)) if rows else ([],) * 6
    )
    state_names, state_codes = _codes(tuple(states))
    type_names, type_codes = _codes(tuple(types))
    body = {
        "count": len(ids),
        "unlocated": unlocated,
        "states": state_names,
        "types": type_names,
        "id": ids,
        "lat_e6": lats,
        "lon_e6": lons,
        "state": state_codes,
        "type": type_codes,
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
        .where(_filter(core, principal, filters, now))
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
