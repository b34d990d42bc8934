"""Photo ingest on real files made by tests/photofactory.py: EXIF, orientation, refusals."""

from __future__ import annotations

import io
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable, Iterator
from fractions import Fraction
from pathlib import Path

import pytest
from PIL import Image

from storage.blobs import BlobStore
from storage.errors import PhotoError
from storage.photos import (
    PREVIEW_MAX_EDGE,
    PREVIEW_MIN_EDGE,
    THUMBNAIL_EDGE,
    PhotoInfo,
    PhotoIngestor,
)
from tests import photofactory as pf

HEIF = pf.heif_available()
ROOT = Path(__file__).resolve().parents[2]
needs_heif = pytest.mark.skipif(not HEIF, reason="pillow-heif cannot encode HEIF here")

TAKEN = "2026:05:01 09:30:12"


# -- fixtures: one decoder process per module keeps the file fast ---------------------------


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("photos")


@pytest.fixture(scope="module")
def ingestor(workdir: Path) -> Iterator[PhotoIngestor]:
    with PhotoIngestor(BlobStore(workdir / "originals"), workdir / "previews") as ingestor:
        yield ingestor


@pytest.fixture(scope="module")
def refuser(workdir: Path) -> Iterator[PhotoIngestor]:
    """Sees only files it must refuse, so its stores must stay empty for good."""
    with PhotoIngestor(
        BlobStore(workdir / "refused-originals"),
        BlobStore(workdir / "refused-previews"),
        max_bytes=2 * 1024 * 1024,
    ) as ingestor:
        yield ingestor


def stored_files(store: BlobStore) -> list[Path]:
    return [p for p in store.root.rglob("*") if p.is_file()] if store.root.exists() else []


def assert_refused(ingestor: PhotoIngestor, path: Path, reason: str) -> PhotoError:
    with pytest.raises(PhotoError) as caught:
        ingestor.ingest(path)
    error = caught.value
    assert reason in error.reason, error.reason
    assert error.path == str(path)
    assert str(path) in str(error)
    assert stored_files(ingestor.originals) == []
    assert stored_files(ingestor.previews) == []
    return error


def close_to(colour: tuple[int, ...], expected: tuple[int, int, int], tolerance: int = 60) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(colour, expected, strict=False))


def assert_upright(jpeg: bytes) -> None:
    with Image.open(io.BytesIO(jpeg)) as picture:
        assert picture.format == "JPEG"
        colours = pf.corner_colours(picture)
    for corner, expected in pf.CORNERS.items():
        assert close_to(colours[corner], expected), (corner, colours)


def cut_at(path: Path, keep: float) -> int:
    """A float is a fraction of the file; an int is a byte count (negative: from the end)."""
    return int(keep * path.stat().st_size) if isinstance(keep, float) else keep


def dms_value(degrees: float) -> float:
    d, m, s = pf.dms(degrees)
    return float(d + m / 60 + s / 3600)


# -- good photos ------------------------------------------------------------------------------


def test_jpeg_with_full_exif(ingestor: PhotoIngestor, tmp_path: Path) -> None:
    exif = pf.make_exif(
        gps=pf.Gps(22.543096, 114.057865, alt=35.25),
        taken_at=TAKEN,
        offset="+08:00",
        make="HUAWEI",
        model="ELS-AN00",
    )
    path = pf.write_jpeg(tmp_path / "a.jpg", exif=exif, upright_size=(80, 50))
    info = ingestor.ingest(path)
    data = path.read_bytes()
    assert info.format == "jpeg"
    assert (info.width, info.height) == (80, 50)
    assert info.size == len(data)
    assert info.taken_at == "2026-05-01T09:30:12+08:00"
    assert info.lat == pytest.approx(dms_value(22.543096), abs=1e-9)
    assert info.lon == pytest.approx(dms_value(114.057865), abs=1e-9)
    assert info.lat == pytest.approx(22.543096, abs=1e-5)  # hundredths of a second
    assert info.alt == pytest.approx(35.25)
    assert (info.make, info.model) == ("HUAWEI", "ELS-AN00")
    assert info.orientation is None
    # The original is stored byte for byte, durable, under its hash.
    assert ingestor.originals.path_for(info.sha256).read_bytes() == data
    assert ingestor.originals.verify(info.sha256)
    assert_upright(info.thumbnail)
    assert_upright(ingestor.preview_path(info.sha256).read_bytes())


@pytest.mark.parametrize(
    ("lat", "lon"),
    [(22.5431, 114.0579), (-33.8688, 151.2093), (40.7128, -74.0060), (-22.9068, -43.1729)],
    ids=["N-E", "S-E", "N-W", "S-W"],
)
def test_gps_in_all_four_hemispheres(ingestor: PhotoIngestor, tmp_path: Path, lat: float, lon: float) -> None:
    path = pf.write_jpeg(tmp_path / "g.jpg", exif=pf.make_exif(gps=pf.Gps(lat, lon)))
    info = ingestor.ingest(path)
    assert info.lat == pytest.approx(dms_value(lat) * (1 if lat > 0 else -1), abs=1e-9)
    assert info.lon == pytest.approx(dms_value(lon) * (1 if lon > 0 else -1), abs=1e-9)
    assert info.alt is None


@pytest.mark.parametrize("alt", [12.5, -7.25, 0.0])
def test_altitude_with_its_reference(ingestor: PhotoIngestor, tmp_path: Path, alt: float) -> None:
    exif = pf.make_exif(gps=pf.Gps(31.2304, 121.4737, alt=alt))
    info = ingestor.ingest(pf.write_jpeg(tmp_path / "alt.jpg", exif=exif))
    assert info.alt == pytest.approx(alt)


@pytest.mark.parametrize(
    "gps_raw",
    [
        # (0, 0): a receiver without a fix
        {1: "N", 2: (Fraction(0), Fraction(0), Fraction(0)), 3: "E", 4: (0, 0, 0)},
        # latitude out of range
        {1: "N", 2: (Fraction(95), Fraction(0), Fraction(0)), 3: "E", 4: (10, 0, 0)},
        # longitude out of range
        {1: "S", 2: (Fraction(10), Fraction(0), Fraction(0)), 3: "W", 4: (181, 0, 0)},
        # minutes out of range
        {1: "N", 2: (Fraction(10), Fraction(75), Fraction(0)), 3: "E", 4: (10, 0, 0)},
        # no hemisphere references
        {2: (Fraction(22), Fraction(30), Fraction(0)), 4: (114, 0, 0)},
        # a nonsense reference
        {1: "Q", 2: (Fraction(22), Fraction(30), Fraction(0)), 3: "E", 4: (114, 0, 0)},
    ],
    ids=["zero-zero", "lat-95", "lon-181", "minutes-75", "no-refs", "bad-ref"],
)
def test_unusable_gps_is_missing(ingestor: PhotoIngestor, tmp_path: Path, gps_raw: dict[int, object]) -> None:
    exif = pf.make_exif(gps_raw=gps_raw, taken_at=TAKEN)
    info = ingestor.ingest(pf.write_jpeg(tmp_path / "bad-gps.jpg", exif=exif))
    assert (info.lat, info.lon) == (None, None)
    assert info.taken_at == "2026-05-01T09:30:12"  # the rest still reads


@pytest.mark.parametrize(
    ("exif_kwargs", "expected"),
    [
        ({"taken_at": TAKEN, "offset": "+08:00"}, "2026-05-01T09:30:12+08:00"),
        ({"taken_at": TAKEN, "offset": "-03:30"}, "2026-05-01T09:30:12-03:30"),
        (
            {"taken_at": TAKEN, "offset": "+05:45", "offset_tag": pf.TAG_OFFSET_TIME},
            "2026-05-01T09:30:12+05:45",
        ),
        ({"taken_at": TAKEN}, "2026-05-01T09:30:12"),  # as written, never shifted
        ({"taken_at": TAKEN, "offset": "   :  "}, "2026-05-01T09:30:12"),  # blank offset
        ({"digitized_at": "2025:12:31 23:59:59"}, "2025-12-31T23:59:59"),
        ({"taken_at": "0000:00:00 00:00:00"}, None),
        ({"taken_at": "2026:02:30 10:00:00"}, None),
        ({"taken_at": "yesterday"}, None),
        ({}, None),
    ],
    ids=[
        "offset-original",
        "negative-offset",
        "offset-time",
        "no-offset",
        "blank-offset",
        "digitized",
        "zeros",
        "impossible-date",
        "text",
        "absent",
    ],
)
def test_capture_time(
    ingestor: PhotoIngestor, tmp_path: Path, exif_kwargs: dict[str, object], expected: str | None
) -> None:
    exif = pf.make_exif(**exif_kwargs)
    info = ingestor.ingest(pf.write_jpeg(tmp_path / "t.jpg", exif=exif))
    assert info.taken_at == expected


@pytest.mark.parametrize("orientation", range(1, 9))
def test_all_eight_orientations_jpeg(ingestor: PhotoIngestor, tmp_path: Path, orientation: int) -> None:
    exif = pf.make_exif(orientation=orientation, taken_at=TAKEN)
    path = pf.write_jpeg(tmp_path / f"o{orientation}.jpg", exif=exif, upright_size=(80, 50))
    with Image.open(path) as raw:
        stored = raw.size
    assert stored == ((50, 80) if orientation >= 5 else (80, 50))
    info = ingestor.ingest(path)
    assert info.orientation == orientation
    assert (info.width, info.height) == (80, 50)  # as displayed
    assert_upright(info.thumbnail)
    assert_upright(ingestor.preview_path(info.sha256).read_bytes())
    with Image.open(io.BytesIO(info.thumbnail)) as thumb:
        assert thumb.size == (80, 50)


def test_thumbnail_and_preview_sizes(ingestor: PhotoIngestor, tmp_path: Path) -> None:
    # 2400x1800 decodes at 1/2 scale (1200 >= 960): the preview is that decode, no resize.
    path = pf.write_jpeg(
        tmp_path / "big.jpg",
        exif=pf.make_exif(orientation=6),
        image=pf.stored_for(pf.realistic_picture((2400, 1800), seed=3), 6),
    )
    info = ingestor.ingest(path)
    assert (info.width, info.height) == (2400, 1800)
    with Image.open(io.BytesIO(info.thumbnail)) as thumb:
        assert max(thumb.size) == THUMBNAIL_EDGE and thumb.size == (240, 180)
    with Image.open(ingestor.preview_path(info.sha256)) as preview:
        assert preview.format == "JPEG"
        assert PREVIEW_MIN_EDGE <= max(preview.size) <= PREVIEW_MAX_EDGE
        assert preview.size == (1200, 900)


def test_png_with_exif_and_orientation(ingestor: PhotoIngestor, tmp_path: Path) -> None:
    exif = pf.make_exif(gps=pf.Gps(-33.8688, 151.2093, alt=-4.5), taken_at=TAKEN, orientation=6)
    path = pf.write_png(tmp_path / "a.png", exif=exif, upright_size=(80, 50))
    info = ingestor.ingest(path)
    assert info.format == "png"
    assert (info.width, info.height, info.orientation) == (80, 50, 6)
    assert info.taken_at == "2026-05-01T09:30:12"
    assert info.lat == pytest.approx(-dms_value(33.8688), abs=1e-9)
    assert info.alt == pytest.approx(-4.5)
    assert_upright(info.thumbnail)


def test_png_without_exif_and_with_transparency(ingestor: PhotoIngestor, tmp_path: Path) -> None:
    picture = pf.make_picture((40, 30)).convert("RGBA")
    picture.putpixel((0, 0), (0, 0, 0, 0))
    info = ingestor.ingest(pf.write_png(tmp_path / "rgba.png", image=picture))
    assert (info.format, info.width, info.height) == ("png", 40, 30)
    assert (info.taken_at, info.lat, info.lon, info.orientation, info.make) == (None,) * 5


def test_jpeg_without_exif(ingestor: PhotoIngestor, tmp_path: Path) -> None:
    info = ingestor.ingest(pf.write_jpeg(tmp_path / "plain.jpg"))
    assert (info.width, info.height) == (64, 48)
    fields = (info.taken_at, info.lat, info.lon, info.alt, info.make, info.model, info.orientation)
    assert fields == (None,) * 7


@needs_heif
@pytest.mark.parametrize("orientation", range(1, 9))
def test_heic_orientations_and_exif(ingestor: PhotoIngestor, tmp_path: Path, orientation: int) -> None:
    exif = pf.make_exif(
        gps=pf.Gps(39.9042, 116.4074, alt=44.0),
        taken_at=TAKEN,
        offset="+08:00",
        make="Apple",
        model="iPhone 15",
        orientation=orientation,
    )
    path = pf.write_heic(tmp_path / f"o{orientation}.heic", exif=exif, upright_size=(80, 50))
    info = ingestor.ingest(path)
    assert info.format == "heif"
    # pillow-heif turns the orientation into a HEIF rotation and applies it: not twice.
    assert (info.width, info.height) == (80, 50)
    assert info.orientation == orientation
    assert info.taken_at == "2026-05-01T09:30:12+08:00"
    assert info.lat == pytest.approx(dms_value(39.9042), abs=1e-9)
    assert info.lon == pytest.approx(dms_value(116.4074), abs=1e-9)
    assert info.alt == pytest.approx(44.0)
    assert (info.make, info.model) == ("Apple", "iPhone 15")
    assert_upright(info.thumbnail)
    assert_upright(ingestor.preview_path(info.sha256).read_bytes())


@pytest.mark.parametrize("how", ["garbage", "offsets"])
def test_broken_exif_still_ingests(ingestor: PhotoIngestor, tmp_path: Path, how: str) -> None:
    exif = pf.make_exif(gps=pf.Gps(22.5, 114.1), taken_at=TAKEN, make="Canon", model="EOS", orientation=3)
    good = pf.write_jpeg(tmp_path / "good.jpg", exif=exif, upright_size=(64, 48))
    broken = pf.corrupt_exif(good, tmp_path / "broken.jpg", how)
    info = ingestor.ingest(broken)
    assert info.format == "jpeg"
    assert (info.taken_at, info.lat, info.lon, info.make, info.model) == (None,) * 5
    assert info.orientation is None
    assert (info.width, info.height) == (64, 48)  # stored pixels, shown as they are
    assert ingestor.originals.path_for(info.sha256).read_bytes() == broken.read_bytes()


def test_same_bytes_are_stored_once(ingestor: PhotoIngestor, tmp_path: Path) -> None:
    first = pf.write_jpeg(tmp_path / "one.jpg", exif=pf.make_exif(make="Dedup", taken_at=TAKEN))
    second = tmp_path / "copy-of-one.jpg"
    second.write_bytes(first.read_bytes())
    a, b = ingestor.ingest(first), ingestor.ingest(second)
    assert a == b
    matches = [p for p in ingestor.originals.root.rglob(a.sha256)]
    assert len(matches) == 1
    assert len([p for p in ingestor.previews.root.rglob(a.sha256)]) == 1


def test_preview_is_rebuilt_when_missing(ingestor: PhotoIngestor, tmp_path: Path) -> None:
    info = ingestor.ingest(pf.write_jpeg(tmp_path / "p.jpg", exif=pf.make_exif(orientation=8)))
    preview = ingestor.preview_path(info.sha256)
    before = preview.read_bytes()
    ingestor.previews.remove(info.sha256)  # space reclaimed, or lost in a crash
    assert not preview.exists()
    assert ingestor.preview_path(info.sha256) == preview
    assert preview.read_bytes() == before
    with pytest.raises(FileNotFoundError):
        ingestor.preview_path("0" * 64)


def test_probe_stores_nothing(refuser: PhotoIngestor, tmp_path: Path) -> None:
    path = pf.write_jpeg(tmp_path / "probe.jpg", exif=pf.make_exif(make="Probe"))
    info = refuser.probe(path)
    assert isinstance(info, PhotoInfo) and info.make == "Probe" and info.size > 0
    assert stored_files(refuser.originals) == [] and stored_files(refuser.previews) == []


# -- refusals: each names its reason and stores nothing --------------------------------------


@pytest.fixture(scope="module")
def sample_jpeg(workdir: Path) -> Path:
    image = pf.realistic_picture((320, 240), seed=1)
    return pf.write_jpeg(workdir / "sample.jpg", image=image, exif=pf.make_exif(make="X"))


@pytest.mark.parametrize("progressive", [False, True], ids=["baseline", "progressive"])
@pytest.mark.parametrize(
    "cut",
    [-1, -2, -10, 0.75, 0.5, 0.25, 700, 40],
    ids=["eoi", "eoi-2", "tail", "3/4", "half", "1/4", "headers", "soi"],
)
def test_truncated_jpeg(
    refuser: PhotoIngestor, sample_jpeg: Path, tmp_path: Path, progressive: bool, cut: float
) -> None:
    source = sample_jpeg
    if progressive:
        with Image.open(sample_jpeg) as image:
            source = pf.write_jpeg(tmp_path / "prog.jpg", image=image.copy(), progressive=True)
    path = pf.truncated(source, tmp_path / "cut.jpg", cut_at(source, cut))
    assert_refused(refuser, path, "truncated or corrupt image data")


def test_truncated_png(refuser: PhotoIngestor, tmp_path: Path) -> None:
    good = pf.write_png(tmp_path / "good.png", image=pf.realistic_picture((200, 150)))
    for keep in (-1, -12, 0.5, 0.9, 30):
        cut = pf.truncated(good, tmp_path / "cut.png", cut_at(good, keep))
        assert_refused(refuser, cut, "truncated or corrupt image data")


@needs_heif
def test_truncated_heic(refuser: PhotoIngestor, tmp_path: Path) -> None:
    good = pf.write_heic(tmp_path / "good.heic", exif=pf.make_exif(make="Apple"))
    for keep in (-1, 0.5, 40):
        cut = pf.truncated(good, tmp_path / "cut.heic", cut_at(good, keep))
        assert_refused(refuser, cut, "truncated or corrupt image data")


def test_zero_byte_file(refuser: PhotoIngestor, tmp_path: Path) -> None:
    assert_refused(refuser, pf.write_empty(tmp_path / "empty.jpg"), "empty file")


def test_text_renamed_jpg(refuser: PhotoIngestor, tmp_path: Path) -> None:
    path = pf.write_text(tmp_path / "notes.jpg")
    assert_refused(refuser, path, "not an image (unsupported or unknown format)")


def test_decompression_bomb(refuser: PhotoIngestor, tmp_path: Path) -> None:
    path = pf.write_png_bomb(tmp_path / "bomb.png", 20_000, 10_000)
    assert path.stat().st_size < 1000
    error = assert_refused(refuser, path, "image too large")
    assert error.reason == "image too large: 200000000 pixels (limit 120000000)"


def test_just_over_the_pixel_limit(tmp_path: Path) -> None:
    # Between the limit and twice it, Pillow only warns: the worker makes that an error.
    originals, previews = BlobStore(tmp_path / "o"), BlobStore(tmp_path / "p")
    with PhotoIngestor(originals, previews, max_pixels=2000) as small:
        error = assert_refused(small, pf.write_png_bomb(tmp_path / "b.png", 50, 50), "too large")
        assert error.reason == "image too large: 2500 pixels (limit 2000)"
        info = small.ingest(pf.write_jpeg(tmp_path / "ok.jpg", upright_size=(40, 40)))
        assert info.width == 40


@pytest.mark.parametrize("fmt", ["GIF", "BMP", "TIFF", "WEBP"])
def test_unsupported_formats(refuser: PhotoIngestor, tmp_path: Path, fmt: str) -> None:
    path = pf.write_other_format(tmp_path / f"picture.{fmt.lower()}", fmt)
    name = {"WEBP": "WebP"}.get(fmt, fmt)
    error = assert_refused(refuser, path, f"unsupported format: {name}")
    assert "accepted: JPEG, PNG, HEIC/HEIF" in error.reason


def test_gif_named_jpg(refuser: PhotoIngestor, tmp_path: Path) -> None:
    assert_refused(refuser, pf.write_other_format(tmp_path / "x.jpg", "GIF"), "unsupported")


def test_file_over_max_bytes(refuser: PhotoIngestor, tmp_path: Path) -> None:
    path = tmp_path / "huge.jpg"
    with open(path, "wb") as handle:
        handle.truncate(2 * 1024 * 1024 + 1)  # sparse: instant
    error = assert_refused(refuser, path, "file too large")
    assert error.reason == "file too large: 2097153 bytes (limit 2097152)"


def test_missing_path_and_folder(refuser: PhotoIngestor, tmp_path: Path) -> None:
    assert_refused(refuser, tmp_path / "nowhere.jpg", "file not found")
    assert_refused(refuser, tmp_path, "a folder, not a file")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_not_a_regular_file(refuser: PhotoIngestor, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.jpg"
    os.mkfifo(fifo)
    assert_refused(refuser, fifo, "not a regular file")


_UNPRIVILEGED = """
import sys
import tempfile
from pathlib import Path
from storage.blobs import BlobStore
from storage.errors import PhotoError
from storage.photos import PhotoIngestor
work = Path(sys.argv[1])
if __name__ == "__main__":
  with PhotoIngestor(BlobStore(work / "o"), BlobStore(work / "p")) as ingestor:
    try:
        ingestor.ingest(work / "locked.jpg")
    except PhotoError as exc:
        stored = [p for p in work.rglob("*") if p.is_file() and p.name not in ("locked.jpg", "run.py")]
        print("REFUSED", exc.reason, len(stored))
    else:
        print("STORED")
"""


def _unprivileged() -> list[str] | None:
    if not hasattr(os, "geteuid"):
        return None
    if os.geteuid() != 0:
        return []
    # root without the capabilities that let it read any file: as an ordinary user would be
    setpriv = shutil.which("setpriv")
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search"] if setpriv else None


@pytest.mark.skipif(_unprivileged() is None, reason="needs a non-root user (setpriv, as root)")
def test_unreadable_file() -> None:
    """A file the app's user may not read is refused by name (as root: in a process without CAP_DAC_*)."""
    work = Path(tempfile.mkdtemp(prefix="fieldcase-unreadable-"))
    try:
        path = pf.write_jpeg(work / "locked.jpg")
        path.chmod(0)
        script = work / "run.py"
        script.write_text(_UNPRIVILEGED)
        result = subprocess.run(
            [*(_unprivileged() or []), sys.executable, str(script), str(work)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.split() == ["REFUSED", "cannot", "read", "the", "file:", "permission", "denied", "0"]
    finally:
        shutil.rmtree(work, ignore_errors=True)


# -- the decoder process: time limit, crash, shutdown -----------------------------------------


def test_time_limit_kills_the_decoder_and_the_next_photo_works(tmp_path: Path) -> None:
    originals, previews = BlobStore(tmp_path / "o"), BlobStore(tmp_path / "p")
    slow = pf.write_jpeg(tmp_path / "slow.jpg", image=pf.realistic_picture((3000, 2000)))
    with PhotoIngestor(originals, previews, time_limit_s=0.002) as ingestor:
        first_pid = ingestor.decoder_pid
        error = assert_refused(ingestor, slow, "decoding took longer than 0.002 s")
        assert "time" in str(error) or "longer" in str(error)
        assert ingestor.decoder_pid != first_pid  # killed and respawned
        ingestor.time_limit_s = 20.0
        info = ingestor.ingest(pf.write_jpeg(tmp_path / "next.jpg", exif=pf.make_exif(make="OK")))
        assert info.make == "OK"
        assert originals.has(info.sha256)


def kill_and_watch(pid: int) -> Callable[[], None]:
    """SIGKILL `pid`; the returned function waits until it has exited (without reaping it)."""
    watcher = os.pidfd_open(pid) if hasattr(os, "pidfd_open") else None
    os.kill(pid, signal.SIGKILL)

    def wait() -> None:
        if watcher is None:
            time.sleep(0.5)
            return
        try:
            ready, _, _ = select.select([watcher], [], [], 5.0)
            assert ready, "the killed decoder did not exit"
        finally:
            os.close(watcher)

    return wait


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="POSIX signals")
def test_a_dead_decoder_is_replaced(tmp_path: Path) -> None:
    originals, previews = BlobStore(tmp_path / "o"), BlobStore(tmp_path / "p")
    with PhotoIngestor(originals, previews) as ingestor:
        ingestor.ingest(pf.write_jpeg(tmp_path / "a.jpg"))
        pid = ingestor.decoder_pid
        assert pid is not None
        wait_for_exit = kill_and_watch(pid)
        wait_for_exit()
        info = ingestor.ingest(pf.write_jpeg(tmp_path / "b.jpg", exif=pf.make_exif(make="B")))
        assert info.make == "B"
        assert ingestor.decoder_pid != pid


def test_close_stops_the_decoder(tmp_path: Path) -> None:
    ingestor = PhotoIngestor(BlobStore(tmp_path / "o"), tmp_path / "p")
    ingestor.ingest(pf.write_jpeg(tmp_path / "a.jpg"))
    pid = ingestor.decoder_pid
    assert pid is not None
    ingestor.close()
    ingestor.close()  # idempotent
    assert ingestor.decoder_pid is None
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    with pytest.raises(RuntimeError):
        ingestor.ingest(tmp_path / "a.jpg")


@pytest.mark.skipif(not hasattr(os, "pidfd_open"), reason="needs pidfd_open (Linux)")
def test_the_decoder_ends_with_the_app(tmp_path: Path) -> None:
    photo = pf.write_jpeg(tmp_path / "a.jpg")
    script = textwrap.dedent(
        f"""
        import time
        from pathlib import Path
        from storage.blobs import BlobStore
        from storage.photos import PhotoIngestor
        ingestor = PhotoIngestor(BlobStore(Path({str(tmp_path / "o")!r})), Path({str(tmp_path / "p")!r}))
        ingestor.probe(Path({str(photo)!r}))
        print(ingestor.decoder_pid, flush=True)
        time.sleep(60)
        """
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    app = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, cwd=ROOT, env=env)
    try:
        assert app.stdout is not None
        decoder = int(app.stdout.readline())
        watcher = os.pidfd_open(decoder)
    finally:
        app.kill()  # SIGKILL: no clean-up code runs in the app
        app.wait()
        if app.stdout is not None:
            app.stdout.close()
    try:
        ready, _, _ = select.select([watcher], [], [], 10.0)
        assert ready, "the decoder outlived the app"
    finally:
        os.close(watcher)


def test_an_interrupted_ingest_does_not_mix_up_answers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    originals, previews = BlobStore(tmp_path / "o"), BlobStore(tmp_path / "p")
    with PhotoIngestor(originals, previews) as ingestor:
        first = pf.write_jpeg(tmp_path / "first.jpg", exif=pf.make_exif(make="First"))
        second = pf.write_jpeg(tmp_path / "second.jpg", exif=pf.make_exif(make="Second"))

        def interrupted(self: BlobStore, src: Path) -> None:
            raise KeyboardInterrupt

        monkeypatch.setattr(BlobStore, "stage_file", interrupted)
        with pytest.raises(KeyboardInterrupt):
            ingestor.ingest(first)  # the decoder's answer for it is left unread
        monkeypatch.undo()
        assert stored_files(originals) == [] and stored_files(previews) == []
        assert ingestor.ingest(second).make == "Second"
        assert ingestor.ingest(first).make == "First"
