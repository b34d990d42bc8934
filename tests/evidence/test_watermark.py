"""Watermarked copies: stamped with case, time, coordinates and inspector, naming the original's hash;
the originals untouched."""

from __future__ import annotations

import hashlib
import io
import shutil
from pathlib import Path

import pytest
from PIL import Image

from app.evidence import watermark
from app.evidence.bundle import export_case
from app.evidence.verify import verify_bundle
from app.services import Tablet
from tests.evidence import bundles
from tests.photofactory import Gps, make_exif, write_realistic_jpeg


@pytest.fixture
def case_id(tablet: Tablet, tmp_path: Path) -> str:
    folder = tmp_path / "camera"
    folder.mkdir()
    paths = [
        write_realistic_jpeg(
            folder / f"P{i}.jpg",
            size=(800, 600),
            seed=i,
            exif=make_exif(
                gps=Gps(34.7466, 113.6253), taken_at="2026:11:20 09:30:12", offset="+08:00", orientation=6 if i else 1
            ),
        )
        for i in range(2)
    ]
    tablet.repo.set_meta("default_inspector", "张伟")
    case = tablet.new_case(type="manhole_cover", subtype="broken", fields={"owner": "gas"}, photos=paths)
    return case.id


def test_copies_are_stamped_and_the_originals_untouched(tablet: Tablet, case_id: str, tmp_path: Path) -> None:
    case = tablet.case(case_id)
    before = {}
    for p in case.photos:
        with tablet.originals.open(p.sha256) as fh:
            before[p.sha256] = fh.read()
    out = tmp_path / "wm.zip"
    result = export_case(tablet, case_id, out, watermarked=True)
    assert result["watermarked_copies"] == 2
    manifest, files = bundles.read(out)
    for p in case.photos:
        assert tablet.originals.verify(p.sha256)
        with tablet.originals.open(p.sha256) as fh:
            assert fh.read() == before[p.sha256]  # the stored original is unchanged
        original = files[f"photos/{p.sha256}.jpg"]
        assert original == before[p.sha256]  # and it is in the bundle byte for byte
        name = f"copies/{p.sha256}.watermarked.jpg"  # the copy's name names the original's hash
        copy = files[name]
        assert copy != original and hashlib.sha256(copy).hexdigest() != p.sha256
        with Image.open(io.BytesIO(copy)) as im:
            assert p.sha256 in im.getexif()[watermark.DESCRIPTION_TAG]  # and so does its metadata
            assert p.sha256.encode() in im.info["comment"]
            assert im.size == (p.width, p.height)  # upright, as displayed
        entry = next(c for c in manifest["copies"] if c["path"] == name)
        assert entry["of"] == p.sha256 and entry["sha256"] == hashlib.sha256(copy).hexdigest()
    report = verify_bundle(out)
    assert report.ok, report.problems
    assert report.copies == 2 and report.photos_rehashed == 2


def test_an_altered_copy_is_noticed(tablet: Tablet, case_id: str, tmp_path: Path) -> None:
    export_case(tablet, case_id, tmp_path / "wm.zip", watermarked=True)
    manifest, files = bundles.read(tmp_path / "wm.zip")
    name = manifest["copies"][0]["path"]
    data = bytearray(files[name])
    data[-100] ^= 0xFF
    files[name] = bytes(data)
    report = verify_bundle(bundles.write(tmp_path / "bad.zip", manifest, files))
    assert report.problems[0].startswith(f"watermarked copy of {manifest['copies'][0]['of']}: its content")


@pytest.mark.parametrize("shade", [0, 255, 128])
def test_the_band_reads_on_any_photo(tmp_path: Path, shade: int) -> None:
    """On black, white and grey photos alike: a dark band, with white text on it."""
    path = tmp_path / "flat.jpg"
    Image.new("RGB", (1200, 900), (shade, shade, shade)).save(path, quality=95)
    lines = watermark.watermark_lines(
        case_code="K7QM-20261120-0001",
        time="2026-11-20T09:30:12+08:00",
        lat=34.7466,
        lon=113.6253,
        inspector="张伟",
        sha256="ab" * 32,
    )
    copy = Image.open(io.BytesIO(watermark.stamp(path, lines, "ab" * 32))).convert("L")
    assert copy.size == (1200, 900)
    top = copy.crop((0, 0, 1200, 300))
    band = copy.crop((0, 900 - 60, 1200, 900))  # the foot of the photo lies in the band
    assert abs(top.getextrema()[0] - shade) < 8  # above the band the photo is as it was
    low, high = band.getextrema()
    assert high >= 235, "no white text in the band"
    assert low <= 0.45 * shade + 10, "the band does not darken the photo"


def test_no_cjk_font_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    watermark.cjk_font.cache_clear()
    monkeypatch.setattr(watermark, "FONT_CANDIDATES", ("/nonexistent/font.ttc",))
    monkeypatch.setattr(shutil, "which", lambda name: None)
    path = tmp_path / "p.jpg"
    Image.new("RGB", (100, 100)).save(path)
    with pytest.raises(watermark.WatermarkError, match="fonts-noto-cjk"):
        watermark.stamp(path, ["x"], "ab" * 32)
    watermark.cjk_font.cache_clear()


def test_the_cli_writes_watermarked_copies(cli, tablet: Tablet, case_id: str, tmp_path: Path) -> None:
    tablet.close()
    rc, doc, _ = cli("export", case_id[:8], "--out", str(tmp_path / "c.zip"), "--watermarked")
    assert rc == 0 and doc["watermarked_copies"] == 2
    rc, doc, _ = cli("verify", str(tmp_path / "c.zip"))
    assert rc == 0 and doc["watermarked_copies"] == 2
