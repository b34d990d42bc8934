"""The one place that turns an exception into words for the inspector, and shows them.

Sorted as STYLE.md asks: refusals the user can act on (validation, state, a bad
photo, a case not found) are explained; the environment's faults (disk full,
read-only, locked) say what to do; anything else is a bug: logged with its
traceback and shown as a short generic message, never swallowed.
"""

from __future__ import annotations

import errno
import logging
import re

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

import ui.pyside_fix  # noqa: F401  (PySide6 6.12.0 drops references to None/True: see there)
from app.domain.errors import Problem, RoleRefusedError, StateRefusedError, TransitionError, ValidationError
from app.queries import AmbiguousError, EnvironmentFaultError, NotFoundError, PhotoError, StorageError

log = logging.getLogger(__name__)


def state_name(state: str) -> str:
    """A case state in the interface's language."""
    names = {
        "draft": QCoreApplication.translate("States", "draft"),
        "submitted": QCoreApplication.translate("States", "submitted"),
        "received": QCoreApplication.translate("States", "received"),
        "returned": QCoreApplication.translate("States", "returned for more evidence"),
        "rejected": QCoreApplication.translate("States", "rejected"),
        "duplicate": QCoreApplication.translate("States", "duplicate"),
        "filed": QCoreApplication.translate("States", "filed"),
        "dispatched": QCoreApplication.translate("States", "dispatched"),
        "disposed": QCoreApplication.translate("States", "disposed (to verify)"),
        "verified": QCoreApplication.translate("States", "verified"),
        "closed": QCoreApplication.translate("States", "closed"),
    }
    return names.get(state, state)


def field_name(key: str) -> str:
    """A problem's field in the interface's language (catalogue fields fall back to their key)."""
    names = {
        "location": QCoreApplication.translate("Fields", "Location"),
        "photos": QCoreApplication.translate("Fields", "Photos"),
        "photo": QCoreApplication.translate("Fields", "Photo"),
        "photo_kind": QCoreApplication.translate("Fields", "Kind of shot"),
        "kind": QCoreApplication.translate("Fields", "Kind of shot"),
        "officers": QCoreApplication.translate("Fields", "Officers"),
        "address": QCoreApplication.translate("Fields", "Address"),
        "description": QCoreApplication.translate("Fields", "Description"),
        "note": QCoreApplication.translate("Fields", "Note"),
        "hazard": QCoreApplication.translate("Fields", "Hazard level"),
        "type": QCoreApplication.translate("Fields", "Case type"),
        "subtype": QCoreApplication.translate("Fields", "Subtype"),
    }
    return names.get(key, key)


_PHOTOS = re.compile(r"at least (\d+) photos — (.*) \(has (\d+) photos?(?:; missing (.*))?\)$")
_OFFICERS = re.compile(r"at least (\d+) officers .* \(has (\d+)\)$")
_REQUIRED = re.compile(r"^(.*) is required$")
_TOO_LONG = re.compile(r"^longer than (\d+) characters")


def problem_text(problem: Problem, catalogue_names: dict[str, str] | None = None) -> str:
    """One validation problem as a line for the inspector, in the interface's language.

    The domain words its problems in English; the common ones are recognised and said
    again in the current language, the rest are shown with their field named.
    `catalogue_names` maps catalogue field keys to their names in the current language.
    """
    names = catalogue_names or {}
    label = names.get(problem.field) or field_name(problem.field)
    message = problem.message
    if problem.field == "location" and message.startswith("no location"):
        return QCoreApplication.translate(
            "Errors", "No location: take a photo with GPS, use the tablet's position, or enter it by hand."
        )
    if problem.field == "photos" and (m := _PHOTOS.search(message)):
        text = QCoreApplication.translate("Errors", "At least %1 photos are needed (%2 so far).").replace(
            "%1", m.group(1)
        )
        text = text.replace("%2", m.group(3))
        if m.group(4):
            kinds = ", ".join(_kind_name(k.strip()) for k in m.group(4).split(","))
            text += " " + QCoreApplication.translate("Errors", "Missing: %1.").replace("%1", kinds)
        return text
    if problem.field == "officers" and (m := _OFFICERS.search(message)):
        return (
            QCoreApplication.translate(
                "Errors", "At least %1 officers with enforcement-certificate numbers must be recorded (%2 so far)."
            )
            .replace("%1", m.group(1))
            .replace("%2", m.group(2))
        )
    if problem.field == "officers" and "listed twice" in message:
        return QCoreApplication.translate("Errors", "The same certificate number is listed twice.")
    if _REQUIRED.match(message):
        return QCoreApplication.translate("Errors", "%1 is required.").replace("%1", label)
    if m := _TOO_LONG.match(message):
        return (
            QCoreApplication.translate("Errors", "%1: longer than %2 characters.")
            .replace("%1", label)
            .replace("%2", m.group(1))
        )
    return f"{label}: {message}" if problem.field else message


def _kind_name(code: str) -> str:
    names = {
        "overview": QCoreApplication.translate("Kinds", "overview"),
        "close_up": QCoreApplication.translate("Kinds", "close-up"),
        "signage": QCoreApplication.translate("Kinds", "signage"),
        "measurement": QCoreApplication.translate("Kinds", "measurement"),
        "after_disposal": QCoreApplication.translate("Kinds", "after disposal"),
    }
    return names.get(code, code)


def _environment_text(text: str) -> str:
    lowered = text.lower()
    if "full" in lowered or "no space" in lowered:
        return QCoreApplication.translate(
            "Errors",
            "The tablet's storage is full: nothing more can be saved. Free some space "
            "(sync, then remove old photos) and try again. Nothing already saved was lost.",
        )
    if "read-only" in lowered or "readonly" in lowered:
        return QCoreApplication.translate(
            "Errors", "The data folder cannot be written to (read-only). Check the storage card or the folder."
        )
    if "locked" in lowered or "busy" in lowered:
        return QCoreApplication.translate("Errors", "The case database is busy. Wait a moment and try again.")
    return QCoreApplication.translate("Errors", "The tablet's storage failed. Try again; if it keeps failing, call IT.")


def message_for(exc: BaseException) -> str:
    """What to tell the inspector about `exc`, in the interface's language."""
    if isinstance(exc, ValidationError):
        lines = [problem_text(p) for p in exc.problems]
        if len(lines) == 1:
            return lines[0]
        return QCoreApplication.translate("Errors", "Please check:") + "\n" + "\n".join(f"• {line}" for line in lines)
    if isinstance(exc, RoleRefusedError):
        return QCoreApplication.translate("Errors", "Your role may not do this.")
    if isinstance(exc, StateRefusedError):
        if exc.state:
            return QCoreApplication.translate("Errors", "This cannot be done now: the case is %1.").replace(
                "%1", state_name(exc.state)
            )
        return QCoreApplication.translate("Errors", "This cannot be done to the case now.")
    if isinstance(exc, TransitionError):
        return QCoreApplication.translate("Errors", "This cannot be done to the case now.")
    if isinstance(exc, PhotoError):
        name = exc.path.replace("\\", "/").rsplit("/", 1)[-1]
        return (
            QCoreApplication.translate("Errors", "%1 cannot be used as evidence: %2")
            .replace("%1", name)
            .replace("%2", exc.reason)
        )
    if isinstance(exc, EnvironmentFaultError):
        return _environment_text(str(exc))
    if isinstance(exc, NotFoundError):
        return QCoreApplication.translate("Errors", "The case was not found; it may have been withdrawn.")
    if isinstance(exc, AmbiguousError):
        return QCoreApplication.translate("Errors", "More than one case matches; give more of the code.")
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return _environment_text("disk full")
    if isinstance(exc, OSError) and exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return QCoreApplication.translate(
            "Errors", "The data folder cannot be written to (read-only). Check the storage card or the folder."
        )
    if isinstance(exc, StorageError) and "damaged" in str(exc):
        return QCoreApplication.translate("Errors", "The case database is damaged. Do not delete anything; call IT.")
    detail = getattr(exc, "__traceback_text__", None)
    log.error("unexpected error: %r\n%s", exc, detail or "", exc_info=None if detail else exc)
    return QCoreApplication.translate(
        "Errors", "Something went wrong (%1). It has been written to the log; please tell IT."
    ).replace("%1", type(exc).__name__)


def show_error(parent: QWidget | None, exc: BaseException) -> QMessageBox:
    """Show `exc` to the inspector in a window-modal box that does not block the event loop."""
    text = message_for(exc)
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("Errors", "Fieldcase"))
    box.setText(text)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setObjectName("errorBox")
    box.open()
    return box
