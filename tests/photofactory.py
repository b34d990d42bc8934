"""Test photos made by code: JPEG, PNG and HEIC with EXIF written by Pillow, and broken files.

Every EXIF field is written with Pillow's `Image.Exif` (GPS as degree/minute/second rationals
with their N/S/E/W references, capture time with or without an offset, orientation 1..8), so
tests need no downloaded samples. Pictures have four differently coloured quadrants, so a test
can tell from any rendering which way up it was drawn (see `CORNERS` and `corner_colours`).

Typical use::

    exif = make_exif(gps=Gps(22.5431, 114.0579, alt=35.2), taken_at="2026:05:01 09:30:12",
                     offset="+08:00", make="Huawei", model="P60", orientation=6)
    path = write_jpeg(tmp_path / "a.jpg", exif=exif, upright_size=(64, 48))

Broken files: `truncated`, `write_empty`, `write_text`, `write_png_bomb`, `write_other_format`
(GIF, BMP, TIFF, WebP), `corrupt_exif`.
"""

from __future__ import annotations

import io
import random
import struct
import zlib
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from PIL import Image

__all__ = [
    "CORNERS",
    "TAG_OFFSET_TIME",
    "TAG_OFFSET_TIME_ORIGINAL",
    "Gps",
    "corner_colours",
    "corrupt_exif",
    "dms",
    "heif_available",
    "make_exif",
    "make_picture",
    "realistic_picture",
    "stored_for",
    "truncated",
    "write_empty",
    "write_heic",
    "write_jpeg",
    "write_other_format",
    "write_png",
    "write_png_bomb",
    "write_realistic_jpeg",
    "write_text",
]

# EXIF tag numbers (Exif 2.32 / TIFF 6.0).
TAG_MAKE = 0x010F
TAG_MODEL = 0x0110
TAG_ORIENTATION = 0x0112
TAG_DATETIME = 0x0132
IFD_EXIF = 0x8769
IFD_GPS = 0x8825
TAG_DATETIME_ORIGINAL = 0x9003
TAG_DATETIME_DIGITIZED = 0x9004
TAG_OFFSET_TIME = 0x9010
TAG_OFFSET_TIME_ORIGINAL = 0x9011
GPS_VERSION = 0x0000
GPS_LAT_REF = 0x0001
GPS_LAT = 0x0002
GPS_LON_REF = 0x0003
GPS_LON = 0x0004
GPS_ALT_REF = 0x0005
GPS_ALT = 0x0006

# The upright picture's quadrant colours; distinct enough to survive JPEG at any size.
CORNERS: dict[str, tuple[int, int, int]] = {
    "top_left": (230, 20, 20),  # red
    "top_right": (20, 200, 20),  # green
    "bottom_left": (20, 20, 230),  # blue
    "bottom_right": (240, 240, 20),  # yellow
}

# Orientation o is displayed by applying _SHOW[o] to the stored pixels (exif_transpose's
# table); a file with orientation o therefore stores _STORE[o](upright).
_SHOW = {
    1: None,
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
_INVERSE = {
    Image.Transpose.ROTATE_270: Image.Transpose.ROTATE_90,
    Image.Transpose.ROTATE_90: Image.Transpose.ROTATE_270,
}


@dataclass(frozen=True)
class Gps:
    """A position in signed decimal degrees; written as DMS rationals plus references."""

    lat: float
    lon: float
    alt: float | None = None  # metres; negative is written as GPSAltitudeRef = 1
    error_m: float | None = None  # GPSHPositioningError, metres


def dms(degrees: float) -> tuple[Fraction, Fraction, Fraction]:
    """|degrees| as (degrees, minutes, seconds/100-precision) rationals, as cameras write."""
    value = abs(degrees)
    whole = int(value)
    minutes_float = (value - whole) * 60
    minutes = int(minutes_float)
    hundredths = round((minutes_float - minutes) * 60 * 100)
    if hundredths >= 6000:  # rounding carried into the next minute
        hundredths -= 6000
        minutes += 1
    return Fraction(whole), Fraction(minutes), Fraction(hundredths, 100)


def make_exif(
    *,
    gps: Gps | None = None,
    gps_raw: dict[int, object] | None = None,
    taken_at: str | None = None,
    offset: str | None = None,
    offset_tag: int = TAG_OFFSET_TIME_ORIGINAL,
    digitized_at: str | None = None,
    make: str | None = None,
    model: str | None = None,
    orientation: int | None = None,
) -> Image.Exif:
    """An EXIF block written by Pillow. `taken_at` is EXIF text, "2026:05:01 09:30:12".

    `gps_raw` writes GPS tags exactly as given (for out-of-range or odd values);
    `offset_tag` chooses OffsetTimeOriginal (default) or OffsetTime (TAG_OFFSET_TIME).
    """
    exif = Image.Exif()
    if make is not None:
        exif[TAG_MAKE] = make
    if model is not None:
        exif[TAG_MODEL] = model
    if orientation is not None:
        exif[TAG_ORIENTATION] = orientation
    if taken_at is not None or digitized_at is not None or offset is not None:
        sub = exif.get_ifd(IFD_EXIF)
        if taken_at is not None:
            sub[TAG_DATETIME_ORIGINAL] = taken_at
        if digitized_at is not None:
            sub[TAG_DATETIME_DIGITIZED] = digitized_at
        if offset is not None:
            sub[offset_tag] = offset
    if gps is not None or gps_raw is not None:
        tags = exif.get_ifd(IFD_GPS)
        tags[GPS_VERSION] = b"\x02\x03\x00\x00"
        if gps is not None:
            tags[GPS_LAT_REF] = "N" if gps.lat >= 0 else "S"
            tags[GPS_LAT] = dms(gps.lat)
            tags[GPS_LON_REF] = "E" if gps.lon >= 0 else "W"
            tags[GPS_LON] = dms(gps.lon)
            if gps.alt is not None:
                tags[GPS_ALT_REF] = b"\x01" if gps.alt < 0 else b"\x00"
                tags[GPS_ALT] = Fraction(abs(gps.alt)).limit_denominator(1000)
            if gps.error_m is not None:
                tags[0x001F] = Fraction(gps.error_m).limit_denominator(1000)
        for tag, value in (gps_raw or {}).items():
            tags[tag] = value
    return exif


def make_picture(size: tuple[int, int] = (64, 48)) -> Image.Image:
    """An upright RGB picture with the four `CORNERS` colours in its quadrants."""
    width, height = size
    picture = Image.new("RGB", size, CORNERS["bottom_right"])
    half_w, half_h = width // 2, height // 2
    picture.paste(CORNERS["top_left"], (0, 0, half_w, half_h))
    picture.paste(CORNERS["top_right"], (half_w, 0, width, half_h))
    picture.paste(CORNERS["bottom_left"], (0, half_h, half_w, height))
    return picture


def stored_for(upright: Image.Image, orientation: int) -> Image.Image:
    """The pixels a camera stores so that `orientation` displays `upright`."""
    show = _SHOW[orientation]
    if show is None:
        return upright.copy()
    return upright.transpose(_INVERSE.get(show, show))


def corner_colours(picture: Image.Image, inset: float = 0.15) -> dict[str, tuple[int, ...]]:
    """The colour near each corner of `picture` (an RGB image or JPEG bytes)."""
    rgb = picture.convert("RGB")
    width, height = rgb.size
    dx, dy = max(0, int(width * inset)), max(0, int(height * inset))
    points = {
        "top_left": (dx, dy),
        "top_right": (width - 1 - dx, dy),
        "bottom_left": (dx, height - 1 - dy),
        "bottom_right": (width - 1 - dx, height - 1 - dy),
    }
    colours: dict[str, tuple[int, ...]] = {}
    for name, point in points.items():
        pixel = rgb.getpixel(point)
        assert isinstance(pixel, tuple)
        colours[name] = pixel
    return colours


def _exif_bytes(exif: Image.Exif | bytes | None) -> bytes | None:
    if exif is None:
        return None
    return exif if isinstance(exif, bytes) else exif.tobytes()


def _picture_for(
    image: Image.Image | None, upright_size: tuple[int, int], exif: Image.Exif | bytes | None
) -> Image.Image:
    if image is not None:
        return image
    orientation = 1
    if isinstance(exif, Image.Exif):
        orientation = int(exif.get(TAG_ORIENTATION, 1) or 1)
        if orientation not in _SHOW:
            orientation = 1
    return stored_for(make_picture(upright_size), orientation)


def write_jpeg(
    path: Path,
    *,
    exif: Image.Exif | bytes | None = None,
    upright_size: tuple[int, int] = (64, 48),
    image: Image.Image | None = None,
    quality: int = 90,
    progressive: bool = False,
) -> Path:
    """A JPEG whose pixels are stored so that its EXIF orientation shows the upright picture.

    Pass `image` to store those pixels as they are instead.
    """
    picture = _picture_for(image, upright_size, exif)
    data = _exif_bytes(exif)
    options: dict[str, object] = {"quality": quality, "progressive": progressive}
    if data is not None:
        options["exif"] = data
    picture.save(path, "JPEG", **options)
    return path


def write_png(
    path: Path,
    *,
    exif: Image.Exif | bytes | None = None,
    upright_size: tuple[int, int] = (64, 48),
    image: Image.Image | None = None,
) -> Path:
    """A PNG; EXIF goes into an eXIf chunk."""
    picture = _picture_for(image, upright_size, exif)
    data = _exif_bytes(exif)
    if data is not None:
        picture.save(path, "PNG", exif=data)
    else:
        picture.save(path, "PNG")
    return path


def heif_available() -> bool:
    """True if pillow-heif can encode HEIF here (it ships an x265 encoder on most wheels)."""
    try:
        import pillow_heif

        pillow_heif.register_heif_opener()
        Image.new("RGB", (16, 16)).save(io.BytesIO(), "HEIF")
    except Exception:
        return False
    return True


def write_heic(
    path: Path,
    *,
    exif: Image.Exif | bytes | None = None,
    upright_size: tuple[int, int] = (64, 48),
    image: Image.Image | None = None,
    quality: int = 90,
) -> Path:
    """A HEIC made by pillow-heif. An EXIF orientation becomes a HEIF rotation (irot/imir)."""
    import pillow_heif

    pillow_heif.register_heif_opener()
    picture = _picture_for(image, upright_size, exif)
    data = _exif_bytes(exif)
    options: dict[str, object] = {"quality": quality}
    if data is not None:
        options["exif"] = data
    picture.save(path, "HEIF", **options)
    return path


def realistic_picture(size: tuple[int, int] = (4000, 3000), seed: int = 0) -> Image.Image:
    """Gradients plus sensor-like noise: compresses like a photo (12 MP → about 3-5 MB)."""
    rng = random.Random(seed)
    cols, rows = 16, 12
    coarse = Image.new("RGB", (cols, rows))
    for y in range(rows):
        for x in range(cols):
            coarse.putpixel(
                (x, y),
                (
                    (x * 16 + rng.randrange(60)) % 256,
                    (y * 20 + rng.randrange(60)) % 256,
                    (seed * 37 + x * y * 3 + rng.randrange(60)) % 256,
                ),
            )
    base = coarse.resize(size, Image.Resampling.BICUBIC)
    noise = Image.frombytes("RGB", size, rng.randbytes(size[0] * size[1] * 3))
    return Image.blend(base, noise, 0.12)


def write_realistic_jpeg(
    path: Path,
    *,
    size: tuple[int, int] = (4000, 3000),
    seed: int = 0,
    exif: Image.Exif | bytes | None = None,
    quality: int = 90,
) -> Path:
    """A camera-like JPEG (see `realistic_picture`) with the given EXIF."""
    return write_jpeg(path, exif=exif, image=realistic_picture(size, seed), quality=quality)


# -- broken files -------------------------------------------------------------------------


def truncated(src: Path, dst: Path, keep: int) -> Path:
    """The first `keep` bytes of `src` (negative: all but the last -keep bytes)."""
    data = src.read_bytes()
    dst.write_bytes(data[:keep])
    return dst


def write_empty(path: Path) -> Path:
    path.write_bytes(b"")
    return path


def write_text(path: Path, text: str = "This is not a photo.\nJust some text.\n") -> Path:
    """A text file, typically named .jpg."""
    path.write_text(text, encoding="utf-8")
    return path


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def write_png_bomb(path: Path, width: int = 20_000, height: int = 10_000) -> Path:
    """A tiny PNG whose header declares `width` x `height` grey pixels (a decompression bomb).

    Its IDAT holds only a few rows; the point is what the header claims.
    """
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    rows = zlib.compress(b"\x00" + b"\x00" * width, 9) if width <= 1_000_000 else b""
    data = b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header) + _png_chunk(b"IDAT", rows) + _png_chunk(b"IEND", b"")
    path.write_bytes(data)
    return path


def write_other_format(path: Path, format: str, size: tuple[int, int] = (32, 24)) -> Path:
    """A valid image in a format Fieldcase refuses: "GIF", "BMP", "TIFF", "WEBP"…"""
    make_picture(size).save(path, format)
    return path


def corrupt_exif(src: Path, dst: Path, how: str = "garbage", seed: int = 0) -> Path:
    """Copy the JPEG `src` with its EXIF (APP1) segment damaged but its length kept.

    how: "garbage" (random bytes after the TIFF header), "header" (a bad byte-order mark),
    "offsets" (IFD offsets pointing past the end), "counts" (IFD entry count 0xFFFF).
    The JPEG itself stays decodable.
    """
    data = bytearray(src.read_bytes())
    start = data.find(b"Exif\x00\x00")
    if start < 0 or data[start - 4 : start - 2] != b"\xff\xe1":
        raise ValueError(f"{src} has no EXIF segment")
    length = struct.unpack(">H", data[start - 2 : start])[0]
    tiff = start + 6  # the TIFF header: byte order, 42, offset of IFD0
    end = start - 2 + length
    endian = "<" if data[tiff : tiff + 2] == b"II" else ">"
    if how == "garbage":
        rng = random.Random(seed)
        for i in range(tiff + 8, end):
            data[i] = rng.randrange(256)
    elif how == "header":
        data[tiff : tiff + 4] = b"XY\x00\x00"
    elif how == "offsets":
        ifd0 = tiff + struct.unpack(endian + "I", data[tiff + 4 : tiff + 8])[0]
        count = struct.unpack(endian + "H", data[ifd0 : ifd0 + 2])[0]
        for entry in range(count):
            at = ifd0 + 2 + entry * 12
            data[at + 8 : at + 12] = struct.pack(endian + "I", 0x7FFF_FFF0)
    elif how == "counts":
        ifd0 = tiff + struct.unpack(endian + "I", data[tiff + 4 : tiff + 8])[0]
        data[ifd0 : ifd0 + 2] = b"\xff\xff"
    else:
        raise ValueError(f"unknown corruption {how!r}")
    dst.write_bytes(bytes(data))
    return dst
