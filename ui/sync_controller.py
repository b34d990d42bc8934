"""Sync in the background of the app: on a timer, when the network returns, and on demand.

The sync runs on the I/O pool with its own connection to the tablet's database
(WAL lets it write beside the UI's worker), so a long upload never holds up the
UI's database work; progress and the outcome come back as signals.
"""

from __future__ import annotations

import logging
import random
import threading
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal


def backoff(failures: int, rng: random.Random, *, cap: float) -> float:
    """Seconds before the next automatic try: exponential with full jitter, capped."""
    return rng.uniform(0.0, min(cap, 2.0 * 2 ** min(failures, 20)))


log = logging.getLogger(__name__)


class SyncController(QObject):
    sync_started = Signal()
    sync_progressed = Signal(str, int, int)  # phase ("photos": bytes, "cases": count), done, total
    sync_finished = Signal(object)  # the SyncReport
    state_changed = Signal(object)  # dict: online, waiting, last_sync_at, user, message, kind

    def __init__(self, session: Any, parent: QObject | None = None, *, interval_s: int | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._running = False
        self._cancel = threading.Event()
        self._failures = 0
        self._rng = random.Random()
        self.online: bool | None = None
        self.last_report: Any = None
        self._interval_ms = 1000 * int(interval_s or session.tablet.settings.get("sync_interval_s"))
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.sync_now)
        self._network: Any = None

    @property
    def running(self) -> bool:
        return self._running

    def start(self) -> None:
        """Begin automatic sync: now, then on the timer, and whenever the network comes back."""
        self._watch_network()
        self.refresh_state()
        if self.session.tablet.sync_status()["enrolled"]:
            self._timer.start(500)

    def stop(self) -> None:
        self._timer.stop()
        self._cancel.set()

    def _watch_network(self) -> None:
        try:
            from PySide6.QtNetwork import QNetworkInformation

            if QNetworkInformation.loadDefaultBackend():
                self._network = QNetworkInformation.instance()
                self._network.reachabilityChanged.connect(self._on_network_reachability_changed)
        except (ImportError, RuntimeError) as exc:  # no backend here: the timer still covers it
            log.info("no network-information backend: %s", exc)

    def _on_network_reachability_changed(self, reachability: Any) -> None:
        from PySide6.QtNetwork import QNetworkInformation

        if reachability in (QNetworkInformation.Reachability.Online, QNetworkInformation.Reachability.Site):
            self._failures = 0
            self._timer.start(1000)

    def refresh_state(self, message: str = "", kind: str | None = None) -> None:
        status = self.session.tablet.sync_status()
        self.state_changed.emit({**status, "online": self.online, "message": message, "kind": kind})

    def sync_now(self) -> None:
        """Sync at once (the inspector's button, or the timer); a sync already running is left be."""
        if self._running:
            return
        self._running = True
        self._cancel.clear()
        self._timer.stop()
        self.sync_started.emit()
        data_dir = self.session.tablet.paths.root

        def work() -> Any:
            from app.services import Tablet

            with Tablet(data_dir, catalogue=self.session.tablet.catalogue) as tablet:
                return tablet.sync(progress=self.sync_progressed.emit, cancelled=self._cancel.is_set)

        self.session.tasks.run_io(work, self._on_sync_done, self._on_sync_error)

    def cancel(self) -> None:
        self._cancel.set()

    def _on_sync_done(self, report: Any) -> None:
        self._running = False
        self.last_report = report
        kind = report.error_kind
        self.online = kind not in ("network",)
        if report.error is None:
            self._failures = 0
            delay_ms = self._interval_ms
        else:
            self._failures += 1
            delay_ms = int(1000 * max(5.0, backoff(self._failures, self._rng, cap=self._interval_ms / 1000)))
        if kind != "auth":  # a login that expired waits for the inspector, not for a timer
            self._timer.start(delay_ms)
        self.refresh_state(report.error or "", kind)
        self.sync_finished.emit(report)
        self.session.changed.emit("")

    def _on_sync_error(self, exc: BaseException) -> None:
        self._running = False
        self._failures += 1
        log.error("sync failed unexpectedly: %s", exc)
        self._timer.start(int(1000 * max(5.0, backoff(self._failures, self._rng, cap=600))))
        self.refresh_state(str(exc), "internal")
