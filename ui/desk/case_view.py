"""The case view of the desk: everything a supervisor needs to decide, and the decisions.

Facts (type, hazard, inspector, district, official number), the deadlines with the time left
(working hours on the bureau's calendar), the location, the inspector's notes, fields and
officers, the photos at full size with their EXIF and hash check, nearby cases of the same
type (possible duplicates) and the audit trail. The decision buttons are those the shared state
machine allows this role in this state; a refused decision (409: someone decided first, the
state moved) is explained in the view, which then shows the case as it now stands.
"""

from __future__ import annotations

import importlib.util
import logging
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

import ui.pyside_fix  # noqa: F401  (PySide6 6.12.0 drops references to None/True: see there)
from app import desk
from app.desk import DeskClient, DeskError
from app.domain.calendar import WorkingCalendar
from app.domain.catalogue import Catalogue
from ui.desk.connection import DeskConnection, desk_message
from ui.desk.decisions import DecisionDialog, action_name, actions_for, milestone_name, unit_name
from ui.desk.photos import FullPhotoDialog, PhotoTile, exif_lines, thumbnail
from ui.desk.queue_model import format_left, holder_text, short_time
from ui.errors import state_name
from ui.theme import badge_colors, current_theme_name, palette_colors
from ui.widgets.common import Section, clear_layout, error_style, heading_label, touch_button, wrap_label

log = logging.getLogger(__name__)


def dossier_available() -> bool:
    """The PDF dossier (ui/desk/dossier.py, written alongside) is part of this build."""
    return importlib.util.find_spec("ui.desk.dossier") is not None


class CaseView(QWidget):
    decided = Signal(dict)  # the case after a decision
    open_case = Signal(str)  # a nearby case was chosen
    loaded = Signal(str)  # the case id, once its facts are shown

    def __init__(
        self,
        connection: DeskConnection,
        catalogue: Catalogue,
        calendar: WorkingCalendar,
        *,
        language: str = "zh_CN",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("caseView")
        self.connection = connection
        self.catalogue, self.calendar, self.language = catalogue, calendar, language
        self.case: dict[str, Any] | None = None
        self.log: dict[str, Any] | None = None
        self.nearby: list[dict[str, Any]] = []
        self.photos: dict[str, bytes] = {}
        self.images: dict[str, QImage] = {}
        self.hash_status: dict[str, str] = {}
        self.tiles: dict[str, PhotoTile] = {}
        self.dialog: DecisionDialog | None = None
        self.viewer: FullPhotoDialog | None = None
        self.busy = False
        self._case_id: str | None = None
        self._generation = 0

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.stack = QStackedWidget(self)
        outer.addWidget(self.stack)
        # Empty and failed states.
        self.empty = wrap_label("", self.stack)
        self.empty.setObjectName("caseViewEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(self.empty)
        failed = QWidget(self.stack)
        failed_layout = QVBoxLayout(failed)
        failed_layout.addStretch(1)
        self.failure = wrap_label("", failed)
        self.failure.setObjectName("caseViewFailure")
        self.failure.setStyleSheet(error_style())
        self.failure.setAlignment(Qt.AlignmentFlag.AlignCenter)
        failed_layout.addWidget(self.failure)
        self.retry_button = touch_button("", failed, object_name="caseRetry")
        self.retry_button.clicked.connect(self.reload)
        failed_layout.addWidget(self.retry_button, 0, Qt.AlignmentFlag.AlignCenter)
        failed_layout.addStretch(2)
        self.stack.addWidget(failed)
        self.failed_page = failed

        # The case.
        page = QWidget(self.stack)
        page_layout = QVBoxLayout(page)
        page_layout.setContentsMargins(8, 8, 8, 8)
        self.title = heading_label("", page, scale=1.3)
        self.title.setObjectName("caseTitle")
        self.badge = QLabel(page)
        self.badge.setObjectName("caseState")
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignTop)
        page_layout.addLayout(top)
        self.notice = wrap_label("", page)
        self.notice.setObjectName("caseNotice")
        self.notice.hide()
        page_layout.addWidget(self.notice)
        actions_row = QHBoxLayout()
        self.actions_bar = QGridLayout()  # the decisions, three to a row, so each keeps its whole name
        self.actions_bar.setSpacing(8)
        actions_row.addLayout(self.actions_bar)
        actions_row.addStretch(1)
        page_layout.addLayout(actions_row)
        self.action_buttons: dict[str, Any] = {}
        scroll = QScrollArea(page)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget(scroll)
        self.body = QVBoxLayout(body)
        self.facts = Section("", body)
        self.facts_text = wrap_label("", self.facts, selectable=True)
        self.facts_text.setObjectName("caseFacts")
        self.facts.layout().addWidget(self.facts_text)
        self.deadlines = Section("", body)
        self.deadlines_text = wrap_label("", self.deadlines, selectable=True)
        self.deadlines_text.setObjectName("caseDeadlines")
        self.deadlines.layout().addWidget(self.deadlines_text)
        self.location = Section("", body)
        self.location_text = wrap_label("", self.location, selectable=True)
        self.location_text.setObjectName("caseLocation")
        self.location.layout().addWidget(self.location_text)
        self.notes = Section("", body)
        self.notes_text = wrap_label("", self.notes, selectable=True)
        self.notes_text.setObjectName("caseNotes")
        self.notes.layout().addWidget(self.notes_text)
        self.photos_section = Section("", body)
        self.photos_box = QVBoxLayout()
        self.photos_section.layout().addLayout(self.photos_box)
        self.nearby_section = Section("", body)
        self.nearby_list = QListWidget(self.nearby_section)
        self.nearby_list.setObjectName("nearbyList")
        self.nearby_list.setMaximumHeight(160)
        self.nearby_list.itemActivated.connect(self.on_nearby_list_item_activated)
        self.nearby_list.itemClicked.connect(self.on_nearby_list_item_activated)
        self.nearby_section.layout().addWidget(self.nearby_list)
        self.trail = Section("", body)
        self.trail_list = QListWidget(self.trail)
        self.trail_list.setObjectName("auditTrail")
        self.trail_list.setWordWrap(True)
        self.trail_list.setMinimumHeight(200)
        self.trail.layout().addWidget(self.trail_list)
        self.trail_problems = wrap_label("", self.trail)
        self.trail_problems.setStyleSheet(error_style())
        self.trail.layout().addWidget(self.trail_problems)
        for section in (
            self.facts,
            self.deadlines,
            self.notes,
            self.location,
            self.photos_section,
            self.nearby_section,
            self.trail,
        ):
            section.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
            self.body.addWidget(section)
        self.body.addStretch(1)
        scroll.setWidget(body)
        self.scroll = scroll
        page_layout.addWidget(scroll, 1)
        self.stack.addWidget(page)
        self.case_page = page
        self.dossier_button = touch_button("", page, object_name="printDossier")
        self.dossier_button.clicked.connect(self.on_dossier_button_clicked)
        actions_row.addWidget(self.dossier_button, 0, Qt.AlignmentFlag.AlignTop)
        self.setMinimumWidth(480)
        self.retranslate_ui()
        self.stack.setCurrentWidget(self.empty)

    # ------------------------------------------------------------ loading

    @property
    def role(self) -> str:
        login = self.connection.login
        return login.role if login else ""

    def clear(self) -> None:
        self._generation += 1
        self._case_id = None
        self.case = None
        self.stack.setCurrentWidget(self.empty)

    def show_case(self, case_id: str, *, notice: str = "") -> None:
        """Load and show a case (asynchronously; `loaded` says when its facts are shown)."""
        self._generation += 1
        generation = self._generation
        if case_id != self._case_id:
            self.photos, self.images, self.hash_status = {}, {}, {}
        self._case_id = case_id
        self._pending_notice = notice

        def fetch(client: DeskClient) -> tuple[dict[str, Any], dict[str, Any]]:
            return client.case(case_id), client.log(case_id)

        def done(answer: tuple[dict[str, Any], dict[str, Any]]) -> None:
            if generation != self._generation:
                return
            case, log_ = answer
            self._show(case, log_)
            self._load_nearby(case, generation)
            self._load_photos(case, generation)
            self.loaded.emit(case_id)

        def failed(exc: BaseException) -> None:
            if generation != self._generation:
                return
            self.failure.setText(desk_message(exc))
            self.stack.setCurrentWidget(self.failed_page)

        self.connection.call(fetch, done, failed, owner=self, retry=True)

    def reload(self) -> None:
        if self._case_id:
            self.show_case(self._case_id)

    def _load_nearby(self, case: dict[str, Any], generation: int) -> None:
        def fetch(client: DeskClient) -> list[dict[str, Any]]:
            return client.nearby(case)

        def done(found: list[dict[str, Any]]) -> None:
            if generation == self._generation:
                self.nearby = found
                self._show_nearby()

        def failed(exc: BaseException) -> None:
            if generation == self._generation:
                self.nearby = []
                self.nearby_list.clear()
                self.nearby_list.addItem(desk_message(exc))

        self.connection.call(fetch, done, failed, owner=self)

    def photo_list(self) -> list[dict[str, Any]]:
        """The case's evidence photos, then the photos of its disposals (from the audit trail's `dispose`
        events), each once."""
        photos = [dict(p) for p in (self.case or {}).get("photos") or []]
        seen = {str(p.get("sha256")) for p in photos}
        for event in (self.log or {}).get("events") or []:
            if event.get("action") != "dispose":
                continue
            for sha in (event.get("changes") or {}).get("photos") or []:
                if isinstance(sha, str) and sha not in seen:
                    seen.add(sha)
                    photos.append({"sha256": sha, "kind": "after_disposal", "disposal": True})
        return photos

    def _load_photos(self, case: dict[str, Any], generation: int) -> None:
        for photo in self.photo_list():
            sha = str(photo.get("sha256"))
            if sha in self.images:
                self._photo_loaded(sha, self.images[sha], self.hash_status.get(sha, "verified"))
                continue

            def fetch(client: DeskClient, sha: str = sha) -> tuple[str, bytes, bool, QImage, QImage]:
                blob = client.blob(sha)
                full, small = thumbnail(blob.data)
                return sha, blob.data, blob.verified, full, small

            def done(answer: tuple[str, bytes, bool, QImage, QImage]) -> None:
                sha_, data, verified, full, small = answer
                self.photos[sha_] = data
                self.images[sha_] = full
                self.hash_status[sha_] = "verified" if verified else "mismatch"
                if generation == self._generation:
                    self._photo_loaded(sha_, small, self.hash_status[sha_])

            def failed(exc: BaseException, sha: str = sha) -> None:
                self.hash_status[sha] = "failed"
                if generation == self._generation and sha in self.tiles:
                    self.tiles[sha].set_loaded(None, "failed")

            self.connection.call(fetch, done, failed, owner=self, retry=False)

    def _photo_loaded(self, sha: str, image: QImage, status: str) -> None:
        tile = self.tiles.get(sha)
        if tile is None:
            return
        if image.width() > 200 or image.height() > 200:
            from ui.desk.photos import THUMB

            image = image.scaled(THUMB, THUMB, Qt.AspectRatioMode.KeepAspectRatio)
        tile.set_loaded(image, status)

    @property
    def photos_done(self) -> bool:
        return all(str(p.get("sha256")) in self.hash_status for p in self.photo_list())

    # ------------------------------------------------------------ showing

    def _subtype_name(self, case: Mapping[str, Any]) -> str:
        try:
            return self.catalogue.subtype(str(case.get("type")), str(case.get("subtype"))).name(self.language)
        except Exception:
            return str(case.get("subtype") or "")

    def _type_name(self, case: Mapping[str, Any]) -> str:
        found = next((t for t in self.catalogue.types if t.code == case.get("type")), None)
        return found.name(self.language) if found else str(case.get("type") or "")

    def _hazard_name(self, code: str) -> str:
        found = next((h for h in self.catalogue.hazard_levels if h.code == code), None)
        return found.name(self.language) if found else code

    def _kind_name(self, code: str) -> str:
        found = next((k for k in self.catalogue.shot_kinds if k.code == code), None)
        return found.name(self.language) if found else code

    def _show(self, case: dict[str, Any], log_: dict[str, Any]) -> None:
        self.case, self.log = case, log_
        code = case.get("official_number") or case.get("code") or ""
        urgent = case.get("hazard") == "urgent"
        self.title.setText(("⚠ " if urgent else "") + f"{self._subtype_name(case)} · {code}")
        state = str(case.get("status") or "")
        bg, fg = badge_colors(state, current_theme_name())
        self.badge.setText(state_name(state))
        self.badge.setStyleSheet(
            f"background: {bg.name()}; color: {fg.name()}; padding: 6px 12px; border-radius: 12px; font-weight: bold;"
        )
        server = case.get("server") or {}
        lines = [
            self.tr("Type: %1 — %2").replace("%1", self._type_name(case)).replace("%2", self._subtype_name(case)),
            self.tr("Hazard: %1").replace("%1", self._hazard_name(str(case.get("hazard") or ""))),
            self.tr("Case code: %1").replace("%1", str(case.get("code") or "")),
            self.tr("Official number: %1").replace("%1", str(case.get("official_number") or self.tr("not filed yet"))),
            self.tr("District: %1").replace("%1", str(case.get("district") or "—")),
            self._people(case),
            self.tr("Observed: %1").replace("%1", short_time(str(case.get("observed_at") or ""))),
            self.tr("Received: %1").replace("%1", short_time(str(server.get("received_at") or ""))),
        ]
        if case.get("unit"):
            lines.append(
                self.tr("Disposal unit: %1").replace("%1", unit_name(self.catalogue, case["unit"], self.language))
            )
        if server.get("reworks"):
            lines.append(self.tr("Reworks: %1").replace("%1", str(server["reworks"])))
        if case.get("review_note"):
            lines.append(self.tr("Review note: %1").replace("%1", str(case["review_note"])))
        self.facts_text.setText("\n".join(lines))
        self._show_deadlines(case)
        where = case.get("location") or {}
        if where.get("lat") is not None and where.get("lon") is not None:
            position = f"{float(where['lat']):.6f}, {float(where['lon']):.6f}"
            if where.get("accuracy_m") is not None:
                position += " " + self.tr("(±%1 m)").replace("%1", f"{float(where['accuracy_m']):.0f}")
        else:
            position = self.tr("no location")
        grid = case.get("grid")
        self.location_text.setText(
            "\n".join(
                x
                for x in (
                    self.tr("Address: %1").replace("%1", str(case.get("address") or "—")),
                    self.tr("Position (WGS-84): %1").replace("%1", position),
                    self.tr("Grid: %1").replace("%1", str(grid)) if grid else "",
                )
                if x
            )
        )
        self._show_notes(case)
        self._show_photos(case)
        self._show_trail(log_)
        self._show_actions(state)
        notice, self._pending_notice = getattr(self, "_pending_notice", ""), ""
        self.say(notice, error=bool(notice))
        self.stack.setCurrentWidget(self.case_page)

    def _people(self, case: Mapping[str, Any]) -> str:
        """Who reported the case, and who holds its field work now when a reassignment moved it."""
        reporter = str(case.get("inspector") or "")
        holder = str(case.get("assignee") or "")
        if holder and holder != reporter:
            return holder_text(reporter, holder)
        return self.tr("Inspector: %1").replace("%1", reporter or "—")

    def _show_deadlines(self, case: Mapping[str, Any]) -> None:
        now = datetime.now(UTC)
        try:
            items = desk.deadlines_of(case, self.catalogue, self.calendar, now)
        except (ValueError, KeyError):
            items = []
        if not items:
            self.deadlines_text.setText(self.tr("No deadlines yet (they start at dispatch)."))
            self.deadlines_text.setStyleSheet("")
            return
        lines = []
        for d in items:
            name = milestone_name(self.catalogue, case, d.milestone, self.language)
            due = d.due_at.astimezone(self.calendar.tz).strftime("%Y-%m-%d %H:%M")
            if d.met_at is not None:
                state = self.tr("met %1").replace(
                    "%1", d.met_at.astimezone(self.calendar.tz).strftime("%Y-%m-%d %H:%M")
                )
            else:
                state = format_left(d.hours_left)
                state += " " + (self.tr("(working hours)") if d.clock == "working" else self.tr("(clock hours)"))
            flags = (" · " + self.tr("deferred")) if d.deferred else ""
            due_text = self.tr("due %1").replace("%1", due)
            lines.append(f"{name}: {due_text} — {state}{flags}")
        self.deadlines_text.setText("\n".join(lines))
        late = any(d.overdue and d.met_at is None for d in items)
        self.deadlines_text.setStyleSheet(error_style() if late else "")

    def _show_notes(self, case: Mapping[str, Any]) -> None:
        lines = [self.tr("Description: %1").replace("%1", str(case.get("description") or "—"))]
        fields = case.get("fields") or {}
        case_type = next((t for t in self.catalogue.types if t.code == case.get("type")), None)
        for key, value in fields.items():
            spec = case_type.field(key) if case_type else None
            label = spec.name(self.language) if spec else key
            if spec is not None and spec.kind == "owner":
                owner = self.catalogue.owner(str(value))
                value = owner.name(self.language) if owner else value
            elif spec is not None and spec.kind == "yes_no" and str(value).lower() in ("yes", "no", "true", "false"):
                value = self.tr("yes") if str(value).lower() in ("yes", "true") else self.tr("no")
            elif spec is not None and spec.choices:
                choice = next((c for c in spec.choices if c.code == str(value)), None)
                value = choice.name(self.language) if choice else value
            lines.append(f"{label}: {value}")
        officers = case.get("officers") or []
        if officers:
            lines.append(self.tr("Officers:"))
            lines.extend(
                "  • "
                + self.tr("%1, certificate %2")
                .replace("%1", str(o.get("name")))
                .replace("%2", str(o.get("certificate")))
                for o in officers
            )
        else:
            lines.append(self.tr("Officers: none recorded"))
        self.notes_text.setText("\n".join(lines))

    def _show_photos(self, case: Mapping[str, Any]) -> None:
        clear_layout(self.photos_box)
        self.tiles = {}
        photos = self.photo_list()
        if not photos:
            self.photos_box.addWidget(wrap_label(self.tr("No photos."), self.photos_section))
        heading = False
        for photo in photos:
            if photo.get("disposal") and not heading:
                heading = True
                label = QLabel(self.tr("Photos of the disposal (from the unit's report):"), self.photos_section)
                label.setObjectName("disposalPhotosHeading")
                self.photos_box.addWidget(label)
            tile = PhotoTile(photo, self._kind_name(str(photo.get("kind") or "")), self.photos_section)
            tile.opened.connect(self.open_photo)
            self.tiles[tile.sha256] = tile
            self.photos_box.addWidget(tile)
            status = self.hash_status.get(tile.sha256)
            if status is not None and tile.sha256 in self.images:
                self._photo_loaded(tile.sha256, self.images[tile.sha256], status)

    def _show_nearby(self) -> None:
        self.nearby_list.clear()
        if not self.nearby:
            self.nearby_list.addItem(self.tr("No cases of this type within 100 m."))
            return
        for other in self.nearby:
            text = " · ".join(
                x
                for x in (
                    f"{float(other.get('distance_m', 0)):.0f} m",
                    self._subtype_name(other),
                    str(other.get("official_number") or other.get("code") or ""),
                    state_name(str(other.get("status") or "")),
                    str(other.get("address") or ""),
                )
                if x
            )
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, other.get("id"))
            self.nearby_list.addItem(item)

    def _show_trail(self, log_: Mapping[str, Any]) -> None:
        self.trail_list.clear()
        for event in log_.get("events") or []:
            moves = ""
            if event.get("from") != event.get("to") and event.get("to"):
                moves = f" ({state_name(str(event.get('from') or '—'))} → {state_name(str(event['to']))})"
            changes = event.get("changes") or {}
            if event.get("action") == "reassign" and changes.get("to"):
                moves = f" ({changes.get('from') or '—'} → {changes['to']})"
            said = " ".join(
                str(changes[k]) for k in ("note", "reason", "unit", "official_number", "duplicate_of") if changes.get(k)
            )
            when = short_time(str(event.get("at") or ""))
            text = f"{when}  {event.get('actor')} [{event.get('role')}]  {event.get('action')}{moves}"
            if said:
                text += f"\n    {said}"
            self.trail_list.addItem(text)
        problems = log_.get("problems") or []
        self.trail_problems.setText(
            (self.tr("The audit chain is broken:") + "\n" + "\n".join(problems)) if problems else ""
        )

    def _show_actions(self, state: str) -> None:
        clear_layout(self.actions_bar)
        self.action_buttons = {}
        for action in actions_for(state, self.role):
            button = touch_button(action_name(action), self.case_page, object_name=f"action_{action}")
            button.setProperty("primary", action in ("file", "dispatch", "close", "dispose"))
            button.clicked.connect(lambda _=False, a=action: self.start_decision(a))
            button.setEnabled(not self.busy)
            self.action_buttons[action] = button
            n = len(self.action_buttons) - 1
            self.actions_bar.addWidget(button, n // 3, n % 3)
        if not self.action_buttons:
            none = wrap_label(self.tr("No decision is open to you in this state."), self.case_page)
            none.setMinimumWidth(240)
            self.actions_bar.addWidget(none, 0, 0)

    def say(self, text: str, *, error: bool = False) -> None:
        self.notice.setText(text)
        self.notice.setVisible(bool(text))
        if error:
            self.notice.setStyleSheet(error_style())
        else:
            colors = palette_colors(current_theme_name())
            self.notice.setStyleSheet(
                f"background: {colors['warning_bg'].name()}; color: {colors['warning_text'].name()}; padding: 6px;"
            )

    # ------------------------------------------------------------ photos

    def open_photo(self, sha: str) -> None:
        if self.case is None:
            return
        shown = []
        index = 0
        for photo in self.photo_list():
            key = str(photo.get("sha256"))
            image = self.images.get(key)
            if image is None:
                continue
            if key == sha:
                index = len(shown)
            text = "\n".join(exif_lines(photo, self._kind_name(str(photo.get("kind") or ""))))
            status = self.hash_status.get(key)
            from ui.desk.photos import hash_status_text

            text += (
                "\n\nSHA-256:\n" + " ".join(key[i : i + 8] for i in range(0, 64, 8)) + "\n" + hash_status_text(status)
            )
            shown.append((image, text))
        if not shown:
            return
        self.viewer = FullPhotoDialog(shown, index, self)
        self.viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.viewer.open()

    def on_nearby_list_item_activated(self, item: QListWidgetItem) -> None:
        case_id = item.data(Qt.ItemDataRole.UserRole)
        if case_id:
            self.open_case.emit(str(case_id))

    # ------------------------------------------------------------ decisions

    def start_decision(self, action: str) -> DecisionDialog | None:
        """Open the dialog of `action`; on OK the decision is sent (photos uploaded first)."""
        if self.case is None or self.busy:
            return None
        dialog = DecisionDialog(
            action,
            self.case,
            self.catalogue,
            self.calendar,
            language=self.language,
            candidates=self.nearby,
            parent=self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.send_decision(action, dialog.fields(), list(dialog.photo_paths)))
        self.dialog = dialog
        dialog.open()
        return dialog

    def send_decision(self, action: str, fields: dict[str, Any], photo_paths: list[Path] | None = None) -> None:
        case = self.case
        if case is None:
            return
        case_id = str(case["id"])
        version = (case.get("server") or {}).get("version")
        paths = list(photo_paths or [])

        def work(client: DeskClient) -> dict[str, Any]:
            body = dict(fields)
            if paths:
                body["photos"] = [client.upload_photo(p.read_bytes()) for p in paths]
            return client.decide(case_id, action, version=version, **body)

        self._set_busy(True)
        self.say(self.tr("Sending the decision…"))
        self.connection.call(work, self._on_decided, lambda exc: self._on_refused(action, exc), owner=self)

    def _on_decided(self, case: dict[str, Any]) -> None:
        self._set_busy(False)
        self.decided.emit(case)
        self.show_case(str(case["id"]))

    def _on_refused(self, action: str, exc: BaseException) -> None:
        self._set_busy(False)
        text = self.tr("%1 was not recorded.").replace("%1", action_name(action)) + "\n" + desk_message(exc)
        if isinstance(exc, DeskError) and exc.kind in (desk.CONFLICT, desk.NOT_FOUND):
            text += "\n" + self.tr("The case is shown again as it now stands.")
            self.show_case(str(self.case["id"]) if self.case else "", notice=text)
            return
        self.say(text, error=True)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for button in self.action_buttons.values():
            button.setEnabled(not busy)

    # ------------------------------------------------------------ dossier

    def on_dossier_button_clicked(self) -> None:
        if self.case is None or self.log is None:
            return
        code = str(self.case.get("official_number") or self.case.get("code") or "case")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the dossier"), f"{code}.pdf", "PDF (*.pdf)")
        if path:
            self.write_dossier(Path(path))

    def write_dossier(self, path: Path) -> None:
        """The case's PDF dossier (ui/desk/dossier.py) with every photo, written off the GUI thread."""
        case, log_ = dict(self.case or {}), dict(self.log or {})
        wanted = [str(p.get("sha256")) for p in case.get("photos") or []]
        have = dict(self.photos)
        language = self.language

        def work(client: DeskClient) -> Path:
            from ui.desk.dossier import write_dossier

            photos = {sha: have[sha] if sha in have else client.blob(sha).data for sha in wanted}
            write_dossier(path, case, log_, photos, language=language)
            return path

        self.say(self.tr("Writing the dossier…"))
        self.connection.call(
            work,
            lambda p: self.say(self.tr("Dossier saved: %1").replace("%1", str(p))),
            lambda exc: self.say(desk_message(exc), error=True),
            owner=self,
        )

    # ------------------------------------------------------------ language

    def retranslate_ui(self) -> None:
        self.empty.setText(self.tr("Choose a case in the queue to see it here."))
        self.dossier_button.setVisible(dossier_available() and self.role in ("supervisor", "admin"))
        self.retry_button.setText(self.tr("Try again"))
        self.facts.set_title(self.tr("Case"))
        self.deadlines.set_title(self.tr("Deadlines"))
        self.location.set_title(self.tr("Location"))
        self.notes.set_title(self.tr("Inspector's notes and officers"))
        self.photos_section.set_title(self.tr("Photos (click for full size)"))
        self.nearby_section.set_title(self.tr("Nearby cases of the same type (possible duplicates)"))
        self.trail.set_title(self.tr("Audit trail"))
        self.dossier_button.setText(self.tr("Print dossier (PDF)"))
        if self.case is not None and self.log is not None:
            self._show(self.case, self.log)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.LanguageChange:
            from ui.i18n import current_language

            self.language = current_language()
            self.retranslate_ui()
        super().changeEvent(event)


__all__ = ["CaseView", "QCoreApplication", "dossier_available"]
