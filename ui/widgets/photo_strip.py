"""A case's photos as a list model with lazily loaded thumbnails, and the strip/gallery view over it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QListView, QScroller, QWidget

from app.domain.case import Photo
from ui.session import Session
from ui.widgets.common import format_time, guarded

Index = QModelIndex | QPersistentModelIndex

SHA_ROLE = Qt.ItemDataRole.UserRole + 1
PHOTO_ROLE = Qt.ItemDataRole.UserRole + 2
KIND_ROLE = Qt.ItemDataRole.UserRole + 3
HAS_GPS_ROLE = Qt.ItemDataRole.UserRole + 4


class PhotoListModel(QAbstractListModel):
    """One row per evidence photo, in the case's order; thumbnails arrive later via set_thumbnail()."""

    def __init__(self, kind_name: Callable[[str], str], parent: Any = None, *, thumb_side: int = 160) -> None:
        super().__init__(parent)
        self._photos: list[Photo] = []
        self._images: dict[str, QImage] = {}
        self._pixmaps: dict[str, QPixmap] = {}
        self._kind_name = kind_name
        self._thumb_side = thumb_side
        self._placeholder: QPixmap | None = None
        self._requested: set[str] = set()

    # ------------------------------------------------------------ filling it

    def set_photos(self, photos: Sequence[Photo]) -> None:
        photos = list(photos)
        if [p.sha256 for p in photos] == [p.sha256 for p in self._photos]:
            self._photos = photos
            if photos:
                self.dataChanged.emit(self.index(0), self.index(len(photos) - 1))
            return
        self.beginResetModel()
        self._photos = photos
        keep = {p.sha256 for p in photos}
        self._images = {k: v for k, v in self._images.items() if k in keep}
        self._pixmaps = {k: v for k, v in self._pixmaps.items() if k in keep}
        # Forget the requests of photos no longer shown, or the same case opened again (a reused
        # page is emptied between cases) would wait for thumbnails nobody asks for: grey tiles.
        self._requested &= keep
        self.endResetModel()

    def set_kind_namer(self, kind_name: Callable[[str], str]) -> None:
        self._kind_name = kind_name
        if self._photos:
            self.dataChanged.emit(self.index(0), self.index(len(self._photos) - 1))

    def set_thumbnail(self, sha256: str, image: QImage) -> None:
        self._images[sha256] = image
        self._pixmaps.pop(sha256, None)
        for row, photo in enumerate(self._photos):
            if photo.sha256 == sha256:
                index = self.index(row)
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])

    def missing_thumbnails(self) -> list[str]:
        return [p.sha256 for p in self._photos if p.sha256 not in self._images]

    def claim_missing(self) -> list[str]:
        """Missing thumbnails not yet asked for; they count as asked for from now on."""
        missing = [sha for sha in self.missing_thumbnails() if sha not in self._requested]
        self._requested.update(missing)
        return missing

    def photos(self) -> list[Photo]:
        return list(self._photos)

    def photo(self, row: int) -> Photo:
        return self._photos[row]

    # ------------------------------------------------------------ Qt's model interface

    def rowCount(self, parent: Index | None = None) -> int:  # noqa: N802 (Qt override)
        return 0 if parent is not None and parent.isValid() else len(self._photos)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid() or not 0 <= index.row() < len(self._photos):
            return None
        photo = self._photos[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{index.row() + 1} · {self._kind_name(photo.kind)}"
        if role == Qt.ItemDataRole.DecorationRole:
            return self._pixmap(photo.sha256)
        if role == Qt.ItemDataRole.ToolTipRole:
            where = f"{photo.lat:.6f}, {photo.lon:.6f}" if photo.lat is not None and photo.lon is not None else "—"
            return f"{format_time(photo.taken_at)}\nGPS {where}\nSHA-256 {photo.sha256}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{index.row() + 1} {self._kind_name(photo.kind)}"
        if role == SHA_ROLE:
            return photo.sha256
        if role == PHOTO_ROLE:
            return photo
        if role == KIND_ROLE:
            return photo.kind
        if role == HAS_GPS_ROLE:
            return photo.lat is not None and photo.lon is not None
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def roleNames(self) -> dict[int, bytes]:  # noqa: N802
        names = dict(super().roleNames())
        names.update({SHA_ROLE: b"sha256", PHOTO_ROLE: b"photo", KIND_ROLE: b"kind", HAS_GPS_ROLE: b"hasGps"})
        return names

    def _pixmap(self, sha256: str) -> QPixmap:
        cached = self._pixmaps.get(sha256)
        if cached is not None:
            return cached
        image = self._images.get(sha256)
        if image is None or image.isNull():
            return self._placeholder_pixmap()
        # A QPixmap decoration is drawn at its own size: scale it to the view's icon size here.
        side = self._thumb_side
        scaled = image.scaled(
            side, side * 3 // 4, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
        pixmap = QPixmap.fromImage(scaled)
        self._pixmaps[sha256] = pixmap
        return pixmap

    def _placeholder_pixmap(self) -> QPixmap:
        if self._placeholder is None:
            side = self._thumb_side
            pixmap = QPixmap(side, side * 3 // 4)
            pixmap.fill(QColor("#c9d1dc"))
            painter = QPainter(pixmap)
            painter.setPen(QColor("#5d6675"))
            painter.drawRect(0, 0, pixmap.width() - 1, pixmap.height() - 1)
            painter.end()
            self._placeholder = pixmap
        return self._placeholder


def decode_thumbnails(blobs: dict[str, bytes | None]) -> dict[str, QImage]:
    """Decode thumbnail JPEGs (QImage is safe off the GUI thread; QPixmap is not)."""
    out: dict[str, QImage] = {}
    for sha, data in blobs.items():
        if data:
            image = QImage.fromData(data)
            if not image.isNull():
                out[sha] = image
    return out


def request_thumbnails(session: Session, model: PhotoListModel) -> None:
    """Load the model's missing thumbnails from SQLite on the database worker."""
    missing = model.claim_missing()
    if not missing:
        return
    repo = session.tablet.repo

    def load() -> dict[str, QImage]:
        return decode_thumbnails({sha: repo.thumbnail(sha) for sha in missing})

    def loaded(images: dict[str, QImage]) -> None:
        for sha, image in images.items():
            model.set_thumbnail(sha, image)

    session.run_read(load, guarded(model, loaded))  # type: ignore[arg-type]


class PhotoStrip(QListView):
    """Photos as thumbnails: one scrolling row (a strip) or a grid as tall as its rows (a gallery)."""

    MAX_GALLERY_ROWS = 3

    def __init__(self, parent: QWidget | None = None, *, gallery: bool = False, thumb_side: int = 160) -> None:
        super().__init__(parent)
        self._gallery = gallery
        self.placeholder = ""
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setMovement(QListView.Movement.Static)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setUniformItemSizes(True)
        self.setIconSize(QSize(thumb_side, thumb_side * 3 // 4))
        self.setGridSize(QSize(thumb_side + 24, thumb_side * 3 // 4 + 44))
        self.setSpacing(4)
        self.setWordWrap(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(gallery)
        if not gallery:
            self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            scrollbar = self.horizontalScrollBar().sizeHint().height()
            self.setFixedHeight(self.gridSize().height() + max(scrollbar, 16) + 2 * self.frameWidth() + 4)
        QScroller.grabGesture(self.viewport(), QScroller.ScrollerGestureType.TouchGesture)

    def setModel(self, model: Any) -> None:  # noqa: N802 (Qt override)
        super().setModel(model)
        if model is not None and self._gallery:
            model.modelReset.connect(self._fit_height)
            model.rowsInserted.connect(self._fit_height)
            model.rowsRemoved.connect(self._fit_height)
        self._fit_height()

    def resizeEvent(self, event: Any) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit_height()

    def _fit_height(self) -> None:
        """A gallery shows all its rows (up to a few, then it scrolls) instead of cutting one in half."""
        if not self._gallery:
            return
        model = self.model()
        count = model.rowCount() if model is not None else 0
        per_row = max(1, (self.viewport().width() - 2 * self.spacing()) // self.gridSize().width())
        rows = min(self.MAX_GALLERY_ROWS, max(1, -(-count // per_row)))
        height = rows * self.gridSize().height() + 2 * self.frameWidth() + 2 * self.spacing() + 8
        if height != self.height():
            self.setFixedHeight(height)

    def paintEvent(self, event: Any) -> None:  # noqa: N802
        super().paintEvent(event)
        model = self.model()
        if self.placeholder and (model is None or model.rowCount() == 0):
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(self.viewport().rect(), Qt.AlignmentFlag.AlignCenter, self.placeholder)
            painter.end()
