"""Themes computed, not eyeballed: WCAG contrast of every text pair, touch sizes, fonts, icons."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from app.paths import resources_dir
from ui import theme
from ui.theme import (
    MIN_TOUCH_PX,
    TEXT_PAIRS,
    THEMES,
    apply_theme,
    badge_colors,
    contrast_ratio,
    icon_pixmap,
    palette_colors,
    text_pairs,
    touch_px,
    touch_px_for,
)


def test_contrast_ratio_known_values() -> None:
    assert contrast_ratio(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21.0)
    assert contrast_ratio(QColor("#ffffff"), QColor("#000000")) == pytest.approx(21.0)
    assert contrast_ratio(QColor("#123456"), QColor("#123456")) == pytest.approx(1.0)
    # WCAG's own example boundary: #767676 on white is the lightest grey passing 4.5:1.
    assert contrast_ratio(QColor("#767676"), QColor("#ffffff")) == pytest.approx(4.54, abs=0.01)
    assert contrast_ratio(QColor("#777777"), QColor("#ffffff")) < 4.5


@pytest.mark.parametrize("name", THEMES)
def test_every_text_pair_reaches_seven_to_one(name: str) -> None:
    pairs = text_pairs(name)
    assert len(pairs) == len(TEXT_PAIRS)
    weak = [(fg, bg, round(r, 2)) for fg, bg, r in pairs if r < 7.0]
    assert weak == []


def test_sunlight_is_at_least_as_strong_as_normal_for_body_text() -> None:
    sun, normal = palette_colors("sunlight"), palette_colors("normal")
    assert contrast_ratio(sun["text"], sun["base"]) == pytest.approx(21.0)
    assert contrast_ratio(sun["window_text"], sun["window"]) >= contrast_ratio(normal["window_text"], normal["window"])


@pytest.mark.parametrize("name", THEMES)
def test_every_state_badge_reads_at_seven_to_one(name: str) -> None:
    for state in (
        "draft",
        "submitted",
        "received",
        "returned",
        "rejected",
        "duplicate",
        "filed",
        "dispatched",
        "disposed",
        "verified",
        "closed",
    ):
        bg, fg = badge_colors(state, name)
        assert contrast_ratio(fg, bg) >= 7.0, (name, state)


@pytest.mark.parametrize("name", THEMES)
def test_applied_palette_keeps_the_contrast(qapp: QApplication, name: str) -> None:
    apply_theme(qapp, name)
    pal = qapp.palette()
    R = QPalette.ColorRole
    for fg, bg in (
        (R.WindowText, R.Window),
        (R.Text, R.Base),
        (R.ButtonText, R.Button),
        (R.HighlightedText, R.Highlight),
        (R.PlaceholderText, R.Base),
        (R.ToolTipText, R.ToolTipBase),
    ):
        assert contrast_ratio(pal.color(fg), pal.color(bg)) >= 7.0, (name, fg, bg)
    assert qapp.property("fieldcase_theme") == name


def test_touch_size_is_nine_millimetres_and_never_under_48() -> None:
    assert touch_px_for(96) == 48  # 9 mm at 96 dpi is 34 px: the floor wins
    assert touch_px_for(144) == 51
    assert touch_px_for(200) == 71
    # A dense panel reporting its real DPI: 300 dpi at 200 % scaling is 53 logical px.
    assert touch_px_for(96, 300, 2.0) == 53
    # An implausible physical DPI (some drivers report 0 or 10,000) is ignored.
    assert touch_px_for(96, 10_000, 1.0) == 48
    assert touch_px_for(96, 0, 1.0) == 48


def test_touch_px_of_the_screen(qapp: QApplication) -> None:
    screen = qapp.primaryScreen()
    expected = touch_px_for(screen.logicalDotsPerInch(), screen.physicalDotsPerInch(), screen.devicePixelRatio())
    assert touch_px() == expected >= MIN_TOUCH_PX
    assert touch_px(screen) == expected


@pytest.mark.parametrize("name", THEMES)
def test_large_type_and_a_chinese_font(qapp: QApplication, name: str) -> None:
    apply_theme(qapp, name)
    assert qapp.font().pointSizeF() >= 13
    if sys.platform.startswith("linux"):
        assert theme.ui_font_family() is not None, "install fonts-noto-cjk"
        assert theme.ui_font_family() in qapp.font().families()


def test_style_sheet_sizes_controls_to_the_touch_size() -> None:
    sheet = theme.stylesheet("normal", 60)
    assert "min-height: 60px" in sheet
    assert "$" not in sheet


def test_every_shipped_icon_draws(qapp: QApplication) -> None:
    names = sorted(p.stem for p in (resources_dir() / "icons").glob("*.svg"))
    assert {"manhole_cover", "illegal_construction", "camera", "synced", "sync_pending"} <= set(names)
    for name in names:
        image = icon_pixmap(name, 48, "#ff0000").toImage()
        painted = sum(1 for x in range(0, 48, 2) for y in range(0, 48, 2) if image.pixelColor(x, y).alpha() > 0)
        assert painted > 10, name
