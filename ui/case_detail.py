"""The case detail page: photos, location, fields, officers, the timeline from the audit trail, and the
reviewer's note when a case comes back; with the actions its state allows (edit, submit, withdraw)."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.domain import states
from app.domain.audit import AuditEvent
from app.domain.case import Case
from app.domain.errors import Problem
from ui.camera import CaptureSource
from ui.errors import show_error
from ui.focus import ensure_focus_visible
from ui.session import Session
from ui.widgets.common import (
    PageTasks,
    ResponsiveColumns,
    Section,
    clear_layout,
    confirm,
    format_time,
    heading_label,
    touch_button,
    wrap_label,
)
from ui.widgets.icons import icon
from ui.widgets.labels import (
    event_detail,
    event_title,
    field_value,
    hazard_name,
    kind_name,
    problem_text,
    source_name,
    state_name,
    subtype_name,
    sync_name,
    type_name,
    who,
)
from ui.widgets.location import accuracy_text, format_location
from ui.widgets.photo_strip import PhotoListModel, PhotoStrip, request_thumbnails
from ui.widgets.verify_panel import VerifyPanel

log = logging.getLogger(__name__)

_FINAL_REASON_ACTIONS = ("reject", "duplicate", "return", "close")


# Sync states take badge colours of their own, apart from the case states': on the tablet only
# (grey), waiting (amber), synced (green), refused by the server (red).
SYNC_BADGE = {"local": "draft", "pending": "waiting", "syncing": "waiting", "synced": "done", "failed": "returned"}
SYNC_ICONS = {
    "local": "local",
    "pending": "sync_pending",
    "syncing": "sync_pending",
    "synced": "synced",
    "failed": "sync_failed",
}


def sync_badge_colors(sync: str, theme_name: str) -> tuple[QColor, QColor]:
    """(background, text) of a sync state's badge in a theme."""
    from ui.theme import theme

    t = theme(theme_name)
    group = SYNC_BADGE.get(sync, "draft")
    return t.color(f"badge_{group}_bg"), t.color(f"badge_{group}_text")


def sync_problem(tablet: Any, case: Case) -> str:
    """Why the server refused the case's latest revision (worker thread), "" if it said nothing."""
    return str(tablet.sync_problem(case.id) or "")


def collapse_edits(events: list[AuditEvent]) -> list[tuple[AuditEvent, int, list[AuditEvent]]]:
    """Timeline entries: a run of autosaved edits by one person shows as one entry (event, count, run)."""
    out: list[tuple[AuditEvent, int, list[AuditEvent]]] = []
    for event in events:
        if (
            out
            and event.action == "edit"
            and out[-1][0].action == "edit"
            and out[-1][0].actor == event.actor
            and out[-1][0].device == event.device
        ):
            first, count, run = out[-1]
            out[-1] = (first, count + 1, run + [event])
        else:
            out.append((event, 1, [event]))
    return out


def merged_edit(run: list[AuditEvent]) -> AuditEvent:
    """One edit event whose changes list every key a run of edits touched (for its one-line detail)."""
    changes: dict[str, Any] = {}
    for event in run:
        for key, value in (event.changes or {}).items():
            if key == "fields" and isinstance(value, dict):
                changes.setdefault("fields", {}).update(value)
            else:
                changes[key] = value
    last = run[-1]
    return AuditEvent(
        last.seq,
        last.case_id,
        last.at,
        last.actor,
        last.role,
        last.device,
        last.action,
        last.from_state,
        last.to_state,
        changes,
        last.prev,
        last.hash,
    )


class CaseDetailPage(QWidget):
    back_requested = Signal()
    edit_requested = Signal(str)
    submitted = Signal(str)
    withdrawn = Signal(str)
    loaded = Signal(str)

    verified = Signal(str)

    def __init__(
        self,
        session: Session,
        parent: QWidget | None = None,
        *,
        actions: bool = True,
        capture_source: CaptureSource | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("caseDetailPage")
        self.session = session
        self._tasks = PageTasks(self, session)
        self._case: Case | None = None
        self._events: list[AuditEvent] = []
        self._sync_problem = ""
        self._case_id: str | None = None
        self._actions = actions
        self._problems: list[Problem] = []
        self._generation = 0
        self._viewer: QDialog | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)

        header = QFrame(self)
        header.setObjectName("headerBar")
        head = QHBoxLayout(header)
        head.setContentsMargins(12, 8, 16, 8)
        self.back_button = touch_button("", header, icon=icon("back", 32), object_name="detailBack")
        self.back_button.clicked.connect(self.back_requested)
        head.addWidget(self.back_button)
        self.type_icon = QLabel(header)
        head.addWidget(self.type_icon)
        titles = QVBoxLayout()
        titles.setSpacing(2)
        self.title = heading_label("", header, scale=1.2)
        self.title.setObjectName("detailTitle")
        self.subtitle = wrap_label("", header, selectable=True)
        self.subtitle.setObjectName("detailSubtitle")
        self.subtitle.setProperty("muted", True)
        titles.addWidget(self.title)
        titles.addWidget(self.subtitle)
        head.addLayout(titles, 1)
        self.state_chip = QLabel(header)
        self.state_chip.setObjectName("stateChip")
        self.state_chip.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # The sync state is a badge of its own (icon and colour of its own): it says where the case's
        # copy is, not where the case is in the bureau's process.
        self.sync_badge = QFrame(header)
        self.sync_badge.setObjectName("syncBadge")
        sync_row = QHBoxLayout(self.sync_badge)
        sync_row.setContentsMargins(10, 2, 12, 2)
        sync_row.setSpacing(6)
        self.sync_icon = QLabel(self.sync_badge)
        self.sync_icon.setObjectName("syncIcon")
        self.sync_chip = QLabel(self.sync_badge)
        self.sync_chip.setObjectName("syncChip")
        self.sync_chip.setAlignment(Qt.AlignmentFlag.AlignCenter)
        sync_row.addStretch(1)
        sync_row.addWidget(self.sync_icon)
        sync_row.addWidget(self.sync_chip)
        sync_row.addStretch(1)
        chips = QVBoxLayout()
        chips.addWidget(self.state_chip)
        chips.addWidget(self.sync_badge)
        head.addLayout(chips)
        layout.addWidget(header)

        self.scroll = QScrollArea(self)
        self.scroll.setObjectName("detailScroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        content = QWidget(self.scroll)
        content.setObjectName("detailContent")
        body = QVBoxLayout(content)
        body.setContentsMargins(16, 16, 16, 16)
        body.setSpacing(16)

        self.review_banner = QFrame(content)
        self.review_banner.setObjectName("reviewBanner")
        self.review_banner.setProperty("banner", "warning")
        banner = QVBoxLayout(self.review_banner)
        self.review_title = QLabel(self.review_banner)
        self.review_title.setWordWrap(True)
        self.review_note = wrap_label("", self.review_banner, selectable=True)
        self.review_note.setObjectName("reviewNote")
        font = self.review_note.font()
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * 1.2)
        self.review_note.setFont(font)
        banner.addWidget(self.review_title)
        banner.addWidget(self.review_note)
        self.review_banner.hide()
        body.addWidget(self.review_banner)

        self.sync_problem_banner = QFrame(content)
        self.sync_problem_banner.setObjectName("syncProblemBanner")
        self.sync_problem_banner.setProperty("banner", "warning")
        sync_problem = QVBoxLayout(self.sync_problem_banner)
        self.sync_problem_title = QLabel(self.sync_problem_banner)
        self.sync_problem_title.setWordWrap(True)
        self.sync_problem_text = wrap_label("", self.sync_problem_banner, selectable=True)
        self.sync_problem_text.setObjectName("syncProblemText")
        sync_problem.addWidget(self.sync_problem_title)
        sync_problem.addWidget(self.sync_problem_text)
        self.sync_problem_banner.hide()
        body.addWidget(self.sync_problem_banner)

        self.problems_box = QFrame(content)
        self.problems_box.setObjectName("problemsBox")
        self.problems_box.setProperty("banner", "warning")
        problems = QVBoxLayout(self.problems_box)
        self.problems_title = QLabel(self.problems_box)
        self.problems_list = wrap_label("", self.problems_box)
        self.problems_list.setObjectName("problemsList")
        problems.addWidget(self.problems_title)
        problems.addWidget(self.problems_list)
        self.problems_box.hide()
        body.addWidget(self.problems_box)

        # A disposed case is a verification task: the inspector answers it here, on site.
        self.verify_panel = VerifyPanel(session, content, capture_source=capture_source)
        self.verify_panel.answered.connect(self.on_verify_panel_answered)
        self.verify_panel.hide()
        body.addWidget(self.verify_panel)

        self.photos_section = Section("", content)
        self.photos_section.setObjectName("gallerySection")
        self.photo_model = PhotoListModel(self._kind_name, self, thumb_side=200)
        self.gallery = PhotoStrip(self.photos_section, gallery=True, thumb_side=200)
        self.gallery.setObjectName("gallery")
        self.gallery.setModel(self.photo_model)
        self.gallery.activated.connect(self.on_gallery_activated)
        self.gallery.clicked.connect(self.on_gallery_activated)
        self.photos_section.body.addWidget(self.gallery)

        self.location_section = Section("", content)
        self.location_section.setObjectName("detailLocation")
        self.location_grid = QGridLayout()
        self.location_section.body.addLayout(self.location_grid)

        self.about_section = Section("", content)
        self.about_section.setObjectName("detailAbout")
        self.about_grid = QGridLayout()
        self.about_section.body.addLayout(self.about_grid)

        self.fields_section = Section("", content)
        self.fields_section.setObjectName("detailFields")
        self.fields_grid = QGridLayout()
        self.fields_section.body.addLayout(self.fields_grid)

        self.party_section = Section("", content)
        self.party_section.setObjectName("detailParty")
        self.party_grid = QGridLayout()
        self.party_section.body.addLayout(self.party_grid)

        self.officers_section = Section("", content)
        self.officers_section.setObjectName("detailOfficers")
        self.officers_grid = QGridLayout()
        self.officers_section.body.addLayout(self.officers_grid)

        self.timeline_section = Section("", content)
        self.timeline_section.setObjectName("timeline")
        self.timeline_box = QVBoxLayout()
        self.timeline_box.setSpacing(10)
        self.timeline_section.body.addLayout(self.timeline_box)

        self.columns = ResponsiveColumns(content)
        self.columns.set_sections(
            [self.photos_section, self.location_section, self.about_section],
            [self.fields_section, self.party_section, self.officers_section, self.timeline_section],
        )
        body.addWidget(self.columns)
        body.addStretch(1)
        self.scroll.setWidget(content)
        content.installEventFilter(ensure_focus_visible(self.scroll))
        layout.addWidget(self.scroll, 1)

        bar = QFrame(self)
        bar.setObjectName("actionBar")
        actions_row = QHBoxLayout(bar)
        actions_row.setContentsMargins(16, 8, 16, 8)
        self.withdraw_button = touch_button("", bar, object_name="detailWithdraw")
        self.withdraw_button.clicked.connect(self.on_withdraw_clicked)
        self.edit_button = touch_button("", bar, object_name="detailEdit")
        self.edit_button.clicked.connect(self.on_edit_clicked)
        self.submit_button = touch_button("", bar, primary=True, object_name="detailSubmit")
        self.submit_button.clicked.connect(self.on_submit_clicked)
        actions_row.addWidget(self.withdraw_button)
        actions_row.addStretch(1)
        actions_row.addWidget(self.edit_button)
        actions_row.addWidget(self.submit_button)
        layout.addWidget(bar)
        self.action_bar = bar

        session.changed.connect(self.on_session_changed)
        session.language_changed.connect(self.on_session_language_changed)
        self.retranslate_ui()
        self._update_actions()

    # ------------------------------------------------------------ language

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def on_session_language_changed(self, _language: str) -> None:
        self.retranslate_ui()  # the catalogue's names follow the session's language

    def retranslate_ui(self) -> None:
        self.back_button.setText(self.tr("Back"))
        self.review_title.setText(self.tr("Returned by the reviewer for more evidence:"))
        self.problems_title.setText(self.tr("Before this case can be submitted:"))
        self.sync_problem_title.setText(self.tr("The server refused this case. Its reason:"))
        self.photos_section.set_title(self.tr("Photos"))
        self.location_section.set_title(self.tr("Location"))
        self.about_section.set_title(self.tr("The case"))
        self.fields_section.set_title(self.tr("Details"))
        self.party_section.set_title(self.tr("The party"))
        self.officers_section.set_title(self.tr("Officers present"))
        self.timeline_section.set_title(self.tr("Timeline"))
        self.withdraw_button.setText(self.tr("Withdraw draft"))
        self.edit_button.setText(self.tr("Edit"))
        self.submit_button.setText(self.tr("Submit"))
        if self._case is not None:
            self._render(self._case, self._events)

    # ------------------------------------------------------------ loading

    @property
    def case(self) -> Case | None:
        return self._case

    @property
    def case_id(self) -> str | None:
        return self._case_id

    def show_case(self, case_id: str) -> None:
        """Show a case (loaded on the database worker; `loaded(case_id)` when it is on screen)."""
        if case_id != self._case_id:
            self._case = None
            self._events = []
            self._problems = []
            self.problems_box.hide()
            self.photo_model.set_photos([])
            self.scroll.verticalScrollBar().setValue(0)
        self._case_id = case_id
        self.refresh()

    def refresh(self) -> None:
        if self._case_id is None:
            return
        tablet = self.session.tablet
        case_id = self._case_id
        self._generation += 1
        generation = self._generation

        def load() -> tuple[Case, list[AuditEvent], str]:
            case = tablet.case(case_id)
            return case, tablet.log(case_id), sync_problem(tablet, case) if case.sync == "failed" else ""

        self._tasks.read(
            load,
            lambda result: self._on_loaded(generation, *result),
            lambda exc: self._on_load_failed(generation, exc),
        )

    def _on_loaded(self, generation: int, case: Case, events: list[AuditEvent], problem: str = "") -> None:
        if generation != self._generation:
            return
        self._case, self._events, self._sync_problem = case, events, problem
        self._render(case, events)
        self.loaded.emit(case.id)

    def _on_load_failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        show_error(self, exc)
        self.back_requested.emit()

    def on_session_changed(self, case_id: str) -> None:
        if self._case_id is not None and case_id in ("", self._case_id) and self.isVisible():
            self.refresh()

    def shutdown(self) -> None:
        """The window is closing: answers still on their way are ignored."""
        self._generation += 1
        self.verify_panel.shutdown()

    def showEvent(self, event: Any) -> None:  # noqa: N802
        super().showEvent(event)
        if self._case_id is not None and self._case is not None:
            self.refresh()  # changes made while away (edits, sync) show up

    # ------------------------------------------------------------ drawing

    def _kind_name(self, kind: str) -> str:
        return kind_name(self.session.tablet.catalogue, kind, self.session.language)

    def _render(self, case: Case, events: list[AuditEvent]) -> None:
        language = self.session.language
        catalogue = self.session.tablet.catalogue
        case_type = catalogue.case_type(case.type)
        self.type_icon.setPixmap(icon(case.type, 48).pixmap(48, 48))
        kind = subtype_name(catalogue, case.type, case.subtype, language)
        self.title.setText(f"{type_name(catalogue, case.type, language)} · {kind}")
        subtitle = case.code
        if case.official_number:
            subtitle += " · " + self.tr("No. %1").replace("%1", case.official_number)
        self.subtitle.setText(subtitle)
        self.state_chip.setText(state_name(case.status))
        self.sync_chip.setText(sync_name(case.sync))
        self._style_chips(case)

        returned = case.status == states.State.RETURNED and bool(case.review_note)
        final_reason = self._final_reason(case, events)
        away = self._reassigned_away(events)
        if away is not None and not final_reason:
            # A supervisor gave the field work to another inspector: read-only here, and why. This
            # tablet hears nothing more of the case, so it says where its later changes are.
            to = str(away.changes.get("to"))
            self.review_title.setText(
                self.tr("Reassigned to %1 on %2: read-only on this tablet.")
                .replace("%1", to)
                .replace("%2", format_time(away.at))
            )
            later = self.tr(
                "This tablet keeps the case as it was then; later changes are on the server and on %1's tablet."
            ).replace("%1", to)
            reason = str(away.changes.get("note") or "")
            self.review_note.setText(f"{reason}\n{later}" if reason else later)
        elif returned:
            self.review_title.setText(self.tr("Returned by the reviewer for more evidence:"))
            self.review_note.setText(case.review_note or "")
        elif final_reason:
            self.review_title.setText(
                self.tr("This case is %1. The reviewer's reason:").replace("%1", state_name(case.status))
            )
            self.review_note.setText(final_reason)
        self.review_banner.setVisible(returned or bool(final_reason) or away is not None)
        self.sync_problem_text.setText(self._sync_problem)
        self.sync_problem_banner.setVisible(case.sync == "failed")
        if case.sync == "failed" and not self._sync_problem:
            self.sync_problem_text.setText(self.tr("No reason was given."))

        self.photo_model.set_photos(case.photos)
        request_thumbnails(self.session, self.photo_model)
        self.photos_section.set_title(self.tr("Photos (%1)").replace("%1", str(len(case.photos))))
        self.gallery.setVisible(bool(case.photos))

        loc = case.location
        self._fill_grid(
            self.location_grid,
            [
                (self.tr("Coordinates"), format_location(loc)),
                (self.tr("Source"), f"{source_name(loc.source)} · {accuracy_text(loc)}" if loc else "—"),
                (self.tr("Address"), case.address or "—"),
                (self.tr("District"), case.district or "—"),
            ],
        )
        self._fill_grid(
            self.about_grid,
            [
                (self.tr("Hazard level"), hazard_name(catalogue, case.hazard, language)),
                (self.tr("Description"), case.description or "—"),
                (self.tr("Observed"), format_time(case.observed_at) if case.observed_at else "—"),
                (self.tr("Created"), format_time(case.created_at)),
                (self.tr("Inspector"), case.inspector or "—"),
                (self.tr("State"), state_name(case.status)),
                (self.tr("Sync"), sync_name(case.sync)),
            ],
        )
        details = [f for f in case_type.fields if not f.personal]
        party = [f for f in case_type.fields if f.personal]
        self._fill_grid(
            self.fields_grid,
            [
                (f.name(language), field_value(catalogue, case.type, f.key, case.fields.get(f.key), language))
                for f in details
            ],
        )
        self._fill_grid(
            self.party_grid,
            [
                (f.name(language), field_value(catalogue, case.type, f.key, case.fields.get(f.key), language))
                for f in party
            ],
        )
        self.party_section.setVisible(bool(party))
        self._fill_grid(
            self.officers_grid,
            [(o.name, o.certificate) for o in case.officers] or [(self.tr("None recorded"), "")],
        )
        self.officers_section.setVisible(bool(case.officers) or case_type.min_officers > 0)
        self._render_timeline(case, events)
        self._show_problems(self._problems)
        self._update_actions()

    def _update_verify(self) -> None:
        case = self._case
        task = (
            self._actions
            and case is not None
            and case.status == states.State.DISPOSED
            and self._reassigned_away(self._events) is None
        )
        self.verify_panel.set_case(case.id if task and case is not None else None)
        self.verify_panel.setVisible(task)

    def on_verify_panel_answered(self, case: Case) -> None:
        self.verified.emit(case.id)
        self.refresh()

    def _style_chips(self, case: Case) -> None:
        from ui.theme import badge_colors, current_theme_name, icon_pixmap

        name = current_theme_name()
        background, text = badge_colors(case.status, name)
        # In sunlight a badge is outlined too, as in the list: pale fills wash out in the sun.
        outline = f"border: 2px solid {text.name()};" if name == "sunlight" else "border: none;"
        self.state_chip.setStyleSheet(
            f"background: {background.name()}; color: {text.name()}; border-radius: 12px; "
            f"padding: 4px 12px; font-weight: bold; {outline}"
        )
        self.state_chip.setMinimumWidth(96)
        background, text = sync_badge_colors(case.sync, name)
        outline = f"border: 2px solid {text.name()};" if name == "sunlight" else "border: none;"
        self.sync_badge.setStyleSheet(
            f"QFrame#syncBadge {{ background: {background.name()}; border-radius: 12px; {outline} }}"
            f"QFrame#syncBadge QLabel {{ color: {text.name()}; font-weight: bold; background: transparent; }}"
        )
        side = 22
        self.sync_icon.setPixmap(icon_pixmap(SYNC_ICONS.get(case.sync, "local"), side, text, self.devicePixelRatioF()))

    def _reassigned_away(self, events: list[AuditEvent]) -> AuditEvent | None:
        """The reassignment that gave this case's field work to an inspector other than the one
        logged in (the same rule as the tablet's services), or None."""
        event = next((e for e in reversed(events) if e.action == "reassign"), None)
        if event is None or event.changes.get("to") == self.session.tablet.inspector:
            return None
        return event

    def _final_reason(self, case: Case, events: list[AuditEvent]) -> str:
        if case.status not in ("rejected", "duplicate", "closed"):
            return ""
        for event in reversed(events):
            if event.action in _FINAL_REASON_ACTIONS:
                detail = event_detail(event, self.session.tablet.catalogue, case.type, self.session.language)
                return detail
        return ""

    def _fill_grid(self, grid: QGridLayout, rows: list[tuple[str, str]]) -> None:
        clear_layout(grid)
        for row, (name, value) in enumerate(rows):
            label = wrap_label(name, None)
            label.setProperty("muted", True)
            label.setMinimumWidth(90)
            shown = wrap_label(value, None, selectable=True)
            grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(shown, row, 1)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 5)

    def _render_timeline(self, case: Case, events: list[AuditEvent]) -> None:
        clear_layout(self.timeline_box)
        language = self.session.language
        catalogue = self.session.tablet.catalogue
        for first, count, run in reversed(collapse_edits(events)):
            entry = QFrame()
            entry.setObjectName("timelineEntry")
            box = QVBoxLayout(entry)
            box.setContentsMargins(0, 0, 0, 0)
            box.setSpacing(2)
            title = event_title(first)
            if count > 1:
                title = self.tr("%1 (×%2)").replace("%1", title).replace("%2", str(count))
            event = merged_edit(run) if count > 1 else first
            heading = QLabel(f"{format_time(run[-1].at)}  ·  {title}")
            heading.setObjectName("timelineTitle")
            heading.setWordWrap(True)
            font = heading.font()
            font.setBold(True)
            heading.setFont(font)
            box.addWidget(heading)
            detail = event_detail(event, catalogue, case.type, language)
            if detail:
                box.addWidget(wrap_label(detail))
            whom = wrap_label(who(first))
            whom.setProperty("muted", True)
            box.addWidget(whom)
            self.timeline_box.addWidget(entry)

    # ------------------------------------------------------------ actions

    def _update_actions(self) -> None:
        case = self._case
        away = self._reassigned_away(self._events) is not None
        editable = case is not None and states.is_editable(case.status) and not away
        self.action_bar.setVisible(self._actions)
        self.edit_button.setVisible(editable)
        self.submit_button.setVisible(editable)
        self.withdraw_button.setVisible(case is not None and case.status == states.State.DRAFT)
        self._update_verify()

    def set_actions_visible(self, visible: bool) -> None:
        self._actions = visible
        self._update_actions()

    def on_gallery_activated(self, index: QModelIndex) -> None:
        from ui.photo_viewer import PhotoViewer

        if not index.isValid() or self._viewer is not None:
            return  # a tap can be both a click and an activation
        viewer = PhotoViewer(self.session, self.photo_model.photos(), index.row(), self)
        viewer.finished.connect(lambda _r: setattr(self, "_viewer", None))
        self._viewer = viewer
        viewer.open()

    def on_edit_clicked(self) -> None:
        if self._case is not None:
            self.edit_requested.emit(self._case.id)

    def on_submit_clicked(self) -> None:
        if self._case is None:
            return
        tablet = self.session.tablet
        case_id = self._case.id

        def work() -> tuple[str, Any]:
            problems = tablet.submit_problems(case_id)
            if problems:
                return "problems", problems
            return "submitted", tablet.submit(case_id)

        self.submit_button.setEnabled(False)
        self._tasks.op(work, case_id=case_id, on_done=self._on_submit_done)

    def _on_submit_done(self, result: tuple[str, Any]) -> None:
        self.submit_button.setEnabled(True)
        outcome, value = result
        if outcome == "problems":
            self._problems = list(value)
            self._show_problems(self._problems)
            self.scroll.verticalScrollBar().setValue(0)
            return
        self._problems = []
        self._show_problems([])
        self.submitted.emit(value.id)
        self.refresh()

    def _show_problems(self, problems: list[Problem]) -> None:
        if not problems or self._case is None:
            self.problems_box.hide()
            return
        catalogue = self.session.tablet.catalogue
        language = self.session.language
        lines = [f"• {problem_text(p, catalogue, self._case.type, language)}" for p in problems]
        lines.append(self.tr("Tap Edit to add what is missing."))
        self.problems_list.setText("\n".join(lines))
        self.problems_box.show()

    def on_withdraw_clicked(self) -> None:
        if self._case is None or self._case.status != states.State.DRAFT:
            return
        confirm(
            self,
            self.tr("Withdraw this draft?"),
            self.tr("The draft %1 and its photos will be removed from the case list. This cannot be undone.").replace(
                "%1", self._case.code
            ),
            self.tr("Withdraw"),
            self._withdraw,
        )

    def _withdraw(self) -> None:
        if self._case is None:
            return
        tablet = self.session.tablet
        case_id = self._case.id
        self._tasks.op(
            lambda: tablet.delete(case_id),
            case_id=case_id,
            on_done=lambda _c: self._on_withdrawn(case_id),
        )

    def _on_withdrawn(self, case_id: str) -> None:
        self._case = None
        self._case_id = None
        self.withdrawn.emit(case_id)
        self.back_requested.emit()


class CaseDetailDialog(QDialog):
    """A case shown over the page in hand (the duplicate hint's "open it"), read-only."""

    def __init__(self, session: Session, case_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("caseDetailDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.page = CaseDetailPage(session, self, actions=False)
        self.page.back_requested.connect(self.accept)
        layout.addWidget(self.page)
        top = parent.window() if parent is not None else None
        if top is not None:
            self.resize(top.size())
        else:
            self.resize(1024, 720)
        self.setWindowTitle(self.tr("Case"))
        self.page.show_case(case_id)
