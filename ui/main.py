"""Starting the tablet app: the QApplication, the data folder's Tablet, the session and the main window.

`fieldcase` and `fieldcase gui` call `run_app` (through app/launch.py).
With FIELDCASE_BENCH_PAINTED=1 the app prints `FIELDCASE_PAINTED <unix time>` when the
case list's first page has been painted, times the search terms in
FIELDCASE_BENCH_TERMS (separated by "|"), prints them, and quits: bench/startup.py
reads those lines.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

import ui.pyside_fix  # noqa: F401  (PySide6 6.12.0 drops references to None/True: see there)
from app.services import Tablet
from ui.gc_guard import MainThreadCollector
from ui.i18n import install_translator
from ui.main_window import MainWindow
from ui.session import Session
from ui.settings_dialog import resolve_data_dir
from ui.theme import apply_theme

log = logging.getLogger(__name__)

BENCH_ENV = "FIELDCASE_BENCH_PAINTED"
BENCH_TERMS_ENV = "FIELDCASE_BENCH_TERMS"


def ensure_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName("Fieldcase")
    app.setApplicationName("Fieldcase")
    app.setApplicationDisplayName("Fieldcase")
    return app


def setup_logging(logs: Path) -> None:
    """A rotating log file in the data folder (never a password or a token in it)."""
    root = logging.getLogger()
    if any(isinstance(h, logging.handlers.RotatingFileHandler) for h in root.handlers):
        return
    try:
        logs.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            logs / "fieldcase.log", maxBytes=2_000_000, backupCount=5, encoding="utf-8"
        )
    except OSError as exc:
        print(f"fieldcase: cannot write the log in {logs}: {exc}", file=sys.stderr)
        return
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > logging.INFO:
        root.setLevel(logging.INFO)


def open_window(app: QApplication, tablet: Tablet) -> tuple[Session, MainWindow]:
    """The session over an open Tablet, its language and theme applied, and the main window (not shown)."""
    session = Session(tablet)
    install_translator(app, session.language)
    apply_theme(app, session.theme)
    window = MainWindow(session)
    return session, window


def close_window(session: Session, window: MainWindow) -> None:
    window.shutdown()
    window.close()
    session.close()


class _Bench(QObject):
    """Start-up and filter timing for bench/startup.py (only with FIELDCASE_BENCH_PAINTED=1)."""

    def __init__(self, window: MainWindow, app: QApplication) -> None:
        super().__init__(window)
        self.window, self.app = window, app
        self.page = window.list_page
        raw = os.environ.get(BENCH_TERMS_ENV, "")
        self.terms = [t for t in raw.split("|") if t]
        self.start = 0.0
        self.page.view.first_painted.connect(self.on_view_first_painted)

    def on_view_first_painted(self) -> None:
        print(f"FIELDCASE_PAINTED {time.time():.6f}", flush=True)
        QTimer.singleShot(0, self, self.next_term)

    def next_term(self) -> None:
        if not self.terms:
            self.app.quit()
            return
        term = self.terms[0]
        model = self.page.model
        model.page_loaded.connect(self.on_page_loaded, Qt.ConnectionType.UniqueConnection)
        self.start = time.perf_counter()
        self.page.search.setText(term)
        self.page.apply_filter()

    def on_page_loaded(self) -> None:
        self.page.view.viewport().repaint()
        first = time.perf_counter() - self.start
        term = self.terms.pop(0)
        model = self.page.model

        def report() -> None:
            total = time.perf_counter() - self.start
            print(f"FIELDCASE_FILTER {first * 1000:.1f} {total * 1000:.1f} {model.rowCount()} {term}", flush=True)
            QTimer.singleShot(0, self, self.next_term)

        if model.complete:
            report()
        else:
            model.loaded.connect(report, Qt.ConnectionType.SingleShotConnection)


def run_app(data_dir: Path | None) -> int:
    """Open the data folder and run the tablet app until its window closes; the exit code."""
    app = ensure_app()
    collector = MainThreadCollector(app)  # cycles freed on this thread only: see ui/gc_guard.py
    try:
        return _run(app, data_dir)
    finally:
        collector.uninstall()
        collector.deleteLater()


def _run(app: QApplication, data_dir: Path | None) -> int:
    folder = resolve_data_dir(data_dir)
    setup_logging(folder / "logs")
    try:
        tablet = Tablet(folder)
    except Exception as exc:  # the folder or database cannot be opened: say so, exit non-zero
        from ui.errors import message_for

        log.exception("cannot open the data folder %s", folder)
        install_translator(app, "zh_CN")
        QMessageBox.critical(None, "Fieldcase", f"{folder}\n\n{message_for(exc)}")
        return 1
    session, window = open_window(app, tablet)
    if os.environ.get(BENCH_ENV) == "1":
        _Bench(window, app)
    # Quit when the main window closes, rather than on "last window closed": that one can
    # post a Quit event which, arriving after exec() has returned, would end every later
    # event loop of this process at once (it matters to tests that run the app in-process).
    quit_on_last = app.quitOnLastWindowClosed()
    app.setQuitOnLastWindowClosed(False)
    window.closed.connect(app.quit)
    window.show()
    try:
        return int(app.exec())
    finally:
        close_window(session, window)
        app.setQuitOnLastWindowClosed(quit_on_last)


def run_desk(server: str = "", language: str | None = None, *, theme: str | None = None) -> int:
    """Run the desk app (`fieldcase desk`): a login to the server, then each role's own desk."""
    from app.paths import default_data_dir
    from ui.desk.window import DeskWindow, desk_settings

    app = ensure_app()
    collector = MainThreadCollector(app)  # cycles freed on this thread only: see ui/gc_guard.py
    setup_logging(default_data_dir() / "logs")
    saved = desk_settings().value("language")
    install_translator(app, language or (str(saved) if saved else "zh_CN"))
    saved_theme = desk_settings().value("theme")
    apply_theme(app, theme or (str(saved_theme) if saved_theme else "normal"))
    window = DeskWindow(server)
    quit_on_last = app.quitOnLastWindowClosed()
    app.setQuitOnLastWindowClosed(False)
    window.closed.connect(app.quit)
    window.resize(1366, 860)
    window.show()
    try:
        return int(app.exec())
    finally:
        window.shutdown()
        window.deleteLater()
        app.setQuitOnLastWindowClosed(quit_on_last)
        collector.uninstall()
        collector.deleteLater()
