"""`fieldcase export CASE --out FILE`: a case bundle (docs/evidence.md) anyone can check with
`fieldcase verify FILE`, without Fieldcase's database.

A zip holding the original photos byte for byte (`photos/<sha256>.<ext>`, stored uncompressed),
`manifest.json` (the case, each photo's signed evidence record, the audit events with their
signatures, the server's receipts, the device's public keys, the key fingerprint recorded at
enrollment), signed as a whole by the device key; with `--watermarked`, also watermarked copies
(`copies/<sha256>.watermarked.jpg`), each naming its original. Written to a temporary file beside
FILE and moved into place, so a failed export leaves no half bundle.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import secrets
import shutil
import zipfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.domain.errors import DomainError
from app.evidence.custody import app_version
from app.evidence.signing import ALGORITHM, sign_json
from app.evidence.verify import FORMAT, MANIFEST, VERSION, unsigned_manifest
from app.evidence.watermark import stamp, watermark_lines

if TYPE_CHECKING:
    from app.services import Tablet

EXTENSIONS = {"jpeg": "jpg", "png": "png", "heif": "heic"}


class ExportError(DomainError):
    """The bundle cannot be written where asked."""


def _signature(fp: str, value: str) -> dict[str, str]:
    return {"key": fp, "value": value}


def build_manifest(tablet: Tablet, case_id: str) -> dict[str, Any]:
    """The unsigned manifest of a case as this tablet holds it."""
    custody = tablet.custody
    custody.key()  # a tablet with no key yet makes it now: the bundle must be signed
    case = tablet.repo.get_case(case_id, include_deleted=True)
    records = custody.store.photo_records(case_id)
    photos = []
    for photo in case.photos:
        row = records.get(photo.sha256)
        photos.append(
            {
                "path": f"photos/{photo.sha256}.{EXTENSIONS.get(photo.format, 'jpg')}",
                "sha256": photo.sha256,
                "size": photo.size,
                "record": row.record if row else None,
                "signature": _signature(row.signed.key, row.signed.signature) if row else None,
            }
        )
    signatures = custody.store.event_signatures(case_id)
    events = []
    for event in tablet.repo.audit(case_id):
        signed = signatures.get(event.seq)
        events.append({**event.to_json(), "signature": _signature(signed.key, signed.signature) if signed else None})
    last = events[-1] if events else None
    keys = [
        {
            "fingerprint": fp,
            "algorithm": ALGORITHM,
            "public_key": row["public_key"],
            "device": tablet.device,
            "created_at": row["created_at"],
            "enrolled_at": row["enrolled_at"],
            "server": row["server"],
        }
        for fp, row in custody.store.keys().items()
    ]
    used = {e["signature"]["key"] for e in events if e["signature"]}
    for fp, peer in custody.peer_keys().items():
        if fp in used and fp not in {k["fingerprint"] for k in keys}:
            # Another tablet's key, on the trail of a case reassigned to this one (as the server sent it).
            keys.append(
                {
                    "fingerprint": fp,
                    "algorithm": ALGORITHM,
                    "public_key": peer.get("public_key"),
                    "device": peer.get("device"),
                    "created_at": None,
                    "enrolled_at": None,
                    "server": None,
                }
            )
    server = custody.server_key()
    if server is not None and server["fingerprint"] not in {k["fingerprint"] for k in keys}:
        # The server's key, which signs its receipts and the events it added (as the last sync fetched it).
        keys.append(
            {
                "fingerprint": server["fingerprint"],
                "algorithm": ALGORITHM,
                "public_key": server.get("public_key"),
                "device": None,
                "role": "server",
                "created_at": None,
                "enrolled_at": None,
                "server": server.get("server"),
            }
        )
    return {
        "format": FORMAT,
        "version": VERSION,
        "made_at": datetime.now().astimezone().isoformat(timespec="seconds"),
        "made_by": {"kind": "tablet", "device": tablet.device, "app_version": app_version()},
        "case": case.to_json(),
        "chain_head": {"seq": last["seq"] if last else 0, "hash": last["hash"] if last else None},
        "photos": photos,
        "events": events,
        "receipts": tablet.sync_store.receipts(case_id),
        "keys": keys,
        "enrolled_key": tablet.repo.meta("enrolled_key"),
        "copies": [],
    }


def export_case(tablet: Tablet, ref: str, out: Path, *, watermarked: bool = False) -> dict[str, Any]:
    """Write the case's bundle to `out`; returns what it holds."""
    case_id = tablet.resolve(ref)
    manifest = build_manifest(tablet, case_id)
    case = manifest["case"]
    for entry in manifest["photos"]:
        tablet.original(entry["sha256"])  # fetched again from the server if dropped from this tablet
    out = Path(out)
    with zip_written(out, "bundle") as zf:
        for entry in manifest["photos"]:
            # Through the store, which gives the plaintext original whether or not it is encrypted.
            with (
                tablet.originals.open(entry["sha256"]) as src,
                zf.open(entry["path"], "w", force_zip64=True) as dst,
            ):
                shutil.copyfileobj(src, dst, 1 << 20)
        if watermarked:
            by_sha = {p["sha256"]: p for p in case["photos"]}
            for entry in manifest["photos"]:
                photo = by_sha[entry["sha256"]]
                lines = watermark_lines(
                    case_code=case["official_number"] or case["code"],
                    time=photo.get("taken_at") or photo.get("added_at"),
                    lat=photo.get("lat") if photo.get("lat") is not None else (case["location"] or {}).get("lat"),
                    lon=photo.get("lon") if photo.get("lon") is not None else (case["location"] or {}).get("lon"),
                    inspector=case["inspector"],
                    sha256=entry["sha256"],
                )
                with tablet.originals.open(entry["sha256"]) as src:
                    data = stamp(src, lines, entry["sha256"])
                path = f"copies/{entry['sha256']}.watermarked.jpg"
                zf.writestr(path, data)
                manifest["copies"].append(
                    {
                        "path": path,
                        "of": entry["sha256"],
                        "sha256": hashlib.sha256(data).hexdigest(),
                        "size": len(data),
                    }
                )
        fp = tablet.custody.fingerprint()
        manifest["signature"] = _signature(fp, sign_json(tablet.custody.key(), unsigned_manifest(manifest)))
        write_json(zf, MANIFEST, manifest)
    return {
        "file": str(out),
        "case": {"id": case_id, "code": case["code"]},
        "photos": len(manifest["photos"]),
        "events": len(manifest["events"]),
        "receipts": len(manifest["receipts"]),
        "watermarked_copies": len(manifest["copies"]),
        "key": manifest["signature"]["key"],
        "enrolled_key": manifest["enrolled_key"],
    }


@contextlib.contextmanager
def zip_written(out: Path, what: str) -> Iterator[zipfile.ZipFile]:
    """A zip (`what`: "bundle", "batch") written to a temporary file beside `out`, fsynced and moved
    into place only if the block ends without an error; otherwise the temporary file goes."""
    if out.is_dir():
        raise ExportError(f"{out} is a folder; give the {what}'s file name")
    if not out.parent.is_dir():
        raise ExportError(f"{out.parent}: no such folder")
    temp = out.parent / f".{out.name}.{secrets.token_hex(4)}.part"
    try:
        with zipfile.ZipFile(temp, "w", compression=zipfile.ZIP_STORED, allowZip64=True) as zf:
            yield zf
        with open(temp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(temp, out)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        if isinstance(exc, OSError):
            raise ExportError(f"{out}: cannot write the {what} ({exc.strerror or exc})") from exc
        raise


def write_json(zf: zipfile.ZipFile, name: str, doc: dict[str, Any]) -> None:
    """A manifest in the zip: readable JSON, keys sorted, a fixed time stamp."""
    zf.writestr(
        zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0)),
        json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True),
        compress_type=zipfile.ZIP_DEFLATED,
    )
