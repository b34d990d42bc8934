"""Benchmark: the desk map against a server holding 100,000 cases — a filter change to the map drawn, and
frames per second while panning, each beside a bare baseline measured in the same run.

The cases are written straight into the server's tables (bench/loop.py's `fill`: a year of a bureau's
work over 10 districts, in every state, about one in eight dispatched cases overdue), spread over a
10 × 10 km square that a 10 × 10 lattice of grids covers (imported as `grid import` would; each case's
grid set as the intake sets it). A real `fieldcase-server serve` (one worker) answers the real desk
window (offscreen Qt unless a display is given), logged in as an administrator (every case: 100,000 on
the map) and as a supervisor of two districts (about 20,000):

- **filter → map drawn**: from choosing a state or subtype in the queue's filters, with the map shown,
  to the map repainted with the new filter's markers and counts (GET /cases/points and GET /grids/counts,
  the JSON parsed, the markers clustered for every zoom, the view repainted); beside it the bare
  baseline: the same two GETs with a kept-alive `requests` session, JSON parsed;
- the GUI thread's longest pause while the filters load (a 5 ms timer's largest gap; the fetching and
  clustering run on the connection's workers), beside the same timer's largest gap with the desk idle
  for as long as the slowest load (what the machine's other work costs it);
- **pan fps** at city zoom (12) and street zoom (16): `pan_by` + a synchronous repaint of the shown map,
  8 px a frame, with every marker, grid tint and count badge; beside the bare baseline, the same view
  with no cases and no grids (the plain background).

    python bench/desk_map.py [--cases 100000] [--repeat 5] [--frames 150] [--backends sqlite] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # before bench/ (whose sync.py would hide the sync package)
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import requests  # noqa: E402
import sqlalchemy as sa  # noqa: E402

from bench.loop import DISTRICTS, fill  # noqa: E402
from bench.server import CHEAP_ARGON2, _free_port, database, running  # noqa: E402

# bench/loop.py's fill puts its cases in this square (lat 34.70–34.80, lon 113.60–113.70).
SOUTH, WEST, SIDE = 34.70, 113.60, 0.1
LATTICE = 10
GRID_NAMES = ("金水", "二七", "中原", "管城", "惠济", "郑东", "高新", "经开", "航空港", "上街")


def lattice_grids(n: int = LATTICE) -> dict[str, Any]:
    """An n × n lattice of grids over fill's square, as a grid file (a grid's district: its column's)."""
    step = SIDE / n
    features = []
    for row in range(n):
        for col in range(n):
            west, south = WEST + col * step, SOUTH + row * step
            ring = [[west, south], [west + step, south], [west + step, south + step], [west, south + step]]
            features.append(
                {
                    "type": "Feature",
                    "properties": {
                        "code": f"G{row:02d}{col:02d}",
                        "name": f"{GRID_NAMES[col % len(GRID_NAMES)]} {row + 1:02d}",
                        "kind": "grid",
                        "district": DISTRICTS[col % len(DISTRICTS)],
                    },
                    "geometry": {"type": "Polygon", "coordinates": [[*ring, ring[0]]]},
                }
            )
    return {"type": "FeatureCollection", "features": features}


def place_in_grids(core: Any) -> int:
    """Each located case's grid from the imported grids (as the intake places a new case); how many placed."""
    from server import schema as t

    current = core.cases.grids.current()
    c = t.cases.c
    with core.store.read() as conn:
        rows = conn.execute(sa.select(c.pk, c.lat, c.lon).where(c.lat.is_not(None))).all()
    updates = []
    for pk, lat, lon in rows:
        _, grid = current.locate(lat, lon)
        if grid is not None:
            updates.append({"b_pk": pk, "b_grid": grid})
    statement = t.cases.update().where(c.pk == sa.bindparam("b_pk")).values(grid=sa.bindparam("b_grid"))
    with core.store.write() as conn:
        for first in range(0, len(updates), 5000):
            conn.execute(statement, updates[first : first + 5000])
    return len(updates)


def seed_server(core: Any, count: int, users: dict[str, tuple[str, tuple[str, ...]]], password: str) -> dict[str, Any]:
    """Districts, units, users (name -> (role, districts)), `count` cases, the lattice of grids, each case placed."""
    for code in DISTRICTS:
        core.accounts.add_district(code, f"District {code}")
    for unit in core.catalogue.units:
        core.accounts.add_unit(unit.code, unit.name("en"))
    for name, (role, districts) in users.items():
        core.accounts.add_user(name, role, password, districts=districts)
    made = fill(core, count, datetime.now(UTC))
    core.cases.grids.import_document(lattice_grids())
    made["placed"] = place_in_grids(core)
    return made


def median_ms(values: list[float]) -> float:
    return round(statistics.median(values) * 1000, 1)


def run_backend(backend: str, count: int, repeat: int, frames: int) -> list[dict[str, Any]]:
    from PySide6.QtCore import QElapsedTimer, QEventLoop, Qt, QTimer

    from server.config import ServerConfig
    from server.core import Core
    from server.store import Store
    from ui import i18n
    from ui.desk.window import DeskWindow
    from ui.gc_guard import MainThreadCollector
    from ui.main import ensure_app
    from ui.theme import apply_theme

    out: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="fieldcase-deskmap-bench-") as tmp, database(backend, Path(tmp)) as url:
        os.environ["FIELDCASE_DESK_INI"] = str(Path(tmp) / "desk.ini")
        os.environ["FIELDCASE_DATA_DIR"] = str(Path(tmp) / "no-basemap")  # the plain background, as a bare desk
        config = ServerConfig(data_dir=Path(tmp) / "data", database_url=url, argon2_time_cost=1, argon2_memory_kib=8192)
        store = Store(config.database_url, pool_size=1)
        store.migrate()
        store.close()
        core = Core.open(config, pool_size=2)
        password = secrets.token_urlsafe(12)
        users = {"chief": ("admin", ()), "boss": ("supervisor", tuple(DISTRICTS[:2]))}
        try:
            t0 = time.perf_counter()
            made = seed_server(core, count, users, password)
        finally:
            core.close()
        print(
            f"[{backend}] {count:,} cases filled and {made['placed']:,} placed in grids in "
            f"{time.perf_counter() - t0:.1f} s",
            file=sys.stderr,
        )
        path = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)
        env = {**os.environ, **CHEAP_ARGON2, "PYTHONPATH": path}
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        serve = [sys.executable, "-m", "server.cli", "--data-dir", str(config.data_dir), "--database", url]
        serve += ["serve", "--port", str(port), "--workers", "1"]
        with running(serve, base, env):
            app = ensure_app()
            collector = MainThreadCollector(app)
            i18n.install_translator(app, "zh_CN")
            apply_theme(app, "normal")

            def spin_until(condition: Callable[[], bool], timeout: float = 120.0) -> None:
                if condition():
                    return
                loop = QEventLoop()
                deadline = time.monotonic() + timeout
                failed: list[bool] = []

                def check() -> None:
                    if condition():
                        loop.quit()
                    elif time.monotonic() > deadline:
                        failed.append(True)
                        loop.quit()

                checker = QTimer()
                checker.setTimerType(Qt.TimerType.PreciseTimer)
                checker.setInterval(2)
                checker.timeout.connect(check)
                checker.start()
                loop.exec()
                checker.stop()
                if failed:
                    raise TimeoutError("the desk map did not answer in time")

            for user in ("chief", "boss"):
                window = DeskWindow(base, poll_ms=10_000_000)
                window.resize(1440, 900)
                window.show()
                page = window.login_page
                page.user.setText(user)
                page.password.setText(password)
                page.on_button_clicked()
                spin_until(lambda window=window: window.desk is not None and window.desk.queue.model.pages >= 1)
                desk = window.desk
                assert desk is not None
                queue, mapped = desk.queue, desk.map
                desk.map_switch.map_button.click()
                spin_until(lambda mapped=mapped: mapped.data is not None and not mapped.loading)
                spin_until(lambda desk=desk: not desk.connection.tasks.busy)

                # ---- filter -> map drawn, alternating: every state, a subtype, every state, another subtype
                every = queue.state.findData("")
                subtypes = [queue.subtype.findData("broken"), queue.subtype.findData("no_permit")]

                def choose(state: int, subtype: int, queue: Any = queue) -> None:
                    """Both filters set, then applied once (as one choice in the combo box does)."""
                    for combo, index in ((queue.state, state), (queue.subtype, subtype)):
                        combo.blockSignals(True)
                        combo.setCurrentIndex(index)
                        combo.blockSignals(False)
                    queue.apply_filter()

                steps: list[tuple[str, Callable[[], None]]] = []
                for i in range(repeat + 1):
                    steps.append(("all states", lambda e=every: choose(e, 0)))
                    steps.append(("one subtype", lambda e=every, s=subtypes[i % 2]: choose(e, s)))
                timings: dict[str, list[float]] = {"all states": [], "one subtype": []}
                fetch: dict[str, list[float]] = {"all states": [], "one subtype": []}
                build: dict[str, list[float]] = {"all states": [], "one subtype": []}
                shown: dict[str, int] = {}
                raw: dict[str, list[float]] = {"all states": [], "one subtype": []}
                session = requests.Session()
                token = session.post(
                    f"{base}/api/v1/auth/login", json={"user": user, "password": password}, timeout=30
                ).json()["token"]
                headers = {"Authorization": f"Bearer {token}"}
                clock = QElapsedTimer()
                gaps = [0.0]
                last = [0]

                def tick(clock: QElapsedTimer = clock, gaps: list[float] = gaps, last: list[int] = last) -> None:
                    now = clock.nsecsElapsed()
                    gaps[0] = max(gaps[0], (now - last[0]) / 1e6)
                    last[0] = now

                timer = QTimer()
                timer.setTimerType(Qt.TimerType.PreciseTimer)
                timer.setInterval(5)
                timer.timeout.connect(tick)
                for n, (what, step) in enumerate(steps):
                    spin_until(lambda desk=desk: not desk.connection.tasks.busy)
                    before = mapped._generation  # noqa: SLF001
                    clock.start()
                    last[0] = 0
                    timer.start()
                    start = time.perf_counter()
                    step()
                    spin_until(lambda m=mapped, b=before: m._generation > b and not m.loading and m.data is not None)  # noqa: SLF001
                    mapped.view.repaint()
                    elapsed = time.perf_counter() - start
                    timer.stop()
                    data = mapped.data
                    assert data is not None
                    if n >= 2:  # the first of each kind is a warm-up
                        timings[what].append(elapsed)
                        fetch[what].append(data.fetch_s)
                        build[what].append(data.build_s)
                    shown[what] = data.total
                    params = data.flt.params()
                    t1 = time.perf_counter()
                    a = session.get(f"{base}/api/v1/cases/points", params=params, headers=headers, timeout=60)
                    b = session.get(f"{base}/api/v1/grids/counts", params=params, headers=headers, timeout=60)
                    assert a.status_code == b.status_code == 200, (a.text[:200], b.text[:200])
                    assert a.json()["count"] == data.total and b.json()["total"] >= data.total
                    if n >= 2:
                        raw[what].append(time.perf_counter() - t1)
                stall = gaps[0]
                # The same timer with the desk idle for as long as one load took: what the machine itself
                # (other processes on the cores) costs the GUI thread.
                gaps[0] = 0.0
                clock.start()
                last[0] = 0
                timer.start()
                idle_until = time.monotonic() + max(timings["all states"])
                spin_until(lambda until=idle_until: time.monotonic() >= until)
                timer.stop()
                idle = gaps[0]
                session.close()
                for what in ("all states", "one subtype"):
                    out.append(
                        {
                            "backend": backend,
                            "user": f"{user} ({users[user][0]})",
                            "what": f"filter → map drawn, {what}",
                            "cases": shown[what],
                            "median_ms": median_ms(timings[what]),
                            "best_ms": round(min(timings[what]) * 1000, 1),
                            "fetch_ms": median_ms(fetch[what]),
                            "cluster_ms": median_ms(build[what]),
                            "raw_ms": median_ms(raw[what]),
                        }
                    )
                out[-1]["longest_gui_pause_ms"] = round(stall, 1)
                out[-1]["longest_idle_pause_ms"] = round(idle, 1)

                # ---- pan fps at city and street zoom, then the bare baseline (no cases, no grids)
                if user == "chief":
                    choose(every, 0)
                    spin_until(
                        lambda m=mapped, q=queue: (
                            not m.loading and m.data is not None and m.data.flt == q.current_filter()
                        )
                    )
                    view = mapped.view
                    data = mapped.data
                    assert data is not None
                    index, grids, counts, late = data.index, view._grids, dict(view.counts), dict(view.late)  # noqa: SLF001
                    for name, zoom in (("city", 12), ("street", 16)):
                        row: dict[str, Any] = {"backend": backend, "what": f"pan fps, {name} zoom (z{zoom})"}
                        for label in ("cases", "bare"):
                            if label == "bare":
                                view.set_index(None)
                                view._grids = []  # noqa: SLF001
                                view.set_counts({}, {})
                            view.centre_on(SOUTH + SIDE / 2, WEST + SIDE / 2, zoom)
                            view.repaint()
                            times = []
                            start = time.perf_counter()
                            for i in range(frames):
                                t1 = time.perf_counter()
                                direction = 1 if (i // 50) % 2 else -1
                                view.pan_by(8 * direction, 4 * direction)
                                view.repaint()
                                times.append(time.perf_counter() - t1)
                            row[f"fps_{label}"] = round(frames / (time.perf_counter() - start), 1)
                            row[f"slowest_ms_{label}"] = round(max(times) * 1000, 1)
                        row["markers_in_view"] = len(view._visible(index.level(zoom)))  # noqa: SLF001
                        view.set_index(index)
                        view.set_grids([g for g, *_ in grids])
                        view.set_counts(counts, late)
                        out.append(row)
                window.shutdown()
                window.close()
                window.deleteLater()
                app.processEvents()
            collector.uninstall()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per figure (after one warm-up)")
    parser.add_argument("--frames", type=int, default=150)
    parser.add_argument("--backends", default="sqlite")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON document")
    args = parser.parse_args()
    rows = [r for b in args.backends.split(",") for r in run_backend(b.strip(), args.cases, args.repeat, args.frames)]
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    print(f"{os.cpu_count()} CPUs; {args.cases:,} cases on the server; median of {args.repeat}; raw: the bare GETs")
    for r in rows:
        if "fps_cases" in r:
            print(
                f"{r['backend']:<11}{r['what']:<34} {r['fps_cases']:>6} fps (slowest {r['slowest_ms_cases']} ms, "
                f"{r['markers_in_view']:,} markers)   bare: {r['fps_bare']} fps (slowest {r['slowest_ms_bare']} ms)"
            )
        else:
            line = (
                f"{r['backend']:<11}{r['user']:<20}{r['what']:<34}{r['cases']:>8,} cases {r['median_ms']:>8} ms "
                f"(best {r['best_ms']}; fetch {r['fetch_ms']}, cluster {r['cluster_ms']})   raw GETs {r['raw_ms']} ms"
            )
            if "longest_gui_pause_ms" in r:
                line += f"   GUI pause ≤ {r['longest_gui_pause_ms']} ms (idle: {r['longest_idle_pause_ms']} ms)"
            print(line)


if __name__ == "__main__":
    main()
