"""The sync protocol: wire types and rules shared by the tablet's sync engine and the server.

Three phases, after Anki's one-protocol-two-sides sync and tus's resumable uploads
(https://tus.io/protocols/resumable-upload): (1) photos first, by hash — ask which
hashes the server lacks, upload each in chunks that resume from the server's
offset, each chunk carrying its own checksum, the whole file checked against its
hash before it counts as present; (2) cases in batches, idempotent by case id and
revision; (3) a change feed pulled by cursor, advanced by the tablet only after it
has stored what it pulled.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Mapping
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from app.domain.canonical import canonical_hash

API_BASE = "/api/v1"
PROTOCOL_VERSION = 1

# Headers. A sync request carries the user's bearer token (`Authorization: Bearer <token>`)
# and the device's credential: DEVICE_HEADER's value is the device token enrollment gave.
DEVICE_HEADER = "X-Fieldcase-Device"
UPLOAD_OFFSET = "Upload-Offset"  # bytes the server holds durably (request: where this chunk starts)
UPLOAD_LENGTH = "Upload-Length"  # the whole file's size
UPLOAD_CHECKSUM = "Upload-Checksum"  # "sha256 <base64 of this chunk's digest>"

CHUNK_SIZE = 4 * 1024 * 1024  # a 3 MB photo goes in one request; larger ones resume by 4 MB
MAX_PHOTO_BYTES = 200 * 1024 * 1024
MAX_CASES_PER_BATCH = 50
MAX_HASHES_PER_QUERY = 1000
MAX_JSON_BODY = 8 * 1024 * 1024
MAX_CHANGES_PER_PAGE = 500
DEFAULT_CHANGES_PER_PAGE = 100

# Keys of the case JSON that the server owns (or that only the tablet uses): they are left out
# of the body hash that makes a revision idempotent, and the server's values replace the
# tablet's in what it stores and sends back.
SERVER_OWNED_KEYS = frozenset(
    {"status", "official_number", "review_note", "sync", "unit", "deadlines", "deferred", "server"}
)

SHA256_PATTERN = r"^[0-9a-f]{64}$"


def chunk_checksum(data: bytes) -> str:
    """The Upload-Checksum value of a chunk."""
    return "sha256 " + base64.b64encode(hashlib.sha256(data).digest()).decode("ascii")


def parse_checksum(value: str) -> bytes:
    """The digest an Upload-Checksum header names; ValueError if it is not `sha256 <base64>`."""
    algorithm, _, encoded = value.strip().partition(" ")
    if algorithm.lower() != "sha256" or not encoded:
        raise ValueError("Upload-Checksum must be 'sha256 <base64 digest>'")
    digest = base64.b64decode(encoded, validate=True)
    if len(digest) != 32:
        raise ValueError("Upload-Checksum digest must be 32 bytes")
    return digest


# What a photo entry of the case JSON may carry beside the photo itself (docs/evidence.md): its
# signed evidence record and the device's signature of it. Left out of the body hash, so a revision
# first sent by a tablet from before signed evidence is the same revision when sent again with them.
PHOTO_EVIDENCE_KEYS = ("record", "signature")


def without_evidence(case: Mapping[str, Any]) -> dict[str, Any]:
    """The case JSON with its photo entries stripped of their records and signatures."""
    photos = case.get("photos")
    if not isinstance(photos, list) or not any(
        isinstance(p, dict) and p.keys() & {*PHOTO_EVIDENCE_KEYS} for p in photos
    ):
        return dict(case)
    stripped = [
        {k: v for k, v in p.items() if k not in PHOTO_EVIDENCE_KEYS} if isinstance(p, dict) else p for p in photos
    ]
    return {**case, "photos": stripped}


def case_body_hash(case: Mapping[str, Any]) -> str:
    """The SHA-256 of a revision's body: its canonical JSON without SERVER_OWNED_KEYS (and without the
    photos' signed records, PHOTO_EVIDENCE_KEYS).

    The same revision sent again hashes the same however the tablet's sync state moved;
    a different body for the same revision is a conflict. ValueError/TypeError for values
    JSON cannot carry (NaN, infinities).
    """
    return canonical_hash({k: v for k, v in without_evidence(case).items() if k not in SERVER_OWNED_KEYS})


class Wire(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ErrorDetail(Wire):
    code: str
    message: str
    offset: int | None = None  # an upload refused with 409/422: the bytes the server holds durably


class ErrorBody(Wire):
    error: ErrorDetail


class Health(Wire):
    status: Literal["ok"]
    version: str
    protocol: int = PROTOCOL_VERSION
    time: str  # the server's clock (ISO 8601 with offset): the tablet measures its offset from it


# ---------------------------------------------------------------- accounts and devices


class LoginRequest(Wire):
    user: str = Field(min_length=1, max_length=100)
    password: str = Field(min_length=1, max_length=1000)


class LoginResponse(Wire):
    token: str
    expires_at: str
    role: Literal["inspector", "supervisor", "unit", "admin"]
    user: str
    districts: list[str] = []
    unit: str | None = None


class EnrollRequest(Wire):
    code: str = Field(min_length=4, max_length=64)
    device_id: str = Field(min_length=1, max_length=64)
    name: str = Field(default="", max_length=100)
    public_key: str | None = Field(default=None, max_length=200)  # base64 Ed25519, from the evidence issue


class EnrollResponse(Wire):
    device_id: str
    device_token: str
    district: str | None = None
    server_time: str


# ---------------------------------------------------------------- phase 1: photos


class MissingRequest(Wire):
    hashes: list[str] = Field(max_length=MAX_HASHES_PER_QUERY)


class MissingResponse(Wire):
    missing: list[str]  # hashes the server does not hold complete and verified
    offsets: dict[str, int] = {}  # of those, the ones with a partial upload: bytes already durable


class UploadState(Wire):
    sha256: str
    offset: int
    length: int | None
    complete: bool


# ---------------------------------------------------------------- phase 2: cases


class PhotoRecord(Wire):
    """An evidence item's record as it travels (the case JSON's `photos` entry plus what it omits)."""

    model_config = ConfigDict(extra="allow")
    sha256: str = Field(pattern=SHA256_PATTERN)
    size: int = Field(ge=1, le=MAX_PHOTO_BYTES)
    kind: str


class AuditEventWire(Wire):
    """An audit event; an extra key "signature" ({"key", "value"}) carries its maker's signature of
    the event's JSON (docs/evidence.md): the device's for the tablet's events, the server's for its own."""

    model_config = ConfigDict(extra="allow")
    seq: int = Field(ge=1)
    case_id: str
    at: str
    actor: str | None
    role: str
    device: str | None
    action: str
    changes: dict[str, Any]
    prev: str
    hash: str


class CaseEnvelope(Wire):
    """One revision of one case, as the tablet sends it."""

    id: str = Field(min_length=1, max_length=64)
    revision: int = Field(ge=1)
    case: dict[str, Any]  # the case JSON of INTERFACES.md
    events: list[AuditEventWire]  # the case's audit chain as the tablet holds it


class CaseBatch(Wire):
    cases: list[CaseEnvelope] = Field(max_length=MAX_CASES_PER_BATCH)


CaseOutcome = Literal["accepted", "already", "conflict", "missing_photos", "invalid", "refused"]


class Receipt(Wire):
    """What the server acknowledges for an accepted revision (CaseResult.receipt)."""

    case_id: str
    revision: int
    body_hash: str  # case_body_hash of the accepted body
    chain_seq: int  # the audit chain's length after the server's `receive` event
    chain_head: str  # the hash of that last event
    received_at: str  # when the server accepted this revision (ISO 8601, UTC)
    server_time: str  # the server's clock when it answered
    # The server key's signature ({"key", "value"}) of the receipt without it (docs/evidence.md);
    # absent from servers older than signed evidence.
    signature: dict[str, str] | None = None


class ServerKeyInfo(Wire):
    """GET /keys: the server's public key, which signs its receipts, events and exported bundles."""

    fingerprint: str
    algorithm: Literal["ed25519"]
    public_key: str  # base64 of the 32 raw bytes
    role: Literal["server"] = "server"


class KeysResponse(Wire):
    server: ServerKeyInfo


class CaseResult(Wire):
    id: str
    revision: int
    outcome: CaseOutcome
    message: str = ""
    missing: list[str] = []  # photo hashes the server still lacks
    status: str | None = None  # the case's state on the server after this
    receipt: dict[str, Any] | None = None  # the server's receipt of the chain head


class CaseBatchResponse(Wire):
    results: list[CaseResult]


# ---------------------------------------------------------------- phase 3: changes


class Change(Wire):
    """A decision or task for this device's inspector: the case as the server now holds it."""

    seq: int
    case_id: str
    kind: Literal["decision", "task", "update"]
    case: dict[str, Any]
    events: list[AuditEventWire] = []  # events the server added since the tablet's revision
    # The public keys of other tablets whose signatures are on these events (a reassigned case's trail
    # made on another device): {"fingerprint", "public_key", "device"}, so this tablet can check them.
    keys: list[dict[str, Any]] = []


class ChangesResponse(Wire):
    changes: list[Change]
    next_cursor: str
    more: bool


def is_final(outcome: str) -> bool:
    """An outcome after which the tablet stops re-sending this revision."""
    return outcome in ("accepted", "already", "conflict", "invalid", "refused")
