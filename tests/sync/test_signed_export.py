"""The server's case bundle (GET /cases/{id}/bundle, `fieldcase-server export CASE --out FILE`): the tablet's
bundle format, made by the server and signed by its key, and `fieldcase verify` accepts it — against
the device's enrolled key as `fieldcase-server device list` shows it."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from app.cli import main as fieldcase
from app.domain.audit import AuditEvent
from app.domain.canonical import canonical_hash
from app.evidence.signing import sign_json
from app.evidence.verify import unsigned_manifest
from server.cli import main as fieldcase_server
from tests.evidence import bundles
from tests.sync.conftest import Field


def _server_cli(field: Field, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, Any]:
    sys.stdin = io.StringIO("")
    config = field.server.config
    code = fieldcase_server(["--data-dir", str(config.data_dir), "--database", config.database_url, "--json", *args])
    out = capsys.readouterr().out
    return code, json.loads(out) if out.strip() else None


def _verify(path: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, Any]:
    code = fieldcase(["verify", str(path), "--json", *extra])
    return code, json.loads(capsys.readouterr().out)


def _filed(field: Field, photos) -> str:
    case_id = field.new_submitted(photos(2))
    assert field.tablet.sync().complete
    desk = field.server.login(field.server.user("supervisor", districts=("d1",)))
    version = desk.get(f"/cases/{case_id}").json()["server"]["version"]
    assert desk.post(f"/cases/{case_id}/decisions", json={"action": "file", "version": version}).status_code == 200
    return case_id


def test_the_servers_export_verifies_with_fieldcase_verify(field: Field, photos, tmp_path, capsys) -> None:
    case_id = _filed(field, photos)
    code, devices = _server_cli(field, capsys, "device", "list")
    assert code == 0
    [device] = [d for d in devices if d["id"] == field.tablet.device]
    assert device["key"] == field.tablet.custody.fingerprint()
    # Over HTTP, as a supervisor of the district.
    desk = field.server.login(field.server.user("supervisor", districts=("d1",)))
    answer = desk.get(f"/cases/{case_id}/bundle")
    assert answer.status_code == 200 and answer.headers["content-type"] == "application/zip"
    over_http = tmp_path / "http.zip"
    over_http.write_bytes(answer.content)
    code, report = _verify(over_http, capsys, "--expect-key", device["key"])
    assert code == 0, report
    server_key = field.server.core.cases.key
    assert server_key is not None and report["signed_by"] == server_key.fingerprint
    manifest, _ = bundles.read(over_http)
    assert manifest["made_by"]["kind"] == "server"
    # Every event signed (create, photos, submit by the device; receive, file by the server), every photo
    # record, the receipt and the manifest.
    assert report["events_unsigned"] == 0 and report["photos_unsigned"] == 0 and report["receipts"] == 1
    assert report["signatures_verified"] == report["events_chained"] + 2 + 1 + 1
    assert [e["action"] for e in manifest["events"]][-2:] == ["receive", "file"]
    # By the CLI, by the case's code: the same content.
    code, doc = _server_cli(field, capsys, "export", manifest["case"]["code"], "--out", str(tmp_path / "cli.zip"))
    assert code == 0 and doc["case"]["id"] == case_id and doc["key"] == server_key.fingerprint
    code, report = _verify(tmp_path / "cli.zip", capsys, "--expect-key", device["key"])
    assert code == 0, report
    # Out of scope: not found, as for every read.
    other = field.server.login(field.server.user("supervisor", districts=("d2",)))
    assert other.get(f"/cases/{case_id}/bundle").status_code == 404
    code, _ = _server_cli(field, capsys, "export", "no-such-case", "--out", str(tmp_path / "none.zip"))
    assert code == 3


def test_a_tampered_server_export_fails_verify(field: Field, photos, tmp_path, capsys) -> None:
    case_id = _filed(field, photos)
    out = tmp_path / "case.zip"
    code, _ = _server_cli(field, capsys, "export", case_id, "--out", str(out))
    assert code == 0
    manifest, files = bundles.read(out)
    # The filing decision rewritten as a rejection (its hash made to match): its server signature fails.
    last = manifest["events"][-1]
    last["changes"] = {"note": "rejected after all"}
    last["hash"] = canonical_hash(AuditEvent.from_json(last).body())
    manifest["chain_head"]["hash"] = last["hash"]
    code, report = _verify(bundles.write(tmp_path / "edited.zip", manifest, files), capsys)
    assert code == 1
    assert f"event {last['seq']}: its signature does not verify" in report["first_problem"], report
    # A server bundle signed by the device's key, not the server's: refused.
    manifest, files = bundles.read(out)
    key = field.tablet.custody.key()
    manifest["signature"] = {
        "key": field.tablet.custody.fingerprint(),
        "value": sign_json(key, unsigned_manifest(manifest)),
    }
    code, report = _verify(bundles.write(tmp_path / "device-signed.zip", manifest, files), capsys)
    assert code == 1 and "only a server key may sign" in report["first_problem"]


def test_an_export_after_the_server_key_was_replaced_still_verifies(field: Field, photos, tmp_path, capsys) -> None:
    """A restore onto a new machine makes a new server key: what the old one signed stays verifiable."""
    _filed(field, photos)
    old = field.server.core.cases.key
    assert old is not None
    (field.server.config.data_dir / "server-key.pem").unlink()
    out = tmp_path / "case.zip"
    code, doc = _server_cli(field, capsys, "export", *_ids(field), "--out", str(out))
    assert code == 0 and doc["key"] != old.fingerprint
    code, report = _verify(out, capsys)
    assert code == 0, report
    assert old.fingerprint in report["keys"] and report["signed_by"] == doc["key"]


def _ids(field: Field) -> list[str]:
    client = field.server.login(field.account)
    return [c["id"] for c in client.get("/cases").json()["cases"]]
