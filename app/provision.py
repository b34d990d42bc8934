"""Provisioning: a file from IT (or its QR code) that sets a tablet up — server, language, pinned TLS
certificate — and enrolls it with its one-time code the first time the server answers.

The file is the JSON that `fieldcase-server device provision` writes, or a picture of its QR code
(`--qr`; a PNG or a camera's JPEG, read with zxing-cpp). It is applied by `fieldcase provision FILE`,
or at start when IT's device-management tool has placed it at
`placed_paths()`: `provision.json` in the data folder, or the machine-wide file
(`$FIELDCASE_PROVISION`, else `%ProgramData%\\Fieldcase\\provision.json` on Windows,
`/etc/fieldcase/provision.json` elsewhere). A placed file is applied once per content.

TLS pinning: when the file carries the server certificate's SHA-256, every request to that server
checks the certificate the server presents against it (urllib3's `assert_fingerprint`) instead of
the system's certificate authorities, so a bureau can run on its own, self-signed certificate and a
man in the middle with any other certificate is refused.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import ssl
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from app.domain.errors import ValidationError
from app.maps.mbtiles import COORDINATE_SYSTEMS, CopyMismatch, MBTiles, MBTilesError, copy_checked, sha256_of
from app.paths import DataPaths

if TYPE_CHECKING:
    from app.services import Tablet
    from sync.client import SyncClient

log = logging.getLogger(__name__)

FORMAT = "fieldcase-provisioning"
VERSION = 1
LANGUAGES = ("zh_CN", "en")
ENV_PROVISION = "FIELDCASE_PROVISION"
PLACED_NAME = "provision.json"
APPLIED_MARK = ".provision-applied"
MAX_BYTES = 64 * 1024
MAX_IMAGE_BYTES = 40 * 1024 * 1024
MAX_IMAGE_PIXELS = 60_000_000
_IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff")
_HEX64 = re.compile(r"^[0-9a-f]{64}$")

# Repository meta keys (the tablet's own database keeps what the file set).
META_CODE, META_DISTRICT, META_PIN, META_PIN_URL = "provision_code", "provision_district", "tls_sha256", "tls_pin_url"


class ProvisionError(ValidationError):
    """The provisioning file is not one this tablet can apply; nothing was changed."""


def normalize_fingerprint(text: str) -> str:
    value = text.strip().lower().replace(":", "")
    if not _HEX64.match(value):
        raise ProvisionError("tls_sha256 must be a SHA-256 fingerprint (64 hex digits, colons allowed)")
    return value


def certificate_fingerprint(pem: str) -> str:
    """The SHA-256 of the first certificate in a PEM text (the server's own, in a chain)."""
    match = re.search(r"-----BEGIN CERTIFICATE-----.+?-----END CERTIFICATE-----", pem, re.S)
    if not match:
        raise ProvisionError("tls_certificate is not a PEM certificate")
    try:
        der = ssl.PEM_cert_to_DER_cert(match.group(0))
    except ValueError as exc:
        raise ProvisionError(f"tls_certificate is not a PEM certificate: {exc}") from exc
    return hashlib.sha256(der).hexdigest()


def parse(text: str, source: str = "the provisioning file") -> dict[str, Any]:
    """Check a provisioning document; the same checks for a file and a scanned QR code."""
    try:
        doc = json.loads(text)
    except ValueError as exc:
        raise ProvisionError(f"{source} is not JSON: {exc}") from exc
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise ProvisionError(f'{source} is not a Fieldcase provisioning file (no "format": "{FORMAT}")')
    if doc.get("version") != VERSION:
        raise ProvisionError(f"{source} has version {doc.get('version')!r}; this app reads version {VERSION}")
    server = doc.get("server")
    parts = urlsplit(server) if isinstance(server, str) else None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        raise ProvisionError(f"{source}: server must be an http(s) URL, not {server!r}")
    code = doc.get("code")
    if not isinstance(code, str) or not code.strip():
        raise ProvisionError(f"{source}: the one-time enrollment code is missing")
    language = doc.get("language", "zh_CN")
    if language not in LANGUAGES:
        raise ProvisionError(f"{source}: language must be one of {', '.join(LANGUAGES)}, not {language!r}")
    district = doc.get("district")
    if district is not None and not isinstance(district, str):
        raise ProvisionError(f"{source}: district must be a code")
    pin = doc.get("tls_sha256")
    cert = doc.get("tls_certificate")
    if cert is not None:
        if not isinstance(cert, str):
            raise ProvisionError(f"{source}: tls_certificate must be PEM text")
        from_cert = certificate_fingerprint(cert)
        if pin is not None and normalize_fingerprint(str(pin)) != from_cert:
            raise ProvisionError(f"{source}: tls_sha256 does not match tls_certificate")
        pin = from_cert
    if pin is not None:
        pin = normalize_fingerprint(str(pin))
    coordinate_system = doc.get("coordinate_system")
    if coordinate_system is not None and coordinate_system not in COORDINATE_SYSTEMS:
        raise ProvisionError(
            f"{source}: coordinate_system must be one of {', '.join(COORDINATE_SYSTEMS)}, not {coordinate_system!r}"
        )
    return {
        "server": server.rstrip("/"),  # type: ignore[union-attr]
        "code": code.strip(),
        "district": district,
        "language": language,
        "tls_sha256": pin if parts.scheme == "https" else None,
        "tls_certificate": cert,
        "basemap": _basemap_entry(doc.get("basemap"), source),
        "coordinate_system": coordinate_system,
    }


def _basemap_entry(entry: Any, source: str) -> dict[str, Any] | None:
    if entry is None:
        return None
    name = entry.get("file") if isinstance(entry, dict) else None
    if (
        not isinstance(name, str)
        or not name.endswith(".mbtiles")
        or name != Path(name).name
        or name.startswith(".")
        or "\\" in name
    ):
        raise ProvisionError(f"{source}: basemap.file must be the plain name of an .mbtiles file")
    sha = entry.get("sha256")
    size = entry.get("size")
    if not isinstance(sha, str) or not _HEX64.match(sha):
        raise ProvisionError(f"{source}: basemap.sha256 must be 64 lowercase hex digits")
    if isinstance(size, bool) or not isinstance(size, int) or size < 1:
        raise ProvisionError(f"{source}: basemap.size must be a whole number of bytes")
    return {"file": name, "sha256": sha, "size": size}


def read(path: Path) -> dict[str, Any]:
    """A provisioning file: the JSON document, or a picture of its QR code (PNG or JPEG, e.g. a camera shot).
    The document remembers its folder (`source_dir`): a basemap it names is looked for there."""
    doc = _read(path)
    doc["source_dir"] = str(path.resolve().parent)
    return doc


def _read(path: Path) -> dict[str, Any]:
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(4)
        if head.startswith(_IMAGE_MAGIC):
            if size > MAX_IMAGE_BYTES:
                raise ProvisionError(f"{path} is {size} bytes; a picture of a QR code is at most {MAX_IMAGE_BYTES}")
            return parse(read_qr(path.read_bytes(), str(path)), f"the QR code in {path}")
        if size > MAX_BYTES:
            raise ProvisionError(f"{path} is {size} bytes; a provisioning file is at most {MAX_BYTES}")
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise ProvisionError(f"no provisioning file at {path}") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ProvisionError(f"cannot read {path}: {exc}") from exc
    return parse(text, str(path))


def read_qr(data: bytes, source: str) -> str:
    """The text of the QR code in a picture (zxing-cpp), the picture upright as its EXIF says."""
    import io

    import zxingcpp
    from PIL import Image, ImageOps

    try:
        with Image.open(io.BytesIO(data), formats=["PNG", "JPEG"]) as im:
            if im.width * im.height > MAX_IMAGE_PIXELS:
                raise ProvisionError(f"{source}: a picture of {im.width}×{im.height} pixels is too large")
            im.draft("L", (2000, 2000))  # a camera shot decodes at a reduced scale: plenty for a QR code
            picture = ImageOps.exif_transpose(im).convert("L")
    except (OSError, ValueError, Image.DecompressionBombError) as exc:
        raise ProvisionError(f"{source} is not a readable PNG or JPEG picture: {exc}") from exc
    found = [r for r in zxingcpp.read_barcodes(picture) if r.format == zxingcpp.BarcodeFormat.QRCode]
    if not found:
        raise ProvisionError(f"{source}: no QR code found in the picture")
    return str(found[0].text)


def _store(tablet: Tablet, doc: dict[str, Any]) -> None:
    """Write what the file sets: language (settings), server, pending code, pin (the database)."""
    enrolled_with = tablet.repo.meta("server_url") if tablet.repo.meta("device_token") else None
    with tablet.repo.transaction():
        tablet.repo.set_meta("server_url", doc["server"])
        tablet.repo.set_meta(META_PIN, doc["tls_sha256"])
        tablet.repo.set_meta(META_PIN_URL, doc["server"] if doc["tls_sha256"] else None)
        if enrolled_with is None:
            tablet.repo.set_meta(META_CODE, doc["code"])
            tablet.repo.set_meta(META_DISTRICT, doc["district"])
    tablet.settings.set("server_url", doc["server"])
    tablet.settings.set("language", doc["language"])
    if doc.get("basemap"):
        tablet.settings.set("basemap", f"{BASEMAP_FOLDER}/{doc['basemap']['file']}")
    if doc.get("coordinate_system"):
        tablet.settings.set("coordinate_system", doc["coordinate_system"])
    if doc["tls_certificate"]:
        # Kept for IT to look at; the pin in the database is what is checked.
        (tablet.paths.root / CERTIFICATE_FILE).write_text(doc["tls_certificate"], encoding="utf-8")


CERTIFICATE_FILE = "server-certificate.pem"
BASEMAP_FOLDER = "maps"
_META_KEYS = ("server_url", META_PIN, META_PIN_URL, META_CODE, META_DISTRICT)
_SETTING_KEYS = ("server_url", "language", "basemap", "coordinate_system")


def _basemap_target(tablet: Tablet, entry: dict[str, Any]) -> Path:
    return Path(tablet.paths.root) / BASEMAP_FOLDER / str(entry["file"])


def _has(path: Path, entry: dict[str, Any]) -> bool:
    return path.is_file() and path.stat().st_size == entry["size"] and sha256_of(path)[0] == entry["sha256"]


def check_basemap(tablet: Tablet, doc: dict[str, Any]) -> Path | None:
    """Where the basemap the document names is (beside the file), or None if the tablet already holds
    it; ProvisionError if it is missing, another file, or no MBTiles — before anything is changed."""
    entry = doc.get("basemap")
    if not entry:
        return None
    if _has(_basemap_target(tablet, entry), entry):
        return None
    folder = doc.get("source_dir")
    source = Path(folder) / str(entry["file"]) if folder else None
    if source is None or not source.is_file():
        where = f"in {folder}" if folder else "(a QR code brings no file: provision from the file itself)"
        raise ProvisionError(
            f"the basemap {entry['file']} the provisioning file names is not beside it {where}; "
            "copy it there with the provisioning file"
        )
    if source.stat().st_size != entry["size"]:
        raise _not_the_named(source)
    # Its SHA-256 is checked as it is copied in (_install_basemap): a large file is read once.
    try:
        MBTiles(source).close()
    except MBTilesError as exc:
        raise ProvisionError(str(exc)) from exc
    return source


def _not_the_named(source: Path) -> ProvisionError:
    return ProvisionError(
        f"the basemap {source} is not the one the provisioning file names (its size or SHA-256 differs); "
        "copy it again from IT"
    )


def _install_basemap(tablet: Tablet, entry: dict[str, Any], source: Path) -> Path:
    """Copy the basemap into the data folder (whole, synced, then renamed into place), refused if the
    copy does not have the SHA-256 the document names."""
    target = _basemap_target(tablet, entry)
    try:
        copy_checked(source, target, entry["sha256"])
    except CopyMismatch as exc:
        raise _not_the_named(source) from exc
    return target


def apply(tablet: Tablet, doc: dict[str, Any], *, enroll_now: bool = True) -> dict[str, Any]:
    """Apply a checked document; enroll at once if asked and the server answers, else at the next sync.

    If the server refuses the file's code (or anything else fails), what the file set is put back as it
    was — server, pin, code, district, language, certificate file — and the error raised: a refused
    file changes nothing (the device's signing key, if one was made for the attempt, stays)."""
    basemap_source = check_basemap(tablet, doc)  # refused before anything is touched
    meta = {key: tablet.repo.meta(key) for key in _META_KEYS}
    settings = {key: tablet.settings.get(key) for key in _SETTING_KEYS}
    certificate = tablet.paths.root / CERTIFICATE_FILE
    old_certificate = certificate.read_bytes() if certificate.is_file() else None
    installed: Path | None = None
    try:
        if basemap_source is not None:
            installed = _install_basemap(tablet, doc["basemap"], basemap_source)
        return _apply(tablet, doc, enroll_now=enroll_now)
    except BaseException:
        if installed is not None and tablet.settings.get("basemap") != settings["basemap"]:
            installed.unlink(missing_ok=True)
        with tablet.repo.transaction():
            for key, value in meta.items():
                tablet.repo.set_meta(key, value)
        for key, value in settings.items():
            if tablet.settings.get(key) != value:
                tablet.settings.set(key, value)
        if old_certificate is None:
            certificate.unlink(missing_ok=True)
        elif certificate.read_bytes() != old_certificate:
            certificate.write_bytes(old_certificate)
        raise


def _apply(tablet: Tablet, doc: dict[str, Any], *, enroll_now: bool) -> dict[str, Any]:
    _store(tablet, doc)
    result: dict[str, Any] = {
        "server": doc["server"],
        "language": doc["language"],
        "district": doc["district"],
        "tls_pinned": doc["tls_sha256"] is not None,
        "basemap": tablet.settings.get("basemap") if doc.get("basemap") else None,
        "coordinate_system": doc.get("coordinate_system"),
        "enrolled": bool(tablet.repo.meta("device_token")),
        "device": tablet.repo.meta("server_device_id"),
        "pending": None,
    }
    if result["enrolled"] or not enroll_now:
        result["pending"] = None if result["enrolled"] else "enrollment waits for the server (next sync)"
        return result
    from sync.client import NETWORK, SERVER, SyncError

    try:
        answer = enroll_pending(tablet)
    except SyncError as exc:
        if exc.kind not in (NETWORK, SERVER):
            raise
        result["pending"] = f"enrollment waits for the server (next sync): {exc}"
        return result
    result.update(enrolled=True, device=answer["device"] if answer else None)
    return result


def enroll_pending(tablet: Tablet) -> dict[str, Any] | None:
    """Enroll with the provisioned one-time code, if one waits and the tablet is not enrolled yet."""
    code = tablet.repo.meta(META_CODE)
    url = tablet.repo.meta("server_url")
    if not code or not url or tablet.repo.meta("device_token"):
        return None
    from app import accounts
    from sync.client import AUTH, SyncError

    try:
        answer = accounts.enroll(tablet, url, code)
    except SyncError as exc:
        if exc.kind == AUTH:
            raise SyncError(
                AUTH,
                f"the server refused the provisioned enrollment code ({exc}); ask IT for a new provisioning file",
                status=exc.status,
                code=exc.code,
                body=exc.body,
            ) from exc
        raise
    with tablet.repo.transaction():
        tablet.repo.set_meta(META_CODE, None)
        tablet.repo.set_meta(META_DISTRICT, None)
    log.info("enrolled with %s as device %s (provisioned)", url, answer["device"])
    return answer


def pin(tablet: Tablet, client: SyncClient) -> None:
    """Pin the provisioned certificate on a client for the provisioned server (others are left alone)."""
    fingerprint = tablet.repo.meta(META_PIN)
    pinned_url = tablet.repo.meta(META_PIN_URL)
    if not fingerprint or not pinned_url or client.base_url.rstrip("/") != pinned_url.rstrip("/"):
        return
    client.pin_certificate(fingerprint)


# ------------------------------------------------------------ a file placed by device management


def machine_path() -> Path:
    env = os.environ.get(ENV_PROVISION)
    if env:
        return Path(env)
    if sys.platform == "win32":
        return Path(os.environ.get("PROGRAMDATA", r"C:\ProgramData")) / "Fieldcase" / PLACED_NAME
    return Path("/etc/fieldcase") / PLACED_NAME


def placed_paths(data_dir: Path) -> list[Path]:
    """Where a provisioning file is looked for at start, the data folder's first."""
    return [data_dir / PLACED_NAME, machine_path()]


def apply_placed(data_dir: Path) -> dict[str, Any] | None:
    """At start: apply a placed provisioning file not applied before (no network: enrollment waits for the
    next sync). A broken file is logged and left alone, so the app still starts."""
    mark = DataPaths(data_dir).root / APPLIED_MARK
    for path in placed_paths(data_dir):
        try:
            raw = path.read_bytes() if path.is_file() and path.stat().st_size <= MAX_BYTES else None
        except OSError:
            raw = None
        if raw is None:
            continue
        digest = hashlib.sha256(raw).hexdigest()
        try:
            done = set(mark.read_text(encoding="utf-8").split())
        except OSError:
            done = set()
        if digest in done:
            continue
        try:
            doc = parse(raw.decode("utf-8-sig"), str(path))
        except (ProvisionError, UnicodeDecodeError) as exc:
            log.error("provisioning file %s not applied: %s", path, exc)
            continue
        doc["source_dir"] = str(path.parent)
        from app.services import Tablet

        try:
            with Tablet(data_dir) as tablet:
                result = apply(tablet, doc, enroll_now=False)
        except ProvisionError as exc:
            # E.g. its basemap not there yet: left unapplied, so the next start tries again.
            log.error("provisioning file %s not applied: %s", path, exc)
            continue
        mark.parent.mkdir(parents=True, exist_ok=True)
        with mark.open("a", encoding="utf-8") as fh:
            fh.write(digest + "\n")
        log.info("applied the provisioning file %s", path)
        return result | {"file": str(path)}
    return None
