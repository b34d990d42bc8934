"""Look and feel for the field: touch sizes from the screen's DPI, the normal and sunlight themes, icons.

Contrast is WCAG 2.x (relative luminance, https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio):
every text/background pair a theme declares in `TEXT_PAIRS` is checked by the tests
to be at least 7:1 (level AAA), in the sunlight theme and in the normal one.
"""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass
from functools import lru_cache
from string import Template

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QIcon,
    QPainter,
    QPalette,
    QPixmap,
    QScreen,
)
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication, QWidget

import ui.pyside_fix  # noqa: F401  (PySide6 6.12.0 drops references to None/True: see there)
from app.paths import resources_dir

log = logging.getLogger(__name__)

MIN_TOUCH_PX = 48
TOUCH_MM = 9.0
THEMES = ("normal", "sunlight")

# Where a state's badge takes its colours from (one badge group per meaning on the tablet).
STATE_BADGE = {
    "draft": "draft",
    "submitted": "waiting",
    "received": "synced",
    "filed": "synced",
    "dispatched": "synced",
    "returned": "returned",
    "disposed": "task",
    "verified": "done",
    "closed": "done",
    "rejected": "final",
    "duplicate": "final",
    "reassigned": "final",  # not a state: a case whose field work went to another inspector (the list's badge)
}
BADGE_GROUPS = ("draft", "waiting", "synced", "returned", "task", "done", "final")

# Every (foreground, background) pair of roles that carries text; each must reach 7:1.
TEXT_PAIRS: tuple[tuple[str, str], ...] = (
    ("window_text", "window"),
    ("text", "base"),
    ("text", "alternate_base"),
    ("muted_text", "base"),
    ("muted_text", "alternate_base"),
    ("muted_text", "window"),
    ("placeholder_text", "base"),
    ("button_text", "button"),
    ("button_text", "button_pressed"),
    ("highlighted_text", "highlight"),
    ("primary_text", "primary"),
    ("tooltip_text", "tooltip_base"),
    ("link", "base"),
    ("warning_text", "warning_bg"),
    ("danger_text", "danger"),
    ("status_text", "status_bg"),
    ("chip_text", "base"),
    *((f"badge_{g}_text", f"badge_{g}_bg") for g in BADGE_GROUPS),
)


@dataclass(frozen=True)
class Theme:
    """A named set of colours and sizes; `colors` maps role names to '#rrggbb'."""

    name: str
    colors: dict[str, str]
    point_size: float
    border_px: int
    bold_buttons: bool

    def color(self, role: str) -> QColor:
        return QColor(self.colors[role])


_NORMAL = Theme(
    name="normal",
    point_size=13.0,
    border_px=1,
    bold_buttons=False,
    colors={
        "window": "#eef1f5",
        "window_text": "#12161c",
        "base": "#ffffff",
        "alternate_base": "#f4f6f9",
        "text": "#12161c",
        "muted_text": "#3b4350",
        "placeholder_text": "#474f5c",
        "button": "#dfe4eb",
        "button_pressed": "#c9d1dc",
        "button_text": "#12161c",
        "border": "#5d6675",
        "focus": "#0a4a85",
        "highlight": "#0a4a85",
        "highlighted_text": "#ffffff",
        "primary": "#0a4a85",
        "primary_text": "#ffffff",
        "tooltip_base": "#12161c",
        "tooltip_text": "#ffffff",
        "link": "#0a4a85",
        "warning_bg": "#ffe8a3",
        "warning_text": "#332400",
        "warning_border": "#8a6400",
        "danger": "#a11a1a",
        "danger_text": "#ffffff",
        "status_bg": "#12161c",
        "status_text": "#ffffff",
        "chip_text": "#12161c",
        "disabled_text": "#6b7380",
        "badge_draft_bg": "#e3e7ed",
        "badge_draft_text": "#1c222b",
        "badge_waiting_bg": "#ffe2a0",
        "badge_waiting_text": "#3a2900",
        "badge_synced_bg": "#d5e6fb",
        "badge_synced_text": "#082a57",
        "badge_returned_bg": "#ffd9cf",
        "badge_returned_text": "#5c1100",
        "badge_task_bg": "#e6dcff",
        "badge_task_text": "#2c1064",
        "badge_done_bg": "#d3f1dd",
        "badge_done_text": "#0a3a1c",
        "badge_final_bg": "#e4e4e4",
        "badge_final_text": "#262626",
    },
)

# Sunlight: pure black on white, thick borders, bold buttons, a slightly larger type.
_SUNLIGHT = Theme(
    name="sunlight",
    point_size=14.0,
    border_px=3,
    bold_buttons=True,
    colors={
        "window": "#ffffff",
        "window_text": "#000000",
        "base": "#ffffff",
        "alternate_base": "#f2f2f2",
        "text": "#000000",
        "muted_text": "#1a1a1a",
        "placeholder_text": "#2e2e2e",
        "button": "#ffffff",
        "button_pressed": "#d9d9d9",
        "button_text": "#000000",
        "border": "#000000",
        "focus": "#0000c8",
        "highlight": "#000000",
        "highlighted_text": "#ffffff",
        "primary": "#000000",
        "primary_text": "#ffffff",
        "tooltip_base": "#000000",
        "tooltip_text": "#ffffff",
        "link": "#00007a",
        "warning_bg": "#ffe600",
        "warning_text": "#000000",
        "warning_border": "#000000",
        "danger": "#8c0000",
        "danger_text": "#ffffff",
        "status_bg": "#000000",
        "status_text": "#ffffff",
        "chip_text": "#000000",
        "disabled_text": "#595959",
        "badge_draft_bg": "#ffffff",
        "badge_draft_text": "#000000",
        "badge_waiting_bg": "#ffe600",
        "badge_waiting_text": "#000000",
        "badge_synced_bg": "#cfe3ff",
        "badge_synced_text": "#000000",
        "badge_returned_bg": "#ffc9b8",
        "badge_returned_text": "#000000",
        "badge_task_bg": "#e2d4ff",
        "badge_task_text": "#000000",
        "badge_done_bg": "#c8f5d4",
        "badge_done_text": "#000000",
        "badge_final_bg": "#e0e0e0",
        "badge_final_text": "#000000",
    },
)

_THEMES = {t.name: t for t in (_NORMAL, _SUNLIGHT)}


def theme(name: str) -> Theme:
    return _THEMES.get(name, _NORMAL)


def palette_colors(name: str) -> dict[str, QColor]:
    """The colours of a theme by role name (window, text, button, button_text, base, highlight, …)."""
    return {role: QColor(value) for role, value in theme(name).colors.items()}


# ---------------------------------------------------------------- contrast (WCAG 2)


def _channel(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(color: QColor) -> float:
    r, g, b = color.redF(), color.greenF(), color.blueF()
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(fg: QColor, bg: QColor) -> float:
    """WCAG 2 contrast ratio, from 1 (none) to 21 (black on white)."""
    a, b = relative_luminance(fg), relative_luminance(bg)
    hi, lo = max(a, b), min(a, b)
    return (hi + 0.05) / (lo + 0.05)


def text_pairs(name: str) -> list[tuple[str, str, float]]:
    """Each text/background pair of a theme with its contrast ratio."""
    colors = palette_colors(name)
    return [(fg, bg, contrast_ratio(colors[fg], colors[bg])) for fg, bg in TEXT_PAIRS]


def badge_colors(status: str, name: str) -> tuple[QColor, QColor]:
    """(background, text) of a state's badge in a theme."""
    group = STATE_BADGE.get(status, "final")
    t = theme(name)
    return t.color(f"badge_{group}_bg"), t.color(f"badge_{group}_text")


# ---------------------------------------------------------------- touch sizes


def _screen_of(widget_or_screen: QWidget | QScreen | None) -> QScreen | None:
    if isinstance(widget_or_screen, QScreen):
        return widget_or_screen
    if isinstance(widget_or_screen, QWidget):
        screen = widget_or_screen.screen()
        if screen is not None:
            return screen
    return QGuiApplication.primaryScreen()


def touch_px_for(logical_dpi: float, physical_dpi: float = 0.0, device_pixel_ratio: float = 1.0) -> int:
    """9 mm in device-independent pixels, never under 48 (see touch_px)."""
    px = TOUCH_MM / 25.4 * logical_dpi
    if 72.0 <= physical_dpi <= 600.0:
        px = max(px, TOUCH_MM / 25.4 * physical_dpi / (device_pixel_ratio or 1.0))
    return max(MIN_TOUCH_PX, round(px))


def touch_px(widget_or_screen: QWidget | QScreen | None = None) -> int:
    """The least side of a touch target, in device-independent pixels: 9 mm, and never under 48.

    9 mm from the screen's logical DPI (what Qt lays out in). Where the screen also reports a
    plausible physical DPI, the larger of the two wins, so a dense panel gets bigger targets.
    """
    screen = _screen_of(widget_or_screen)
    if screen is None:
        return MIN_TOUCH_PX
    return touch_px_for(screen.logicalDotsPerInch(), screen.physicalDotsPerInch(), screen.devicePixelRatio())


# ---------------------------------------------------------------- fonts


CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "PingFang SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
)


@lru_cache(maxsize=1)
def ui_font_family() -> str | None:
    """A font that has Simplified Chinese, where one is installed (Linux has no default)."""
    families = set(QFontDatabase.families())
    for family in CJK_FAMILIES:
        if family in families:
            return family
    if sys.platform.startswith("linux"):
        log.warning("no CJK font found; install fonts-noto-cjk for Chinese text")
    return None


def ui_font(name: str = "normal") -> QFont:
    font = QFont(QApplication.font())
    family = ui_font_family()
    if family:
        font.setFamilies([family])
    font.setPointSizeF(theme(name).point_size)
    return font


# ---------------------------------------------------------------- applying a theme


def _qpalette(t: Theme) -> QPalette:
    c = t.color
    pal = QPalette()
    roles = {
        QPalette.ColorRole.Window: "window",
        QPalette.ColorRole.WindowText: "window_text",
        QPalette.ColorRole.Base: "base",
        QPalette.ColorRole.AlternateBase: "alternate_base",
        QPalette.ColorRole.Text: "text",
        QPalette.ColorRole.Button: "button",
        QPalette.ColorRole.ButtonText: "button_text",
        QPalette.ColorRole.Highlight: "highlight",
        QPalette.ColorRole.HighlightedText: "highlighted_text",
        QPalette.ColorRole.ToolTipBase: "tooltip_base",
        QPalette.ColorRole.ToolTipText: "tooltip_text",
        QPalette.ColorRole.PlaceholderText: "placeholder_text",
        QPalette.ColorRole.Link: "link",
        QPalette.ColorRole.BrightText: "danger_text",
    }
    for role, key in roles.items():
        pal.setColor(role, c(key))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        pal.setColor(QPalette.ColorGroup.Disabled, role, c("disabled_text"))
    return pal


def stylesheet(name: str, touch: int) -> str:
    """The application style sheet of a theme: resources/styles/fieldcase.qss with its values filled in."""
    t = theme(name)
    template = Template((resources_dir() / "styles" / "fieldcase.qss").read_text(encoding="utf-8"))
    values = dict(t.colors)
    values.update(
        touch=str(touch),
        half_touch=str(touch // 2),
        pad=str(max(12, touch // 3)),
        border=str(t.border_px),
        focus_border=str(t.border_px + 2),
        radius=str(max(6, touch // 6)),
        chip_radius=str(touch // 2),
        indicator=str(max(28, touch * 2 // 3)),
        scrollbar=str(max(16, touch // 3)),
        button_weight="bold" if t.bold_buttons else "normal",
        heading_pt=f"{t.point_size * 1.45:.0f}",
        subheading_pt=f"{t.point_size * 1.15:.0f}",
    )
    return template.substitute(values)


def apply_theme(app: QApplication, name: str) -> None:
    """Fusion style, the theme's palette, its large CJK-capable font and the touch-sized style sheet."""
    if name not in _THEMES:
        log.warning("unknown theme %r; using normal", name)
        name = "normal"
    if not app.property("fieldcase_fusion"):  # once: a style sheet hides the base style's name
        app.setStyle("Fusion")
        app.setProperty("fieldcase_fusion", True)
    app.setPalette(_qpalette(theme(name)))
    app.setFont(ui_font(name))
    app.setStyleSheet(stylesheet(name, touch_px()))
    app.setProperty("fieldcase_theme", name)
    _pixmap_cache.clear()


def current_theme_name() -> str:
    app = QApplication.instance()
    value = app.property("fieldcase_theme") if app is not None else None
    return value if isinstance(value, str) and value in _THEMES else "normal"


# ---------------------------------------------------------------- icons

_pixmap_cache: dict[tuple[str, int, str, float], QPixmap] = {}


@lru_cache(maxsize=64)
def _svg_text(name: str) -> str:
    return (resources_dir() / "icons" / f"{name}.svg").read_text(encoding="utf-8")


def icon_pixmap(name: str, size: int, color: QColor | str | None = None, dpr: float = 1.0) -> QPixmap:
    """One of resources/icons/*.svg drawn at `size` px in `color` (its 'currentColor')."""
    col = QColor(color) if color is not None else palette_colors(current_theme_name())["text"]
    key = (name, size, col.name(), dpr)
    cached = _pixmap_cache.get(key)
    if cached is not None:
        return cached
    svg = _svg_text(name).replace("currentColor", col.name())
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    side = max(1, round(size * dpr))
    pixmap = QPixmap(side, side)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, side, side))
    painter.end()
    pixmap.setDevicePixelRatio(dpr)
    _pixmap_cache[key] = pixmap
    return pixmap


def icon(name: str, color: QColor | str | None = None, size: int = 48) -> QIcon:
    """A QIcon of one of the shipped SVG icons, in a theme colour (text colour by default)."""
    screen = QGuiApplication.primaryScreen()
    dpr = screen.devicePixelRatio() if screen is not None else 1.0
    return QIcon(icon_pixmap(name, size, color, dpr))
