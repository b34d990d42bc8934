"""The desk's connection: the server client, the workers that call it, and what to say when it fails.

`call()` runs a request on an I/O worker and hands its answer to the GUI thread. A page that
loads (the queue, a case) passes `retry=True`: when the server cannot be reached or does not
answer, the connection says so (`trouble`), and asks again after a growing pause until it
answers (`recovered`) — the window never waits. Decisions are never retried by themselves.
An expired login emits `auth_expired` once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

import ui.pyside_fix  # noqa: F401  (PySide6 6.12.0 drops references to None/True: see there)
from app import desk
from app.desk import DeskClient, DeskError
from ui.tasks import TaskRunner

log = logging.getLogger(__name__)

RETRY_MS = (1000, 2000, 5000, 10000, 20000, 30000)


def desk_message(exc: BaseException) -> str:
    """What to tell the desk user about a failed request, in the interface's language."""
    if isinstance(exc, DeskError):
        if exc.kind == desk.UNREACHABLE:
            return QCoreApplication.translate(
                "Desk", "The server cannot be reached. Check the network; Fieldcase keeps trying."
            )
        if exc.kind == desk.TIMEOUT:
            return QCoreApplication.translate(
                "Desk", "The server is not answering in time (a slow connection). Fieldcase keeps trying."
            )
        if exc.kind == desk.AUTH:
            if exc.code == "locked":
                return QCoreApplication.translate("Desk", "Too many failed logins: this account is locked for a while.")
            return QCoreApplication.translate("Desk", "Your login has expired or was ended. Log in again.")
        if exc.kind == desk.REFUSED:
            return QCoreApplication.translate("Desk", "Your role may not do this.") + _said(exc)
        if exc.kind == desk.CONFLICT:
            return QCoreApplication.translate(
                "Desk", "Someone else decided on this case first, or its state has changed."
            ) + _said(exc)
        if exc.kind == desk.NOT_FOUND:
            return QCoreApplication.translate("Desk", "The case was not found, or it is no longer yours to see.")
        if exc.kind == desk.INVALID:
            return QCoreApplication.translate("Desk", "The server refused the request as incomplete.") + _said(exc)
        return QCoreApplication.translate(
            "Desk", "The server failed. Try again; if it keeps failing, call IT."
        ) + _said(exc)
    from ui.errors import message_for

    return message_for(exc)


def _said(exc: DeskError) -> str:
    return "\n" + QCoreApplication.translate("Desk", "The server said: %1").replace("%1", exc.message)


def transient(exc: BaseException) -> bool:
    return isinstance(exc, DeskError) and exc.kind in (desk.UNREACHABLE, desk.TIMEOUT, desk.SERVER)


class DeskConnection(QObject):
    trouble = Signal(str)  # the connection failed; what to say (shown until `recovered`)
    recovered = Signal()
    auth_expired = Signal()

    def __init__(self, client: DeskClient, parent: QObject | None = None, *, tasks: TaskRunner | None = None) -> None:
        super().__init__(parent)
        self.client = client
        self.tasks = tasks or TaskRunner(self, io_threads=4)
        self._troubled = False
        self._closed = False

    @property
    def login(self) -> desk.Login | None:
        return self.client.login_info

    @property
    def troubled(self) -> bool:
        return self._troubled

    def call(
        self,
        fn: Callable[[DeskClient], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        *,
        owner: QObject | None = None,
        retry: bool = False,
        _attempt: int = 0,
    ) -> None:
        """Run `fn(client)` on a worker; its answer (or error) to `on_done` (`on_error`) on the GUI thread.

        With `retry`, a transient failure is reported on `trouble` and the call made again after a
        pause, until it succeeds or `owner` is gone; `on_error` then hears only lasting refusals."""
        client = self.client

        def done(value: Any) -> None:
            if self._closed or (owner is not None and not shiboken6.isValid(owner)):
                return
            if self._troubled:
                self._troubled = False
                self.recovered.emit()
            if on_done is not None:
                on_done(value)

        def failed(exc: BaseException) -> None:
            if self._closed or (owner is not None and not shiboken6.isValid(owner)):
                return
            if transient(exc):
                self._troubled = True
                self.trouble.emit(desk_message(exc))
                if retry:
                    pause = RETRY_MS[min(_attempt, len(RETRY_MS) - 1)]
                    log.info("desk request failed (%s); again in %d ms", exc, pause)
                    QTimer.singleShot(
                        pause,
                        self,
                        lambda: self.call(fn, on_done, on_error, owner=owner, retry=True, _attempt=_attempt + 1),
                    )
                    return
            elif isinstance(exc, DeskError) and exc.kind == desk.AUTH:
                self.auth_expired.emit()
            if on_error is not None:
                on_error(exc)
            else:
                log.warning("desk request failed: %r", exc)

        self.tasks.run_io(lambda: fn(client), done, failed)

    def stop(self, timeout_ms: int = 15000) -> None:
        """No more answers are delivered (the desk is closing); waits for running requests."""
        self._closed = True
        self.tasks.wait(timeout_ms)

    def close(self, timeout_ms: int = 15000) -> None:
        self._closed = True
        self.tasks.wait(timeout_ms)
        self.client.close()
