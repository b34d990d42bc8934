"""The server's case bundle (docs/evidence.md, format 1): the same zip a tablet's `fieldcase export`
writes, made from what the server holds and signed by the server's key (`made_by.kind = "server"`),
so that `fieldcase verify` checks it without any Fieldcase database.

It holds the original photos byte for byte, each with the signed evidence record its tablet sent;
the whole audit chain (the tablet's events with the device's signatures, the server's with its
own); the signed receipts of every accepted revision; the device keys that signed anything in it
(from `device_keys`) and the server's key; and, as `enrolled_key`, the key the case's device last
enrolled with — the `--expect-key` a court may take from `fieldcase-server device list`.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import zipfile
from datetime import datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from app.evidence.signing import ALGORITHM
from app.evidence.verify import FORMAT, MANIFEST, VERSION, unsigned_manifest
from server import schema as t
from server.accounts import Principal
from server.cases import Cases, _deadlines_for, case_out, event_json, scope_clause
from server.errors import NotFoundError
from server.keys import current_key, keys_by_fingerprint, server_keys
from server.store import iso, utcnow

EXTENSIONS = {"jpeg": "jpg", "png": "png", "heif": "heic"}


def _app_version() -> str:
    try:
        return version("fieldcase")
    except PackageNotFoundError:
        return "unknown"


def find_case(cases: Cases, principal: Principal, ref: str) -> str:
    """A case's id from its id, code or official number, within the caller's scope (404 outside it)."""
    c = t.cases.c
    with cases.store.read() as conn:
        found = conn.execute(
            sa.select(c.id)
            .where(sa.or_(c.id == ref, c.code == ref, c.official_number == ref), scope_clause(principal))
            .limit(2)
        ).all()
    if len(found) != 1:
        raise NotFoundError(f"no case {ref}")
    return str(found[0].id)


def build_manifest(cases: Cases, principal: Principal, case_id: str) -> dict[str, Any]:
    """The unsigned manifest of a case as the server holds it (404 outside the caller's scope)."""
    key = cases.key
    if key is None:
        raise NotFoundError("this server has no signing key")
    with cases.store.read() as conn:
        row = conn.execute(sa.select(t.cases).where(t.cases.c.id == case_id, scope_clause(principal))).first()
        if row is None:
            raise NotFoundError(f"no case {case_id}")
        deadlines = _deadlines_for(conn, [row.pk]).get(row.pk, [])
        photo_rows = conn.execute(sa.select(t.case_photos).where(t.case_photos.c.case_pk == row.pk)).all()
        event_rows = conn.execute(
            sa.select(t.audit_events, sa.literal(row.id).label("case_id"))
            .where(t.audit_events.c.case_pk == row.pk)
            .order_by(t.audit_events.c.seq)
        ).all()
        receipt_rows = conn.execute(
            sa.select(t.receipts.c.revision, t.receipts.c.receipt_json, t.receipts.c.received_at)
            .where(t.receipts.c.case_id == row.id, t.receipts.c.outcome == "accepted")
            .order_by(t.receipts.c.revision, t.receipts.c.id)
        ).all()
        case = case_out(row, deadlines)
        by_sha = {p.sha256: json.loads(p.record_json) for p in photo_rows}
        photos = []
        for photo in case.get("photos") or []:
            sent = by_sha.get(photo["sha256"], {})
            record = sent.get("record")
            fmt = (record or {}).get("format") or photo.get("format")
            photos.append(
                {
                    "path": f"photos/{photo['sha256']}.{EXTENSIONS.get(str(fmt), 'jpg')}",
                    "sha256": photo["sha256"],
                    "size": photo["size"],
                    "record": record,
                    "signature": sent.get("signature") if record is not None else None,
                }
            )
        events = []
        for event_row in event_rows:
            event = event_json(event_row)
            events.append({**event, "signature": event.get("signature")})
        receipts, seen = [], set()
        for r in receipt_rows:
            if r.revision in seen or not r.receipt_json:
                continue
            seen.add(r.revision)
            receipts.append(
                {
                    "revision": r.revision,
                    "outcome": "accepted",
                    "receipt": json.loads(r.receipt_json),
                    "received_at": iso(r.received_at),
                }
            )
        signatures = (
            *(e["signature"] for e in events),
            *(p["signature"] for p in photos),
            *(r["receipt"].get("signature") for r in receipts if isinstance(r["receipt"], dict)),
        )
        signers = {s["key"] for s in signatures if isinstance(s, dict) and isinstance(s.get("key"), str)}
        device_keys = keys_by_fingerprint(conn, sorted(signers - {key.fingerprint}))
        # Server keys that signed here before the current one (a key file replaced, e.g. by a restore).
        former = server_keys(conn, sorted(signers - {key.fingerprint} - set(device_keys)))
        enrolled = current_key(conn, row.device) if row.device else None
        if enrolled is not None:
            device_keys.setdefault(enrolled.fingerprint, enrolled)
    keys = [
        {
            "fingerprint": k.fingerprint,
            "algorithm": ALGORITHM,
            "public_key": k.public_key,
            "device": k.device_id,
            "role": "device",
            "created_at": None,
            "enrolled_at": iso(k.enrolled_at),
            "revoked_at": iso(k.revoked_at),
            "server": None,
        }
        for k in sorted(device_keys.values(), key=lambda k: k.enrolled_at)
    ]
    keys += [{**key.entry(), "fingerprint": fp, "public_key": pk} for fp, pk in sorted(former.items())]
    keys.append(key.entry())
    return {
        "format": FORMAT,
        "version": VERSION,
        "made_at": datetime.now().astimezone().isoformat(timespec="seconds"),
        "made_by": {"kind": "server", "device": None, "app_version": _app_version(), "key": key.fingerprint},
        "case": case,
        "chain_head": {"seq": row.chain_seq, "hash": row.chain_head},
        "photos": photos,
        "events": events,
        "receipts": receipts,
        "keys": keys,
        "enrolled_key": enrolled.fingerprint if enrolled is not None else None,
        "copies": [],
    }


def write_bundle(cases: Cases, principal: Principal, case_id: str, out: Path) -> dict[str, Any]:
    """Write the case's bundle to `out` (a temporary file beside it, moved into place); what it holds."""
    manifest = build_manifest(cases, principal, case_id)
    key = cases.key
    assert key is not None
    paths = [(entry["path"], cases.photos.blob_path(entry["sha256"])) for entry in manifest["photos"]]
    manifest["signature"] = key.sign(unsigned_manifest(manifest))
    temp = out.parent / f".{out.name}.{secrets.token_hex(4)}.part"
    try:
        with zipfile.ZipFile(temp, "w", compression=zipfile.ZIP_STORED, allowZip64=True) as zf:
            for name, path in paths:
                with path.open("rb") as src, zf.open(name, "w", force_zip64=True) as dst:
                    shutil.copyfileobj(src, dst, 1 << 20)
            zf.writestr(
                zipfile.ZipInfo(MANIFEST, date_time=(2000, 1, 1, 0, 0, 0)),
                json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True),
                compress_type=zipfile.ZIP_DEFLATED,
            )
        with open(temp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(temp, out)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    return {
        "file": str(out),
        "case": {"id": manifest["case"]["id"], "code": manifest["case"]["code"]},
        "photos": len(manifest["photos"]),
        "events": len(manifest["events"]),
        "receipts": len(manifest["receipts"]),
        "key": key.fingerprint,
        "enrolled_key": manifest["enrolled_key"],
        "made_at": iso(utcnow()),
    }
