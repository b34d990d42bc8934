"""Provisioning end to end: `fieldcase-server device provision` writes the file (and its QR code), the
tablet applies it (`fieldcase provision FILE`, or a file placed by device management at start) and
enrolls with the real server on 127.0.0.1 — at once, or at the next sync when the server was away;
over HTTPS with the server's self-signed certificate pinned, and refused with any other."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from app import accounts
from app.cli import main as tablet_main
from app.services import Tablet
from app.settings import Settings
from tests.netfaults import FaultProxy
from tests.packaging.conftest import TlsServer, self_signed
from tests.server.conftest import LiveServer

ServerCli = Callable[..., tuple[int, str, str]]


def _tablet(data_dir: Path, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, dict]:
    capsys.readouterr()
    code = tablet_main(["--data-dir", str(data_dir), "--json", *args])
    out = capsys.readouterr().out
    return code, json.loads(out) if out.strip() else {}


def _provision(
    server_cli: ServerCli, live: LiveServer | TlsServer, out: Path, capsys: pytest.CaptureFixture[str], *extra: str
) -> dict:
    code, stdout, err = server_cli(live, "--json", "device", "provision", "--district", "d1", "--out", str(out),
                                   *extra, capsys=capsys)  # fmt: skip
    assert code == 0, err
    return json.loads(stdout)


def _sync_a_case(data_dir: Path, live: LiveServer | TlsServer, photo: list[Path]) -> str:
    account = live.user("inspector", districts=("d1",)) if isinstance(live, LiveServer) else None
    if account is None:
        live.core.accounts.add_user("insp-tls", "inspector", "pw-tls-12345", districts=("d1",))
    name, password = (account.name, account.password) if account else ("insp-tls", "pw-tls-12345")
    with Tablet(data_dir) as tablet:
        accounts.login(tablet, name, password)
        case = tablet.new_case(
            type="manhole_cover", subtype="missing", fields={"owner": "gas", "barrier_placed": "yes"}, photos=photo
        )
        tablet.submit(case.id)
        report = tablet.sync()
        assert report.complete, report.to_json()
        return case.id


def test_provisioned_tablet_enrolls_and_syncs(
    make_server: Callable[..., LiveServer], server_cli: ServerCli, tmp_path: Path, photo: list[Path],
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    live = make_server()
    out = tmp_path / "tablet-001.json"
    summary = _provision(server_cli, live, out, capsys, "--url", live.url, "--language", "en")
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["format"] == "fieldcase-provisioning" and doc["version"] == 1
    assert doc["server"] == live.url and doc["district"] == "d1" and doc["language"] == "en"
    assert doc["tls_sha256"] is None and doc["tls_certificate"] is None  # plain http: nothing to pin
    assert summary["expires_at"] == doc["expires_at"]
    assert out.stat().st_mode & 0o077 == 0  # the one-time code is for IT's eyes only

    data_dir = tmp_path / "tablet"
    code, result = _tablet(data_dir, "provision", str(out), capsys=capsys)
    assert code == 0, result
    assert result["enrolled"] is True and result["pending"] is None
    devices = live.core.accounts.list_devices()
    assert [d["id"] for d in devices] == [result["device"]]
    assert devices[0]["district"] == "d1"
    assert Settings(data_dir / "settings.json").get("language") == "en"

    case_id = _sync_a_case(data_dir, live, photo)
    assert case_id in {c["id"] for c in live.core.cases.all_rows()}

    # The code was used up: the same file on a second tablet is refused by the server (exit 5).
    code, result = _tablet(tmp_path / "tablet-2", "provision", str(out), capsys=capsys)
    assert code == 5 and "provisioning file" in result["error"]["message"]
    # … and changes nothing there: no server, no code kept for a later sync, the language as it was.
    with Tablet(tmp_path / "tablet-2") as second:
        assert second.repo.meta("server_url") is None and second.repo.meta("provision_code") is None
        assert second.settings.get("server_url") == "" and second.settings.get("language") == "zh_CN"


def test_enrollment_waits_for_an_unreachable_server_then_happens_at_sync(
    make_server: Callable[..., LiveServer], server_cli: ServerCli, tmp_path: Path, photo: list[Path],
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    live = make_server()
    port = int(live.url.rsplit(":", 1)[1])
    with FaultProxy("127.0.0.1", port, cut_upstream=1.0, faults_per_request=True) as proxy:
        url = proxy.url_for("").rstrip("/")
        out = tmp_path / "p.json"
        _provision(server_cli, live, out, capsys, "--url", url)
        data_dir = tmp_path / "tablet"
        code, result = _tablet(data_dir, "provision", str(out), capsys=capsys)
        assert code == 0 and result["enrolled"] is False and "next sync" in result["pending"]
        assert live.core.accounts.list_devices() == []

        proxy.set_enabled(False)  # the network comes back
        code, _ = _tablet(data_dir, "sync", capsys=capsys)  # nobody logged in yet, but the tablet enrolls
        with Tablet(data_dir) as tablet:
            assert tablet.repo.meta("device_token")
            assert tablet.repo.meta("provision_code") is None
        assert len(live.core.accounts.list_devices()) == 1
        case_id = _sync_a_case(data_dir, live, photo)
        assert case_id in {c["id"] for c in live.core.cases.all_rows()}


def test_https_server_certificate_is_pinned(
    tls_server: TlsServer, server_cli: ServerCli, tmp_path: Path, photo: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "p.json"
    # No --tls-cert: the certificate is fetched from the URL, as the admin's machine sees it.
    summary = _provision(server_cli, tls_server, out, capsys, "--url", tls_server.url)
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert summary["tls_sha256"] == doc["tls_sha256"] == tls_server.fingerprint
    assert doc["tls_certificate"].startswith("-----BEGIN CERTIFICATE-----")

    data_dir = tmp_path / "tablet"
    code, result = _tablet(data_dir, "provision", str(out), capsys=capsys)
    assert code == 0, result
    assert result["enrolled"] is True and result["tls_pinned"] is True  # a self-signed certificate, pinned
    _sync_a_case(data_dir, tls_server, photo)


def test_a_different_certificate_is_refused(
    tls_server: TlsServer, server_cli: ServerCli, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other, _ = self_signed(tmp_path, "impostor")
    out = tmp_path / "p.json"
    # The file pins another certificate than the one the server presents (a man in the middle's view).
    summary = _provision(server_cli, tls_server, out, capsys, "--url", tls_server.url, "--tls-cert", str(other))
    assert summary["tls_sha256"] != tls_server.fingerprint
    code, result = _tablet(tmp_path / "tablet", "provision", str(out), capsys=capsys)
    assert code == 0 and result["enrolled"] is False and "TLS" in result["pending"]
    assert tls_server.core.accounts.list_devices() == []


def test_placed_file_is_applied_at_start_once(
    live: LiveServer, server_cli: ServerCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    machine_wide = tmp_path / "etc" / "provision.json"
    monkeypatch.setenv("FIELDCASE_PROVISION", str(machine_wide))
    _provision(server_cli, live, machine_wide, capsys, "--url", live.url, "--language", "en")
    data_dir = tmp_path / "tablet"
    code, _ = _tablet(data_dir, "case", "list", capsys=capsys)  # any start applies it (no network)
    assert code == 0
    settings = Settings(data_dir / "settings.json")
    assert settings.get("language") == "en" and settings.get("server_url") == live.url
    with Tablet(data_dir) as tablet:
        assert tablet.repo.meta("provision_code") and not tablet.repo.meta("device_token")
        tablet.settings.set("language", "zh_CN")  # the inspector changes it afterwards
    _tablet(data_dir, "case", "list", capsys=capsys)
    assert Settings(data_dir / "settings.json").get("language") == "zh_CN"  # applied once, not again

    # A file in the data folder is applied the same way; a broken one is logged and the app still starts.
    (data_dir / "provision.json").write_text("{not json", encoding="utf-8")
    code, _ = _tablet(data_dir, "case", "list", capsys=capsys)
    assert code == 0


@pytest.mark.parametrize(
    "content, message",
    [
        ("{not json", "not JSON"),
        ('{"format": "something-else", "version": 1}', "not a Fieldcase provisioning file"),
        ('{"format": "fieldcase-provisioning", "version": 9}', "version 9"),
        ('{"format": "fieldcase-provisioning", "version": 1, "server": "ftp://x", "code": "A"}', "http(s) URL"),
        ('{"format": "fieldcase-provisioning", "version": 1, "server": "http://x"}', "code is missing"),
        ('{"format": "fieldcase-provisioning", "version": 1, "server": "https://x", "code": "A", '
         '"tls_sha256": "abc"}', "SHA-256"),
        ('{"format": "fieldcase-provisioning", "version": 1, "server": "http://x", "code": "A", '
         '"language": "fr"}', "language"),
    ],
)  # fmt: skip
def test_bad_files_are_refused_and_change_nothing(
    tmp_path: Path, content: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    data_dir = tmp_path / "tablet"
    code, result = _tablet(data_dir, "provision", str(bad), capsys=capsys)
    assert code == 4 and message in result["error"]["message"]
    assert not data_dir.exists()


def test_certificate_and_fingerprint_must_agree(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cert, _ = self_signed(tmp_path)
    doc = {"format": "fieldcase-provisioning", "version": 1, "server": "https://x", "code": "A",
           "tls_certificate": cert.read_text(), "tls_sha256": "0" * 64}  # fmt: skip
    (tmp_path / "p.json").write_text(json.dumps(doc), encoding="utf-8")
    code, result = _tablet(tmp_path / "tablet", "provision", str(tmp_path / "p.json"), capsys=capsys)
    assert code == 4 and "does not match" in result["error"]["message"]


def test_server_refuses_bad_requests_and_makes_no_code(
    live: LiveServer, server_cli: ServerCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    monkeypatch.delenv("FIELDCASE_PUBLIC_URL", raising=False)
    out = tmp_path / "p.json"
    args = ("device", "provision", "--out", str(out))
    code, _, err = server_cli(live, *args, "--district", "d1", capsys=capsys)
    assert code == 4 and "FIELDCASE_PUBLIC_URL" in err
    code, _, err = server_cli(live, *args, "--district", "nowhere", "--url", live.url, capsys=capsys)
    assert code == 3 and "nowhere" in err
    code, _, err = server_cli(live, *args, "--district", "d1", "--url", "https://x", "--tls-cert",
                              str(tmp_path / "missing.pem"), capsys=capsys)  # fmt: skip
    assert code == 4 and "missing.pem" in err
    assert not out.exists()
    # The public URL may come from the server's environment instead.
    monkeypatch.setenv("FIELDCASE_PUBLIC_URL", live.url + "/")
    code, stdout, err = server_cli(live, "--json", *args, "--district", "d1", capsys=capsys)
    assert code == 0, err
    assert json.loads(out.read_text(encoding="utf-8"))["server"] == live.url


@pytest.mark.skipif(not shutil.which("zbarimg"), reason="zbarimg (Debian zbar-tools) reads QR codes back")
def test_qr_code_holds_the_file_without_the_certificate(
    tls_server: TlsServer, server_cli: ServerCli, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out, qr = tmp_path / "p.json", tmp_path / "p.png"
    _provision(server_cli, tls_server, out, capsys, "--url", tls_server.url, "--qr", str(qr))
    decoded = subprocess.run(["zbarimg", "--raw", "-q", str(qr)], capture_output=True, text=True, check=True)
    scanned = json.loads(decoded.stdout.strip())
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert "tls_certificate" not in scanned
    assert scanned == {k: v for k, v in doc.items() if k != "tls_certificate"}
    # What the camera reads is a provisioning document the tablet applies just as well.
    (tmp_path / "scanned.json").write_text(decoded.stdout, encoding="utf-8")
    code, result = _tablet(tmp_path / "tablet", "provision", str(tmp_path / "scanned.json"), capsys=capsys)
    assert code == 0 and result["enrolled"] is True and result["tls_pinned"] is True


def test_a_batch_of_files_each_with_its_own_code(
    live: LiveServer, server_cli: ServerCli, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import sqlalchemy as sa

    from server import schema

    def codes() -> int:
        with live.core.store.read() as conn:
            return int(conn.execute(sa.select(sa.func.count()).select_from(schema.enroll_codes)).scalar_one())

    before = codes()
    out = tmp_path / "batch"
    base = ("device", "provision", "--district", "d1", "--url", live.url, "--count", "3")
    code, _, err = server_cli(live, *base, "--out", str(out / "tablet.json"), capsys=capsys)
    assert code == 2 and "{n}" in err and codes() == before  # refused before any code was made
    code, stdout, err = server_cli(live, "--json", *base, "--out", str(out / "tablet-{n}.json"), capsys=capsys)
    assert code == 0, err
    assert [Path(f["out"]).name for f in json.loads(stdout)["files"]] == ["tablet-1.json", "tablet-2.json",
                                                                         "tablet-3.json"]  # fmt: skip
    docs = [json.loads((out / f"tablet-{n}.json").read_text(encoding="utf-8")) for n in (1, 2, 3)]
    assert len({d["code"] for d in docs}) == 3 and codes() == before + 3
    # Each one enrolls a tablet of its own.
    for n in (1, 2):
        result_code, result = _tablet(tmp_path / f"t{n}", "provision", str(out / f"tablet-{n}.json"), capsys=capsys)
        assert result_code == 0 and result["enrolled"] and result["server"] == docs[n - 1]["server"], result


def test_a_picture_of_the_qr_code_provisions_the_tablet(
    live: LiveServer, server_cli: ServerCli, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from PIL import Image

    out, qr = tmp_path / "p.json", tmp_path / "p.png"
    _provision(server_cli, live, out, capsys, "--url", live.url, "--qr", str(qr), "--count", "1")
    # As a tablet camera sees the printed sheet: turned, smaller, a JPEG on a grey background.
    with Image.open(qr) as image:
        shot = image.convert("RGB").rotate(8, expand=True, fillcolor=(200, 200, 200)).resize((700, 700))
    camera = tmp_path / "IMG_2001.jpg"
    shot.save(camera, "JPEG", quality=85)
    code, result = _tablet(tmp_path / "tablet", "provision", str(camera), capsys=capsys)
    assert code == 0 and result["enrolled"] is True, result
    assert result["server"] == live.url and result["district"] == "d1"

    blank = tmp_path / "blank.png"
    Image.new("L", (400, 400), 255).save(blank)
    code, result = _tablet(tmp_path / "tablet-2", "provision", str(blank), capsys=capsys)
    assert code == 4 and "no QR code" in result["error"]["message"]
    broken = tmp_path / "broken.png"
    broken.write_bytes(qr.read_bytes()[:200])
    code, result = _tablet(tmp_path / "tablet-3", "provision", str(broken), capsys=capsys)
    assert code == 4 and "not a readable" in result["error"]["message"]
    assert not (tmp_path / "tablet-2").exists() and not (tmp_path / "tablet-3").exists()


def _city_basemap(path: Path) -> Path:
    from app.maps.demo_basemap import write_demo_basemap

    return write_demo_basemap(path, 34.7466, 113.6253, zooms=range(12, 14), radius=1)


def test_the_basemap_travels_beside_the_file_and_is_installed_by_its_hash(
    make_server: Callable[..., LiveServer], server_cli: ServerCli, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from app.maps.mbtiles import MBTiles

    live = make_server()
    prepared = _city_basemap(tmp_path / "it" / "zhengzhou.mbtiles")
    stick = tmp_path / "usb"
    summary = _provision(server_cli, live, stick / "tablet-001.json", capsys, "--url", live.url,
                         "--basemap", str(prepared), "--coordinate-system", "gcj02")  # fmt: skip
    beside = stick / "zhengzhou.mbtiles"
    assert beside.read_bytes() == prepared.read_bytes()  # copied onto the stick with the file
    doc = json.loads((stick / "tablet-001.json").read_text(encoding="utf-8"))
    assert doc["coordinate_system"] == "gcj02"
    assert doc["basemap"]["file"] == "zhengzhou.mbtiles" and doc["basemap"]["size"] == prepared.stat().st_size
    assert doc["basemap"]["zoom"] == [12, 13] and summary["basemap"]["sha256"] == doc["basemap"]["sha256"]

    data_dir = tmp_path / "tablet"
    code, result = _tablet(data_dir, "provision", str(stick / "tablet-001.json"), capsys=capsys)
    assert code == 0, result
    assert result["basemap"] == "maps/zhengzhou.mbtiles" and result["coordinate_system"] == "gcj02"
    settings = Settings(data_dir / "settings.json")
    assert settings.get("basemap") == "maps/zhengzhou.mbtiles" and settings.get("coordinate_system") == "gcj02"
    installed = data_dir / "maps" / "zhengzhou.mbtiles"
    assert installed.read_bytes() == prepared.read_bytes()
    tiles = MBTiles(installed)
    try:
        assert tiles.zoom_range == (12, 13)
    finally:
        tiles.close()
    # The QR code cannot carry the basemap; it still says how tiles are drawn.
    from server.provision import qr_payload

    assert json.loads(qr_payload(doc)).get("basemap") is None
    assert json.loads(qr_payload(doc))["coordinate_system"] == "gcj02"


@pytest.mark.parametrize("fault", ["missing", "other_bytes", "not_mbtiles"])
def test_a_basemap_that_is_not_the_named_one_refuses_the_file_and_changes_nothing(
    make_server: Callable[..., LiveServer], server_cli: ServerCli, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    fault: str,
) -> None:  # fmt: skip
    live = make_server()
    stick = tmp_path / "usb"
    _provision(server_cli, live, stick / "p.json", capsys, "--url", live.url,
               "--basemap", str(_city_basemap(tmp_path / "city.mbtiles")))  # fmt: skip
    beside = stick / "city.mbtiles"
    if fault == "missing":
        beside.unlink()
    elif fault == "other_bytes":
        data = bytearray(beside.read_bytes())
        data[-100] ^= 0xFF  # a bad copy: same size, other bytes
        beside.write_bytes(bytes(data))
    else:
        doc = json.loads((stick / "p.json").read_text(encoding="utf-8"))
        junk = b"not an mbtiles file at all".ljust(64, b".")
        import hashlib

        doc["basemap"] |= {"sha256": hashlib.sha256(junk).hexdigest(), "size": len(junk)}
        beside.write_bytes(junk)
        (stick / "p.json").write_text(json.dumps(doc), encoding="utf-8")
    data_dir = tmp_path / "tablet"
    with Tablet(data_dir) as tablet:
        tablet.settings.set("language", "en")
    code, result = _tablet(data_dir, "provision", str(stick / "p.json"), capsys=capsys)
    assert code == 4, result
    message = result["error"]["message"]
    assert "basemap" in message and "city.mbtiles" in message
    # Nothing changed: no server, no code, no basemap, the settings as they were.
    with Tablet(data_dir) as tablet:
        assert tablet.repo.meta("server_url") is None and tablet.repo.meta("provision_code") is None
        assert tablet.settings.get("basemap") == "" and tablet.settings.get("language") == "en"
    assert not (data_dir / "maps").exists() or not any((data_dir / "maps").iterdir())
    assert not live.core.accounts.list_devices()


def test_the_server_refuses_a_basemap_that_is_not_mbtiles_and_makes_no_code(
    live: LiveServer, server_cli: ServerCli, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bogus = tmp_path / "city.mbtiles"
    bogus.write_bytes(b"PK\x03\x04 a zip, not SQLite" * 10)
    before = _codes(live)
    code, _stdout, err = server_cli(live, "device", "provision", "--district", "d1", "--out", str(tmp_path / "p.json"),
                                    "--url", live.url, "--basemap", str(bogus), capsys=capsys)  # fmt: skip
    assert code == 4 and "basemap" in err
    assert not (tmp_path / "p.json").exists() and _codes(live) == before


def _codes(live: LiveServer) -> int:
    import sqlalchemy as sa

    from server import schema as t

    with live.core.store.read() as conn:
        return int(conn.execute(sa.select(sa.func.count()).select_from(t.enroll_codes)).scalar_one())


def test_a_placed_file_waits_for_its_basemap(
    live: LiveServer, server_cli: ServerCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    machine_wide = tmp_path / "etc" / "provision.json"
    monkeypatch.setenv("FIELDCASE_PROVISION", str(machine_wide))
    city = _city_basemap(tmp_path / "city.mbtiles")
    _provision(server_cli, live, machine_wide, capsys, "--url", live.url, "--basemap", str(city))
    held = machine_wide.parent / "city.mbtiles"
    held.rename(tmp_path / "later.mbtiles")  # device management pushed the file before the basemap
    data_dir = tmp_path / "tablet"
    code, _ = _tablet(data_dir, "case", "list", capsys=capsys)
    assert code == 0  # the app starts; the file is not applied yet
    assert Settings(data_dir / "settings.json").get("server_url") == ""
    (tmp_path / "later.mbtiles").rename(held)
    code, _ = _tablet(data_dir, "case", "list", capsys=capsys)
    settings = Settings(data_dir / "settings.json")
    assert code == 0 and settings.get("server_url") == live.url and settings.get("basemap") == "maps/city.mbtiles"
