"""Reassigning field work at the review desk: the queue's selected cases, or every open case of one
inspector, to another inspector of the cases' districts (`POST /cases/reassign`).

The dialog lists the eligible inspectors (`GET /users`: those of the cases' districts, each with the
open cases they hold), shows how many cases would move once a target is chosen (the server's dry
run, so refusals are known before anything changes), asks why, and then reports per case what
happened; refusals are explained in the interface's language.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

import ui.pyside_fix  # noqa: F401  (PySide6 6.12.0 drops references to None/True: see there)
from app.desk import DeskClient, DeskError
from ui.desk.connection import DeskConnection, desk_message
from ui.desk.queue_model import QueueRow
from ui.errors import state_name
from ui.widgets.common import error_style, touch, wrap_label

MAX_NOTE = 1000
FINAL = ("closed", "rejected", "duplicate")


def refusal_text(result: Mapping[str, Any], to: str) -> str:
    """Why the server refused to reassign one case, in the interface's language."""
    error = result.get("error") or {}
    code = str(error.get("code") or "")
    if code == "not_found":
        return QCoreApplication.translate("Reassign", "not found, or outside your districts")
    if code == "case_closed":
        message = str(error.get("message") or "")
        state = next((s for s in FINAL if f"is {s}" in message), "closed")
        return QCoreApplication.translate("Reassign", "the case is %1: nothing is left to do in the field").replace(
            "%1", state_name(state)
        )
    if code == "not_in_district":
        return QCoreApplication.translate("Reassign", "%1 is not an inspector of this case's district").replace(
            "%1", to
        )
    if code == "concurrent_decision":
        return QCoreApplication.translate("Reassign", "someone else changed the case at the same moment; try again")
    return str(error.get("message") or code)


def result_text(result: Mapping[str, Any], to: str) -> str:
    """One case's outcome as a line of the report."""
    code = str(result.get("official_number") or result.get("code") or str(result.get("id", ""))[:8])
    outcome = result.get("outcome")
    if outcome == "reassigned":
        return (
            QCoreApplication.translate("Reassign", "%1: reassigned from %2 to %3")
            .replace("%1", code)
            .replace("%2", str(result.get("from") or "—"))
            .replace("%3", to)
        )
    if outcome == "unchanged":
        return QCoreApplication.translate("Reassign", "%1: already with %2").replace("%1", code).replace("%2", to)
    return (
        QCoreApplication.translate("Reassign", "%1: not reassigned — %2")
        .replace("%1", code)
        .replace("%2", refusal_text(result, to))
    )


def request_error_text(exc: BaseException) -> str:
    """Why the server refused the whole request (the target, the role), in the interface's language."""
    if isinstance(exc, DeskError):
        names = {
            "user_disabled": QCoreApplication.translate("Reassign", "This inspector's account is disabled."),
            "not_an_inspector": QCoreApplication.translate("Reassign", "Field work goes to inspectors only."),
            "unknown_user": QCoreApplication.translate("Reassign", "There is no such user."),
        }
        if exc.code in names:
            return str(names[exc.code])
    return str(desk_message(exc))


class ReassignDialog(QDialog):
    """Reassign the selected cases (`rows`), or every open case of `from_inspector`, to one inspector."""

    reassigned = Signal(dict)  # the server's answer (per-case results)
    previewed = Signal(dict)  # a dry run's answer for the chosen target
    inspectors_loaded = Signal(list)

    def __init__(
        self,
        connection: DeskConnection,
        *,
        rows: Sequence[QueueRow] = (),
        from_inspector: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reassignDialog")
        self.connection = connection
        self.rows = [r for r in rows if r.state not in FINAL]
        self.skipped = [r for r in rows if r.state in FINAL]
        self.from_inspector = from_inspector
        self.answer: dict[str, Any] | None = None
        self.preview: dict[str, Any] | None = None
        self.busy = False
        self._preview_for: str | None = None
        self.setMinimumWidth(600)
        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        self.intro = wrap_label("", self)
        self.intro.setObjectName("reassignIntro")
        layout.addWidget(self.intro)
        self.cases = QListWidget(self)
        self.cases.setObjectName("reassignCases")
        self.cases.setMaximumHeight(touch() * 3)
        for row in self.rows:
            self.cases.addItem(f"{row.official_number or row.code} · {row.inspector} · {row.district} · {row.address}")
        self.cases.setVisible(bool(self.rows))
        layout.addWidget(self.cases)
        self.target_label = QLabel(self)
        layout.addWidget(self.target_label)
        self.target = QComboBox(self)
        self.target.setObjectName("reassignTarget")
        self.target.setMinimumHeight(touch())
        layout.addWidget(self.target)
        self.note_label = QLabel(self)
        layout.addWidget(self.note_label)
        self.note = QPlainTextEdit(self)
        self.note.setObjectName("reassignNote")
        self.note.setMinimumHeight(touch() * 2)
        layout.addWidget(self.note)
        self.summary = wrap_label("", self)
        self.summary.setObjectName("reassignSummary")
        layout.addWidget(self.summary)
        self.results = QListWidget(self)
        self.results.setObjectName("reassignResults")
        self.results.hide()
        layout.addWidget(self.results, 1)
        self.problem = wrap_label("", self)
        self.problem.setObjectName("reassignProblem")
        self.problem.setStyleSheet(error_style())
        layout.addWidget(self.problem)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setObjectName("reassignOk")
        self.cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        for button in (self.ok, self.cancel):
            button.setMinimumHeight(touch())
        self.ok.clicked.connect(self.on_ok_clicked)
        self.cancel.clicked.connect(self.reject)
        layout.addWidget(self.buttons)
        self.target.currentIndexChanged.connect(self.on_target_changed)
        self.note.textChanged.connect(self._check)
        self.retranslate_ui()
        self._load_inspectors()

    # ------------------------------------------------------------ texts

    def retranslate_ui(self) -> None:
        if self.from_inspector is not None:
            self.setWindowTitle(self.tr("Reassign the open cases of %1").replace("%1", self.from_inspector))
            self.intro.setText(
                self.tr(
                    "Every open case %1 holds in your districts goes to another inspector of the case's "
                    "district. %1 stays on record as the reporter."
                ).replace("%1", self.from_inspector)
            )
        else:
            count = str(len(self.rows))
            self.setWindowTitle(self.tr("Reassign %1 cases").replace("%1", count))
            text = self.tr(
                "The field work of these %1 cases (returned cases, verification tasks) goes to another "
                "inspector. The reporting inspector stays on record."
            ).replace("%1", count)
            if self.skipped:
                text += " " + self.tr("%1 closed, rejected or duplicate cases are left out.").replace(
                    "%1", str(len(self.skipped))
                )
            self.intro.setText(text)
        self.target_label.setText(self.tr("To inspector:"))
        self.note_label.setText(self.tr("Why (kept in each case's audit trail):"))
        if self.answer is None:
            self.ok.setText(self.tr("Reassign"))
        self.cancel.setText(self.tr("Close") if self.answer is not None else self.tr("Cancel"))

    # ------------------------------------------------------------ the inspectors

    def districts(self) -> list[str]:
        return sorted({r.district for r in self.rows if r.district})

    def _load_inspectors(self) -> None:
        districts = self.districts()
        self.busy = True
        self.summary.setText(self.tr("Loading the inspectors…"))

        def fetch(client: DeskClient) -> list[dict[str, Any]]:
            return client.inspectors(districts)

        self.connection.call(fetch, self._on_inspectors, self._on_failed, owner=self)

    def _on_inspectors(self, users: list[dict[str, Any]]) -> None:
        self.busy = False
        wanted = set(self.districts())
        self.target.blockSignals(True)
        self.target.clear()
        for user in users:
            name = str(user.get("name"))
            if user.get("disabled") or name == self.from_inspector:
                continue
            theirs = set(user.get("districts") or [])
            label = (
                self.tr("%1 (districts %2; %3 open cases)")
                .replace("%1", name)
                .replace("%2", ", ".join(sorted(theirs)) or "—")
                .replace("%3", str(user.get("open_cases", 0)))
            )
            lacking = sorted(wanted - theirs)
            if lacking:
                label += "  " + self.tr("— not in %1").replace("%1", ", ".join(lacking))
            self.target.addItem(label, name)
        self.target.setCurrentIndex(-1)
        self.target.blockSignals(False)
        self.inspectors_loaded.emit(users)
        if self.target.count() == 0:
            self.summary.setText(self.tr("No other inspector works in these districts."))
        else:
            self.summary.setText(self.tr("Choose the inspector who takes the work over."))
        self._check()

    def choose(self, name: str) -> bool:
        """Choose the target inspector by name (as a user would in the list)."""
        index = self.target.findData(name)
        if index >= 0:
            self.target.setCurrentIndex(index)
        return index >= 0

    # ------------------------------------------------------------ the preview (a dry run)

    def on_target_changed(self) -> None:
        to = self.target.currentData()
        self.preview = None
        self._check()
        if not to:
            return
        target = self._preview_for = str(to)
        self.summary.setText(self.tr("Checking what would move…"))

        def previewed(answer: dict[str, Any]) -> None:
            self._on_preview(target, answer)

        self.connection.call(
            lambda client: self._send(client, target, "-", dry_run=True), previewed, self._on_failed, owner=self
        )

    def _send(self, client: DeskClient, to: str, note: str, *, dry_run: bool) -> dict[str, Any]:
        if self.from_inspector is not None:
            return client.reassign(to, note, from_inspector=self.from_inspector, dry_run=dry_run)
        return client.reassign(to, note, cases=[r.id for r in self.rows], dry_run=dry_run)

    def _on_preview(self, to: str, answer: dict[str, Any]) -> None:
        if to != self._preview_for or self.answer is not None:
            return  # another target was chosen meanwhile, or the reassignment was done
        self.preview = answer
        moving, refused = int(answer.get("reassigned", 0)), int(answer.get("refused", 0))
        lines = [
            self.tr("%1 cases will move to %2.").replace("%1", str(moving)).replace("%2", to),
        ]
        if answer.get("unchanged"):
            lines.append(self.tr("%1 are already with %2.").replace("%1", str(answer["unchanged"])).replace("%2", to))
        if refused:
            lines.append(self.tr("%1 cannot move:").replace("%1", str(refused)))
            lines += ["• " + result_text(r, to) for r in answer.get("results", []) if r.get("outcome") == "refused"]
        if not answer.get("results"):
            lines = [self.tr("%1 holds no open case in your districts.").replace("%1", self.from_inspector or "")]
        self.summary.setText("\n".join(lines))
        self.previewed.emit(answer)
        self._check()

    # ------------------------------------------------------------ doing it

    def _check(self) -> None:
        if self.answer is not None:
            self.ok.setEnabled(False)
            return
        text = self.note.toPlainText()
        missing = ""
        if self.target.currentData() is None:
            missing = ""
        elif not text.strip():
            missing = self.tr("Say why the work is reassigned.")
        elif len(text) > MAX_NOTE:
            missing = self.tr("At most %1 characters.").replace("%1", str(MAX_NOTE))
        self.problem.setText(missing)
        moving = self.preview is not None and int(self.preview.get("reassigned", 0)) > 0
        self.ok.setEnabled(not self.busy and moving and not missing and self.target.currentData() is not None)

    def on_ok_clicked(self) -> None:
        to = self.target.currentData()
        note = self.note.toPlainText().strip()
        if not to or not note:
            return
        self.busy = True
        self._check()
        self.summary.setText(self.tr("Reassigning…"))
        self.connection.call(
            lambda client: self._send(client, str(to), note, dry_run=False),
            self._on_done,
            self._on_failed,
            owner=self,
        )

    def _on_done(self, answer: dict[str, Any]) -> None:
        self.busy = False
        self.answer = answer
        to = str(answer.get("to") or "")
        self.results.clear()
        for result in answer.get("results", []):
            item = QListWidgetItem(result_text(result, to))
            item.setData(Qt.ItemDataRole.UserRole, result.get("id"))
            if result.get("outcome") == "refused":
                item.setForeground(Qt.GlobalColor.darkRed)
            self.results.addItem(item)
        self.results.show()
        self.cases.hide()
        done, total = int(answer.get("reassigned", 0)), len(answer.get("results", []))
        self.summary.setText(
            self.tr("Reassigned %1 of %2 cases to %3.")
            .replace("%1", str(done))
            .replace("%2", str(total))
            .replace("%3", to)
        )
        self.target.setEnabled(False)
        self.note.setReadOnly(True)
        self.retranslate_ui()
        self._check()
        self.reassigned.emit(answer)

    def _on_failed(self, exc: BaseException) -> None:
        self.busy = False
        self.summary.setText("")
        self.problem.setText(request_error_text(exc))
        self._check()


def count_text(answer: Mapping[str, Any]) -> str:
    """The queue's one-line summary of a reassignment."""
    done, total = int(answer.get("reassigned", 0)), len(answer.get("results", []))
    return (
        QCoreApplication.translate("Reassign", "Reassigned %1 of %2 cases to %3.")
        .replace("%1", str(done))
        .replace("%2", str(total))
        .replace("%3", str(answer.get("to") or ""))
    )


__all__ = ["ReassignDialog", "count_text", "refusal_text", "result_text"]
