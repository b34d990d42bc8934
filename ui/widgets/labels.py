"""Words for codes: states, sync states, location sources, audit actions, and the core's English messages.

The domain and storage speak English (the CLI's language); the tablet is Chinese-first.
Codes get a translated name here; the domain's validation messages and the photo
ingest's refusal reasons are matched by pattern and said again through Qt's
translation system, with the English original as the fallback for anything unknown.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QCoreApplication

from app.domain.audit import AuditEvent
from app.domain.catalogue import Catalogue
from app.domain.errors import Problem
from ui import errors


def state_name(code: str) -> str:
    """A case state in the interface's language (the shell's words, so list and detail agree)."""
    return errors.state_name(code)


def sync_name(code: str) -> str:
    names = {
        "local": QCoreApplication.translate("Labels", "Only on this tablet"),
        "pending": QCoreApplication.translate("Labels", "Waiting to sync"),
        "syncing": QCoreApplication.translate("Labels", "Syncing"),
        "synced": QCoreApplication.translate("Labels", "Synced"),
        "failed": QCoreApplication.translate("Labels", "Sync failed"),
    }
    return names.get(code, code)


def source_name(code: str | None) -> str:
    names = {
        "photo": QCoreApplication.translate("Labels", "From a photo's GPS"),
        "device": QCoreApplication.translate("Labels", "From the tablet's position"),
        "manual": QCoreApplication.translate("Labels", "Entered by hand"),
    }
    return names.get(code or "", code or "")


def role_name(code: str) -> str:
    names = {
        "inspector": QCoreApplication.translate("Labels", "inspector"),
        "supervisor": QCoreApplication.translate("Labels", "supervisor"),
        "unit": QCoreApplication.translate("Labels", "disposal unit"),
        "admin": QCoreApplication.translate("Labels", "administrator"),
        "system": QCoreApplication.translate("Labels", "system"),
    }
    return names.get(code, code)


def yes_no_name(value: str) -> str:
    if value == "yes":
        return QCoreApplication.translate("Labels", "Yes")
    if value == "no":
        return QCoreApplication.translate("Labels", "No")
    return value


def join_names(names: Iterable[str], language: str) -> str:
    return ("、" if language.startswith("zh") else ", ").join(names)


# ---------------------------------------------------------------- catalogue names


def type_name(catalogue: Catalogue, type_code: str, language: str) -> str:
    found = next((t for t in catalogue.types if t.code == type_code), None)
    return found.name(language) if found else type_code


def subtype_name(catalogue: Catalogue, type_code: str, subtype_code: str, language: str) -> str:
    found = next((t for t in catalogue.types if t.code == type_code), None)
    sub = found.subtype(subtype_code) if found else None
    return sub.name(language) if sub else subtype_code


def kind_name(catalogue: Catalogue, kind: str, language: str) -> str:
    found = next((k for k in catalogue.shot_kinds if k.code == kind), None)
    return found.name(language) if found else kind


def hazard_name(catalogue: Catalogue, hazard: str, language: str) -> str:
    found = next((h for h in catalogue.hazard_levels if h.code == hazard), None)
    return found.name(language) if found else hazard


def field_name(catalogue: Catalogue, type_code: str, key: str, language: str) -> str:
    found = next((t for t in catalogue.types if t.code == type_code), None)
    spec = found.field(key) if found else None
    if spec is not None:
        return spec.name(language)
    return errors.field_name(key)


def field_value(catalogue: Catalogue, type_code: str, key: str, value: Any, language: str) -> str:
    """A field's stored value as a person reads it: choice and owner names, yes/no, numbers."""
    found = next((t for t in catalogue.types if t.code == type_code), None)
    spec = found.field(key) if found else None
    if value is None or value == "":
        return "—"
    if spec is None:
        return str(value)
    if spec.kind == "owner":
        owner = catalogue.owner(str(value))
        return owner.name(language) if owner else str(value)
    if spec.kind == "choice":
        choice = next((c for c in spec.choices if c.code == value), None)
        return choice.name(language) if choice else str(value)
    if spec.kind == "yes_no":
        return yes_no_name(str(value))
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# ---------------------------------------------------------------- the domain's messages

_PHOTOS = re.compile(
    r"^.*: at least (?P<n>\d+) photos — .* \(has (?P<has>\d+) photos?(?:; missing (?P<missing>[\w, ]+))?\)$"
)
_BELOW = re.compile(r"^(?P<v>[-\d.e+]+) is below the minimum (?P<min>[-\d.e+]+)$")
_ABOVE = re.compile(r"^(?P<v>[-\d.e+]+) is above the maximum (?P<max>[-\d.e+]+)$")


def problem_text(problem: Problem, catalogue: Catalogue, type_code: str, language: str) -> str:
    """One of the domain's problems, in the interface's language (the English message if unknown).

    Value-level messages (ranges, ID and phone numbers, certificates) are said here; the
    case-level ones (location, photos, officers, required fields) by `ui.errors`.
    """
    message = problem.message
    name = field_name(catalogue, type_code, problem.field, language) if problem.field else ""
    if m := _PHOTOS.match(message):
        return _photos_text(catalogue, type_code, language, message, m)
    if m := _BELOW.match(message):
        return (
            QCoreApplication.translate("Labels", "%1: must be at least %2.").replace("%1", name).replace("%2", m["min"])
        )
    if m := _ABOVE.match(message):
        return (
            QCoreApplication.translate("Labels", "%1: must be at most %2.").replace("%1", name).replace("%2", m["max"])
        )
    if message.endswith("is not a number"):
        return QCoreApplication.translate("Labels", "%1: not a number.").replace("%1", name)
    if message.endswith("is not a whole number"):
        return QCoreApplication.translate("Labels", "%1: not a whole number.").replace("%1", name)
    if message.startswith("not a valid 18-character ID number"):
        return QCoreApplication.translate(
            "Labels", "%1: not a valid 18-character ID number or unified social credit code."
        ).replace("%1", name)
    if message.endswith("is not a valid phone number"):
        return QCoreApplication.translate("Labels", "%1: not a valid phone number.").replace("%1", name)
    if "is not an enforcement-certificate number" in message:
        return QCoreApplication.translate("Labels", "A certificate number must be 4–32 letters or digits.")
    if message.startswith("officer name must be"):
        return QCoreApplication.translate("Labels", "An officer's name must be 1–50 characters.")
    found = next((t for t in catalogue.types if t.code == type_code), None)
    names = {f.key: f.name(language) for f in found.fields} if found else {}
    return errors.problem_text(problem, names)


def _photos_text(catalogue: Catalogue, type_code: str, language: str, message: str, m: re.Match[str]) -> str:
    """The photo rule with the catalogue's names for the kinds of shot."""
    kinds = [kind_name(catalogue, k, language) for k in _required_kinds(catalogue, type_code, message)]
    text = QCoreApplication.translate("Labels", "At least %1 photos are needed").replace("%1", m["n"])
    if kinds:
        text += QCoreApplication.translate("Labels", " (%1)").replace("%1", join_names(kinds, language))
    text += QCoreApplication.translate("Labels", "; this case has %1.").replace("%1", m["has"])
    if m["missing"]:
        missing = [kind_name(catalogue, k.strip(), language) for k in m["missing"].split(",")]
        text += " " + QCoreApplication.translate("Labels", "Missing: %1.").replace("%1", join_names(missing, language))
    return text


def _required_kinds(catalogue: Catalogue, type_code: str, message: str) -> list[str]:
    """The kinds the message asks for, read back from its "an overview and a close-up" list."""
    found = next((t for t in catalogue.types if t.code == type_code), None)
    if found is None:
        return []
    wanted = message.split(" — ", 1)[-1].split(" (has ", 1)[0]
    return [k.code for k in catalogue.shot_kinds if k.code.replace("_", "-") in wanted]


def photo_failure_text(reason: str) -> str:
    """The photo ingest's reason for refusing a file, in the interface's language."""
    fixed = {
        "empty file": QCoreApplication.translate("Labels", "the file is empty"),
        "file not found": QCoreApplication.translate("Labels", "the file was not found"),
        "a folder, not a file": QCoreApplication.translate("Labels", "a folder, not a file"),
        "not a regular file": QCoreApplication.translate("Labels", "not a regular file"),
        "cannot read the file: permission denied": QCoreApplication.translate(
            "Labels", "cannot read the file: permission denied"
        ),
        "not an image (unsupported or unknown format)": QCoreApplication.translate(
            "Labels", "not a photo (unknown format)"
        ),
        "the file changed while it was being imported; try again": QCoreApplication.translate(
            "Labels", "the file changed while it was being imported; try again"
        ),
        "the image needs more memory to decode than allowed": QCoreApplication.translate(
            "Labels", "the image is too large to open"
        ),
    }
    if reason in fixed:
        return fixed[reason]
    if reason.startswith("truncated or corrupt image data"):
        return QCoreApplication.translate("Labels", "the photo is damaged (cut short or corrupt)")
    if reason.startswith("unsupported format"):
        return QCoreApplication.translate("Labels", "unsupported format (JPEG, PNG or HEIC only)")
    if reason.startswith(("image too large", "file too large")):
        return QCoreApplication.translate("Labels", "too large to be a photo")
    if reason.startswith("decoding took longer"):
        return QCoreApplication.translate("Labels", "took too long to open (damaged or hostile file)")
    if reason.startswith("the image decoder crashed"):
        return QCoreApplication.translate("Labels", "the photo could not be opened (damaged or hostile file)")
    return reason


# ---------------------------------------------------------------- the audit trail


def event_title(event: AuditEvent) -> str:
    """What happened, in a few words."""
    changes = event.changes or {}
    match event.action:
        case "create":
            return QCoreApplication.translate("Labels", "Draft created")
        case "add_photos":
            return QCoreApplication.translate("Labels", "Photos added: %1").replace(
                "%1", str(len(changes.get("photos", [])))
            )
        case "edit":
            return QCoreApplication.translate("Labels", "Edited")
        case "submit":
            return QCoreApplication.translate("Labels", "Submitted")
        case "withdraw":
            return QCoreApplication.translate("Labels", "Withdrawn")
        case "receive":
            return QCoreApplication.translate("Labels", "Received by the server")
        case "file":
            return QCoreApplication.translate("Labels", "Filed")
        case "return":
            return QCoreApplication.translate("Labels", "Returned for more evidence")
        case "reject":
            return QCoreApplication.translate("Labels", "Rejected")
        case "duplicate":
            return QCoreApplication.translate("Labels", "Marked as a duplicate")
        case "dispatch":
            return QCoreApplication.translate("Labels", "Dispatched to a disposal unit")
        case "defer":
            return QCoreApplication.translate("Labels", "Deadline deferred")
        case "dispose":
            return QCoreApplication.translate("Labels", "Disposal reported")
        case "send_back":
            return QCoreApplication.translate("Labels", "Disposal not accepted")
        case "confirm":
            return QCoreApplication.translate("Labels", "Verified on site")
        case "dispute":
            return QCoreApplication.translate("Labels", "Verification failed: rework")
        case "close":
            return QCoreApplication.translate("Labels", "Closed")
        case "reassign":
            return (
                QCoreApplication.translate("Labels", "Reassigned from %1 to %2")
                .replace("%1", str(changes.get("from") or "—"))
                .replace("%2", str(changes.get("to") or "—"))
            )
    return event.action


def event_detail(event: AuditEvent, catalogue: Catalogue, type_code: str, language: str) -> str:
    """What changed, in one readable line (empty when the title says it all)."""
    changes = event.changes or {}
    if event.action == "edit":
        parts = []
        for key, value in changes.items():
            if key == "fields" and isinstance(value, dict):
                parts.extend(field_name(catalogue, type_code, k, language) for k in value)
            elif key == "photo_edits":
                parts.append(QCoreApplication.translate("Labels", "photo details"))
            elif key != "revision":
                parts.append(field_name(catalogue, type_code, key, language))
        return QCoreApplication.translate("Labels", "Changed: %1").replace("%1", join_names(parts, language))
    if event.action == "create":
        sub = changes.get("subtype")
        return subtype_name(catalogue, type_code, str(sub), language) if sub else ""
    if event.action == "add_photos" and "location" in changes:
        return QCoreApplication.translate("Labels", "Location taken from a photo's GPS")
    for key in ("note", "reason", "review_note"):
        if changes.get(key):
            return str(changes[key])
    if event.action == "duplicate" and changes.get("duplicate_of"):
        return QCoreApplication.translate("Labels", "Repeats case %1").replace("%1", str(changes["duplicate_of"]))
    if event.action == "submit" and changes.get("revision", 1) > 1:
        return QCoreApplication.translate("Labels", "Revision %1").replace("%1", str(changes["revision"]))
    return ""


def who(event: AuditEvent) -> str:
    actor = event.actor or QCoreApplication.translate("Labels", "unknown")
    return f"{actor} · {role_name(event.role)}"
