"""The tablet camera behind a small capture interface: QtMultimedia when a camera exists, JPEG bytes in tests.

`CaptureSource` is the seam: `available()` says whether a shot can be taken,
`capture()` returns one JPEG. `QtCameraSource` drives QCamera/QImageCapture and
lets the backend encode the JPEG to a file (off the GUI thread), waiting in a local
event loop so the screen stays live; `StaticCaptureSource` hands out bytes it was
given. QtMultimedia is imported only when a camera is first asked for, so the app
starts without it.
"""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Protocol, runtime_checkable

from PySide6.QtCore import QEventLoop, QLoggingCategory, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ui.widgets.common import heading_label, touch, touch_button, wrap_label
from ui.widgets.icons import icon

log = logging.getLogger(__name__)

CAPTURE_TIMEOUT_MS = 15000

# The FFmpeg backend probes optional libraries (PipeWire, VA-API) and logs each one it
# cannot find as a warning; on a tablet without them that is noise, not a fault.
_QUIET_RULES = "qt.multimedia.symbolsresolver=false\nqt.multimedia.ffmpeg.info=false"


class CaptureError(Exception):
    """The camera could not take a picture (none, busy, failed); the message says which."""


@runtime_checkable
class CaptureSource(Protocol):
    def available(self) -> bool:
        """Whether a picture can be taken now."""
        ...

    def capture(self) -> bytes:
        """One picture as JPEG bytes; raises CaptureError."""
        ...


class StaticCaptureSource:
    """A camera that returns the JPEGs it was given, in turn (tests, demos)."""

    def __init__(self, frames: Sequence[bytes] | bytes = ()) -> None:
        self._frames = [frames] if isinstance(frames, bytes) else list(frames)
        self.captures = 0

    def available(self) -> bool:
        return bool(self._frames)

    def capture(self) -> bytes:
        if not self._frames:
            raise CaptureError("no camera")
        frame = self._frames[self.captures % len(self._frames)]
        self.captures += 1
        return frame


def _quiet_multimedia() -> None:
    QLoggingCategory.setFilterRules(_QUIET_RULES)


class QtCameraSource(QObject):
    """The tablet's camera through QtMultimedia (QMediaDevices, QCamera, QImageCapture)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._camera: QObject | None = None
        self._session: QObject | None = None
        self._image_capture: QObject | None = None
        self._available: bool | None = None

    def available(self) -> bool:
        if self._available is None:
            _quiet_multimedia()
            from PySide6.QtMultimedia import QMediaDevices

            self._available = bool(QMediaDevices.videoInputs())
        return self._available

    def start(self) -> None:
        """Open the default camera (idempotent)."""
        if self._camera is not None:
            return
        if not self.available():
            raise CaptureError("no camera")
        from PySide6.QtMultimedia import QCamera, QImageCapture, QMediaCaptureSession, QMediaDevices

        camera = QCamera(QMediaDevices.defaultVideoInput(), self)
        session = QMediaCaptureSession(self)
        image_capture = QImageCapture(self)
        image_capture.setFileFormat(QImageCapture.FileFormat.JPEG)
        image_capture.setQuality(QImageCapture.Quality.VeryHighQuality)
        session.setCamera(camera)
        session.setImageCapture(image_capture)
        camera.start()
        self._camera, self._session, self._image_capture = camera, session, image_capture

    def viewfinder(self, parent: QWidget) -> QWidget:
        """A live picture from the camera for the capture dialog."""
        from PySide6.QtMultimediaWidgets import QVideoWidget

        self.start()
        widget = QVideoWidget(parent)
        self._session.setVideoOutput(widget)  # type: ignore[union-attr]
        return widget

    def capture(self) -> bytes:
        self.start()
        image_capture = self._image_capture
        assert image_capture is not None
        folder = Path(tempfile.mkdtemp(prefix="fieldcase-shot-"))
        target = folder / "shot.jpg"
        loop = QEventLoop()
        outcome: dict[str, str] = {}

        def on_saved(_id: int, path: str) -> None:
            outcome["path"] = path
            loop.quit()

        def on_error(_id: int, _error: object, text: str) -> None:
            outcome["error"] = text
            loop.quit()

        image_capture.imageSaved.connect(on_saved)  # type: ignore[attr-defined]
        image_capture.errorOccurred.connect(on_error)  # type: ignore[attr-defined]
        try:
            if not image_capture.isReadyForCapture():  # type: ignore[attr-defined]
                image_capture.readyForCaptureChanged.connect(loop.quit)  # type: ignore[attr-defined]
                QTimer.singleShot(CAPTURE_TIMEOUT_MS, loop.quit)
                loop.exec()
            image_capture.captureToFile(str(target))  # type: ignore[attr-defined]
            QTimer.singleShot(CAPTURE_TIMEOUT_MS, loop.quit)
            loop.exec()
            if "error" in outcome:
                raise CaptureError(outcome["error"])
            if "path" not in outcome:
                raise CaptureError("the camera did not answer in time")
            return Path(outcome["path"]).read_bytes()
        finally:
            image_capture.imageSaved.disconnect(on_saved)  # type: ignore[attr-defined]
            image_capture.errorOccurred.disconnect(on_error)  # type: ignore[attr-defined]
            for leftover in folder.iterdir():
                leftover.unlink(missing_ok=True)
            os.rmdir(folder)

    def stop(self) -> None:
        if self._camera is not None:
            self._camera.stop()  # type: ignore[attr-defined]
            for part in (self._image_capture, self._session, self._camera):
                if part is not None:
                    part.deleteLater()
        self._camera = self._session = self._image_capture = None


class CameraDialog(QDialog):
    """Take photos one after another; each shot is handed on at once (`captured(bytes)`)."""

    captured = Signal(bytes)

    def __init__(self, source: CaptureSource, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cameraDialog")
        self.setWindowTitle(self.tr("Take photos"))
        self.setModal(True)
        self._source = source
        self._count = 0
        layout = QVBoxLayout(self)
        layout.addWidget(heading_label(self.tr("Take photos"), self))
        self._view: QWidget
        viewfinder = getattr(source, "viewfinder", None)
        if callable(viewfinder):
            try:
                self._view = viewfinder(self)
            except CaptureError as exc:
                self._view = wrap_label(str(exc), self)
        else:
            self._view = wrap_label(self.tr("No live picture from this camera; each shot is added at once."), self)
            self._view.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._view.setMinimumSize(320, 240)
        self._view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        layout.addWidget(self._view, 1)
        self.status = wrap_label("", self)
        self.status.setObjectName("cameraStatus")
        layout.addWidget(self.status)
        row = QHBoxLayout()
        self.done_button = touch_button(self.tr("Done"), self, object_name="cameraDone")
        self.shutter = touch_button(
            self.tr("Take photo"), self, primary=True, icon=icon("camera"), object_name="cameraShutter"
        )
        self.shutter.setMinimumHeight(touch() * 2)
        self.shutter.setMinimumWidth(touch() * 4)
        row.addWidget(self.done_button)
        row.addStretch(1)
        row.addWidget(self.shutter)
        layout.addLayout(row)
        self.shutter.clicked.connect(self.on_shutter_clicked)
        self.done_button.clicked.connect(self.accept)
        self.resize(720, 560)

    def on_shutter_clicked(self) -> None:
        self.shutter.setEnabled(False)
        try:
            data = self._source.capture()
        except CaptureError as exc:
            self.status.setText(self.tr("The camera could not take the photo: %1").replace("%1", str(exc)))
            return
        finally:
            self.shutter.setEnabled(True)
        self._count += 1
        self.status.setText(self.tr("Photos taken: %1. Each one is added to the case.").replace("%1", str(self._count)))
        self.captured.emit(data)

    def done(self, result: int) -> None:
        stop = getattr(self._source, "stop", None)
        if callable(stop):
            stop()
        super().done(result)


def shot_path(folder: Path, prefix: str) -> Path:
    """Where a camera shot waits to be imported: the data folder's incoming/, named by time."""
    return folder / f"{prefix}-{datetime.now().strftime('%Y%m%d-%H%M%S-%f')}.jpg"
