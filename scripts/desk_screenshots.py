"""Render the desk's screens to docs/screenshots/desk-*.png, in Simplified Chinese and English.

Plus the review desk in the sunlight theme (zh_CN). Run under Xvfb with the xcb platform, so the
pictures are what a screen shows:

    xvfb-run -a -s "-screen 0 1440x900x24" .venv/bin/python scripts/desk_screenshots.py

A real server (SQLite, in a temporary folder, on 127.0.0.1) gets cases sent by a tablet with
generated JPEGs: covers and illegal-construction reports with long Chinese addresses, some filed,
dispatched (one overdue) or disposed, one photo damaged on the server's disk. The desk then logs in
as a supervisor and as a disposal unit, and each screen is grabbed from the real widgets:
login (and its error), the review queue with a case, a refused decision, the dispatch dialog,
an empty filter, the connection lost, and the unit desk.

The desk map (`--only map`, also part of a full run): 3,000 cases of a year's work written into the
server's tables (bench/desk_map.py), a lattice of grids with each case placed in its grid, a made-up
basemap named in the data folder's settings; a supervisor of three districts sees every state on the
map with a case chosen in the queue (desk-map-*), a filter no case matches (desk-map-empty-*) and the
server gone (desk-map-error-*). Under the offscreen platform too:

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/desk_screenshots.py --only map
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEventLoop  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from server.decisions import DecisionRequest  # noqa: E402
from tests.ui.desk.world import World, close_world, open_world  # noqa: E402
from ui import i18n  # noqa: E402
from ui.desk.window import DeskWindow  # noqa: E402
from ui.gc_guard import MainThreadCollector  # noqa: E402
from ui.main import ensure_app  # noqa: E402
from ui.theme import apply_theme  # noqa: E402

SIZE = (1440, 900)
OUT = ROOT / "docs" / "screenshots"

ADDRESSES = [
    "金水区花园路与农业路交叉口东北角约一百米处人行道上（河南省人民医院对面公交站旁）",
    "二七区大学路 78 号院内",
    "中原区建设西路与桐柏路交叉口向西 50 米",
    "管城回族区紫荆山路 99 号",
    "惠济区天河路与长兴路交叉口",
    "郑东新区商务内环路 12 号楼北侧",
]


def spin(app: QApplication, seconds: float = 0.3) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        time.sleep(0.005)


def wait_until(app: QApplication, condition: Callable[[], bool], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the screen did not get ready in time")
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        time.sleep(0.005)


def save(widget: QWidget, name: str, app: QApplication) -> Path:
    spin(app, 0.4)
    path = OUT / f"{name}.png"
    if not widget.grab().save(str(path)):
        raise OSError(f"cannot write {path}")
    print(path.relative_to(ROOT))
    return path


def fill(world: World) -> dict[str, str]:
    """The cases the screens show; their ids by role in the pictures."""
    cases: dict[str, str] = {}
    cases["urgent"] = world.send("missing", address=ADDRESSES[0], description="井盖缺失，已设置临时围挡")
    cases["near"] = world.send("broken", address=ADDRESSES[0], description="井盖破损", at=(34.74664, 113.62533))
    for n, address in enumerate(ADDRESSES[1:], 1):
        cases[f"case{n}"] = world.send(
            "broken" if n % 2 else "displaced", address=address, at=(34.75 + n / 500, 113.63 + n / 500)
        )
    boss = world.supervisor
    for key in ("case1", "case2", "case3"):
        world.decide(boss, cases[key], "file")
    world.decide(boss, cases["case2"], "dispatch")
    # One dispatched two days ago: overdue now.
    principal = world.server.core.accounts.authenticate(world.client(boss).token, None)
    world.server.core.decisions.decide(
        principal, cases["case3"], DecisionRequest(action="dispatch"), datetime.now(UTC) - timedelta(days=4)
    )
    # A photo of the urgent case damaged on the server's disk: the desk shows the failed check.
    case = world.client(boss).get(f"/cases/{cases['near']}").json()
    path = world.server.core.photos.blob_path(case["photos"][1]["sha256"])
    path.chmod(0o644)
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    return cases


def shoot(language: str, world: World, cases: dict[str, str], app: QApplication, theme: str = "normal") -> None:
    i18n.install_translator(app, language)
    apply_theme(app, theme)
    window = DeskWindow(world.url, poll_ms=1_000_000)
    window.resize(*SIZE)
    window.show()
    spin(app)
    page = window.login_page
    if theme != "normal":  # the review desk in the other theme
        page.user.setText(world.supervisor.name)
        page.password.setText(world.supervisor.password)
        page.on_button_clicked()
        wait_until(app, lambda: window.desk is not None and window.desk.queue.model.pages >= 1)
        desk = window.desk
        assert desk is not None
        desk.queue.state.setCurrentIndex(1)
        wait_until(app, lambda: not desk.queue.model.loading)
        desk.on_queue_case_chosen(cases["case3"])
        view = desk.case_view
        wait_until(app, lambda: view.case is not None and view.case["id"] == cases["case3"] and view.photos_done)
        save(window, f"desk-review-{theme}-{language}", app)
        window.shutdown()
        window.close()
        window.deleteLater()
        spin(app)
        return
    save(window, f"desk-login-{language}", app)
    page.user.setText(world.supervisor.name)
    page.password.setText("wrong-password")
    page.on_button_clicked()
    wait_until(app, lambda: not page.busy)
    save(window, f"desk-login-error-{language}", app)

    page.password.setText(world.supervisor.password)
    page.on_button_clicked()
    wait_until(app, lambda: window.desk is not None and window.desk.queue.model.pages >= 1)
    desk = window.desk
    assert desk is not None
    view = desk.case_view
    desk.on_queue_case_chosen(cases["near"])
    wait_until(app, lambda: view.case is not None and view.case["id"] == cases["near"] and view.photos_done)
    wait_until(app, lambda: bool(view.nearby))
    save(window, f"desk-review-{language}", app)
    view.scroll.verticalScrollBar().setValue(view.photos_section.y() - 8)
    save(window, f"desk-review-photos-{language}", app)

    # The overdue, dispatched case: its deadlines.
    desk.queue.state.setCurrentIndex(1)
    wait_until(app, lambda: not desk.queue.model.loading)
    desk.on_queue_case_chosen(cases["case3"])
    wait_until(app, lambda: view.case is not None and view.case["id"] == cases["case3"] and view.photos_done)
    save(window, f"desk-review-overdue-{language}", app)

    # The dispatch dialog of a filed case.
    desk.on_queue_case_chosen(cases["case1"])
    wait_until(app, lambda: view.case is not None and view.case["id"] == cases["case1"])
    dialog = view.start_decision("dispatch")
    assert dialog is not None
    spin(app)
    save(dialog, f"desk-dispatch-dialog-{language}", app)
    dialog.reject()

    # A refused decision: another supervisor dispatched case1 first.
    world.decide(world.supervisor, cases["case1"], "dispatch")
    view.send_decision("dispatch", {"unit": "drainage_co"})
    wait_until(app, lambda: view.case is not None and view.case["status"] == "dispatched" and not view.busy)
    save(window, f"desk-refused-{language}", app)

    # No case matches.
    desk.queue.search.setText("没有这样的地址")
    desk.queue.apply_filter()
    wait_until(app, lambda: not desk.queue.model.loading)
    save(window, f"desk-empty-{language}", app)
    desk.queue.search.clear()

    # The connection lost: said, and retried.
    client = desk.connection.client
    real = client.base_url
    client.base_url = "http://127.0.0.1:9"
    desk.queue.apply_filter()
    wait_until(app, lambda: window.connection_state.text() != "")
    save(window, f"desk-offline-{language}", app)
    client.base_url = real
    wait_until(app, lambda: desk.queue.model.rowCount() > 0, timeout=60)

    # The unit desk.
    window.logout()
    page.user.setText(world.unit.name)
    page.password.setText(world.unit.password)
    page.on_button_clicked()
    wait_until(app, lambda: window.desk is not None and window.desk.queue.model.pages >= 1)
    desk = window.desk
    assert desk is not None
    wait_until(app, lambda: desk.case_view.case is not None and desk.case_view.photos_done)
    save(window, f"desk-unit-{language}", app)
    dialog = desk.case_view.start_decision("dispose")
    assert dialog is not None
    assert dialog.note is not None
    dialog.note.setPlainText("已更换新井盖并加固井座" if language == "zh_CN" else "New cover fitted, frame re-seated")
    spin(app)
    save(dialog, f"desk-dispose-dialog-{language}", app)
    dialog.reject()
    window.shutdown()
    window.close()
    window.deleteLater()
    spin(app)


def shoot_map(language: str, root: Path, app: QApplication) -> None:
    """The desk map: every state with a case chosen, then no case matching, then the server gone."""
    from app.maps.demo_basemap import write_demo_basemap
    from bench.desk_map import SIDE, SOUTH, WEST, lattice_grids, place_in_grids
    from bench.loop import DISTRICTS
    from bench.loop import fill as fill_year

    world = open_world(root)
    data_dir = root / "fieldcase-data"
    data_dir.mkdir()
    write_demo_basemap(data_dir / "city.mbtiles", SOUTH + SIDE / 2, WEST + SIDE / 2, zooms=range(11, 16), radius=3)
    (data_dir / "settings.json").write_text('{"basemap": "city.mbtiles"}', encoding="utf-8")
    before = os.environ.get("FIELDCASE_DATA_DIR")
    os.environ["FIELDCASE_DATA_DIR"] = str(data_dir)
    try:
        core = world.server.core
        for code in DISTRICTS:
            core.accounts.add_district(code, f"District {code}")
        fill_year(core, 3000, datetime.now(UTC), seed=11)
        core.cases.grids.import_document(lattice_grids())
        place_in_grids(core)
        boss = world.server.user("supervisor", districts=tuple(DISTRICTS[:3]), name="zhou-supervisor")
        i18n.install_translator(app, language)
        apply_theme(app, "normal")
        window = DeskWindow(world.url, poll_ms=1_000_000)
        window.resize(*SIZE)
        window.show()
        page = window.login_page
        page.user.setText(boss.name)
        page.password.setText(boss.password)
        page.on_button_clicked()
        wait_until(app, lambda: window.desk is not None and window.desk.queue.model.pages >= 1)
        desk = window.desk
        assert desk is not None
        queue, mapped = desk.queue, desk.map
        desk.map_switch.map_button.click()
        queue.state.setCurrentIndex(queue.state.findData(""))
        wait_until(app, lambda: mapped.data is not None and not mapped.loading and mapped.data.flt.states == ())
        wait_until(app, lambda: not queue.model.loading)
        desk.on_queue_case_chosen(queue.model.row_at(2).id)  # type: ignore[union-attr]
        view = desk.case_view
        wait_until(app, lambda: view.case is not None and not desk.connection.tasks.busy)
        mapped.view.centre_on(SOUTH + SIDE * 0.55, WEST + SIDE * 0.5, 14)
        wait_until(app, lambda: not mapped.tiles._in_flight)  # noqa: SLF001
        save(window, f"desk-map-{language}", app)

        queue.search.setText("没有这样的地址" if language == "zh_CN" else "no such address")
        queue.apply_filter()
        wait_until(app, lambda: not mapped.loading and mapped.data is not None and mapped.data.total == 0)
        save(window, f"desk-map-empty-{language}", app)
        queue.search.clear()
        queue.apply_filter()
        wait_until(app, lambda: not mapped.loading and mapped.data is not None and mapped.data.total > 0)

        client = desk.connection.client
        real = client.base_url
        client.base_url = "http://127.0.0.1:9"
        queue.overdue.setChecked(True)
        wait_until(app, lambda: mapped.view.overlay.isVisible() and window.connection_state.text() != "")
        save(window, f"desk-map-error-{language}", app)
        client.base_url = real
        wait_until(app, lambda: not mapped.loading, timeout=60)
        window.shutdown()
        window.close()
        window.deleteLater()
        spin(app)
    finally:
        if before is None:
            os.environ.pop("FIELDCASE_DATA_DIR", None)
        else:
            os.environ["FIELDCASE_DATA_DIR"] = before
        close_world(world)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--languages", default="zh_CN,en")
    parser.add_argument("--only", choices=("map",), help="only these screens")
    args = parser.parse_args()
    settings = tempfile.TemporaryDirectory(prefix="fieldcase-desk-settings-")
    os.environ["FIELDCASE_DESK_INI"] = str(Path(settings.name) / "desk.ini")  # not the user's own settings
    app = ensure_app()
    collector = MainThreadCollector(app)  # Qt objects are freed on the GUI thread only (ui/gc_guard.py)
    OUT.mkdir(parents=True, exist_ok=True)
    passes = [(language, "normal") for language in args.languages.split(",")] + [("zh_CN", "sunlight")]
    for language in args.languages.split(","):
        with tempfile.TemporaryDirectory(prefix="fieldcase-desk-map-shots-") as tmp:
            shoot_map(language, Path(tmp), app)
    if args.only == "map":
        passes = []
    for language, theme in passes:
        with tempfile.TemporaryDirectory(prefix="fieldcase-desk-shots-") as tmp:
            world = open_world(Path(tmp))
            try:
                cases = fill(world)
                shoot(language, world, cases, app, theme)
            finally:
                close_world(world)
    collector.uninstall()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
