"""Benchmark: what signed evidence costs the server when it accepts cases (server/evidence.py).

One server (SQLite in a temporary folder, or the database URL given) accepts batches of 50 new
cases of 2 photos each through `Cases.accept_batch`, from two devices: one that enrolled a key and
sends every event and photo record signed (5 signatures a case, each verified), one that enrolled
none and sends them unsigned. Both get signed receipts and signed `receive` events, and both are
logged in the received log. The two take turns at going first. Then `log verify` re-hashes the log.

    python -m bench.server_evidence [--rounds 8] [--database URL]
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import tempfile
import time
import uuid
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.evidence.signing import fingerprint, public_b64, sign_json
from server import schema as t
from server.accounts import Device, Principal
from server.config import ServerConfig
from server.core import Core
from server.store import Store, utcnow
from sync.protocol import CaseBatch, CaseEnvelope, EnrollRequest
from tests.server.helpers import build_case, photo_bytes

BATCH = 50


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--database", default="", help="a database URL (default: SQLite in a temporary folder)")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="fieldcase-bench-"))
    config = ServerConfig(data_dir=root, database_url=args.database, argon2_time_cost=1, argon2_memory_kib=8192)
    store = Store(config.database_url, pool_size=1)
    store.migrate()
    store.close()
    core = Core.open(config, pool_size=2)
    try:
        core.accounts.add_district("d1", "District 1")
        core.accounts.add_user("inspector", "inspector", "password-123", districts=["d1"])
        key = Ed25519PrivateKey.generate()
        fp = fingerprint(key.public_key())
        devices = {}
        for signed in (True, False):
            code = core.accounts.new_enroll_code("d1")["code"]
            device = str(uuid.uuid4())
            public = public_b64(key.public_key()) if signed else None
            core.accounts.enroll(EnrollRequest(code=code, device_id=device, public_key=public))
            devices[signed] = device
        photos = [photo_bytes(f"bench-{i}") for i in range(2)]
        for data in photos:
            sha = hashlib.sha256(data).hexdigest()
            path = core.photos.blobs.path_for(sha)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            with core.store.write() as conn:
                conn.execute(core.store.insert(t.blobs).values(sha256=sha, size=len(data), stored_at=utcnow()))

        def batch(signed: bool) -> CaseBatch:
            device, out = devices[signed], []
            for _ in range(BATCH):
                case, events = build_case("inspector", device, "d1", photos)
                if signed:
                    for event in events:
                        event["signature"] = {"key": fp, "value": sign_json(key, event)}
                    for photo in case["photos"]:
                        record = {
                            "type": "fieldcase.photo-record/1",
                            "case_id": case["id"],
                            "sha256": photo["sha256"],
                            "size": photo["size"],
                            "device": device,
                        }
                        photo["record"] = record
                        photo["signature"] = {"key": fp, "value": sign_json(key, record)}
                body = {"id": case["id"], "revision": 1, "case": case, "events": events}
                out.append(CaseEnvelope.model_validate(body))
            return CaseBatch(cases=out)

        times: dict[bool, list[float]] = {True: [], False: []}
        for round_ in range(args.rounds):
            for signed in (True, False) if round_ % 2 else (False, True):
                device = devices[signed]
                who = Principal(
                    user_id=0,
                    name="inspector",
                    role="inspector",
                    districts=("d1",),
                    unit=None,
                    token_hash="",
                    token_device=device,
                    device=Device(device, "", "d1"),
                )
                cases = batch(signed)
                start = time.perf_counter()
                answer = core.cases.accept_batch(who, cases)
                times[signed].append((time.perf_counter() - start) * 1000 / BATCH)
                assert all(r.outcome == "accepted" for r in answer.results), answer.results[0]
        print(f"{core.store.dialect}: accepting a case in a batch of {BATCH}, median of {args.rounds} batches")
        print(f"  unsigned (device without a key): {statistics.median(times[False]):7.2f} ms")
        print(f"  signed (5 signatures verified):  {statistics.median(times[True]):7.2f} ms")
        start = time.perf_counter()
        report = core.cases.received.verify()
        elapsed = (time.perf_counter() - start) * 1000
        verdict = "ok" if not report.problems else "PROBLEMS"
        print(f"log verify: {report.entries} entries in {elapsed:.0f} ms ({verdict})")
    finally:
        core.close()


if __name__ == "__main__":
    main()
