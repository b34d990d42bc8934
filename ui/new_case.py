"""The new-case page: type and subtype tiles, then the draft editor with photos, location, fields and officers.

The draft exists in the database from the moment the subtype is tapped
(`Tablet.new_case`); from then on every edit is saved by itself, half a second after
the typing stops (and at once when a field is left), on the database worker. Photos
come from the camera, files, a folder, a memory card's DCIM folder, or a drop; they
are imported one by one on the database worker, so edits are saved between photos,
the GUI thread only updates a progress bar, and a cancel takes effect after the
photo in hand.
"""

from __future__ import annotations

import logging
import sys
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QItemSelection, QStorageInfo, Qt, QTimer, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain import states
from app.domain.case import Case, Location, LocationCheck, Officer, location_check
from app.domain.catalogue import CaseType
from app.domain.errors import Problem, ValidationError
from app.maps.evidence import record_location_check
from app.services import PhotoFailure
from ui.camera import CameraDialog, CaptureSource, QtCameraSource, shot_path
from ui.errors import show_error
from ui.focus import ensure_focus_visible
from ui.positioning import PositionFix, PositionProvider
from ui.session import Session
from ui.widgets.common import (
    PageTasks,
    ResponsiveColumns,
    Section,
    clear_layout,
    confirm,
    error_style,
    format_age,
    format_distance,
    heading_label,
    touch,
    touch_button,
    wrap_label,
)
from ui.widgets.fields_form import CatalogueForm
from ui.widgets.icons import icon
from ui.widgets.labels import (
    hazard_name,
    kind_name,
    photo_failure_text,
    problem_text,
    state_name,
    subtype_name,
    type_name,
)
from ui.widgets.location import LocationPanel, accuracy_text
from ui.widgets.officers import OfficersEditor
from ui.widgets.photo_strip import PhotoListModel, PhotoStrip, request_thumbnails
from ui.widgets.tiles import ChoiceTiles, TileGrid

log = logging.getLogger(__name__)

PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png", ".heic", ".heif")
AUTOSAVE_MS = 500
# A device fix replaces an earlier device fix only when it is this much more accurate.
_BETTER_FIX = 0.5


# ---------------------------------------------------------------- finding photos


def is_photo_name(path: Path) -> bool:
    return path.suffix.lower() in PHOTO_SUFFIXES and not path.name.startswith(".")


def photo_files(paths: Iterable[Path]) -> list[Path]:
    """Files as given, and the photos inside folders (recursively, sorted by name)."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = [p for p in path.rglob("*") if p.is_file() and is_photo_name(p)]
            out.extend(sorted(found, key=lambda p: str(p).lower()))
        else:
            out.append(path)
    return out


def media_roots() -> list[Path]:
    """Where removable drives are mounted: drive letters on Windows, /media and /run/media on Linux."""
    roots: list[Path] = []
    for volume in QStorageInfo.mountedVolumes():
        if volume.isValid() and volume.isReady():
            roots.append(Path(volume.rootPath()))
    if sys.platform.startswith("win"):
        return roots
    for base in (Path("/media"), Path("/run/media"), Path("/mnt")):
        if base.is_dir():
            roots.append(base)
    return roots


def find_dcim_folders(roots: Sequence[Path] | None = None, *, depth: int = 3) -> list[Path]:
    """DCIM folders (the camera standard's photo folder) on mounted media, shallow search, no system disk."""
    found: list[Path] = []
    seen: set[Path] = set()

    def walk(folder: Path, level: int) -> None:
        try:
            children = sorted(folder.iterdir())
        except OSError:
            return
        for child in children:
            try:
                if not child.is_dir() or child.is_symlink():
                    continue
            except OSError:
                continue
            if child.name.upper() == "DCIM":
                resolved = child.resolve()
                if resolved not in seen:
                    seen.add(resolved)
                    found.append(child)
            elif level < depth and not child.name.startswith("."):
                walk(child, level + 1)

    for root in media_roots() if roots is None else roots:
        if Path(root) == Path("/"):
            continue  # the system disk: a DCIM there is not a memory card
        walk(Path(root), 1)
    return found


# ---------------------------------------------------------------- import bookkeeping


@dataclass
class ImportReport:
    """How an import went: photos added, files refused (with reasons), whether it was cancelled."""

    total: int = 0
    done: int = 0
    added: int = 0
    failures: list[PhotoFailure] = field(default_factory=list)
    cancelled: bool = False


# ---------------------------------------------------------------- the page


class NewCasePage(QWidget):
    """Create a case (type, subtype) and edit the draft; also edits an existing draft or returned case."""

    finished = Signal(str)  # case id: the draft is saved (or submitted); leave the page
    cancelled = Signal()  # left before a case existed, or the draft was withdrawn
    saved = Signal(str)  # an autosave landed
    submitted = Signal(str)
    withdrawn = Signal(str)
    import_finished = Signal(object)  # ImportReport
    duplicates_checked = Signal(list)  # [(Case, metres)]
    duplicate_opened = Signal(str)

    def __init__(
        self,
        session: Session,
        parent: QWidget | None = None,
        *,
        capture_source: CaptureSource | None = None,
        position_provider: PositionProvider | None = None,
        dcim_roots: Sequence[Path] | None = None,
        autosave_ms: int = AUTOSAVE_MS,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("newCasePage")
        self.session = session
        self._tasks = PageTasks(self, session)
        self._capture = capture_source
        self._positions = (
            position_provider
            if position_provider is not None
            else PositionProvider.from_environment(setting=str(session.tablet.settings.get("gnss_source")))
        )
        self._positions.setParent(self)
        self._positions.position_updated.connect(self.on_positions_position_updated)
        self._positions.error_occurred.connect(self.on_positions_error_occurred)
        self._dcim_roots = dcim_roots
        self._type_code: str | None = None
        self._case: Case | None = None
        self._pending: dict[str, Any] = {}
        self._saves_in_flight = 0
        self._want_device_fix = False
        self._last_fix: PositionFix | None = None
        self._checked_location: Location | None = None
        self._recorded_check: tuple[object, ...] | None = None  # what the last recorded location check was of
        self.picker: QWidget | None = None
        self._duplicates: list[tuple[Case, float]] = []
        self._import_queue: deque[Path] = deque()
        self._import: ImportReport | None = None
        self._import_running = False
        self._temp_files: set[Path] = set()
        self._problems_shown = False
        self._creating = False
        self._forms: list[CatalogueForm] = []
        self._officers: OfficersEditor | None = None

        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(autosave_ms)
        self._autosave.timeout.connect(self.flush)

        self.setAcceptDrops(True)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.stack = QStackedWidget(self)
        outer.addWidget(self.stack)
        self._build_type_step()
        self._build_subtype_step()
        self._build_editor()
        self.retranslate_ui()
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.flush)
        session.language_changed.connect(self.on_session_language_changed)
        self.start_new()

    # ================================================================ building

    def _build_type_step(self) -> None:
        page = QWidget(self)
        page.setObjectName("typeStep")
        layout = QVBoxLayout(page)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.setSpacing(20)
        self.type_heading = heading_label("", page, scale=1.5)
        layout.addWidget(self.type_heading)
        self.type_tiles = TileGrid(page, min_tile_width=280, max_columns=2)
        self.type_tiles.setObjectName("typeTiles")
        self.type_tiles.chosen.connect(self.on_type_tiles_chosen)
        layout.addWidget(self.type_tiles, 1)
        row = QHBoxLayout()
        self.type_cancel = touch_button("", page, icon=icon("back", 32), object_name="typeCancel")
        self.type_cancel.clicked.connect(self.on_cancel_clicked)
        row.addWidget(self.type_cancel)
        row.addStretch(1)
        layout.addLayout(row)
        self.stack.addWidget(page)
        self.type_step = page

    def _build_subtype_step(self) -> None:
        page = QWidget(self)
        page.setObjectName("subtypeStep")
        layout = QVBoxLayout(page)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.setSpacing(20)
        self.subtype_heading = heading_label("", page, scale=1.5)
        layout.addWidget(self.subtype_heading)
        area = QScrollArea(page)
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        self.subtype_tiles = TileGrid(area, min_tile_width=240, max_columns=3)
        self.subtype_tiles.setObjectName("subtypeTiles")
        self.subtype_tiles.chosen.connect(self.on_subtype_tiles_chosen)
        area.setWidget(self.subtype_tiles)
        layout.addWidget(area, 1)
        self.subtype_status = wrap_label("", page)
        layout.addWidget(self.subtype_status)
        row = QHBoxLayout()
        self.subtype_back = touch_button("", page, icon=icon("back", 32), object_name="subtypeBack")
        self.subtype_back.clicked.connect(lambda: self.stack.setCurrentWidget(self.type_step))
        row.addWidget(self.subtype_back)
        row.addStretch(1)
        layout.addLayout(row)
        self.stack.addWidget(page)
        self.subtype_step = page

    def _build_editor(self) -> None:
        page = QWidget(self)
        page.setObjectName("editorStep")
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)

        # The header stays put: which case, its state, whether it is saved.
        header = QFrame(page)
        header.setObjectName("headerBar")
        head = QHBoxLayout(header)
        head.setContentsMargins(16, 8, 16, 8)
        self.type_icon = QLabel(header)
        head.addWidget(self.type_icon)
        titles = QVBoxLayout()
        titles.setSpacing(2)
        self.case_title = heading_label("", header, scale=1.2)
        self.case_title.setObjectName("caseTitle")
        self.case_code = QLabel(header)
        self.case_code.setObjectName("caseCode")
        self.case_code.setProperty("muted", True)
        self.case_code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        titles.addWidget(self.case_title)
        titles.addWidget(self.case_code)
        head.addLayout(titles, 1)
        self.save_state = QLabel(header)
        self.save_state.setObjectName("saveState")
        self.save_state.setProperty("muted", True)
        head.addWidget(self.save_state)
        layout.addWidget(header)

        # The form scrolls; the focused field stays in view above an on-screen keyboard.
        self.scroll = QScrollArea(page)
        self.scroll.setObjectName("editorScroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.content = QWidget(self.scroll)
        self.content.setObjectName("editorContent")
        content_layout = QVBoxLayout(self.content)
        content_layout.setContentsMargins(16, 16, 16, 16)
        content_layout.setSpacing(16)

        self.review_banner = QFrame(self.content)
        self.review_banner.setObjectName("reviewBanner")
        self.review_banner.setProperty("banner", "warning")
        banner_layout = QVBoxLayout(self.review_banner)
        self.review_title = QLabel(self.review_banner)
        self.review_note = wrap_label("", self.review_banner)
        self.review_note.setObjectName("reviewNote")
        banner_layout.addWidget(self.review_title)
        banner_layout.addWidget(self.review_note)
        self.review_banner.hide()
        content_layout.addWidget(self.review_banner)

        self.problems_box = QFrame(self.content)
        self.problems_box.setObjectName("problemsBox")
        self.problems_box.setProperty("banner", "warning")
        problems_layout = QVBoxLayout(self.problems_box)
        self.problems_title = QLabel(self.problems_box)
        self.problems_list = wrap_label("", self.problems_box)
        self.problems_list.setObjectName("problemsList")
        problems_layout.addWidget(self.problems_title)
        problems_layout.addWidget(self.problems_list)
        self.problems_box.hide()
        content_layout.addWidget(self.problems_box)

        self.columns = ResponsiveColumns(self.content)
        content_layout.addWidget(self.columns)
        content_layout.addStretch(1)

        self.photos_section = self._build_photos_section()
        self.location_section = self._build_location_section()
        self.about_section = self._build_about_section()
        self.details_section = Section("", self.content)
        self.details_section.setObjectName("detailsSection")
        self.party_section = Section("", self.content)
        self.party_section.setObjectName("partySection")
        self.officers_section = Section("", self.content)
        self.officers_section.setObjectName("officersSection")
        self.columns.set_sections(
            [self.photos_section, self.location_section],
            [self.about_section, self.details_section, self.party_section, self.officers_section],
        )
        self.scroll.setWidget(self.content)
        keeper = ensure_focus_visible(self.scroll)
        # The form also grows and reflows by itself (columns, photos, messages): follow that too.
        self.content.installEventFilter(keeper)
        layout.addWidget(self.scroll, 1)

        # The actions stay put at the bottom.
        bar = QFrame(page)
        bar.setObjectName("actionBar")
        actions = QHBoxLayout(bar)
        actions.setContentsMargins(16, 8, 16, 8)
        self.withdraw_button = touch_button("", bar, object_name="withdrawDraft")
        self.withdraw_button.clicked.connect(self.on_withdraw_clicked)
        self.done_button = touch_button("", bar, icon=icon("back", 32), object_name="saveAndClose")
        self.done_button.clicked.connect(self.on_done_clicked)
        self.submit_button = touch_button("", bar, primary=True, object_name="submitCase")
        self.submit_button.clicked.connect(self.on_submit_clicked)
        actions.addWidget(self.done_button)
        actions.addWidget(self.withdraw_button)
        actions.addStretch(1)
        actions.addWidget(self.submit_button)
        layout.addWidget(bar)
        self.stack.addWidget(page)
        self.editor_step = page

    def _build_photos_section(self) -> Section:
        section = Section("", self.content)
        section.setObjectName("photosSection")
        self.photo_model = PhotoListModel(self._kind_name, self)
        self.photo_strip = PhotoStrip(section)
        self.photo_strip.setObjectName("photoStrip")
        self.photo_strip.setModel(self.photo_model)
        self.photo_strip.activated.connect(self.on_photo_strip_activated)
        self.photo_strip.selectionModel().selectionChanged.connect(self.on_photo_selection_changed)
        section.body.addWidget(self.photo_strip)
        self.photo_hint = wrap_label("", section)
        self.photo_hint.setProperty("muted", True)
        section.body.addWidget(self.photo_hint)

        self.kind_row = QWidget(section)
        kind_layout = QVBoxLayout(self.kind_row)
        kind_layout.setContentsMargins(0, 0, 0, 0)
        self.kind_label = QLabel(self.kind_row)
        kind_layout.addWidget(self.kind_label)
        self.kind_tiles: ChoiceTiles | None = None
        self.kind_row.hide()
        section.body.addWidget(self.kind_row)

        buttons = QGridLayout()
        buttons.setSpacing(8)
        self.camera_button = touch_button("", section, primary=True, icon=icon("camera", 32))
        self.camera_button.setObjectName("takePhoto")
        self.camera_button.clicked.connect(self.on_camera_clicked)
        self.files_button = touch_button("", section, icon=icon("file", 32), object_name="importFiles")
        self.files_button.clicked.connect(self.on_files_clicked)
        self.folder_button = touch_button("", section, icon=icon("folder", 32), object_name="importFolder")
        self.folder_button.clicked.connect(self.on_folder_clicked)
        self.card_button = touch_button("", section, icon=icon("card", 32), object_name="importCard")
        self.card_button.clicked.connect(self.on_card_clicked)
        for index, button in enumerate((self.camera_button, self.files_button, self.folder_button, self.card_button)):
            buttons.addWidget(button, index // 2, index % 2)
        section.body.addLayout(buttons)
        self.camera_status = wrap_label("", section)
        self.camera_status.setObjectName("cameraStatus")
        self.camera_status.setProperty("muted", True)
        self.camera_status.hide()
        section.body.addWidget(self.camera_status)
        self.card_status = wrap_label("", section)
        self.card_status.setObjectName("cardStatus")
        self.card_status.hide()
        section.body.addWidget(self.card_status)

        self.import_row = QWidget(section)
        import_layout = QHBoxLayout(self.import_row)
        import_layout.setContentsMargins(0, 0, 0, 0)
        self.import_progress = QProgressBar(self.import_row)
        self.import_progress.setObjectName("importProgress")
        self.import_progress.setMinimumHeight(touch() // 2)
        self.import_label = QLabel(self.import_row)
        self.import_cancel = touch_button("", self.import_row, object_name="importCancel")
        self.import_cancel.clicked.connect(self.on_import_cancel_clicked)
        import_layout.addWidget(self.import_progress, 1)
        import_layout.addWidget(self.import_label)
        import_layout.addWidget(self.import_cancel)
        self.import_row.hide()
        section.body.addWidget(self.import_row)
        self.import_result = wrap_label("", section)
        self.import_result.setObjectName("importResult")
        self.import_result.hide()
        section.body.addWidget(self.import_result)
        self.import_failures = wrap_label("", section, selectable=True)
        self.import_failures.setObjectName("importFailures")
        self.import_failures.setStyleSheet(error_style())
        self.import_failures.hide()
        section.body.addWidget(self.import_failures)
        return section

    def _build_location_section(self) -> Section:
        section = Section("", self.content)
        section.setObjectName("locationSection")
        self.location_panel = LocationPanel(section)
        self.location_panel.manual_entered.connect(self.on_location_manual_entered)
        self.location_panel.device_requested.connect(self.on_location_device_requested)
        self.location_panel.map_requested.connect(self.on_location_map_requested)
        section.body.addWidget(self.location_panel)

        self.duplicate_banner = QFrame(section)
        self.duplicate_banner.setObjectName("duplicateBanner")
        self.duplicate_banner.setProperty("banner", "warning")
        dup = QVBoxLayout(self.duplicate_banner)
        self.duplicate_text = wrap_label("", self.duplicate_banner)
        self.duplicate_text.setObjectName("duplicateText")
        dup.addWidget(self.duplicate_text)
        self.duplicate_open = touch_button("", self.duplicate_banner, object_name="openDuplicate")
        self.duplicate_open.clicked.connect(self.on_duplicate_open_clicked)
        dup.addWidget(self.duplicate_open, 0, Qt.AlignmentFlag.AlignLeft)
        self.duplicate_banner.hide()
        section.body.addWidget(self.duplicate_banner)

        self.address_label = QLabel(section)
        self.address_edit = QLineEdit(section)
        self.address_edit.setObjectName("addressEdit")
        self.address_edit.setMaxLength(200)
        self.address_edit.setMinimumHeight(touch())
        self.address_label.setBuddy(self.address_edit)
        self.address_edit.textEdited.connect(lambda text: self._queue(address=text))
        self.address_edit.editingFinished.connect(self.flush)
        section.body.addWidget(self.address_label)
        section.body.addWidget(self.address_edit)
        return section

    def _build_about_section(self) -> Section:
        section = Section("", self.content)
        section.setObjectName("aboutSection")
        self.subtype_label = QLabel(section)
        section.body.addWidget(self.subtype_label)
        self.subtype_box = QVBoxLayout()
        section.body.addLayout(self.subtype_box)
        self.hazard_label = QLabel(section)
        section.body.addWidget(self.hazard_label)
        self.hazard_box = QVBoxLayout()
        section.body.addLayout(self.hazard_box)
        self.description_label = QLabel(section)
        section.body.addWidget(self.description_label)
        self.description_edit = QPlainTextEdit(section)
        self.description_edit.setObjectName("descriptionEdit")
        self.description_edit.setMinimumHeight(touch() * 2)
        self.description_edit.setMaximumHeight(touch() * 4)
        self.description_edit.setTabChangesFocus(True)
        self.description_label.setBuddy(self.description_edit)
        self.description_edit.textChanged.connect(self.on_description_changed)
        section.body.addWidget(self.description_edit)
        self.subtype_tiles_edit: ChoiceTiles | None = None
        self.hazard_tiles: ChoiceTiles | None = None
        return section

    # ================================================================ language

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def on_session_language_changed(self, _language: str) -> None:
        self.retranslate_ui()  # the catalogue's names follow the session's language

    def retranslate_ui(self) -> None:
        language = self.session.language
        catalogue = self.session.tablet.catalogue
        self.type_heading.setText(self.tr("New case: what did you find?"))
        self.type_cancel.setText(self.tr("Cancel"))
        self.type_tiles.set_tiles(
            [(t.code, t.name(language), icon(t.code, 128)) for t in catalogue.types],
            min_height=touch() * 4,
            icon_side=128,
        )
        self.subtype_back.setText(self.tr("Back"))
        if self._type_code:
            self._fill_subtype_tiles(self._type_code)
        self.photos_section.set_title(self.tr("Photos"))
        self.photo_hint.setText(self.tr("Tap a photo to set its kind of shot; tap it twice to view it."))
        self.photo_strip.placeholder = self.tr("No photos yet: take them or import them below.")
        self.kind_label.setText(self.tr("Kind of shot of the selected photo"))
        self.camera_button.setText(self.tr("Take a photo"))
        self.files_button.setText(self.tr("From files"))
        self.folder_button.setText(self.tr("From a folder"))
        self.card_button.setText(self.tr("From a memory card"))
        self.import_cancel.setText(self.tr("Cancel import"))
        self.location_section.set_title(self.tr("Location"))
        self.address_label.setText(self.tr("Address"))
        self.address_edit.setPlaceholderText(self.tr("Street, number, landmark"))
        self.duplicate_open.setText(self.tr("Open that case"))
        self.about_section.set_title(self.tr("What was seen"))
        self.subtype_label.setText(self.tr("Subtype"))
        self.hazard_label.setText(self.tr("Hazard level"))
        self.description_label.setText(self.tr("Description"))
        self.description_edit.setPlaceholderText(self.tr("What you saw, in a few sentences"))
        self.details_section.set_title(self.tr("Details"))
        self.party_section.set_title(self.tr("The party"))
        self.officers_section.set_title(self.tr("Officers present"))
        self.review_title.setText(self.tr("Returned by the reviewer for more evidence:"))
        self.problems_title.setText(self.tr("Before this case can be submitted:"))
        self.withdraw_button.setText(self.tr("Withdraw draft"))
        self.done_button.setText(self.tr("Save and close"))
        self.submit_button.setText(self.tr("Submit"))
        self._update_camera_state()
        if self._case is not None:
            self._rebuild_catalogue_parts(self._case)
            self._show_case(self._case)
            if self._problems_shown:
                self._check_problems()
            self._show_duplicates(self._duplicates)
        self._update_fix_status()

    # ================================================================ entering the page

    @property
    def case_id(self) -> str | None:
        return self._case.id if self._case is not None else None

    @property
    def case(self) -> Case | None:
        return self._case

    def start_new(self) -> None:
        """Back to the first step, for a new case."""
        self.flush()
        self._reset()
        self.stack.setCurrentWidget(self.type_step)

    def edit_case(self, case_id: str) -> None:
        """Open an existing draft or returned case in the editor."""
        self.flush()
        self._reset()
        tablet = self.session.tablet
        self._tasks.read(lambda: tablet.case(case_id), self._on_case_opened, self._on_open_failed)

    def _on_case_opened(self, case: Case) -> None:
        self._open_editor(case)

    def _on_open_failed(self, exc: BaseException) -> None:
        show_error(self, exc)
        self.cancelled.emit()

    def _reset(self) -> None:
        self._autosave.stop()
        self._pending = {}
        self._case = None
        self._type_code = None
        self._checked_location = None
        self._recorded_check = None
        self._duplicates = []
        self._problems_shown = False
        self._want_device_fix = False
        self._creating = False
        self._import_queue.clear()
        self._import = None
        self.problems_box.hide()
        self.duplicate_banner.hide()
        self.review_banner.hide()
        self.import_row.hide()
        self.import_result.hide()
        self.import_failures.hide()
        self.card_status.hide()
        self.subtype_status.setText("")
        self.photo_model.set_photos([])
        self.description_edit.blockSignals(True)
        self.description_edit.setPlainText("")
        self.description_edit.blockSignals(False)
        self.address_edit.setText("")
        self.save_state.setText("")
        self.case_title.setText("")
        self.case_code.setText("")
        for section in (self.details_section, self.party_section, self.officers_section):
            clear_layout(section.body)
        self._forms = []
        self._officers = None
        self._positions.stop()

    def shutdown(self) -> None:
        """The window is closing: save what is pending, stop the receiver."""
        self.flush()
        self._autosave.stop()
        self._positions.stop()

    def showEvent(self, event: Any) -> None:  # noqa: N802
        super().showEvent(event)
        if self.stack.currentWidget() is not self.editor_step or self._editable():
            self._positions.start()

    def hideEvent(self, event: Any) -> None:  # noqa: N802
        self.flush()
        self._positions.stop()
        super().hideEvent(event)

    # ================================================================ type and subtype

    def on_type_tiles_chosen(self, code: str) -> None:
        self._type_code = code
        self._fill_subtype_tiles(code)
        self.stack.setCurrentWidget(self.subtype_step)

    def _fill_subtype_tiles(self, type_code: str) -> None:
        language = self.session.language
        case_type = self.session.tablet.catalogue.case_type(type_code)
        self.subtype_heading.setText(self.tr("%1: what is the problem?").replace("%1", case_type.name(language)))
        self.subtype_tiles.set_tiles([(s.code, s.name(language), None) for s in case_type.subtypes])

    def on_subtype_tiles_chosen(self, code: str) -> None:
        if self._creating or self._type_code is None:
            return
        self._creating = True
        self.subtype_tiles.setEnabled(False)
        self.subtype_status.setText(self.tr("Creating the draft…"))
        tablet = self.session.tablet
        type_code = self._type_code
        fix = self._last_fix
        kwargs: dict[str, Any] = {}
        if fix is not None:
            kwargs = dict(lat=fix.lat, lon=fix.lon, accuracy_m=fix.accuracy_m, location_source="device")
        self._tasks.op(
            lambda: tablet.new_case(type=type_code, subtype=code, **kwargs),
            on_done=self._on_case_created,
            on_error=self._on_create_failed,
        )

    def _on_case_created(self, case: Case) -> None:
        self._creating = False
        self.subtype_tiles.setEnabled(True)
        self.subtype_status.setText("")
        self._open_editor(case)

    def _on_create_failed(self, exc: BaseException) -> None:
        self._creating = False
        self.subtype_tiles.setEnabled(True)
        self.subtype_status.setText("")
        show_error(self, exc)

    # ================================================================ the editor

    def _open_editor(self, case: Case) -> None:
        self._case = case
        self._type_code = case.type
        self._rebuild_catalogue_parts(case)
        self._fill_values(case)
        self._show_case(case)
        self.stack.setCurrentWidget(self.editor_step)
        self.scroll.verticalScrollBar().setValue(0)
        if self._editable():
            self._positions.start()
        QTimer.singleShot(0, self, self._update_camera_state)
        self._check_duplicates()
        self._apply_pending_fix()

    def form_for(self, key: str) -> CatalogueForm:
        """The form that holds a catalogue field."""
        return next(f for f in self._forms if key in f.field_keys())

    @property
    def officers_editor(self) -> OfficersEditor | None:
        return self._officers

    def _editable(self) -> bool:
        return self._case is not None and states.is_editable(self._case.status)

    def _case_type(self) -> CaseType:
        assert self._case is not None
        return self.session.tablet.catalogue.case_type(self._case.type)

    def _kind_name(self, kind: str) -> str:
        return kind_name(self.session.tablet.catalogue, kind, self.session.language)

    def _rebuild_catalogue_parts(self, case: Case) -> None:
        """The parts built from the catalogue for this case's type, in the current language."""
        language = self.session.language
        catalogue = self.session.tablet.catalogue
        case_type = catalogue.case_type(case.type)
        values = {**case.fields}
        officers: list[Officer] = list(case.officers)
        for form in self._forms:  # a rebuild (language switch) keeps what is on screen
            values.update({k: v for k, v in form.shown_values().items() if v})
        if self._officers is not None:
            shown = [r.officer() for r in self._officers.rows()]
            officers = [o for o in shown if o is not None] or officers

        for section in (self.details_section, self.party_section, self.officers_section):
            clear_layout(section.body)
        self._forms = []
        details = [f for f in case_type.fields if not f.personal]
        party = [f for f in case_type.fields if f.personal]
        for section, specs in ((self.details_section, details), (self.party_section, party)):
            if not specs:
                section.hide()
                continue
            form = CatalogueForm(specs, catalogue, case_type.code, language, section)
            form.field_edited.connect(self.on_form_field_edited)
            section.body.addWidget(form)
            self._forms.append(form)
            section.show()
            form.set_values(values)
        self._officers = OfficersEditor(catalogue, case_type.code, language, self.officers_section)
        self._officers.officers_edited.connect(self.on_officers_edited)
        self._officers.set_minimum(case_type.min_officers)
        self._officers.set_officers([o for o in officers if o is not None])
        self.officers_section.body.addWidget(self._officers)

        clear_layout(self.subtype_box)
        self.subtype_tiles_edit = ChoiceTiles(
            [(s.code, s.name(language)) for s in case_type.subtypes], self.about_section, allow_none=False
        )
        self.subtype_tiles_edit.setObjectName("subtypeChoice")
        self.subtype_tiles_edit.set_value(case.subtype)
        self.subtype_tiles_edit.value_changed.connect(self.on_subtype_choice_changed)
        self.subtype_box.addWidget(self.subtype_tiles_edit)
        clear_layout(self.hazard_box)
        self.hazard_tiles = ChoiceTiles(
            [(h.code, h.name(language)) for h in catalogue.hazard_levels],
            self.about_section,
            columns=4,
            allow_none=False,
        )
        self.hazard_tiles.setObjectName("hazardChoice")
        self.hazard_tiles.set_value(case.hazard)
        self.hazard_tiles.value_changed.connect(lambda code: self._queue(hazard=code))
        self.hazard_box.addWidget(self.hazard_tiles)

        kind_layout = self.kind_row.layout()
        if self.kind_tiles is not None:
            kind_layout.removeWidget(self.kind_tiles)
            self.kind_tiles.deleteLater()
        self.kind_tiles = ChoiceTiles(
            [(k.code, k.name(language)) for k in catalogue.shot_kinds], self.kind_row, columns=5, allow_none=False
        )
        self.kind_tiles.setObjectName("kindChoice")
        self.kind_tiles.value_changed.connect(self.on_kind_tiles_changed)
        kind_layout.addWidget(self.kind_tiles)
        self.photo_model.set_kind_namer(self._kind_name)
        self._update_required(case)

    def _fill_values(self, case: Case) -> None:
        """Put the stored values in the editors (once, when the case is opened)."""
        self.description_edit.blockSignals(True)
        self.description_edit.setPlainText(case.description)
        self.description_edit.blockSignals(False)
        self.address_edit.setText(case.address)
        for form in self._forms:
            form.set_values(case.fields)
        if self._officers is not None:
            self._officers.set_officers(case.officers)

    def _update_required(self, case: Case) -> None:
        case_type = self._case_type()
        sub = case_type.subtype(case.subtype)
        required = {f.key for f in case_type.fields if f.required} | set(sub.required_fields if sub else ())
        for form in self._forms:
            form.set_required(required)

    def _show_case(self, case: Case) -> None:
        """Everything that follows the saved case: header, photos, location, banners, buttons."""
        language = self.session.language
        catalogue = self.session.tablet.catalogue
        self.type_icon.setPixmap(icon(case.type, 48).pixmap(48, 48))
        self.case_title.setText(
            f"{type_name(catalogue, case.type, language)} · "
            f"{subtype_name(catalogue, case.type, case.subtype, language)}"
        )
        self.case_code.setText(
            self.tr("%1 · %2 · hazard: %3")
            .replace("%1", case.code)
            .replace("%2", state_name(case.status))
            .replace("%3", hazard_name(catalogue, case.hazard, language))
        )
        self.photo_model.set_photos(case.photos)
        request_thumbnails(self.session, self.photo_model)
        self.photos_section.set_title(self.tr("Photos (%1)").replace("%1", str(len(case.photos))))
        if "lat" not in self._pending:
            self.location_panel.set_location(case.location)
        self._update_location_check()
        returned = case.status == states.State.RETURNED and bool(case.review_note)
        self.review_banner.setVisible(returned)
        self.review_note.setText(case.review_note or "")
        editable = states.is_editable(case.status)
        self.submit_button.setEnabled(editable)
        self.withdraw_button.setVisible(case.status == states.State.DRAFT)
        for widget in (self.content,):
            widget.setEnabled(editable)
        self._update_required(case)

    # ================================================================ autosave

    def _queue(self, **changes: Any) -> None:
        """Remember edits and save them once the typing pauses."""
        if not self._editable():
            return
        for key, value in changes.items():
            if key in ("fields", "photo_kinds"):
                self._pending.setdefault(key, {}).update(value)
            else:
                self._pending[key] = value
        self.save_state.setText(self.tr("Editing…"))
        self._autosave.start()

    def flush(self) -> None:
        """Save the pending edits now (on the database worker)."""
        self._autosave.stop()
        if not self._pending or self._case is None:
            return
        changes, self._pending = self._pending, {}
        self._save(changes)

    def _save(self, changes: dict[str, Any]) -> None:
        assert self._case is not None
        case_id = self._case.id
        tablet = self.session.tablet
        self._saves_in_flight += 1
        self.save_state.setText(self.tr("Saving…"))
        self._tasks.op(
            lambda: tablet.edit_case(case_id, **changes),
            case_id=case_id,
            on_done=self._on_saved,
            on_error=lambda exc: self._on_save_failed(exc, changes),
        )

    @property
    def saving(self) -> bool:
        return self._saves_in_flight > 0 or bool(self._pending)

    def _on_saved(self, case: Case) -> None:
        self._saves_in_flight -= 1
        if self._case is None or case.id != self._case.id:
            return
        self._case = case
        self._show_case(case)
        self.save_state.setText(
            self.tr("Saved %1").replace("%1", datetime.now().strftime("%H:%M:%S"))
            if not self._pending
            else self.tr("Editing…")
        )
        if self._problems_shown:
            self._check_problems()
        self._check_duplicates()
        self._record_location_check(case)
        self.saved.emit(case.id)

    def _on_save_failed(self, exc: BaseException, changes: dict[str, Any]) -> None:
        self._saves_in_flight -= 1
        pieces = _split(changes)
        if isinstance(exc, ValidationError) and len(pieces) > 1:
            # Save what is good: each change on its own, so one bad value drops only itself.
            for piece in pieces:
                self._save(piece)
            return
        if isinstance(exc, ValidationError):
            self._show_field_problems(exc.problems)
            self.save_state.setText(self.tr("Not saved: see the marked field"))
            return
        # The environment's fault (disk full, locked): keep the edits for the next try.
        for key, value in changes.items():
            if key in ("fields", "photo_kinds"):
                self._pending[key] = {**value, **self._pending.get(key, {})}
            else:
                self._pending.setdefault(key, value)
        self.save_state.setText(self.tr("Not saved"))
        show_error(self, exc)

    def _show_field_problems(self, problems: Sequence[Problem]) -> None:
        assert self._case is not None
        language = self.session.language
        catalogue = self.session.tablet.catalogue
        by_key = {p.field: problem_text(p, catalogue, self._case.type, language) for p in problems}
        for form in self._forms:
            form.set_problems(by_key)

    # ================================================================ edits

    def on_form_field_edited(self, key: str, raw: str) -> None:
        self._queue(fields={key: raw})

    def on_officers_edited(self, officers: list[Officer]) -> None:
        self._queue(officers=officers)

    def on_description_changed(self) -> None:
        self._queue(description=self.description_edit.toPlainText())

    def on_subtype_choice_changed(self, code: str) -> None:
        if code and self._case is not None and code != self._case.subtype:
            self._queue(subtype=code)
            self.flush()

    def on_photo_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.photo_strip.selectionModel().selectedRows()
        if not rows or self.kind_tiles is None:
            self.kind_row.hide()
            return
        photo = self.photo_model.photo(rows[0].row())
        self.kind_tiles.set_value(photo.kind)
        self.kind_row.setVisible(self._editable())

    def on_kind_tiles_changed(self, kind: str) -> None:
        rows = self.photo_strip.selectionModel().selectedRows()
        if not rows or not kind:
            return
        photo = self.photo_model.photo(rows[0].row())
        if photo.kind != kind:
            self._queue(photo_kinds={photo.sha256: kind})
            self.flush()

    def on_photo_strip_activated(self, index: Any) -> None:
        from ui.photo_viewer import PhotoViewer

        viewer = PhotoViewer(self.session, self.photo_model.photos(), index.row(), self)
        viewer.open()

    # ================================================================ location

    def on_location_manual_entered(self, lat: float, lon: float) -> None:
        self._queue(lat=lat, lon=lon, accuracy_m=None, location_source="manual")
        self.location_panel.set_location(Location(lat, lon, None, "manual"))
        self.flush()

    def on_location_device_requested(self) -> None:
        self._want_device_fix = True
        if self._last_fix is not None:
            self._apply_fix(self._last_fix, force=True)
            self._want_device_fix = False
        else:
            self._update_fix_status(waiting=True)
            self._positions.request_update()

    def on_positions_position_updated(self, fix: PositionFix) -> None:
        self._last_fix = fix
        self._update_fix_status()
        self._update_location_check()
        if self._case is None:
            return
        self._apply_fix(fix, force=self._want_device_fix)
        self._want_device_fix = False

    def on_positions_error_occurred(self, message: str) -> None:
        self.location_panel.set_device_status(message, available=self._positions.available())

    def _apply_pending_fix(self) -> None:
        if self._last_fix is not None:
            self._apply_fix(self._last_fix, force=False)

    def _apply_fix(self, fix: PositionFix, *, force: bool) -> None:
        """Use the tablet's position: when asked, or when the case has none (or a worse one from the tablet)."""
        if not self._editable() or self._case is None:
            return
        current = self._case.location
        if "lat" in self._pending:
            return  # a location is already on its way to the database
        if not force:
            if current is not None and current.source != "device":
                return
            if current is not None and not _better(fix.accuracy_m, current.accuracy_m):
                return
        self._queue(lat=fix.lat, lon=fix.lon, accuracy_m=fix.accuracy_m, location_source="device")
        self.location_panel.set_location(Location(fix.lat, fix.lon, fix.accuracy_m, "device"))
        self.flush()

    def _update_fix_status(self, *, waiting: bool = False) -> None:
        if not self._positions.available():
            self.location_panel.set_device_status(
                self.tr("No positioning on this tablet: the location comes from photos or by hand."),
                available=False,
            )
            return
        fix = self._last_fix
        if fix is None:
            text = (
                self.tr("Waiting for a position fix…")
                if waiting or self._positions.running
                else self.tr("The tablet's position is not known yet.")
            )
            self.location_panel.set_device_status(text)
            return
        at = fix.timestamp.astimezone().strftime("%H:%M:%S") if fix.timestamp else ""
        self.location_panel.set_device_status(
            self.tr("Tablet position %1, %2 (%3) at %4")
            .replace("%1", f"{fix.lat:.6f}")
            .replace("%2", f"{fix.lon:.6f}")
            .replace("%3", accuracy_text(Location(fix.lat, fix.lon, fix.accuracy_m, "device")))
            .replace("%4", at)
        )

    # ================================================================ map and evidence check

    def _photo_point(self, case: Case | None) -> tuple[float, float] | None:
        first = next((p for p in case.photos if p.lat is not None and p.lon is not None), None) if case else None
        return (first.lat, first.lon) if first is not None else None  # type: ignore[return-value]

    def location_check(self) -> LocationCheck:
        """The photo's GPS, the tablet's fix and the case's point, and the distances between them."""
        case = self._case
        fix = self._last_fix
        chosen = (case.location.lat, case.location.lon) if case is not None and case.location is not None else None
        return location_check(self._photo_point(case), (fix.lat, fix.lon) if fix else None, chosen)

    def _update_location_check(self) -> None:
        self.location_panel.set_check(self.location_check() if self._case is not None else None)

    def _record_location_check(self, case: Case) -> None:
        """Keep the check in the case's audit trail when its point or its photo's GPS changed (not on every fix)."""
        if not self._editable():
            return
        fix = self._last_fix
        key = (case.id, case.location, self._photo_point(case), fix is not None)
        if key == self._recorded_check:
            return
        check = self.location_check()
        if check.photo_device_m is None and check.photo_chosen_m is None and check.device_chosen_m is None:
            return
        self._recorded_check = key
        tablet = self.session.tablet
        case_id = case.id
        self._tasks.read(lambda: record_location_check(tablet, case_id, check), lambda _body: None)

    def on_location_map_requested(self) -> None:
        """Pick or nudge the location on the map; the point comes back as a manual location."""
        from ui.map.picker import LocationPicker
        from ui.map.tile_source import TileSource

        case = self._case
        if case is None:
            return
        tablet = self.session.tablet
        fix = self._last_fix
        tiles = TileSource.from_settings(tablet.settings, tablet.paths.root)
        picker = LocationPicker(
            tiles,
            photo=self._photo_point(case),
            device=(fix.lat, fix.lon) if fix is not None else None,
            device_accuracy_m=fix.accuracy_m if fix is not None else None,
            chosen=(case.location.lat, case.location.lon) if case.location is not None else None,
            parent=self,
        )
        picker.point_chosen.connect(self.on_location_manual_entered)
        picker.finished.connect(self.on_picker_finished)
        self.picker = picker
        picker.open()

    def on_picker_finished(self, _result: int) -> None:
        picker, self.picker = self.picker, None
        if picker is not None:
            picker.deleteLater()

    # ================================================================ duplicates

    def _check_duplicates(self) -> None:
        case = self._case
        if case is None or case.location is None or case.location == self._checked_location:
            if case is not None and case.location is None:
                self._show_duplicates([])
            return
        self._checked_location = case.location
        tablet = self.session.tablet
        case_id = case.id
        self._tasks.read(
            lambda: tablet.possible_duplicates(tablet.case(case_id)),
            self._on_duplicates_found,
            lambda exc: log.warning("duplicate check failed: %s", exc),
        )

    def _on_duplicates_found(self, found: list[tuple[Case, float]]) -> None:
        self._duplicates = found
        self._show_duplicates(found)
        self.duplicates_checked.emit(found)

    def _show_duplicates(self, found: list[tuple[Case, float]]) -> None:
        if not found or self._case is None:
            self.duplicate_banner.hide()
            return
        other, metres = found[0]
        language = self.session.language
        catalogue = self.session.tablet.catalogue
        age = (datetime.now().astimezone() - datetime.fromisoformat(other.created_at)).total_seconds()
        text = (
            self.tr("Possible duplicate of %1 (%2): %3 away, created %4.")
            .replace("%1", other.code)
            .replace("%2", subtype_name(catalogue, other.type, other.subtype, language))
            .replace("%3", format_distance(metres))
            .replace("%4", format_age(age))
        )
        if len(found) > 1:
            text += " " + self.tr("Other cases nearby: %1.").replace("%1", str(len(found) - 1))
        self.duplicate_text.setText(text)
        self.duplicate_banner.show()

    def on_duplicate_open_clicked(self) -> None:
        if not self._duplicates:
            return
        from ui.case_detail import CaseDetailDialog

        other = self._duplicates[0][0]
        self.flush()
        dialog = CaseDetailDialog(self.session, other.id, self)
        dialog.open()
        self.duplicate_opened.emit(other.id)

    # ================================================================ photos in

    def _update_camera_state(self) -> None:
        if self.stack.currentWidget() is not self.editor_step:
            return
        if self._capture is None:
            self._capture = QtCameraSource(self)
        available = self._capture.available()
        self.camera_button.setEnabled(available and self._editable())
        if bool(self.camera_button.property("primary")) != available:
            self.camera_button.setProperty("primary", available)
            self.camera_button.style().unpolish(self.camera_button)
            self.camera_button.style().polish(self.camera_button)
        self.camera_status.setVisible(not available)
        self.camera_status.setText(
            self.tr("No camera found on this tablet. Import photos from files or a memory card instead.")
        )

    @property
    def camera_available(self) -> bool:
        return bool(self._capture is not None and self._capture.available())

    def on_camera_clicked(self) -> None:
        if self._capture is None or not self._capture.available():
            self._update_camera_state()
            return
        dialog = CameraDialog(self._capture, self)
        dialog.captured.connect(self.on_camera_captured)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def on_camera_captured(self, data: bytes) -> None:
        """A shot from the camera: written to the data folder, then imported like any photo."""
        target = shot_path(self.session.tablet.paths.incoming, "camera")
        self._temp_files.add(target)
        self._tasks.io(
            lambda: self.session.tablet.write_shot(target, data),
            lambda path: self.import_paths([path]),
            self._on_capture_write_failed,
        )

    def _on_capture_write_failed(self, exc: BaseException) -> None:
        show_error(self, exc)

    def _file_dialog(self, directory: str = "", *, folders: bool = False) -> QFileDialog:
        dialog = QFileDialog(self, self.tr("Choose a folder of photos") if folders else self.tr("Choose photos"))
        dialog.setObjectName("photoFileDialog")
        if directory:
            dialog.setDirectory(directory)
        if folders:
            dialog.setFileMode(QFileDialog.FileMode.Directory)
            dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        else:
            dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
            patterns = " ".join(f"*{s} *{s.upper()}" for s in PHOTO_SUFFIXES)
            dialog.setNameFilters([self.tr("Photos (%1)").replace("%1", patterns), self.tr("All files (*)")])
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.filesSelected.connect(lambda files: self.import_paths([Path(f) for f in files]))
        dialog.open()
        return dialog

    def on_files_clicked(self) -> None:
        self._file_dialog()

    def on_folder_clicked(self) -> None:
        self._file_dialog(folders=True)

    def on_card_clicked(self) -> None:
        self.card_status.setText(self.tr("Looking for a memory card…"))
        self.card_status.show()
        roots = self._dcim_roots
        self._tasks.io(lambda: find_dcim_folders(roots), self._on_cards_found)

    def _on_cards_found(self, folders: list[Path]) -> None:
        if not folders:
            self.card_status.setText(
                self.tr("No memory card with photos (a DCIM folder) was found. Insert the card and try again.")
            )
            return
        self.card_status.setText(
            self.tr("Memory card found: %1. Choose the photos of this case.").replace("%1", str(folders[0]))
        )
        self._file_dialog(str(folders[0]))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        if urls and all(u.isLocalFile() for u in urls) and self._editable():
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if not paths or not self._editable():
            event.ignore()
            return
        event.acceptProposedAction()
        self.import_paths(paths)

    def import_paths(self, paths: Sequence[Path]) -> None:
        """Import these files (folders: the photos inside), one by one, off the GUI thread."""
        if not paths or not self._editable():
            return
        paths = [Path(p) for p in paths]
        # Looking into folders (maybe on a slow card) is I/O: not on the GUI thread.
        self._tasks.io(lambda: photo_files(paths), self._enqueue)

    def _enqueue(self, paths: list[Path]) -> None:
        if not paths:
            self.import_result.setText(self.tr("No photos found there."))
            self.import_result.show()
            return
        if self._import is None:
            self._import = ImportReport()
            self.import_failures.hide()
            self.import_result.hide()
        self._import.total += len(paths)
        self._import_queue.extend(paths)
        self.import_row.setVisible(self._import.total > 1)
        self.import_cancel.setEnabled(True)
        self._show_import_progress()
        if not self._import_running:
            self._import_next()

    def _import_next(self) -> None:
        report = self._import
        if report is None or self._case is None:
            return
        if report.cancelled or not self._import_queue:
            self._finish_import()
            return
        path = self._import_queue.popleft()
        tablet = self.session.tablet
        case_id = self._case.id
        self._import_running = True
        self._tasks.op(
            lambda: tablet.import_photos(case_id, [path]),
            case_id=case_id,
            on_done=lambda result: self._on_photo_imported(path, result),
            on_error=lambda exc: self._on_photo_import_failed(path, exc),
        )

    def _on_photo_imported(self, path: Path, result: tuple[Case, list[PhotoFailure]]) -> None:
        case, failures = result
        report = self._import
        self._forget_temp(path)
        if report is not None:
            report.done += 1
            report.failures.extend(failures)
            before = len(self._case.photos) if self._case is not None else 0
            report.added += max(0, len(case.photos) - before)
        if self._case is not None and case.id == self._case.id:
            self._case = case
            self._show_case(case)
            self._photo_location(case)
            if "lat" not in self._pending:
                self._record_location_check(case)
            self._check_duplicates()
            if self._problems_shown:
                self._check_problems()
        self._show_import_progress()
        self._import_next()

    def _on_photo_import_failed(self, path: Path, exc: BaseException) -> None:
        self._forget_temp(path)
        report = self._import
        if report is not None:
            report.done += 1
            report.cancelled = True  # not the file's fault (disk full, case locked): stop here
        self._import_queue.clear()
        self._finish_import()
        show_error(self, exc)

    def _forget_temp(self, path: Path) -> None:
        if path in self._temp_files:
            self._temp_files.discard(path)
            self._tasks.io(lambda: path.unlink(missing_ok=True))

    def on_import_cancel_clicked(self) -> None:
        if self._import is not None:
            self._import.cancelled = True
            self.import_cancel.setEnabled(False)
            self.import_label.setText(self.tr("Cancelling…"))
            for path in list(self._import_queue):
                self._forget_temp(path)
            self._import_queue.clear()

    def _show_import_progress(self) -> None:
        report = self._import
        if report is None:
            return
        self.import_progress.setMaximum(max(1, report.total))
        self.import_progress.setValue(report.done)
        if not report.cancelled:
            self.import_label.setText(
                self.tr("%1 of %2").replace("%1", str(report.done)).replace("%2", str(report.total))
            )

    def _finish_import(self) -> None:
        report = self._import
        self._import_running = False
        self._import = None
        self.import_row.hide()
        if report is None:
            return
        parts = [self.tr("Photos added: %1.").replace("%1", str(report.added))]
        skipped = report.done - report.added - len(report.failures)
        if skipped > 0:
            parts.append(self.tr("Already in this case: %1.").replace("%1", str(skipped)))
        if report.cancelled and report.done < report.total:
            parts.append(self.tr("Import cancelled; not imported: %1.").replace("%1", str(report.total - report.done)))
        self.import_result.setText(" ".join(parts))
        self.import_result.show()
        if report.failures:
            lines = [self.tr("Files that could not be used (%1):").replace("%1", str(len(report.failures)))]
            for failure in report.failures:
                lines.append(f"• {Path(failure.path).name}: {photo_failure_text(failure.reason)}")
            self.import_failures.setText("\n".join(lines))
            self.import_failures.show()
        self.import_finished.emit(report)

    @property
    def importing(self) -> bool:
        return self._import is not None

    def _photo_location(self, case: Case) -> None:
        """The first photo with GPS gives the location, unless it was entered by hand or already came from one."""
        if case.location is not None and case.location.source != "device":
            return
        first = next((p for p in case.photos if p.lat is not None and p.lon is not None), None)
        if first is None or "lat" in self._pending:
            return
        self._queue(lat=first.lat, lon=first.lon, accuracy_m=None, location_source="photo")
        self.flush()

    # ================================================================ submit, withdraw, leave

    def on_done_clicked(self) -> None:
        self.flush()
        case_id = self.case_id
        self._positions.stop()
        if case_id:
            self.finished.emit(case_id)
        else:
            self.cancelled.emit()

    def on_cancel_clicked(self) -> None:
        self._positions.stop()
        self.cancelled.emit()

    def _check_problems(self) -> None:
        if self._case is None:
            return
        tablet = self.session.tablet
        case_id = self._case.id
        self._tasks.read(lambda: tablet.submit_problems(case_id), self._show_problems)

    def _show_problems(self, problems: list[Problem]) -> None:
        if self._case is None:
            return
        self._problems_shown = True
        language = self.session.language
        catalogue = self.session.tablet.catalogue
        if not problems:
            self.problems_box.hide()
            return
        lines = [f"• {problem_text(p, catalogue, self._case.type, language)}" for p in problems]
        self.problems_list.setText("\n".join(lines))
        self.problems_box.show()

    def on_submit_clicked(self) -> None:
        if self._case is None or not self._editable():
            return
        if self.importing:
            self.save_state.setText(self.tr("Wait for the import to finish."))
            return
        self.flush()
        tablet = self.session.tablet
        case_id = self._case.id

        def work() -> tuple[str, Any]:
            problems = tablet.submit_problems(case_id)
            if problems:
                return "problems", problems
            return "submitted", tablet.submit(case_id)

        self.submit_button.setEnabled(False)
        self._tasks.op(work, case_id=case_id, on_done=self._on_submit_done, on_error=self._on_submit_failed)

    def _on_submit_done(self, result: tuple[str, Any]) -> None:
        outcome, value = result
        self.submit_button.setEnabled(self._editable())
        if outcome == "problems":
            self._show_problems(value)
            self._show_field_problems(value)
            self.scroll.ensureWidgetVisible(self.problems_box)
            self.scroll.verticalScrollBar().setValue(0)
            self.save_state.setText(self.tr("Not submitted: see what is missing"))
            return
        case: Case = value
        self._case = case
        self._positions.stop()
        self.submitted.emit(case.id)
        self.finished.emit(case.id)

    def _on_submit_failed(self, exc: BaseException) -> None:
        self.submit_button.setEnabled(self._editable())
        if isinstance(exc, ValidationError):
            self._show_problems(exc.problems)
            return
        show_error(self, exc)

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
        self._autosave.stop()
        self._pending = {}
        tablet = self.session.tablet
        case_id = self._case.id
        self._tasks.op(lambda: tablet.delete(case_id), case_id=case_id, on_done=lambda _c: self._on_withdrawn(case_id))

    def _on_withdrawn(self, case_id: str) -> None:
        self._reset()
        self.withdrawn.emit(case_id)
        self.cancelled.emit()


def _better(new: float | None, old: float | None) -> bool:
    if new is None:
        return False
    if old is None:
        return True
    return new < old * _BETTER_FIX


def _split(changes: dict[str, Any]) -> list[dict[str, Any]]:
    """One edit per field (and per form field), so a refused value can be told from the good ones."""
    pieces: list[dict[str, Any]] = []
    location_keys = ("lat", "lon", "accuracy_m", "location_source")
    location = {k: changes[k] for k in location_keys if k in changes}
    if location:
        pieces.append(location)
    for key, value in changes.items():
        if key in location_keys:
            continue
        if key in ("fields", "photo_kinds") and isinstance(value, dict):
            pieces.extend({key: {k: v}} for k, v in value.items())
        else:
            pieces.append({key: value})
    return pieces
