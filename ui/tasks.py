"""The UI's task runner: long work off the GUI thread, results delivered back on it.

After Anki's `CollectionOp`/`QueryOp` (qt/aqt/taskman.py): SQLite work runs on one
serialized worker (the tablet's connection is never used from two threads at
once); other work (file I/O, network) runs on a small pool. A worker never
touches a widget: it gets copies of what it needs, and its result or error is
handed to callbacks on the main thread.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)


class _Relay(QObject):
    """Lives on the main thread; queued signals carry results back to it."""

    finished = Signal(object, object, object)  # on_done, on_error, (ok, value)


class _Job(QRunnable):
    def __init__(self, relay: _Relay, fn: Callable[[], Any], on_done: Any, on_error: Any) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._relay, self._fn, self._on_done, self._on_error = relay, fn, on_done, on_error

    def run(self) -> None:
        try:
            result = (True, self._fn())
        except BaseException as exc:  # delivered to the main thread; never lost
            exc.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]
            result = (False, exc)
        self._relay.finished.emit(self._on_done, self._on_error, result)


class TaskRunner(QObject):
    """`run_db` for SQLite work (one at a time, in order), `run_io` for the rest."""

    task_failed = Signal(object)  # an exception no caller handled

    def __init__(self, parent: QObject | None = None, *, io_threads: int = 2) -> None:
        super().__init__(parent)
        self._db_pool = QThreadPool(self)
        self._db_pool.setMaxThreadCount(1)
        self._io_pool = QThreadPool(self)
        self._io_pool.setMaxThreadCount(io_threads)
        self._relay = _Relay(self)
        self._relay.finished.connect(self._on_relay_finished)
        self._pending = 0

    def run_db(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        self._start(self._db_pool, fn, on_done, on_error)

    def run_io(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        self._start(self._io_pool, fn, on_done, on_error)

    def _start(self, pool: QThreadPool, fn: Callable[[], Any], on_done: Any, on_error: Any) -> None:
        self._pending += 1
        pool.start(_Job(self._relay, fn, on_done, on_error))

    @property
    def busy(self) -> bool:
        return self._pending > 0

    @Slot(object, object, object)
    def _on_relay_finished(self, on_done: Any, on_error: Any, result: tuple[bool, Any]) -> None:
        self._pending -= 1
        ok, value = result
        if ok:
            if on_done is not None:
                on_done(value)
            return
        if on_error is not None:
            on_error(value)
            return
        log.error("task failed: %s", getattr(value, "__traceback_text__", value))
        self.task_failed.emit(value)

    def wait(self, msecs: int = 30000) -> bool:
        """Block until both pools are idle (shutdown and tests only)."""
        return bool(self._db_pool.waitForDone(msecs) and self._io_pool.waitForDone(msecs))
