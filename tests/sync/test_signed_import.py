"""Cases carried on a USB stick: `fieldcase export --all-unsynced` on the tablet, `fieldcase-server import FILE`
on the server — checked as `fieldcase verify` checks and against the enrolled key, then accepted as sync
would, so importing twice, or importing and then syncing, stores each case once (SQLite and PostgreSQL)."""

from __future__ import annotations

import hashlib
import io
import json
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from app.cli import main as fieldcase
from app.evidence.batch import export_batch
from server import schema as t
from server.cli import main as fieldcase_server
from tests.sync.conftest import Field


def _import(field: Field, capsys: pytest.CaptureFixture[str], path: Path) -> tuple[int, Any, str]:
    sys.stdin = io.StringIO("")
    config = field.server.config
    code = fieldcase_server(
        ["--data-dir", str(config.data_dir), "--database", config.database_url, "--json", "import", str(path)]
    )
    captured = capsys.readouterr()
    return code, json.loads(captured.out) if captured.out.strip() else None, captured.err


def _counts(field: Field) -> tuple[int, int, int]:
    with field.server.core.store.read() as conn:
        cases = conn.execute(sa.select(sa.func.count()).select_from(t.cases)).scalar_one()
        events = conn.execute(sa.select(sa.func.count()).select_from(t.audit_events)).scalar_one()
        photos = conn.execute(sa.select(sa.func.count()).select_from(t.case_photos)).scalar_one()
    return int(cases), int(events), int(photos)


def test_importing_twice_stores_each_case_once(field: Field, photos, tmp_path, capsys) -> None:
    ids = [field.new_submitted(photos(2)) for _ in range(2)]
    out = tmp_path / "usb.zip"
    made = export_batch(field.tablet, [], out, all_unsynced=True)
    assert [c["id"] for c in made["cases"]] == ids and made["key"] == field.tablet.custody.fingerprint()
    code, doc, err = _import(field, capsys, out)
    assert code == 0, (doc, err)
    assert doc["accepted"] == 2 and doc["refused"] == 0
    first = _counts(field)
    assert first == (2, 2 * 4, 4)  # per case: the tablet's 3 events and the server's receive; 2 photos
    code, doc, _ = _import(field, capsys, out)
    assert code == 0 and doc["already"] == 2 and doc["accepted"] == 0
    assert _counts(field) == first
    # The cases are the inspector's, from the tablet's device, and their chains carry both signatures.
    client = field.server.login(field.account)
    shown = client.get(f"/cases/{ids[0]}").json()
    assert shown["inspector"] == field.account.name and shown["status"] == "received"
    log = client.get(f"/cases/{ids[0]}/log").json()
    assert not log["problems"] and all("signature" in e for e in log["events"])
    with field.server.core.store.read() as conn:
        sources = conn.execute(sa.select(t.received_log.c.source, t.received_log.c.outcome)).all()
    assert sorted(sources) == [("import", "accepted")] * 2 + [("import", "already")] * 2


def test_importing_then_syncing_stores_each_case_once(field: Field, photos, tmp_path, capsys) -> None:
    ids = [field.new_submitted(photos(2)) for _ in range(2)]
    out = tmp_path / "usb.zip"
    export_batch(field.tablet, [], out, all_unsynced=True)
    code, doc, _ = _import(field, capsys, out)
    assert code == 0 and doc["accepted"] == 2
    before = _counts(field)
    report = field.tablet.sync()
    assert report.complete, report.to_json()
    assert report.cases_already == 2 and report.cases_accepted == 0 and report.photos_uploaded == 0
    assert _counts(field) == before
    assert all(field.tablet.case(i).sync == "synced" for i in ids)
    # And the other way round: a case synced first, then imported, is already there.
    third = field.new_submitted(photos(2))
    again = tmp_path / "again.zip"
    export_batch(field.tablet, [third], again)
    assert field.tablet.sync().complete
    code, doc, _ = _import(field, capsys, again)
    assert code == 0 and [c["outcome"] for c in doc["cases"]] == ["already"]


def test_the_tablet_cli_writes_a_batch(field: Field, photos, tmp_path, capsys) -> None:
    ids = [field.new_submitted(photos(2)) for _ in range(2)]
    field.tablet.close()
    out = tmp_path / "batch.zip"
    code = fieldcase(["--data-dir", str(field.data_dir), "export", "--all-unsynced", "--out", str(out), "--json"])
    doc = json.loads(capsys.readouterr().out)
    assert code == 0 and [c["id"] for c in doc["cases"]] == ids
    with zipfile.ZipFile(out) as zf:
        assert sorted(zf.namelist()) == sorted(["batch.json", *(f"cases/{i}.zip" for i in ids)])
    code, doc, _ = _import(field, capsys, out)
    assert code == 0 and doc["accepted"] == 2
    field.tablet = field.tablet.__class__(field.data_dir)  # opened again for the fixture to close


def _rewrite(src: Path, dst: Path, change) -> Path:
    with zipfile.ZipFile(src) as zf:
        files = {name: zf.read(name) for name in zf.namelist()}
    change(files)
    with zipfile.ZipFile(dst, "w") as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return dst


def _flip_photo(files: dict[str, bytes]) -> None:
    """A byte of a photo flipped inside a case bundle, the batch's hash of that bundle made to match."""
    batch = json.loads(files["batch.json"])
    entry = batch["cases"][0]
    inner = io.BytesIO(files[entry["path"]])
    with zipfile.ZipFile(inner) as zf:
        members = {name: zf.read(name) for name in zf.namelist()}
    photo = next(n for n in members if n.startswith("photos/"))
    data = bytearray(members[photo])
    data[len(data) // 2] ^= 0x01
    members[photo] = bytes(data)
    rebuilt = io.BytesIO()
    with zipfile.ZipFile(rebuilt, "w") as zf:
        for name, content in members.items():
            zf.writestr(name, content)
    files[entry["path"]] = rebuilt.getvalue()
    entry["sha256"] = hashlib.sha256(rebuilt.getvalue()).hexdigest()
    entry["size"] = len(rebuilt.getvalue())
    files["batch.json"] = json.dumps(batch).encode()


def test_a_bad_file_is_refused_and_changes_nothing(field: Field, photos, tmp_path, capsys) -> None:
    field.new_submitted(photos(2))
    out = tmp_path / "usb.zip"
    export_batch(field.tablet, [], out, all_unsynced=True)
    flipped = _rewrite(out, tmp_path / "flipped.zip", _flip_photo)
    code, doc, err = _import(field, capsys, flipped)
    assert code == 4 and "does not match its SHA-256" in err, (doc, err)

    # The batch's index edited (another revision claimed): its signature no longer verifies.
    def bump(files: dict[str, bytes]) -> None:
        batch = json.loads(files["batch.json"])
        batch["cases"][0]["revision"] = 7
        files["batch.json"] = json.dumps(batch).encode()

    code, _, err = _import(field, capsys, _rewrite(out, tmp_path / "bumped.zip", bump))
    assert code == 4 and "batch.json does not verify" in err, err
    (tmp_path / "junk.zip").write_bytes(b"not a zip")
    code, _, err = _import(field, capsys, tmp_path / "junk.zip")
    assert code == 4 and "not a case bundle or a batch" in err
    code, _, err = _import(field, capsys, tmp_path / "missing.zip")
    assert code == 3
    assert _counts(field) == (0, 0, 0)


def test_a_revoked_devices_batch_is_refused(field: Field, photos, tmp_path, capsys) -> None:
    field.new_submitted(photos(2))
    out = tmp_path / "usb.zip"
    export_batch(field.tablet, [], out, all_unsynced=True)
    field.server.core.accounts.revoke_device(field.tablet.device)
    code, _, err = _import(field, capsys, out)
    assert code == 4 and "revoked" in err, err
    assert _counts(field) == (0, 0, 0)
