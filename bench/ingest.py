"""Benchmark: PhotoIngestor.ingest against a bare baseline, on generated 12 MP JPEGs with EXIF.

The baseline is the least any import must do: SHA-256 of the file, Pillow open, a reduced-size
decode and a thumbnail, all in this process. Ingest does that and more: it validates in a
separate, time-limited process, copies the original durably (fsync), reads the EXIF, and
makes a ~1000 px preview as well as the thumbnail. Both run on the same files in the same
run, alternating per file so neither gets a warmer cache. Goal: ingest <= 1.3x the baseline.

Ingest is measured twice, into a plain store and into an encrypted one (the tablet's default:
originals and previews sealed with AES-256-GCM, `storage.sealed`), each with its own decoder,
in rotating order per file; the figures are printed side by side with the baseline.

    python bench/ingest.py [--count 200] [--size 4000x3000] [--cache DIR]

The photos (noise over gradients, so they compress like camera JPEGs, ~3-5 MB at 12 MP) are
generated once into a cache folder in the system's temp folder and reused.
"""

from __future__ import annotations

import argparse
import hashlib
import multiprocessing
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from storage.blobs import BlobStore  # noqa: E402
from storage.photos import PhotoIngestor  # noqa: E402
from storage.sealed import FileCipher  # noqa: E402
from tests import photofactory as pf  # noqa: E402

GOAL = 1.3


def _make_one(job: tuple[Path, int, tuple[int, int]]) -> Path:
    path, seed, size = job
    if path.exists() and path.stat().st_size > 0:
        return path
    exif = pf.make_exif(
        gps=pf.Gps(22.5 + seed / 1000, 114.0 - seed / 1000, alt=20 + seed % 50),
        taken_at=f"2026:05:{1 + seed % 28:02d} 09:{seed % 60:02d}:12",
        offset="+08:00",
        make="Fieldcase",
        model="Bench Camera",
        orientation=6 if seed % 4 == 0 else 1,
    )
    temp = path.with_suffix(".part")
    pf.write_realistic_jpeg(temp, size=size, seed=seed, exif=exif)
    temp.replace(path)  # a half-written file is never taken for a cached one
    return path


def generate(folder: Path, count: int, size: tuple[int, int]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    jobs = [(folder / f"photo-{i:04d}.jpg", i, size) for i in range(count)]
    missing = [job for job in jobs if not job[0].exists()]
    if missing:
        print(f"generating {len(missing)} photos of {size[0]}x{size[1]} into {folder} …")
        started = time.perf_counter()
        with multiprocessing.get_context("spawn").Pool() as pool:
            pool.map(_make_one, missing)
        print(f"  done in {time.perf_counter() - started:.1f} s")
    return [job[0] for job in jobs]


def baseline(path: Path) -> None:
    """SHA-256 of the file + Pillow open + reduced-size decode + thumbnail."""
    digest = hashlib.sha256()
    with open(path, "rb") as source:
        while chunk := source.read(1 << 20):
            digest.update(chunk)
    digest.hexdigest()
    with Image.open(path) as image:
        image.thumbnail((240, 240))  # calls draft(): libjpeg decodes at 1/8 scale


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200, help="photos to ingest (default 200)")
    parser.add_argument("--size", default="4000x3000", help="WIDTHxHEIGHT (default 4000x3000)")
    parser.add_argument("--cache", type=Path, default=None, help="where generated photos are kept")
    parser.add_argument("--buffered", action="store_true", help="copy originals without O_DIRECT (for comparison)")
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.lower().split("x"))
    cache = args.cache or Path(tempfile.gettempdir()) / f"fieldcase-bench-photos-{width}x{height}"
    photos = generate(cache, args.count, (width, height))
    mean_mb = statistics.mean(p.stat().st_size for p in photos) / 1e6

    for path in photos:  # both sides start from the page cache
        path.read_bytes()

    times: dict[str, list[float]] = {"baseline": [], "plain": [], "encrypted": []}
    with tempfile.TemporaryDirectory(prefix="fieldcase-bench-") as data:
        stores = Path(data)
        direct = not args.buffered
        plain_store = BlobStore(stores / "plain" / "originals", direct_io=direct)
        plain = PhotoIngestor(plain_store, stores / "plain" / "previews")
        sealed = PhotoIngestor(
            BlobStore(stores / "sealed" / "originals", direct_io=direct, cipher=FileCipher(secrets.token_bytes(32))),
            BlobStore(stores / "sealed" / "previews", cipher=FileCipher(secrets.token_bytes(32))),
        )
        with plain, sealed:
            plain.probe(photos[0])  # start the decoder processes before timing
            sealed.probe(photos[0])
            baseline(photos[0])
            runs = {"baseline": baseline, "plain": plain.ingest, "encrypted": sealed.ingest}
            order = list(runs)
            for i, path in enumerate(photos):
                for side in order[i % 3 :] + order[: i % 3]:
                    started = time.perf_counter()
                    runs[side](path)
                    times[side].append((time.perf_counter() - started) * 1000)

    base_median = statistics.median(times["baseline"])
    copy = "buffered" if args.buffered else "O_DIRECT where available"
    print(f"{len(photos)} JPEGs {width}x{height}, mean {mean_mb:.2f} MB, EXIF with GPS; copy {copy}")
    medians = {}
    for side, label in (("plain", "ingest, not encrypted"), ("encrypted", "ingest, encrypted   ")):
        ms = times[side]
        medians[side] = median = statistics.median(ms)
        ratio = median / base_median
        p90 = statistics.quantiles(ms, n=10)[-1] if len(ms) > 1 else ms[0]
        print(
            f"{label} median {median:.1f} ms/photo (p90 {p90:.1f}) | "
            f"baseline {base_median:.1f} ms/photo | "
            f"ratio {ratio:.2f}x (goal <= {GOAL}x) {'OK' if ratio <= GOAL else 'MISSED'}"
        )
    cost = medians["encrypted"] - medians["plain"]
    print(f"encryption costs {cost:+.1f} ms/photo ({cost / medians['plain']:+.1%} of a plain ingest)")


if __name__ == "__main__":
    main()
