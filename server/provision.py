"""Provisioning files for tablets: the server's public URL, a one-time enrollment code, the district,
the language and the server's TLS certificate (or its SHA-256), as JSON and as a QR code.

The tablet reads the same document (`app/provision.py`, format `fieldcase-provisioning` version 1).
The QR code carries it without the certificate (the fingerprint alone pins it), so it stays small
enough for a tablet camera to read from a printed sheet.

The city's offline basemap (an MBTiles file IT prepared) travels beside the file: `--basemap FILE`
checks it, copies it into the provisioning file's folder and names it in the document with its
SHA-256, size and zoom range, and `--coordinate-system` says how its tiles are drawn (wgs84 or
gcj02). The tablet copies it into its data folder only if it has that SHA-256.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import ssl
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from app.maps.mbtiles import COORDINATE_SYSTEMS, CopyMismatch, MBTilesError, copy_checked, describe, sha256_of
from server.errors import InvalidError

FORMAT = "fieldcase-provisioning"
VERSION = 1
LANGUAGES = ("zh_CN", "en")
ENV_PUBLIC_URL = "FIELDCASE_PUBLIC_URL"
ENV_TLS_CERT = "FIELDCASE_TLS_CERT"
_PEM = re.compile(r"-----BEGIN CERTIFICATE-----.+?-----END CERTIFICATE-----", re.S)


def public_url(option: str | None) -> str:
    """`--url`, else the configured `FIELDCASE_PUBLIC_URL`: the address tablets reach the server at."""
    url = (option or os.environ.get(ENV_PUBLIC_URL, "")).strip().rstrip("/")
    if not url:
        raise InvalidError(f"give the server's public URL with --url or {ENV_PUBLIC_URL}", code="malformed")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InvalidError(f"the server URL must be http(s)://host[:port], not {url!r}", code="malformed")
    return url


def first_certificate(pem: str, source: str) -> tuple[str, str]:
    """The first certificate of a PEM text (the server's own in a chain) and its SHA-256 (of the DER)."""
    match = _PEM.search(pem)
    if not match:
        raise InvalidError(f"{source} holds no PEM certificate", code="malformed")
    try:
        der = ssl.PEM_cert_to_DER_cert(match.group(0))
    except ValueError as exc:
        raise InvalidError(f"{source} holds no readable PEM certificate: {exc}", code="malformed") from exc
    return ssl.DER_cert_to_PEM_cert(der), hashlib.sha256(der).hexdigest()


def fetch_certificate(url: str, timeout: float = 10.0) -> str:
    """The certificate the server presents at its public URL (as this machine sees it)."""
    parts = urlsplit(url)
    host, port = parts.hostname or "", parts.port or 443
    try:
        return ssl.get_server_certificate((host, port), timeout=timeout)
    except OSError as exc:
        raise InvalidError(
            f"cannot fetch the TLS certificate from {host}:{port} ({exc}); give it with --tls-cert FILE",
            code="unreachable",
        ) from exc


def tls_certificate(url: str, cert_file: Path | None, *, pin: bool = True) -> tuple[str | None, str | None]:
    """(PEM, SHA-256) to pin for an https URL: from `--tls-cert`, `FIELDCASE_TLS_CERT`, or fetched from the URL."""
    if urlsplit(url).scheme != "https" or not pin:
        return None, None
    path = cert_file or (Path(os.environ[ENV_TLS_CERT]) if os.environ.get(ENV_TLS_CERT) else None)
    if path is not None:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InvalidError(f"cannot read the certificate {path}: {exc}", code="malformed") from exc
        return first_certificate(text, str(path))
    return first_certificate(fetch_certificate(url), url)


def document(
    *,
    url: str,
    code: str,
    district: str,
    language: str,
    expires_at: str | None,
    certificate: str | None,
    fingerprint: str | None,
    basemap: dict[str, Any] | None = None,
    coordinate_system: str | None = None,
) -> dict[str, Any]:
    if language not in LANGUAGES:
        raise InvalidError(f"language must be one of {', '.join(LANGUAGES)}", code="malformed")
    if coordinate_system is not None and coordinate_system not in COORDINATE_SYSTEMS:
        raise InvalidError(f"coordinate system must be one of {', '.join(COORDINATE_SYSTEMS)}", code="malformed")
    doc = {
        "format": FORMAT,
        "version": VERSION,
        "server": url,
        "code": code,
        "district": district,
        "language": language,
        "tls_sha256": fingerprint,
        "tls_certificate": certificate,
        "expires_at": expires_at,
    }
    if basemap is not None:
        doc["basemap"] = basemap
    if basemap is not None or coordinate_system is not None:
        doc["coordinate_system"] = coordinate_system or "wgs84"
    return doc


def basemap(path: Path, beside: Path) -> dict[str, Any]:
    """Check an MBTiles basemap and copy it beside the provisioning file (`beside`'s folder), where the
    tablet looks for it; what the provisioning file says of it (name, SHA-256, size, zoom)."""
    try:
        facts = describe(path)
    except (MBTilesError, OSError) as exc:
        raise InvalidError(str(exc), code="bad_basemap") from exc
    target = beside.parent / path.name
    if target.resolve() == path.resolve():
        return facts
    held = target.is_file() and target.stat().st_size == facts["size"] and sha256_of(target)[0] == facts["sha256"]
    if not held:
        try:
            copy_checked(path, target, str(facts["sha256"]))
        except CopyMismatch as exc:
            raise InvalidError(f"the basemap {path} changed while it was copied", code="bad_basemap") from exc
    return facts


def qr_payload(doc: dict[str, Any]) -> str:
    """The document without the certificate and the basemap, compact: what the QR code holds (a camera
    brings no file with it; the coordinate system still comes)."""
    small = {k: v for k, v in doc.items() if k not in ("tls_certificate", "basemap") and v is not None}
    return json.dumps(small, ensure_ascii=False, separators=(",", ":"))


def _write_private(path: Path, data: bytes) -> None:
    """Written whole or not at all, readable by its owner only (it holds a one-time code)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def write_file(doc: dict[str, Any], path: Path) -> None:
    _write_private(path, (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))


def write_qr(doc: dict[str, Any], path: Path) -> str:
    """The QR code as a PNG (error correction M, 8 px a module); returns its version (size) as text."""
    import io

    import segno

    qr = segno.make(qr_payload(doc), error="m", micro=False)
    buffer = io.BytesIO()
    qr.save(buffer, kind="png", scale=8, border=4)
    _write_private(path, buffer.getvalue())
    return str(qr.designator)
