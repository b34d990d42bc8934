"""Signed evidence checked on receipt (docs/evidence.md): the device's signatures of the audit events
it made and of its photos' evidence records, against the keys the server recorded at enrollment.

A signature by a key the server does not know for that device, by a revoked key, or one that does
not verify refuses the whole request (422: `unknown_key`, `key_revoked`, `bad_signature`,
`bad_record`, `unsigned`) and nothing is stored: such a request is forged, or comes from a tablet
whose key changed without a new enrollment. Unsigned events and photos, made before the device had
a key, stay acceptable — but once the server knows a key for a device, the last event that device
sends (its submission) must be signed by it; as each event names the hash of the one before it,
that one signature covers the whole chain it ends.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from app.domain.audit import AuditEvent
from app.evidence.signing import KeyFormatError, verify_json
from server.casecheck import CheckedCase
from server.errors import InvalidError
from server.keys import DeviceKey, keys_by_fingerprint, keys_of


class EvidenceError(InvalidError):
    """A signature, a key or a signed record that cannot be accepted (422)."""

    code = "bad_signature"


def signed_fingerprints(cases: Iterable[CheckedCase]) -> list[str]:
    """Every key fingerprint the envelopes' signatures name."""
    out: set[str] = set()
    for case in cases:
        for signature in (*case.signatures, *(p.get("signature") for p in case.photos if isinstance(p, dict))):
            if isinstance(signature, dict) and isinstance(signature.get("key"), str):
                out.add(signature["key"])
    return sorted(out)


def load_keys(conn: sa.Connection, cases: Sequence[CheckedCase], devices: Iterable[str | None]) -> dict[str, DeviceKey]:
    """The keys these envelopes need: those their signatures name, and every key of the senders and of
    the devices their events and records name."""
    named = set(devices)
    for case in cases:
        named.update(e.device for e in case.events)
        named.update(p["record"].get("device") for p in case.photos if isinstance(p.get("record"), dict))
    keys = keys_by_fingerprint(conn, signed_fingerprints(cases))
    keys.update(keys_of(conn, [d for d in named if isinstance(d, str) and d]))
    return keys


class EvidenceCheck:
    """Checks the envelopes of one request against the devices' keys as of `now`."""

    def __init__(self, keys: dict[str, DeviceKey], now: datetime) -> None:
        self.keys = keys
        self.now = now
        self.verified = 0
        self.unsigned = 0
        self.unverifiable = 0  # signed by a device that enrolled no key (before signed evidence)
        self._enrolled = {k.device_id for k in keys.values()}
        self._public: dict[str, Ed25519PublicKey] = {}  # parsed once per request

    def _verify(self, where: str, value: Any, signature: Any, device: str | None) -> None:
        if not isinstance(signature, dict) or not isinstance(signature.get("value"), str):
            raise EvidenceError(f"{where}: its signature is malformed", code="bad_signature")
        fp = str(signature.get("key", ""))
        key = self.keys.get(fp)
        if key is None and device is not None and device not in self._enrolled:
            # A tablet enrolled before signed evidence made its key later: the server has nothing to
            # check it against until the tablet is enrolled again (kept, as for an unsigned event).
            self.unverifiable += 1
            return
        if key is None or (device is not None and key.device_id != device):
            raise EvidenceError(
                f"{where}: signed by key {fp[:16] or '?'}, which the server has not enrolled for device {device} "
                "(the tablet's key changed: enroll it again)",
                code="unknown_key",
            )
        if not key.usable_at(self.now):
            raise EvidenceError(
                f"{where}: signed by key {fp[:16]}, revoked with device {key.device_id} at "
                f"{key.revoked_at.isoformat() if key.revoked_at else '?'}",
                code="key_revoked",
            )
        try:
            public = self._public.get(fp)
            if public is None:
                public = self._public[fp] = key.public()
            ok = verify_json(public, value, signature["value"])
        except (KeyFormatError, ValueError):
            ok = False
        if not ok:
            raise EvidenceError(
                f"{where}: its signature does not verify with key {fp[:16]} (edited after signing, or forged)",
                code="bad_signature",
            )
        self.verified += 1

    def events(self, case: CheckedCase, first_new: int, sender: str | None) -> None:
        """The signatures of the events the server does not hold yet (from index `first_new`)."""
        new: list[tuple[AuditEvent, Any]] = list(zip(case.events, case.signatures, strict=False))[first_new:]
        for event, signature in new:
            if signature is None:
                self.unsigned += 1
                continue
            self._verify(f"case {case.id}: audit event {event.seq}", event.to_json(), signature, event.device or sender)
        if not new:
            return
        last, signature = new[-1]
        maker = last.device or sender
        if signature is None and any(k.device_id == maker and k.usable_at(self.now) for k in self.keys.values()):
            raise EvidenceError(
                f"case {case.id}: audit event {last.seq} is not signed, but device {maker} enrolled a key: "
                "its events must carry their signatures",
                code="unsigned",
            )

    def photos(self, case: CheckedCase, sender: str | None) -> None:
        for photo in case.photos:
            record, signature = photo.get("record"), photo.get("signature")
            if record is None and signature is None:
                self.unsigned += 1
                continue
            where = f"case {case.id}: photo {photo.get('sha256')}"
            if not isinstance(record, dict) or signature is None:
                raise EvidenceError(f"{where}: its evidence record or its signature is missing", code="bad_record")
            if record.get("case_id") != case.id:
                raise EvidenceError(
                    f"{where}: its signed record belongs to case {record.get('case_id')}", code="bad_record"
                )
            if record.get("sha256") != photo.get("sha256") or record.get("size") != photo.get("size"):
                raise EvidenceError(f"{where}: its signed record names other bytes", code="bad_record")
            device = record.get("device")
            self._verify(where, record, signature, device if isinstance(device, str) else sender)
