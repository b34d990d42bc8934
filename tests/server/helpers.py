"""Test helpers for the server: an HTTP client with the protocol's headers, cases and photos made by code,
and the upload dance of sync/protocol.py (the same steps the tablet's sync engine takes)."""

from __future__ import annotations

import fcntl
import hashlib
import os
import random
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import requests

from app.domain.audit import AuditEvent, make_event
from sync.protocol import (
    API_BASE,
    CHUNK_SIZE,
    DEVICE_HEADER,
    UPLOAD_CHECKSUM,
    UPLOAD_LENGTH,
    UPLOAD_OFFSET,
    chunk_checksum,
)

NOW = "2026-11-20T09:30:12.000+08:00"


@dataclass
class Account:
    name: str
    password: str
    role: str
    districts: tuple[str, ...] = ()
    unit: str | None = None


@dataclass
class Client:
    """requests against one server, with a bearer token and a device credential if set."""

    base: str
    token: str | None = None
    device_token: str | None = None
    device_id: str | None = None
    account: Account | None = None
    session: requests.Session = field(default_factory=requests.Session)

    def headers(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        headers: dict[str, str] = {}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        if self.device_token:
            headers[DEVICE_HEADER] = self.device_token
        headers.update(extra or {})
        return headers

    def request(self, method: str, path: str, *, headers: dict[str, str] | None = None, **kw: Any) -> requests.Response:
        url = path if path.startswith("http") else f"{self.base}{API_BASE}{path}"
        return self.session.request(method, url, headers=self.headers(headers), timeout=60, **kw)

    def get(self, path: str, **kw: Any) -> requests.Response:
        return self.request("GET", path, **kw)

    def post(self, path: str, **kw: Any) -> requests.Response:
        return self.request("POST", path, **kw)

    def patch(self, path: str, **kw: Any) -> requests.Response:
        return self.request("PATCH", path, **kw)

    def head(self, path: str, **kw: Any) -> requests.Response:
        return self.request("HEAD", path, **kw)

    def close(self) -> None:
        self.session.close()


def error_of(response: requests.Response) -> dict[str, Any]:
    """The error body of a refusal, checked against the contract's shape."""
    body = response.json()
    assert set(body) == {"error"}, body
    assert isinstance(body["error"]["code"], str) and body["error"]["code"], body
    assert body["error"]["code"] == body["error"]["code"].lower().replace("-", "_"), body
    assert isinstance(body["error"]["message"], str) and body["error"]["message"], body
    return dict(body["error"])


def photo_bytes(seed: int | str, size: int = 3000) -> bytes:
    """Bytes standing in for a photo (the server never decodes photos: it hashes them)."""
    rng = random.Random(str(seed))
    return b"\xff\xd8\xff\xe0" + rng.randbytes(size - 4)


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def upload(client: Client, data: bytes, *, chunk: int = CHUNK_SIZE) -> dict[str, Any]:
    """Upload a photo as the tablet does: ask for the offset, then PATCH chunks from there."""
    digest = sha(data)
    state = client.get(f"/sync/blobs/{digest}").json()
    offset = state["offset"]
    while not state["complete"]:
        piece = data[offset : offset + chunk]
        response = client.patch(
            f"/sync/blobs/{digest}",
            data=piece,
            headers={
                UPLOAD_OFFSET: str(offset),
                UPLOAD_LENGTH: str(len(data)),
                UPLOAD_CHECKSUM: chunk_checksum(piece),
                "Content-Type": "application/offset+octet-stream",
            },
        )
        assert response.status_code == 200, response.text
        state = response.json()
        offset = state["offset"]
    return dict(state)


def build_case(
    inspector: str,
    device: str | None,
    district: str | None,
    photos: Iterable[bytes],
    *,
    case_id: str | None = None,
    subtype: str = "missing",
    description: str = "cover missing on the carriageway",
    code: str | None = None,
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """A submitted manhole-cover case and its audit chain (create, add_photos, submit), as a tablet makes them."""
    case_id = case_id or str(uuid.uuid4())
    kinds = ["overview", "close_up", "measurement", "signage"]
    records = [
        {
            "sha256": sha(data),
            "size": len(data),
            "taken_at": "2026:11:20 09:30:12+08:00",
            "lat": 34.7466,
            "lon": 113.6253,
            "width": 4000,
            "height": 3000,
            "make": "Huawei",
            "model": "MatePad",
            "kind": kinds[i % len(kinds)],
            "note": "",
        }
        for i, data in enumerate(photos)
    ]
    fields: dict[str, Any] = {"owner": "water_supply", "barrier_placed": "yes"}
    if subtype == "sunken_raised":
        fields = {"owner": "sewage", "height_diff_mm": 35}
    case = {
        "id": case_id,
        "code": code or f"T01-20261120-{random.randrange(10_000):04d}",
        "official_number": None,
        "type": "manhole_cover",
        "subtype": subtype,
        "status": "submitted",
        "hazard": "urgent" if subtype == "missing" else "medium",
        "location": {"lat": 34.7466, "lon": 113.6253, "accuracy_m": 5.0, "source": "photo"},
        "address": "Jinshui Road 18",
        "description": description,
        "district": district,
        "grid": None,
        "fields": fields,
        "officers": [],
        "photos": records,
        "inspector": inspector,
        "device": device,
        "observed_at": NOW,
        "created_at": NOW,
        "updated_at": NOW,
        "sync": "pending",
        "review_note": None,
        "revision": 1,
    }
    events = chain(
        case_id,
        inspector,
        device,
        [
            ("create", None, "draft", {"type": "manhole_cover", "subtype": subtype}),
            ("add_photos", "draft", "draft", {"photos": [r["sha256"] for r in records]}),
            ("submit", "draft", "submitted", {"revision": 1}),
        ],
    )
    return case, events


def chain(
    case_id: str,
    inspector: str,
    device: str | None,
    steps: list[tuple[str, str | None, str | None, dict[str, Any]]],
    previous: AuditEvent | None = None,
) -> list[dict[str, Any]]:
    out = []
    for action, before, after, changes in steps:
        previous = make_event(
            previous,
            case_id=case_id,
            at=NOW,
            actor=inspector,
            role="inspector",
            device=device,
            action=action,
            from_state=before,
            to_state=after,
            changes=changes,
        )
        out.append(previous.to_json())
    return out


def envelope(case: dict[str, Any], events: list[dict[str, Any]], revision: int = 1) -> dict[str, Any]:
    return {"id": case["id"], "revision": revision, "case": case, "events": events}


def flock_held_elsewhere(path: os.PathLike[str] | str) -> bool:
    """Whether another open file description holds an flock on the file (False if there is no file)."""
    try:
        fd = os.open(path, os.O_RDWR)
    except FileNotFoundError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False
