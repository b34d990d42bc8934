"""Screenshots of the desk's reports for docs/screenshots: the evaluation screen in zh_CN and en (figures in
the server's JSON shape for eight disposal units, made up but consistent), and pages of a dossier.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.ui.desk.report_screens [--out docs/screenshots]

The dossier pages need poppler's pdftoppm (scripts/setup.sh installs poppler-utils).
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication

from tests.photofactory import Gps, make_exif, write_realistic_jpeg
from tests.ui.desk.dossier_sample import sample_case
from ui import i18n
from ui.desk.dossier import write_dossier
from ui.desk.evaluation import EvaluationPage
from ui.theme import apply_theme

UNITS = (
    "water_supply_co",
    "drainage_co",
    "gas_co",
    "heating_co",
    "power_supply_co",
    "telecom_co",
    "street_office",
    "enforcement_squadron",
)


def _row(key: str, rng: random.Random) -> dict[str, Any]:
    reported = rng.randint(20, 120)
    filed = int(reported * rng.uniform(0.75, 0.95))
    dispatched = int(filed * 0.9)
    disposed = int(dispatched * rng.uniform(0.6, 1.0))
    on_time = int(disposed * rng.uniform(0.6, 1.0))
    closed = int(disposed * 0.9)
    closed_on_time = int(closed * rng.uniform(0.6, 1.0))
    return {
        "key": key,
        "reported": reported,
        "filed": filed,
        "filing_rate": round(filed / reported, 6),
        "returned": rng.randint(0, 8),
        "rejected": rng.randint(0, 5),
        "dispatched": dispatched,
        "disposed": disposed,
        "disposed_on_time": on_time,
        "disposals_due": dispatched,
        "on_time_disposal_rate": round(on_time / dispatched, 6),
        "closures_due": dispatched,
        "closed": closed,
        "closed_on_time": closed_on_time,
        "closure_rate": round(closed / dispatched, 6),
        "on_time_closure_rate": round(closed_on_time / dispatched, 6),
        "deferred": rng.randint(0, 4),
        "reworks": rng.randint(0, 6),
        "mean_working_hours_to_close": round(rng.uniform(8, 60), 2),
        "rank": 0,
    }


def made_up_figures(first: date, last: date, by: str) -> dict[str, Any]:
    rng = random.Random(7)
    keys = {
        "unit": UNITS,
        "district": ("jinshui", "erqi", "zhongyuan", "guancheng", "huiji"),
        "inspector": ("li.wei", "wang.fang", "zhang.min", "chen.jie"),
    }[by]
    rows = [_row(k, rng) for k in keys]
    rows.sort(key=lambda r: (-r["on_time_closure_rate"], -r["closure_rate"]))
    for rank, row in enumerate(rows, 1):
        row["rank"] = rank
    return {"from": first.isoformat(), "to": last.isoformat(), "by": by, "rows": rows}


def grab_evaluation(app: QApplication, path: Path, language: str) -> None:
    i18n.install_translator(app, language)
    page = EvaluationPage(made_up_figures)
    page.today = lambda: date(2026, 11, 26)
    page.resize(1400, 900)
    page.show()
    page.set_grouping("unit")
    deadline = time.monotonic() + 15
    while (page.state != "figures" or page.model.by != "unit") and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.02)
    for _ in range(20):
        app.processEvents()
    page.grab().save(str(path))
    page.shutdown()
    page.deleteLater()
    app.processEvents()


def grab_dossier(folder: Path, out: Path) -> None:
    photos = []
    for i in range(4):
        exif = make_exif(gps=Gps(34.7466, 113.6253), taken_at="2026:11:20 09:30:12", offset="+08:00", make="Huawei")
        photos.append(write_realistic_jpeg(folder / f"p{i}.jpg", size=(1600, 1200), seed=i, exif=exif).read_bytes())
    case, log = sample_case(photos)
    pdf = folder / "dossier.pdf"
    write_dossier(
        pdf, case, log, {r["sha256"]: d for r, d in zip(case["photos"], photos, strict=True)}, language="zh_CN"
    )
    subprocess.run(["pdftoppm", "-r", "70", "-png", "-f", "1", "-l", "3", str(pdf), str(folder / "page")], check=True)
    for index, png in enumerate(sorted(folder.glob("page-*.png")), 1):
        shutil.copyfile(png, out / f"dossier-zh_CN-page{index}.png")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    apply_theme(app, "normal")
    for language in ("zh_CN", "en"):
        grab_evaluation(app, args.out / f"desk-evaluation-{language}.png", language)
    with tempfile.TemporaryDirectory() as folder:
        grab_dossier(Path(folder), args.out)


if __name__ == "__main__":
    main()
