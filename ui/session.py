"""The open session of the app: the Tablet, the task runner, and the news of what changed.

After Anki's `operation_did_execute`: every use-case that changes cases runs through
`Session.run_op` on the serialized database worker; when it succeeds the session
emits `changed(case_id)` ("" when many cases may have changed) and each view
decides for itself whether to refresh.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QWidget

import ui.pyside_fix  # noqa: F401  (PySide6 6.12.0 drops references to None/True: see there)
from app.services import Tablet
from ui.tasks import TaskRunner

log = logging.getLogger(__name__)


class Session(QObject):
    """What every page gets: `.tablet`, `.tasks`, `.language`, `.theme`, and `changed`."""

    changed = Signal(str)  # a case id, or "" when many may have changed
    language_changed = Signal(str)
    theme_changed = Signal(str)
    operation_failed = Signal(object)  # an exception no caller handled

    def __init__(self, tablet: Tablet, tasks: TaskRunner | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tablet = tablet
        self.tasks = tasks if tasks is not None else TaskRunner(self)
        self.tasks.task_failed.connect(self.operation_failed)
        self._language = str(tablet.settings.get("language"))
        self._theme = str(tablet.settings.get("theme"))
        self._closed = False

    # ------------------------------------------------------------ preferences

    @property
    def language(self) -> str:
        return self._language

    @property
    def theme(self) -> str:
        return self._theme

    @property
    def catalogue(self) -> Any:
        return self.tablet.catalogue

    def set_language(self, language: str) -> None:
        """Switch the interface language now and remember it in the data folder's settings."""
        from ui.i18n import install_translator

        if language == self._language:
            return
        self._language = language
        app = QApplication.instance()
        if app is not None:
            install_translator(app, language)
        self._save_setting("language", language)
        self.language_changed.emit(language)

    def set_theme(self, name: str) -> None:
        """Switch the colour theme now and remember it."""
        from ui.theme import apply_theme

        if name == self._theme:
            return
        self._theme = name
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, name)
        self._save_setting("theme", name)
        self.theme_changed.emit(name)

    def _save_setting(self, name: str, value: Any) -> None:
        # The settings file is written with fsync: on the worker, not the GUI thread.
        settings = self.tablet.settings
        self.tasks.run_db(lambda: settings.set(name, value))

    # ------------------------------------------------------------ operations

    def run_op(
        self,
        fn: Callable[[], Any],
        *,
        case_id: str | None = None,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """Run a use-case that changes cases on the database worker, then announce `changed`.

        `case_id` names the case changed; when omitted, the result's `.id` (a Case) is used,
        or "" (many). Without `on_error`, a failure is shown to the user over `parent`.
        """

        def done(result: Any) -> None:
            changed_id = case_id if case_id is not None else str(getattr(result, "id", "") or "")
            if on_done is not None:
                on_done(result)
            if not self._closed:
                self.changed.emit(changed_id)

        def failed(exc: BaseException) -> None:
            if on_error is not None:
                on_error(exc)
                return
            from ui.errors import show_error

            show_error(parent, exc)

        self.tasks.run_db(fn, done, failed)

    def run_read(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        """Read through the Tablet on the database worker (the Tablet's connection is never shared)."""
        self.tasks.run_db(fn, on_done, on_error)

    def notify_changed(self, case_id: str = "") -> None:
        """Announce a change made elsewhere (sync brought decisions back, an import finished)."""
        if not self._closed:
            self.changed.emit(case_id)

    def close(self, timeout_ms: int = 30000) -> None:
        """Wait for running work, then close the Tablet."""
        if self._closed:
            return
        self._closed = True
        if not self.tasks.wait(timeout_ms):
            log.warning("tasks still running after %d ms at shutdown", timeout_ms)
        self.tablet.close()
