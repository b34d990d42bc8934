"""The tablet bundle, built here (slow tier): the Linux bundle runs offscreen — opens its data folder,
makes a case from photos (the photo decoder is a spawned process inside the frozen app), passes
`fieldcase check`, paints its case list and exits 0; the .deb installs with dpkg and its `fieldcase`
runs; the NSIS script compiles against a stand-in payload."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """dist/ with the bundle and the .deb, built once for the module with the documented command."""
    if sys.platform != "linux":
        pytest.skip("the Linux bundle is built on Linux")
    dist = tmp_path_factory.mktemp("dist")
    cmd = [sys.executable, str(ROOT / "packaging" / "build.py"), "--dist", str(dist),
           "--work", str(tmp_path_factory.mktemp("work"))]  # fmt: skip
    if shutil.which("dpkg-deb"):
        cmd.append("--deb")
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=1800, check=False)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "build: bundle" in done.stdout
    yield dist


def _run(exe: Path | str, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    run_env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    run_env.pop("PYTHONPATH", None)
    run_env.update(env or {})
    return subprocess.run([str(exe), *args], capture_output=True, text=True, timeout=180, env=run_env,
                          check=False, cwd="/")  # fmt: skip


def test_bundle_runs_offscreen(built: Path, tmp_path: Path, photo: list[Path]) -> None:
    bundle = built / "fieldcase"
    exe = bundle / "fieldcase"
    version = _run(exe, "--version", "--json")
    assert version.returncode == 0, version.stderr
    assert json.loads(version.stdout) == {"version": VERSION}
    info = json.loads((bundle / "_internal" / "build_info.json").read_text(encoding="utf-8"))
    assert info["version"] == VERSION and info["commit"]

    data = tmp_path / "data"
    made = _run(exe, "--data-dir", str(data), "--json", "case", "new", "--type", "manhole_cover", "--subtype",
                "broken", "--field", "owner=gas", "--photo", str(photo[0]), "--photo", str(photo[1]))  # fmt: skip
    assert made.returncode == 0, made.stderr
    case = json.loads(made.stdout)
    assert len(case["photos"]) == 2 and case["photos"][0]["lat"] == pytest.approx(34.7466, abs=1e-4)
    assert case["location"]["source"] == "photo"
    checked = _run(exe, "--data-dir", str(data), "check")
    assert checked.returncode == 0 and checked.stdout.strip().endswith("ok"), checked.stdout + checked.stderr
    # The GUI opens the data folder, paints the case list (with the case) and quits when asked.
    gui = _run(exe, "--data-dir", str(data), "gui", env={"FIELDCASE_BENCH_PAINTED": "1"})
    assert gui.returncode == 0, gui.stderr
    assert "FIELDCASE_PAINTED" in gui.stdout
    assert (data / "fieldcase.db").exists()
    # The QR reader (zxing-cpp) is in the bundle: a picture without a code is refused as such.
    from PIL import Image

    Image.new("L", (300, 300), 255).save(tmp_path / "blank.png")
    scanned = _run(exe, "--data-dir", str(data), "provision", str(tmp_path / "blank.png"))
    assert scanned.returncode == 4 and "no QR code" in scanned.stderr, scanned.stderr


def test_bundle_holds_only_what_the_app_uses(built: Path) -> None:
    internal = built / "fieldcase" / "_internal"
    names = {p.name for p in internal.rglob("*")}
    assert "fieldcase_zh_CN.qm" in names and "catalogue.json" in names and "fieldcase.qss" in names
    assert not any("WebEngine" in n or n.startswith(("libQt6Qml", "libQt6Quick", "libQt6Pdf")) for n in names)
    qt_translations = {p.name for p in internal.rglob("translations/qt*_*.qm")}
    assert qt_translations and all("zh_CN" in n or "_en" in n for n in qt_translations), qt_translations
    for unused in ("fastapi", "uvicorn", "sqlalchemy", "pytest"):
        assert not (internal / unused).exists(), unused


def test_deb_installs_and_runs(built: Path, tmp_path: Path, photo: list[Path]) -> None:
    debs = sorted(built.glob("fieldcase_*.deb"))
    if not debs:
        pytest.skip("dpkg-deb is not installed (Debian package dpkg)")
    if os.geteuid() != 0 or not shutil.which("dpkg"):
        pytest.skip("installing a .deb needs root and dpkg")
    status = subprocess.run(["dpkg-query", "-W", "-f=${Status}", "fieldcase"], capture_output=True, text=True)
    if status.stdout.strip() == "install ok installed":
        pytest.skip("a fieldcase package is installed on this machine already; not touching it")
    deb = debs[0]
    fields = subprocess.run(["dpkg-deb", "-f", str(deb), "Package", "Version"], capture_output=True, text=True)
    assert f"Version: {VERSION}" in fields.stdout
    installed = subprocess.run(["dpkg", "-i", str(deb)], capture_output=True, text=True, check=False)
    try:
        assert installed.returncode == 0, installed.stderr
        assert Path("/usr/share/applications/fieldcase.desktop").is_file()
        assert Path("/usr/share/icons/hicolor/256x256/apps/fieldcase.png").is_file()
        desktop = Path("/usr/share/applications/fieldcase.desktop").read_text(encoding="utf-8")
        assert "Exec=/opt/fieldcase/fieldcase gui" in desktop and "Icon=fieldcase" in desktop
        which = shutil.which("fieldcase", path="/usr/bin")
        assert which == "/usr/bin/fieldcase"
        version = _run(which, "--version")
        assert version.returncode == 0 and version.stdout.strip() == VERSION, version.stderr
        catalogue = _run(which, "--data-dir", str(tmp_path / "d"), "--json", "catalogue")
        assert catalogue.returncode == 0 and json.loads(catalogue.stdout)["types"], catalogue.stderr
        data = str(tmp_path / "data")
        made = _run(which, "--data-dir", data, "case", "new", "--type", "manhole_cover", "--subtype", "broken",
                    "--field", "owner=gas", "--photo", str(photo[0]), "--photo", str(photo[1]))  # fmt: skip
        assert made.returncode == 0, made.stderr

        # An upgrade in place (the same package, a newer version) keeps the data and reads it.
        unpacked = tmp_path / "unpacked"
        subprocess.run(["dpkg-deb", "-R", str(deb), str(unpacked)], check=True)
        control = unpacked / "DEBIAN" / "control"
        control.write_text(control.read_text().replace(f"Version: {VERSION}", f"Version: {VERSION}+1"))
        newer = tmp_path / "newer.deb"
        subprocess.run(["dpkg-deb", "--root-owner-group", "-Zzstd", "--build", str(unpacked), str(newer)],
                       check=True, stdout=subprocess.DEVNULL)  # fmt: skip
        upgraded = subprocess.run(["dpkg", "-i", str(newer)], capture_output=True, text=True, check=False)
        assert upgraded.returncode == 0, upgraded.stderr
        now = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "fieldcase"], capture_output=True, text=True)
        assert now.stdout == f"{VERSION}+1"
        checked = _run(which, "--data-dir", data, "--json", "check")
        assert checked.returncode == 0 and json.loads(checked.stdout)["cases"] == 1, checked.stdout + checked.stderr
    finally:
        removed = subprocess.run(["dpkg", "-r", "fieldcase"], capture_output=True, text=True, check=False)
    assert removed.returncode == 0, removed.stderr
    assert not Path("/opt/fieldcase").exists() and not Path("/usr/bin/fieldcase").exists()
    assert (tmp_path / "data" / "fieldcase.db").exists()  # removing the program leaves the data
    subprocess.run(["dpkg", "--purge", "fieldcase"], capture_output=True, check=False)  # no trace in dpkg's lists


def test_nsis_installer_compiles(tmp_path: Path) -> None:
    if not shutil.which("makensis"):
        pytest.skip("makensis is not installed (Debian package nsis)")
    done = subprocess.run([sys.executable, str(ROOT / "packaging" / "build.py"), "--nsis-stand-in", "--dist",
                           str(tmp_path)], cwd=ROOT, capture_output=True, text=True, check=False)  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    setup = tmp_path / f"fieldcase-{VERSION}-setup.exe"
    assert setup.read_bytes()[:2] == b"MZ" and setup.stat().st_size > 50_000
