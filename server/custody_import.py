"""`fieldcase-server import FILE`: cases carried on a USB stick instead of synced (docs/evidence.md).

FILE is a tablet's batch (`fieldcase export --all-unsynced`: `batch.json` and a case bundle per case)
or one case bundle. Nothing is stored unless all of it holds: the batch's signature, each bundle's
SHA-256, each bundle checked as `fieldcase verify` checks it, and anchored to the server's own record
of the device's key (the enrolled key it names must be one the server enrolled for the case's device
and did not revoke, and must have signed the bundle). Then each case goes through the very acceptance
sync uses (`Cases.accept_batch`, as its inspector on its device), so it is idempotent by case id and
revision: importing twice, or importing and then syncing, stores each revision once. The photos are
stored from the bundles first, re-hashed on the way in.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from pydantic import ValidationError

from app.evidence.signing import KeyFormatError, verify_json
from app.evidence.verify import MANIFEST, verify_bundle
from server import schema as t
from server.accounts import Device, Principal
from server.cases import Cases
from server.errors import InvalidError, NotFoundError
from server.evidence import EvidenceError
from server.keys import DeviceKey, keys_by_fingerprint
from server.store import utcnow
from sync.protocol import MAX_CASES_PER_BATCH, CaseBatch, CaseEnvelope, CaseResult

BATCH_FORMAT = "fieldcase-batch"
BATCH_MANIFEST = "batch.json"
MAX_INDEX_BYTES = 64 * 1024 * 1024


class ImportRefusedError(InvalidError):
    """The file cannot be imported as it is (exit 4); nothing was stored."""

    code = "import_refused"


@dataclass
class _Case:
    case_id: str
    revision: int
    bundle: Path
    manifest: dict[str, Any]
    envelope: dict[str, Any] | None


def import_file(cases: Cases, path: Path) -> dict[str, Any]:
    """Check the whole file, then accept its cases as sync would; what became of each."""
    if not path.is_file():
        raise NotFoundError(f"{path}: no such file")
    with tempfile.TemporaryDirectory(prefix="fieldcase-import-") as work:
        items = list(_read(path, Path(work)))
        now = utcnow()
        with cases.store.read() as conn:
            keys = keys_by_fingerprint(
                conn, [str(i.manifest.get("enrolled_key")) for i in items if i.manifest.get("enrolled_key")]
            )
        for item in items:
            _anchor(item, keys, now)
        results: list[CaseResult] = []
        by_principal: dict[tuple[str, str], list[_Case]] = {}
        for item in items:
            case = item.manifest["case"]
            by_principal.setdefault((str(case.get("inspector")), str(case.get("device"))), []).append(item)
        for (inspector, device), group in by_principal.items():
            principal = _principal(cases, inspector, device)
            for item in group:
                _store_photos(cases, item)
            for start in range(0, len(group), MAX_CASES_PER_BATCH):
                chunk = group[start : start + MAX_CASES_PER_BATCH]
                try:
                    batch = CaseBatch(cases=[CaseEnvelope.model_validate(_envelope(i)) for i in chunk])
                except ValidationError as exc:
                    raise ImportRefusedError(f"{path}: a case in it is malformed ({exc.errors()[0]['msg']})") from None
                try:
                    results.extend(cases.accept_batch(principal, batch, source="import").results)
                except EvidenceError as exc:
                    raise ImportRefusedError(f"{path}: {exc.message}", code=exc.code) from None
    stored = [r for r in results if r.outcome in ("accepted", "already")]
    return {
        "file": str(path),
        "cases": [
            {"id": r.id, "revision": r.revision, "outcome": r.outcome, "message": r.message, "status": r.status}
            for r in results
        ],
        "accepted": sum(r.outcome == "accepted" for r in results),
        "already": sum(r.outcome == "already" for r in results),
        "refused": len(results) - len(stored),
    }


# ---------------------------------------------------------------- reading and checking the file


def _read(path: Path, work: Path) -> Iterator[_Case]:
    try:
        zf = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise ImportRefusedError(f"{path}: not a case bundle or a batch ({exc})") from None
    with zf:
        names = set(zf.namelist())
        if BATCH_MANIFEST not in names:
            if MANIFEST not in names:
                raise ImportRefusedError(f"{path}: neither a batch ({BATCH_MANIFEST}) nor a case bundle ({MANIFEST})")
            yield _checked(path, path, None, None)
            return
        batch = _json(zf, BATCH_MANIFEST, path)
        if batch.get("format") != BATCH_FORMAT or batch.get("version") != 1 or not isinstance(batch.get("cases"), list):
            raise ImportRefusedError(f"{path}: not a Fieldcase batch of version 1")
        listed = {BATCH_MANIFEST}
        for index, entry in enumerate(batch["cases"], start=1):
            if not isinstance(entry, dict) or not isinstance(entry.get("path"), str):
                raise ImportRefusedError(f"{path}: case entry {index} is malformed")
            listed.add(entry["path"])
            target = work / f"case-{index}.zip"
            try:
                with zf.open(entry["path"]) as src, target.open("wb") as dst:
                    digest = hashlib.sha256()
                    for chunk in iter(lambda src=src: src.read(1 << 20), b""):  # type: ignore[misc]
                        digest.update(chunk)
                        dst.write(chunk)
            except KeyError:
                raise ImportRefusedError(f"{path}: {entry['path']} is missing from the batch") from None
            except (zipfile.BadZipFile, OSError) as exc:
                raise ImportRefusedError(f"{path}: {entry['path']} cannot be read ({exc})") from None
            if digest.hexdigest() != entry.get("sha256") or target.stat().st_size != entry.get("size"):
                raise ImportRefusedError(f"{path}: {entry['path']} does not match its SHA-256 in the batch (altered)")
            envelope = entry.get("envelope")
            if envelope is not None and not isinstance(envelope, dict):
                raise ImportRefusedError(f"{path}: the envelope of {entry['path']} is malformed")
            yield _checked(path, target, entry, batch)
        extra = sorted(n for n in names - listed if not n.endswith("/"))
        if extra:
            raise ImportRefusedError(f"{path}: {extra[0]} is in the batch but not in {BATCH_MANIFEST}")


def _json(zf: zipfile.ZipFile, name: str, path: Path) -> dict[str, Any]:
    try:
        info = zf.getinfo(name)
        if info.file_size > MAX_INDEX_BYTES:
            raise ValueError(f"{name} is too large")
        value = json.loads(zf.read(info).decode("utf-8"))
    except (ValueError, RecursionError, zipfile.BadZipFile, OSError) as exc:
        raise ImportRefusedError(f"{path}: {name} is not readable JSON ({exc})") from None
    if not isinstance(value, dict):
        raise ImportRefusedError(f"{path}: {name} is not a JSON object")
    return value


def _checked(path: Path, bundle: Path, entry: dict[str, Any] | None, batch: dict[str, Any] | None) -> _Case:
    """One case bundle checked as `fieldcase verify` checks it, and against its batch entry."""
    where = f"{path}: {entry['path']}" if entry else str(path)
    report = verify_bundle(bundle)
    if report.problems:
        raise ImportRefusedError(f"{where}: {report.problems[0]}")
    with zipfile.ZipFile(bundle) as zf:
        manifest = _json(zf, MANIFEST, bundle)
    case = manifest["case"]
    if manifest.get("made_by", {}).get("kind") != "tablet":
        raise ImportRefusedError(f"{where}: not a tablet's bundle (the server imports what tablets collected)")
    revision = case.get("revision")
    if entry is not None and batch is not None:
        if entry.get("case_id") != case["id"]:
            raise ImportRefusedError(f"{where}: the batch names case {entry.get('case_id')}, the bundle {case['id']}")
        revision = entry.get("revision")
        if batch.get("enrolled_key") != manifest.get("enrolled_key"):
            raise ImportRefusedError(f"{where}: the batch and the bundle name different enrolled keys")
        _check_batch_signature(path, batch, manifest)
    if not isinstance(revision, int) or isinstance(revision, bool) or revision < 1:
        raise ImportRefusedError(f"{where}: no revision")
    envelope = entry.get("envelope") if entry else None
    if envelope is not None:
        _match(where, envelope, manifest, revision)
    return _Case(case["id"], revision, bundle, manifest, envelope)


def _check_batch_signature(path: Path, batch: dict[str, Any], manifest: dict[str, Any]) -> None:
    """The batch index (revisions, envelopes) is signed by the key that signed its bundles."""
    signature = batch.get("signature")
    keys = {k.get("fingerprint"): k for k in manifest.get("keys", []) if isinstance(k, dict)}
    signer = manifest.get("signature", {}).get("key")
    if not isinstance(signature, dict) or signature.get("key") != signer or signer not in keys:
        raise ImportRefusedError(f"{path}: {BATCH_MANIFEST} is not signed by the key that signed its bundles")
    from app.evidence.signing import load_public

    try:
        ok = verify_json(
            load_public(str(keys[signer]["public_key"])),
            {k: v for k, v in batch.items() if k != "signature"},
            str(signature.get("value", "")),
        )
    except (KeyFormatError, ValueError):
        ok = False
    if not ok:
        raise ImportRefusedError(f"{path}: the signature of {BATCH_MANIFEST} does not verify (edited after signing)")


def _match(where: str, envelope: dict[str, Any], manifest: dict[str, Any], revision: int) -> None:
    """The envelope the tablet would have synced is the case its verified bundle holds."""
    case = manifest["case"]
    if envelope.get("id") != case["id"] or envelope.get("revision") != revision:
        raise ImportRefusedError(f"{where}: its envelope is for another case or revision")
    chain = {e.get("seq"): e.get("hash") for e in manifest.get("events", []) if isinstance(e, dict)}
    events = envelope.get("events")
    if not isinstance(events, list) or not events:
        raise ImportRefusedError(f"{where}: its envelope has no audit trail")
    if any(not isinstance(e, dict) or chain.get(e.get("seq")) != e.get("hash") for e in events):
        raise ImportRefusedError(f"{where}: its envelope's audit trail is not the bundle's")
    photos = envelope.get("case", {}).get("photos") or []
    sent = {(p.get("sha256"), p.get("size")) for p in photos if isinstance(p, dict)}
    held = {(p.get("sha256"), p.get("size")) for p in manifest.get("photos", []) if isinstance(p, dict)}
    if not sent <= held:
        raise ImportRefusedError(f"{where}: its envelope names photos the bundle does not hold")


def _anchor(item: _Case, keys: dict[str, DeviceKey], now: Any) -> None:
    """The bundle's signer is the key the server enrolled for the case's device, not revoked."""
    case = item.manifest["case"]
    enrolled = item.manifest.get("enrolled_key")
    where = f"case {case.get('code') or item.case_id}"
    if not isinstance(enrolled, str):
        raise ImportRefusedError(f"{where}: its tablet's key was never enrolled with a server: sync it instead")
    key = keys.get(enrolled)
    if key is None or key.device_id != case.get("device"):
        raise ImportRefusedError(
            f"{where}: signed by key {enrolled[:16]}, not enrolled on this server for device {case.get('device')}",
            code="unknown_key",
        )
    if not key.usable_at(now):
        raise ImportRefusedError(f"{where}: signed by key {enrolled[:16]}, revoked with its device", code="key_revoked")


# ---------------------------------------------------------------- storing


def _principal(cases: Cases, inspector: str, device_id: str) -> Principal:
    """The inspector and device the cases came from, as a sync by them would be authenticated."""
    with cases.store.read() as conn:
        user = conn.execute(sa.select(t.users).where(t.users.c.name == inspector)).first()
        device = conn.execute(sa.select(t.devices).where(t.devices.c.id == device_id)).first()
        districts = (
            tuple(
                conn.execute(sa.select(t.user_districts.c.district).where(t.user_districts.c.user_id == user.id))
                .scalars()
                .all()
            )
            if user is not None
            else ()
        )
    if user is None or user.role != "inspector":
        raise ImportRefusedError(f"the cases' inspector {inspector!r} is not an inspector on this server")
    if device is None or device.revoked_at is not None:
        raise ImportRefusedError(f"device {device_id} is not enrolled here, or was revoked", code="key_revoked")
    return Principal(
        user_id=user.id,
        name=user.name,
        role="inspector",
        districts=districts,
        unit=None,
        token_hash="",
        token_device=device.id,
        device=Device(id=device.id, name=device.name, district=device.district),
    )


def _store_photos(cases: Cases, item: _Case) -> None:
    """The bundle's originals into the blob store (each re-hashed on the way in), as an upload would."""
    blobs = cases.photos.blobs
    with zipfile.ZipFile(item.bundle) as zf:
        for entry in item.manifest["photos"]:
            sha = entry["sha256"]
            if blobs.path_for(sha).is_file():
                continue
            with zf.open(entry["path"]) as src:
                stored, size = blobs.put_stream(iter(lambda src=src: src.read(1 << 20), b""))  # type: ignore[misc]
            if stored != sha:
                with contextlib.suppress(OSError):
                    blobs.path_for(stored).unlink()
                raise ImportRefusedError(f"photo {sha}: its bytes hash to {stored}")
            with cases.store.write() as conn:
                conn.execute(
                    cases.store.insert(t.blobs)
                    .values(sha256=sha, size=size, stored_at=utcnow())
                    .on_conflict_do_nothing(index_elements=[t.blobs.c.sha256])
                )


def _envelope(item: _Case) -> dict[str, Any]:
    """The envelope sync would have sent: the tablet's own, else one made from the bundle."""
    if item.envelope is not None:
        return item.envelope
    m = item.manifest
    records = {p["sha256"]: p for p in m["photos"]}
    case = dict(m["case"])
    case["revision"] = item.revision
    photos = []
    for photo in case.get("photos") or []:
        held = records.get(photo.get("sha256"), {})
        if held.get("record") is not None:
            photo = {**photo, "record": held["record"], "signature": held["signature"]}
        photos.append(photo)
    case["photos"] = photos
    return {"id": item.case_id, "revision": item.revision, "case": case, "events": m["events"]}
