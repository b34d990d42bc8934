"""The tablet's side of signed custody: its device key, a signature on every audit event it makes,
a signed evidence record for every photo it takes in, and `check`'s verification of them.

The key is made at enrollment, or at first need on a tablet that has none yet (one enrolled
before keys existed, or one working before enrollment); its public half is kept in the database
(`device_keys`), so signatures stay verifiable if the private key is ever lost and replaced.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from app.domain.audit import AuditEvent
from app.domain.case import Photo
from app.evidence.keys import KeyStore
from app.evidence.signing import KeyFormatError, fingerprint, load_public, public_b64, sign_json, verify_json
from storage.evidence import EvidenceStore, Signed
from storage.repository import Repository

log = logging.getLogger(__name__)

PHOTO_RECORD_TYPE = "fieldcase.photo-record/1"


@cache
def app_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("fieldcase")
    except PackageNotFoundError:
        return "unknown"


def photo_record(
    case_id: str,
    photo: Photo,
    *,
    device: str,
    inspector: str,
    clock_offset_s: float | None,
    clock_offset_measured_at: str | None,
) -> dict[str, Any]:
    """What a photo's signature covers. The times are the tablet's own, never corrected: the
    offset to the server's clock, as measured at the last sync, is recorded beside them."""
    return {
        "type": PHOTO_RECORD_TYPE,
        "case_id": case_id,
        "sha256": photo.sha256,
        "size": photo.size,
        "format": photo.format,
        "taken_at": photo.taken_at,
        "lat": photo.lat,
        "lon": photo.lon,
        "alt": photo.alt,
        "make": photo.make,
        "model": photo.model,
        "added_at": photo.added_at,
        "device": device,
        "inspector": inspector,
        "app_version": app_version(),
        "clock_offset_s": clock_offset_s,
        "clock_offset_measured_at": clock_offset_measured_at,
    }


@dataclass
class SignatureReport:
    verified: int = 0
    events_unsigned: int = 0
    photos_unsigned: int = 0
    problems: list[str] = field(default_factory=list)


class Custody:
    def __init__(self, repo: Repository, device: str, keystore: KeyStore | None = None) -> None:
        self.repo = repo
        self.device = device
        self.store = EvidenceStore(repo)
        self._keystore = keystore
        self._key: Ed25519PrivateKey | None = None
        self._fingerprint: str | None = None
        self._public = ""

    @property
    def keystore(self) -> KeyStore:
        if self._keystore is None:
            self._keystore = KeyStore()
        return self._keystore

    # ------------------------------------------------------------ the key

    def key(self) -> Ed25519PrivateKey:
        """The device key, made now if this tablet has none."""
        if self._key is None:
            key = self.keystore.load(self.device)
            if key is None:
                key = self.keystore.create(self.device)
                log.info("made this tablet's signing key (%s)", self.keystore.location(self.device))
            fp = fingerprint(key.public_key())
            self._public = public_b64(key.public_key())
            self._record_key(fp)
            known = self.repo.meta("device_key")
            if known and known != fp:
                log.warning("the device key changed (%s, was %s): the old key was lost; re-enroll", fp, known)
            if known != fp:
                self.repo.set_meta("device_key", fp)
            self._key, self._fingerprint = key, fp
        return self._key

    def fingerprint(self) -> str:
        self.key()
        assert self._fingerprint is not None
        return self._fingerprint

    def public_key(self) -> str:
        return public_b64(self.key().public_key())

    def enrolled(self, server: str) -> None:
        """The server has recorded this public key (called after enrollment succeeded)."""
        fp = self.fingerprint()
        self.store.mark_enrolled(fp, datetime.now().astimezone().isoformat(timespec="seconds"), server)
        self.repo.set_meta("enrolled_key", fp)

    def _record_key(self, fp: str) -> None:
        self.store.add_key(fp, self._public, datetime.now().astimezone().isoformat(timespec="seconds"))

    def _sign(self, value: Any) -> Signed:
        key = self.key()
        fp = self.fingerprint()
        # Recorded with every signature, in its transaction: a rolled-back first use must not
        # leave signatures by a key the database does not know.
        self._record_key(fp)
        return Signed(fp, sign_json(key, value))

    # ------------------------------------------------------------ signing

    def sign_event(self, event: AuditEvent) -> None:
        """Sign an event this tablet made (in the caller's transaction)."""
        self.store.put_event_signature(event.case_id, event.seq, self._sign(event.to_json()))

    def sign_photo(self, case_id: str, photo: Photo, inspector: str) -> dict[str, Any]:
        """Sign a photo's evidence record as it is added to a case (in the caller's transaction)."""
        offset = self.repo.meta("clock_offset_s")
        record = photo_record(
            case_id,
            photo,
            device=self.device,
            inspector=inspector,
            clock_offset_s=float(offset) if offset is not None else None,
            # When the offset was measured: the sync engine's own stamp if it keeps one, else the last
            # completed sync (the engine measures at the start of every sync).
            clock_offset_measured_at=(self.repo.meta("clock_offset_at") or self.repo.meta("last_sync_at"))
            if offset is not None
            else None,
        )
        self.store.put_photo_record(case_id, photo.sha256, record, self._sign(record))
        return record

    # ------------------------------------------------------------ checking

    def server_key(self) -> dict[str, Any] | None:
        """The server's key as the last sync fetched it (GET /keys): fingerprint, public key, server URL."""
        raw = self.repo.meta("server_key")
        if not raw:
            return None
        try:
            value = json.loads(raw)
        except ValueError:
            return None
        return value if isinstance(value, dict) and isinstance(value.get("fingerprint"), str) else None

    def peer_keys(self) -> dict[str, dict[str, Any]]:
        """Other tablets' public keys that signed events of cases reassigned to this one (meta
        `peer_keys`, kept by the sync as the server sent them): fingerprint -> public key, device."""
        try:
            value = json.loads(self.repo.meta("peer_keys") or "{}")
        except ValueError:
            return {}
        return {str(fp): row for fp, row in value.items() if isinstance(row, dict)} if isinstance(value, dict) else {}

    def public_keys(self) -> dict[str, Ed25519PublicKey | None]:
        out: dict[str, Ed25519PublicKey | None] = {}
        rows = dict(self.store.keys())
        server = self.server_key()
        if server is not None:
            rows.setdefault(server["fingerprint"], server)
        for fp, peer in self.peer_keys().items():
            rows.setdefault(fp, peer)
        for fp, row in rows.items():
            try:
                key = load_public(str(row["public_key"]))
                out[fp] = key if fingerprint(key) == fp else None
            except (KeyFormatError, ValueError):
                out[fp] = None
        return out

    def checker(self) -> SignatureChecker:
        return SignatureChecker(self.public_keys(), self.store.all_event_signatures(), self.device)


class SignatureChecker:
    """Verifies the signatures of a whole database for `check`, one case's events at a time."""

    def __init__(
        self, keys: dict[str, Ed25519PublicKey | None], signatures: dict[tuple[str, int], Signed], device: str
    ) -> None:
        self.keys = keys
        self.signatures = signatures
        self.device = device
        self.report = SignatureReport()

    def _verify(self, where: str, value: Any, signed: Signed) -> None:
        key = self.keys.get(signed.key)
        if key is None:
            self.report.problems.append(f"{where}: signed by an unknown or damaged key {signed.key[:16]}")
        elif not verify_json(key, value, signed.signature):
            self.report.problems.append(f"{where}: its signature does not verify (edited after signing, or forged)")
        else:
            self.report.verified += 1

    def events(self, case_id: str, events: list[AuditEvent]) -> None:
        for event in events:
            signed = self.signatures.get((case_id, event.seq))
            if signed is None:
                if event.device == self.device:
                    self.report.events_unsigned += 1
                continue
            self._verify(f"case {case_id} event {event.seq}", event.to_json(), signed)

    def photos(self, store: EvidenceStore, photos: list[tuple[str, str, int, bool]]) -> None:
        records = {(r.case_id, r.sha256): r for r in store.all_photo_records()}
        for case_id, sha, size, _local in photos:
            row = records.get((case_id, sha))
            if row is None:
                self.report.photos_unsigned += 1
                continue
            where = f"case {case_id}: photo {sha}"
            if row.record.get("sha256") != sha or row.record.get("case_id") != case_id:
                self.report.problems.append(f"{where}: its signed record names another photo or case")
            elif row.record.get("size") != size:
                self.report.problems.append(f"{where}: its size differs from its signed record")
            self._verify(where, row.record, row.signed)
