"""The server's append-only received log: every envelope that arrives is an entry, hash-chained, and
`fieldcase-server log verify` finds an entry edited, removed or re-hashed afterwards."""

from __future__ import annotations

import hashlib
import io
import json
import sys
import uuid
from typing import Any

import pytest
import sqlalchemy as sa

from app.domain.canonical import canonical_json
from server import schema as t
from server.cli import main
from server.received import entry_hash
from sync.protocol import CaseEnvelope
from tests.server.conftest import LiveServer
from tests.server.helpers import build_case, envelope, photo_bytes, upload


def _cli(server: LiveServer, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, Any]:
    sys.stdin = io.StringIO("")
    argv = ["--data-dir", str(server.config.data_dir), "--database", server.config.database_url, "--json"]
    code = main([*argv, *args])
    out = capsys.readouterr().out
    return code, json.loads(out) if out.strip() else None


def _fill(server: LiveServer) -> list[str]:
    """Three envelopes: two accepted in one batch, one invalid."""
    tablet = server.tablet()
    assert tablet.account is not None
    ids = []
    envelopes = []
    for _ in range(2):
        photos = [photo_bytes(f"{uuid.uuid4()}-{i}") for i in range(2)]
        for data in photos:
            upload(tablet, data)
        case, events = build_case(tablet.account.name, tablet.device_id, "d1", photos)
        envelopes.append(envelope(case, events))
        ids.append(case["id"])
    answer = tablet.post("/sync/cases", json={"cases": envelopes})
    assert [r["outcome"] for r in answer.json()["results"]] == ["accepted", "accepted"]
    broken = dict(envelopes[0], events=envelopes[0]["events"][:1], revision=2)
    answer = tablet.post("/sync/cases", json={"cases": [broken]})
    assert answer.json()["results"][0]["outcome"] != "accepted"
    return ids


def _rows(server: LiveServer) -> list[Any]:
    with server.core.store.read() as conn:
        return conn.execute(sa.select(t.received_log).order_by(t.received_log.c.seq)).all()


def test_every_envelope_is_logged_chained_and_the_log_verifies(make_server, capsys) -> None:
    server = make_server()
    ids = _fill(server)
    rows = _rows(server)
    assert [(r.seq, r.case_id, r.source) for r in rows] == [
        (1, ids[0], "sync"),
        (2, ids[1], "sync"),
        (3, ids[0], "sync"),
    ]
    assert rows[0].prev == "0" * 64 and rows[1].prev == rows[0].hash and rows[2].prev == rows[1].hash
    assert json.loads(rows[0].body)["id"] == ids[0]
    # Each entry keeps the envelope's text as pydantic wrote it, and the SHA-256 of that text; the receipt
    # rows keep no second copy (migration 0010).
    assert all(r.body == CaseEnvelope.model_validate_json(r.body).model_dump_json() for r in rows)
    assert all(r.body_hash == hashlib.sha256(r.body.encode()).hexdigest() for r in rows)
    with server.core.store.read() as conn:
        receipts = conn.execute(sa.select(t.receipts).order_by(t.receipts.c.id)).all()
    assert [(r.case_id, r.outcome) for r in receipts] == [(r.case_id, r.outcome) for r in rows]
    assert [r.envelope_json for r in receipts] == [None, None, None]
    code, doc = _cli(server, capsys, "log", "verify")
    assert code == 0 and doc["ok"] and doc["entries"] == 3 and doc["head"] == rows[-1].hash
    code, listed = _cli(server, capsys, "log", "list", "--case", ids[0])
    assert code == 0 and [e["seq"] for e in listed] == [3, 1]


@pytest.mark.parametrize("tamper", ["body", "rehashed", "not_json", "removed", "last_removed"])
def test_a_tampered_log_is_detected(make_server, capsys, tamper: str) -> None:
    server = make_server()
    _fill(server)
    rows = _rows(server)
    log = t.received_log
    with server.core.store.write() as conn:
        if tamper == "body":  # an envelope edited in place
            body = json.loads(rows[1].body)
            body["case"]["description"] = "nothing to see"
            conn.execute(log.update().where(log.c.seq == 2).values(body=json.dumps(body)))
        elif tamper == "rehashed":  # edited, with its own hashes made to match: the next entry's link breaks
            body = json.loads(rows[1].body)
            body["case"]["description"] = "nothing to see"
            text = canonical_json(body).decode()
            row = {**rows[1]._mapping, "body": text, "body_hash": hashlib.sha256(text.encode()).hexdigest()}
            row["hash"] = entry_hash(row)
            conn.execute(
                log.update().where(log.c.seq == 2).values(body=text, body_hash=row["body_hash"], hash=row["hash"])
            )
        elif tamper == "not_json":  # replaced by something else, hashes made to match
            text = "not an envelope"
            row = {**rows[1]._mapping, "body": text, "body_hash": hashlib.sha256(text.encode()).hexdigest()}
            conn.execute(log.update().where(log.c.seq == 2).values(body=text, body_hash=row["body_hash"]))
        elif tamper == "removed":
            conn.execute(log.delete().where(log.c.seq == 2))
        else:
            conn.execute(log.delete().where(log.c.seq == 3))
    code, doc = _cli(server, capsys, "log", "verify")
    assert code == 1 and not doc["ok"], doc
    expected = {
        "body": "entry 2: its envelope does not match its hash",
        "rehashed": "entry 3: does not follow the entry before it",
        "not_json": "entry 2: its envelope is not a JSON object",
        "removed": "entry 3: expected entry 2",
        "last_removed": "the log ends at entry 2, but 3 were written",
    }[tamper]
    assert expected in doc["first_problem"], doc
