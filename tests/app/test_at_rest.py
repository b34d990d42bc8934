"""Encryption at rest on the tablet: a data folder on its own (copied, or a card taken out)
gives up no party's name, ID number, phone number or photo; its key stays on its machine."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from app.paths import DataPaths
from app.services import Tablet
from storage.case_query import CaseQuery
from storage.errors import PhotoError, StorageError
from storage.keys import ENV_KEY_DIR, MARKER_NAME, FileSecretStore, KeyMissingError, WrongKeyError, read_marker
from storage.records import CaseFilter
from storage.vault import ENV_ENCRYPTION

NAME = "欧阳娜娜"
ID_NUMBER = "11010519491231002X"
PHONE = "13912345678"
ADDRESS = "郑州市金水区花园路一百二十三号"
OFFICERS = ["李明:41010020230012", "王强:41010020230013"]
FIELDS = {
    "area_m2": 35,
    "floors": 2,
    "structure": "steel_frame",
    "stage": "under_construction",
    "party_name": NAME,
    "party_id_number": ID_NUMBER,
    "party_phone": PHONE,
}


def _case(tablet: Tablet, photo, n: int = 2):
    return tablet.new_case(
        type="illegal_construction",
        subtype="no_permit",
        fields=FIELDS,
        officers=OFFICERS,
        address=ADDRESS,
        photos=[photo() for _ in range(n)],
    )


def _secrets_of(tablet: Tablet, case) -> dict[str, bytes]:
    """What must not be found in the folder's files: the party's details, and a slice from the
    middle of every photo, its preview and its thumbnail."""
    found = {"name": NAME.encode(), "id": ID_NUMBER.encode(), "phone": PHONE.encode(), "address": ADDRESS.encode()}
    for photo in case.photos:
        for kind, data in (
            ("photo", tablet.originals.read_bytes(photo.sha256)),
            ("preview", tablet.ingestor.preview_bytes(photo.sha256)),
            ("thumbnail", tablet.repo.thumbnail(photo.sha256) or b""),
        ):
            assert len(data) > 200
            found[f"{kind} {photo.sha256[:8]}"] = data[len(data) // 2 : len(data) // 2 + 48]
    return found


def _leaks(root: Path, secrets: dict[str, bytes]) -> list[str]:
    leaks = []
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        raw = path.read_bytes()
        leaks += [f"{what} in {path.relative_to(root)}" for what, needle in secrets.items() if needle in raw]
    return leaks


def test_the_data_folder_holds_no_personal_data_or_photo_bytes(tablet: Tablet, photo) -> None:
    case = _case(tablet, photo)
    tablet.submit(case.id)
    secrets = _secrets_of(tablet, case)
    root = tablet.paths.root
    assert (root / "fieldcase.db-wal").exists()  # the WAL is checked too, while the tablet is open
    assert _leaks(root, secrets) == []
    # The same bytes are found where nothing is encrypted: the search does find them.
    assert NAME.encode() in json.dumps(tablet.case(case.id).fields, ensure_ascii=False).encode()
    tablet.close()
    assert _leaks(root, secrets) == []
    assert read_marker(root) is not None and read_marker(root)["state"] == "encrypted"  # type: ignore[index]


def test_search_photos_and_check_work_on_the_encrypted_folder(tablet: Tablet, photo) -> None:
    case = _case(tablet, photo)
    assert [c.id for c in tablet.cases(CaseFilter(search="花园路一百"))] == [case.id]  # trigram full text
    assert [c.id for c in tablet.cases(CaseFilter(search="花园"))] == [case.id]  # short term: LIKE
    query = CaseQuery(tablet.paths.database)  # the case list's own read-only connection
    try:
        assert len(query.keys(CaseFilter(search="一百二十"), limit=10)) == 1
    finally:
        query.close()
    sha = case.photos[0].sha256
    (tablet.paths.previews / sha[:2] / sha[2:4] / sha).unlink()  # a lost preview is rebuilt
    assert tablet.ingestor.preview_bytes(sha)[:2] == b"\xff\xd8"
    preview = tablet.previews.path_for(sha)
    preview.write_bytes(preview.read_bytes()[:-100])  # torn by a power cut: made again too
    assert tablet.ingestor.preview_bytes(sha)[:2] == b"\xff\xd8"
    report = tablet.check()
    assert report.ok and report.photos_checked == 2, report.problems


def test_a_tampered_or_swapped_photo_is_found_by_check(tablet: Tablet, photo) -> None:
    case = _case(tablet, photo)
    first, second = (tablet.originals.path_for(p.sha256) for p in case.photos)
    raw = bytearray(first.read_bytes())
    raw[-100] ^= 0x01
    first.write_bytes(bytes(raw))
    sha = case.photos[0].sha256
    assert tablet.check().problems == [f"case {case.id}: photo {sha} does not match its hash (altered)"]
    shutil.copyfile(second, first)
    assert len(tablet.check().problems) == 1  # another photo under this one's name: found too


def _snapshot(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest() for p in root.rglob("*") if p.is_file()
    }


def test_a_folder_copied_to_another_machine_opens_nowhere(
    data_dir: Path, photo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Tablet(data_dir) as tablet:
        case = _case(tablet, photo)
        secrets = _secrets_of(tablet, case)
    copy = tmp_path / "stolen"
    shutil.copytree(data_dir, copy)
    before = _snapshot(copy)
    monkeypatch.setenv(ENV_KEY_DIR, str(tmp_path / "other-machine-keys"))
    with pytest.raises(KeyMissingError, match="its key is not in the key store"):
        Tablet(copy)
    with pytest.raises(KeyMissingError):
        CaseQuery(DataPaths(copy).database)
    with pytest.raises(sqlite3.DatabaseError, match="not a database"):
        sqlite3.connect(DataPaths(copy).database).execute("SELECT * FROM cases").fetchall()
    assert _snapshot(copy) == before  # nothing changed, nothing new written
    assert _leaks(copy, secrets) == []


def test_a_wrong_key_is_refused_and_changes_nothing(data_dir: Path, photo, tmp_path: Path) -> None:
    with Tablet(data_dir) as tablet:
        _case(tablet, photo)
    before = _snapshot(data_dir)
    marker = read_marker(data_dir)
    assert marker is not None
    store = FileSecretStore(Path(__import__("os").environ[ENV_KEY_DIR]))
    name = f"data-key-{marker['folder_id']}"
    right = store.get(name)
    assert right is not None
    store.put(name, bytes(32))
    try:
        with pytest.raises(WrongKeyError, match="wrong key"):
            Tablet(data_dir)
        assert _snapshot(data_dir) == before
    finally:
        store.put(name, right)
    with Tablet(data_dir) as tablet:
        assert tablet.check().ok


def test_a_database_that_is_not_the_folders_is_refused(data_dir: Path, photo, tmp_path: Path) -> None:
    with Tablet(data_dir) as tablet:
        _case(tablet, photo)
    with Tablet(tmp_path / "other") as other:  # another folder, another key
        _case(other, photo)
    for side in ("", "-wal", "-shm"):
        Path(str(data_dir / "fieldcase.db") + side).unlink(missing_ok=True)
    shutil.copyfile(tmp_path / "other" / "fieldcase.db", data_dir / "fieldcase.db")
    with pytest.raises(StorageError, match="does not open with this data folder's key"):
        Tablet(data_dir)


def test_an_old_plain_folder_is_encrypted_once_and_keeps_everything(
    data_dir: Path, photo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_ENCRYPTION, "off")
    with Tablet(data_dir) as tablet:
        assert not tablet.originals.encrypted
        case = _case(tablet, photo, n=3)
        tablet.submit(case.id)
        originals = {p.sha256: tablet.originals.read_bytes(p.sha256) for p in case.photos}
        log = [e.hash for e in tablet.log(case.id)]
        # The folder as a crash leaves it: the latest transactions still only in the WAL.
        crashed = tmp_path / "crashed"
        shutil.copytree(data_dir, crashed)
    data_dir = crashed
    assert (data_dir / "fieldcase.db-wal").stat().st_size > 0
    assert NAME.encode() in (data_dir / "fieldcase.db").read_bytes() + (data_dir / "fieldcase.db-wal").read_bytes()
    assert read_marker(data_dir) is None
    monkeypatch.setenv(ENV_ENCRYPTION, "on")
    with Tablet(data_dir) as tablet:
        assert tablet.originals.encrypted
        assert (data_dir / MARKER_NAME).exists() and read_marker(data_dir)["state"] == "encrypted"  # type: ignore[index]
        assert (data_dir / "fieldcase.db").read_bytes()[:16] != b"SQLite format 3\x00"
        assert tablet.case(case.id).fields["party_name"] == NAME
        assert [e.hash for e in tablet.log(case.id)] == log
        assert {sha: tablet.originals.read_bytes(sha) for sha in originals} == originals
        assert [c.id for c in tablet.cases(CaseFilter(search="花园路一百"))] == [case.id]
        assert tablet.check().ok
        secrets = _secrets_of(tablet, case)
    assert _leaks(data_dir, secrets) == []
    assert not list(data_dir.rglob("*.encrypting"))
    with Tablet(data_dir) as tablet:  # once: the next opening finds it encrypted and changes nothing
        assert tablet.check().ok


def test_a_camera_shot_waits_encrypted_and_comes_in_as_the_original(tablet: Tablet, photo, tmp_path: Path) -> None:
    data = photo().read_bytes()
    shot = tablet.write_shot(tablet.paths.incoming / "camera-1.jpg", data)
    raw = shot.read_bytes()
    assert data[len(data) // 2 : len(data) // 2 + 48] not in raw and raw[:2] != b"\xff\xd8"
    case = tablet.new_case(type="manhole_cover", subtype="broken", fields={"owner": "gas"}, photos=[shot])
    sha = case.photos[0].sha256
    assert sha == hashlib.sha256(data).hexdigest()  # the hash of the picture, not of its sealed file
    assert tablet.originals.read_bytes(sha) == data
    assert case.location is not None  # the EXIF was read from the decrypted bytes
    # An altered shot, or one sealed by another folder, is refused and nothing is stored.
    altered = tablet.write_shot(tablet.paths.incoming / "camera-2.jpg", photo().read_bytes())
    sealed = bytearray(altered.read_bytes())
    sealed[-200] ^= 1
    altered.write_bytes(bytes(sealed))
    with Tablet(tmp_path / "other") as other:
        foreign = other.write_shot(tablet.paths.incoming / "camera-3.jpg", photo().read_bytes())
    for bad in (altered, foreign):
        with pytest.raises(PhotoError, match="encrypted camera shot that does not open"):
            tablet.add_photos(case.id, [bad])
    assert len(tablet.case(case.id).photos) == 1


def test_the_cli_says_why_a_copied_folder_does_not_open(
    cli, data_dir: Path, photo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Tablet(data_dir) as tablet:
        _case(tablet, photo)
    monkeypatch.setenv(ENV_KEY_DIR, str(tmp_path / "other-machine-keys"))
    code, doc, err = cli("case", "list")
    assert code == 4
    assert "is encrypted and its key is not in the key store" in err and "Traceback" not in err
    assert doc["error"]["code"] == "refused"
