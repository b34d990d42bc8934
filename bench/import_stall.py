"""Benchmark: the GUI thread's longest stall while 50 photos of 12 MP import through the new-case page.

A 5 ms timer on the GUI thread records the longest gap between its ticks (QElapsedTimer),
first while the event loop is idle (the baseline: what the timer and the machine cost),
then while the new-case page imports the photos (ingest on the database worker and the
decoder process; the GUI thread updates the progress bar, the photo strip and the
thumbnails). For each gap it also takes the GUI thread's own CPU time, which tells work
on the GUI thread apart from waiting for a core (a loaded machine) or for the GIL.
Runs offscreen, several rounds (each a fresh data folder). Goal: longest stall <= 100 ms.

    python bench/import_stall.py [--count 50] [--rounds 3] [--size 4000x3000] [--cache DIR]

The photos are bench/ingest.py's generated camera-like JPEGs (cached in the temp folder).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

GOAL_MS = 100.0
BASELINE_S = 3.0


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--count", type=int, default=50, help="photos to import (default 50)")
    parser.add_argument("--rounds", type=int, default=3, help="imports to measure (default 3)")
    parser.add_argument("--size", default="4000x3000", help="WIDTHxHEIGHT (default 4000x3000)")
    parser.add_argument("--cache", type=Path, default=None, help="where generated photos are kept")
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.lower().split("x"))

    from bench.ingest import generate

    cache = args.cache or Path(tempfile.gettempdir()) / f"fieldcase-bench-photos-{width}x{height}"
    photos = generate(cache, args.count, (width, height))
    for path in photos:  # from the page cache, as on a second import from the same card
        path.read_bytes()
    mean_mb = statistics.mean(p.stat().st_size for p in photos) / 1e6

    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from app.services import Tablet
    from tests.ui.helpers import StallMeter
    from ui.camera import StaticCaptureSource
    from ui.new_case import ImportReport, NewCasePage
    from ui.positioning import PositionProvider
    from ui.session import Session
    from ui.theme import apply_theme

    app = QApplication([])
    apply_theme(app, "normal")

    def run_for(seconds: float) -> None:
        loop = QEventLoop()
        QTimer.singleShot(int(seconds * 1000), loop.quit)
        loop.exec()

    def one_round() -> tuple[StallMeter, StallMeter, float, ImportReport]:
        with tempfile.TemporaryDirectory(prefix="fieldcase-bench-stall-") as data:
            tablet = Tablet(Path(data))
            session = Session(tablet)
            page = NewCasePage(session, capture_source=StaticCaptureSource(), position_provider=PositionProvider(None))
            page.resize(1280, 800)
            page.show()
            case = tablet.new_case(type="manhole_cover", subtype="missing")
            page.edit_case(case.id)
            while page.case_id is None:
                app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
            run_for(0.5)

            idle = StallMeter()
            idle.start()
            run_for(BASELINE_S)
            idle.stop()

            busy = StallMeter()
            finished: list[ImportReport] = []
            loop = QEventLoop()
            page.import_finished.connect(finished.append)
            page.import_finished.connect(lambda _r: loop.quit())
            started = time.perf_counter()
            busy.start()
            page.import_paths(photos)
            loop.exec()
            busy.stop()
            elapsed = time.perf_counter() - started
            run_for(0.3)  # let the last thumbnails arrive before closing
            page.shutdown()
            page.close()
            page.deleteLater()
            session.close()
        return idle, busy, elapsed, finished[0]

    print(f"{len(photos)} JPEGs {width}x{height}, mean {mean_mb:.2f} MB, imported through the new-case page")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"  {os.cpu_count()} cores, load average {load:.1f} at the start")
    longest: list[float] = []
    for number in range(1, args.rounds + 1):
        idle, busy, elapsed, report = one_round()
        longest.append(busy.longest_ms)
        print(
            f"  round {number}: {report.added} imported, {len(report.failures)} refused, {elapsed:.1f} s "
            f"({elapsed / max(1, len(photos)) * 1000:.0f} ms a photo)"
        )
        print(f"    idle event loop, {BASELINE_S:.0f} s:  longest gap {idle.longest_ms:6.1f} ms")
        print(
            f"    while importing:        longest gap {busy.longest_ms:6.1f} ms "
            f"(GUI thread computing {busy.longest_cpu_ms:.1f} ms of it); "
            f"most GUI-thread CPU between two ticks {busy.busiest_cpu_ms:.1f} ms"
        )
    median = statistics.median(longest)
    verdict = "ok" if median <= GOAL_MS else "OVER"
    print(f"  longest stall, median of {len(longest)} rounds: {median:.1f} ms; goal <= {GOAL_MS:.0f} ms: {verdict}")


if __name__ == "__main__":
    main()
