"""The full-screen photo viewer: zoom (pinch, wheel, buttons), next/previous (buttons, keys, swipe), and
each photo's time, GPS, kind and SHA-256.

The screen-size preview is shown first; zooming in past it loads the original at full
resolution. Both are read and decoded off the GUI thread (QImage is thread-safe;
only the QPixmap is made on the GUI thread).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QEvent, QIODevice, QPointF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFontDatabase,
    QImage,
    QImageReader,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPixmap,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QBoxLayout,
    QDialog,
    QFrame,
    QGestureEvent,
    QGraphicsPixmapItem,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QPinchGesture,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.domain.case import Photo
from app.queries import StorageError
from ui.session import Session
from ui.widgets.common import PageTasks, format_time, touch_button, wrap_label
from ui.widgets.icons import icon
from ui.widgets.labels import kind_name

log = logging.getLogger(__name__)

MIN_ZOOM = 1.0  # relative to "fit to screen"
MAX_ZOOM = 12.0
ZOOM_STEP = 1.25
SWIPE_PX = 80


def load_image_data(data: bytes, name: str) -> QImage:
    """Read a photo upright (EXIF orientation applied) from its bytes (stored photos are encrypted:
    the tablet decrypts them); a null image if it cannot be read."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setAutoTransform(True)
    image = reader.read()
    if image.isNull():
        log.warning("cannot read %s: %s", name, reader.errorString())
    buffer.close()
    return image


class ZoomView(QGraphicsView):
    """One picture, fitted to the view; zoomed by wheel, pinch or zoom_by(); a horizontal swipe at fit
    size asks for the next or previous picture."""

    swiped = Signal(int)  # +1 next, -1 previous
    zoom_changed = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("zoomView")
        self._scene = QGraphicsScene(self)
        self._item = QGraphicsPixmapItem()
        self._item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self._scene.addItem(self._item)
        self.setScene(self._scene)
        self.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setBackgroundBrush(QColor("#101214"))  # a dark surround, as photo viewers have
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.viewport().grabGesture(Qt.GestureType.PinchGesture)
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self._zoom = 1.0  # 1.0 = the whole picture fits
        self._natural_width = 0  # the full picture's width, whatever resolution is shown
        self._press: QPointF | None = None
        self._pinch_start = 1.0

    @property
    def zoom(self) -> float:
        return self._zoom

    def set_image(self, image: QImage | None, *, natural_width: int = 0, keep_zoom: bool = False) -> None:
        """Show a picture; `natural_width` is the original's width, so a higher-resolution copy
        of the same photo can replace a preview without the view jumping."""
        if image is None or image.isNull():
            self._item.setPixmap(QPixmap())
            self._natural_width = 0
            self._apply()
            return
        center = self.mapToScene(self.viewport().rect().center())
        old_width = self._item.pixmap().width() or 1
        self._item.setPixmap(QPixmap.fromImage(image))
        self._scene.setSceneRect(self._item.boundingRect())
        self._natural_width = natural_width or image.width()
        if keep_zoom:
            ratio = image.width() / old_width
            self._apply()
            self.centerOn(center * ratio)
        else:
            self._zoom = 1.0
            self._apply()

    def shown_width(self) -> int:
        return self._item.pixmap().width()

    def fit_scale(self) -> float:
        pixmap = self._item.pixmap()
        if pixmap.isNull() or self.viewport().width() <= 0:
            return 1.0
        return min(self.viewport().width() / pixmap.width(), self.viewport().height() / pixmap.height())

    def zoom_by(self, factor: float) -> None:
        self.set_zoom(self._zoom * factor)

    def set_zoom(self, zoom: float) -> None:
        zoom = max(MIN_ZOOM, min(MAX_ZOOM, zoom))
        if zoom != self._zoom:
            self._zoom = zoom
            self._apply()

    def fit(self) -> None:
        self.set_zoom(1.0)
        self._apply()

    def needs_full_resolution(self) -> bool:
        """Whether the picture on screen is drawn larger than its pixels (time for the original)."""
        pixmap = self._item.pixmap()
        if pixmap.isNull() or self._natural_width <= pixmap.width():
            return False
        return self.fit_scale() * self._zoom > 1.05

    def _apply(self) -> None:
        scale = self.fit_scale() * self._zoom
        self.resetTransform()
        self.scale(scale, scale)
        if self._zoom == 1.0:
            self.centerOn(self._item)
        self.zoom_changed.emit(self._zoom)

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._apply()

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoom_by(ZOOM_STEP**steps)
        event.accept()

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Gesture and isinstance(event, QGestureEvent):
            pinch = event.gesture(Qt.GestureType.PinchGesture)
            if isinstance(pinch, QPinchGesture):
                if pinch.state() == Qt.GestureState.GestureStarted:
                    self._pinch_start = self._zoom
                self.set_zoom(self._pinch_start * pinch.totalScaleFactor())
                event.accept()
                return True
        if event.type() == QEvent.Type.NativeGesture:
            native: Any = event
            if native.gestureType() == Qt.NativeGestureType.ZoomNativeGesture:
                self.zoom_by(1.0 + native.value())
                return True
        return super().viewportEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self._press = event.position()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        super().mouseReleaseEvent(event)
        if self._press is None:
            return
        delta = event.position() - self._press
        self._press = None
        if self._zoom == 1.0 and abs(delta.x()) >= SWIPE_PX and abs(delta.x()) > 2 * abs(delta.y()):
            self.swiped.emit(-1 if delta.x() > 0 else 1)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._zoom > 1.0:
            self.fit()
        else:
            self.set_zoom(2.5)
            self.centerOn(self.mapToScene(event.position().toPoint()))


class PhotoViewer(QDialog):
    """A case's photos, one at a time, filling the screen."""

    photo_shown = Signal(int)

    def __init__(self, session: Session, photos: Sequence[Photo], index: int = 0, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("photoViewer")
        self.session = session
        self._tasks = PageTasks(self, session)
        self._photos = list(photos)
        self._index = -1
        self._generation = 0
        self._full_loaded = False
        self.setWindowState(Qt.WindowState.WindowFullScreen)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        bar = QFrame(self)
        bar.setObjectName("headerBar")
        top = QHBoxLayout(bar)
        top.setContentsMargins(8, 8, 8, 8)
        self.close_button = touch_button(self.tr("Close"), bar, icon=icon("back", 32), object_name="viewerClose")
        self.close_button.clicked.connect(self.accept)
        self.position = QLabel(bar)
        self.position.setObjectName("viewerPosition")
        self.previous_button = touch_button("", bar, icon=icon("previous", 32), object_name="viewerPrevious")
        self.next_button = touch_button("", bar, icon=icon("next", 32), object_name="viewerNext")
        self.zoom_out_button = touch_button("", bar, icon=icon("zoom_out", 32), object_name="viewerZoomOut")
        self.zoom_in_button = touch_button("", bar, icon=icon("zoom_in", 32), object_name="viewerZoomIn")
        self.fit_button = touch_button("", bar, icon=icon("fit", 32), object_name="viewerFit")
        for button, tip in (
            (self.previous_button, self.tr("Previous photo")),
            (self.next_button, self.tr("Next photo")),
            (self.zoom_out_button, self.tr("Zoom out")),
            (self.zoom_in_button, self.tr("Zoom in")),
            (self.fit_button, self.tr("Fit to screen")),
        ):
            button.setToolTip(tip)
            button.setAccessibleName(tip)
            button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        top.addWidget(self.close_button)
        top.addStretch(1)
        top.addWidget(self.position)
        top.addStretch(1)
        for button in (
            self.zoom_out_button,
            self.fit_button,
            self.zoom_in_button,
            self.previous_button,
            self.next_button,
        ):
            top.addWidget(button)
        layout.addWidget(bar)

        body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        body.setSpacing(0)
        self._body = body
        self.view = ZoomView(self)
        self.view.swiped.connect(self.step)
        self.view.zoom_changed.connect(self.on_view_zoom_changed)
        body.addWidget(self.view, 1)
        self.info = QFrame(self)
        self.info.setObjectName("viewerInfo")
        info_layout = QVBoxLayout(self.info)
        self.info_text = wrap_label("", self.info, selectable=True)
        self.info_text.setObjectName("viewerInfoText")
        self.info_text.setTextFormat(Qt.TextFormat.PlainText)
        info_layout.addWidget(self.info_text)
        self.hash_text = wrap_label("", self.info, selectable=True)
        self.hash_text.setObjectName("viewerHash")
        self.hash_text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        info_layout.addWidget(self.hash_text)
        info_layout.addStretch(1)
        body.addWidget(self.info)
        layout.addLayout(body, 1)

        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        self.zoom_in_button.clicked.connect(lambda: self.view.zoom_by(ZOOM_STEP))
        self.zoom_out_button.clicked.connect(lambda: self.view.zoom_by(1 / ZOOM_STEP))
        self.fit_button.clicked.connect(self.view.fit)
        if self._photos:
            self.show_photo(max(0, min(index, len(self._photos) - 1)))

    @property
    def index(self) -> int:
        return self._index

    def resizeEvent(self, event: Any) -> None:  # noqa: N802
        super().resizeEvent(event)
        # Landscape: the details beside the picture; portrait: below it.
        wide = self.width() >= self.height()
        self._body.setDirection(QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom)
        if wide:
            self.info.setFixedWidth(320)
            self.info.setMaximumHeight(16777215)
        else:
            self.info.setMinimumWidth(0)
            self.info.setMaximumWidth(16777215)
            self.info.setMaximumHeight(max(160, self.height() // 4))

    def step(self, delta: int) -> None:
        if self._photos:
            self.show_photo((self._index + delta) % len(self._photos))

    def show_photo(self, index: int) -> None:
        self._index = index
        self._generation += 1
        self._full_loaded = False
        photo = self._photos[index]
        self.position.setText(
            self.tr("Photo %1 of %2").replace("%1", str(index + 1)).replace("%2", str(len(self._photos)))
        )
        several = len(self._photos) > 1
        self.previous_button.setEnabled(several)
        self.next_button.setEnabled(several)
        self.info_text.setText(self._describe(photo))
        # Grouped in fours so it can be read out and compared by eye.
        self.hash_text.setText(" ".join(photo.sha256[i : i + 4] for i in range(0, 64, 4)))
        self.view.set_image(None)
        self._load_preview(photo, self._generation)
        self.photo_shown.emit(index)

    def _describe(self, photo: Photo) -> str:
        catalogue = self.session.tablet.catalogue
        gps = (
            f"{photo.lat:.6f}, {photo.lon:.6f}" + (f" · {photo.alt:.0f} m" if photo.alt is not None else "")
            if photo.lat is not None and photo.lon is not None
            else self.tr("none")
        )
        camera = " ".join(x for x in (photo.make, photo.model) if x) or "—"
        lines = [
            self.tr("Kind: %1").replace("%1", kind_name(catalogue, photo.kind, self.session.language)),
            self.tr("Taken: %1").replace("%1", format_time(photo.taken_at)),
            self.tr("GPS: %1").replace("%1", gps),
            self.tr("Size: %1 × %2 px, %3 MB")
            .replace("%1", str(photo.width))
            .replace("%2", str(photo.height))
            .replace("%3", f"{photo.size / 1_000_000:.1f}"),
            self.tr("Camera: %1").replace("%1", camera),
        ]
        if photo.note:
            lines.append(self.tr("Note: %1").replace("%1", photo.note))
        lines.append(self.tr("SHA-256:"))
        return "\n".join(lines)

    # ------------------------------------------------------------ loading

    def _load_preview(self, photo: Photo, generation: int) -> None:
        tablet = self.session.tablet
        sha = photo.sha256
        stored = tablet.previews.path_for(sha)

        def read() -> QImage | None:
            if not stored.is_file():
                return None
            try:
                return load_image_data(tablet.previews.read_bytes(sha), sha)
            except StorageError:  # torn by a crash (previews are not fsynced): rebuilt below
                return None

        def shown(image: QImage | None) -> None:
            if generation != self._generation:
                return
            if image is None:
                # The preview is rebuilt from the original by the ingestor, which the
                # database worker also uses: ask there, so the two never race.
                self._tasks.read(
                    lambda: load_image_data(tablet.ingestor.preview_bytes(sha), sha),
                    lambda img: self._show_image(img, photo, generation),
                    lambda exc: self._show_failure(exc, generation),
                )
                return
            self._show_image(image, photo, generation)

        self._tasks.io(read, shown, lambda exc: self._show_failure(exc, generation))

    def _show_image(self, image: QImage, photo: Photo, generation: int) -> None:
        if generation != self._generation:
            return
        self.view.set_image(image, natural_width=photo.width)

    def _show_failure(self, exc: BaseException, generation: int) -> None:
        if generation != self._generation:
            return
        log.warning("photo not shown: %s", exc)
        self.info_text.setText(
            self.info_text.text() + "\n\n" + self.tr("The photo is not on this tablet (kept on the server).")
        )

    def on_view_zoom_changed(self, _zoom: float) -> None:
        if self._full_loaded or not self._photos or not self.view.needs_full_resolution():
            return
        photo = self._photos[self._index]
        if not photo.local:
            return
        self._full_loaded = True
        generation = self._generation
        originals = self.session.tablet.originals

        def shown(image: QImage) -> None:
            if generation == self._generation and not image.isNull():
                self.view.set_image(image, natural_width=photo.width, keep_zoom=True)

        self._tasks.io(
            lambda: load_image_data(originals.read_bytes(photo.sha256), photo.sha256),
            shown,
            lambda exc: log.warning("%s", exc),
        )

    # ------------------------------------------------------------ keys

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = event.key()
        if key in (Qt.Key.Key_Right, Qt.Key.Key_PageDown, Qt.Key.Key_Space):
            self.step(1)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_PageUp):
            self.step(-1)
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.view.zoom_by(ZOOM_STEP)
        elif key == Qt.Key.Key_Minus:
            self.view.zoom_by(1 / ZOOM_STEP)
        elif key == Qt.Key.Key_0:
            self.view.fit()
        else:
            super().keyPressEvent(event)
