"""Big touch tiles: a grid of choices (case types, subtypes) and exclusive choice rows for forms."""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QFontMetrics, QIcon, QResizeEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ui.widgets.common import touch


class Tile(QPushButton):
    """A large button with an icon above a label that wraps (long Chinese names fit in two lines)."""

    def __init__(
        self,
        code: str,
        text: str,
        icon: QIcon | None = None,
        parent: QWidget | None = None,
        *,
        icon_side: int = 72,
        min_height: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.code = code
        self.setObjectName(f"tile_{code}")
        self.setProperty("tile", True)
        self.setAutoDefault(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(8)
        self._icon = QLabel(self)
        self._icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._icon.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._icon_side = icon_side
        self._label = QLabel(self)
        self._label.setWordWrap(True)
        self._label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        font = self._label.font()
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self._label.setFont(font)
        layout.addStretch(1)
        layout.addWidget(self._icon)
        layout.addWidget(self._label)
        layout.addStretch(1)
        self.set_icon(icon)
        self.set_text(text)
        base = touch()
        self.setMinimumHeight(min_height or (base * 3 if icon is not None else base * 2))
        self.setMinimumWidth(base * 3)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_text(self, text: str) -> None:
        self._label.setText(text)
        self.setAccessibleName(text)
        self.setToolTip(text)

    def text_shown(self) -> str:
        return self._label.text()

    def set_icon(self, icon: QIcon | None) -> None:
        if icon is None or icon.isNull():
            self._icon.hide()
            return
        self._icon.setPixmap(icon.pixmap(QSize(self._icon_side, self._icon_side)))
        self._icon.show()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        hint = self.layout().sizeHint()
        return hint.expandedTo(self.minimumSize())

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return self.minimumSize()


class TileGrid(QWidget):
    """Tiles in as many columns as fit; `chosen(code)` when one is tapped."""

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, min_tile_width: int = 240, max_columns: int = 4) -> None:
        super().__init__(parent)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(16)
        self._tiles: list[Tile] = []
        self._min_tile_width = min_tile_width
        self._max_columns = max_columns
        self._columns = 0

    def set_tiles(
        self, tiles: list[tuple[str, str, QIcon | None]], *, min_height: int | None = None, icon_side: int = 72
    ) -> None:
        for tile in self._tiles:
            tile.hide()
            tile.deleteLater()
        self._tiles = []
        for code, text, tile_icon in tiles:
            tile = Tile(code, text, tile_icon, self, min_height=min_height, icon_side=icon_side)
            tile.clicked.connect(lambda _=False, c=code: self.chosen.emit(c))
            self._tiles.append(tile)
        self._columns = 0
        self._relayout()

    def tiles(self) -> list[Tile]:
        return list(self._tiles)

    def tile(self, code: str) -> Tile | None:
        return next((t for t in self._tiles if t.code == code), None)

    def resizeEvent(self, event: object) -> None:  # noqa: N802
        super().resizeEvent(event)  # type: ignore[arg-type]
        self._relayout()

    def _relayout(self) -> None:
        count = max(1, len(self._tiles))
        fit = max(1, (self.width() + self._grid.spacing()) // (self._min_tile_width + self._grid.spacing()))
        columns = max(1, min(fit, self._max_columns, count))
        if self.height() > 0:
            # As many columns as keep the tiles about as wide as tall: fewer, wider ones in portrait.
            columns = max(1, min(columns, round(math.sqrt(count * self.width() / self.height()))))
        if columns == self._columns:
            return
        self._columns = columns
        for tile in self._tiles:
            self._grid.removeWidget(tile)
        for index, tile in enumerate(self._tiles):
            self._grid.addWidget(tile, index // columns, index % columns)
            tile.show()
        for column in range(self._grid.columnCount()):
            self._grid.setColumnStretch(column, 1 if column < columns else 0)


class ChoiceTiles(QWidget):
    """An exclusive set of checkable buttons in rows; `value_changed(code)`, "" = none.

    `columns` is the most columns; fewer are used when the longest label would not fit
    its column (English names are long: "Displaced or rattling cover"), down to one.
    """

    value_changed = Signal(str)

    def __init__(
        self,
        choices: list[tuple[str, str]],
        parent: QWidget | None = None,
        *,
        columns: int = 3,
        allow_none: bool = True,
    ) -> None:
        super().__init__(parent)
        self._group = QButtonGroup(self)
        self._group.setExclusive(False)  # exclusive by hand, so a second tap can clear the choice
        self._allow_none = allow_none
        self._buttons: dict[str, QPushButton] = {}
        self._max_columns = max(1, columns)
        self._columns = 0
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(8)
        size = touch()
        for code, text in choices:
            button = QPushButton(text, self)
            button.setObjectName(f"choice_{code}")
            button.setCheckable(True)
            button.setAutoDefault(False)
            button.setMinimumSize(size, size)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.setProperty("chip", True)
            button.setToolTip(text)
            self._group.addButton(button)
            self._buttons[code] = button
            button.clicked.connect(lambda checked, c=code: self._on_clicked(c, checked))
        self._relayout()

    @property
    def columns(self) -> int:
        return self._columns

    def columns_for(self, width: int) -> int:
        """The most columns (up to the maximum) whose width holds the longest label."""
        if not self._buttons:
            return 1
        # The checked state is bold (and so wider): measure every label as if checked.
        widest = max(self._label_width(b) for b in self._buttons.values())
        spacing = self._grid.spacing()
        fit = (width + spacing) // (widest + spacing)
        return max(1, min(self._max_columns, len(self._buttons), fit))

    def _label_width(self, button: QPushButton) -> int:
        font = button.font()
        font.setBold(True)
        text = QFontMetrics(font).horizontalAdvance(button.text())
        # The style's padding and border around the label, as the button's own hint has them.
        frame = button.sizeHint().width() - button.fontMetrics().horizontalAdvance(button.text())
        return text + max(frame, 2 * touch() // 3)

    def _relayout(self) -> None:
        columns = self.columns_for(self.width())
        if columns == self._columns:
            return
        self._columns = columns
        for button in self._buttons.values():
            self._grid.removeWidget(button)
        for index, button in enumerate(self._buttons.values()):
            self._grid.addWidget(button, index // columns, index % columns)
        for column in range(max(self._grid.columnCount(), self._max_columns)):
            self._grid.setColumnStretch(column, 1 if column < columns else 0)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._relayout()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._columns = 0
            self._relayout()

    def buttons(self) -> dict[str, QPushButton]:
        return dict(self._buttons)

    def value(self) -> str:
        return next((c for c, b in self._buttons.items() if b.isChecked()), "")

    def set_value(self, code: str | None) -> None:
        for c, button in self._buttons.items():
            button.setChecked(c == code)

    def set_texts(self, texts: dict[str, str]) -> None:
        for code, text in texts.items():
            if code in self._buttons:
                self._buttons[code].setText(text)
                self._buttons[code].setToolTip(text)
        self._columns = 0
        self._relayout()

    def _on_clicked(self, code: str, checked: bool) -> None:
        if not checked and not self._allow_none:
            self._buttons[code].setChecked(True)
            return
        for c, button in self._buttons.items():
            if c != code:
                button.setChecked(False)
        self.value_changed.emit(code if checked else "")
