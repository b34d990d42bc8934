"""The tablet bundle: build time, size, and start-up of the built app beside `fieldcase` from the source tree.

    .venv/bin/python bench/bundle.py [--runs 5] [--cases 200] [--no-build]

Builds the bundle with packaging/build.py (timed, into build/bench-bundle/), then starts, each in a
fresh process, offscreen: the built app, the app from the source tree (`python -m app.cli`, our
packages byte-compiled as an installed app's are), and the raw baseline — a bare PySide6 window in
its own process — and times each from just before the spawn to the first painted frame of the
case list (the app prints it with FIELDCASE_BENCH_PAINTED=1, then quits; see bench/startup.py).
The first run of each is reported apart ("first"): right after the build, nothing of the bundle has
been started yet. The same for a CLI command (`--version`). Where the kernel lets us
(/proc/sys/vm/drop_caches, as root) every run starts with the page cache dropped: truly cold.
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "build" / "bench-bundle"
BASELINE = r"""
import sys, time
from PySide6.QtWidgets import QApplication, QWidget
class W(QWidget):
    done = False
    def paintEvent(self, event):
        super().paintEvent(event)
        if not W.done:
            W.done = True
            print(f"FIELDCASE_PAINTED {time.time():.6f}", flush=True)
            QApplication.instance().quit()
app = QApplication(sys.argv[:1])
w = W()
w.resize(1280, 800)
w.show()
app.exec()
"""


def drop_caches() -> bool:
    try:
        os.sync()
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
        return True
    except OSError:
        return False


def painted(cmd: list[str], env: dict[str, str], cold: bool) -> float:
    if cold:
        drop_caches()
    start = time.time()
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120, check=False)
    for line in done.stdout.splitlines():
        if line.startswith("FIELDCASE_PAINTED "):
            return float(line.split()[1]) - start
    raise RuntimeError(f"{cmd[0]} did not paint (exit {done.returncode}): {done.stderr[-2000:]}")


def finished(cmd: list[str], env: dict[str, str], cold: bool) -> float:
    if cold:
        drop_caches()
    start = time.perf_counter()
    subprocess.run(cmd, env=env, capture_output=True, timeout=120, check=True)
    return time.perf_counter() - start


def folder_size(path: Path) -> tuple[int, int]:
    files = [p for p in path.rglob("*") if p.is_file() and not p.is_symlink()]
    return sum(p.stat().st_size for p in files), len(files)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cases", type=int, default=200, help="demo cases in the data folder the app opens")
    parser.add_argument("--no-build", action="store_true", help="measure the bundle already in build/bench-bundle")
    args = parser.parse_args()
    dist = OUT / "dist"
    if not args.no_build:
        started = time.perf_counter()
        subprocess.run([sys.executable, str(ROOT / "packaging" / "build.py"), "--dist", str(dist),
                        "--work", str(OUT / "work")], check=True, cwd=ROOT)  # fmt: skip
        print(f"build time            {time.perf_counter() - started:7.1f} s (PyInstaller, clean, one folder)")
    bundle = dist / "fieldcase"
    exe = bundle / ("fieldcase.exe" if sys.platform == "win32" else "fieldcase")
    size, count = folder_size(bundle)
    print(f"bundle size           {size / 1e6:7.1f} MB in {count} files ({bundle})")
    compileall.compile_dir(str(ROOT / "app"), quiet=1)
    for package in ("storage", "sync", "ui"):
        compileall.compile_dir(str(ROOT / package), quiet=1)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", FIELDCASE_BENCH_PAINTED="1")
    cold = drop_caches()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        subprocess.run([sys.executable, "-m", "app.cli", "--data-dir", str(data), "demo", "--cases",
                        str(args.cases), "--photos-per-case", "0", "--seed", "1"], check=True, cwd=ROOT,
                       capture_output=True)  # fmt: skip
        gui = {
            "built app": [str(exe), "--data-dir", str(data), "gui"],
            "source tree": [sys.executable, "-m", "app.cli", "--data-dir", str(data), "gui"],
            "baseline (bare Qt window)": [sys.executable, "-c", BASELINE],
        }
        cli = {
            "built app": [str(exe), "--version"],
            "source tree": [sys.executable, "-m", "app.cli", "--version"],
            "baseline (python -c pass)": [sys.executable, "-c", "pass"],
        }
        cache = "page cache dropped before each run" if cold else "page cache not dropped (not permitted)"
        print(f"\nstart to the painted case list ({args.cases} cases), offscreen; {cache}")
        for name, cmd in gui.items():
            first = painted(cmd, env, cold)
            rest = [painted(cmd, env, cold) for _ in range(args.runs)]
            print(f"  {name:<28} first {first:6.3f} s   median of {args.runs} {statistics.median(rest):6.3f} s")
        print("\nCLI start (--version)")
        for name, cmd in cli.items():
            first = finished(cmd, env, cold)
            rest = [finished(cmd, env, cold) for _ in range(args.runs)]
            print(f"  {name:<28} first {first:6.3f} s   median of {args.runs} {statistics.median(rest):6.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
