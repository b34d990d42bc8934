"""The home page: the case list with its state chips, search box, New case button and empty states."""

from __future__ import annotations

import logging
from datetime import datetime

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPen, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QLineEdit,
    QListView,
    QPushButton,
    QScroller,
    QSizePolicy,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetItem,
)

import ui.pyside_fix  # noqa: F401  (PySide6 6.12.0 drops references to None/True: see there)
from app.queries import CaseRow
from ui.models.case_list import CHIPS, CaseListModel, CaseRowRole, chip_filter
from ui.session import Session
from ui.theme import badge_colors, current_theme_name, icon, icon_pixmap, palette_colors, touch_px

log = logging.getLogger(__name__)

SEARCH_DEBOUNCE_MS = 250
RARE_CHIPS = frozenset({"reassigned"})


# ------------------------------------------------------------ words


def chip_label(code: str) -> str:
    return {
        "all": QCoreApplication.translate("CaseList", "All"),
        "drafts": QCoreApplication.translate("CaseList", "Drafts"),
        "waiting": QCoreApplication.translate("CaseList", "Waiting to sync"),
        "synced": QCoreApplication.translate("CaseList", "Synced"),
        "returned": QCoreApplication.translate("CaseList", "Returned for evidence"),
        "tasks": QCoreApplication.translate("CaseList", "Verification tasks"),
        "closed": QCoreApplication.translate("CaseList", "Closed"),
        "reassigned": QCoreApplication.translate("CaseList", "Reassigned to others"),
    }.get(code, code)


def state_label(status: str) -> str:
    """A state as the short word of a badge."""
    return {
        "draft": QCoreApplication.translate("CaseList", "Draft"),
        "submitted": QCoreApplication.translate("CaseList", "Submitted"),
        "received": QCoreApplication.translate("CaseList", "Received"),
        "returned": QCoreApplication.translate("CaseList", "Returned"),
        "rejected": QCoreApplication.translate("CaseList", "Rejected"),
        "duplicate": QCoreApplication.translate("CaseList", "Duplicate"),
        "filed": QCoreApplication.translate("CaseList", "Filed"),
        "dispatched": QCoreApplication.translate("CaseList", "Dispatched"),
        "disposed": QCoreApplication.translate("CaseList", "To verify"),
        "verified": QCoreApplication.translate("CaseList", "Verified"),
        "closed": QCoreApplication.translate("CaseList", "Closed"),
    }.get(status, status)


def sync_label(sync: str) -> str:
    return {
        "local": QCoreApplication.translate("CaseList", "On tablet"),
        "pending": QCoreApplication.translate("CaseList", "Waiting to sync"),
        "syncing": QCoreApplication.translate("CaseList", "Syncing"),
        "synced": QCoreApplication.translate("CaseList", "Synced"),
        "failed": QCoreApplication.translate("CaseList", "Sync failed"),
    }.get(sync, sync)


SYNC_ICONS = {
    "local": "local",
    "pending": "sync_pending",
    "syncing": "sync_pending",
    "synced": "synced",
    "failed": "sync_failed",
}


def format_time(iso: str, now: datetime | None = None) -> str:
    """A case's time for the list: today/yesterday with the hour, the date otherwise."""
    try:
        when = datetime.fromisoformat(iso)
    except (TypeError, ValueError):
        return iso or ""
    if when.tzinfo is not None:
        when = when.astimezone()
    now = now or datetime.now(when.tzinfo)
    clock = when.strftime("%H:%M")
    days = (now.date() - when.date()).days
    if days == 0:
        return QCoreApplication.translate("CaseList", "Today %1").replace("%1", clock)
    if days == 1:
        return QCoreApplication.translate("CaseList", "Yesterday %1").replace("%1", clock)
    if when.year == now.year:
        return when.strftime("%m-%d ") + clock
    return when.strftime("%Y-%m-%d")


# ------------------------------------------------------------ a wrapping layout for the chips


class FlowLayout(QLayout):
    """Lays its items left to right and wraps them onto new lines (Qt's flow layout example)."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 10) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 (Qt override)
        self._items.append(item)

    def add_widget(self, widget: QWidget) -> None:
        self.addChildWidget(widget)
        self.addItem(QWidgetItem(widget))

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 (Qt override)
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 (Qt override)
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 (Qt override)
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt override)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt override)
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 (Qt override)
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return self.minimumSize()

    def minimumSize(self) -> QSize:  # noqa: N802 (Qt override)
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        x, y, line = area.x(), area.y(), 0
        for item in self._items:
            if item.widget() is not None and item.widget().isHidden():
                continue
            hint = item.sizeHint()
            if x + hint.width() > area.right() + 1 and line > 0:
                x = area.x()
                y += line + self._spacing
                line = 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._spacing
            line = max(line, hint.height())
        return y + line - rect.y() + m.bottom()


# ------------------------------------------------------------ painting a row


class CaseDelegate(QStyledItemDelegate):
    """Paints a case row: type icon, subtype and code, address, time, photos, state badge and sync."""

    PAD = 12

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._theme = ""
        self._colors: dict[str, QColor] = {}

    def colors(self) -> dict[str, QColor]:
        name = current_theme_name()
        if name != self._theme:
            self._theme = name
            self._colors = palette_colors(name)
        return self._colors

    def row_height(self, font: QFont, widget: QWidget | None = None) -> int:
        line = QFontMetrics(font).height()
        return max(touch_px(widget), 2 * line + 3 * self.PAD)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:  # noqa: N802
        return QSize(320, self.row_height(option.font, option.widget))

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        colors = self.colors()
        rect: QRect = option.rect
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(rect, colors["highlight"] if selected else colors["base"])
        painter.setPen(QPen(colors["button_pressed"], 1))
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        row = index.data(CaseRowRole)
        if isinstance(row, CaseRow):
            self._paint_row(painter, option, rect, row, colors, selected, index)
        painter.restore()

    def _paint_row(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        rect: QRect,
        row: CaseRow,
        colors: dict[str, QColor],
        selected: bool,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        pad = self.PAD
        fg = colors["highlighted_text"] if selected else colors["text"]
        muted = colors["highlighted_text"] if selected else colors["muted_text"]
        font = QFont(option.font)
        bold = QFont(font)
        bold.setBold(True)
        small = QFont(font)
        small.setPointSizeF(max(9.0, font.pointSizeF() * 0.9))
        fm, fm_bold, fm_small = QFontMetrics(font), QFontMetrics(bold), QFontMetrics(small)
        line = fm.height()
        dpr = painter.device().devicePixelRatioF() if painter.device() else 1.0

        if row.hazard == "urgent":
            painter.fillRect(QRect(rect.left(), rect.top(), 6, rect.height() - 1), colors["danger"])

        side = min(44, rect.height() - 2 * pad)
        icon_rect = QRect(rect.left() + pad + 4, rect.center().y() - side // 2, side, side)
        painter.drawPixmap(icon_rect, icon_pixmap(row.type, side, fg, dpr))

        left = icon_rect.right() + pad + 4
        right = rect.right() - pad
        top1 = rect.top() + (rect.height() - 2 * line - pad // 2) // 2
        top2 = top1 + line + pad // 2

        # Line 1, right: sync state and time.
        when = format_time(row.created_at)
        when_w = fm.horizontalAdvance(when)
        painter.setFont(font)
        painter.setPen(muted)
        painter.drawText(QRect(right - when_w, top1, when_w, line), Qt.AlignmentFlag.AlignVCenter, when)
        sync_text = sync_label(row.sync)
        sync_w = fm_small.horizontalAdvance(sync_text)
        icon_side = min(line, 24)
        sync_right = right - when_w - pad * 2
        sync_left = sync_right - sync_w - icon_side - 6
        sync_colour = colors["danger"] if row.sync == "failed" and not selected else muted
        painter.drawPixmap(
            QRect(sync_left, top1 + (line - icon_side) // 2, icon_side, icon_side),
            icon_pixmap(SYNC_ICONS.get(row.sync, "local"), icon_side, sync_colour, dpr),
        )
        painter.setFont(small)
        painter.setPen(sync_colour)
        painter.drawText(QRect(sync_left + icon_side + 6, top1, sync_w, line), Qt.AlignmentFlag.AlignVCenter, sync_text)

        # Line 1, left: subtype and code.
        model = index.model()
        name = model.subtype_name(row) if isinstance(model, CaseListModel) else row.subtype
        space1 = max(0, sync_left - pad - left)
        name_w = min(fm_bold.horizontalAdvance(name), space1)
        painter.setFont(bold)
        painter.setPen(fg)
        painter.drawText(
            QRect(left, top1, name_w, line),
            Qt.AlignmentFlag.AlignVCenter,
            fm_bold.elidedText(name, Qt.TextElideMode.ElideRight, name_w),
        )
        code_left = left + name_w + pad
        code_w = max(0, sync_left - pad - code_left)
        painter.setFont(font)
        painter.setPen(muted)
        painter.drawText(
            QRect(code_left, top1, code_w, line),
            Qt.AlignmentFlag.AlignVCenter,
            fm.elidedText(row.code, Qt.TextElideMode.ElideRight, code_w),
        )

        # Line 2, right: state badge, photo count before it. A case reassigned to another inspector
        # is no work of this one's any more: the badge says who took it instead of its (frozen) state.
        if row.reassigned_to:
            badge_text = QCoreApplication.translate("CaseList", "Reassigned to %1").replace("%1", row.reassigned_to)
            bg, text = badge_colors("reassigned", current_theme_name())
        else:
            badge_text = state_label(row.status)
            bg, text = badge_colors(row.status, current_theme_name())
        badge_w = min(fm_small.horizontalAdvance(badge_text) + 2 * pad, max(0, (right - left) // 2))
        badge_h = min(line + 4, rect.height() // 2 - 2)
        badge = QRect(right - badge_w, top2 + (line - badge_h) // 2, badge_w, badge_h)
        painter.setPen(QPen(text, 1.5) if current_theme_name() == "sunlight" else Qt.PenStyle.NoPen)
        painter.setBrush(bg)
        painter.drawRoundedRect(badge, badge_h / 2, badge_h / 2)
        painter.setFont(small)
        painter.setPen(text)
        painter.drawText(
            badge,
            Qt.AlignmentFlag.AlignCenter,
            fm_small.elidedText(badge_text, Qt.TextElideMode.ElideRight, max(0, badge_w - pad)),
        )

        count = QLocale().toString(row.photo_count)
        count_w = fm.horizontalAdvance(count)
        count_right = badge.left() - pad
        painter.setFont(font)
        painter.setPen(muted)
        painter.drawText(QRect(count_right - count_w, top2, count_w, line), Qt.AlignmentFlag.AlignVCenter, count)
        cam_left = count_right - count_w - 6 - icon_side
        painter.drawPixmap(
            QRect(cam_left, top2 + (line - icon_side) // 2, icon_side, icon_side),
            icon_pixmap("camera", icon_side, muted, dpr),
        )

        # Line 2, left: the address, elided (addresses can be long).
        address = row.address or QCoreApplication.translate("CaseList", "(no address)")
        addr_w = max(0, cam_left - pad - left)
        painter.setPen(fg)
        painter.drawText(
            QRect(left, top2, addr_w, line),
            Qt.AlignmentFlag.AlignVCenter,
            fm.elidedText(address, Qt.TextElideMode.ElideRight, addr_w),
        )


# ------------------------------------------------------------ the list view


class CaseListView(QListView):
    """The list, with touch scrolling; announces its first painted page (for the start-up bench)."""

    first_painted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._painted = False
        self.setUniformItemSizes(True)  # one sizeHint for all rows: no measuring 100,000 rows
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setMouseTracking(False)
        QScroller.grabGesture(self.viewport(), QScroller.ScrollerGestureType.TouchGesture)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        super().paintEvent(event)
        model = self.model()
        if not self._painted and model is not None and model.rowCount() > 0:
            self._painted = True
            self.first_painted.emit()

    def top_key(self) -> int | None:
        model = self.model()
        index = self.indexAt(QPoint(4, 4))
        if isinstance(model, CaseListModel) and index.isValid():
            return model.key_at(index.row())
        return None


class EmptyState(QWidget):
    """What the list shows when there is nothing to show, and what to do about it."""

    action_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        self.picture = QLabel(self)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title = QLabel(self)
        self.title.setProperty("subheading", True)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setWordWrap(True)
        self.hint = QLabel(self)
        self.hint.setProperty("muted", True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        self.button = QPushButton(self)
        self.button.clicked.connect(self.action_clicked)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.button)
        row.addStretch(1)
        for w in (self.picture, self.title, self.hint):
            layout.addWidget(w)
        layout.addSpacing(12)
        layout.addLayout(row)
        layout.addStretch(2)

    def show_state(self, title: str, hint: str, action: str, *, primary: bool) -> None:
        self.picture.setPixmap(icon_pixmap("empty", 96, palette_colors(current_theme_name())["muted_text"]))
        self.title.setText(title)
        self.hint.setText(hint)
        self.button.setText(action)
        self.button.setProperty("primary", primary)
        self.button.style().unpolish(self.button)
        self.button.style().polish(self.button)


class CaseListPage(QWidget):
    """Home: search, state chips, the list, and the big New case button."""

    new_case_requested = Signal()
    case_opened = Signal(str)
    settings_requested = Signal()
    counts_changed = Signal(dict)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.model = CaseListModel(session.tablet.paths.database, session.tablet.catalogue, session.language, self)
        self._chip = "all"
        self._counts: dict[str, int] = {}
        self._anchor: int | None = None
        self._loaded_once = False
        self._stale = False

        touch = touch_px(self)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 12, 16, 0)
        outer.setSpacing(10)

        header = QHBoxLayout()
        header.setSpacing(12)
        self.title = QLabel(self)
        self.title.setProperty("heading", True)
        header.addWidget(self.title)
        self.search = QLineEdit(self)
        self.search.setObjectName("searchBox")
        self.search.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.search.setMinimumWidth(touch * 4)
        header.addWidget(self.search, 1)
        self.clear_search = QToolButton(self)
        self.clear_search.setObjectName("clearSearch")
        self.clear_search.setIcon(icon("clear"))
        self.clear_search.setIconSize(QSize(touch * 2 // 3, touch * 2 // 3))
        self.clear_search.setFixedSize(touch, touch)
        self.clear_search.setVisible(False)
        header.addWidget(self.clear_search)
        self.new_case = QPushButton(self)
        self.new_case.setObjectName("newCaseButton")
        self.new_case.setProperty("primary", True)
        self.new_case.setIcon(icon("plus", "#ffffff"))
        self.new_case.setIconSize(QSize(touch // 2, touch // 2))
        self.new_case.setMinimumHeight(round(touch * 1.25))
        header.addWidget(self.new_case)
        self.settings = QToolButton(self)
        self.settings.setObjectName("settingsButton")
        self.settings.setIcon(icon("settings"))
        self.settings.setIconSize(QSize(touch * 2 // 3, touch * 2 // 3))
        self.settings.setFixedSize(round(touch * 1.25), round(touch * 1.25))
        header.addWidget(self.settings)
        outer.addLayout(header)

        self.chips_box = QWidget(self)
        self.chips_box.setObjectName("chips")
        self.chips_layout = FlowLayout(self.chips_box)
        self.chip_group = QButtonGroup(self)
        self.chip_group.setExclusive(True)
        self.chips: dict[str, QPushButton] = {}
        for chip in CHIPS:
            button = QPushButton(self.chips_box)
            button.setObjectName(f"chip_{chip.code}")
            button.setProperty("chip", True)
            button.setCheckable(True)
            button.setChecked(chip.code == "all")
            button.setVisible(chip.code not in RARE_CHIPS)
            button.setMinimumHeight(touch)
            self.chip_group.addButton(button)
            self.chips_layout.add_widget(button)
            self.chips[chip.code] = button
            button.clicked.connect(lambda _checked=False, code=chip.code: self.on_chip_clicked(code))
        outer.addWidget(self.chips_box)

        self.stack = QStackedWidget(self)
        self.view = CaseListView(self.stack)
        self.view.setObjectName("caseList")
        self.view.setModel(self.model)
        self.view.setItemDelegate(CaseDelegate(self.view))
        self.empty = EmptyState(self.stack)
        self.empty.setObjectName("emptyState")
        self.loading = QLabel(self.stack)
        self.loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.loading.setProperty("muted", True)
        for w in (self.loading, self.view, self.empty):
            self.stack.addWidget(w)
        outer.addWidget(self.stack, 1)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.apply_filter)

        self.search.textChanged.connect(self.on_search_text_changed)
        self.search.returnPressed.connect(self.apply_filter)
        self.clear_search.clicked.connect(self.on_clear_search_clicked)
        self.new_case.clicked.connect(self.new_case_requested)
        self.settings.clicked.connect(self.settings_requested)
        self.empty.action_clicked.connect(self.on_empty_action_clicked)
        self.view.clicked.connect(self.on_view_clicked)
        self.view.activated.connect(self.on_view_clicked)
        self.model.modelAboutToBeReset.connect(self.on_model_about_to_be_reset)
        self.model.page_loaded.connect(self.on_model_page_loaded)
        self.model.loaded.connect(self.update_stack)
        self.model.rowsInserted.connect(self.update_stack)
        self.model.counts_changed.connect(self.on_model_counts_changed)
        self.model.load_failed.connect(self.on_model_load_failed)
        session.changed.connect(self.on_session_changed)
        session.language_changed.connect(self.model.set_language)

        self.retranslate_ui()
        self.stack.setCurrentWidget(self.loading)
        self.apply_filter()

    # ------------------------------------------------------------ words

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Cases"))
        self.search.setPlaceholderText(self.tr("Search code, address, description"))
        self.search.setAccessibleName(self.tr("Search"))
        self.clear_search.setToolTip(self.tr("Clear search"))
        self.clear_search.setAccessibleName(self.tr("Clear search"))
        self.new_case.setText(self.tr("New case"))
        self.settings.setToolTip(self.tr("Settings"))
        self.settings.setAccessibleName(self.tr("Settings"))
        self.loading.setText(self.tr("Loading cases…"))
        self._update_chip_texts()
        self.update_stack()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _update_chip_texts(self) -> None:
        locale = QLocale()
        for code, button in self.chips.items():
            label = chip_label(code)
            count = self._counts.get(code)
            button.setText(f"{label}  {locale.toString(count)}" if count is not None else label)
            button.setAccessibleName(label)
            if code in RARE_CHIPS:
                # Shown while it has cases (or is the one chosen): most tablets never need it.
                button.setVisible(bool(count) or code == self._chip)
        self.chips_layout.invalidate()

    # ------------------------------------------------------------ filtering

    @property
    def chip(self) -> str:
        return self._chip

    def on_chip_clicked(self, code: str) -> None:
        self.select_chip(code)

    def select_chip(self, code: str) -> None:
        self._chip = code
        self.chips[code].setChecked(True)
        self._update_chip_texts()
        self.apply_filter()

    def on_search_text_changed(self, text: str) -> None:
        self.clear_search.setVisible(bool(text))
        self._debounce.start()

    def on_clear_search_clicked(self) -> None:
        self.search.clear()
        self.apply_filter()
        self.search.setFocus()

    def apply_filter(self) -> None:
        """Query the list for the chip and search term now (the debounce calls this)."""
        self._debounce.stop()
        flt = chip_filter(self._chip, self.search.text())
        if flt != self.model.filter:
            self.model.set_filter(flt)

    def on_session_changed(self, case_id: str) -> None:
        # A draft autosaves every few seconds while the list is hidden: re-read on return.
        if self.isVisible():
            self.model.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.model.refresh()

    # ------------------------------------------------------------ model news

    def on_model_about_to_be_reset(self) -> None:
        # Remember the top row so a refresh that reorders does not jump the list.
        same_filter = self.model.filter is not None and self._loaded_once
        self._anchor = self.view.top_key() if same_filter else None

    def on_model_page_loaded(self) -> None:
        self._loaded_once = True
        if self._anchor is not None:
            row = self.model.row_of_key(self._anchor)
            if row >= 0:
                self.view.scrollTo(self.model.index(row), QAbstractItemView.ScrollHint.PositionAtTop)
        self._anchor = None
        self.update_stack()

    def on_model_counts_changed(self, counts: dict[str, int]) -> None:
        self._counts = counts
        self._update_chip_texts()
        self.counts_changed.emit(counts)

    def on_model_load_failed(self, exc: BaseException) -> None:
        from ui.errors import show_error

        show_error(self, exc)

    def update_stack(self) -> None:
        if not self._loaded_once:
            self.stack.setCurrentWidget(self.loading)
            return
        if self.model.rowCount() > 0:
            self.stack.setCurrentWidget(self.view)
            return
        flt = self.model.filter
        if flt is not None and (flt.search or self._chip != "all"):
            title = self.tr("No cases here")
            if flt.search:
                title = self.tr("No cases match “%1”").replace("%1", flt.search)
            self.empty.show_state(
                title,
                self.tr("Try other words, or another filter."),
                self.tr("Show all cases"),
                primary=False,
            )
        else:
            self.empty.show_state(
                self.tr("No cases yet"),
                self.tr("Tap New case to record the first one."),
                self.tr("New case"),
                primary=True,
            )
        self.stack.setCurrentWidget(self.empty)

    def on_empty_action_clicked(self) -> None:
        flt = self.model.filter
        if flt is not None and (flt.search or self._chip != "all"):
            self.search.blockSignals(True)
            self.search.clear()
            self.search.blockSignals(False)
            self.clear_search.setVisible(False)
            self.select_chip("all")
        else:
            self.new_case_requested.emit()

    def on_view_clicked(self, index: QModelIndex) -> None:
        case_id = self.model.case_id(index.row())
        if case_id:
            self.case_opened.emit(case_id)

    def shutdown(self) -> None:
        """Stop the list's queries and close its read connections."""
        self._debounce.stop()
        self.model.close()
