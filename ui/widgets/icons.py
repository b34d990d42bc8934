"""Icons of the capture pages: the shipped ones (resources/icons, through ui.theme) and a few line icons
the shipped set lacks (import sources, zoom, paging), drawn the same way from inline SVG."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from app.paths import resources_dir
from ui import theme

# The shipped icons' stroke, so these sit beside them unnoticed.
_STROKE = 'fill="none" stroke="{c}" stroke-width="4" stroke-linecap="round" stroke-linejoin="round"'

_SVG: dict[str, str] = {
    "file": '<path d="M14 6 H38 L50 18 V58 H14 Z M38 6 V18 H50" {s}/><path d="M22 34 H42 M22 44 H42" {s}/>',
    "folder": '<path d="M6 16 H26 L31 22 H58 V52 H6 Z" {s}/>',
    "card": '<path d="M16 6 H40 L50 16 V58 H16 Z" {s}/><path d="M24 12 V20 M31 12 V20 M38 12 V20" {s}/>',
    "location": '<path d="M32 58 C20 42 14 34 14 24 A18 18 0 0 1 50 24 C50 34 44 42 32 58 Z" {s}/>'
    '<circle cx="32" cy="24" r="6" {s}/>',
    "zoom_in": '<circle cx="27" cy="27" r="17" {s}/><path d="M40 40 L56 56 M19 27 H35 M27 19 V35" {s}/>',
    "zoom_out": '<circle cx="27" cy="27" r="17" {s}/><path d="M40 40 L56 56 M19 27 H35" {s}/>',
    "fit": '<path d="M8 22 V8 H22 M42 8 H56 V22 M56 42 V56 H42 M22 56 H8 V42" {s}/>',
    "previous": '<path d="M40 10 L18 32 L40 54" {s}/>',
    "next": '<path d="M24 10 L46 32 L24 54" {s}/>',
    "close": '<path d="M14 14 L50 50 M50 14 L14 50" {s}/>',
}


@lru_cache(maxsize=64)
def _shipped(name: str) -> bool:
    return (resources_dir() / "icons" / f"{name}.svg").is_file()


@lru_cache(maxsize=128)
def _pixmap(name: str, colour: str, side: int, ratio: float) -> QPixmap:
    body = _SVG[name].replace("{s}", _STROKE.replace("{c}", colour))
    svg = f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">{body}</svg>'.encode()
    renderer = QSvgRenderer(QByteArray(svg))
    pixmap = QPixmap(QSize(round(side * ratio), round(side * ratio)))
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, pixmap.width(), pixmap.height()))
    painter.end()
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


def icon(name: str, side: int = 48, colour: QColor | None = None) -> QIcon:
    """The named icon in `colour` (default: the theme's text colour); a null icon if there is none."""
    if _shipped(name):
        return theme.icon(name, colour, size=side)
    if name not in _SVG:
        return QIcon()
    colour = colour or theme.palette_colors(theme.current_theme_name())["text"]
    screen = QGuiApplication.primaryScreen()
    ratio = screen.devicePixelRatio() if screen is not None else 1.0
    return QIcon(_pixmap(name, colour.name(), side, ratio))
