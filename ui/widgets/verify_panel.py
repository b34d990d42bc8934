"""Verify on site: the inspector's answer to a verification task (a case the unit reported disposed).

After-disposal photos (camera, files, a drop), a note, then Confirm (the disposal is done: verified)
or Dispute (not done, the note says what is still wrong: back to the unit). The answer goes through
`Tablet.verify` on the database worker, all or nothing, and is queued for sync as a new revision.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QPlainTextEdit, QWidget

from app.domain.case import Case
from ui.camera import CameraDialog, CaptureSource, QtCameraSource, shot_path
from ui.errors import show_error
from ui.session import Session
from ui.widgets.common import PageTasks, Section, error_style, touch, touch_button, wrap_label
from ui.widgets.icons import icon

PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png", ".heic", ".heif")


def _photo_files(paths: list[Path]) -> list[Path]:
    """Files as given, and the photos inside folders (sorted by name)."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = [
                p
                for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in PHOTO_SUFFIXES and not p.name.startswith(".")
            ]
            out.extend(sorted(found, key=lambda p: str(p).lower()))
        else:
            out.append(path)
    return out


class VerifyPanel(Section):
    """The "Verify on site" section of a disposed case; `answered(case)` once the answer is recorded."""

    answered = Signal(object)  # Case

    def __init__(
        self, session: Session, parent: QWidget | None = None, *, capture_source: CaptureSource | None = None
    ) -> None:
        super().__init__("", parent)
        self.setObjectName("verifyPanel")
        self.session = session
        self._tasks = PageTasks(self, session)
        self._capture = capture_source
        self._case_id: str | None = None
        self._photos: list[Path] = []
        self._temp_files: set[Path] = set()
        self._busy = False
        self.setAcceptDrops(True)

        self.intro = wrap_label("", self)
        self.intro.setObjectName("verifyIntro")
        self.body.addWidget(self.intro)

        self.photos_title = wrap_label("", self)
        self.photos_title.setObjectName("verifyPhotosTitle")
        font = self.photos_title.font()
        font.setBold(True)
        self.photos_title.setFont(font)
        self.body.addWidget(self.photos_title)
        row = QHBoxLayout()
        row.setSpacing(12)
        self.camera_button = touch_button("", self, primary=True, icon=icon("camera", 32), object_name="verifyCamera")
        self.camera_button.clicked.connect(self.on_camera_clicked)
        self.files_button = touch_button("", self, icon=icon("file", 32), object_name="verifyFiles")
        self.files_button.clicked.connect(self.on_files_clicked)
        self.clear_button = touch_button("", self, object_name="verifyClearPhotos")
        self.clear_button.clicked.connect(self.on_clear_clicked)
        row.addWidget(self.camera_button)
        row.addWidget(self.files_button)
        row.addStretch(1)
        row.addWidget(self.clear_button)
        self.body.addLayout(row)
        self.camera_status = wrap_label("", self)
        self.camera_status.setObjectName("verifyCameraStatus")
        self.camera_status.setProperty("muted", True)
        self.camera_status.hide()
        self.body.addWidget(self.camera_status)
        self.photo_list = wrap_label("", self)
        self.photo_list.setObjectName("verifyPhotoList")
        self.body.addWidget(self.photo_list)

        self.note_label = wrap_label("", self)
        self.note_label.setObjectName("verifyNoteLabel")
        self.note_label.setFont(font)
        self.body.addWidget(self.note_label)
        self.note_edit = QPlainTextEdit(self)
        self.note_edit.setObjectName("verifyNote")
        self.note_edit.setMinimumHeight(touch() * 2)
        self.note_edit.setMaximumHeight(touch() * 3)
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.textChanged.connect(self._clear_message)
        self.body.addWidget(self.note_edit)

        self.message = wrap_label("", self)
        self.message.setObjectName("verifyMessage")
        self.message.setStyleSheet(error_style())
        self.message.hide()
        self.body.addWidget(self.message)

        answers = QHBoxLayout()
        answers.setSpacing(16)
        self.dispute_button = touch_button("", self, object_name="verifyDispute")
        self.dispute_button.clicked.connect(self.on_dispute_clicked)
        self.confirm_button = touch_button("", self, primary=True, object_name="verifyConfirm")
        self.confirm_button.clicked.connect(self.on_confirm_clicked)
        for button in (self.dispute_button, self.confirm_button):
            # Bigger than the other buttons: the answer is what the inspector came for. (The theme's
            # style sheet sets every button's min-height, so this one says its own.)
            button.setStyleSheet(f"min-height: {int(touch() * 1.5)}px;")
            button.setMinimumWidth(touch() * 4)
        answers.addWidget(self.dispute_button, 1)
        answers.addWidget(self.confirm_button, 1)
        self.body.addLayout(answers)
        self.retranslate_ui()

    # ------------------------------------------------------------ language

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.set_title(self.tr("Verify on site"))
        self.intro.setText(
            self.tr(
                "The unit reports this case as disposed. Check it on site, take after-disposal photos, "
                "then confirm that it is done or dispute it."
            )
        )
        self.photos_title.setText(self.tr("After-disposal photos"))
        self.camera_button.setText(self.tr("Take a photo"))
        self.files_button.setText(self.tr("From files"))
        self.clear_button.setText(self.tr("Remove photos"))
        self.camera_status.setText(self.tr("No camera found on this tablet. Add photos from files instead."))
        self.note_label.setText(self.tr("Note (required to dispute)"))
        self.note_edit.setPlaceholderText(self.tr("What you found on site"))
        self.dispute_button.setText(self.tr("Dispute: not done"))
        self.confirm_button.setText(self.tr("Confirm: disposal done"))
        self._show_photos()

    # ------------------------------------------------------------ state

    @property
    def photos(self) -> list[Path]:
        return list(self._photos)

    @property
    def busy(self) -> bool:
        return self._busy

    def set_case(self, case_id: str | None) -> None:
        """The case answered here; a different case starts with no photos and no note."""
        if case_id != self._case_id:
            self._case_id = case_id
            self._forget_temp_files()
            self._photos = []
            self.note_edit.setPlainText("")
            self._clear_message()
            self._show_photos()
        self._update_camera_state()

    def add_photos(self, paths: list[Path]) -> None:
        """Add these files (folders: the photos inside) to the answer; looked at off the GUI thread."""
        paths = [Path(p) for p in paths]
        if paths:
            self._tasks.io(lambda: _photo_files(paths), self._on_photos_found)

    def _on_photos_found(self, paths: list[Path]) -> None:
        for path in paths:
            if path not in self._photos:
                self._photos.append(path)
        self._clear_message()
        self._show_photos()

    def _show_photos(self) -> None:
        if self._photos:
            names = "\n".join(f"• {p.name}" for p in self._photos)
            self.photo_list.setText(self.tr("Photos to add: %1").replace("%1", str(len(self._photos))) + "\n" + names)
        else:
            self.photo_list.setText(self.tr("No photos yet: at least one is needed."))
        self.clear_button.setVisible(bool(self._photos))

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def _clear_message(self) -> None:
        self.message.hide()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for button in (self.confirm_button, self.dispute_button, self.files_button, self.clear_button):
            button.setEnabled(not busy)
        self._update_camera_state()

    # ------------------------------------------------------------ photos in

    def _update_camera_state(self) -> None:
        if self._capture is None:
            if self._case_id is None:
                return  # no camera opened for a page that never shows a verification task
            self._capture = QtCameraSource(self)
        available = self._capture.available()
        self.camera_button.setEnabled(available and not self._busy)
        self.camera_status.setVisible(not available)

    def on_camera_clicked(self) -> None:
        if self._capture is None or not self._capture.available():
            self._update_camera_state()
            return
        dialog = CameraDialog(self._capture, self)
        dialog.captured.connect(self.on_camera_captured)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def on_camera_captured(self, data: bytes) -> None:
        """A shot from the camera: written to the data folder, then added like any photo."""
        target = shot_path(self.session.tablet.paths.incoming, "after")
        self._temp_files.add(target)
        self._tasks.io(
            lambda: self.session.tablet.write_shot(target, data),
            lambda path: self._on_photos_found([path]),
            lambda exc: show_error(self, exc),
        )

    def on_files_clicked(self) -> QFileDialog:
        dialog = QFileDialog(self, self.tr("Choose after-disposal photos"))
        dialog.setObjectName("verifyFileDialog")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        patterns = " ".join(f"*{s} *{s.upper()}" for s in PHOTO_SUFFIXES)
        dialog.setNameFilters([self.tr("Photos (%1)").replace("%1", patterns), self.tr("All files (*)")])
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.filesSelected.connect(lambda files: self.add_photos([Path(f) for f in files]))
        dialog.open()
        return dialog

    def on_clear_clicked(self) -> None:
        self._forget_temp_files()
        self._photos = []
        self._show_photos()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        if urls and all(u.isLocalFile() for u in urls) and not self._busy:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if not paths or self._busy:
            event.ignore()
            return
        event.acceptProposedAction()
        self.add_photos(paths)

    def _forget_temp_files(self) -> None:
        temp, self._temp_files = self._temp_files, set()
        if temp:
            self._tasks.io(lambda: [p.unlink(missing_ok=True) for p in temp])

    # ------------------------------------------------------------ the answer

    def on_confirm_clicked(self) -> None:
        self._answer(confirm=True)

    def on_dispute_clicked(self) -> None:
        self._answer(confirm=False)

    def _answer(self, *, confirm: bool) -> None:
        if self._case_id is None or self._busy:
            return
        note = self.note_edit.toPlainText().strip()
        if not self._photos:
            self._show_message(self.tr("Add at least one after-disposal photo first."))
            return
        if not confirm and not note:
            self._show_message(self.tr("To dispute, write in the note what is still not done."))
            self.note_edit.setFocus()
            return
        tablet = self.session.tablet
        case_id, photos = self._case_id, list(self._photos)
        self._clear_message()
        self._set_busy(True)
        self._tasks.op(
            lambda: tablet.verify(case_id, confirm=confirm, photos=photos, note=note),
            case_id=case_id,
            on_done=self._on_answered,
            on_error=self._on_answer_failed,
        )

    def _on_answered(self, case: Case) -> None:
        self._set_busy(False)
        self._forget_temp_files()  # the tablet keeps its own copies now
        self._photos = []
        self.note_edit.setPlainText("")
        self._clear_message()
        self._show_photos()
        self.answered.emit(case)

    def _on_answer_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        show_error(self, exc)

    def shutdown(self) -> Any:
        self._forget_temp_files()
