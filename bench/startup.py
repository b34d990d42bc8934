"""Start-up of the tablet app over 100,000 cases, beside a bare PySide6 window; search time; peak RSS.

    .venv/bin/python bench/startup.py [--cases 100000] [--runs 5]

The data folder is made once with `fieldcase demo --cases N --photos-per-case 0` and kept
in the temporary folder for later runs. Each timed run starts a fresh process and
measures from just before it is spawned to the moment the case list's first page has
been painted (the app prints that time when FIELDCASE_BENCH_PAINTED=1, then quits);
the baseline is a bare PySide6 window doing the same in its own process. Search terms
are typed into the list's search box inside the app: the time to the first page of
matches painted, and to every match known. Peak RSS is each child's own (wait4, the
per-child form of getrusage(RUSAGE_CHILDREN)). Our packages are byte-compiled first,
as in the installed app (see compile_sources).
Goals (issue 3): ≤ 1.0 s to the painted list, ≤ 100 ms per filter, ≤ 300 MB.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TERMS = ("花园路", "金水区", "井盖下沉", "纬五路12", "彩钢板", "文化路", "金水", "ZZZZ")

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


def data_folder(cases: int) -> Path:
    folder = Path(tempfile.gettempdir()) / f"fieldcase-bench-startup-{cases}"
    if not (folder / ".complete").exists():
        print(f"making {cases:,} demo cases in {folder} (once; about a minute per 100,000) …", flush=True)
        subprocess.run(
            [sys.executable, "-m", "app.cli", "--data-dir", str(folder), "demo", "--cases", str(cases)]
            + ["--photos-per-case", "0", "--json"],
            cwd=ROOT,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        (folder / ".complete").write_text("ok")
    # Open it once so that a pending schema migration is not timed as start-up.
    subprocess.run(
        [
            sys.executable,
            "-c",
            f"from app.services import Tablet; Tablet(__import__('pathlib').Path({str(folder)!r})).close()",
        ],
        cwd=ROOT,
        check=True,
    )
    return folder


def compile_sources() -> None:
    """Byte-compile our packages, as an installed app has them.

    This environment sets PYTHONDONTWRITEBYTECODE=1, so without this every start would
    compile app/, storage/, sync/ and ui/ from source (about 120 ms here) — a cost the
    tablet bundle never pays. Python still checks each .pyc against its source.
    """
    subprocess.run([sys.executable, "-m", "compileall", "-q", "app", "storage", "sync", "ui"], cwd=ROOT, check=True)


def run(argv: list[str], env: dict[str, str]) -> tuple[float, list[str], int, float]:
    """Spawn and read its lines: (seconds from spawn to its painted time, lines, peak RSS in KB, CPU s).

    The CPU time (user + system, of the whole run) is printed beside the wall time because
    it depends much less on what else the machine is doing.
    """
    start = time.time()
    proc = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    out = proc.stdout.read() if proc.stdout else ""
    err = proc.stderr.read() if proc.stderr else ""
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    lines = out.splitlines()
    painted = [float(line.split()[1]) for line in lines if line.startswith("FIELDCASE_PAINTED")]
    if proc.returncode != 0 or not painted:
        raise RuntimeError(f"{argv[:4]} failed ({proc.returncode}):\n{err[-2000:]}")
    return painted[0] - start, lines, int(usage.ru_maxrss), usage.ru_utime + usage.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    env = dict(os.environ)
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    platform = env.get("QT_QPA_PLATFORM", "xcb" if env.get("DISPLAY") else "default")
    folder = data_folder(args.cases)
    compile_sources()

    app_env = dict(env, FIELDCASE_BENCH_PAINTED="1", FIELDCASE_BENCH_TERMS="|".join(TERMS))
    app_argv = [sys.executable, "-m", "app.cli", "--data-dir", str(folder), "gui"]
    base_argv = [sys.executable, "-c", BASELINE]

    run(base_argv, env)  # warm the file cache for both
    run(app_argv, dict(app_env, FIELDCASE_BENCH_TERMS=""))

    base_times, app_times, base_rss, app_rss, base_cpu, app_cpu = [], [], [], [], [], []
    filters: dict[str, list[tuple[float, float, int]]] = {t: [] for t in TERMS}
    for _ in range(args.runs):
        seconds, _, rss, cpu = run(base_argv, env)
        base_times.append(seconds)
        base_rss.append(rss)
        base_cpu.append(cpu)
        seconds, lines, rss, cpu = run(app_argv, dict(app_env, FIELDCASE_BENCH_TERMS=""))
        app_times.append(seconds)
        app_rss.append(rss)
        app_cpu.append(cpu)
        _, lines, rss, _ = run(app_argv, app_env)
        app_rss.append(rss)
        for line in lines:
            if line.startswith("FIELDCASE_FILTER"):
                _, first, total, rows, term = line.split(maxsplit=4)
                filters[term].append((float(first), float(total), int(rows)))

    def ms(values: list[float]) -> str:
        return f"{statistics.median(values) * 1000:7.0f} ms (min {min(values) * 1000:.0f})"

    print(f"\nFieldcase start-up over {args.cases:,} cases · platform {platform} · {args.runs} runs, median")
    print(f"{'':34} {'Fieldcase':>26}   {'bare PySide6 window':>26}")
    print(f"{'process start → painted list':34} {ms(app_times):>26}   {ms(base_times):>26}")
    print(f"{'  difference':34} {(statistics.median(app_times) - statistics.median(base_times)) * 1000:23.0f} ms")
    print(f"{'  CPU time of the whole run':34} {ms(app_cpu):>26}   {ms(base_cpu):>26}")
    print(f"{'peak RSS (with the searches)':34} {max(app_rss) / 1024:23.0f} MB   {max(base_rss) / 1024:23.0f} MB")
    print("\nsearch (typed into the list; first page painted / every match known, median)")
    firsts = []
    for term, results in filters.items():
        if not results:
            continue
        first = statistics.median(r[0] for r in results)
        total = statistics.median(r[1] for r in results)
        firsts.append(first)
        print(f"  {term:10} {first:7.1f} ms / {total:7.1f} ms   {results[0][2]:>7,} matches")
    overall = statistics.median(firsts) if firsts else float("nan")
    print(f"  {'median':10} {overall:7.1f} ms")
    load = os.getloadavg()[0]
    print(f"\nload average while running: {load:.1f} on {os.cpu_count()} CPUs")
    ok = statistics.median(app_times) <= 1.0 and overall <= 100 and max(app_rss) / 1024 <= 300
    print("goals (≤ 1.0 s, ≤ 100 ms per filter, ≤ 300 MB):", "met" if ok else "NOT met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
