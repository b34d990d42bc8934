"""Evidence photos at the desk: thumbnails with their EXIF and hash check, and a full-size viewer.

Originals come from `GET /blobs/{sha256}` (app/desk.py checks their SHA-256); they are decoded
on a worker (QImage is safe off the GUI thread) and only made QPixmaps here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QFontDatabase, QImage, QKeyEvent, QPixmap
from PySide6.QtWidgets import QDialog, QFrame, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

import ui.pyside_fix  # noqa: F401  (PySide6 6.12.0 drops references to None/True: see there)
from ui.photo_viewer import ZOOM_STEP, ZoomView
from ui.theme import current_theme_name, palette_colors
from ui.widgets.common import touch_button, wrap_label

THUMB = 168


def decode(data: bytes) -> QImage:
    """A photo's bytes as an upright image (EXIF orientation applied); null if they are not a picture."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QImageReader

    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setAutoTransform(True)
    image = reader.read()
    buffer.close()
    return image


def thumbnail(data: bytes) -> tuple[QImage, QImage]:
    """(the full image, a thumbnail) decoded off the GUI thread."""
    image = decode(data)
    if image.isNull():
        return image, image
    small = image.scaled(THUMB, THUMB, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
    return image, small


def hash_status_text(status: str | None) -> str:
    if status == "verified":
        return QCoreApplication.translate("Desk", "✔ hash checked: the original is intact")
    if status == "mismatch":
        return QCoreApplication.translate("Desk", "✘ HASH MISMATCH: these bytes are not the photo taken")
    if status == "failed":
        return QCoreApplication.translate("Desk", "the photo could not be downloaded")
    return QCoreApplication.translate("Desk", "downloading…")


def exif_time(value: Any) -> str:
    """EXIF's "2026:11:20 09:30:12+08:00" as "2026-11-20 09:30:12 +08:00"."""
    if not value:
        return "—"
    text = str(value)
    if len(text) >= 19 and text[4] == ":" and text[7] == ":":
        text = text[:4] + "-" + text[5:7] + "-" + text[8:19] + (" " + text[19:] if len(text) > 19 else "")
    return text


def exif_lines(photo: Mapping[str, Any], kind: str) -> list[str]:
    gps = (
        f"{float(photo['lat']):.6f}, {float(photo['lon']):.6f}"
        if photo.get("lat") is not None and photo.get("lon") is not None
        else QCoreApplication.translate("Desk", "none")
    )
    camera = " ".join(str(x) for x in (photo.get("make"), photo.get("model")) if x) or "—"
    return [
        QCoreApplication.translate("Desk", "Kind: %1").replace("%1", kind),
        QCoreApplication.translate("Desk", "Taken: %1").replace("%1", exif_time(photo.get("taken_at"))),
        QCoreApplication.translate("Desk", "GPS: %1").replace("%1", gps),
        QCoreApplication.translate("Desk", "Camera: %1").replace("%1", camera),
        QCoreApplication.translate("Desk", "Size: %1 × %2 px, %3 KB")
        .replace("%1", str(photo.get("width") or "?"))
        .replace("%2", str(photo.get("height") or "?"))
        .replace("%3", f"{int(photo.get('size') or 0) / 1000:.0f}"),
    ]


class PhotoTile(QFrame):
    """One photo: its thumbnail (a button to the full size), EXIF lines and hash-check status."""

    opened = Signal(str)  # sha256

    def __init__(self, photo: Mapping[str, Any], kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sha256 = str(photo.get("sha256"))
        self.setObjectName("deskPhoto")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QHBoxLayout(self)
        self.button = QToolButton(self)
        self.button.setObjectName("deskPhotoButton")
        self.button.setFixedSize(THUMB + 8, THUMB + 8)
        self.button.setIconSize(self.button.size())
        self.button.setText(QCoreApplication.translate("Desk", "…"))
        self.button.clicked.connect(lambda: self.opened.emit(self.sha256))
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignTop)
        side = QVBoxLayout()
        side.setSpacing(2)
        # Plain (unwrapped) labels: short lines, and a tile as high as its thumbnail.
        self.info = QLabel("\n".join(exif_lines(photo, kind)), self)
        self.info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        side.addWidget(self.info)
        self.hash = QLabel(self.sha256[:32] + "\n" + self.sha256[32:], self)
        self.hash.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hash.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        side.addWidget(self.hash)
        self.status = QLabel(hash_status_text(None), self)
        self.status.setObjectName("hashStatus")
        side.addWidget(self.status)
        side.addStretch(1)
        layout.addLayout(side, 1)
        self.hash_status: str | None = None

    def set_loaded(self, small: QImage | None, status: str) -> None:
        self.hash_status = status
        self.status.setText(hash_status_text(status))
        colors = palette_colors(current_theme_name())
        bad = status != "verified"
        self.status.setStyleSheet(f"color: {colors['danger' if bad else 'text'].name()}; font-weight: bold;")
        if small is not None and not small.isNull():
            self.button.setText("")
            self.button.setIcon(QPixmap.fromImage(small))
        elif status == "failed":
            self.button.setText("✘")


class FullPhotoDialog(QDialog):
    """A photo at full size: zoom (wheel, pinch, buttons), next/previous, its details beside it."""

    def __init__(
        self,
        images: Sequence[tuple[QImage, str]],
        index: int = 0,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("deskPhotoViewer")
        self.setWindowTitle(self.tr("Photo"))
        self._images = list(images)
        self._index = 0
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.position = QLabel(self)
        self.previous_button = touch_button("◀", self, object_name="deskPrevious")
        self.next_button = touch_button("▶", self, object_name="deskNext")
        self.zoom_in = touch_button("+", self)
        self.zoom_out = touch_button("−", self)
        self.actual = touch_button(self.tr("100 %"), self, object_name="deskActualSize")
        close = touch_button(self.tr("Close"), self)
        close.clicked.connect(self.accept)
        for w in (close, self.position):
            bar.addWidget(w)
        bar.addStretch(1)
        for w in (self.zoom_out, self.actual, self.zoom_in, self.previous_button, self.next_button):
            bar.addWidget(w)
        layout.addLayout(bar)
        body = QHBoxLayout()
        self.view = ZoomView(self)
        body.addWidget(self.view, 1)
        self.details = wrap_label("", self, selectable=True)
        self.details.setFixedWidth(320)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop)
        body.addWidget(self.details)
        layout.addLayout(body, 1)
        self.zoom_in.clicked.connect(lambda: self.view.zoom_by(ZOOM_STEP))
        self.zoom_out.clicked.connect(lambda: self.view.zoom_by(1 / ZOOM_STEP))
        self.actual.clicked.connect(self.show_actual_size)
        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        self.view.swiped.connect(self.step)
        self.resize(1100, 760)
        if self._images:
            self.show_image(index)

    @property
    def index(self) -> int:
        return self._index

    def step(self, delta: int) -> None:
        if self._images:
            self.show_image((self._index + delta) % len(self._images))

    def show_image(self, index: int) -> None:
        self._index = index
        image, text = self._images[index]
        self.view.set_image(image)
        self.details.setText(text)
        self.position.setText(
            self.tr("Photo %1 of %2").replace("%1", str(index + 1)).replace("%2", str(len(self._images)))
        )
        several = len(self._images) > 1
        self.previous_button.setEnabled(several)
        self.next_button.setEnabled(several)

    def show_actual_size(self) -> None:
        """One photo pixel to one screen pixel (the picture at full resolution)."""
        fit = self.view.fit_scale()
        if fit > 0:
            self.view.set_zoom(1.0 / fit)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Right, Qt.Key.Key_PageDown):
            self.step(1)
        elif event.key() in (Qt.Key.Key_Left, Qt.Key.Key_PageUp):
            self.step(-1)
        else:
            super().keyPressEvent(event)


__all__ = ["FullPhotoDialog", "PhotoTile", "decode", "exif_lines", "hash_status_text", "thumbnail"]
