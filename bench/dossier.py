"""Benchmark: the PDF case dossier (ui/desk/dossier.py) of a case with 20 camera photos, beside two baselines.

Baselines, measured in the same run on the same photos (already in memory, as the desk has them
after downloading the originals):
  * photos: SHA-256 of each original and a Pillow decode at reduced scale (draft) to about the
    printed size, one after another: the least any dossier must do with its photos;
  * empty PDF: QPdfWriter writing one empty A4 page (the writer's fixed cost).
The dossier does both and lays out and writes the whole document (text, tables, 20 pictures, the
audit trail). Goal (issue 6): a 20-photo dossier in <= 3 s. Rounds alternate, medians are printed,
wall time and the CPU time of all the process's threads (which depends much less on the load).

    python bench/dossier.py [--photos 20] [--rounds 3] [--size 4000x3000]

The photos (12 MP by default, noise over gradients so they compress like camera JPEGs) are made
once by bench/ingest.py's generator into a cache folder in the system's temp folder.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # it paints into a PDF: no display needed

from PySide6.QtGui import QPageSize, QPainter, QPdfWriter  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from bench.ingest import generate  # noqa: E402
from tests.ui.desk.dossier_sample import sample_case  # noqa: E402
from ui.desk.dossier import OVERSIZE, PHOTO_BOX_MM, PHOTO_DPI, write_dossier  # noqa: E402

GOAL_S = 3.0


def photos_baseline(datas: list[bytes]) -> None:
    box = (round(PHOTO_BOX_MM[0] * PHOTO_DPI / 25.4), round(PHOTO_BOX_MM[1] * PHOTO_DPI / 25.4))
    for data in datas:
        hashlib.sha256(data).hexdigest()
        with Image.open(io.BytesIO(data)) as image:
            image.draft("RGB", box)
            picture = image.convert("RGB")
            if picture.width > box[0] * OVERSIZE or picture.height > box[1] * OVERSIZE:
                picture.thumbnail(box)


def empty_pdf(path: Path) -> None:
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    painter = QPainter(writer)
    painter.end()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photos", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--size", default="4000x3000", help="WIDTHxHEIGHT (default 4000x3000)")
    parser.add_argument("--keep", type=Path, default=None, help="also write the last dossier here")
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.lower().split("x"))
    app = QApplication.instance() or QApplication([])
    cache = Path(tempfile.gettempdir()) / f"fieldcase-bench-photos-{width}x{height}"
    paths = generate(cache, args.photos, (width, height))
    datas = [p.read_bytes() for p in paths]
    case, log = sample_case(datas)
    originals = {record["sha256"]: data for record, data in zip(case["photos"], datas, strict=True)}

    times: dict[str, list[float]] = {"dossier": [], "photos": [], "empty": []}
    cpu: dict[str, list[float]] = {"dossier": [], "photos": [], "empty": []}
    with tempfile.TemporaryDirectory(prefix="fieldcase-bench-dossier-") as folder:
        out, empty = Path(folder) / "dossier.pdf", Path(folder) / "empty.pdf"
        write_dossier(out, case, log, originals, language="zh_CN")  # warm: fonts, catalogue, translations
        for round_ in range(args.rounds):
            order = ("dossier", "photos", "empty") if round_ % 2 == 0 else ("empty", "photos", "dossier")
            for side in order:
                started, started_cpu = time.perf_counter(), time.process_time()
                if side == "dossier":
                    write_dossier(out, case, log, originals, language="zh_CN")
                elif side == "photos":
                    photos_baseline(datas)
                else:
                    empty_pdf(empty)
                times[side].append(time.perf_counter() - started)
                cpu[side].append(time.process_time() - started_cpu)  # every thread of this process
        size_mb = out.stat().st_size / 1e6
        if args.keep:
            args.keep.write_bytes(out.read_bytes())
    del app

    dossier, photos, blank = (statistics.median(times[k]) for k in ("dossier", "photos", "empty"))
    dossier_cpu, photos_cpu = (statistics.median(cpu[k]) for k in ("dossier", "photos"))
    mean_mb = statistics.mean(len(d) for d in datas) / 1e6
    print(f"{len(datas)} JPEGs {width}x{height} (mean {mean_mb:.2f} MB), {len(log['events'])} audit events")
    print(
        f"dossier median {dossier:.2f} s ({size_mb:.1f} MB PDF) | baseline: photos hashed+decoded+scaled "
        f"{photos:.2f} s, empty PDF page {blank * 1000:.0f} ms | ratio to photos {dossier / photos:.2f}x | "
        f"goal <= {GOAL_S:.0f} s {'OK' if dossier <= GOAL_S else 'MISSED'}"
    )
    # Wall time depends on what else the machine runs; the CPU time these took does much less.
    print(
        f"CPU time (all threads): dossier {dossier_cpu:.2f} s | photos baseline {photos_cpu:.2f} s | "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )


if __name__ == "__main__":
    main()
