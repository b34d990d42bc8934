"""Settings: language and theme (applied at once), the data folder (at the next start), the version;
on an enrolled tablet, the server and who is logged in, with Log out / switch inspector; on any tablet,
"Set up from a QR code or provisioning file…" (ui/provision_dialog.py), offered first on a tablet that
is not enrolled yet.

Language and theme live in the data folder's settings.json (app.settings). The data
folder cannot live inside itself: it is remembered in a small launcher file,
`launcher.ini` in the user's configuration folder (QSettings, INI format; the
environment variable FIELDCASE_LAUNCHER_INI names another file, which tests use).
At start the folder is, in order: `--data-dir`, FIELDCASE_DATA_DIR, the launcher
file, the platform's default.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QSettings, QStandardPaths, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

import ui.pyside_fix  # noqa: F401  (PySide6 6.12.0 drops references to None/True: see there)
from app.paths import ENV_DATA_DIR, default_data_dir
from ui.focus import scroll_form
from ui.i18n import LANGUAGE_NAMES, LANGUAGES
from ui.session import Session
from ui.theme import THEMES, touch_px
from ui.widgets.common import guarded

if TYPE_CHECKING:
    from ui.camera import CaptureSource

LAUNCHER_ENV = "FIELDCASE_LAUNCHER_INI"
DATA_DIR_KEY = "data_dir"


def launcher_settings() -> QSettings:
    """The launcher file, which remembers the data folder between starts."""
    path = os.environ.get(LAUNCHER_ENV)
    if not path:
        base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericConfigLocation)
        path = str(Path(base) / "Fieldcase" / "launcher.ini")
    return QSettings(path, QSettings.Format.IniFormat)


def saved_data_dir() -> Path | None:
    value = launcher_settings().value(DATA_DIR_KEY)
    return Path(str(value)) if value else None


def save_data_dir(path: Path | None) -> None:
    settings = launcher_settings()
    if path is None:
        settings.remove(DATA_DIR_KEY)
    else:
        settings.setValue(DATA_DIR_KEY, str(path))
    settings.sync()


def resolve_data_dir(explicit: Path | None) -> Path:
    """The data folder to open: `--data-dir`, FIELDCASE_DATA_DIR, the launcher file, the default."""
    if explicit is not None:
        return explicit
    if os.environ.get(ENV_DATA_DIR):
        return default_data_dir()
    return saved_data_dir() or default_data_dir()


def pending_enrollment(tablet: Any) -> str:
    """The server a provisioning file set up and the tablet has not enrolled with yet, else "" (worker)."""
    from app.provision import META_CODE

    repo = tablet.repo
    if repo.meta("device_token") or not repo.meta(META_CODE):
        return ""
    return repo.meta("server_url") or ""


def app_version() -> str:
    from importlib.metadata import PackageNotFoundError, version  # slow to import: only when shown

    try:
        return version("fieldcase")
    except PackageNotFoundError:
        return "dev"


class SettingsDialog(QDialog):
    """Language, theme, data folder and version; big buttons rather than drop-downs, for gloves."""

    logout_requested = Signal()
    provisioned = Signal(object)  # app.provision.apply's result: the server changed (enrolled, or pending)

    def __init__(
        self, session: Session, parent: QWidget | None = None, *, capture_source: CaptureSource | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.session = session
        self._capture = capture_source
        self.provision_dialog: QDialog | None = None
        self.setModal(True)
        touch = touch_px(self)

        content = QWidget()
        form = QFormLayout(content)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setVerticalSpacing(18)
        form.setHorizontalSpacing(18)

        self.language_label = QLabel(content)
        self.language_buttons = QButtonGroup(self)
        language_row = QHBoxLayout()
        self.language_choices: dict[str, QPushButton] = {}
        for code in LANGUAGES:
            button = self._choice(content, f"language_{code}", touch)
            button.setText(LANGUAGE_NAMES[code])
            button.setChecked(code == session.language)
            self.language_buttons.addButton(button)
            language_row.addWidget(button)
            self.language_choices[code] = button
            button.clicked.connect(lambda _c=False, lang=code: self.on_language_clicked(lang))
        language_row.addStretch(1)
        form.addRow(self.language_label, language_row)

        self.theme_label = QLabel(content)
        self.theme_buttons = QButtonGroup(self)
        theme_row = QHBoxLayout()
        self.theme_choices: dict[str, QPushButton] = {}
        for name in THEMES:
            button = self._choice(content, f"theme_{name}", touch)
            button.setChecked(name == session.theme)
            self.theme_buttons.addButton(button)
            theme_row.addWidget(button)
            self.theme_choices[name] = button
            button.clicked.connect(lambda _c=False, n=name: self.on_theme_clicked(n))
        theme_row.addStretch(1)
        form.addRow(self.theme_label, theme_row)

        self.folder_label = QLabel(content)
        folder_box = QVBoxLayout()
        folder_row = QHBoxLayout()
        self.folder = QLineEdit(content)
        self.folder.setObjectName("dataFolder")
        self.folder.setReadOnly(True)
        self.folder.setText(str(session.tablet.paths.root))
        folder_row.addWidget(self.folder, 1)
        self.change_folder = QPushButton(content)
        self.change_folder.setObjectName("changeFolder")
        folder_row.addWidget(self.change_folder)
        folder_box.addLayout(folder_row)
        self.folder_note = QLabel(content)
        self.folder_note.setObjectName("folderNote")
        self.folder_note.setWordWrap(True)
        self.folder_note.setProperty("muted", True)
        folder_box.addWidget(self.folder_note)
        form.addRow(self.folder_label, folder_box)

        self.server_label = QLabel(content)
        server_box = QVBoxLayout()
        self.server = QLabel(content)
        self.server.setObjectName("serverAddress")
        self.server.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.server.setWordWrap(True)
        server_box.addWidget(self.server)
        setup_row = QHBoxLayout()
        self.provision_button = QPushButton(content)
        self.provision_button.setObjectName("provisionButton")
        self.provision_button.setMinimumHeight(touch)
        self.provision_button.setAutoDefault(False)
        self.provision_button.clicked.connect(self.on_provision_clicked)
        setup_row.addWidget(self.provision_button)
        setup_row.addStretch(1)
        server_box.addLayout(setup_row)
        form.addRow(self.server_label, server_box)

        self.account_label = QLabel(content)
        account_row = QHBoxLayout()
        self.account = QLabel(content)
        self.account.setObjectName("accountUser")
        account_row.addWidget(self.account, 1)
        self.logout_button = QPushButton(content)
        self.logout_button.setObjectName("logoutButton")
        self.logout_button.setMinimumHeight(touch)
        self.logout_button.clicked.connect(self.logout_requested)
        account_row.addWidget(self.logout_button)
        form.addRow(self.account_label, account_row)
        self._form = form
        self._server_url: str | None = None
        self._pending_server = ""  # provisioned here, not enrolled yet
        self._user = ""

        self.version_label = QLabel(content)
        self.version = QLabel(app_version(), content)
        self.version.setObjectName("version")
        self.version.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(self.version_label, self.version)

        self.scroll = scroll_form(content, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 20, 20, 16)
        self.heading = QLabel(self)
        self.heading.setProperty("heading", True)
        layout.addWidget(self.heading)
        layout.addWidget(self.scroll, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.done_button = QPushButton(self)
        self.done_button.setObjectName("doneButton")
        self.done_button.setProperty("primary", True)
        self.done_button.setDefault(True)
        self.done_button.clicked.connect(self.accept)
        buttons.addWidget(self.done_button)
        layout.addLayout(buttons)

        self.change_folder.clicked.connect(self.on_change_folder_clicked)
        self._pending_folder = saved_data_dir()
        self.set_account(None, "")
        tablet = session.tablet
        session.run_read(lambda: pending_enrollment(tablet), guarded(self, self._on_pending_read), lambda _exc: None)
        self.resize(max(720, touch * 14), max(560, touch * 11))

    @staticmethod
    def _choice(parent: QWidget, name: str, touch: int) -> QPushButton:
        button = QPushButton(parent)
        button.setObjectName(name)
        button.setCheckable(True)
        button.setProperty("chip", True)
        button.setMinimumHeight(touch)
        return button

    # ------------------------------------------------------------ words

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Settings"))
        self.heading.setText(self.tr("Settings"))
        self.language_label.setText(self.tr("Language"))
        self.theme_label.setText(self.tr("Theme"))
        self.theme_choices["normal"].setText(self.tr("Normal"))
        self.theme_choices["sunlight"].setText(self.tr("Sunlight (high contrast)"))
        self.folder_label.setText(self.tr("Data folder"))
        self.change_folder.setText(self.tr("Change…"))
        self.server_label.setText(self.tr("Server"))
        self.account_label.setText(self.tr("Inspector"))
        self.logout_button.setText(self.tr("Log out / switch inspector"))
        self.provision_button.setText(self.tr("Set up from a QR code or provisioning file…"))
        if self._server_url:
            self.server.setText(self._server_url)
        elif self._pending_server:
            self.server.setText(
                self.tr("%1 (enrolls when the server can be reached)").replace("%1", self._pending_server)
            )
        else:
            self.server.setText(self.tr("Not set up with a server yet: ask IT for its QR code."))
        self.account.setText(self._user or self.tr("Nobody is logged in"))
        self.version_label.setText(self.tr("Version"))
        self.done_button.setText(self.tr("Done"))
        self._update_folder_note()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def set_account(self, server_url: str | None, user: str) -> None:
        """The server this tablet is enrolled with (None: not enrolled, a local demo) and who is logged in."""
        self._server_url, self._user = server_url, user
        enrolled = server_url is not None
        self._form.setRowVisible(self.account_label, enrolled)
        # Not enrolled yet: setting the tablet up is what it needs first.
        self.provision_button.setProperty("primary", not enrolled)
        self.provision_button.style().unpolish(self.provision_button)
        self.provision_button.style().polish(self.provision_button)
        self.logout_button.setVisible(bool(user))
        self.retranslate_ui()

    def _update_folder_note(self) -> None:
        current = self.session.tablet.paths.root
        pending = self._pending_folder
        if pending is not None and Path(pending) != Path(current):
            self.folder_note.setText(self.tr("Fieldcase will use %1 from its next start.").replace("%1", str(pending)))
        else:
            self.folder_note.setText(self.tr("Where cases and photos are kept on this tablet."))

    # ------------------------------------------------------------ choices

    def on_language_clicked(self, language: str) -> None:
        self.session.set_language(language)

    def on_theme_clicked(self, name: str) -> None:
        self.session.set_theme(name)

    def on_change_folder_clicked(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Data folder"), str(self.session.tablet.paths.root))
        if chosen:
            self.set_data_folder(Path(chosen))

    def on_provision_clicked(self) -> QDialog:
        """Open "Set up this tablet": the camera or a file, then apply (ui/provision_dialog.py)."""
        from ui.provision_dialog import ProvisionDialog

        if self.provision_dialog is not None:
            return self.provision_dialog
        dialog = ProvisionDialog(self.session, self, capture_source=self._capture)
        dialog.provisioned.connect(self._on_provisioned)
        dialog.finished.connect(self._on_provision_finished)
        self.provision_dialog = dialog
        dialog.open()
        return dialog

    def _on_provisioned(self, result: dict[str, Any]) -> None:
        for code, button in self.language_choices.items():
            button.setChecked(code == self.session.language)
        if result.get("enrolled"):
            self._pending_server = ""
            self.set_account(result["server"], self._user)
        else:
            self._pending_server = result["server"]
            self.retranslate_ui()
        self.provisioned.emit(result)

    def _on_pending_read(self, server: str) -> None:
        if server and not self._server_url and not self._pending_server:
            self._pending_server = server
            self.retranslate_ui()

    def _on_provision_finished(self, _result: int) -> None:
        dialog, self.provision_dialog = self.provision_dialog, None
        if dialog is not None:
            dialog.deleteLater()

    def set_data_folder(self, path: Path) -> None:
        """Remember `path` as the data folder for the next start."""
        save_data_dir(path)
        self._pending_folder = path
        self._update_folder_note()
