"""The officers present: rows of name and enforcement-certificate number, added and removed by touch.

The list is handed on (`officers_edited`) only when every filled row is valid and no
certificate repeats, so a half-typed row never replaces the officers already saved.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QSizePolicy, QVBoxLayout, QWidget

from app.domain.case import Officer, check_officer
from app.domain.catalogue import Catalogue
from app.domain.errors import ValidationError
from ui.widgets.common import error_style, touch, touch_button, wrap_label
from ui.widgets.icons import icon
from ui.widgets.labels import problem_text


class _OfficerRow(QWidget):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        self.name = QLineEdit(self)
        self.name.setObjectName("officerName")
        self.name.setMaxLength(50)
        self.name.setMinimumHeight(touch())
        self.certificate = QLineEdit(self)
        self.certificate.setObjectName("officerCertificate")
        self.certificate.setMaxLength(32)
        self.certificate.setMinimumHeight(touch())
        self.certificate.setInputMethodHints(
            Qt.InputMethodHint.ImhPreferUppercase | Qt.InputMethodHint.ImhNoPredictiveText
        )
        self.remove = touch_button("", self, icon=icon("close", 32), object_name="officerRemove")
        self.remove.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        layout.addWidget(self.name, 2)
        layout.addWidget(self.certificate, 3)
        layout.addWidget(self.remove)

    def officer(self) -> Officer | None:
        name, certificate = self.name.text().strip(), self.certificate.text().strip()
        if not name and not certificate:
            return None
        return Officer(name, certificate)

    def set_officer(self, officer: Officer) -> None:
        self.name.setText(officer.name)
        self.certificate.setText(officer.certificate)


class OfficersEditor(QWidget):
    officers_edited = Signal(list)  # list[Officer]

    def __init__(self, catalogue: Catalogue, type_code: str, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._catalogue = catalogue
        self._type_code = type_code
        self._language = language
        self._rows: list[_OfficerRow] = []
        self._minimum = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        self.hint = wrap_label("", self)
        self.hint.setProperty("muted", True)
        layout.addWidget(self.hint)
        self._rows_box = QVBoxLayout()
        self._rows_box.setSpacing(8)
        layout.addLayout(self._rows_box)
        self.error = wrap_label("", self)
        self.error.setObjectName("officersError")
        self.error.setStyleSheet(error_style())
        self.error.hide()
        layout.addWidget(self.error)
        self.add_button = touch_button(self.tr("Add an officer"), self, object_name="officerAdd")
        self.add_button.clicked.connect(self.on_add_clicked)
        layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)

    def rows(self) -> list[_OfficerRow]:
        return list(self._rows)

    def set_minimum(self, count: int) -> None:
        self._minimum = count
        if count:
            self.hint.setText(
                self.tr("At least %1 officers with enforcement certificates must be recorded.").replace(
                    "%1", str(count)
                )
            )
        else:
            self.hint.setText(self.tr("Officers present (optional)."))

    def set_officers(self, officers: Sequence[Officer]) -> None:
        """Show saved officers; keeps at least `minimum` rows so the form shows what is expected."""
        for row in list(self._rows):
            self._remove_row(row)
        for officer in officers:
            self._add_row().set_officer(officer)
        while len(self._rows) < max(1, self._minimum):
            self._add_row()
        self._show_error("")

    def on_add_clicked(self) -> None:
        row = self._add_row()
        row.name.setFocus()

    def _add_row(self) -> _OfficerRow:
        row = _OfficerRow(self)
        row.name.setPlaceholderText(self.tr("Name"))
        row.certificate.setPlaceholderText(self.tr("Enforcement certificate number"))
        row.remove.setToolTip(self.tr("Remove this officer"))
        row.remove.setAccessibleName(self.tr("Remove this officer"))
        row.name.textEdited.connect(lambda _t: self._on_edited(final=False))
        row.certificate.textEdited.connect(lambda _t: self._on_edited(final=False))
        row.name.editingFinished.connect(lambda: self._on_edited(final=True))
        row.certificate.editingFinished.connect(lambda: self._on_edited(final=True))
        row.remove.clicked.connect(lambda _=False, r=row: self._on_remove(r))
        self._rows.append(row)
        self._rows_box.addWidget(row)
        return row

    def _remove_row(self, row: _OfficerRow) -> None:
        self._rows.remove(row)
        self._rows_box.removeWidget(row)
        row.hide()
        row.deleteLater()

    def _on_remove(self, row: _OfficerRow) -> None:
        self._remove_row(row)
        self._on_edited(final=True)

    def _valid_list(self) -> tuple[list[Officer] | None, str]:
        officers: list[Officer] = []
        for row in self._rows:
            officer = row.officer()
            if officer is None:
                continue
            if not officer.name or not officer.certificate:
                return None, self.tr("Each officer needs a name and a certificate number.")
            try:
                officers.append(check_officer(officer))
            except ValidationError as exc:
                return None, " ".join(
                    problem_text(p, self._catalogue, self._type_code, self._language) for p in exc.problems
                )
        if len({o.certificate for o in officers}) < len(officers):
            return None, self.tr("The same certificate number is listed twice.")
        return officers, ""

    def _on_edited(self, *, final: bool) -> None:
        officers, error = self._valid_list()
        if officers is not None:
            self._show_error("")
            self.officers_edited.emit(officers)
        elif final:
            self._show_error(error)

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))
