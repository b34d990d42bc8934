"""The tablet's custody records in SQLite: device public keys, event signatures, signed photo records.

Written in the caller's transaction (the repository's), beside the event or photo they sign.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from storage.repository import Repository


@dataclass(frozen=True)
class Signed:
    key: str  # the signing key's fingerprint
    signature: str  # base64


@dataclass(frozen=True)
class PhotoRecordRow:
    case_id: str
    sha256: str
    record: dict[str, Any]
    signed: Signed


class EvidenceStore:
    def __init__(self, repo: Repository) -> None:
        self.repo = repo
        self.db = repo.db

    # ------------------------------------------------------------ keys

    def add_key(self, fingerprint: str, public_key: str, created_at: str) -> None:
        with self.repo.transaction():
            self.db.execute(
                "INSERT INTO device_keys (fingerprint, public_key, created_at) VALUES (?, ?, ?) "
                "ON CONFLICT (fingerprint) DO NOTHING",
                (fingerprint, public_key, created_at),
            )

    def mark_enrolled(self, fingerprint: str, at: str, server: str) -> None:
        with self.repo.transaction():
            self.db.execute(
                "UPDATE device_keys SET enrolled_at = ?, server = ? WHERE fingerprint = ?", (at, server, fingerprint)
            )

    def keys(self) -> dict[str, dict[str, Any]]:
        """Every key this tablet has signed with, by fingerprint."""
        return {
            str(fp): {"fingerprint": fp, "public_key": pk, "created_at": at, "enrolled_at": en, "server": srv}
            for fp, pk, at, en, srv in self.db.execute(
                "SELECT fingerprint, public_key, created_at, enrolled_at, server FROM device_keys ORDER BY created_at"
            )
        }

    # ------------------------------------------------------------ events

    def put_event_signature(self, case_id: str, seq: int, signed: Signed) -> None:
        with self.repo.transaction():
            self.db.execute(
                "INSERT OR REPLACE INTO event_signatures (case_id, seq, key, signature) VALUES (?, ?, ?, ?)",
                (case_id, seq, signed.key, signed.signature),
            )

    def event_signatures(self, case_id: str) -> dict[int, Signed]:
        return {
            int(seq): Signed(str(key), str(sig))
            for seq, key, sig in self.db.execute(
                "SELECT seq, key, signature FROM event_signatures WHERE case_id = ?", (case_id,)
            )
        }

    def all_event_signatures(self) -> dict[tuple[str, int], Signed]:
        return {
            (str(case_id), int(seq)): Signed(str(key), str(sig))
            for case_id, seq, key, sig in self.db.execute("SELECT case_id, seq, key, signature FROM event_signatures")
        }

    # ------------------------------------------------------------ photo records

    def put_photo_record(self, case_id: str, sha256: str, record: dict[str, Any], signed: Signed) -> None:
        with self.repo.transaction():
            self.db.execute(
                "INSERT OR REPLACE INTO photo_records (case_id, sha256, record, key, signature) VALUES (?, ?, ?, ?, ?)",
                (case_id, sha256, json.dumps(record, ensure_ascii=False, sort_keys=True), signed.key, signed.signature),
            )

    def photo_records(self, case_id: str) -> dict[str, PhotoRecordRow]:
        return {r.sha256: r for r in self._records("WHERE case_id = ?", (case_id,))}

    def all_photo_records(self) -> Iterator[PhotoRecordRow]:
        return self._records("", ())

    def _records(self, where: str, params: tuple[Any, ...]) -> Iterator[PhotoRecordRow]:
        for case_id, sha, record, key, sig in self.db.execute(
            f"SELECT case_id, sha256, record, key, signature FROM photo_records {where}", params
        ):
            yield PhotoRecordRow(str(case_id), str(sha), json.loads(record), Signed(str(key), str(sig)))
