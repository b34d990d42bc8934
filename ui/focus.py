"""Keeping the focused field in view when an on-screen keyboard takes part of the screen.

A form lives in a QScrollArea; `ensure_focus_visible(area)` scrolls it so the widget with
keyboard focus is visible whenever focus moves inside it and whenever the area is resized
(the window shrinking under an on-screen keyboard is a resize).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QTimer
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget

import ui.pyside_fix  # noqa: F401  (PySide6 6.12.0 drops references to None/True: see there)

MARGIN_PX = 24


class FocusKeeper(QObject):
    """Child of a scroll area: follows application focus changes and the area's resizes."""

    def __init__(self, area: QScrollArea) -> None:
        super().__init__(area)
        self._area = area
        area.installEventFilter(self)
        area.viewport().installEventFilter(self)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self.on_app_focus_changed)

    def _focused_inside(self) -> QWidget | None:
        focused = QApplication.focusWidget()
        content = self._area.widget()
        if focused is None or content is None:
            return None
        return focused if content.isAncestorOf(focused) else None

    def reveal(self) -> None:
        """Scroll so the whole focused widget (if it is inside the area) is visible, with a margin.

        QScrollArea.ensureWidgetVisible only keeps a text field's cursor in view, which can
        leave the field half under the keyboard; a field taller than the view (a long
        text box) is left to it, so that at least the cursor shows.
        """
        widget = self._focused_inside()
        content = self._area.widget()
        if widget is None or content is None or not widget.isVisible():
            return
        rect = QRect(widget.mapTo(content, QPoint(0, 0)), widget.size())
        view = self._area.viewport().height()
        if rect.height() + 2 * MARGIN_PX > view:
            self._area.ensureWidgetVisible(widget, MARGIN_PX, MARGIN_PX)
            return
        bar = self._area.verticalScrollBar()
        top, bottom = bar.value(), bar.value() + view
        if rect.bottom() + MARGIN_PX >= bottom:
            bar.setValue(rect.bottom() + MARGIN_PX - view + 1)
        elif rect.top() - MARGIN_PX < top:
            bar.setValue(rect.top() - MARGIN_PX)
        self._area.ensureWidgetVisible(widget, MARGIN_PX, 0)  # horizontally, if need be

    def on_app_focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        if new is not None and self._focused_inside() is new:
            self.reveal()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            # After the layout has settled at the new size.
            QTimer.singleShot(0, self, self.reveal)
        return False


def ensure_focus_visible(scroll_area: QScrollArea) -> FocusKeeper:
    """Keep the focused field of `scroll_area`'s form visible; returns the keeper (owned by the area)."""
    existing = scroll_area.findChild(FocusKeeper)
    if isinstance(existing, FocusKeeper):
        return existing
    return FocusKeeper(scroll_area)


def scroll_form(content: QWidget, parent: QWidget | None = None) -> QScrollArea:
    """Wrap a form in a resizable, frameless scroll area that keeps the focused field visible."""
    area = QScrollArea(parent)
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setWidget(content)
    ensure_focus_visible(area)
    return area
