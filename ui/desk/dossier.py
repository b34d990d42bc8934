"""The PDF case dossier a supervisor prints for an enforcement file, made with Qt's own PDF writer.

`write_dossier(path, case, log, photos)` takes the case JSON of `GET /cases/{id}`, the audit trail
of `GET /cases/{id}/log` and the originals by SHA-256 (what `GET /blobs/{sha256}` gives), and
writes an A4 PDF: the case facts (with the catalogue's names), the party and other fields, the
officers, the deadlines, the location, every photo with its capture time, coordinates and full
SHA-256 (in a monospaced font, and checked against the bytes given), and the whole audit trail
with the chain's state. Every page has a header with the case code and its page number.

The text is laid out by a QTextDocument (HTML; it wraps long addresses and CJK text, and moves a
line or a picture that does not fit to the next page) and painted page by page onto a QPdfWriter,
so the header and footer go on every page. Latin text uses a TrueType sans font with the CJK
font (Noto Sans CJK, Debian `fonts-noto-cjk`) as its fallback for Chinese: Qt's PDF writer then
embeds both with a ToUnicode map, so the PDF's text can be searched and copied.

Photos are never painted at full size: each is decoded at a reduced scale (JPEG's DCT scaling,
Pillow's `draft`: a 12 MP JPEG comes out at 1/8 size, 500 × 375) to about the size printed at
150 dpi, shrunk further only if it is much larger than that, on a few threads (Pillow releases
the GIL while decoding and hashlib while hashing; no Qt object is touched there). It is safe to
call from a worker thread: every Qt object it makes lives and dies inside the call.
"""

from __future__ import annotations

import hashlib
import html
import io
import os
import tempfile
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from PIL import Image, ImageOps
from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt, QTranslator, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextDocument,
    QTextOption,
)

import ui.pyside_fix  # noqa: F401  (PySide6 6.12.0 drops references to None/True: see there)
from app.domain.catalogue import Catalogue, load_catalogue
from app.domain.geo import distance_m
from app.paths import resources_dir
from ui import i18n

try:  # HEIC originals, where pillow-heif is installed (it is a dependency of the app)
    import pillow_heif

    pillow_heif.register_heif_opener()
except ImportError:  # pragma: no cover
    pass

DPI = 300  # the PDF's device units (text and lines are vectors whatever this is)
PHOTO_DPI = 150  # photos are embedded at about this resolution of their printed size
OVERSIZE = 1.5  # a decoded picture up to this much larger than that is embedded as it is (no resampling)
MARGIN_MM = (16.0, 22.0, 16.0, 18.0)  # left, top, right, bottom: the header and footer sit in top and bottom
PHOTO_BOX_MM = (80.0, 60.0)  # the largest a photo is printed: width, height
PHOTOS_PER_PAGE = 3
SANS_FAMILIES = ("DejaVu Sans", "Noto Sans", "Liberation Sans", "Arial", "Helvetica")
CJK_FAMILIES = ("Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "WenQuanYi Zen Hei")
MONO_FAMILIES = ("DejaVu Sans Mono", "Noto Sans Mono", "Liberation Mono", "Consolas", "Noto Sans Mono CJK SC")


def _mm(value: float) -> float:
    return value * DPI / 25.4


def _html_px(mm: float) -> int:
    """A length for an <img> of the document: QTextDocument scales image sizes by the paint device's
    DPI over Qt's default DPI (qt_defaultDpiY: 96 with AA_Use96Dpi, else the primary screen's)."""
    app = QGuiApplication.instance()
    screen = QGuiApplication.primaryScreen() if app is not None else None
    if app is not None and app.testAttribute(Qt.ApplicationAttribute.AA_Use96Dpi):
        dpi = 96
    elif screen is not None:
        dpi = round(screen.logicalDotsPerInchY())
    else:
        dpi = 100
    return round(mm * dpi / 25.4)


@lru_cache(maxsize=1)
def _catalogue() -> Catalogue:
    return load_catalogue(resources_dir() / "catalogue.json")


def _available(wanted: Sequence[str]) -> list[str]:
    families = set(QFontDatabase.families())
    return [f for f in wanted if f in families]


def cjk_family() -> str | None:
    """The CJK font the dossier uses for Chinese, or None where none is installed."""
    found = _available(CJK_FAMILIES)
    return found[0] if found else None


# ---------------------------------------------------------------- photos (worker threads: no Qt here)


@dataclass(frozen=True)
class _Picture:
    sha256: str
    ok_hash: bool | None  # None: no bytes given
    size: tuple[int, int] | None  # the scaled picture's pixels, None if it could not be read
    rgb: bytes = b""


def _prepare(sha256: str, data: bytes | None, box: tuple[int, int]) -> _Picture:
    """Check the bytes' hash and decode them at a reduced scale into `box` (upright)."""
    if data is None:
        return _Picture(sha256, None, None)
    ok = hashlib.sha256(data).hexdigest() == sha256.lower()
    try:
        with Image.open(io.BytesIO(data)) as image:
            stored_w, stored_h = image.size
            orientation = image.getexif().get(0x0112, 1)
            upright_w, upright_h = (stored_h, stored_w) if orientation in (5, 6, 7, 8) else (stored_w, stored_h)
            factor = min(box[0] / upright_w, box[1] / upright_h, 1.0)
            image.draft("RGB", (max(1, int(stored_w * factor)), max(1, int(stored_h * factor))))
            picture = ImageOps.exif_transpose(image).convert("RGB")
            if picture.width > box[0] * OVERSIZE or picture.height > box[1] * OVERSIZE:
                picture.thumbnail(box, Image.Resampling.BILINEAR, reducing_gap=2.0)
            return _Picture(sha256, ok, picture.size, picture.tobytes())
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return _Picture(sha256, ok, None)


def _prepare_all(
    records: Sequence[dict[str, Any]], photos: Mapping[str, bytes], box: tuple[int, int]
) -> list[_Picture]:
    hashes = [str(p.get("sha256") or "") for p in records]
    if not hashes:
        return []
    workers = max(1, min(len(hashes), os.cpu_count() or 2, 4))
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="dossier-photo") as pool:
        return list(pool.map(lambda h: _prepare(h, photos.get(h), box), hashes))


# ---------------------------------------------------------------- formatting


def _esc(value: Any) -> str:
    return html.escape("" if value is None else str(value))


def _when(text: str | None, *, local: bool = True) -> str:
    """An ISO 8601 or EXIF time, readable, with its UTC offset; server times in this computer's zone."""
    if not text:
        return "—"
    raw = str(text).strip()
    candidate = raw
    if len(raw) >= 19 and raw[4] == ":" and raw[7] == ":":  # EXIF "YYYY:MM:DD HH:MM:SS[+hh:mm]"
        candidate = f"{raw[:4]}-{raw[5:7]}-{raw[8:10]}T{raw[11:]}"
    try:
        moment = datetime.fromisoformat(candidate.replace("Z", "+00:00"))
    except ValueError:
        return raw
    if moment.tzinfo is None:
        return moment.strftime("%Y-%m-%d %H:%M:%S")
    if local:
        moment = moment.astimezone()
    offset = moment.strftime("%z")
    return moment.strftime("%Y-%m-%d %H:%M:%S") + f" {offset[:3]}:{offset[3:]}"


def _coords(lat: Any, lon: Any) -> str:
    if lat is None or lon is None:
        return "—"
    ns = "N" if float(lat) >= 0 else "S"
    ew = "E" if float(lon) >= 0 else "W"
    return f"{abs(float(lat)):.6f}° {ns}, {abs(float(lon)):.6f}° {ew}"


def _named(items: Sequence[Any], code: Any, language: str) -> str:
    found = next((i for i in items if i.code == code), None)
    return found.name(language) if found else ("—" if code in (None, "") else str(code))


# ---------------------------------------------------------------- the document


def _h2(text: str) -> str:
    return f"<h2>{_esc(text)}</h2>"


def _p(text: str, css_class: str = "") -> str:
    return f'<p class="{css_class}">{_esc(text)}</p>' if css_class else f"<p>{_esc(text)}</p>"


def _head(*cells: tuple[str, int]) -> str:
    """A table's header row: (text, width in percent) per column."""
    return "<tr>" + "".join(f'<th width="{width}%">{_esc(text)}</th>' for text, width in cells) + "</tr>"


class Dossier:
    """One dossier's words (in its own language, whatever the interface shows) and its HTML."""

    def __init__(self, case: dict[str, Any], log: dict[str, Any], language: str) -> None:
        self.case, self.log, self.language = case, log, language
        self.catalogue = _catalogue()
        self._translator = QTranslator()
        self._loaded = self._translator.load(f"fieldcase_{language}", i18n.translations_dir())

    def tr(self, source: str) -> str:
        if self._loaded:
            text = self._translator.translate("Dossier", source)
            if text:
                return text
        return source

    def title(self) -> str:
        return self.tr("Case dossier")

    def page_number(self, page: int, pages: int) -> str:
        return self.tr("Page %1 of %2").replace("%1", str(page)).replace("%2", str(pages))

    # -- words for codes

    def state(self, code: Any) -> str:
        names = {
            "draft": self.tr("draft"),
            "submitted": self.tr("submitted"),
            "received": self.tr("received"),
            "returned": self.tr("returned for more evidence"),
            "rejected": self.tr("rejected"),
            "duplicate": self.tr("duplicate"),
            "filed": self.tr("filed"),
            "dispatched": self.tr("dispatched"),
            "disposed": self.tr("disposed (to verify)"),
            "verified": self.tr("verified"),
            "closed": self.tr("closed"),
        }
        return names.get(str(code), "—" if code is None else str(code))

    def role(self, code: Any) -> str:
        names = {
            "inspector": self.tr("inspector"),
            "supervisor": self.tr("supervisor"),
            "unit": self.tr("disposal unit"),
            "admin": self.tr("administrator"),
            "system": self.tr("system"),
        }
        return names.get(str(code), str(code or ""))

    def action(self, code: Any) -> str:
        names = {
            "create": self.tr("Draft created"),
            "add_photos": self.tr("Photos added"),
            "edit": self.tr("Edited"),
            "submit": self.tr("Submitted"),
            "withdraw": self.tr("Withdrawn"),
            "receive": self.tr("Received by the server"),
            "file": self.tr("Filed"),
            "return": self.tr("Returned for more evidence"),
            "reject": self.tr("Rejected"),
            "duplicate": self.tr("Marked as a duplicate"),
            "dispatch": self.tr("Dispatched to a disposal unit"),
            "defer": self.tr("Deadline deferred"),
            "dispose": self.tr("Disposal reported"),
            "send_back": self.tr("Disposal not accepted"),
            "confirm": self.tr("Verified on site"),
            "dispute": self.tr("Verification failed: rework"),
            "close": self.tr("Closed"),
        }
        return names.get(str(code), str(code))

    def source(self, code: Any) -> str:
        names = {
            "photo": self.tr("from a photo's GPS"),
            "device": self.tr("from the tablet's position"),
            "manual": self.tr("entered by hand"),
        }
        return names.get(str(code), str(code or ""))

    def field_value(self, spec: Any, value: Any) -> str:
        if value is None or value == "":
            return "—"
        if spec is None:
            return str(value)
        if spec.kind == "owner":
            owner = self.catalogue.owner(str(value))
            return owner.name(self.language) if owner else str(value)
        if spec.kind == "choice":
            return _named(spec.choices, value, self.language)
        if spec.kind == "yes_no":
            return {"yes": self.tr("yes"), "no": self.tr("no")}.get(str(value), str(value))
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value)

    def milestone(self, type_code: str, subtype_code: str, code: Any) -> str:
        case_type = next((t for t in self.catalogue.types if t.code == type_code), None)
        sub = case_type.subtype(subtype_code) if case_type else None
        if sub is None:
            return str(code)
        return _named(sub.deadlines.milestones, code, self.language)

    # -- sections

    def _rows(self, pairs: Sequence[tuple[str, str]], *, html_values: bool = False) -> str:
        cells = "".join(
            f'<tr><td class="label" width="24%">{_esc(label)}</td>'
            f'<td width="76%">{value if html_values else _esc(value)}</td></tr>'
            for label, value in pairs
        )
        return f'<table class="facts" width="100%" cellspacing="0" cellpadding="5">{cells}</table>'

    def facts(self) -> str:
        c, lang, cat = self.case, self.language, self.catalogue
        case_type = next((t for t in cat.types if t.code == c.get("type")), None)
        sub = case_type.subtype(str(c.get("subtype"))) if case_type else None
        server = c.get("server") or {}
        unit = c.get("unit")
        pairs = [
            (self.tr("Case code"), c.get("code") or "—"),
            (self.tr("Official case number"), c.get("official_number") or self.tr("not filed")),
            (self.tr("Type"), case_type.name(lang) if case_type else str(c.get("type"))),
            (self.tr("Subtype"), sub.name(lang) if sub else str(c.get("subtype"))),
            (self.tr("State"), self.state(c.get("status"))),
            (self.tr("Hazard level"), _named(cat.hazard_levels, c.get("hazard"), lang)),
            (self.tr("Address"), c.get("address") or "—"),
            (self.tr("Description"), c.get("description") or "—"),
            (self.tr("District"), c.get("district") or "—"),
            (self.tr("Grid"), c.get("grid") or "—"),
            (self.tr("Inspector"), c.get("inspector") or "—"),
            (self.tr("Observed"), _when(c.get("observed_at"))),
            (self.tr("Recorded on the tablet"), _when(c.get("created_at"))),
            (self.tr("Received on the server"), _when(server.get("received_at"))),
            (self.tr("Disposal unit"), _named(cat.units, unit, lang) if unit else "—"),
        ]
        if c.get("review_note"):
            pairs.append((self.tr("Reviewer's note"), c["review_note"]))
        if server.get("reworks"):
            pairs.append((self.tr("Reworks"), str(server["reworks"])))
        return _h2(self.tr("Case facts")) + self._rows(pairs)

    def details(self) -> str:
        c = self.case
        case_type = next((t for t in self.catalogue.types if t.code == c.get("type")), None)
        fields: dict[str, Any] = dict(c.get("fields") or {})
        if not fields:
            return ""
        pairs = []
        specs = list(case_type.fields) if case_type else []
        known = {s.key for s in specs}
        for spec in specs:  # the catalogue's order (party fields last in it)
            if spec.key in fields:
                pairs.append((spec.name(self.language), self.field_value(spec, fields[spec.key])))
        pairs += [(key, self.field_value(None, value)) for key, value in fields.items() if key not in known]
        return _h2(self.tr("Party and details")) + self._rows(pairs)

    def officers(self) -> str:
        officers = self.case.get("officers") or []
        title = _h2(self.tr("Officers"))
        if not officers:
            return title + _p(self.tr("No officers recorded."))
        head = _head((self.tr("Name"), 50), (self.tr("Enforcement certificate"), 50))
        rows = "".join(
            f"<tr><td>{_esc(o.get('name'))}</td><td>{_esc(o.get('certificate'))}</td></tr>" for o in officers
        )
        return (
            title
            + f'<table class="grid" width="100%" cellspacing="0" cellpadding="4"><thead>{head}</thead>{rows}</table>'
        )

    def deadlines(self) -> str:
        deadlines = self.case.get("deadlines") or []
        if not deadlines:
            return ""
        head = _head((self.tr("Milestone"), 22), (self.tr("Due"), 29), (self.tr("Met"), 29), (self.tr("Status"), 20))
        rows = []
        for d in deadlines:
            status = []
            if d.get("met_at"):
                on_time = str(d.get("met_at")) <= str(d.get("due_at"))
                status.append(self.tr("met on time") if on_time else self.tr("met late"))
            elif d.get("overdue"):
                status.append(self.tr("overdue"))
            else:
                status.append(self.tr("open"))
            if d.get("deferred"):
                status.append(self.tr("deferred"))
            name = self.milestone(str(self.case.get("type")), str(self.case.get("subtype")), d.get("milestone"))
            rows.append(
                f"<tr><td>{_esc(name)}</td><td>{_esc(_when(d.get('due_at')))}</td>"
                f"<td>{_esc(_when(d.get('met_at')) if d.get('met_at') else '—')}</td>"
                f"<td>{_esc(', '.join(status))}</td></tr>"
            )
        return (
            _h2(self.tr("Deadlines"))
            + f'<table class="grid audit" width="100%" cellspacing="0" cellpadding="4"><thead>{head}</thead>'
            + "".join(rows)
            + "</table>"
        )

    def location(self) -> str:
        c = self.case
        loc = c.get("location") or {}
        pairs = [
            (self.tr("Coordinates (WGS-84)"), _coords(loc.get("lat"), loc.get("lon")) if loc else "—"),
        ]
        if loc:
            accuracy = loc.get("accuracy_m")
            if accuracy is not None:
                pairs.append((self.tr("Accuracy"), self.tr("±%1 m").replace("%1", f"{float(accuracy):.0f}")))
            if loc.get("source"):
                pairs.append((self.tr("Source"), self.source(loc.get("source"))))
        pairs.append((self.tr("Address"), c.get("address") or "—"))
        return _h2(self.tr("Location")) + self._rows(pairs)

    def photos(self, pictures: Sequence[_Picture], box_px: tuple[int, int]) -> str:
        records = list(self.case.get("photos") or [])
        heading = self.tr("Photos (%1)").replace("%1", str(len(records)))
        title = f"<h2 style='page-break-before: always'>{_esc(heading)}</h2>"
        if not records:
            return title + _p(self.tr("No photos in this case."))
        parts = [title]
        for number, (record, picture) in enumerate(zip(records, pictures, strict=True), 1):
            if picture.size is not None:
                w, h = picture.size
                scale = min(box_px[0] / w, box_px[1] / h)
                image = f'<img src="photo:{_esc(picture.sha256)}" width="{int(w * scale)}" height="{int(h * scale)}">'
            elif picture.ok_hash is None:
                image = _p(self.tr("The original was not available."), "missing")
            else:
                image = _p(self.tr("The original could not be read as a picture."), "missing")
            if picture.ok_hash is True:
                check = self.tr("matches the original")
            elif picture.ok_hash is False:
                check = self.tr("DOES NOT MATCH the bytes given")
            else:
                check = self.tr("not checked (no original)")
            size = record.get("size")
            pixels = f"{record.get('width')} × {record.get('height')}" if record.get("width") else "—"
            camera = " ".join(str(x) for x in (record.get("make"), record.get("model")) if x) or "—"
            meta = [
                (self.tr("Kind"), _named(self.catalogue.shot_kinds, record.get("kind"), self.language)),
                (self.tr("Captured"), _when(record.get("taken_at"), local=False)),
                (self.tr("Coordinates"), self.photo_place(record)),
                (self.tr("Camera"), camera),
                (self.tr("Pixels"), pixels),
                (self.tr("File size"), f"{int(size) / 1_000_000:.2f} MB" if isinstance(size, int) else "—"),
                (self.tr("Hash check"), check),
            ]
            if record.get("note"):
                meta.append((self.tr("Note"), str(record["note"])))
            meta_html = "".join(
                f'<p class="meta"><span class="label">{_esc(label)}:</span> {_esc(value)}</p>' for label, value in meta
            )
            heading = self.tr("Photo %1 of %2").replace("%1", str(number)).replace("%2", str(len(records)))
            breaks = " style='page-break-before: always'" if number > 1 and (number - 1) % PHOTOS_PER_PAGE == 0 else ""
            parts.append(
                f'<table class="photo"{breaks} width="100%" cellspacing="0" cellpadding="5">'
                f'<tr><td colspan="2" class="photohead">{_esc(heading)}</td></tr>'
                f'<tr><td width="{box_px[0] + 8}">{image}</td><td>{meta_html}</td></tr>'
                f'<tr><td colspan="2"><span class="label">SHA-256:</span> '
                f'<span class="hash">{_esc(picture.sha256)}</span></td></tr></table>'
            )
        return "".join(parts)

    def event_note(self, event: dict[str, Any]) -> str:
        """What an audit event changed, in a line: its note or reason and what it set."""
        changes = event.get("changes") or {}
        action = event.get("action")
        type_code, subtype_code = str(self.case.get("type")), str(self.case.get("subtype"))
        parts = [str(changes[k]) for k in ("note", "reason", "review_note") if changes.get(k)][:1]
        if action == "file" and changes.get("official_number"):
            parts.append(self.tr("Official case number %1").replace("%1", str(changes["official_number"])))
        if action == "duplicate" and changes.get("duplicate_of"):
            parts.append(self.tr("Repeats case %1").replace("%1", str(changes["duplicate_of"])))
        if action in ("add_photos", "dispose") and changes.get("photos"):
            parts.append(self.tr("%1 photos").replace("%1", str(len(changes["photos"]))))
        if action == "dispatch" and changes.get("unit"):
            parts.append(_named(self.catalogue.units, changes["unit"], self.language))
        if action in ("dispatch", "defer"):
            for d in changes.get("deadlines") or []:
                if not isinstance(d, dict):
                    continue
                name = self.milestone(type_code, subtype_code, d.get("milestone"))
                if d.get("from"):
                    parts.append(f"{name}: {_when(d.get('from'))} → {_when(d.get('due_at'))}")
                else:
                    parts.append(f"{name}: {_when(d.get('due_at'))}")
        if action == "edit":
            case_type = next((t for t in self.catalogue.types if t.code == type_code), None)
            names = []
            for key, value in changes.items():
                if key == "fields" and isinstance(value, dict):
                    for field_key in value:
                        spec = case_type.field(field_key) if case_type else None
                        names.append(spec.name(self.language) if spec else str(field_key))
                elif key not in ("revision", "note"):
                    words = {
                        "address": self.tr("Address"),
                        "description": self.tr("Description"),
                        "hazard": self.tr("Hazard level"),
                        "location": self.tr("Location"),
                        "officers": self.tr("Officers"),
                        "photo_edits": self.tr("photo details"),
                    }
                    names.append(words.get(key, str(key)))
            if names:
                parts.append(self.tr("Changed: %1").replace("%1", ", ".join(names)))
        return "; ".join(parts)

    def photo_place(self, record: dict[str, Any]) -> str:
        """A photo's coordinates and, where both are known, how far from the case's location it was taken."""
        text = _coords(record.get("lat"), record.get("lon"))
        loc = self.case.get("location") or {}
        points = (record.get("lat"), record.get("lon"), loc.get("lat"), loc.get("lon"))
        if all(isinstance(v, int | float) for v in points):
            metres = distance_m(*(float(v) for v in points))  # type: ignore[arg-type]
            away = self.tr("%1 m from the case location").replace("%1", f"{metres:.0f}")
            text = f"{text} ({away})"
        return text

    def audit(self) -> str:
        events = list(self.log.get("events") or [])
        title = _h2(self.tr("Audit trail (%1 events)").replace("%1", str(len(events))))
        head = _head(
            ("#", 4), (self.tr("Time"), 27), (self.tr("Actor"), 17), (self.tr("Action"), 24), (self.tr("Note"), 28)
        )
        rows = []
        for event in events:
            note = self.event_note(event)
            action = _esc(self.action(event.get("action")))
            if event.get("from") and event.get("to") and event.get("from") != event.get("to"):
                moved = f"{self.state(event['from'])} → {self.state(event['to'])}"
                action += f"<br/><span class='states'>{_esc(moved)}</span>"
            role = _esc(self.role(event.get("role")))
            actor = f"{_esc(event.get('actor') or '—')}<br/><span class='states'>{role}</span>"
            rows.append(
                f"<tr><td>{_esc(event.get('seq'))}</td><td>{_esc(_when(event.get('at')))}</td>"
                f"<td>{actor}</td><td>{action}</td><td>{_esc(note)}</td></tr>"
            )
        table = (
            '<table class="grid audit" width="100%" cellspacing="0" cellpadding="3">'
            f"<thead>{head}</thead>{''.join(rows)}</table>"
        )
        problems = list(self.log.get("problems") or [])
        if problems:
            chain = _p(self.tr("The audit chain has breaks:"), "bad") + "".join(_p(p, "bad") for p in problems)
        else:
            chain = _p(self.tr("The audit chain is unbroken."))
        if self.log.get("chain_head"):
            label = self.tr("Chain head")
            head_hash = _esc(self.log["chain_head"])
            chain += f'<p><span class="label">{_esc(label)}:</span> <span class="hash">{head_hash}</span></p>'
        return title + table + chain

    def html(self, pictures: Sequence[_Picture], box_px: tuple[int, int], mono: str) -> str:
        title = self.title()
        code = self.case.get("code") or ""
        style = f"""
            h1 {{ font-size: 17pt; margin-bottom: 2pt; }}
            h2 {{ font-size: 12pt; margin-top: 12pt; margin-bottom: 4pt; color: #1f3a5f; }}
            p {{ margin-top: 1pt; margin-bottom: 1pt; }}
            .sub {{ color: #444444; font-size: 8.5pt; }}
            table.facts td {{ border-bottom: 1px solid #d0d0d0; }}
            td.label, span.label {{ color: #444444; }}
            table.grid th {{ background-color: #e8edf3; text-align: left; }}
            table.grid td {{ border-bottom: 1px solid #d0d0d0; }}
            table.audit {{ font-size: 8.5pt; }}
            table.photo {{ margin-top: 6pt; border: 1px solid #b0b0b0; }}
            td.photohead {{ background-color: #e8edf3; font-weight: bold; }}
            p.meta {{ font-size: 8.5pt; }}
            .hash {{ font-family: {mono}; font-size: 8pt; }}
            .missing {{ color: #8a1c1c; }}
            .bad {{ color: #8a1c1c; font-weight: bold; }}
            .states {{ color: #444444; font-size: 8pt; }}
        """
        generated = datetime.now().astimezone()
        subtitle = self.tr("Made %1 by Fieldcase from the central server's record.").replace(
            "%1", _when(generated.isoformat())
        )
        return (
            f"<html><head><style>{style}</style></head><body>"
            f"<h1>{_esc(title)} {_esc(code)}</h1><p class='sub'>{_esc(subtitle)}</p>"
            + self.facts()
            + self.details()
            + self.officers()
            + self.location()
            + self.deadlines()
            + self.audit()
            + self.photos(pictures, box_px)
            + "</body></html>"
        )


# ---------------------------------------------------------------- the PDF


def _fonts() -> tuple[QFont, str]:
    """The body font (a Latin sans with the CJK font behind it) and the CSS list of monospaced families."""
    families = _available(SANS_FAMILIES)[:1] + _available(CJK_FAMILIES)[:1]
    body = QFont()
    if families:
        body.setFamilies(families)
    body.setPointSizeF(9.5)
    mono = _available(MONO_FAMILIES)[:1] + _available(CJK_FAMILIES)[:1]
    mono_css = ", ".join(f"'{f}'" for f in mono) + (", monospace" if mono else "monospace")
    return body, mono_css


def write_dossier(
    path: Path,
    case: dict[str, Any],
    log: dict[str, Any],
    photos: Mapping[str, bytes],
    *,
    language: str | None = None,
) -> None:
    """Write the case's dossier to `path` (A4 PDF), whole or not at all.

    `case`: the JSON of GET /cases/{id}; `log`: of GET /cases/{id}/log; `photos`: originals by
    SHA-256 (a photo left out is listed with its hash and "not available"); `language`: "zh_CN"
    or "en" (default: the interface's). Raises OSError when the file cannot be written.
    """
    path = Path(path)
    if not path.parent.is_dir():
        raise FileNotFoundError(f"no folder {path.parent} to write the dossier in")
    language = language if language in i18n.LANGUAGES else i18n.current_language()
    book = Dossier(case, log, language)

    box_px = (_html_px(PHOTO_BOX_MM[0]), _html_px(PHOTO_BOX_MM[1]))
    embed = (round(PHOTO_BOX_MM[0] * PHOTO_DPI / 25.4), round(PHOTO_BOX_MM[1] * PHOTO_DPI / 25.4))
    pictures = _prepare_all(list(case.get("photos") or []), photos, embed)

    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        _paint(Path(tmp_name), book, pictures, box_px)
        os.chmod(tmp_name, 0o644)  # mkstemp makes it private; a dossier is an ordinary document
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise


def _paint(target: Path, book: Dossier, pictures: Sequence[_Picture], box_px: tuple[int, int]) -> None:
    writer = QPdfWriter(str(target))
    writer.setResolution(DPI)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(0, 0, 0, 0),
            QPageLayout.Unit.Millimeter,
        )
    )
    code = str(book.case.get("code") or "")
    writer.setTitle(f"{book.title()} {code}")
    writer.setCreator("Fieldcase")

    body_font, mono_css = _fonts()
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(writer)
    doc.setDefaultFont(body_font)
    doc.setDocumentMargin(0)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    doc.setDefaultTextOption(option)
    for picture in pictures:
        if picture.size is not None:
            w, h = picture.size
            image = QImage(picture.rgb, w, h, 3 * w, QImage.Format.Format_RGB888).copy()
            doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(f"photo:{picture.sha256}"), image)

    left, top, right, bottom = (_mm(v) for v in MARGIN_MM)
    page_w, page_h = _mm(210), _mm(297)
    content = QSizeF(page_w - left - right, page_h - top - bottom)
    doc.setPageSize(content)
    doc.setHtml(book.html(pictures, box_px, mono_css))
    pages = doc.pageCount()

    header_font = QFont(body_font)
    header_font.setPointSizeF(8.5)
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(f"cannot write a PDF to {target}")
    try:
        for page in range(pages):
            if page:
                writer.newPage()
            painter.save()
            painter.translate(left, top - page * content.height())
            doc.drawContents(painter, QRectF(0, page * content.height(), content.width(), content.height()))
            painter.restore()
            _furniture(painter, book, code, page + 1, pages, header_font, (left, top, right, bottom), page_w, page_h)
    finally:
        painter.end()


def _furniture(
    painter: QPainter,
    book: Dossier,
    code: str,
    page: int,
    pages: int,
    font: QFont,
    margins: tuple[float, float, float, float],
    page_w: float,
    page_h: float,
) -> None:
    """The header (the case code, the official number) and the footer (page n of N) of one page."""
    left, top, right, bottom = margins
    painter.save()
    painter.setFont(font)
    painter.setPen(QColor("#333333"))
    line_y = top - _mm(5)
    header = QRectF(left, line_y - _mm(7), page_w - left - right, _mm(6))
    painter.drawText(header, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom), book.title())
    official = book.case.get("official_number")
    right_text = f"{code}  ·  {official}" if official else code
    painter.drawText(header, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom), right_text)
    painter.setPen(QPen(QColor("#1f3a5f"), _mm(0.3)))
    painter.drawLine(QPointF(left, line_y), QPointF(page_w - right, line_y))
    painter.setPen(QColor("#333333"))
    footer = QRectF(left, page_h - bottom + _mm(6), page_w - left - right, _mm(6))
    number = book.page_number(page, pages)
    painter.drawText(footer, int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop), number)
    painter.restore()
