"""The bottom bar: who is working, connectivity, cases waiting to sync and the last sync.

The sync engine feeds `set_sync_state`; until it does, connectivity and the last
sync honestly read "—" (unknown) and the waiting count comes from the local list.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QEvent, QLocale, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

import ui.pyside_fix  # noqa: F401  (PySide6 6.12.0 drops references to None/True: see there)
from ui.theme import current_theme_name, icon_pixmap, palette_colors, touch_px


class ElidedLabel(QLabel):
    """A one-line label that gives way in a narrow window: its text is elided, not the window widened."""

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        hint = super().minimumSizeHint()
        return QSize(self.fontMetrics().horizontalAdvance("…") * 3, hint.height())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        rect = self.contentsRect()
        text = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, rect.width())
        painter = QPainter(self)
        self.style().drawItemText(
            painter, rect, int(self.alignment()), self.palette(), self.isEnabled(), text, self.foregroundRole()
        )
        painter.end()


class StatusBar(QFrame):
    """Inspector, connectivity, waiting count and last sync, in large type at the bottom."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusBar")
        self._inspector = ""
        self._online: bool | None = None
        self._waiting: int | None = None
        self._last_sync: str | None = None
        self._free_mb: int | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 0, 12, 0)
        layout.setSpacing(4)
        self.setMinimumHeight(touch_px(self))
        self._icons: dict[str, QLabel] = {}
        self.inspector_label = self._item(layout, "user", "inspectorLabel")
        self.connectivity_label = self._item(layout, "offline", "connectivityLabel")
        self.waiting_label = self._item(layout, "sync_pending", "waitingLabel")
        layout.addStretch(1)
        self.last_sync_label = self._item(layout, "synced", "lastSyncLabel")
        self.retranslate_ui()

    def _item(self, layout: QHBoxLayout, icon_name: str, name: str) -> QLabel:
        picture = QLabel(self)
        picture.setObjectName("statusIcon")
        picture.setFixedSize(QSize(28, 28))
        picture.setProperty("icon_name", icon_name)
        label = ElidedLabel(self)
        label.setObjectName(name)
        label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        layout.addWidget(picture)
        layout.addWidget(label)
        layout.addSpacing(16)
        self._icons[name] = picture
        return label

    def _paint_icons(self) -> None:
        colour = palette_colors(current_theme_name())["status_text"]
        names = {
            "inspectorLabel": "user",
            "connectivityLabel": "online" if self._online else "offline",
            "waitingLabel": "sync_pending",
            "lastSyncLabel": "synced",
        }
        for name, picture in self._icons.items():
            picture.setPixmap(icon_pixmap(names[name], 24, colour, self.devicePixelRatioF()))

    # ------------------------------------------------------------ what the rest of the app feeds

    def set_inspector(self, name: str) -> None:
        self._inspector = name
        self.retranslate_ui()

    def set_waiting(self, waiting: int | None) -> None:
        """Cases waiting to sync (from the local list while no sync engine reports)."""
        self._waiting = waiting
        self.retranslate_ui()

    def set_sync_state(self, online: bool | None, waiting: int | None, last_sync: str | None) -> None:
        """What the sync engine knows: reachable or not (None: unknown), queue length, last success."""
        self._online = online
        self._waiting = waiting
        self._last_sync = last_sync
        self.retranslate_ui()

    # ------------------------------------------------------------ words

    def retranslate_ui(self) -> None:
        self.inspector_label.setText(self.tr("Inspector: %1").replace("%1", self._inspector or "—"))
        if self._online is None:
            connectivity = self.tr("Server: —")
        elif self._online:
            connectivity = self.tr("Online")
        else:
            connectivity = self.tr("Offline")
        self.connectivity_label.setText(connectivity)
        waiting = "—" if self._waiting is None else QLocale().toString(self._waiting)
        self.waiting_label.setText(self.tr("Waiting to sync: %1").replace("%1", waiting))
        self.last_sync_label.setText(self.tr("Last sync: %1").replace("%1", self._format(self._last_sync)))
        self._paint_icons()

    @staticmethod
    def _format(iso: str | None) -> str:
        if not iso:
            return "—"
        try:
            when = datetime.fromisoformat(iso)
        except ValueError:
            return iso
        if when.tzinfo is not None:
            when = when.astimezone()
        return when.strftime("%Y-%m-%d %H:%M")

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        elif event.type() in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange):
            self._paint_icons()
        super().changeEvent(event)
