"""`fieldcase verify FILE`: check a case bundle with nothing but the bundle, the domain and `cryptography`.

No Fieldcase database, data folder or network is used (an import-linter contract keeps it so).
The bundle format is docs/evidence.md's. Every check runs; problems are listed in the order the
checks run (photos, events, receipts, copies, keys, then the manifest's own signature, which
catches any edit the earlier checks cannot see), so the first one named is the most specific.
"""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from app.domain.audit import AuditEvent, chain_problems
from app.evidence.signing import KeyFormatError, fingerprint, load_public, receipt_signed_part, verify_json

FORMAT = "fieldcase-bundle"
VERSION = 1
MANIFEST = "manifest.json"
MAX_MANIFEST_BYTES = 64 * 1024 * 1024
_SHA = re.compile(r"^[0-9a-f]{64}$")
_PHOTO_PATH = re.compile(r"^photos/([0-9a-f]{64})\.(jpg|png|heic)$")
_COPY_PATH = re.compile(r"^copies/([0-9a-f]{64})\.watermarked\.jpg$")


@dataclass
class VerifyReport:
    file: str
    case_id: str | None = None
    case_code: str | None = None
    photos_rehashed: int = 0
    bytes_rehashed: int = 0
    events_chained: int = 0
    signatures_verified: int = 0
    events_unsigned: int = 0
    photos_unsigned: int = 0
    receipts: int = 0
    copies: int = 0
    keys: list[str] = field(default_factory=list)
    enrolled_key: str | None = None
    signed_by: str | None = None
    notes: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "file": self.file,
            "case": {"id": self.case_id, "code": self.case_code},
            "photos_rehashed": self.photos_rehashed,
            "bytes_rehashed": self.bytes_rehashed,
            "events_chained": self.events_chained,
            "signatures_verified": self.signatures_verified,
            "events_unsigned": self.events_unsigned,
            "photos_unsigned": self.photos_unsigned,
            "receipts": self.receipts,
            "watermarked_copies": self.copies,
            "keys": self.keys,
            "enrolled_key": self.enrolled_key,
            "signed_by": self.signed_by,
            "notes": self.notes,
            "first_problem": self.problems[0] if self.problems else None,
            "problems": self.problems,
        }


def unsigned_manifest(manifest: dict[str, Any]) -> dict[str, Any]:
    """What the manifest's signature covers: all of it but the signature."""
    return {k: v for k, v in manifest.items() if k != "signature"}


def unsigned_item(item: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in item.items() if k != "signature"}


class _Verifier:
    def __init__(self, zf: zipfile.ZipFile, manifest: dict[str, Any], report: VerifyReport, expect_key: str | None):
        self.zf = zf
        self.m = manifest
        self.r = report
        self.expect_key = expect_key
        self.keys: dict[str, Ed25519PublicKey] = {}
        self.server_keys: set[str] = set()  # fingerprints of keys listed with role "server"
        self.case_id = ""

    def problem(self, text: str) -> None:
        self.r.problems.append(text)

    # ------------------------------------------------------------ keys and signatures

    def load_keys(self) -> None:
        for entry in _list(self.m.get("keys")):
            fp = str(entry.get("fingerprint", "")) if isinstance(entry, dict) else ""
            try:
                key = load_public(str(entry.get("public_key", "")))
            except (KeyFormatError, ValueError, AttributeError) as exc:
                self.problem(f"key {fp[:16] or '?'}: not an Ed25519 public key ({exc})")
                continue
            if fingerprint(key) != fp:
                self.problem(f"key {fp[:16]}: its public key does not match its fingerprint (a key was swapped)")
                continue
            self.keys[fp] = key
            self.r.keys.append(fp)
            if entry.get("role") == "server":
                self.server_keys.add(fp)

    def check_signature(self, where: str, value: Any, signature: Any, *, server: bool | None = None) -> bool | None:
        """True verified, None unsigned, False a problem (already recorded). `server`: True if only the
        server's key may have signed this, False if only a device's, None if either."""
        if signature is None:
            return None
        if not isinstance(signature, dict):
            self.problem(f"{where}: its signature is malformed")
            return False
        fp = str(signature.get("key", ""))
        key = self.keys.get(fp)
        if key is None:
            self.problem(f"{where}: signed by key {fp[:16] or '?'}, which is not in the bundle")
            return False
        if server is not None and (fp in self.server_keys) != server:
            self.problem(
                f"{where}: signed by key {fp[:16]}, a {'server' if fp in self.server_keys else 'device'} key, "
                f"where only a {'server' if server else 'device'} key may sign"
            )
            return False
        if not verify_json(key, value, str(signature.get("value", ""))):
            self.problem(f"{where}: its signature does not verify with key {fp[:16]} (edited after signing, or forged)")
            return False
        self.r.signatures_verified += 1
        return True

    # ------------------------------------------------------------ the parts

    def case(self) -> dict[str, Any]:
        case = self.m.get("case")
        if not isinstance(case, dict) or not isinstance(case.get("id"), str):
            self.problem("manifest.json: no case in it")
            return {}
        self.case_id = case["id"]
        self.r.case_id, self.r.case_code = case["id"], case.get("code")
        return case

    def photos(self, case: dict[str, Any]) -> set[str]:
        listed: set[str] = set()
        for index, entry in enumerate(_list(self.m.get("photos")), start=1):
            if not isinstance(entry, dict):
                self.problem(f"photo entry {index}: malformed")
                continue
            sha, size, path = str(entry.get("sha256", "")), entry.get("size"), str(entry.get("path", ""))
            where = f"photo {sha}"
            match = _PHOTO_PATH.match(path)
            if not _SHA.match(sha) or match is None or match.group(1) != sha or not isinstance(size, int):
                self.problem(f"photo entry {index}: malformed (path {path!r})")
                continue
            listed.add(path)
            self.rehash(where, path, sha, size)
            record, signature = entry.get("record"), entry.get("signature")
            if record is None:
                self.r.photos_unsigned += 1
                continue
            if not isinstance(record, dict):
                self.problem(f"{where}: its record is malformed")
                continue
            if record.get("case_id") != self.case_id:
                self.problem(f"{where}: its signed record belongs to case {record.get('case_id')}, not {self.case_id}")
            elif record.get("sha256") != sha or record.get("size") != size:
                self.problem(f"{where}: its signed record names other bytes ({record.get('sha256')})")
            if self.check_signature(where, record, signature, server=False) is None:
                self.problem(f"{where}: its record carries no signature")
        in_case = {(p.get("sha256"), p.get("size")) for p in _list(case.get("photos")) if isinstance(p, dict)}
        in_bundle = {(e.get("sha256"), e.get("size")) for e in _list(self.m.get("photos")) if isinstance(e, dict)}
        for lacking in sorted(in_case - in_bundle, key=str):
            self.problem(f"photo {lacking[0]}: the case lists it but the bundle does not hold it")
        for extra in sorted(in_bundle - in_case, key=str):
            self.problem(f"photo {extra[0]}: in the bundle but not a photo of case {self.case_id}")
        return listed

    def rehash(self, where: str, path: str, sha: str, size: int) -> bool:
        try:
            info = self.zf.getinfo(path)
        except KeyError:
            self.problem(f"{where}: its file {path} is missing from the bundle")
            return False
        if info.file_size != size:
            self.problem(f"{where}: its file has {info.file_size} bytes, the record says {size} (altered)")
            return False
        digest = hashlib.sha256()
        count = 0
        try:
            with self.zf.open(info) as fh:
                for chunk in iter(lambda: fh.read(1 << 20), b""):
                    digest.update(chunk)
                    count += len(chunk)
                    if count > size:
                        break
        except (zipfile.BadZipFile, OSError, ValueError) as exc:  # a damaged member (CRC, truncation)
            self.problem(f"{where}: its file cannot be read from the bundle ({exc})")
            return False
        self.r.photos_rehashed += 1 if path.startswith("photos/") else 0
        self.r.bytes_rehashed += count
        if count != size or digest.hexdigest() != sha:
            self.problem(f"{where}: its content does not match its SHA-256 (altered or swapped)")
            return False
        return True

    def events(self) -> list[AuditEvent]:
        raw = _list(self.m.get("events"))
        events: list[AuditEvent] = []
        for index, item in enumerate(raw, start=1):
            try:
                events.append(AuditEvent.from_json(item))
            except (KeyError, TypeError, ValueError, AttributeError):
                self.problem(f"event entry {index}: malformed")
                return events
        self.r.events_chained = len(events)
        self.r.problems.extend(chain_problems(self.case_id, events))
        head = self.m.get("chain_head")
        last = events[-1] if events else None
        if (
            not isinstance(head, dict)
            or (last.seq if last else 0) != head.get("seq")
            or (last.hash if last else None) != head.get("hash")
        ):
            self.problem(
                f"case {self.case_id}: the events end at {last.seq if last else 0}, but the case's chain head is "
                f"{head.get('seq') if isinstance(head, dict) else '?'} (an event was removed or added)"
            )
        for event, item in zip(events, raw, strict=False):
            # The inspector's events are the device's to sign; the server signs the events it adds.
            verdict = self.check_signature(
                f"case {self.case_id} event {event.seq}",
                event.to_json(),
                item.get("signature"),
                server=event.role != "inspector",
            )
            if verdict is None:
                self.r.events_unsigned += 1
        return events

    def receipts(self, events: list[AuditEvent]) -> None:
        by_seq = {e.seq: e.hash for e in events}
        unsigned = 0
        for entry in _list(self.m.get("receipts")):
            if not isinstance(entry, dict):
                self.problem("receipt: malformed")
                continue
            self.r.receipts += 1
            receipt = entry.get("receipt")
            if not isinstance(receipt, dict):
                continue
            rev = entry.get("revision")
            if receipt.get("case_id") != self.case_id:
                self.problem(f"receipt of revision {rev}: it is for case {receipt.get('case_id')}")
                continue
            if receipt.get("revision") != rev:
                self.problem(f"receipt of revision {rev}: it is the receipt of revision {receipt.get('revision')}")
                continue
            signed = self.check_signature(
                f"receipt of revision {rev}", receipt_signed_part(receipt), receipt.get("signature"), server=True
            )
            if signed is None:
                unsigned += 1
            seq, head = receipt.get("chain_seq"), receipt.get("chain_head")
            if isinstance(seq, int) and seq in by_seq and by_seq[seq] != head:
                self.problem(f"receipt of revision {rev}: the server's chain head at event {seq} is not this chain's")
            elif isinstance(seq, int) and seq not in by_seq:
                self.r.notes.append(
                    f"receipt of revision {rev} names event {seq}, which the server added and the tablet had "
                    "not pulled when it exported"
                )
        if unsigned:
            self.r.notes.append(f"{unsigned} receipt(s) unsigned: as a server from before signed receipts gave them")

    def copies(self, photo_shas: set[str]) -> set[str]:
        listed: set[str] = set()
        for index, entry in enumerate(_list(self.m.get("copies")), start=1):
            if not isinstance(entry, dict):
                self.problem(f"watermarked copy {index}: malformed")
                continue
            path, of = str(entry.get("path", "")), str(entry.get("of", ""))
            match = _COPY_PATH.match(path)
            if match is None or match.group(1) != of or of not in photo_shas:
                self.problem(f"watermarked copy {path or index}: does not name a photo of this bundle")
                continue
            listed.add(path)
            self.r.copies += 1
            self.rehash(f"watermarked copy of {of}", path, str(entry.get("sha256", "")), int(entry.get("size") or 0))
        return listed

    def files(self, expected: set[str]) -> None:
        for name in self.zf.namelist():
            if name not in expected and not name.endswith("/"):
                self.problem(f"{name}: in the bundle but not in its manifest")

    def manifest_signature(self) -> None:
        enrolled = self.m.get("enrolled_key")
        self.r.enrolled_key = enrolled if isinstance(enrolled, str) else None
        signature = self.m.get("signature")
        signer = str(signature.get("key", "")) if isinstance(signature, dict) else None
        self.r.signed_by = signer
        made_by = self.m.get("made_by")
        by_server = isinstance(made_by, dict) and made_by.get("kind") == "server"
        if self.r.enrolled_key is not None and self.r.enrolled_key not in self.keys:
            self.problem(f"the enrolled key {self.r.enrolled_key[:16]} is not in the bundle (a key was swapped)")
        if self.expect_key and self.r.enrolled_key != self.expect_key:
            self.problem(
                f"the bundle names {str(self.r.enrolled_key)[:16]} as the device's enrolled key, not the expected "
                f"{self.expect_key[:16]}"
            )
        if self.r.enrolled_key is None:
            self.r.notes.append(
                "the device's key was not recorded by a server (the tablet is not enrolled, or was enrolled "
                "before signed evidence)"
            )
        elif by_server:
            pass  # the server's export: its own key signs (below)
        elif signer is not None and signer != self.r.enrolled_key:
            self.problem(
                f"manifest.json: signed by key {signer[:16]}, not by the enrolled key {self.r.enrolled_key[:16]}"
            )
        if signature is None:
            self.problem("manifest.json: not signed")
        else:
            # A tablet's bundle is signed by its device key, the server's export by the server's key.
            self.check_signature("manifest.json", unsigned_manifest(self.m), signature, server=by_server)


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def verify_bundle(path: Path, *, expect_key: str | None = None) -> VerifyReport:
    """Check a case bundle; `expect_key` is the device key's fingerprint as the server recorded it."""
    report = VerifyReport(file=str(path))
    try:
        zf = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        report.problems.append(f"{path}: not a readable bundle ({exc})")
        return report
    with zf:
        names = zf.namelist()
        if len(names) != len(set(names)):
            report.problems.append(f"{path}: the bundle holds two files of the same name")
            return report
        try:
            info = zf.getinfo(MANIFEST)
            if info.file_size > MAX_MANIFEST_BYTES:
                raise ValueError("manifest.json is too large")
            manifest = json.loads(zf.read(info).decode("utf-8"))
        except KeyError:
            report.problems.append(f"{path}: no manifest.json in the bundle")
            return report
        except (ValueError, RecursionError, zipfile.BadZipFile, OSError) as exc:
            report.problems.append(f"{path}: manifest.json is not readable JSON ({exc})")
            return report
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            report.problems.append(f"{path}: not a Fieldcase case bundle")
            return report
        if manifest.get("version") != VERSION:
            report.problems.append(f"{path}: bundle version {manifest.get('version')} (this verifier knows {VERSION})")
            return report
        try:
            _run(_Verifier(zf, manifest, report, expect_key))
        except (ValueError, TypeError, AttributeError, KeyError, RecursionError) as exc:
            # A manifest shaped like none Fieldcase writes (wrong types, absurd nesting): a problem, not a crash.
            report.problems.append(f"manifest.json: malformed ({type(exc).__name__}: {str(exc)[:200]})")
    return report


def _run(v: _Verifier) -> None:
    v.load_keys()
    case = v.case()
    if not case:
        return
    photo_paths = v.photos(case)
    events = v.events()
    v.receipts(events)
    shas = {p.split("/")[1].split(".")[0] for p in photo_paths}
    copy_paths = v.copies(shas)
    v.files({MANIFEST, *photo_paths, *copy_paths})
    v.manifest_signature()
