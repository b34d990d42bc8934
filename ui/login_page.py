"""The login page: which inspector works on this tablet now (several may share it across shifts).

Online when the server answers; offline against the password kept from the last
online login, for 14 days. Login runs on the database worker, never the GUI thread.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from ui.session import Session
from ui.widgets.common import error_style, guarded, heading_label, touch, touch_button, wrap_label


class LoginPage(QWidget):
    logged_in = Signal(str)  # the user name

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._busy = False
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        box = QWidget(self)
        box.setMaximumWidth(640)
        form = QVBoxLayout(box)
        form.setSpacing(12)
        self.title = heading_label("", box, scale=1.6)
        self.hint = wrap_label("", box)
        self.known_label = QLabel(box)
        self.known_label.setProperty("muted", True)
        self.known_label.hide()
        self.known = QHBoxLayout()
        self.known.setSpacing(8)
        self.user_label = QLabel(box)
        self.user = QLineEdit(box)
        self.user.setObjectName("loginUser")
        self.password_label = QLabel(box)
        self.password = QLineEdit(box)
        self.password.setObjectName("loginPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        for edit in (self.user, self.password):
            edit.setMinimumHeight(touch())
        self.button = touch_button("", box, primary=True, object_name="loginButton")
        self.message = wrap_label("", box)
        self.message.setObjectName("loginMessage")
        for widget in (self.title, self.hint, self.known_label):
            form.addWidget(widget)
        form.addLayout(self.known)
        for widget in (self.user_label, self.user, self.password_label, self.password, self.button, self.message):
            form.addWidget(widget)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(box, 4)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        self.button.clicked.connect(self.on_button_clicked)
        self.password.returnPressed.connect(self.on_button_clicked)
        self.user.returnPressed.connect(self.password.setFocus)
        self.retranslate_ui()

    def showEvent(self, event: Any) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        self.password.clear()
        self.session.run_read(self._known_users, guarded(self, self._show_known))  # type: ignore[arg-type]
        (self.password if self.user.text() else self.user).setFocus()

    def _known_users(self) -> list[dict[str, Any]]:
        from app.accounts import accounts

        return accounts(self.session.tablet)

    def _show_known(self, users: list[dict[str, Any]]) -> None:
        while self.known.count():
            item = self.known.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.known_label.setVisible(bool(users))
        for user in users[:6]:
            button = touch_button(user["user"], self)
            button.clicked.connect(lambda _=False, name=user["user"]: self._pick(name))
            self.known.addWidget(button)
        self.known.addStretch(1)

    def set_user(self, name: str) -> None:
        """Fill in the user name (the inspector whose login expired logs in again)."""
        self.user.setText(name)
        if self.isVisible():
            self.password.setFocus()

    def _pick(self, name: str) -> None:
        self.user.setText(name)
        self.password.setFocus()

    def on_button_clicked(self) -> None:
        user, password = self.user.text().strip(), self.password.text()
        if self._busy:
            return
        if not user or not password:
            self._say(self.tr("Enter your user name and password."), error=True)
            return
        self._busy = True
        self.button.setEnabled(False)
        self._say(self.tr("Logging in…"), error=False)
        tablet = self.session.tablet

        def work() -> Any:
            from app.accounts import login

            return login(tablet, user, password)

        self.session.run_op(work, case_id="", on_done=self._on_login_done, on_error=self._on_login_failed)

    def _on_login_done(self, login: Any) -> None:
        self._busy = False
        self.button.setEnabled(True)
        self.password.clear()
        if login.online:
            self._say("", error=False)
        else:
            self._say(self.tr("Logged in offline: the server could not be reached."), error=False)
        self.logged_in.emit(login.user)

    def _on_login_failed(self, exc: BaseException) -> None:
        from app.accounts import LoginError

        self._busy = False
        self.button.setEnabled(True)
        self.password.clear()
        self.password.setFocus()
        text = str(exc)
        if isinstance(exc, LoginError):
            if "offline login is allowed" in text:
                text = self.tr(
                    "Offline login is allowed for 14 days after the last online login. Connect to the server to log in."
                )
            elif "never logged in online" in text:
                text = self.tr("The server cannot be reached, and this user has never logged in online on this tablet.")
            else:
                text = self.tr("Wrong user name or password.")
        else:
            from ui.errors import message_for

            text = message_for(exc)
        self._say(text, error=True)

    def _say(self, text: str, *, error: bool) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(error_style() if error else "")

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Log in"))
        self.hint.setText(
            self.tr("Each inspector logs in with their own account; cases belong to the inspector who records them.")
        )
        self.known_label.setText(self.tr("Logged in on this tablet before (tap a name):"))
        self.user_label.setText(self.tr("User name"))
        self.password_label.setText(self.tr("Password"))
        self.button.setText(self.tr("Log in"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


__all__ = ["LoginPage", "Qt"]
