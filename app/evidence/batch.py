"""`fieldcase export --all-unsynced --out FILE` (or several CASEs): a batch of case bundles for a USB
stick, which the server imports without a network (`fieldcase-server import FILE`, docs/evidence.md).

The batch is a zip holding `batch.json` and, for each case, its case bundle (`cases/<case id>.zip`,
stored, exactly as `fieldcase export CASE` writes it). `batch.json` lists each case with its
revision, the SHA-256 and size of its bundle and, for a revision still waiting in the outbox, the
envelope sync would send for it (with its signatures), so that the server stores exactly what a
sync would have stored: importing, then syncing, gives no second copy. The device key signs
`batch.json`. Written to a temporary file beside FILE and moved into place.
"""

from __future__ import annotations

import hashlib
import tempfile
import zipfile
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.evidence.bundle import ExportError, export_case, write_json, zip_written
from app.evidence.custody import app_version
from app.evidence.signing import sign_json

if TYPE_CHECKING:
    from app.services import Tablet

BATCH_FORMAT = "fieldcase-batch"
BATCH_VERSION = 1
BATCH_MANIFEST = "batch.json"


def unsigned_batch(batch: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in batch.items() if k != "signature"}


def unsynced_cases(tablet: Tablet) -> list[str]:
    """The cases with a revision waiting in the outbox, in the order they were queued."""
    return list(dict.fromkeys(entry.case_id for entry in tablet.sync_store.outbox()))


def export_batch(tablet: Tablet, refs: list[str], out: Path, *, all_unsynced: bool = False) -> dict[str, Any]:
    """Write the batch of these cases (or of every unsynced one) to `out`; returns what it holds."""
    ids = list(dict.fromkeys([tablet.resolve(ref) for ref in refs] + (unsynced_cases(tablet) if all_unsynced else [])))
    if not ids:
        raise ExportError("no case to export: every case is synced (name cases to export them anyway)")
    out = Path(out)
    pending: dict[str, int] = {}
    for entry in tablet.sync_store.outbox():
        pending[entry.case_id] = max(pending.get(entry.case_id, 0), entry.revision)
    entries = []
    with (
        tempfile.TemporaryDirectory(prefix="fieldcase-batch-") as work,
        zip_written(out, "batch") as zf,
    ):
        for case_id in ids:
            inner = Path(work) / f"{case_id}.zip"
            made = export_case(tablet, case_id, inner)
            data = inner.read_bytes()
            path = f"cases/{case_id}.zip"
            zf.writestr(zipfile.ZipInfo(path, date_time=(2000, 1, 1, 0, 0, 0)), data)
            revision = pending.get(case_id) or tablet.case(case_id).revision
            entries.append(
                {
                    "path": path,
                    "case_id": case_id,
                    "code": made["case"]["code"],
                    "revision": revision,
                    "sha256": hashlib.sha256(data).hexdigest(),
                    "size": len(data),
                    "envelope": _envelope(tablet, case_id, revision) if case_id in pending else None,
                }
            )
            inner.unlink()
        batch: dict[str, Any] = {
            "format": BATCH_FORMAT,
            "version": BATCH_VERSION,
            "made_at": datetime.now().astimezone().isoformat(timespec="seconds"),
            "made_by": {"kind": "tablet", "device": tablet.device, "app_version": app_version()},
            "enrolled_key": tablet.repo.meta("enrolled_key"),
            "cases": entries,
        }
        custody = tablet.custody
        batch["signature"] = {
            "key": custody.fingerprint(),
            "value": sign_json(custody.key(), unsigned_batch(batch)),
        }
        write_json(zf, BATCH_MANIFEST, batch)
    return {
        "file": str(out),
        "cases": [{"id": e["case_id"], "code": e["code"], "revision": e["revision"]} for e in entries],
        "key": batch["signature"]["key"],
        "enrolled_key": batch["enrolled_key"],
    }


def _envelope(tablet: Tablet, case_id: str, revision: int) -> dict[str, Any]:
    """What sync would send for this revision (sync.protocol.CaseEnvelope's JSON)."""
    payload = tablet.sync_store.signed_envelope(case_id, revision)
    return {"id": case_id, "revision": revision, "case": payload["case"], "events": payload["events"]}
