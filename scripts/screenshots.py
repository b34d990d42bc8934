"""Render the tablet app's main screens to docs/screenshots/*.png, in both languages and both themes.

Run under Xvfb with the xcb platform, so the pictures are what a screen shows:

    xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python scripts/screenshots.py

A temporary data folder gets 12 demo cases with 2 photos each (generated JPEGs with
EXIF GPS, through the real ingest), plus one draft and one returned case to edit and
view, and two inspectors who have logged in on the tablet before. Each screen is
saved as <screen>_<language>_<theme>.png at 1280×800, plus the list in portrait
(800×1280). The login page and the sync states (a sync under way with its progress;
cases the server refused) are the real widgets fed the states the sync controller
reports, so no server is needed to draw them.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEventLoop  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from app.accounts import make_verifier  # noqa: E402
from app.demo import demo_jpeg, make_demo  # noqa: E402
from app.services import Tablet  # noqa: E402
from storage.repository import CaseFilter  # noqa: E402
from ui.main import ensure_app, open_window  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.session import Session  # noqa: E402

SIZE = (1280, 800)
LANGUAGES = ("zh_CN", "en")
THEMES = ("normal", "sunlight")


def spin(app: QApplication, seconds: float = 0.3) -> None:
    """Let queued work, layouts and paints settle."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        time.sleep(0.005)


def wait_until(app: QApplication, condition: Callable[[], bool], timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the screen did not get ready in time")
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        time.sleep(0.005)


def idle(app: QApplication, session: Session) -> None:
    wait_until(app, lambda: not session.tasks.busy)
    spin(app)


def make_data(folder: Path) -> tuple[str, str]:
    """Demo cases with photos; returns (a draft to edit, a returned case to show)."""
    with Tablet(folder) as tablet:
        make_demo(tablet, 12, 2, seed=8)
        rng = random.Random(1)
        shots = []
        for k in range(2):
            path = folder.parent / f"draft_{k}.jpg"
            path.write_bytes(demo_jpeg(rng, 34.7561, 113.6645, datetime.now(), f"花园路 #{k + 1}"))
            shots.append(path)
        draft = tablet.new_case(
            type="manhole_cover",
            subtype="missing",
            address="郑州市金水区花园路与农业路交叉口东南角人行道",
            description="井盖缺失，井口已临时放置锥桶警示，行人夜间通行有坠落危险。",
            fields={"owner": "rainwater", "barrier_placed": "yes"},
            photos=shots,
        )
        # Inspectors who logged in on this tablet before: the login page offers them by name.
        for user in ("zhang.wei", "li.na"):
            tablet.repo.db.execute(
                "INSERT INTO accounts (user, role, districts, verifier, last_online_login) VALUES (?,?,?,?,?)",
                (user, "inspector", '["jinshui"]', make_verifier("demo"), datetime.now().astimezone().isoformat()),
            )
        # A case the reviewer returned shows the most (note, timeline); else the furthest along.
        for statuses in (("returned",), ("disposed", "dispatched", "filed", "received", "submitted"), ()):
            found = [i for i in tablet.case_ids(CaseFilter(statuses=statuses)) if i != draft.id]
            if found:
                return draft.id, found[0]
        return draft.id, draft.id


def grab(app: QApplication, window: QWidget, path: Path) -> None:
    spin(app, 0.4)
    screen = app.primaryScreen()
    # Under Xvfb the whole screen is the window (and any dialog over it); offscreen, the window.
    picture = screen.grabWindow(0) if app.platformName() == "xcb" else window.grab()
    if picture.width() > window.width() or picture.height() > window.height():
        picture = picture.copy(0, 0, window.width(), window.height())
    picture.save(str(path))
    print(path.relative_to(ROOT))


MB = 1024 * 1024


def shoot_sync(app: QApplication, window: MainWindow, session: Session, out: Path, tag: str) -> None:
    """The list while a sync runs (cases and megabytes), then after one that left refused cases."""
    last = datetime.now().astimezone().isoformat(timespec="seconds")
    status = window.status
    state = {"enrolled": True, "user": "zhang.wei", "waiting": 5, "last_sync_at": last, "refused": 0}
    status.set_inspector("zhang.wei")
    status.set_sync_available(True)
    window.on_sync_state_changed({**state, "online": True, "kind": None, "message": ""})
    status.on_sync_started()
    status.on_sync_progressed("photos", int(42.0 * MB), int(42.0 * MB))
    status.on_sync_progressed("cases", 3, 5)
    grab(app, window, out / f"list_syncing_{tag}.png")
    status.on_sync_finished()
    if tag.endswith("_normal"):  # the messages, once per language
        refused = {**state, "waiting": 1, "refused": 1, "online": True, "kind": None, "message": ""}
        window.on_sync_state_changed(refused)
        grab(app, window, out / f"list_sync_refused_{tag}.png")
        window.on_sync_state_changed({**state, "online": False, "kind": "network", "message": ""})
        grab(app, window, out / f"list_offline_{tag}.png")
        window.on_sync_state_changed({**state, "online": True, "kind": "auth", "message": ""})
        grab(app, window, out / f"list_login_expired_{tag}.png")
    # Back to the local demo tablet's own state.
    window.sync_banner.show_state({})
    status.set_sync_available(False)
    status.set_sync_state(None, None, None)
    window.list_page.model.refresh()
    idle(app, session)


def shoot(app: QApplication, window: MainWindow, session: Session, out: Path, draft: str, shown: str) -> None:
    for language in LANGUAGES:
        for theme in THEMES:
            session.set_language(language)
            session.set_theme(theme)
            tag = f"{language}_{theme}"
            window.resize(*SIZE)
            window.move(0, 0)
            window.show_list()
            wait_until(app, lambda: window.list_page.model.complete)
            idle(app, session)
            grab(app, window, out / f"list_{tag}.png")

            shoot_sync(app, window, session, out, tag)

            window.show_login()
            idle(app, session)
            grab(app, window, out / f"login_{tag}.png")
            window.show_list()
            window.refresh_inspector()
            idle(app, session)

            window.show_settings()
            dialog = window.settings_dialog
            assert dialog is not None
            # As on an enrolled tablet: the server, and who is logged in, with Log out / switch inspector.
            dialog.set_account("https://fieldcase.zzcg.gov.cn", "zhang.wei")
            spin(app)
            if app.platformName() == "xcb":
                grab(app, window, out / f"settings_{tag}.png")
            else:
                grab(app, dialog, out / f"settings_{tag}.png")
            dialog.close()
            spin(app)

            window.show_new_case()
            idle(app, session)
            grab(app, window, out / f"new_case_{tag}.png")

            window.edit_case(draft)
            idle(app, session)
            spin(app, 0.6)
            grab(app, window, out / f"edit_case_{tag}.png")

            window.show_case(shown)
            idle(app, session)
            spin(app, 0.6)
            grab(app, window, out / f"case_detail_{tag}.png")
            window.show_list()

        # Portrait, normal theme: taller than the Xvfb screen, so the window renders itself.
        session.set_theme("normal")
        window.resize(800, 1280)
        window.show_list()
        idle(app, session)
        spin(app, 0.5)
        path = out / f"list_portrait_{language}.png"
        window.grab().save(str(path))
        print(path.relative_to(ROOT))
        window.resize(*SIZE)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    app = ensure_app()
    with tempfile.TemporaryDirectory(prefix="fieldcase-shots-") as tmp:
        folder = Path(tmp) / "data"
        draft, shown = make_data(folder)
        tablet = Tablet(folder)
        session, window = open_window(app, tablet)
        window.resize(*SIZE)
        window.move(0, 0)
        window.show()
        try:
            shoot(app, window, session, args.out, draft, shown)
        finally:
            window.shutdown()
            window.hide()
            session.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
