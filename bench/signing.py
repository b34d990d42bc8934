"""Benchmark: what signing costs in the tablet's ingest and submit path, beside raw baselines.

Four tablets in the same run — signing or not (Tablet(sign=...)), with their data folder
encrypted or not (FIELDCASE_ENCRYPTION) — do the same work on the same photos, taking turns at
going first per case so none gets a warmer cache: a new case with two photos (ingest: hash, durable copy, decode,
EXIF, preview, thumbnail, evidence rows, audit events — and, signing, one signed record per photo
and a signature per event), then its submit (one event and the outbox row — and a signature).
The raw baselines, timed in the same run: SHA-256 of one photo file (the least any ingest does),
and canonical JSON + Ed25519 signature of one photo record (the least signing does).

    python bench/signing.py [--count 30] [--size 4000x3000] [--cache DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import multiprocessing
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests import photofactory as pf  # noqa: E402


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
    )
    temp = path.with_suffix(".part")
    pf.write_realistic_jpeg(temp, size=size, seed=seed, exif=exif)
    temp.replace(path)
    return path


def generate(folder: Path, count: int, size: tuple[int, int]) -> list[Path]:
    """The same generated photos (and cache folder) as bench/ingest.py."""
    folder.mkdir(parents=True, exist_ok=True)
    jobs = [(folder / f"photo-{i:04d}.jpg", i, size) for i in range(count)]
    missing = [job for job in jobs if not job[0].exists()]
    if missing:
        print(f"generating {len(missing)} photos of {size[0]}x{size[1]} into {folder} …")
        with multiprocessing.get_context("spawn").Pool(2) as pool:
            pool.map(_make_one, missing)
    return [job[0] for job in jobs]


def _ms(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return (time.perf_counter() - started) * 1000


def _sha256(path: Path) -> None:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    digest.hexdigest()


# name: (signs, encrypted)
VARIANTS = {
    "plain": (False, False),
    "signed": (True, False),
    "encrypted": (False, True),
    "encrypted, signed": (True, True),
}


def _summary(label: str, without: list[float], with_: list[float]) -> str:
    a, b = statistics.median(without), statistics.median(with_)
    return f"{label:<24} costs {b - a:+7.2f} ms ({(b - a) / a:+.1%}) median"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=30, help="cases of two photos each (default 30)")
    parser.add_argument("--size", default="4000x3000", help="WIDTHxHEIGHT (default 4000x3000)")
    parser.add_argument("--cache", type=Path, default=None, help="where generated photos are kept")
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.lower().split("x"))
    cache = args.cache or Path(tempfile.gettempdir()) / f"fieldcase-bench-photos-{width}x{height}"
    photos = generate(cache, 2 * args.count, (width, height))
    mean_mb = statistics.mean(p.stat().st_size for p in photos) / 1e6
    for path in photos:
        path.read_bytes()

    with tempfile.TemporaryDirectory(prefix="fieldcase-bench-signing-") as work:
        os.environ["FIELDCASE_KEY_DIR"] = str(Path(work) / "keys")  # never the user's own keys
        from app.domain.canonical import canonical_json
        from app.evidence.custody import photo_record
        from app.evidence.signing import sign_json, verify_json
        from app.services import Tablet

        times: dict[str, list[float]] = {k: [] for k in ("hash", "sign", "verify")}
        tablets: dict[str, Tablet] = {}
        for name, (sign, encrypted) in VARIANTS.items():
            os.environ["FIELDCASE_ENCRYPTION"] = "on" if encrypted else "off"  # read when a folder is first opened
            tablets[name] = Tablet(Path(work) / name.replace(" ", "-"), sign=sign)
        new_case: dict[str, list[float]] = {name: [] for name in VARIANTS}
        submit: dict[str, list[float]] = {name: [] for name in VARIANTS}
        try:
            for tablet in tablets.values():  # start the photo decoders and make the key before timing
                tablet.ingestor.probe(photos[0])
            key = tablets["signed"].custody.key()
            public = key.public_key()
            names = list(VARIANTS)
            for i in range(args.count):
                pair = photos[2 * i : 2 * i + 2]
                made: dict[str, str] = {}
                for side in names[i % len(names) :] + names[: i % len(names)]:
                    tablet = tablets[side]
                    ids: list[str] = []
                    new_case[side].append(
                        _ms(
                            lambda t=tablet, p=pair, out=ids: out.append(
                                t.new_case(type="manhole_cover", subtype="broken", fields={"owner": "gas"}, photos=p).id
                            )
                        )
                    )
                    submit[side].append(_ms(lambda t=tablet, c=ids[0]: t.submit(c)))
                    made[side] = ids[0]
                times["hash"].append(_ms(lambda p=pair[0]: _sha256(p)))
                photo = tablets["signed"].case(made["signed"]).photos[0]
                record = photo_record(
                    made["signed"], photo, device="d", inspector="i", clock_offset_s=0.5, clock_offset_measured_at=None
                )
                signature = ""

                def sign(r: dict[str, object] = record) -> None:
                    nonlocal signature
                    signature = sign_json(key, r)

                times["sign"].append(_ms(sign))
                times["verify"].append(_ms(lambda r=record, s=signature: verify_json(public, r, s)))
                assert len(canonical_json(record)) > 100
            check_ms = _ms(lambda: tablets["encrypted, signed"].check())
            report = tablets["encrypted, signed"].check()
        finally:
            for tablet in tablets.values():
                tablet.close()

    print(f"{args.count} cases x 2 JPEGs {width}x{height}, mean {mean_mb:.2f} MB; four tablets in one run, in turn")
    print(
        f"raw baselines: SHA-256 of one photo {statistics.median(times['hash']):.1f} ms | "
        f"canonical JSON + Ed25519 sign of one photo record {statistics.median(times['sign']) * 1000:.0f} µs "
        f"(verify {statistics.median(times['verify']) * 1000:.0f} µs)"
    )
    for label, series in (("new case with 2 photos", new_case), ("submit", submit)):
        print(f"{label}: " + " | ".join(f"{name} {statistics.median(series[name]):.1f} ms" for name in VARIANTS))
        print("  " + _summary("signing, not encrypted", series["plain"], series["signed"]))
        print("  " + _summary("signing, encrypted", series["encrypted"], series["encrypted, signed"]))
        print("  " + _summary("encryption, signed", series["signed"], series["encrypted, signed"]))
    print(
        f"check of the encrypted, signing tablet: {check_ms:.0f} ms for {report.photos_checked} photos re-hashed and "
        f"{report.signatures_verified} signatures verified ({'ok' if report.ok else report.problems[:1]})"
    )


if __name__ == "__main__":
    main()
