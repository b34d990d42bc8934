"""Small pieces the capture and detail pages share: touch-sized buttons, sections, confirmations, formats."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QSize, Qt
from PySide6.QtGui import QFont, QIcon, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ui.theme import current_theme_name, palette_colors, touch_px

if TYPE_CHECKING:
    from ui.session import Session

__all__ = [
    "PageTasks",
    "ResponsiveColumns",
    "Section",
    "clear_layout",
    "confirm",
    "error_style",
    "format_age",
    "format_distance",
    "format_time",
    "guarded",
    "heading_label",
    "touch",
    "touch_button",
    "wrap_label",
]


def error_style() -> str:
    """Style for a message that says what is wrong: the theme's danger colour, bold."""
    return f"color: {palette_colors(current_theme_name())['danger'].name()}; font-weight: bold;"


def touch() -> int:
    """The smallest size of anything a gloved finger must hit, in logical pixels."""
    return int(touch_px())


def touch_button(
    text: str = "",
    parent: QWidget | None = None,
    *,
    primary: bool = False,
    icon: QIcon | None = None,
    object_name: str = "",
) -> QPushButton:
    """A push button at least touch() high and wide; a primary one is drawn in the theme's accent."""
    button = QPushButton(text, parent)
    size = touch()
    button.setMinimumSize(size, size)
    # Its height comes from the style sheet (touch px plus borders); it does not stretch.
    button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
    if primary:
        button.setProperty("primary", True)
    if icon is not None:
        button.setIcon(icon)
        side = max(24, size // 2)
        button.setIconSize(QSize(side, side))
    if object_name:
        button.setObjectName(object_name)
    button.setAutoDefault(False)
    return button


def heading_label(text: str = "", parent: QWidget | None = None, *, scale: float = 1.25) -> QLabel:
    label = QLabel(text, parent)
    font = QFont(label.font())
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    label.setFont(font)
    label.setWordWrap(True)
    return label


def wrap_label(text: str = "", parent: QWidget | None = None, *, selectable: bool = False) -> QLabel:
    """A label that wraps long Chinese text (which has no spaces) instead of widening the page."""
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    label.setMinimumWidth(1)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class Section(QFrame):
    """A titled block of a page: the title above, a vertical body below."""

    def __init__(self, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setProperty("section", True)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 12, 16, 16)
        outer.setSpacing(10)
        self.title = heading_label(title, self, scale=1.15)
        outer.addWidget(self.title)
        self.body = QVBoxLayout()
        self.body.setSpacing(10)
        outer.addLayout(self.body)

    def set_title(self, text: str) -> None:
        self.title.setText(text)
        self.title.setAccessibleName(text)


def clear_layout(layout: QLayout) -> None:
    """Remove and delete every item of a layout (nested layouts too)."""
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget()
        if widget is not None:
            widget.hide()
            widget.setParent(None)
            widget.deleteLater()
        elif item.layout() is not None:
            clear_layout(item.layout())


def confirm(
    parent: QWidget,
    title: str,
    text: str,
    accept_text: str,
    on_accept: Callable[[], None],
    *,
    reject_text: str | None = None,
) -> QMessageBox:
    """Ask before something that cannot be undone; never blocks (the box is opened, not exec'd)."""
    box = QMessageBox(parent)
    box.setObjectName("confirmBox")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setText(text)
    yes = box.addButton(accept_text, QMessageBox.ButtonRole.DestructiveRole)
    yes.setObjectName("confirmAccept")
    no = box.addButton(
        reject_text or QCoreApplication.translate("Fieldcase", "Keep it"), QMessageBox.ButtonRole.RejectRole
    )
    no.setObjectName("confirmReject")
    for button in (yes, no):
        button.setMinimumSize(touch() * 2, touch())
    box.setDefaultButton(no)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def on_clicked(button: object) -> None:
        if button is yes:
            on_accept()

    box.buttonClicked.connect(on_clicked)
    box.open()
    return box


def format_time(iso: str | None) -> str:
    """An ISO time as the inspector reads it: date and minutes, in the time it was written with."""
    if not iso:
        return QCoreApplication.translate("Fieldcase", "unknown time")
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    return moment.strftime("%Y-%m-%d %H:%M")


def format_distance(metres: float) -> str:
    if metres < 1000:
        return QCoreApplication.translate("Fieldcase", "%1 m").replace("%1", f"{metres:.0f}")
    return QCoreApplication.translate("Fieldcase", "%1 km").replace("%1", f"{metres / 1000:.1f}")


def format_age(seconds: float) -> str:
    """How long ago, in the largest whole unit: "just now", "12 minutes ago", "2 days ago"."""
    seconds = abs(seconds)
    if seconds < 60:
        return QCoreApplication.translate("Fieldcase", "just now")
    if seconds < 3600:
        return QCoreApplication.translate("Fieldcase", "%1 min ago").replace("%1", str(int(seconds // 60)))
    if seconds < 86400:
        return QCoreApplication.translate("Fieldcase", "%1 h ago").replace("%1", str(int(seconds // 3600)))
    return QCoreApplication.translate("Fieldcase", "%1 d ago").replace("%1", str(int(seconds // 86400)))


class ResponsiveColumns(QWidget):
    """Sections in two columns when the page is wide (landscape), one below the other when narrow."""

    def __init__(self, parent: QWidget | None = None, *, breakpoint: int = 1100) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(16)
        self._boxes = (QVBoxLayout(), QVBoxLayout())
        for box in self._boxes:
            box.setSpacing(16)
            box.addStretch(1)
            row.addLayout(box, 1)
        self._left: list[QWidget] = []
        self._right: list[QWidget] = []
        self._breakpoint = breakpoint
        self.columns = 0

    def set_sections(self, left: list[QWidget], right: list[QWidget]) -> None:
        self._left, self._right = list(left), list(right)
        for widget in self._left + self._right:
            widget.setParent(self)
        self.columns = 0
        self._arrange(self.width())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._arrange(event.size().width())

    def _arrange(self, width: int) -> None:
        columns = 2 if width >= self._breakpoint else 1
        if columns == self.columns:
            return
        self.columns = columns
        left = self._left if columns == 2 else self._left + self._right
        right = self._right if columns == 2 else []
        for box, widgets in zip(self._boxes, (left, right), strict=True):
            for widget in self._left + self._right:
                box.removeWidget(widget)
            for index, widget in enumerate(widgets):
                box.insertWidget(index, widget)
        layout = self.layout()
        assert isinstance(layout, QHBoxLayout)
        layout.setStretch(1, 1 if columns == 2 else 0)


def guarded(owner: QObject, fn: Callable[..., Any] | None) -> Callable[..., Any] | None:
    """`fn`, or a no-op once `owner` is deleted: a worker's answer may arrive after its page closed."""
    if fn is None:
        return None

    def call(*args: Any) -> Any:
        if shiboken6.isValid(owner):
            return fn(*args)
        return None

    return call


class PageTasks:
    """A page's way to the session's workers: its callbacks are dropped if the page is gone by then."""

    def __init__(self, owner: QObject, session: Session) -> None:
        self._owner = owner
        self._session = session

    def read(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        self._session.run_read(fn, guarded(self._owner, on_done), guarded(self._owner, on_error))  # type: ignore[arg-type]

    def op(
        self,
        fn: Callable[[], Any],
        *,
        case_id: str | None = None,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        parent = self._owner if isinstance(self._owner, QWidget) else None
        self._session.run_op(
            fn,
            case_id=case_id,
            on_done=guarded(self._owner, on_done),
            on_error=guarded(self._owner, on_error),
            parent=parent,
        )

    def io(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        self._session.tasks.run_io(fn, guarded(self._owner, on_done), guarded(self._owner, on_error))
