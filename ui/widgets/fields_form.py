"""The type-specific form, built from the catalogue's field specs: numbers, text, choices, owners, yes/no.

Values are checked with the domain's own `parse_field` as they are typed; only a value
that parses is handed on (`field_edited(key, raw)`, "" for a cleared field), so an
autosave never carries a value the case would refuse.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from app.domain.case import parse_field
from app.domain.catalogue import Catalogue, FieldSpec
from app.domain.errors import ValidationError
from ui.widgets.common import error_style, touch, wrap_label
from ui.widgets.labels import problem_text, yes_no_name
from ui.widgets.tiles import ChoiceTiles

_NUMBER = QRegularExpression(r"^-?\d*(?:[.,]\d*)?$")
_INTEGER = QRegularExpression(r"^-?\d*$")


class _FieldRow(QWidget):
    """One field: its name, its editor and the message that says what is wrong with it."""

    def __init__(self, spec: FieldSpec, editor: QWidget, parent: QWidget) -> None:
        super().__init__(parent)
        self.spec = spec
        self.editor = editor
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setBuddy(editor)
        layout.addWidget(self.label)
        editor.setParent(self)
        layout.addWidget(editor)
        self.error = wrap_label("", self)
        self.error.setObjectName(f"error_{spec.key}")
        self.error.setProperty("fieldError", True)
        self.error.setStyleSheet(error_style())
        self.error.hide()
        layout.addWidget(self.error)

    def set_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))


class CatalogueForm(QWidget):
    """Editors for some of a case type's fields; `field_edited(key, raw)` for each value that parses."""

    field_edited = Signal(str, str)

    def __init__(
        self,
        specs: Sequence[FieldSpec],
        catalogue: Catalogue,
        type_code: str,
        language: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._catalogue = catalogue
        self._type_code = type_code
        self._language = language
        self._rows: dict[str, _FieldRow] = {}
        self._required: set[str] = set()
        self._loading = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(14)
        for spec in specs:
            row = _FieldRow(spec, self._make_editor(spec), self)
            self._rows[spec.key] = row
            layout.addWidget(row)
        self.set_required({s.key for s in specs if s.required})

    # ------------------------------------------------------------ building

    def _make_editor(self, spec: FieldSpec) -> QWidget:
        key = spec.key
        if spec.kind in ("choice", "owner", "yes_no"):
            if spec.kind == "choice":
                choices = [(c.code, c.name(self._language)) for c in spec.choices]
                columns = 3
            elif spec.kind == "owner":
                choices = [(o.code, o.name(self._language)) for o in self._catalogue.owners]
                columns = 4
            else:
                choices = [("yes", yes_no_name("yes")), ("no", yes_no_name("no"))]
                columns = 2
            tiles = ChoiceTiles(choices, self, columns=columns)
            tiles.setObjectName(f"field_{key}")
            tiles.value_changed.connect(lambda code, k=key: self._on_choice(k, code))
            return tiles
        edit = QLineEdit(self)
        edit.setObjectName(f"field_{key}")
        edit.setMinimumHeight(touch())
        edit.setClearButtonEnabled(True)
        if spec.kind == "number":
            edit.setValidator(QRegularExpressionValidator(_NUMBER, edit))
            edit.setInputMethodHints(Qt.InputMethodHint.ImhFormattedNumbersOnly)
        elif spec.kind == "integer":
            edit.setValidator(QRegularExpressionValidator(_INTEGER, edit))
            edit.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        elif spec.kind == "phone":
            edit.setInputMethodHints(Qt.InputMethodHint.ImhDialableCharactersOnly)
            edit.setMaxLength(24)
        elif spec.kind == "id_number":
            edit.setInputMethodHints(Qt.InputMethodHint.ImhPreferUppercase | Qt.InputMethodHint.ImhNoPredictiveText)
            edit.setMaxLength(18)
        else:
            edit.setMaxLength(spec.max_length or 200)
        edit.textEdited.connect(lambda text, k=key: self._on_text(k, text, final=False))
        edit.editingFinished.connect(lambda k=key, e=edit: self._on_text(k, e.text(), final=True))
        return edit

    # ------------------------------------------------------------ values

    def field_keys(self) -> list[str]:
        return list(self._rows)

    def shown_values(self) -> dict[str, str]:
        """What each editor shows now (typed text, chosen code), whether saved yet or not."""
        out: dict[str, str] = {}
        for key, row in self._rows.items():
            editor = row.editor
            if isinstance(editor, ChoiceTiles):
                out[key] = editor.value()
            elif isinstance(editor, QLineEdit):
                out[key] = editor.text()
        return out

    def editor(self, key: str) -> QWidget:
        return self._rows[key].editor

    def error_text(self, key: str) -> str:
        row = self._rows[key]
        return row.error.text() if row.error.isVisible() or row.error.text() else ""

    def set_values(self, values: dict[str, Any]) -> None:
        """Show stored values (without handing them on again)."""
        self._loading = True
        try:
            for key, row in self._rows.items():
                value = values.get(key)
                editor = row.editor
                if isinstance(editor, ChoiceTiles):
                    editor.set_value(str(value) if value is not None else None)
                elif isinstance(editor, QLineEdit):
                    text = _as_text(value)
                    if editor.text() != text and not editor.hasFocus():
                        editor.setText(text)
                row.set_error("")
        finally:
            self._loading = False

    def set_required(self, keys: Iterable[str]) -> None:
        self._required = set(keys)
        for key, row in self._rows.items():
            name = row.spec.name(self._language)
            row.label.setText(f"{name} *" if key in self._required else name)

    def set_problems(self, problems: dict[str, str]) -> None:
        """Show messages beside fields (from a refused save or a submit check)."""
        for key, row in self._rows.items():
            if key in problems:
                row.set_error(problems[key])

    def _parse(self, key: str, raw: str) -> str | None:
        """The error text for a raw value, or None if it is acceptable."""
        spec = self._rows[key].spec
        try:
            parse_field(spec, raw.replace(",", ".") if spec.kind == "number" else raw, self._catalogue)
        except ValidationError as exc:
            return " ".join(problem_text(p, self._catalogue, self._type_code, self._language) for p in exc.problems)
        return None

    def _on_text(self, key: str, text: str, *, final: bool) -> None:
        if self._loading:
            return
        row = self._rows[key]
        raw = text.strip()
        if row.spec.kind == "number":
            raw = raw.replace(",", ".")
        error = self._parse(key, raw) if raw else None
        if error is None:
            row.set_error("")
            self.field_edited.emit(key, raw)
        elif final:
            row.set_error(error)

    def _on_choice(self, key: str, code: str) -> None:
        if self._loading:
            return
        self._rows[key].set_error("")
        self.field_edited.emit(key, code)


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
