"""Benchmark: the closed loop's reads and decisions with 100,000 cases on the server, SQLite and PostgreSQL.

The cases are written straight into the server's tables through its store (SQLAlchemy Core bulk
inserts, not HTTP): a year of work spread over 10 districts and the catalogue's units, in every
state of the loop with their audit events and deadlines — received, returned, rejected, filed,
dispatched (some overdue, some deferred), disposed, verified, closed. Then a real
`fieldcase-server serve` (one worker) answers, over HTTP with a kept-alive connection:

- queue pages (GET /api/v1/cases): the whole queue's first page (admin, order=queue), the newest
  page, a filtered page (a supervisor of two districts: received cases in queue order), the
  overdue cases, and a free-text search;
- a year's evaluation figures (GET /api/v1/evaluation, by district);
- a decision (POST /api/v1/cases/{id}/decisions: `file` on a received case, each time another).

Beside each, measured in the same run against the same database: a raw baseline — the same rows by
a bare SELECT (the page's query, no scope, JSON or HTTP), a bare GROUP BY count over the year's
cases, and a bare UPDATE of one case row in its own committed transaction.
Goals (issue 5): page <= 200 ms, figures <= 1 s, decision <= 50 ms.

    python bench/loop.py [--cases 100000] [--repeat 15] [--backends sqlite,postgresql] [--json]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import secrets
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import requests  # noqa: E402
import sqlalchemy as sa  # noqa: E402

from bench.server import CHEAP_ARGON2, _free_port, database, running  # noqa: E402

GOALS_MS = {"page": 200.0, "figures": 1000.0, "decision": 50.0}
DISTRICTS = [f"d{i:02d}" for i in range(1, 11)]
TZ8 = timedelta(hours=8)
UTC8 = timezone(TZ8)  # the bureau's calendar (resources/calendar.json)
ACTION_OF = {"filed": "file", "dispatched": "dispatch", "disposed": "dispose", "verified": "confirm", "closed": "close"}


# ---------------------------------------------------------------- filling the store


def _body(case_id: str, code: str, inspector: str, district: str, sub: Any, type_code: str, rng: random.Random) -> str:
    """A case body as a tablet sends it (about the size of a real one)."""
    lat, lon = 34.70 + rng.random() * 0.1, 113.60 + rng.random() * 0.1
    photos = [
        {
            "sha256": secrets.token_hex(32),
            "size": 3_400_000,
            "taken_at": "2026:03:20 09:30:12+08:00",
            "lat": lat,
            "lon": lon,
            "width": 4000,
            "height": 3000,
            "make": "Huawei",
            "model": "MatePad",
            "kind": kind,
            "note": "",
        }
        for kind in ("overview", "close_up")
    ]
    body = {
        "id": case_id,
        "code": code,
        "official_number": None,
        "type": type_code,
        "subtype": sub.code,
        "status": "submitted",
        "hazard": sub.hazard,
        "location": {"lat": lat, "lon": lon, "accuracy_m": 5.0, "source": "photo"},
        "address": f"金水路 {rng.randrange(1, 400)} 号",
        "description": f"{sub.code} reported on the carriageway near stop {rng.randrange(1000)}",
        "district": district,
        "grid": None,
        "fields": {},
        "officers": [],
        "photos": photos,
        "inspector": inspector,
        "device": None,
        "observed_at": "2026-03-20T09:30:12.000+08:00",
        "created_at": "2026-03-20T09:30:12.000+08:00",
        "updated_at": "2026-03-20T09:30:12.000+08:00",
        "sync": "synced",
        "review_note": None,
        "revision": 1,
    }
    return json.dumps(body, ensure_ascii=False, separators=(",", ":"))


def fill(core: Any, count: int, now: datetime, seed: int = 7) -> dict[str, Any]:
    """`count` cases over the year before `now`, through the server's tables in bulk; what was made."""
    from server import schema as t
    from server.cases import priorities

    rng = random.Random(seed)
    catalogue = core.catalogue
    priority = priorities(catalogue)
    kinds = [(ty.code, sub) for ty in catalogue.types for sub in ty.subtypes]
    units = [u.code for u in catalogue.units]
    inspectors = [f"insp{i:03d}" for i in range(60)]
    # The loop's end states, roughly as a year of a bureau's work leaves them.
    ends = [
        ("received", 8),
        ("returned", 3),
        ("rejected", 4),
        ("duplicate", 3),
        ("filed", 4),
        ("dispatched", 14),
        ("disposed", 5),
        ("verified", 5),
        ("closed", 54),
    ]
    states, weights = zip(*ends, strict=True)
    cumulative = list(itertools.accumulate(weights))
    steps = ["received", "filed", "dispatched", "disposed", "verified", "closed"]
    store = core.store
    chunk = 5000
    made = {"received": [], "by_state": {}}
    pk = 0
    numbers: dict[tuple[str, int], int] = {}
    started = time.perf_counter()
    for first in range(0, count, chunk):
        cases, events, deadlines = [], [], []
        for _ in range(min(chunk, count - first)):
            pk += 1
            case_id = str(uuid.uuid4())
            type_code, sub = kinds[rng.randrange(len(kinds))]
            inspector = inspectors[rng.randrange(len(inspectors))]
            district = DISTRICTS[rng.randrange(len(DISTRICTS))]
            state = rng.choices(states, cum_weights=cumulative)[0]
            received = now - timedelta(seconds=rng.randrange(365 * 86400))
            code = f"T{pk:06d}"
            row: dict[str, Any] = {
                "pk": pk,
                "id": case_id,
                "code": code,
                "inspector": inspector,
                "device": None,
                "district": district,
                "grid": None,
                "type": type_code,
                "subtype": sub.code,
                "hazard": sub.hazard,
                "priority": priority.get(sub.hazard, len(priority)),
                "state": state,
                "official_number": None,
                "unit": None,
                "deferred": False,
                "reworks": 0,
                "review_note": None,
                "lat": 34.70 + rng.random() * 0.1,
                "lon": 113.60 + rng.random() * 0.1,
                "revision": 1,
                "body_hash": secrets.token_hex(32),
                "case_json": _body(case_id, code, inspector, district, sub, type_code, rng),
                "receipt_json": "{}",
                "chain_seq": 0,
                "chain_head": "",
                "tablet_seq": 3,
                "version": 1,
                "observed_at": (received + TZ8).strftime("%Y-%m-%dT%H:%M:%S.000+08:00"),
                "received_at": received,
                "changed_at": received,
                "filed_at": None,
                "dispatched_at": None,
                "disposed_at": None,
                "closed_at": None,
                "hours_to_close": None,
                "address": f"金水路 {rng.randrange(1, 400)} 号",
                "description": f"{sub.code} reported near stop {rng.randrange(1000)}",
            }
            at = received
            trail = [
                ("create", "inspector", None, "draft", received - timedelta(minutes=20)),
                ("add_photos", "inspector", "draft", "draft", received - timedelta(minutes=19)),
                ("submit", "inspector", "draft", "submitted", received - timedelta(minutes=2)),
                ("receive", "system", "submitted", "received", received),
            ]
            if state in ("returned", "rejected", "duplicate"):
                at += timedelta(hours=rng.uniform(1, 24))
                action = {"returned": "return", "rejected": "reject", "duplicate": "duplicate"}[state]
                trail.append((action, "supervisor", "received", state, at))
                row["review_note"] = "more evidence"
            elif state != "received":
                upto = steps.index(state)
                for step in steps[1 : upto + 1]:
                    at += timedelta(hours=rng.uniform(1, 30))
                    role = {"disposed": "unit", "verified": "inspector", "closed": "supervisor"}.get(step, "supervisor")
                    action = ACTION_OF[step]
                    previous = steps[steps.index(step) - 1]
                    trail.append((action, role, previous, step, at))
                    if f"{step}_at" in row:
                        row[f"{step}_at"] = at
                    if step == "filed":
                        # As `file` numbers them: a sequence per district and year, in the counters.
                        year = at.astimezone(UTC8).year
                        seq = numbers[(district, year)] = numbers.get((district, year), 0) + 1
                        row["official_number"] = f"{district}{year}{seq:06d}"
                    if step == "dispatched":
                        row["unit"] = units[rng.randrange(len(units))]
                        due = at + timedelta(hours=rng.choice((24, 48, 96)))
                        deferred = rng.random() < 0.05
                        if deferred:
                            trail.append(("defer", "supervisor", "dispatched", "dispatched", at + timedelta(hours=2)))
                            row["deferred"] = True
                        deadlines.append(
                            {
                                "case_pk": pk,
                                "milestone": "disposal",
                                "due_at": due,
                                "met_at": None,
                                "deferred_from": due - timedelta(hours=24) if deferred else None,
                                "hours": 16.0,
                            }
                        )
                    if step == "disposed":
                        deadlines[-1]["met_at"] = at
                    if step == "closed":
                        row["hours_to_close"] = round(rng.uniform(4, 90), 2)
                    if step == "verified" and rng.random() < 0.04:
                        row["reworks"] = 1
            made["by_state"][state] = made["by_state"].get(state, 0) + 1
            if state == "received":
                made["received"].append(case_id)
            head = secrets.token_hex(32)
            prev = "0" * 64
            for seq, (action, role, before, after, when) in enumerate(trail, start=1):
                digest = head if seq == len(trail) else secrets.token_hex(32)
                stamp = when + TZ8 if role == "inspector" else when
                suffix = "+08:00" if role == "inspector" else "+00:00"
                events.append(
                    {
                        "case_pk": pk,
                        "seq": seq,
                        "at": stamp.isoformat(timespec="milliseconds")[:23] + suffix,
                        "actor": None if role == "system" else inspector if role == "inspector" else "boss",
                        "role": role,
                        "device": None,
                        "action": action,
                        "from_state": before,
                        "to_state": after,
                        "changes_json": "{}",
                        "prev": prev,
                        "hash": digest,
                    }
                )
                prev = digest
            row["chain_seq"], row["chain_head"], row["changed_at"] = len(trail), head, at
            cases.append(row)
        with store.write() as conn:
            for table, rows in ((t.cases, cases), (t.audit_events, events), (t.deadlines, deadlines)):
                _bulk(conn, table, rows)
    with store.write() as conn:
        counters = [{"name": f"case_number:{d}:{y}", "value": n} for (d, y), n in numbers.items()]
        _bulk(conn, t.counters, counters)
    if store.dialect == "postgresql":
        with store.engine.connect() as conn:
            conn = conn.execution_options(isolation_level="AUTOCOMMIT")
            conn.exec_driver_sql("VACUUM ANALYZE")
            conn.exec_driver_sql("SELECT setval(pg_get_serial_sequence('cases', 'pk'), (SELECT max(pk) FROM cases))")
    else:
        with store.engine.connect() as conn:
            conn.exec_driver_sql("ANALYZE")
    made["seconds"] = round(time.perf_counter() - started, 1)
    return made


def _bulk(conn: Any, table: sa.Table, rows: list[dict[str, Any]]) -> None:
    """One executemany straight through the driver (SQLAlchemy's per-row parameter processing
    was most of the filling time); times as the server's UtcDateTime stores them."""
    if not rows:
        return
    names = list(rows[0])
    sqlite = conn.dialect.name == "sqlite"
    mark = "?" if sqlite else "%s"
    sql = f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({', '.join([mark] * len(names))})"

    def value(v: Any) -> Any:
        if isinstance(v, datetime) and sqlite:
            return v.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
        return v

    conn.exec_driver_sql(sql, [tuple(value(r[n]) for n in names) for r in rows])


# ---------------------------------------------------------------- timing


def timed(call: Callable[[], Any], repeat: int) -> tuple[float, float]:
    """(median, best) in milliseconds over `repeat` calls after one warm-up."""
    call()
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        call()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times), min(times)


def _get(session: requests.Session, url: str, headers: dict[str, str], **params: Any) -> Callable[[], Any]:
    def call() -> Any:
        response = session.get(url, params=params, headers=headers, timeout=60)
        if response.status_code != 200:
            raise RuntimeError(f"{url} {params}: {response.status_code} {response.text[:200]}")
        return response.json()

    return call


def run_backend(backend: str, count: int, repeat: int) -> list[dict[str, Any]]:
    from server import schema as t
    from server.config import ServerConfig
    from server.core import Core
    from server.store import Store

    rows: list[dict[str, Any]] = []
    now = datetime.now(UTC)
    with tempfile.TemporaryDirectory(prefix="fieldcase-loop-") as tmp, database(backend, Path(tmp)) as url:
        config = ServerConfig(data_dir=Path(tmp) / "data", database_url=url, argon2_time_cost=1, argon2_memory_kib=8192)
        store = Store(config.database_url, pool_size=1)
        store.migrate()
        store.close()
        core = Core.open(config, pool_size=2)
        passwords: dict[str, str] = {}
        try:
            for code in DISTRICTS:
                core.accounts.add_district(code, f"District {code}")
            for unit in core.catalogue.units:
                core.accounts.add_unit(unit.code, unit.name("en"))
            for name, role, districts in (("boss", "supervisor", DISTRICTS[:2]), ("it", "admin", [])):
                passwords[name] = secrets.token_urlsafe(12)
                core.accounts.add_user(name, role, passwords[name], districts=districts)
            made = fill(core, count, now)
        finally:
            core.close()
        print(
            f"[{backend}] {count:,} cases filled in {made['seconds']} s: "
            + ", ".join(f"{k} {v:,}" for k, v in sorted(made["by_state"].items())),
            file=sys.stderr,
        )
        path = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)
        env = {**os.environ, **CHEAP_ARGON2, "PYTHONPATH": path}
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        serve = [sys.executable, "-m", "server.cli", "--data-dir", str(config.data_dir), "--database", url]
        serve += ["serve", "--port", str(port), "--workers", "1"]
        raw = Store(config.database_url, pool_size=1)
        session = requests.Session()
        try:
            with running(serve, base, env):
                auth = {}
                for name in ("boss", "it"):
                    login = session.post(
                        f"{base}/api/v1/auth/login", json={"user": name, "password": passwords[name]}, timeout=30
                    ).json()
                    auth[name] = {"Authorization": f"Bearer {login['token']}"}
                cases_url = f"{base}/api/v1/cases"
                c = t.cases.c
                mine = c.district.in_(DISTRICTS[:2])

                def bare(query: Any) -> Callable[[], Any]:
                    def call() -> Any:
                        with raw.read() as conn:
                            return conn.execute(query).all()

                    return call

                word = "stop 42"
                pages = [
                    (
                        "queue page, all cases (admin)",
                        _get(session, cases_url, auth["it"], order="queue", limit=50),
                        sa.select(t.cases).order_by(c.priority, c.pk).limit(51),
                    ),
                    (
                        "newest page, all cases (admin)",
                        _get(session, cases_url, auth["it"], limit=50),
                        sa.select(t.cases).order_by(c.pk.desc()).limit(51),
                    ),
                    (
                        "queue page, received, 2 districts",
                        _get(session, cases_url, auth["boss"], order="queue", state="received", limit=50),
                        sa.select(t.cases).where(mine, c.state == "received").order_by(c.priority, c.pk).limit(51),
                    ),
                    (
                        "overdue page, 2 districts",
                        _get(session, cases_url, auth["boss"], overdue="true", limit=50),
                        sa.select(t.cases)
                        .where(
                            mine,
                            c.pk.in_(
                                sa.select(t.deadlines.c.case_pk).where(
                                    t.deadlines.c.met_at.is_(None), t.deadlines.c.due_at < now
                                )
                            ),
                        )
                        .order_by(c.pk.desc())
                        .limit(51),
                    ),
                    (
                        f"search q={word!r}, 2 districts",
                        _get(session, cases_url, auth["boss"], q=word, limit=50),
                        sa.select(t.cases).where(mine, c.description.like(f"%{word}%")).order_by(c.pk.desc()).limit(51),
                    ),
                ]
                for label, call, query in pages:
                    shown = call()
                    median, best = timed(call, repeat)
                    raw_median, _ = timed(bare(query), repeat)
                    rows.append(_row(backend, "page", label, median, best, raw_median, len(shown["cases"])))

                year_from = (now - timedelta(days=364)).astimezone(timezone_of(config)).date().isoformat()
                year_to = now.astimezone(timezone_of(config)).date().isoformat()
                figures = _get(
                    session,
                    f"{base}/api/v1/evaluation",
                    auth["it"],
                    **{"from": year_from, "to": year_to},
                    by="district",
                )
                shown = figures()
                median, best = timed(figures, max(5, repeat // 2))
                bare_count = (
                    sa.select(c.district, sa.func.count())
                    .where(c.received_at >= now - timedelta(days=365), c.received_at < now + timedelta(days=1))
                    .group_by(c.district)
                )
                raw_median, _ = timed(bare(bare_count), max(5, repeat // 2))
                reported = sum(r["reported"] for r in shown["rows"])
                rows.append(
                    _row(backend, "figures", "a year's figures by district (admin)", median, best, raw_median, reported)
                )

                boss_targets = [
                    r.id
                    for r in bare(
                        sa.select(c.id).where(mine, c.state == "received").order_by(c.pk.desc()).limit(repeat * 2 + 2)
                    )()
                ]
                boss_iter = iter(boss_targets)

                def decide_boss() -> Any:
                    case_id = next(boss_iter)
                    response = session.post(
                        f"{cases_url}/{case_id}/decisions", json={"action": "file"}, headers=auth["boss"], timeout=60
                    )
                    if response.status_code != 200:
                        raise RuntimeError(f"decision: {response.status_code} {response.text[:200]}")
                    return response.json()

                median, best = timed(decide_boss, repeat)
                update_pks = iter(r.pk for r in bare(sa.select(c.pk).where(c.state == "closed").limit(repeat + 2))())

                def bare_update() -> None:
                    with raw.write() as conn:
                        conn.execute(
                            t.cases.update()
                            .where(c.pk == next(update_pks))
                            .values(version=c.version + 1, changed_at=datetime.now(UTC))
                        )

                raw_median, _ = timed(bare_update, repeat)
                rows.append(_row(backend, "decision", "file a received case (supervisor)", median, best, raw_median, 1))
        finally:
            session.close()
            raw.close()
    return rows


def timezone_of(config: Any) -> Any:
    from app.domain.calendar import WorkingCalendar

    return WorkingCalendar.load(config.calendar_path).tz


def _row(backend: str, kind: str, label: str, median: float, best: float, raw: float, n: int) -> dict[str, Any]:
    goal = GOALS_MS[kind]
    return {
        "backend": backend,
        "kind": kind,
        "what": label,
        "rows": n,
        "median_ms": round(median, 1),
        "best_ms": round(best, 1),
        "raw_ms": round(raw, 1),
        "goal_ms": goal,
        "goal_met": median <= goal,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=15, help="timed calls per figure (after one warm-up)")
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON document")
    args = parser.parse_args()
    rows = [r for b in args.backends.split(",") for r in run_backend(b.strip(), args.cases, args.repeat)]
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    print(f"{os.cpu_count()} CPUs; {args.cases:,} cases; median and best of {args.repeat} (figures: fewer)")
    print(f"{'backend':<11}{'what':<40}{'rows':>7}{'median ms':>11}{'best ms':>9}{'raw ms':>8}{'goal ms':>9}  goal")
    for r in rows:
        print(
            f"{r['backend']:<11}{r['what']:<40}{r['rows']:>7}{r['median_ms']:>11}{r['best_ms']:>9}{r['raw_ms']:>8}"
            f"{r['goal_ms']:>9.0f}  {'met' if r['goal_met'] else 'MISSED'}"
        )


if __name__ == "__main__":
    main()
