"""Decision dialogs of the case view: each asks for exactly what its action needs.

return: a note of the missing evidence; reject: a reason; duplicate: the case it repeats;
dispatch: the unit (the catalogue's default preselected) and the deadlines it will set;
defer: a reason and the extra hours (or a new due time) for one or every open milestone;
dispose: what was done, and after-disposal photos; send_back: why; file and close: a confirmation.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QDateTime
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

import ui.pyside_fix  # noqa: F401  (PySide6 6.12.0 drops references to None/True: see there)
from app import desk
from app.domain.calendar import WorkingCalendar
from app.domain.catalogue import Catalogue
from app.domain.states import TRANSITIONS
from ui.desk.queue_model import short_time
from ui.widgets.common import error_style, touch, touch_button, wrap_label

MAX_NOTE = 1000
PHOTO_FILTER = "*.jpg *.jpeg *.png *.heic *.heif *.JPG *.JPEG *.PNG *.HEIC"


def actions_for(state: str, role: str) -> list[str]:
    """The decisions a role may take on a case in a state (the shared state machine's rules)."""
    return [
        t.action
        for t in TRANSITIONS
        if t.action in desk.ACTIONS and role in {r.value for r in t.roles} and state in {s.value for s in t.sources}
    ]


def action_name(action: str) -> str:
    names = {
        "file": QCoreApplication.translate("Desk", "File"),
        "return": QCoreApplication.translate("Desk", "Return for evidence"),
        "reject": QCoreApplication.translate("Desk", "Reject"),
        "duplicate": QCoreApplication.translate("Desk", "Mark duplicate"),
        "dispatch": QCoreApplication.translate("Desk", "Dispatch"),
        "defer": QCoreApplication.translate("Desk", "Defer deadline"),
        "dispose": QCoreApplication.translate("Desk", "Record disposal"),
        "send_back": QCoreApplication.translate("Desk", "Send back to unit"),
        "close": QCoreApplication.translate("Desk", "Close"),
    }
    return names.get(action, action)


def unit_name(catalogue: Catalogue, code: str | None, language: str) -> str:
    if not code:
        return ""
    unit = catalogue.unit(code)
    return unit.name(language) if unit else code


def milestone_name(catalogue: Catalogue, case: Mapping[str, Any], code: str, language: str) -> str:
    try:
        sub = catalogue.subtype(str(case.get("type")), str(case.get("subtype")))
    except Exception:
        return code
    found = next((m for m in sub.deadlines.milestones if m.code == code), None)
    return found.name(language) if found else code


class DecisionDialog(QDialog):
    """Asks for what `action` needs; `fields()` is the decision's body (without the action)."""

    def __init__(
        self,
        action: str,
        case: Mapping[str, Any],
        catalogue: Catalogue,
        calendar: WorkingCalendar,
        *,
        language: str = "zh_CN",
        candidates: Sequence[Mapping[str, Any]] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(f"decision_{action}")
        self.action = action
        self.case = case
        self.catalogue, self.calendar, self.language = catalogue, calendar, language
        self.photo_paths: list[Path] = []
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        self.intro = wrap_label("", self)
        layout.addWidget(self.intro)
        self.note: QPlainTextEdit | None = None
        self.unit: QComboBox | None = None
        self.duplicate_of: QComboBox | None = None
        self.milestone: QComboBox | None = None
        self.hours: QDoubleSpinBox | None = None
        self.due_at: QDateTimeEdit | None = None
        self.photos: QListWidget | None = None
        self.plan = wrap_label("", self)
        self.plan.setObjectName("dispatchPlan")
        code = case.get("official_number") or case.get("code") or ""
        if action in ("return", "reject", "dispose", "send_back", "defer"):
            prompts = {
                "return": self.tr("What evidence is missing? The inspector sees this note on the tablet."),
                "reject": self.tr("Why is the case rejected?"),
                "dispose": self.tr("What was done on site?"),
                "send_back": self.tr("Why is the disposal not accepted?"),
                "defer": self.tr("Why is the deadline moved (the agreement)?"),
            }
            layout.addWidget(QLabel(prompts[action], self))
            self.note = QPlainTextEdit(self)
            self.note.setObjectName("decisionNote")
            self.note.setMinimumHeight(touch() * 2)
            self.note.textChanged.connect(self._check)
            layout.addWidget(self.note)
        if action == "duplicate":
            layout.addWidget(QLabel(self.tr("The case this one repeats (a nearby case, or its ID):"), self))
            self.duplicate_of = QComboBox(self)
            self.duplicate_of.setObjectName("duplicateOf")
            self.duplicate_of.setEditable(True)
            self.duplicate_of.setMinimumHeight(touch())
            for other in candidates:
                label = " · ".join(
                    str(x)
                    for x in (
                        other.get("official_number") or other.get("code"),
                        other.get("address"),
                        f"{other['distance_m']:.0f} m" if other.get("distance_m") is not None else None,
                    )
                    if x
                )
                self.duplicate_of.addItem(label, str(other.get("id")))
            self.duplicate_of.setCurrentIndex(0 if candidates else -1)
            self.duplicate_of.currentTextChanged.connect(self._check)
            layout.addWidget(self.duplicate_of)
        if action == "dispatch":
            layout.addWidget(QLabel(self.tr("Disposal unit (the catalogue's default is preselected):"), self))
            self.unit = QComboBox(self)
            self.unit.setObjectName("dispatchUnit")
            self.unit.setMinimumHeight(touch())
            default = desk.default_unit(case, catalogue)
            for unit in catalogue.units:
                suffix = "  " + self.tr("(default)") if unit.code == default else ""
                self.unit.addItem(unit.name(language) + suffix, unit.code)
            if default is not None:
                self.unit.setCurrentIndex(max(0, self.unit.findData(default)))
            layout.addWidget(self.unit)
            layout.addWidget(self.plan)
            self._show_plan()
        if action == "defer":
            row = QHBoxLayout()
            row.addWidget(QLabel(self.tr("Milestone:"), self))
            self.milestone = QComboBox(self)
            self.milestone.setObjectName("deferMilestone")
            self.milestone.setMinimumHeight(touch())
            self.milestone.addItem(self.tr("every open deadline"), None)
            for d in case.get("deadlines") or []:
                if not d.get("met_at"):
                    name = milestone_name(catalogue, case, str(d["milestone"]), language)
                    self.milestone.addItem(f"{name} ({short_time(str(d['due_at']))})", d["milestone"])
            row.addWidget(self.milestone, 1)
            layout.addLayout(row)
            self.by_hours = QRadioButton(self.tr("Extra hours on the milestone's clock:"), self)
            self.by_date = QRadioButton(self.tr("A new due time:"), self)
            group = QButtonGroup(self)
            group.addButton(self.by_hours)
            group.addButton(self.by_date)
            self.by_hours.setChecked(True)
            self.hours = QDoubleSpinBox(self)
            self.hours.setObjectName("deferHours")
            self.hours.setRange(0.5, 10_000)
            self.hours.setDecimals(1)
            self.hours.setValue(8.0)
            self.hours.setMinimumHeight(touch())
            self.due_at = QDateTimeEdit(QDateTime.currentDateTime().addDays(3), self)
            self.due_at.setObjectName("deferDueAt")
            self.due_at.setCalendarPopup(True)
            self.due_at.setDisplayFormat("yyyy-MM-dd HH:mm")
            self.due_at.setMinimumHeight(touch())
            for a, b in ((self.by_hours, self.hours), (self.by_date, self.due_at)):
                line = QHBoxLayout()
                line.addWidget(a)
                line.addWidget(b, 1)
                layout.addLayout(line)
        if action == "dispose":
            layout.addWidget(QLabel(self.tr("Photos after disposal:"), self))
            self.photos = QListWidget(self)
            self.photos.setObjectName("disposalPhotos")
            self.photos.setMaximumHeight(touch() * 3)
            layout.addWidget(self.photos)
            add = touch_button(self.tr("Add photos…"), self, object_name="addDisposalPhotos")
            add.clicked.connect(self.on_add_photos_clicked)
            layout.addWidget(add)
        self.problem = wrap_label("", self)
        self.problem.setStyleSheet(error_style())
        layout.addWidget(self.problem)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setObjectName("decisionOk")
        self.ok.setText(action_name(action))
        self.ok.setMinimumHeight(touch())
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setMinimumHeight(touch())
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.setWindowTitle(f"{action_name(action)} — {code}")
        intros = {
            "file": self.tr("File case %1? The server gives it its official case number."),
            "close": self.tr("Close case %1? The disposal was verified on site."),
            "dispatch": self.tr("Dispatch case %1 to a disposal unit. The deadlines start now."),
            "duplicate": self.tr("Mark case %1 as a duplicate of another case."),
            "return": self.tr("Return case %1 to the inspector for more evidence."),
            "reject": self.tr("Reject case %1."),
            "defer": self.tr("Move a deadline of case %1 (an agreed extension)."),
            "dispose": self.tr("Record the disposal of case %1."),
            "send_back": self.tr("Send case %1 back to the unit."),
        }
        self.intro.setText(intros.get(action, "%1").replace("%1", str(code)))
        self._check()

    def _show_plan(self) -> None:
        now = datetime.now(UTC)
        lines = [self.tr("Deadlines from now:")]
        for code, hours, clock, due in desk.planned_deadlines(self.case, self.catalogue, self.calendar, now):
            clock_text = self.tr("working hours") if clock == "working" else self.tr("hours")
            lines.append(
                f"• {milestone_name(self.catalogue, self.case, code, self.language)}: {hours:g} {clock_text} → "
                f"{due.astimezone(self.calendar.tz).strftime('%Y-%m-%d %H:%M')}"
            )
        self.plan.setText("\n".join(lines) if len(lines) > 1 else "")

    def on_add_photos_clicked(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Photos after disposal"), "", PHOTO_FILTER)
        self.add_photos([Path(p) for p in paths])

    def add_photos(self, paths: Sequence[Path]) -> None:
        assert self.photos is not None
        for path in paths:
            if path not in self.photo_paths:
                self.photo_paths.append(path)
                self.photos.addItem(path.name)
        self._check()

    def _check(self) -> None:
        missing = ""
        if self.note is not None and not self.note.toPlainText().strip():
            missing = {
                "return": self.tr("Say what evidence is missing."),
                "reject": self.tr("Give the reason."),
                "dispose": self.tr("Say what was done."),
                "send_back": self.tr("Say why."),
                "defer": self.tr("Give the reason."),
            }[self.action]
        elif self.note is not None and len(self.note.toPlainText()) > MAX_NOTE:
            missing = self.tr("At most %1 characters.").replace("%1", str(MAX_NOTE))
        elif self.duplicate_of is not None and not self._duplicate_id():
            missing = self.tr("Choose the case this one repeats.")
        self.problem.setText(missing)
        self.ok.setEnabled(not missing)

    def _duplicate_id(self) -> str:
        assert self.duplicate_of is not None
        text = self.duplicate_of.currentText().strip()
        index = self.duplicate_of.findText(text)
        if index >= 0:
            return str(self.duplicate_of.itemData(index))
        return text

    def fields(self) -> dict[str, Any]:
        """The decision's fields (without the action and photos, which are uploaded first)."""
        out: dict[str, Any] = {}
        text = self.note.toPlainText().strip() if self.note is not None else ""
        if self.action in ("return", "dispose", "send_back"):
            out["note"] = text
        elif self.action in ("reject", "defer"):
            out["reason"] = text
        if self.duplicate_of is not None:
            out["duplicate_of"] = self._duplicate_id()
        if self.unit is not None:
            out["unit"] = self.unit.currentData()
        if self.action == "defer":
            assert self.milestone is not None and self.hours is not None and self.due_at is not None
            if self.milestone.currentData():
                out["milestone"] = self.milestone.currentData()
            if self.by_hours.isChecked():
                out["hours"] = float(self.hours.value())
            else:
                moment = self.due_at.dateTime().toPython()
                out["due_at"] = moment.astimezone().isoformat()
        return out


class BulkDispatchDialog(QDialog):
    """Dispatch several filed cases at once: each to its default unit, or all to one unit."""

    def __init__(
        self,
        rows: Sequence[Any],
        catalogue: Catalogue,
        *,
        language: str = "zh_CN",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("bulkDispatch")
        self.setWindowTitle(self.tr("Dispatch %1 cases").replace("%1", str(len(rows))))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        layout.addWidget(wrap_label(self.tr("Dispatch these cases to a disposal unit:"), self))
        listing = QListWidget(self)
        for row in rows:
            listing.addItem(f"{row.official_number or row.code} · {row.address}")
        listing.setMaximumHeight(touch() * 4)
        layout.addWidget(listing)
        self.each_default = QRadioButton(self.tr("Each to its default unit (from the catalogue)"), self)
        self.one_unit = QRadioButton(self.tr("All to one unit:"), self)
        group = QButtonGroup(self)
        group.addButton(self.each_default)
        group.addButton(self.one_unit)
        self.each_default.setChecked(True)
        self.unit = QComboBox(self)
        self.unit.setObjectName("bulkUnit")
        self.unit.setMinimumHeight(touch())
        for unit in catalogue.units:
            self.unit.addItem(unit.name(language), unit.code)
        layout.addWidget(self.each_default)
        line = QHBoxLayout()
        line.addWidget(self.one_unit)
        line.addWidget(self.unit, 1)
        layout.addLayout(line)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setObjectName("bulkOk")
        self.ok.setText(action_name("dispatch"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def chosen_unit(self) -> str | None:
        """One unit for all, or None for each case's default."""
        return str(self.unit.currentData()) if self.one_unit.isChecked() else None


__all__ = ["BulkDispatchDialog", "DecisionDialog", "actions_for", "action_name"]
