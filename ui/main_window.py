"""The main window: a stack of pages (login, the case list, new case, case detail), the disk and sync
banners, the status bar; and who is logged in, and the background sync that follows from it.

An enrolled tablet asks who is working before it shows any case: nobody logged in
means the login page first. A tablet that was never enrolled (a local demo) has
no accounts and opens on the list, as before.
"""

from __future__ import annotations

import importlib.util
import logging
import shutil
from typing import Any

from PySide6.QtCore import QEvent, QSize, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

import ui.pyside_fix  # noqa: F401  (PySide6 6.12.0 drops references to None/True: see there)
from ui.case_list_view import CaseListPage
from ui.session import Session
from ui.status_bar import StatusBar
from ui.sync_controller import SyncController, read_sync_state
from ui.theme import icon_pixmap, palette_colors, touch_px
from ui.widgets.common import touch_button

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


# Kinds of sync failure the inspector cannot act on: the server or the app is at fault; a retry follows.
_FAULT_KINDS = ("server", "protocol", "conflict", "refused", "too_large")


class SyncBanner(QFrame):
    """What the last sync needs the inspector to know and do: log in again, cases the server refused,
    a fault on the server's side. Being offline is not news here: the status bar says it."""

    login_requested = Signal()
    refused_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncBanner")
        self.setProperty("banner", "warning")
        self._state: dict[str, Any] = {}
        self._action = ""
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 6, 8, 6)
        self.picture = QLabel(self)
        self.picture.setPixmap(icon_pixmap("sync_failed", 32, palette_colors("normal")["warning_text"]))
        self.label = QLabel(self)
        self.label.setObjectName("syncBannerText")
        self.label.setWordWrap(True)
        self.button = touch_button("", self, object_name="syncBannerButton")
        self.button.clicked.connect(self.on_button_clicked)
        layout.addWidget(self.picture)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button)
        self.hide()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        hint = super().minimumSizeHint()
        return QSize(hint.width(), max(hint.height(), touch_px(self)))

    @property
    def action(self) -> str:
        """ "login", "refused" or "" (no button)."""
        return self._action

    def show_state(self, state: dict[str, Any]) -> None:
        self._state = dict(state)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        state = self._state
        kind = state.get("kind")
        refused = int(state.get("refused") or 0)
        text, action = "", ""
        if kind == "auth":
            text = self.tr("Login expired: log in again to sync. Your cases are safe on this tablet.")
            action = "login"
        elif refused:
            text = self.tr("%n case(s) refused by the server: open each one to see why.", "", refused)
            action = "refused"
        elif kind in _FAULT_KINDS:
            text = self.tr("Sync did not finish: the server had a problem. Fieldcase will try again by itself.")
        elif kind == "internal":
            text = self.tr("Sync failed unexpectedly; it has been written to the log. Fieldcase will try again.")
        self._action = action
        self.label.setText(text)
        self.label.setToolTip(str(state.get("message") or ""))
        self.button.setText(self.tr("Log in again") if action == "login" else self.tr("Show them"))
        self.button.setVisible(bool(action))
        self.setVisible(bool(text))

    def on_button_clicked(self) -> None:
        if self._action == "login":
            self.login_requested.emit()
        elif self._action == "refused":
            self.refused_requested.emit()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


class HomeBar(QFrame):
    """The home screen's two views of the cases: the list and the map (shown over either)."""

    list_requested = Signal()
    map_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("homeBar")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 0)
        layout.setSpacing(0)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        touch = touch_px(self)
        self.list_button = QPushButton(self)
        self.list_button.setObjectName("homeList")
        self.map_button = QPushButton(self)
        self.map_button.setObjectName("homeMap")
        for button in (self.list_button, self.map_button):
            button.setCheckable(True)
            button.setProperty("chip", True)
            button.setMinimumSize(touch * 2, touch)
            self.group.addButton(button)
            layout.addWidget(button)
        layout.addStretch(1)
        self.list_button.setChecked(True)
        self.list_button.clicked.connect(self.list_requested)
        self.map_button.clicked.connect(self.map_requested)
        self.retranslate_ui()

    def set_current(self, view: str) -> None:
        (self.map_button if view == "map" else self.list_button).setChecked(True)

    def retranslate_ui(self) -> None:
        self.list_button.setText(self.tr("List"))
        self.map_button.setText(self.tr("Map"))

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
        self._account: dict[str, Any] = {}  # enrolled, server, user: from the last sync-status read
        self._ready = False
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.banner = DiskBanner(central)
        layout.addWidget(self.banner)
        self.sync_banner = SyncBanner(central)
        layout.addWidget(self.sync_banner)
        self.home_bar = HomeBar(central)
        self.home_bar.hide()
        layout.addWidget(self.home_bar)
        self.stack = PageStack(central)
        layout.addWidget(self.stack, 1)
        self.status = StatusBar(central)
        layout.addWidget(self.status)
        self.setCentralWidget(central)

        # Until the database says whether someone must log in, no page with cases shows.
        self.start_page = QWidget(self.stack)
        self.start_page.setObjectName("startPage")
        self.stack.addWidget(self.start_page)
        self.list_page = CaseListPage(session, self.stack)
        self.stack.addWidget(self.list_page)
        self.login_page: QWidget | None = None
        self.map_page: QWidget | None = None
        self._home = "list"  # the home view the inspector last chose: "list" or "map"
        self.new_case_page: QWidget | None = None
        self.detail_page: QWidget | None = None
        self.settings_dialog: QWidget | None = None

        self.stack.currentChanged.connect(self.on_stack_current_changed)

        self.sync = SyncController(session, self)
        self.sync.state_changed.connect(self.on_sync_state_changed)
        self.sync.sync_started.connect(self.status.on_sync_started)
        self.sync.sync_progressed.connect(self.status.on_sync_progressed)
        self.sync.sync_finished.connect(self.on_sync_finished)
        self.status.sync_requested.connect(self.on_status_sync_requested)
        self.status.cancel_requested.connect(self.sync.cancel)
        self.sync_banner.login_requested.connect(self.log_out)
        self.sync_banner.refused_requested.connect(self.on_sync_banner_refused_requested)

        self.list_page.new_case_requested.connect(self.show_new_case)
        self.list_page.case_opened.connect(self.show_case)
        self.list_page.settings_requested.connect(self.show_settings)
        self.list_page.counts_changed.connect(self.on_list_counts_changed)
        self.home_bar.list_requested.connect(self.show_list)
        self.home_bar.map_requested.connect(self.show_map)
        session.changed.connect(self.on_session_changed)
        session.operation_failed.connect(self.on_session_operation_failed)

        self._disk_timer = QTimer(self)
        self._disk_timer.setInterval(DISK_CHECK_MS)
        self._disk_timer.timeout.connect(self.check_disk)
        self._disk_timer.start()
        self.check_disk()
        self.stack.setCurrentWidget(self.start_page)
        tablet = session.tablet
        session.run_read(lambda: read_sync_state(tablet), self._on_start_state, self._on_start_state_failed)
        self.retranslate_ui()
        self.resize(1280, 800)

    @property
    def ready(self) -> bool:
        """The first page (login or list) is chosen."""
        return self._ready

    def _on_start_state(self, state: dict[str, Any]) -> None:
        if self._closed:
            return
        self._ready = True
        self._account = {k: state.get(k) for k in ("enrolled", "server", "user")}
        if state.get("enrolled") and not state.get("user"):
            self.show_login()
            return
        self.stack.setCurrentWidget(self.list_page)
        self.refresh_inspector()
        self._start_sync()

    def _on_start_state_failed(self, exc: BaseException) -> None:
        # The database answered the list but not this: show the list rather than nothing.
        log.error("cannot read who is logged in: %r", exc)
        self._ready = True
        self.stack.setCurrentWidget(self.list_page)
        self.refresh_inspector()

    def _start_sync(self) -> None:
        """Background sync for an enrolled tablet with someone logged in (a local demo has none)."""
        if self._account.get("enrolled") and self._account.get("user"):
            self.status.set_sync_available(True)
            self.sync.start()

    # ------------------------------------------------------------ words

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Fieldcase — case collection"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # ------------------------------------------------------------ pages

    def show_list(self) -> None:
        self._home = "list"
        self.stack.setCurrentWidget(self.list_page)

    def show_map(self) -> None:
        """The cases on the map (made when first asked for)."""
        if self.map_page is None:
            cls = _page_class("ui.map.map_page", "MapPage")
            if cls is None:
                log.warning("the map is not available in this build")
                return
            page = cls(self.session, self.stack)
            page.case_opened.connect(self.show_case)
            self.map_page = page
            self.stack.addWidget(page)
        self._home = "map"
        self.stack.setCurrentWidget(self.map_page)

    def show_home(self) -> None:
        """Back to the list or the map, whichever the inspector was on."""
        if self._home == "map" and self.map_page is not None:
            self.stack.setCurrentWidget(self.map_page)
        else:
            self.show_list()

    def on_stack_current_changed(self, index: int) -> None:
        current = self.stack.widget(index)
        home = current is self.list_page or (current is not None and current is self.map_page)
        self.home_bar.setVisible(home)
        if home:
            self.home_bar.set_current("map" if current is self.map_page else "list")
        if current is self.list_page:
            # The chips' flow layout skips widgets that are not visible, and a hidden page's are not
            # (at start-up behind the login, or after a language switch elsewhere); a layout re-runs on a
            # resize, not on a show. So it is asked to lay the chips out again now that they show.
            self.list_page.chips_layout.invalidate()

    def _login(self) -> QWidget:
        if self.login_page is None:
            from ui.login_page import LoginPage

            page = LoginPage(self.session, self.stack)
            page.setObjectName("loginPage")
            page.logged_in.connect(self.on_login_page_logged_in)
            self.login_page = page
            self.stack.addWidget(page)
        return self.login_page

    def show_login(self, user: str = "") -> None:
        """The login page: nobody works on this tablet until someone logs in."""
        page = self._login()
        if user:
            page.set_user(user)  # type: ignore[attr-defined]
        self.status.set_sync_available(False)
        self.status.set_inspector("")
        self.stack.setCurrentWidget(page)

    def on_login_page_logged_in(self, user: str) -> None:
        self._account["user"] = user
        self.stack.setCurrentWidget(self.list_page)
        self.list_page.model.refresh()  # the working lists are the inspector's (reassigned cases leave them)
        self.refresh_inspector()
        self._start_sync()

    def log_out(self) -> None:
        """Log the inspector out (switch inspector, or a login that expired) and show the login page."""
        from app.accounts import logout

        page = self.new_case_page
        flush = getattr(page, "flush", None)
        if callable(flush):
            flush()  # the draft in hand is saved under the inspector who made it
        self.sync.stop()
        user = str(self._account.get("user") or "")
        self._account["user"] = None
        tablet = self.session.tablet
        self.status.set_sync_available(False)
        self.session.run_op(
            lambda: logout(tablet), case_id="", on_done=lambda _user: self.show_login(user), parent=self
        )

    def _new_case(self) -> QWidget | None:
        """The new-case page, made once and reused (it resets itself for each case)."""
        if self.new_case_page is None:
            cls = _page_class("ui.new_case", "NewCasePage")
            if cls is None:
                log.warning("the new-case page is not available in this build")
                return None
            page = cls(self.session)
            page.finished.connect(self.on_new_case_finished)
            page.cancelled.connect(self.show_home)
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
            self.show_home()

    def show_case(self, case_id: str) -> None:
        if self.detail_page is None:
            cls = _page_class("ui.case_detail", "CaseDetailPage")
            if cls is None:
                log.warning("the case-detail page is not available in this build")
                return
            page = cls(self.session)
            page.back_requested.connect(self.show_home)
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
            dialog.logout_requested.connect(self.on_settings_logout_requested)
            dialog.provisioned.connect(self.on_provisioned)
            self.settings_dialog = dialog
        self.settings_dialog.set_account(  # type: ignore[attr-defined]
            self._account.get("server") if self._account.get("enrolled") else None,
            str(self._account.get("user") or ""),
        )
        self.settings_dialog.open()  # type: ignore[attr-defined]

    def on_settings_logout_requested(self) -> None:
        if self.settings_dialog is not None:
            self.settings_dialog.accept()  # type: ignore[attr-defined]
        self.log_out()

    def on_provisioned(self, result: dict[str, Any]) -> None:
        """Set up from IT's provisioning file in the settings: read who may work here again, so an
        enrolled tablet asks for a login (behind the settings) and syncs once someone logs in."""
        self.sync.refresh_state(then=self._after_provisioned)

    def _after_provisioned(self, state: dict[str, Any]) -> None:
        if self._closed:
            return
        self._account = {k: state.get(k) for k in ("enrolled", "server", "user")}
        if state.get("enrolled") and not state.get("user"):
            self.show_login()
        else:
            self._start_sync()

    def on_settings_finished(self, result: int) -> None:
        dialog, self.settings_dialog = self.settings_dialog, None
        if dialog is not None:
            dialog.deleteLater()

    # ------------------------------------------------------------ news

    def on_session_changed(self, case_id: str) -> None:
        self.check_disk()

    def on_list_counts_changed(self, counts: dict[str, int]) -> None:
        self.status.set_waiting(counts.get("waiting"))

    def on_sync_state_changed(self, state: dict[str, Any]) -> None:
        self._account.update({k: state.get(k) for k in ("enrolled", "server")})
        self.status.set_sync_state(
            state.get("online"), state.get("waiting"), state.get("last_sync_at"), state.get("kind")
        )
        self.sync_banner.show_state(state)

    def on_sync_finished(self, report: Any) -> None:
        self.status.on_sync_finished()

    def on_status_sync_requested(self) -> None:
        self.sync.sync_now()

    def on_sync_banner_refused_requested(self) -> None:
        self.show_list()
        self.list_page.select_chip("waiting")  # refused cases wait there, marked "Sync failed"

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
        self.sync.stop()
        for page in (self.new_case_page, self.detail_page, self.map_page):
            stop = getattr(page, "shutdown", None)
            if callable(stop):
                stop()
        self.list_page.shutdown()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        self.shutdown()
        super().closeEvent(event)
        self.closed.emit()
