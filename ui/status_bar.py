"""The bottom bar: who is working, connectivity, cases waiting to sync, the last sync, and Sync now.

The sync controller feeds `set_sync_state`; until it does, connectivity and the last
sync honestly read "—" (unknown) and the waiting count comes from the local list.
While a sync runs, the Sync now button gives way to its progress (cases n/m, MB
sent of the total) and a Cancel button.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QEvent, QLocale, QSize, Qt, Signal
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QProgressBar, QPushButton, QSizePolicy, QWidget

import ui.pyside_fix  # noqa: F401  (PySide6 6.12.0 drops references to None/True: see there)
from ui.theme import current_theme_name, icon, icon_pixmap, palette_colors, touch_px

MB = 1024 * 1024


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
    """Inspector, connectivity, waiting count and last sync, in large type at the bottom; Sync now."""

    sync_requested = Signal()
    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusBar")
        self._inspector = ""
        self._online: bool | None = None
        self._waiting: int | None = None
        self._last_sync: str | None = None
        self._free_mb: int | None = None
        self._kind: str | None = None
        self._syncing = False
        self._sync_available = False
        self._progress: dict[str, tuple[int, int]] = {}
        self._phase = ""
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 2, 8, 2)
        layout.setSpacing(4)
        self._icons: dict[str, QLabel] = {}
        self.inspector_label = self._item(layout, "user", "inspectorLabel")
        self.connectivity_label = self._item(layout, "offline", "connectivityLabel")
        self.waiting_label = self._item(layout, "sync_pending", "waitingLabel")
        layout.addStretch(1)
        self.last_sync_label = self._item(layout, "synced", "lastSyncLabel")

        # While a sync runs: what it has done so far, a bar, and Cancel (in place of the last sync).
        self.progress_box = QWidget(self)
        self.progress_box.setObjectName("syncProgress")
        progress = QHBoxLayout(self.progress_box)
        progress.setContentsMargins(0, 0, 0, 0)
        progress.setSpacing(8)
        self.progress_label = ElidedLabel(self.progress_box)
        self.progress_label.setObjectName("syncProgressLabel")
        self.progress_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.progress_bar = QProgressBar(self.progress_box)
        self.progress_bar.setObjectName("syncProgressBar")
        self.progress_bar.setTextVisible(False)
        self.progress_bar.setMinimumWidth(64)
        self.progress_bar.setMaximumWidth(160)
        self.progress_bar.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.progress_bar.setRange(0, 1)
        self.progress_bar.setValue(0)
        self.cancel_button = self._button("syncCancelButton", None)
        self.cancel_button.clicked.connect(self.on_cancel_button_clicked)
        progress.addWidget(self.progress_label, 1)
        progress.addWidget(self.progress_bar)
        progress.addWidget(self.cancel_button)
        self.progress_box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.progress_box.hide()
        layout.addWidget(self.progress_box)

        self.sync_button = self._button("syncNowButton", "sync_pending")
        self.sync_button.clicked.connect(self.sync_requested)
        self.sync_button.hide()
        layout.addWidget(self.sync_button)
        self.retranslate_ui()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        # At least a touch target high, and as high as its buttons with their borders: a fixed
        # minimum would let a full window squeeze the bar and cut the buttons' lower edge off.
        hint = super().minimumSizeHint()
        return QSize(hint.width(), max(hint.height(), touch_px(self)))

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        hint = super().sizeHint()
        return QSize(hint.width(), max(hint.height(), self.minimumSizeHint().height()))

    def _button(self, name: str, icon_name: str | None) -> QPushButton:
        button = QPushButton(self)
        button.setObjectName(name)
        button.setAutoDefault(False)
        side = touch_px(self)
        button.setMinimumSize(side, side)
        button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        if icon_name is not None:
            button.setProperty("icon_name", icon_name)
            button.setIconSize(QSize(24, 24))
        return button

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
        colours = palette_colors(current_theme_name())
        colour = colours["status_text"]
        # The bar in the bar's own colours: a highlight-coloured chunk could vanish into a dark bar.
        self.progress_bar.setStyleSheet(
            f"QProgressBar {{ background: {colours['status_bg'].name()}; border: 2px solid {colour.name()}; "
            f"border-radius: 6px; }} QProgressBar::chunk {{ background: {colour.name()}; }}"
        )
        names = {
            "inspectorLabel": "user",
            "connectivityLabel": "online" if self._online else "offline",
            "waitingLabel": "sync_pending",
            "lastSyncLabel": "sync_failed" if self._kind not in (None, "", "cancelled", "network") else "synced",
        }
        for name, picture in self._icons.items():
            picture.setPixmap(icon_pixmap(names[name], 24, colour, self.devicePixelRatioF()))
        self.sync_button.setIcon(icon("sync_pending", palette_colors(current_theme_name())["button_text"]))

    # ------------------------------------------------------------ what the rest of the app feeds

    def set_inspector(self, name: str) -> None:
        self._inspector = name
        self.retranslate_ui()

    def set_waiting(self, waiting: int | None) -> None:
        """Cases waiting to sync (from the local list while no sync engine reports)."""
        self._waiting = waiting
        self.retranslate_ui()

    def set_sync_state(
        self, online: bool | None, waiting: int | None, last_sync: str | None, kind: str | None = None
    ) -> None:
        """What the sync engine knows: reachable or not (None: unknown), queue length, last success,
        and the kind of the last failure (None after a clean sync)."""
        self._online = online
        self._waiting = waiting
        self._last_sync = last_sync
        self._kind = kind
        self.retranslate_ui()

    def set_sync_available(self, available: bool) -> None:
        """Show Sync now (an enrolled tablet with an inspector logged in)."""
        self._sync_available = available
        self.sync_button.setVisible(available and not self._syncing)

    @property
    def syncing(self) -> bool:
        return self._syncing

    def on_sync_started(self) -> None:
        self._syncing = True
        self._progress = {}
        self._phase = ""
        self.progress_bar.setRange(0, 1)
        self.progress_bar.setValue(0)
        self.cancel_button.setEnabled(True)
        self.sync_button.hide()
        # The progress counts what is being sent; the queue length and last sync wait until it ends.
        for name in ("lastSyncLabel", "waitingLabel"):
            self._icons[name].hide()
        self.last_sync_label.hide()
        self.waiting_label.hide()
        self.progress_box.show()
        self.retranslate_ui()

    def on_sync_progressed(self, phase: str, done: int, total: int) -> None:
        """Photos count bytes, cases count cases; the bar follows the phase under way."""
        self._progress[phase] = (done, total)
        self._phase = phase
        if phase == "photos":
            # QProgressBar holds an int: kilobytes keep gigabytes in range.
            self.progress_bar.setRange(0, max(1, total // 1024))
            self.progress_bar.setValue(min(done, total) // 1024)
        else:
            self.progress_bar.setRange(0, max(1, total))
            self.progress_bar.setValue(min(done, total))
        self.retranslate_ui()

    def on_sync_finished(self) -> None:
        self._syncing = False
        self.progress_box.hide()
        for name in ("lastSyncLabel", "waitingLabel"):
            self._icons[name].show()
        self.last_sync_label.show()
        self.waiting_label.show()
        self.sync_button.setVisible(self._sync_available)
        self.retranslate_ui()

    def on_cancel_button_clicked(self) -> None:
        self.cancel_button.setEnabled(False)
        self.retranslate_ui()
        self.cancel_requested.emit()

    # ------------------------------------------------------------ words

    def retranslate_ui(self) -> None:
        self.inspector_label.setText(self.tr("Inspector: %1").replace("%1", self._inspector or "—"))
        if self._online is None:
            connectivity = self.tr("Server: —")
        elif self._online:
            connectivity = self.tr("Online")
        else:
            connectivity = self.tr("Offline: will retry")
        self.connectivity_label.setText(connectivity)
        waiting = "—" if self._waiting is None else QLocale().toString(self._waiting)
        self.waiting_label.setText(self.tr("Waiting to sync: %1").replace("%1", waiting))
        self.last_sync_label.setText(self.tr("Last sync: %1").replace("%1", self._format(self._last_sync)))
        self.sync_button.setText(self.tr("Sync now"))
        self.sync_button.setAccessibleName(self.tr("Sync now"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setAccessibleName(self.tr("Cancel the sync"))
        self.progress_label.setText(self.progress_text() if self.cancel_button.isEnabled() else self.tr("Stopping…"))
        self._fit_progress_label()
        self._paint_icons()

    def progress_text(self) -> str:
        """What a running sync has done: MB of photos sent of the total, and cases n/m ("Syncing…" at first).

        The phase under way comes first, so a narrow (portrait) bar elides the finished one."""
        parts = self._progress_parts()
        return " · ".join(parts) if parts else self.tr("Syncing…")

    def _progress_parts(self) -> list[str]:
        locale = QLocale()
        parts: dict[str, str] = {}
        if "photos" in self._progress:
            done, total = self._progress["photos"]
            parts["photos"] = (
                self.tr("Photos %1/%2 MB")
                .replace("%1", locale.toString(done / MB, "f", 1))
                .replace("%2", locale.toString(total / MB, "f", 1))
            )
        if "cases" in self._progress:
            done, total = self._progress["cases"]
            parts["cases"] = (
                self.tr("Cases %1/%2").replace("%1", locale.toString(done)).replace("%2", locale.toString(total))
            )
        current = parts.pop(self._phase, None)
        return ([current] if current else []) + list(parts.values())

    def _fit_progress_label(self) -> None:
        # The phase under way is never elided: the other labels give way first.
        parts = self._progress_parts()
        first = parts[0] if parts else self.progress_label.text()
        self.progress_label.setMinimumWidth(self.progress_label.fontMetrics().horizontalAdvance(first + " ·…") + 8)

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
