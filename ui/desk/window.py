"""The desk window: a login to the server, then each role's own desk.

Supervisors and admins get the review desk (the queue of their districts, the case view and its
decisions, bulk dispatch, the evaluation screen); disposal-unit staff the unit desk (the cases
dispatched to their unit, recording disposal). An inspector is sent to the tablet app.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import threading
from concurrent.futures import Future
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

import ui.pyside_fix  # noqa: F401  (PySide6 6.12.0 drops references to None/True: see there)
from app import desk
from app.desk import DeskClient, DeskError, Login
from app.domain.calendar import WorkingCalendar
from app.domain.catalogue import Catalogue, load_catalogue
from app.paths import resources_dir
from ui import i18n
from ui.desk.case_view import CaseView
from ui.desk.connection import DeskConnection, desk_message
from ui.desk.map_page import DeskMapPage, ListMapSwitch
from ui.desk.queue_page import POLL_MS, QueuePage, first_filter
from ui.tasks import TaskRunner
from ui.theme import THEMES, apply_theme, current_theme_name
from ui.widgets.common import error_style, heading_label, touch, touch_button, wrap_label

log = logging.getLogger(__name__)

SLOW_MS = 3000
DEFAULT_SERVER = "http://127.0.0.1:8470"


def load_calendar() -> WorkingCalendar:
    """The bureau's working calendar (what the server counts deadlines on): $FIELDCASE_CALENDAR or the shipped one."""
    path = os.environ.get("FIELDCASE_CALENDAR") or str(resources_dir() / "calendar.json")
    return WorkingCalendar.load(Path(path))


def desk_settings() -> QSettings:
    """The desk's remembered server and language: $FIELDCASE_DESK_INI (tests), else the user's settings."""
    path = os.environ.get("FIELDCASE_DESK_INI")
    if path:
        return QSettings(path, QSettings.Format.IniFormat)
    return QSettings("Fieldcase", "Desk")


def evaluation_available() -> bool:
    return importlib.util.find_spec("ui.desk.evaluation") is not None


class DeskLoginPage(QWidget):
    """The server's address, the user and the password; the login runs on a worker."""

    logged_in = Signal(object)  # a DeskClient that is logged in

    def __init__(self, server: str = "", parent: QWidget | None = None, *, tasks: TaskRunner | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("deskLogin")
        self.tasks = tasks or TaskRunner(self)
        self._busy = False
        self._attempt = 0
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        box = QWidget(self)
        box.setMaximumWidth(640)
        form = QVBoxLayout(box)
        form.setSpacing(10)
        self.title = heading_label("", box, scale=1.6)
        self.hint = wrap_label("", box)
        self.server_label = QLabel(box)
        self.server = QLineEdit(server or DEFAULT_SERVER, box)
        self.server.setObjectName("deskServer")
        self.user_label = QLabel(box)
        self.user = QLineEdit(box)
        self.user.setObjectName("deskUser")
        self.password_label = QLabel(box)
        self.password = QLineEdit(box)
        self.password.setObjectName("deskPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.language_label = QLabel(box)
        self.language = QComboBox(box)
        self.language.setObjectName("deskLanguage")
        for code in i18n.LANGUAGES:
            self.language.addItem(i18n.LANGUAGE_NAMES[code], code)
        self.language.setCurrentIndex(max(0, self.language.findData(i18n.current_language())))
        self.theme_label = QLabel(box)
        self.theme = QComboBox(box)
        self.theme.setObjectName("deskTheme")
        for code in THEMES:
            self.theme.addItem("", code)
        self.theme.setCurrentIndex(max(0, self.theme.findData(current_theme_name())))
        for w in (self.server, self.user, self.password, self.language, self.theme):
            w.setMinimumHeight(touch())
        self.button = touch_button("", box, primary=True, object_name="deskLoginButton")
        self.message = wrap_label("", box)
        self.message.setObjectName("deskLoginMessage")
        for w in (
            self.title,
            self.hint,
            self.server_label,
            self.server,
            self.user_label,
            self.user,
            self.password_label,
            self.password,
            self.button,
            self.message,
        ):
            form.addWidget(w)
        look = QHBoxLayout()
        look.addWidget(self.language_label)
        look.addWidget(self.language, 1)
        look.addWidget(self.theme_label)
        look.addWidget(self.theme, 1)
        form.addLayout(look)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(box, 4)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        self._slow = QTimer(self)
        self._slow.setSingleShot(True)
        self._slow.setInterval(SLOW_MS)
        self._slow.timeout.connect(self.on_slow)
        self.button.clicked.connect(self.on_button_clicked)
        self.password.returnPressed.connect(self.on_button_clicked)
        self.user.returnPressed.connect(self.password.setFocus)
        self.language.currentIndexChanged.connect(self.on_language_changed)
        self.theme.currentIndexChanged.connect(self.on_theme_changed)
        self.retranslate_ui()

    @property
    def busy(self) -> bool:
        return self._busy

    def on_language_changed(self) -> None:
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance()
        code = self.language.currentData()
        if app is not None and code:
            i18n.install_translator(app, code)
            desk_settings().setValue("language", code)

    def on_theme_changed(self) -> None:
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance()
        code = self.theme.currentData()
        if isinstance(app, QApplication) and code:
            apply_theme(app, code)
            desk_settings().setValue("theme", code)

    def on_button_clicked(self) -> None:
        if self._busy:
            return
        server, user, password = self.server.text().strip(), self.user.text().strip(), self.password.text()
        if not server or not user or not password:
            self.say(self.tr("Enter the server, your user name and password."), error=True)
            return
        self._busy = True
        self._attempt += 1
        attempt = self._attempt
        self.button.setEnabled(False)
        self.say(self.tr("Logging in…"), error=False)
        self._slow.start()

        def work() -> DeskClient:
            client = DeskClient(server)
            # What the server offers (its OpenAPI schema) is read while the login is checked.
            caps = threading.Thread(target=client.capabilities, name="desk-capabilities", daemon=True)
            try:
                caps.start()
                client.login(user, password)
                caps.join()
            except BaseException:
                client.close()
                raise
            return client

        self.tasks.run_io(work, lambda c: self._done(attempt, c), lambda e: self._failed(attempt, e))

    def on_slow(self) -> None:
        if self._busy:
            self.say(self.tr("The server is slow to answer; still trying…"), error=False)

    def _done(self, attempt: int, client: DeskClient) -> None:
        if attempt != self._attempt:
            client.close()
            return
        self._finish()
        self.password.clear()
        info = client.login_info
        assert info is not None
        if info.desk == "tablet":
            client.logout()
            client.close()
            self.say(
                self.tr("%1 is an inspector: inspectors work in the tablet app (run fieldcase).").replace(
                    "%1", info.user
                ),
                error=True,
            )
            return
        self.say("", error=False)
        desk_settings().setValue("server", client.base_url)
        self.logged_in.emit(client)

    def _failed(self, attempt: int, exc: BaseException) -> None:
        if attempt != self._attempt:
            return
        self._finish()
        self.password.clear()
        self.password.setFocus()
        if isinstance(exc, DeskError) and exc.kind == desk.AUTH and exc.code != "locked":
            text = self.tr("Wrong user name or password.")
        elif isinstance(exc, DeskError) and exc.kind in (desk.UNREACHABLE, desk.TIMEOUT):
            text = self.tr(
                "The server at %1 cannot be reached (%2). Check the address and the network, then try again."
            )
            text = text.replace("%1", self.server.text().strip()).replace(
                "%2", self.tr("no answer in time") if exc.kind == desk.TIMEOUT else self.tr("no connection")
            )
        else:
            text = desk_message(exc)
        self.say(text, error=True)

    def _finish(self) -> None:
        self._busy = False
        self._slow.stop()
        self.button.setEnabled(True)

    def say(self, text: str, *, error: bool) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(error_style() if error else "")

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Fieldcase desk"))
        self.hint.setText(
            self.tr("Supervisors review and dispatch cases; disposal units record their work. Log in to the server.")
        )
        self.server_label.setText(self.tr("Server"))
        self.user_label.setText(self.tr("User name"))
        self.password_label.setText(self.tr("Password"))
        self.language_label.setText(self.tr("Language"))
        self.theme_label.setText(self.tr("Theme"))
        self.theme.setItemText(0, self.tr("Normal"))
        self.theme.setItemText(1, self.tr("Sunlight (high contrast)"))
        self.button.setText(self.tr("Log in"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


class DeskPage(QWidget):
    """One role's desk: the queue beside the case view (and, at the review desk, the evaluation)."""

    def __init__(
        self,
        connection: DeskConnection,
        catalogue: Catalogue,
        calendar: WorkingCalendar,
        *,
        language: str,
        poll_ms: int = POLL_MS,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        login = connection.login
        assert login is not None
        self.mode = "review" if login.desk == "review" else "unit"
        self.setObjectName(f"{self.mode}Desk")
        self.connection = connection
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        # Every widget is made in its final parent: moving a widget tree under another parent makes
        # the style sheet polish it all again (a tenth of a second per move at this size).
        self.tabs = QTabBar(self)
        self.tabs.setObjectName("deskTabs")
        self.tabs.setExpanding(False)
        self.pages = QStackedWidget(self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self.pages)
        self.queue = QueuePage(
            connection, catalogue, calendar, mode=self.mode, language=language, poll_ms=poll_ms, parent=self.splitter
        )
        self.case_view = CaseView(connection, catalogue, calendar, language=language, parent=self.splitter)
        # The queue on a map (same filters), in the table's place when the switch says Map.
        self.map = DeskMapPage(connection, self.queue)
        self.map_switch = ListMapSwitch(self.queue)
        self.queue.add_map(self.map, self.map_switch)
        self.splitter.addWidget(self.queue)
        self.splitter.addWidget(self.case_view)
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 4)
        self.splitter.setChildrenCollapsible(False)
        self._sized = False
        self.pages.addWidget(self.splitter)
        self.tabs.addTab("")
        self.evaluation: QWidget | None = None  # made when its tab is first shown
        self._evaluation_slot: QWidget | None = None
        if self.mode == "review" and evaluation_available():
            self._evaluation_slot = QWidget(self.pages)
            self.pages.addWidget(self._evaluation_slot)
            self.tabs.addTab("")
        self.tabs.currentChanged.connect(self.on_tabs_current_changed)
        layout.addWidget(self.tabs)
        layout.addWidget(self.pages, 1)
        self.queue.case_chosen.connect(self.on_queue_case_chosen)
        self.case_view.decided.connect(self.queue.case_changed)
        self.case_view.open_case.connect(self.on_queue_case_chosen)
        self.map_switch.toggled_map.connect(self.queue.set_map_shown)
        self.map.case_chosen.connect(self.on_queue_case_chosen)
        self.queue.model.modelReset.connect(self.on_queue_model_reset)
        self.case_view.decided.connect(self.on_case_view_decided)
        self.retranslate_ui()

    def showEvent(self, event: Any) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        if not self._sized:  # the queue a little wider than the case view, once
            self._sized = True
            width = max(800, self.width())
            self.splitter.setSizes([width * 11 // 20, width * 9 // 20])

    def on_tabs_current_changed(self, index: int) -> None:
        """Show the tab's page; the evaluation is made, and asks the server for its figures, when first shown."""
        if self.pages.widget(index) is self._evaluation_slot and self._evaluation_slot is not None:
            self._make_evaluation(index)
        self.pages.setCurrentIndex(index)

    def _make_evaluation(self, index: int) -> None:
        from ui.desk.evaluation import EvaluationPage

        client = self.connection.client

        def fetch(date_from: date, date_to: date, by: str) -> dict[str, Any]:
            return client.evaluation(date_from, date_to, by)

        slot = self._evaluation_slot
        self._evaluation_slot = None
        page = EvaluationPage(fetch, self.pages)
        self.pages.insertWidget(index, page)
        if slot is not None:
            self.pages.removeWidget(slot)
            slot.deleteLater()
        self.evaluation = page
        group_activated = getattr(page, "group_activated", None)
        if group_activated is not None:
            group_activated.connect(self.show_group)
        page.reload()

    def show_group(self, by: str, key: object) -> None:
        """A group of the evaluation (an inspector, a district, a unit) chosen: its cases in the queue."""
        self.queue.show_group(by, "" if key is None else str(key))
        self.tabs.setCurrentIndex(0)

    def on_queue_model_reset(self) -> None:
        """A new filter (or a refresh) in the queue: the map follows it."""
        self.map.set_filter(self.queue.model.filter)

    def on_case_view_decided(self, _case: object) -> None:
        self.map.mark_stale()

    def on_queue_case_chosen(self, case_id: str) -> None:
        self.map.show_case(case_id)
        self.queue.select_case(case_id)
        if self.case_view._case_id != case_id:  # noqa: SLF001
            self.case_view.show_case(case_id)

    def start(self) -> None:
        self.queue.start()

    def stop(self) -> None:
        self.queue.stop()
        self.map.shutdown()

    def retranslate_ui(self) -> None:
        self.tabs.setTabText(0, self.tr("Review queue") if self.mode == "review" else self.tr("Dispatched to us"))
        if self.tabs.count() > 1:
            self.tabs.setTabText(1, self.tr("Evaluation"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


class DeskWindow(QMainWindow):
    closed = Signal()

    def __init__(self, server: str = "", *, poll_ms: int = POLL_MS, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("deskWindow")
        self.catalogue = load_catalogue(resources_dir() / "catalogue.json")
        self.calendar = load_calendar()
        self.poll_ms = poll_ms
        self.connection: DeskConnection | None = None
        self.desk: DeskPage | None = None
        self.tasks = TaskRunner(self)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        self.top = QWidget(central)
        top = QHBoxLayout(self.top)
        self.who = QLabel(self.top)
        self.who.setObjectName("deskWho")
        self.connection_state = QLabel(self.top)
        self.connection_state.setObjectName("deskConnection")
        self.logout_button = touch_button("", self.top, object_name="deskLogout")
        self.logout_button.clicked.connect(self.logout)
        top.addWidget(self.who, 1)
        top.addWidget(self.connection_state)
        top.addWidget(self.logout_button)
        self.top.hide()
        layout.addWidget(self.top)
        self.stack = QStackedWidget(central)
        layout.addWidget(self.stack, 1)
        saved = desk_settings().value("server")
        self.login_page = DeskLoginPage(server or (str(saved) if saved else ""), self.stack, tasks=self.tasks)
        self.login_page.logged_in.connect(self.open_desk)
        self.stack.addWidget(self.login_page)
        self.setCentralWidget(central)
        self.retranslate_ui()

    @property
    def language(self) -> str:
        return i18n.current_language()

    def open_desk(self, client: DeskClient) -> None:
        self.close_desk()
        # Ask for the first page now, while the desk's widgets are being made.
        info = client.login_info
        mode = "review" if info is not None and info.desk == "review" else "unit"
        first = first_filter(mode)
        prefetch: Future[desk.Page] = Future()

        def ask() -> None:
            try:
                prefetch.set_result(client.queue(first, None, desk.PAGE))
            except BaseException as exc:  # handed to the model's worker, which reports it
                prefetch.set_exception(exc)

        threading.Thread(target=ask, name="desk-first-page", daemon=True).start()
        self.connection = DeskConnection(client, self)
        self.connection.trouble.connect(self.on_connection_trouble)
        self.connection.recovered.connect(lambda: self.connection_state.setText(""))
        self.connection.auth_expired.connect(self.on_auth_expired)
        self.desk = DeskPage(
            self.connection,
            self.catalogue,
            self.calendar,
            language=self.language,
            poll_ms=self.poll_ms,
            parent=self.stack,
        )
        self.desk.queue.model.use_prefetched(first, prefetch)
        self.stack.addWidget(self.desk)
        self.stack.setCurrentWidget(self.desk)
        self._show_who(client.login_info)
        self.top.show()
        self.desk.start()

    def _show_who(self, info: Login | None) -> None:
        if info is None:
            return
        roles = {
            "supervisor": self.tr("supervisor"),
            "admin": self.tr("administrator"),
            "unit": self.tr("disposal unit"),
        }
        where = ", ".join(info.districts) if info.districts else ""
        if info.unit:
            unit = self.catalogue.unit(info.unit)
            where = unit.name(self.language) if unit else info.unit
        text = self.tr("%1 (%2) — %3 — %4").replace("%1", info.user).replace("%2", roles.get(info.role, info.role))
        self.who.setText(text.replace("%3", where or self.tr("all districts")).replace("%4", info.server))

    def on_connection_trouble(self, text: str) -> None:
        self.connection_state.setText(text)
        self.connection_state.setStyleSheet(error_style())

    def on_auth_expired(self) -> None:
        if self.connection is None:
            return  # the desk is already closed (several requests heard the same expiry)
        user = self.connection.login.user if self.connection.login else ""
        self.close_desk()
        self.login_page.user.setText(user)
        self.login_page.say(self.tr("Your login has expired. Log in again."), error=True)

    def logout(self) -> None:
        connection = self.connection
        self.close_desk()
        if connection is not None:
            client = connection.client
            self.tasks.run_io(client.logout, lambda _r: client.close(), lambda _e: client.close())

    def close_desk(self) -> None:
        if self.desk is not None:
            self.desk.stop()
            self.stack.removeWidget(self.desk)
            self.desk.deleteLater()
            self.desk = None
        if self.connection is not None:
            self.connection.stop()
            self.connection.deleteLater()
            self.connection = None
        self.top.hide()
        self.connection_state.setText("")
        self.stack.setCurrentWidget(self.login_page)

    def shutdown(self) -> None:
        connection = self.connection
        self.close_desk()
        if connection is not None:
            connection.client.close()
        self.tasks.wait(15000)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Fieldcase desk"))
        self.logout_button.setText(self.tr("Log out"))
        if self.connection is not None:
            self._show_who(self.connection.login)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        self.closed.emit()
        super().closeEvent(event)
