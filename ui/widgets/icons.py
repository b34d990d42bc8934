"""Line icons drawn from small inline SVGs, tinted with the palette's text colour (no files to ship)."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

_STROKE = 'fill="none" stroke="{c}" stroke-width="3" stroke-linecap="round" stroke-linejoin="round"'

_SVG: dict[str, str] = {
    # A house with an extension under construction (scaffold) beside it.
    "illegal_construction": (
        '<path d="M6 30 L22 16 L38 30 V56 H6 Z" {s}/><path d="M16 56 V40 H28 V56" {s}/>'
        '<path d="M42 56 V26 H58 V56 M42 36 H58 M42 46 H58 M42 26 L58 36 M42 36 L58 46" {s}/>'
        '<path d="M4 58 H60" {s}/>'
    ),
    # A round cover with its grid, seen from above.
    "manhole_cover": (
        '<circle cx="32" cy="32" r="24" {s}/><circle cx="32" cy="32" r="18" {s}/>'
        '<path d="M20 26 H44 M18 32 H46 M20 38 H44 M26 18 V46 M32 14 V50 M38 18 V46" {s}/>'
    ),
    "camera": ('<path d="M6 20 H18 L23 12 H41 L46 20 H58 V52 H6 Z" {s}/><circle cx="32" cy="35" r="10" {s}/>'),
    "file": '<path d="M14 6 H38 L50 18 V58 H14 Z M38 6 V18 H50" {s}/><path d="M22 34 H42 M22 44 H42" {s}/>',
    "folder": '<path d="M6 16 H26 L31 22 H58 V52 H6 Z" {s}/>',
    "card": ('<path d="M16 6 H40 L50 16 V58 H16 Z" {s}/><path d="M24 12 V20 M31 12 V20 M38 12 V20" {s}/>'),
    "location": '<path d="M32 58 C20 42 14 34 14 24 A18 18 0 0 1 50 24 C50 34 44 42 32 58 Z" {s}/>'
    '<circle cx="32" cy="24" r="6" {s}/>',
    "zoom_in": '<circle cx="27" cy="27" r="17" {s}/><path d="M40 40 L56 56 M19 27 H35 M27 19 V35" {s}/>',
    "zoom_out": '<circle cx="27" cy="27" r="17" {s}/><path d="M40 40 L56 56 M19 27 H35" {s}/>',
    "fit": '<path d="M8 22 V8 H22 M42 8 H56 V22 M56 42 V56 H42 M22 56 H8 V42" {s}/>',
    "previous": '<path d="M40 10 L18 32 L40 54" {s}/>',
    "next": '<path d="M24 10 L46 32 L24 54" {s}/>',
    "close": '<path d="M14 14 L50 50 M50 14 L14 50" {s}/>',
    "back": '<path d="M28 14 L10 32 L28 50 M10 32 H56" {s}/>',
    "warning": '<path d="M32 6 L60 56 H4 Z" {s}/><path d="M32 24 V40 M32 48 V49" {s}/>',
}


def _svg(name: str, colour: str) -> bytes:
    body = _SVG[name].replace("{s}", _STROKE.replace("{c}", colour))
    return f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">{body}</svg>'.encode()


@lru_cache(maxsize=128)
def _pixmap(name: str, colour: str, side: int, ratio: float) -> QPixmap:
    renderer = QSvgRenderer(QByteArray(_svg(name, colour)))
    pixmap = QPixmap(QSize(round(side * ratio), round(side * ratio)))
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, pixmap.width(), pixmap.height()))
    painter.end()
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


def icon(name: str, side: int = 48, colour: QColor | None = None) -> QIcon:
    """The named icon, drawn in `colour` (default: the palette's button text)."""
    if name not in _SVG:
        return QIcon()
    app = QApplication.instance()
    if colour is None:
        colour = QApplication.palette().buttonText().color() if app is not None else QColor("black")
    ratio = app.devicePixelRatio() if isinstance(app, QApplication) else 1.0
    return QIcon(_pixmap(name, colour.name(), side, ratio))


def has_icon(name: str) -> bool:
    return name in _SVG
