"""The main window: a stack of pages (the case list, new case, case detail), a disk banner, the status bar."""

from __future__ import annotations

import importlib.util
import logging
import shutil
from typing import Any

from PySide6.QtCore import QEvent, QSize, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMainWindow, QStackedWidget, QVBoxLayout, QWidget

import ui.pyside_fix  # noqa: F401  (PySide6 6.12.0 drops references to None/True: see there)
from ui.case_list_view import CaseListPage
from ui.session import Session
from ui.status_bar import StatusBar
from ui.theme import icon_pixmap, palette_colors, touch_px

log = logging.getLogger(__name__)

DISK_CHECK_MS = 60_000


def free_mb(path: Any) -> int:
    """Free space, in MB, of the file system that holds `path`."""
    return shutil.disk_usage(path).free // (1024 * 1024)


def _page_class(module: str, name: str) -> Any:
    """A page class from a module that may not exist yet (built in parallel); errors inside it still raise."""
    if importlib.util.find_spec(module) is None:
        return None
    return getattr(importlib.import_module(module), name)


class PageStack(QStackedWidget):
    """A stack as small as its current page, so a wide page does not widen the list in portrait."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.currentChanged.connect(self.on_current_changed)

    def on_current_changed(self, index: int) -> None:
        self.updateGeometry()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        page = self.currentWidget()
        return page.sizeHint() if page is not None else super().sizeHint()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        page = self.currentWidget()
        return page.minimumSizeHint() if page is not None else super().minimumSizeHint()


class DiskBanner(QFrame):
    """The warning shown when free space falls below the low_disk_warning_mb setting."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("diskBanner")
        self.setProperty("banner", "warning")
        self.free = 0
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 8)
        self.picture = QLabel(self)
        self.picture.setPixmap(icon_pixmap("warning", 32, palette_colors("normal")["warning_text"]))
        self.label = QLabel(self)
        self.label.setObjectName("diskBannerText")
        self.label.setWordWrap(True)
        layout.addWidget(self.picture)
        layout.addWidget(self.label, 1)
        self.setMinimumHeight(touch_px(self))
        self.hide()

    def show_free(self, free: int) -> None:
        self.free = free
        self.retranslate_ui()
        self.show()

    def retranslate_ui(self) -> None:
        self.label.setText(
            self.tr(
                "Only %1 MB free on this tablet: new photos may soon fail to save. Sync, then free some space."
            ).replace("%1", str(self.free))
        )

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


class MainWindow(QMainWindow):
    """Pages in a QStackedWidget: the list is home; new case and case detail come and go."""

    closed = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.session = session
        self._closed = False
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.banner = DiskBanner(central)
        layout.addWidget(self.banner)
        self.stack = PageStack(central)
        layout.addWidget(self.stack, 1)
        self.status = StatusBar(central)
        layout.addWidget(self.status)
        self.setCentralWidget(central)

        self.list_page = CaseListPage(session, self.stack)
        self.stack.addWidget(self.list_page)
        self.new_case_page: QWidget | None = None
        self.detail_page: QWidget | None = None
        self.settings_dialog: QWidget | None = None

        self.list_page.new_case_requested.connect(self.show_new_case)
        self.list_page.case_opened.connect(self.show_case)
        self.list_page.settings_requested.connect(self.show_settings)
        self.list_page.counts_changed.connect(self.on_list_counts_changed)
        session.changed.connect(self.on_session_changed)
        session.operation_failed.connect(self.on_session_operation_failed)

        self._disk_timer = QTimer(self)
        self._disk_timer.setInterval(DISK_CHECK_MS)
        self._disk_timer.timeout.connect(self.check_disk)
        self._disk_timer.start()
        self.check_disk()
        self.refresh_inspector()
        self.retranslate_ui()
        self.resize(1280, 800)

    # ------------------------------------------------------------ words

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Fieldcase — case collection"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # ------------------------------------------------------------ pages

    def show_list(self) -> None:
        self.stack.setCurrentWidget(self.list_page)

    def _new_case(self) -> QWidget | None:
        """The new-case page, made once and reused (it resets itself for each case)."""
        if self.new_case_page is None:
            cls = _page_class("ui.new_case", "NewCasePage")
            if cls is None:
                log.warning("the new-case page is not available in this build")
                return None
            page = cls(self.session)
            page.finished.connect(self.on_new_case_finished)
            page.cancelled.connect(self.show_list)
            self.new_case_page = page
            self.stack.addWidget(page)
        return self.new_case_page

    def show_new_case(self) -> None:
        page = self._new_case()
        if page is not None:
            page.start_new()  # type: ignore[attr-defined]
            self.stack.setCurrentWidget(page)

    def edit_case(self, case_id: str) -> None:
        """Open a draft or returned case in the editor."""
        page = self._new_case()
        if page is not None:
            page.edit_case(case_id)  # type: ignore[attr-defined]
            self.stack.setCurrentWidget(page)

    def on_new_case_finished(self, case_id: str) -> None:
        if case_id:
            self.show_case(case_id)
        else:
            self.show_list()

    def show_case(self, case_id: str) -> None:
        if self.detail_page is None:
            cls = _page_class("ui.case_detail", "CaseDetailPage")
            if cls is None:
                log.warning("the case-detail page is not available in this build")
                return
            page = cls(self.session)
            page.back_requested.connect(self.show_list)
            edit = getattr(page, "edit_requested", None)
            if edit is not None:
                edit.connect(self.edit_case)
            self.detail_page = page
            self.stack.addWidget(page)
        self.detail_page.show_case(case_id)  # type: ignore[attr-defined]
        self.stack.setCurrentWidget(self.detail_page)

    def show_settings(self) -> None:
        from ui.settings_dialog import SettingsDialog

        if self.settings_dialog is None:
            dialog = SettingsDialog(self.session, self)
            dialog.finished.connect(self.on_settings_finished)
            self.settings_dialog = dialog
        self.settings_dialog.open()  # type: ignore[attr-defined]

    def on_settings_finished(self, result: int) -> None:
        dialog, self.settings_dialog = self.settings_dialog, None
        if dialog is not None:
            dialog.deleteLater()

    # ------------------------------------------------------------ news

    def on_session_changed(self, case_id: str) -> None:
        self.check_disk()

    def on_list_counts_changed(self, counts: dict[str, int]) -> None:
        self.status.set_waiting(counts.get("waiting"))

    def on_session_operation_failed(self, exc: BaseException) -> None:
        from ui.errors import show_error

        show_error(self, exc)

    def refresh_inspector(self) -> None:
        """Show who is working (call after a login or logout)."""
        tablet = self.session.tablet
        self.session.run_read(lambda: tablet.inspector, self.status.set_inspector, self._on_read_failed)

    def _on_read_failed(self, exc: BaseException) -> None:
        log.warning("could not read who is working: %r", exc)

    def check_disk(self) -> None:
        """Show the banner when the data folder's disk has less free space than the setting allows."""
        limit = int(self.session.tablet.settings.get("low_disk_warning_mb"))
        try:
            free = free_mb(self.session.tablet.paths.root)
        except OSError as exc:
            log.warning("cannot read free space: %s", exc)
            return
        if free < limit:
            self.banner.show_free(free)
        else:
            self.banner.hide()

    # ------------------------------------------------------------ shutdown

    def shutdown(self) -> None:
        """Stop timers and list queries (the session is closed by whoever opened it)."""
        if self._closed:
            return
        self._closed = True
        self._disk_timer.stop()
        for page in (self.new_case_page, self.detail_page):
            stop = getattr(page, "shutdown", None)
            if callable(stop):
                stop()
        self.list_page.shutdown()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        self.shutdown()
        super().closeEvent(event)
        self.closed.emit()
