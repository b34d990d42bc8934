"""Set a tablet up from IT's provisioning file or its QR code: scan it with the camera or choose the file,
see what it says, apply it, and hear how it went.

The file is what `fieldcase-server device provision` wrote (JSON) or a picture of its QR code; a camera
shot is decoded with app.provision (zxing-cpp) off the GUI thread. Applying stores the server, the pinned
certificate and the one-time code, then enrolls at once if the server answers (on the database worker:
the network call never runs on the GUI thread), else at the next sync. When the server refuses the code
(used already, expired) everything the file set is put back as it was, so a refusal changes nothing; the
language the file names is switched to at once when it is applied.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

import ui.pyside_fix  # noqa: F401  (PySide6 6.12.0 drops references to None/True: see there)
from app import provision
from ui.camera import CameraDialog, CaptureSource, QtCameraSource
from ui.i18n import LANGUAGE_NAMES
from ui.session import Session
from ui.theme import current_theme_name, palette_colors
from ui.widgets.common import error_style, guarded, heading_label, touch, touch_button, wrap_label
from ui.widgets.icons import icon

log = logging.getLogger(__name__)

# What applying a file may change, put back when the server refuses its code.


def read_picture(data: bytes) -> dict[str, Any]:
    """The provisioning document in a camera shot of its QR code (worker thread)."""
    return provision.parse(provision.read_qr(data, "the camera's picture"), "the QR code")


def grouped_fingerprint(fingerprint: str) -> str:
    """A SHA-256 in pairs, four pairs a group, as IT reads it off `openssl x509 -fingerprint`."""
    pairs = [fingerprint[i : i + 2].upper() for i in range(0, len(fingerprint), 2)]
    return " ".join(":".join(pairs[i : i + 4]) for i in range(0, len(pairs), 4))


class ProvisionDialog(QDialog):
    """Scan or choose → review → apply → the outcome. `state` says where it is (tests and screenshots):
    "choose", "reading", "review", "applying", "enrolled", "pending" or "refused"."""

    provisioned = Signal(object)  # app.provision.apply's result: the tablet's server (and language) changed

    def __init__(
        self, session: Session, parent: QWidget | None = None, *, capture_source: CaptureSource | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("provisionDialog")
        self.setModal(True)
        self.session = session
        self._capture = capture_source
        self._doc: dict[str, Any] | None = None
        self._result: dict[str, Any] | None = None
        self._refusal = ""  # why it was refused: code, server, no_qr, picture, file or other
        self._error: BaseException | None = None
        self._detail = ""
        self.state = "choose"
        size = touch()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 20, 20, 16)
        layout.setSpacing(14)
        self.heading = heading_label("", self)
        layout.addWidget(self.heading)
        self.pages = QStackedWidget(self)
        layout.addWidget(self.pages, 1)

        # choose: the camera or a file
        self.choose_page = QWidget(self.pages)
        box = QVBoxLayout(self.choose_page)
        box.setSpacing(14)
        self.choose_hint = wrap_label("", self.choose_page)
        box.addWidget(self.choose_hint)
        on_primary = palette_colors(current_theme_name())["primary_text"]
        self.camera_button = touch_button(
            "", self.choose_page, primary=True, icon=icon("camera", colour=on_primary), object_name="provisionCamera"
        )
        self.camera_button.setMinimumHeight(int(size * 1.5))
        box.addWidget(self.camera_button)
        self.camera_status = wrap_label("", self.choose_page)
        self.camera_status.setObjectName("provisionCameraStatus")
        self.camera_status.setProperty("muted", True)
        box.addWidget(self.camera_status)
        self.file_button = touch_button("", self.choose_page, object_name="provisionFile")
        self.file_button.setMinimumHeight(int(size * 1.5))
        box.addWidget(self.file_button)
        box.addStretch(1)
        self.pages.addWidget(self.choose_page)

        # review: what the file says
        self.review_page = QWidget(self.pages)
        review = QVBoxLayout(self.review_page)
        review.setSpacing(14)
        self.review_hint = wrap_label("", self.review_page)
        review.addWidget(self.review_hint)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setVerticalSpacing(12)
        form.setHorizontalSpacing(18)
        self.server_label, self.server = QLabel(self.review_page), wrap_label("", self.review_page, selectable=True)
        self.server.setObjectName("provisionServer")
        self.district_label, self.district = QLabel(self.review_page), wrap_label("", self.review_page)
        self.district.setObjectName("provisionDistrict")
        self.language_label, self.language = QLabel(self.review_page), wrap_label("", self.review_page)
        self.language.setObjectName("provisionLanguage")
        self.certificate_label = QLabel(self.review_page)
        self.certificate = wrap_label("", self.review_page, selectable=True)
        self.certificate.setObjectName("provisionCertificate")
        for label, value in (
            (self.server_label, self.server),
            (self.district_label, self.district),
            (self.language_label, self.language),
            (self.certificate_label, self.certificate),
        ):
            form.addRow(label, value)
        review.addLayout(form)
        self.review_note = wrap_label("", self.review_page)
        self.review_note.setProperty("muted", True)
        review.addWidget(self.review_note)
        review.addStretch(1)
        self.pages.addWidget(self.review_page)

        # busy: reading a picture, or enrolling
        self.busy_page = QWidget(self.pages)
        busy = QVBoxLayout(self.busy_page)
        self.busy_text = wrap_label("", self.busy_page)
        self.busy_text.setObjectName("provisionBusy")
        busy.addWidget(self.busy_text)
        self.progress = QProgressBar(self.busy_page)
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        busy.addWidget(self.progress)
        busy.addStretch(1)
        self.pages.addWidget(self.busy_page)

        # outcome
        self.result_page = QWidget(self.pages)
        outcome = QVBoxLayout(self.result_page)
        outcome.setSpacing(14)
        self.outcome = wrap_label("", self.result_page, selectable=True)
        self.outcome.setObjectName("provisionOutcome")
        outcome.addWidget(self.outcome)
        self.outcome_detail = wrap_label("", self.result_page, selectable=True)
        self.outcome_detail.setObjectName("provisionDetail")
        self.outcome_detail.setProperty("muted", True)
        outcome.addWidget(self.outcome_detail)
        outcome.addStretch(1)
        self.pages.addWidget(self.result_page)

        buttons = QHBoxLayout()
        self.back_button = touch_button("", self, object_name="provisionBack")
        self.cancel_button = touch_button("", self, object_name="provisionCancel")
        self.apply_button = touch_button("", self, primary=True, object_name="provisionApply")
        self.again_button = touch_button("", self, object_name="provisionAgain")
        self.done_button = touch_button("", self, primary=True, object_name="provisionDone")
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.again_button)
        buttons.addStretch(1)
        for button in (self.cancel_button, self.apply_button, self.done_button):
            buttons.addWidget(button)
        layout.addLayout(buttons)

        self.camera_button.clicked.connect(self.on_camera_clicked)
        self.file_button.clicked.connect(self.on_file_clicked)
        self.back_button.clicked.connect(self.show_choices)
        self.again_button.clicked.connect(self.show_choices)
        self.cancel_button.clicked.connect(self.reject)
        self.apply_button.clicked.connect(self.on_apply_clicked)
        self.done_button.clicked.connect(self.accept)
        self.resize(max(640, size * 12), max(520, size * 10))
        self._show("choose")

    # ------------------------------------------------------------ pages

    def _show(self, state: str) -> None:
        self.state = state
        page = {
            "choose": self.choose_page,
            "reading": self.busy_page,
            "review": self.review_page,
            "applying": self.busy_page,
        }.get(state, self.result_page)
        self.pages.setCurrentWidget(page)
        finished = state in ("enrolled", "pending", "refused")
        self.back_button.setVisible(state == "review")
        self.again_button.setVisible(state == "refused")
        self.cancel_button.setVisible(state in ("choose", "review", "reading"))
        self.apply_button.setVisible(state == "review")
        self.done_button.setVisible(finished)
        self.cancel_button.setEnabled(state != "reading")
        if state == "choose":
            self._update_camera_state()
        self.retranslate_ui()
        if state == "review":
            self.apply_button.setFocus()
        elif finished:
            self.done_button.setFocus()

    def show_choices(self) -> None:
        self._doc = None
        self._show("choose")

    def _update_camera_state(self) -> None:
        available = self._camera().available()
        self.camera_button.setEnabled(available)
        self.camera_status.setVisible(not available)

    def _camera(self) -> CaptureSource:
        if self._capture is None:
            self._capture = QtCameraSource(self)
        return self._capture

    # ------------------------------------------------------------ words

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Set up this tablet"))
        self.back_button.setText(self.tr("Back"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.apply_button.setText(self.tr("Apply"))
        self.again_button.setText(self.tr("Try again"))
        self.done_button.setText(self.tr("Done"))
        self.choose_hint.setText(
            self.tr(
                "IT gives each tablet a provisioning file and its QR code. Scan the QR code with the camera, or "
                "choose the file: the .json file, or a picture of the QR code."
            )
        )
        self.camera_button.setText(self.tr("Scan the QR code with the camera"))
        self.camera_status.setText(self.tr("This tablet has no camera: choose the file instead."))
        self.file_button.setText(self.tr("Choose a file…"))
        self.review_hint.setText(self.tr("The provisioning file says:"))
        self.server_label.setText(self.tr("Server"))
        self.district_label.setText(self.tr("District"))
        self.language_label.setText(self.tr("Language"))
        self.certificate_label.setText(self.tr("Certificate (SHA-256)"))
        self.review_note.setText(
            self.tr(
                "Applying sets this tablet up for this server and enrolls it now if the server can be reached, "
                "otherwise at the next sync. The one-time code can be used only once."
            )
        )
        doc = self._doc
        if doc is not None:
            self.server.setText(doc["server"])
            self.district.setText(doc["district"] or self.tr("(the server decides)"))
            self.language.setText(LANGUAGE_NAMES.get(doc["language"], doc["language"]))
            if doc["tls_sha256"]:
                self.certificate.setText(grouped_fingerprint(doc["tls_sha256"]))
            elif doc["server"].startswith("https:"):
                self.certificate.setText(self.tr("Not pinned: the system's certificate authorities are trusted"))
            else:
                self.certificate.setText(self.tr("None: the connection is not encrypted (http)"))
        headings = {
            "choose": self.tr("Set up this tablet"),
            "reading": self.tr("Reading the QR code…"),
            "review": self.tr("Apply this provisioning file?"),
            "applying": self.tr("Setting up…"),
            "enrolled": self.tr("This tablet is set up"),
            "pending": self.tr("Saved: the tablet enrolls when the server can be reached"),
            "refused": self.tr("Not set up"),
        }
        self.heading.setText(headings[self.state])
        if self.state == "reading":
            self.busy_text.setText(self.tr("Looking for the QR code in the picture…"))
        elif self.state == "applying" and doc is not None:
            self.busy_text.setText(self.tr("Enrolling with %1…").replace("%1", doc["server"]))
        self._retranslate_outcome()

    def _retranslate_outcome(self) -> None:
        result, state = self._result, self.state
        self.outcome.setStyleSheet(error_style() if state == "refused" else "")
        if state == "enrolled" and result is not None:
            self.outcome.setText(
                self.tr("Enrolled with %1. Inspectors can now log in on this tablet.").replace("%1", result["server"])
            )
            self.outcome_detail.setText(self.tr("Device: %1").replace("%1", str(result["device"] or "")))
        elif state == "pending" and result is not None:
            self.outcome.setText(
                self.tr(
                    "The settings are saved, but %1 cannot be reached now. The tablet enrolls by itself at the next "
                    "sync, when the network is back."
                ).replace("%1", result["server"])
            )
            self.outcome_detail.setText(self._details())
        elif state == "refused":
            self.outcome.setText(self._refusal_text() + "\n\n" + self.tr("Nothing was changed on this tablet."))
            self.outcome_detail.setText(self._details())

    def _details(self) -> str:
        """What the app said, in its own words (English), for IT."""
        return self.tr("Details: %1").replace("%1", self._detail) if self._detail else ""

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # ------------------------------------------------------------ in: the camera or a file

    def on_camera_clicked(self) -> CameraDialog | None:
        source = self._camera()
        if not source.available():
            self._update_camera_state()
            return None
        dialog = CameraDialog(source, self)
        dialog.setObjectName("provisionCameraDialog")
        dialog.setWindowTitle(self.tr("Scan the QR code"))
        heading = dialog.layout().itemAt(0).widget()
        if isinstance(heading, QLabel):
            heading.setText(self.tr("Hold the QR code in the middle of the picture, then take the photo."))
        dialog.shutter.setText(self.tr("Take the photo"))
        dialog.done_button.setText(self.tr("Cancel"))
        dialog.captured.connect(guarded(self, self._on_shot))
        dialog.captured.connect(dialog.accept)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _on_shot(self, data: bytes) -> None:
        self._read(lambda: read_picture(data))

    def on_file_clicked(self) -> QFileDialog:
        dialog = QFileDialog(self, self.tr("Choose the provisioning file"))
        dialog.setObjectName("provisionFileDialog")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilters(
            [
                self.tr("Provisioning files and QR code pictures (%1)").replace(
                    "%1", "*.json *.JSON *.png *.PNG *.jpg *.JPG *.jpeg *.JPEG"
                ),
                self.tr("All files (*)"),
            ]
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda name: self.read_file(Path(name)))
        dialog.open()
        return dialog

    def read_file(self, path: Path) -> None:
        """Read a provisioning file or a picture of its QR code (off the GUI thread), then show it."""
        self._read(lambda: provision.read(path))

    def _read(self, work: Any) -> None:
        if self.state in ("reading", "applying"):
            return
        self._show("reading")
        self.session.tasks.run_io(work, guarded(self, self._on_read), guarded(self, self._on_read_failed))

    def _on_read(self, doc: dict[str, Any]) -> None:
        self._doc = doc
        self._show("review")

    def _on_read_failed(self, exc: BaseException) -> None:
        self._refuse(exc)

    # ------------------------------------------------------------ apply

    def on_apply_clicked(self) -> None:
        doc = self._doc
        if doc is None or self.state != "review":
            return
        self._show("applying")
        tablet = self.session.tablet
        self.session.tasks.run_db(
            lambda: provision.apply(tablet, doc), guarded(self, self._on_applied), guarded(self, self._on_apply_failed)
        )

    def _on_applied(self, result: dict[str, Any]) -> None:
        self._result = result
        pending = result.get("pending") or ""
        self._detail = pending.split(": ", 1)[1] if ": " in pending else ""
        # The file's language, at once (apply wrote it to the settings already; this switches the screen).
        self.session.set_language(result["language"])
        self._show("enrolled" if result["enrolled"] else "pending")
        self.provisioned.emit(result)

    def _on_apply_failed(self, exc: BaseException) -> None:
        self._refuse(exc)

    def _refuse(self, exc: BaseException) -> None:
        from app.queries import SYNC_AUTH, SyncError

        text = str(exc)
        self._detail = text
        if isinstance(exc, SyncError):
            self._refusal = "code" if exc.kind == SYNC_AUTH else "server"
        elif isinstance(exc, provision.ProvisionError) and "no QR code found" in text:
            self._refusal = "no_qr"
        elif isinstance(exc, provision.ProvisionError) and "not a readable PNG or JPEG picture" in text:
            self._refusal = "picture"
        elif isinstance(exc, provision.ProvisionError):
            self._refusal = "file"
        else:
            log.error("provisioning failed: %s", getattr(exc, "__traceback_text__", repr(exc)))
            self._refusal = "other"
            self._error = exc
        self._show("refused")

    def _refusal_text(self) -> str:
        if self._refusal == "code":
            return self.tr(
                "The server refused the enrollment code: it has been used already or has expired. "
                "Ask IT for a new provisioning file."
            )
        if self._refusal == "server":
            return self.tr("The server did not accept this tablet.")
        if self._refusal == "no_qr":
            return self.tr(
                "No QR code was found in the picture. Hold the tablet steady with the whole code in the middle "
                "of the picture, or choose the file instead."
            )
        if self._refusal == "picture":
            return self.tr("The picture cannot be read. Use a PNG or JPEG picture of the QR code.")
        if self._refusal == "file":
            return self.tr("This is not a provisioning file this tablet can use.")
        from ui.errors import message_for

        return message_for(self._error) if self._error is not None else ""

    def reject(self) -> None:
        if self.state in ("reading", "applying"):
            return  # the work under way finishes first; its outcome is shown
        super().reject()
