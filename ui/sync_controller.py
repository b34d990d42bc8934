"""Sync in the background of the app: on a timer, when the network returns, and on demand.

The sync runs on the I/O pool with its own connection to the tablet's database
(WAL lets it write beside the UI's worker), so a long upload never holds up the
UI's database work; progress and the outcome come back as signals. What the
status bar shows (queue length, last sync, cases the server refused) is read on
the database worker too: the GUI thread never touches SQLite here.
"""

from __future__ import annotations

import logging
import random
import threading
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

FIRST_SYNC_DELAY_MS = 500


def backoff(failures: int, rng: random.Random, *, cap: float) -> float:
    """Seconds before the next automatic try: exponential with full jitter, capped."""
    return rng.uniform(0.0, min(cap, 2.0 * 2 ** min(failures, 20)))


log = logging.getLogger(__name__)


def read_sync_state(tablet: Any) -> dict[str, Any]:
    """The tablet's sync status plus the number of cases the server refused for good (worker thread)."""
    from app.queries import CaseFilter

    status = dict(tablet.sync_status())
    status["refused"] = len(tablet.case_ids(CaseFilter(syncs=("failed",))))
    return status


class SyncController(QObject):
    """Runs `Tablet.sync` off the GUI thread and says how it went.

    `state_changed(dict)` carries the tablet's sync status (server, enrolled, user,
    waiting, last_sync_at, refused) with what this controller learned: online
    (True, False, or None when not known yet), running, and the last outcome's
    message and kind (None after a clean sync; "network", "auth", "server", … after
    a failed one; "internal" for a bug).
    """

    sync_started = Signal()
    # phase ("photos": bytes, "cases": count), done, total. 64-bit: a day's photos pass 2 GiB, and a
    # Python int above a C int's range in a Signal(str, int, int) crashes PySide6 6.12 outright.
    sync_progressed = Signal(str, "qlonglong", "qlonglong")
    sync_finished = Signal(object)  # the SyncReport
    state_changed = Signal(object)  # dict: see the class docstring

    def __init__(
        self,
        session: Any,
        parent: QObject | None = None,
        *,
        interval_s: int | None = None,
        first_delay_ms: int = FIRST_SYNC_DELAY_MS,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self._running = False
        self._active = False
        self._cancel = threading.Event()
        self._failures = 0
        self._rng = random.Random()
        self._first_delay_ms = first_delay_ms
        self.online: bool | None = None
        self.last_report: Any = None
        self.last_state: dict[str, Any] = {}
        self._message = ""
        self._kind: str | None = None
        self._interval_ms = 1000 * int(interval_s or session.tablet.settings.get("sync_interval_s"))
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.on_timer_timeout)
        self._network: Any = None

    @property
    def running(self) -> bool:
        return self._running

    @property
    def active(self) -> bool:
        return self._active

    def start(self) -> None:
        """Begin automatic sync: soon, then on the timer, and whenever the network comes back."""
        self._active = True
        self._failures = 0
        self._message, self._kind = "", None
        self._watch_network()
        self.refresh_state(then=self._on_started_state)

    def _on_started_state(self, state: dict[str, Any]) -> None:
        if self._active and state.get("enrolled") and state.get("user") and not self._running:
            self._timer.start(self._first_delay_ms)

    def stop(self) -> None:
        """No more automatic syncs (logout, shutdown); a sync under way is asked to stop."""
        self._active = False
        self._timer.stop()
        self._cancel.set()

    def _watch_network(self) -> None:
        if self._network is not None:
            return
        try:
            from PySide6.QtNetwork import QNetworkInformation

            if QNetworkInformation.loadDefaultBackend():
                self._network = QNetworkInformation.instance()
                self._network.reachabilityChanged.connect(self.on_network_reachability_changed)
        except (ImportError, RuntimeError) as exc:  # no backend here: the timer still covers it
            log.info("no network-information backend: %s", exc)

    def on_network_reachability_changed(self, reachability: Any) -> None:
        from PySide6.QtNetwork import QNetworkInformation

        if not self._active:
            return
        if reachability in (QNetworkInformation.Reachability.Online, QNetworkInformation.Reachability.Site):
            self._failures = 0
            if not self._running:
                self._timer.start(1000)

    def on_timer_timeout(self) -> None:
        if self._active:
            self.sync_now()

    # ------------------------------------------------------------ state

    def refresh_state(self, then: Any = None) -> None:
        """Read the sync status on the database worker, then announce it (and hand it to `then`)."""
        tablet = self.session.tablet

        def done(status: dict[str, Any]) -> None:
            state = {
                **status,
                "online": self.online,
                "running": self._running,
                "message": self._message,
                "kind": self._kind,
            }
            self.last_state = state
            self.state_changed.emit(state)
            if then is not None:
                then(state)

        def failed(exc: BaseException) -> None:
            log.warning("could not read the sync status: %r", exc)

        self.session.run_read(lambda: read_sync_state(tablet), done, failed)

    # ------------------------------------------------------------ syncing

    def sync_now(self) -> None:
        """Sync at once (the inspector's button, or the timer); a sync already running is left be."""
        if self._running:
            return
        self._running = True
        self._cancel.clear()
        self._timer.stop()
        self.sync_started.emit()
        data_dir = self.session.tablet.paths.root
        catalogue = self.session.tablet.catalogue
        progress = self.sync_progressed.emit  # a queued signal: safe to emit from the worker
        cancelled = self._cancel.is_set

        def work() -> Any:
            from app.services import Tablet

            with Tablet(data_dir, catalogue=catalogue) as tablet:
                return tablet.sync(progress=progress, cancelled=cancelled)

        self.session.tasks.run_io(work, self._on_sync_done, self._on_sync_error)

    def cancel(self) -> None:
        self._cancel.set()

    def _on_sync_done(self, report: Any) -> None:
        self._running = False
        self.last_report = report
        kind = report.error_kind
        if kind == "network":
            self.online = False
        elif kind != "cancelled":
            self.online = True
        self._message, self._kind = report.error or "", kind
        if report.error is None:
            self._failures = 0
            delay_ms = self._interval_ms
        else:
            self._failures += 1
            delay_ms = int(1000 * max(5.0, backoff(self._failures, self._rng, cap=self._interval_ms / 1000)))
        # A login that expired waits for the inspector, not for a timer; so does a cancel.
        if self._active and kind not in ("auth", "cancelled"):
            self._timer.start(delay_ms)
        self.refresh_state()
        self.sync_finished.emit(report)
        self.session.notify_changed("")

    def _on_sync_error(self, exc: BaseException) -> None:
        self._running = False
        self._failures += 1
        log.error("sync failed unexpectedly: %s", getattr(exc, "__traceback_text__", exc))
        self._message, self._kind = str(exc), "internal"
        if self._active:
            self._timer.start(int(1000 * max(5.0, backoff(self._failures, self._rng, cap=600))))
        self.refresh_state()
        self.sync_finished.emit(None)
