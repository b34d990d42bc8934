"""Build the tablet app for the machine it runs on: the PyInstaller bundle (one folder), then the
installer — a .deb on Linux, the NSIS installer on Windows. Prints the bundle's size and the time taken.

    python packaging/build.py                      # the bundle: dist/fieldcase/
    python packaging/build.py --deb                # … and dist/fieldcase_<version>_<arch>.deb (Linux)
    python packaging/build.py --nsis               # … and dist/fieldcase-<version>-setup.exe (Windows, makensis)
    python packaging/build.py --nsis-stand-in      # compile the NSIS script against a stand-in payload
                                                   # (any OS with makensis; what CI does on Linux)

The same command builds on Linux and on Windows (PyInstaller does not cross-compile: build the
Windows installer on Windows, with NSIS installed and on PATH). The version is pyproject.toml's;
the bundle carries it (`fieldcase --version`) and `build_info.json` (version, commit, build time).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
import tomllib
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
STAGE = PACKAGING / "build"  # generated inputs: build_info.json, icons, Windows version resource


def version() -> str:
    return str(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"])


def commit() -> str:
    try:
        done = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short=12", "HEAD"], capture_output=True,
                              text=True, check=False)  # fmt: skip
    except OSError:
        return "unknown"
    return done.stdout.strip() or "unknown"


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def render_icons(stage: Path) -> dict[int, Path]:
    """PNG icons (and a Windows .ico) rendered from packaging/icons/fieldcase.svg with Qt's SVG renderer."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(PACKAGING / "icons" / "fieldcase.svg"))
    out = {}
    for size in (16, 32, 48, 64, 128, 256):
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        renderer.render(painter)
        painter.end()
        path = stage / f"fieldcase-{size}.png"
        image.save(str(path))
        out[size] = path
    del app
    from PIL import Image

    with Image.open(out[256]) as big:
        big.save(stage / "fieldcase.ico", sizes=[(s, s) for s in sorted(out)])
    return out


def windows_version_file(stage: Path, ver: str) -> None:
    nums = [int(x) for x in ver.split(".")[:3] if x.isdigit()] + [0, 0, 0, 0]
    four = tuple(nums[:4])
    (stage / "version_info.txt").write_text(
        f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={four}, prodvers={four}, mask=0x3f, flags=0x0, OS=0x40004, fileType=0x1,
                    subtype=0x0, date=(0, 0)),
  kids=[StringFileInfo([StringTable('080404b0', [
      StringStruct('CompanyName', 'Fieldcase'), StringStruct('FileDescription', 'Fieldcase'),
      StringStruct('FileVersion', '{ver}'), StringStruct('InternalName', 'fieldcase'),
      StringStruct('OriginalFilename', 'fieldcase.exe'), StringStruct('ProductName', 'Fieldcase'),
      StringStruct('ProductVersion', '{ver}')])]),
    VarFileInfo([VarStruct('Translation', [2052, 1200])])]
)
""",
        encoding="utf-8",
    )


def build_bundle(dist: Path, work: Path) -> tuple[Path, float]:
    STAGE.mkdir(parents=True, exist_ok=True)
    ver = version()
    info = {"version": ver, "commit": commit(), "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "platform": sys.platform}  # fmt: skip
    (STAGE / "build_info.json").write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    render_icons(STAGE)
    if sys.platform == "win32":
        windows_version_file(STAGE, ver)
    started = time.perf_counter()
    env = dict(os.environ, FIELDCASE_BUILD_INFO=str(STAGE / "build_info.json"))
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
         "--distpath", str(dist), "--workpath", str(work), str(PACKAGING / "fieldcase.spec")],
        check=True, cwd=ROOT, env=env,
    )  # fmt: skip
    return dist / "fieldcase", time.perf_counter() - started


# ------------------------------------------------------------------------------------------- Linux

DEB_DEPENDS = (
    # What the bundled Qt needs from the system on a desktop (xcb) and for sound and fonts.
    "libc6, libglib2.0-0, libfontconfig1, libfreetype6, libx11-6, libx11-xcb1, libxcb1, libxkbcommon0, "
    "libxkbcommon-x11-0, libxcb-cursor0, libxcb-icccm4, libxcb-image0, libxcb-keysyms1, libxcb-randr0, "
    "libxcb-render-util0, libxcb-shape0, libxcb-xinerama0, libxcb-xkb1, libegl1, libgl1, libdbus-1-3"
)
DEB_RECOMMENDS = "libpulse0, fonts-noto-cjk"


def build_deb(bundle: Path, dist: Path) -> Path:
    """A .deb that installs the bundle in /opt/fieldcase, `fieldcase` on PATH, a desktop entry and icons."""
    ver = version()
    arch = subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True, check=True).stdout.strip()
    root = STAGE / "deb"
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(bundle, root / "opt" / "fieldcase", symlinks=True)
    (root / "usr" / "bin").mkdir(parents=True)
    (root / "usr" / "bin" / "fieldcase").symlink_to("/opt/fieldcase/fieldcase")
    apps = root / "usr" / "share" / "applications"
    apps.mkdir(parents=True)
    shutil.copy(PACKAGING / "linux" / "fieldcase.desktop", apps / "fieldcase.desktop")
    for size in (16, 32, 48, 64, 128, 256):
        folder = root / "usr" / "share" / "icons" / "hicolor" / f"{size}x{size}" / "apps"
        folder.mkdir(parents=True)
        shutil.copy(STAGE / f"fieldcase-{size}.png", folder / "fieldcase.png")
    scalable = root / "usr" / "share" / "icons" / "hicolor" / "scalable" / "apps"
    scalable.mkdir(parents=True)
    shutil.copy(PACKAGING / "icons" / "fieldcase.svg", scalable / "fieldcase.svg")
    control = root / "DEBIAN"
    control.mkdir()
    installed_kb = folder_size(root) // 1024
    (control / "control").write_text(
        f"Package: fieldcase\nVersion: {ver}\nArchitecture: {arch}\nMaintainer: Fieldcase IT <it@fieldcase.invalid>\n"
        f"Installed-Size: {installed_kb}\nDepends: {DEB_DEPENDS}\nRecommends: {DEB_RECOMMENDS}\n"
        "Section: misc\nPriority: optional\nHomepage: https://fieldcase.invalid\n"
        "Description: Fieldcase tablet app: evidence collection for urban-management enforcement\n"
        " Records cases with photos, GPS and an audit trail on the tablet, offline first, and syncs\n"
        " them with the bureau's central server. Self-contained (Python and Qt bundled).\n",
        encoding="utf-8",
    )
    for name in ("postinst", "postrm"):
        script = control / name
        shutil.copy(PACKAGING / "linux" / name, script)
        script.chmod(0o755)
    out = dist / f"fieldcase_{ver}_{arch}.deb"
    subprocess.run(["dpkg-deb", "--root-owner-group", "-Zzstd", "--build", str(root), str(out)], check=True,
                   stdout=subprocess.DEVNULL)  # fmt: skip
    shutil.rmtree(root)
    return out


# ----------------------------------------------------------------------------------------- Windows


def build_nsis(payload: Path, dist: Path, *, stand_in: bool = False) -> Path:
    makensis = shutil.which("makensis")
    if not makensis:
        raise SystemExit("build: makensis is not installed (Windows: NSIS 3 on PATH; Debian: apt-get install nsis)")
    ver = version()
    if stand_in:
        payload = STAGE / "stand-in"
        shutil.rmtree(payload, ignore_errors=True)
        (payload / "_internal").mkdir(parents=True)
        for name in ("fieldcase.exe", "fieldcase-gui.exe"):
            (payload / name).write_bytes(b"MZ stand-in payload: the real one is built on Windows\r\n")
        (payload / "_internal" / "build_info.json").write_text(json.dumps({"version": ver}), encoding="utf-8")
        if not (STAGE / "fieldcase.ico").exists():
            render_icons(STAGE)
    out = dist / f"fieldcase-{ver}-setup.exe"
    dist.mkdir(parents=True, exist_ok=True)
    nums = ([p for p in ver.split(".") if p.isdigit()] + ["0", "0", "0", "0"])[:4]
    subprocess.run(
        [makensis, "-V2", "-WX", "-INPUTCHARSET", "UTF8", f"-DVERSION={ver}", f"-DVERSION4={'.'.join(nums)}",
         f"-DPAYLOAD={payload}", f"-DICON={STAGE / 'fieldcase.ico'}", f"-DOUTFILE={out}",
         str(PACKAGING / "windows" / "fieldcase.nsi")],
        check=True,
    )  # fmt: skip
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="where the results go (default dist/)")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "pyinstaller", help="PyInstaller's work folder")
    parser.add_argument("--deb", action="store_true", help="also build the .deb (Linux)")
    parser.add_argument("--nsis", action="store_true", help="also build the Windows installer (Windows)")
    parser.add_argument("--nsis-stand-in", action="store_true", help="only compile the NSIS script, stand-in payload")
    args = parser.parse_args(argv)
    dist = args.dist.resolve()
    if args.nsis_stand_in:
        STAGE.mkdir(parents=True, exist_ok=True)
        out = build_nsis(Path(), dist, stand_in=True)
        print(f"build: compiled {out} against a stand-in payload ({out.stat().st_size} bytes)")
        return 0
    bundle, seconds = build_bundle(dist, args.work.resolve())
    size = folder_size(bundle)
    print(f"build: bundle {bundle} {size / 1e6:.1f} MB in {seconds:.1f} s (version {version()}, commit {commit()})")
    if args.deb:
        deb = build_deb(bundle, dist)
        print(f"build: {deb} {deb.stat().st_size / 1e6:.1f} MB")
    if args.nsis:
        exe = build_nsis(bundle, dist)
        print(f"build: {exe} {exe.stat().st_size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
