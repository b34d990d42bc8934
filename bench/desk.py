"""Benchmark: the desk app against a server holding 100,000 cases — the queue after login, a filter, paging.

The cases are written straight into the server's tables (bench/loop.py's `fill`: a year of a
bureau's work over 10 districts in every state of the loop), then a real `fieldcase-server serve`
(one worker) answers the real desk window (ui/desk/window.py, offscreen Qt unless a display is
given) of a supervisor of two districts, measured in this process:

- **queue after login**: from pressing "Log in" to the queue's first page painted (the login, the
  server's capabilities, the first page of the queue in `order=queue`, the rows computed and
  painted); goal <= 0.5 s (issue 6);
- **filter**: from choosing a subtype to its first page painted; goal <= 200 ms;
- **paging**: the next page fetched as the table scrolls to its end, and the longest stall of the
  GUI thread meanwhile (a 5 ms timer's largest gap), over 20 pages.

Raw baselines in the same run, with a kept-alive `requests` session: the bare login plus the same
first page (`POST /auth/login`, `GET /cases?...`), the bare GET of the filtered page, and the bare
GET of a next page by its cursor, each answer's JSON parsed (as any client must).

    python bench/desk.py [--cases 100000] [--repeat 7] [--backends sqlite] [--json]
"""

from __future__ import annotations

import argparse
import dataclasses
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
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import requests  # noqa: E402

from bench.loop import DISTRICTS, fill  # noqa: E402
from bench.server import CHEAP_ARGON2, _free_port, database, running  # noqa: E402

GOALS_MS = {"queue after login": 500.0, "filter": 200.0, "next page": 200.0}


def median_ms(values: list[float]) -> float:
    return round(statistics.median(values) * 1000, 1)


def run_backend(backend: str, count: int, repeat: int) -> list[dict[str, Any]]:
    from PySide6.QtCore import QElapsedTimer, QEventLoop, Qt, QTimer

    from server.config import ServerConfig
    from server.core import Core
    from server.store import Store
    from ui import i18n
    from ui.desk.window import DeskWindow
    from ui.gc_guard import MainThreadCollector
    from ui.main import ensure_app
    from ui.theme import apply_theme

    with tempfile.TemporaryDirectory(prefix="fieldcase-desk-bench-") as tmp, database(backend, Path(tmp)) as url:
        os.environ["FIELDCASE_DESK_INI"] = str(Path(tmp) / "desk.ini")
        config = ServerConfig(data_dir=Path(tmp) / "data", database_url=url, argon2_time_cost=1, argon2_memory_kib=8192)
        store = Store(config.database_url, pool_size=1)
        store.migrate()
        store.close()
        core = Core.open(config, pool_size=2)
        password = secrets.token_urlsafe(12)
        try:
            for code in DISTRICTS:
                core.accounts.add_district(code, f"District {code}")
            for unit in core.catalogue.units:
                core.accounts.add_unit(unit.code, unit.name("en"))
            core.accounts.add_user("boss", "supervisor", password, districts=DISTRICTS[:2])
            made = fill(core, count, datetime.now(UTC))
        finally:
            core.close()
        print(f"[{backend}] {count:,} cases filled in {made['seconds']} s", file=sys.stderr)
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
            window = DeskWindow(base, poll_ms=10_000_000)
            window.resize(1440, 900)
            window.show()

            def spin_until(condition: Callable[[], bool], timeout: float = 60.0) -> None:
                """Run the event loop until `condition` holds, checked every 2 ms by a timer: the GUI
                thread idles in between as in the app (a busy processEvents loop would hold the GIL
                and slow the desk's workers)."""
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
                    raise TimeoutError("the desk did not answer in time")

            def quiet() -> None:
                """Wait until the desk has no request running (the case view's loads of the last step)."""
                desk = window.desk
                spin_until(lambda: desk is None or not desk.connection.tasks.busy)

            # ---- the queue after login
            shown: list[float] = []
            rows_shown = 0
            for attempt in range(repeat + 1):
                page = window.login_page
                page.user.setText("boss")
                page.password.setText(password)
                app.processEvents()
                start = time.perf_counter()
                page.on_button_clicked()
                spin_until(lambda: window.desk is not None and window.desk.queue.model.pages >= 1)
                desk = window.desk
                assert desk is not None
                desk.queue.view.viewport().repaint()
                if attempt:  # the first is a warm-up
                    shown.append(time.perf_counter() - start)
                rows_shown = desk.queue.model.rowCount()
                if attempt < repeat:
                    quiet()
                    window.logout()
                    spin_until(lambda: not window.tasks.busy)
            desk = window.desk
            assert desk is not None
            queue = desk.queue
            flt = queue.current_filter()
            params = flt.params() + [("order", "queue"), ("limit", "100")]

            session = requests.Session()
            raw_login: list[float] = []
            for attempt in range(repeat + 1):
                start = time.perf_counter()
                token = session.post(
                    f"{base}/api/v1/auth/login", json={"user": "boss", "password": password}, timeout=30
                ).json()["token"]
                headers = {"Authorization": f"Bearer {token}"}
                answer = session.get(f"{base}/api/v1/cases", params=params, headers=headers, timeout=30)
                assert answer.status_code == 200 and answer.json()["cases"], answer.text
                if attempt:
                    raw_login.append(time.perf_counter() - start)

            # ---- a filter: alternate between two subtypes
            subtypes = [i for i in range(1, queue.subtype.count())][:2]
            filtered: list[float] = []
            raw_filter: list[float] = []
            filtered_rows = 0
            for attempt in range(repeat + 1):
                index = subtypes[attempt % len(subtypes)]

                def raw_get(index: int = index, attempt: int = attempt) -> None:
                    sub = str(queue.subtype.itemData(index))
                    kind = next(t.code for t in window.catalogue.types if t.subtype(sub))
                    same = dataclasses.replace(flt, type=kind, subtype=sub)  # what the desk asks for
                    fparams = same.params() + [("order", "queue"), ("limit", "100")]
                    start = time.perf_counter()
                    answer = session.get(f"{base}/api/v1/cases", params=fparams, headers=headers, timeout=30)
                    assert answer.status_code == 200 and answer.json()["cases"] is not None
                    if attempt:
                        raw_filter.append(time.perf_counter() - start)

                if attempt % 2:  # half the time the bare GET goes first (the database's cache favours the second)
                    raw_get()
                quiet()
                start = time.perf_counter()
                queue.subtype.setCurrentIndex(index)
                spin_until(lambda: not queue.model.loading and queue.model.pages >= 1)
                queue.view.viewport().repaint()
                if attempt:
                    filtered.append(time.perf_counter() - start)
                filtered_rows = queue.model.rowCount()
                if not attempt % 2:
                    raw_get()

            # ---- paging: scroll to the end, page after page, while a 5 ms timer watches the GUI thread
            queue.subtype.setCurrentIndex(0)
            spin_until(lambda: not queue.model.loading and queue.model.pages >= 1)
            quiet()
            clock = QElapsedTimer()
            gaps = [0.0, 0.0]  # the longest gap between ticks, and the GUI thread's CPU time within it
            last = [0, 0.0]

            def tick() -> None:
                now, cpu = clock.nsecsElapsed(), time.thread_time()
                gap = (now - last[0]) / 1e6
                if gap > gaps[0]:
                    gaps[0], gaps[1] = gap, (cpu - last[1]) * 1000
                last[0], last[1] = now, cpu

            timer = QTimer()
            timer.setTimerType(Qt.TimerType.PreciseTimer)
            timer.setInterval(5)
            timer.timeout.connect(tick)
            pages: list[float] = []
            clock.start()
            last[0], last[1] = clock.nsecsElapsed(), time.thread_time()
            timer.start()
            for _ in range(20):
                model = queue.model
                if not model.canFetchMore():
                    break
                quiet()
                before = model.pages
                start = time.perf_counter()
                queue.view.scrollToBottom()
                spin_until(lambda model=model, before=before: model.pages > before and not model.loading)
                queue.view.viewport().repaint()
                pages.append(time.perf_counter() - start)
            timer.stop()
            paged_rows = queue.model.rowCount()
            cursor = None
            raw_pages: list[float] = []
            for _ in range(len(pages) + 1):
                p = params + ([("cursor", cursor)] if cursor else [])
                start = time.perf_counter()
                body = session.get(f"{base}/api/v1/cases", params=p, headers=headers, timeout=30).json()
                raw_pages.append(time.perf_counter() - start)
                cursor = body["next_cursor"]
                if not cursor:
                    break
            session.close()
            window.shutdown()
            window.close()
            window.deleteLater()
            app.processEvents()
            collector.uninstall()

    def row(what: str, rows: int, values: list[float], raw: list[float]) -> dict[str, Any]:
        goal = GOALS_MS[what]
        median = median_ms(values)
        return {
            "backend": backend,
            "what": what,
            "rows": rows,
            "median_ms": median,
            "best_ms": round(min(values) * 1000, 1),
            "raw_ms": median_ms(raw),
            "goal_ms": goal,
            "goal_met": median <= goal,
        }

    out = [
        row("queue after login", rows_shown, shown, raw_login),
        row("filter", filtered_rows, filtered, raw_filter),
        row("next page", paged_rows, pages, raw_pages[1:] or raw_pages),
    ]
    out[-1]["longest_gui_stall_ms"] = round(gaps[0], 1)
    out[-1]["gui_cpu_in_that_stall_ms"] = round(gaps[1], 1)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=7, help="timed runs per figure (after one warm-up)")
    parser.add_argument("--backends", default="sqlite")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON document")
    args = parser.parse_args()
    rows = [r for b in args.backends.split(",") for r in run_backend(b.strip(), args.cases, args.repeat)]
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    print(f"{os.cpu_count()} CPUs; {args.cases:,} cases; median and best of {args.repeat}; raw: bare HTTP")
    print(f"{'backend':<11}{'what':<20}{'rows':>7}{'median ms':>11}{'best ms':>9}{'raw ms':>8}{'goal ms':>9}  goal")
    for r in rows:
        print(
            f"{r['backend']:<11}{r['what']:<20}{r['rows']:>7}{r['median_ms']:>11}{r['best_ms']:>9}{r['raw_ms']:>8}"
            f"{r['goal_ms']:>9.0f}  {'met' if r['goal_met'] else 'MISSED'}"
        )
        if "longest_gui_stall_ms" in r:
            print(
                f"{'':<11}longest GUI-thread stall while paging: {r['longest_gui_stall_ms']} ms "
                f"(of which the GUI thread computed {r['gui_cpu_in_that_stall_ms']} ms)"
            )


if __name__ == "__main__":
    main()
