"""The evaluation figures for a period, per inspector, district or disposal unit (DESIGN.md, Figures).

Everything is counted in one SQL statement (GROUP BY and conditional sums over the cases and
their deadlines); only the groups come back to Python, to be ranked.

The period is `from`..`to`, whole days on the bureau's calendar (its time zone): from `from`
00:00 to the day after `to` 00:00, exclusive. The cases counted are the ones *reported* in it
(received by the server in it), with their progress as it stood at the period's end: each step
counts only if it happened before the end (the case's `*_at` columns; the audit events' times for
returns, deferrals and disputes). For each group:

- reported: the cases reported; filed: those filed (`filed_at`); filing_rate = filed ÷ reported
- returned: those ever returned for more evidence (an audit event `return`); rejected: now `rejected`
- dispatched: those dispatched to a unit (`dispatched_at`)
- a case's *last deadline* is the latest `due_at` of its milestones
- disposed: those disposed (`disposed_at`); disposed_on_time: disposed, and every milestone met
  (`met_at`) no later than its `due_at`
- disposals_due: dispatched cases that are disposed, or whose last deadline falls before the
  period's end; closures_due: dispatched cases that are closed, or whose last deadline falls
  before the period's end
- closed: those closed (`closed_at`); closed_on_time: closed no later than the last deadline
- deferred: the cases with an agreed extension (`deferred`)
- on_time_disposal_rate = disposed_on_time ÷ (disposals_due − deferred cases due and not disposed)
- closure_rate = closed ÷ (closures_due − deferred cases due and not closed);
  on_time_closure_rate = closed_on_time ÷ (that same denominator)
- reworks: disputed verifications sent back for rework (counted against the unit with `by=unit`)
- mean_working_hours_to_close: the mean of the closed cases' working hours from dispatch to closing

A rate is null when its denominator is 0. `rank` orders the groups by on_time_closure_rate, then
closure_rate, both descending (null last); equal pairs share a rank (1, 1, 3). With `by=unit`
only the cases dispatched to a unit are counted.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import sqlalchemy as sa

from server import schema as t
from server.accounts import Principal
from server.cases import scope_clause
from server.errors import ForbiddenError, InvalidError
from server.store import Store

GROUPINGS = ("inspector", "district", "unit")
MAX_DAYS = 3 * 366


def period(start: str, end: str, tz: Any) -> tuple[datetime, datetime]:
    """The UTC bounds [lower, upper) of the whole days `start`..`end` (YYYY-MM-DD) in the time zone."""
    try:
        first, last = date.fromisoformat(start), date.fromisoformat(end)
    except (TypeError, ValueError):
        raise InvalidError(
            f"from and to must be dates as YYYY-MM-DD (got {str(start)[:20]!r}, {str(end)[:20]!r})", code="bad_date"
        ) from None
    if len(start) != 10 or len(end) != 10:
        raise InvalidError("from and to must be dates as YYYY-MM-DD", code="bad_date")
    if first > last:
        raise InvalidError(f"from ({first}) is after to ({last})", code="bad_period")
    if (last - first).days > MAX_DAYS:
        raise InvalidError(f"a period may span at most {MAX_DAYS} days", code="bad_period")
    lower = datetime.combine(first, time(0), tz)
    upper = datetime.combine(last + timedelta(days=1), time(0), tz)
    return lower, upper


# The audit events the figures count (their partial index, `ix_audit_events_counted`, holds only these).
COUNTED_EVENTS = ("return", "defer", "dispute")


def _before(dialect: str, at: sa.ColumnElement[str], moment: datetime) -> sa.ColumnElement[bool]:
    """An audit event's time (ISO 8601 text with its UTC offset, the tablet's or the server's) before a moment."""
    text = moment.astimezone(UTC).isoformat()
    if dialect == "postgresql":
        return sa.cast(at, sa.DateTime(timezone=True)) < sa.cast(text, sa.DateTime(timezone=True))
    return sa.func.julianday(at) < sa.func.julianday(text)


def _rate(numerator: int, denominator: int) -> float | None:
    return round(numerator / denominator, 6) if denominator > 0 else None


def _flag(condition: sa.ColumnElement[bool]) -> sa.ColumnElement[int]:
    return sa.func.coalesce(sa.func.sum(sa.case((condition, 1), else_=0)), 0)


class Evaluation:
    def __init__(self, store: Store, tz: Any) -> None:
        self.store = store
        self.tz = tz

    def figures(self, principal: Principal, start: str, end: str, by: str) -> dict[str, Any]:
        if principal.role not in ("supervisor", "admin"):
            raise ForbiddenError("only supervisors and admins see the evaluation figures", code="role_refused")
        if by not in GROUPINGS:
            raise InvalidError(f"by must be one of {', '.join(GROUPINGS)} (got {by[:40]!r})", code="bad_grouping")
        lower, upper = period(start, end, self.tz)
        c, d, e = t.cases.c, t.deadlines.c, t.audit_events.c
        # Progress is counted as it stood at the period's end: each step by when it happened.
        before = _before(self.store.dialect, e.at, upper)
        per_event = (
            sa.select(
                e.case_pk.label("case_pk"),
                _flag(before & (e.action == "return")).label("returns"),
                _flag(before & (e.action == "defer")).label("defers"),
                _flag(before & (e.action == "dispute")).label("disputes"),
            )
            .where(e.action.in_(COUNTED_EVENTS))
            .group_by(e.case_pk)
            .subquery("per_event")
        )
        per_case = (
            sa.select(
                d.case_pk.label("case_pk"),
                sa.func.max(d.due_at).label("last_due"),
                _flag(d.met_at.is_(None) | (d.met_at > d.due_at)).label("missed"),
            )
            .group_by(d.case_pk)
            .subquery("per_case")
        )
        last_due = per_case.c.last_due
        dispatched = c.dispatched_at.is_not(None) & (c.dispatched_at < upper)
        disposed = c.disposed_at.is_not(None) & (c.disposed_at < upper)
        closed = c.closed_at.is_not(None) & (c.closed_at < upper)
        lapsed = last_due.is_not(None) & (last_due < upper)
        due_d = dispatched & (disposed | lapsed)
        due_c = dispatched & (closed | lapsed)
        returned = sa.func.coalesce(per_event.c.returns, 0) > 0
        deferred = sa.func.coalesce(per_event.c.defers, 0) > 0
        key = getattr(c, by)
        query = (
            sa.select(
                key.label("key"),
                sa.func.count().label("reported"),
                _flag(c.filed_at.is_not(None) & (c.filed_at < upper)).label("filed"),
                _flag(returned).label("returned"),
                _flag((c.state == "rejected") & (c.changed_at < upper)).label("rejected"),
                _flag(dispatched).label("dispatched"),
                _flag(disposed).label("disposed"),
                _flag(disposed & (sa.func.coalesce(per_case.c.missed, 0) == 0)).label("disposed_on_time"),
                _flag(due_d).label("disposals_due"),
                _flag(due_d & deferred & ~disposed).label("deferred_open_d"),
                _flag(due_c).label("closures_due"),
                _flag(closed).label("closed"),
                _flag(closed & (last_due.is_(None) | (c.closed_at <= last_due))).label("closed_on_time"),
                _flag(due_c & deferred & ~closed).label("deferred_open_c"),
                _flag(deferred).label("deferred"),
                sa.func.coalesce(sa.func.sum(per_event.c.disputes), 0).label("reworks"),
                sa.func.avg(sa.case((closed, c.hours_to_close))).label("mean_hours"),
            )
            .select_from(
                t.cases.outerjoin(per_case, per_case.c.case_pk == c.pk).outerjoin(
                    per_event, per_event.c.case_pk == c.pk
                )
            )
            .where(c.received_at >= lower, c.received_at < upper, scope_clause(principal))
            .group_by(key)
            .order_by(key)
        )
        if by == "unit":
            query = query.where(c.unit.is_not(None))
        with self.store.read() as conn:
            groups = conn.execute(query).all()
        rows = [_row(g) for g in groups]
        _rank(rows)
        return {"from": start, "to": end, "by": by, "rows": rows}


def _row(g: Any) -> dict[str, Any]:
    n = {name: int(getattr(g, name)) for name in g._fields if name not in ("key", "mean_hours")}
    closures_base = n["closures_due"] - n["deferred_open_c"]
    disposals_base = n["disposals_due"] - n["deferred_open_d"]
    mean = float(g.mean_hours) if g.mean_hours is not None else None
    return {
        "key": g.key,
        "reported": n["reported"],
        "filed": n["filed"],
        "filing_rate": _rate(n["filed"], n["reported"]),
        "returned": n["returned"],
        "rejected": n["rejected"],
        "dispatched": n["dispatched"],
        "disposed": n["disposed"],
        "disposed_on_time": n["disposed_on_time"],
        "disposals_due": n["disposals_due"],
        "on_time_disposal_rate": _rate(n["disposed_on_time"], disposals_base),
        "closures_due": n["closures_due"],
        "closed": n["closed"],
        "closed_on_time": n["closed_on_time"],
        "closure_rate": _rate(n["closed"], closures_base),
        "on_time_closure_rate": _rate(n["closed_on_time"], closures_base),
        "deferred": n["deferred"],
        "reworks": n["reworks"],
        "mean_working_hours_to_close": round(mean, 2) if mean is not None else None,
    }


def _rank(rows: list[dict[str, Any]]) -> None:
    def score(row: dict[str, Any]) -> tuple[float, float]:
        a, b = row["on_time_closure_rate"], row["closure_rate"]
        return (a if a is not None else -1.0, b if b is not None else -1.0)

    rows.sort(key=lambda r: (tuple(-x for x in score(r)), str(r["key"])))
    previous: tuple[float, float] | None = None
    rank = 0
    for position, row in enumerate(rows, start=1):
        if score(row) != previous:
            rank, previous = position, score(row)
        row["rank"] = rank
