"""The photo decoder: checks a photo, reads its EXIF and renders its preview and thumbnail.

`storage.photos` runs `serve()` in a separate process with a time limit per photo, so a
hostile file can neither hang nor exhaust the app: decoding (Pillow, libjpeg, libheif) and
EXIF parsing (exifread, whose crafted-file loop is exif-py issue #182) happen only here.
`decode()` itself is a plain function.

One reduced-size decode feeds everything: for a JPEG, libjpeg's DCT scaling (`Image.draft`)
decodes at 1/8, 1/4 or 1/2 scale, the smallest scale whose long edge still reaches
`preview_min_edge`; the preview is that image (shrunk to `preview_max_edge` if it is larger)
and the thumbnail is shrunk from it. The entropy decoding still reads every byte of the scan,
so a truncated JPEG fails to load (Pillow's LOAD_TRUNCATED_IMAGES stays False) at no extra
cost; a PNG is also checked to reach its IEND chunk.

EXIF: exifread (details=False) for JPEG and PNG (eXIf chunk). For HEIC/HEIF, exifread fails,
so the EXIF comes from Pillow via pillow-heif, which also applies the HEIF rotation itself and
resets Orientation to 1: it must not be rotated a second time. EXIF that cannot be parsed
leaves its fields None; it never makes a valid image unacceptable.
"""

from __future__ import annotations

import contextlib
import io
import logging
import math
import multiprocessing
import multiprocessing.connection
import os
import re
import struct
import sys
import threading
import traceback
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from multiprocessing.connection import Connection
from typing import Any, BinaryIO

import exifread
import pillow_heif
from PIL import Image, ImageFile, UnidentifiedImageError

__all__ = ["Decoded", "DecodeOptions", "Refused", "decode", "serve"]

log = logging.getLogger(__name__)

# Pillow's format names → ours. MPO is a JPEG with extra frames appended (many phones).
_FORMATS = {"JPEG": "jpeg", "MPO": "jpeg", "PNG": "png", "HEIF": "heif"}
_OPEN_FORMATS = ["JPEG", "PNG", "HEIF"]
_ACCEPTED_TEXT = "accepted: JPEG, PNG, HEIC/HEIF"

# exif_transpose's table: EXIF orientation → the transpose that shows the picture upright.
_TRANSPOSE = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}

_MAX_TEXT = 255  # make and model longer than this are cut (hostile files)


@dataclass(frozen=True)
class DecodeOptions:
    max_pixels: int = 120_000_000
    preview_min_edge: int = 960
    preview_max_edge: int = 1600
    thumbnail_edge: int = 240
    preview_quality: int = 85
    thumbnail_quality: int = 80
    memory_limit: int | None = None  # bytes of data segment for the worker (POSIX), None = no limit


@dataclass(frozen=True)
class Decoded:
    """What the decoder learnt from a photo; the caller adds the hash and size."""

    format: str
    width: int
    height: int
    taken_at: str | None
    lat: float | None
    lon: float | None
    alt: float | None
    make: str | None
    model: str | None
    orientation: int | None
    thumbnail: bytes
    preview: bytes
    preview_size: tuple[int, int]
    accuracy_m: float | None = None  # GPSHPositioningError, metres


class Refused(Exception):
    """The file cannot be accepted; `reason` is human-readable English."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


# -- the worker process -------------------------------------------------------------------


def configure(options: DecodeOptions) -> None:
    """Set this process up for hostile input (the worker calls it once)."""
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    Image.MAX_IMAGE_PIXELS = options.max_pixels
    warnings.simplefilter("ignore")  # nobody reads a worker's warnings…
    warnings.simplefilter("error", Image.DecompressionBombWarning)  # …but this one refuses
    logging.getLogger("exifread").disabled = True  # it logs every malformed tag at WARNING
    pillow_heif.register_heif_opener()
    # Decoding yields to the app: on a weak tablet the GUI thread must win the CPU.
    if hasattr(os, "nice"):
        with contextlib.suppress(OSError):
            os.nice(5)
    if options.memory_limit is not None:
        _limit_memory(options.memory_limit)


def _limit_memory(limit: int) -> None:
    try:
        import resource
    except ImportError:  # Windows: no rlimits; the time limit still applies
        return
    # RLIMIT_DATA counts heap and anonymous mappings that are really writable (Linux ≥ 4.7),
    # unlike RLIMIT_AS it does not count the address space reserved by thread stacks/arenas.
    soft, hard = resource.getrlimit(resource.RLIMIT_DATA)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    try:
        resource.setrlimit(resource.RLIMIT_DATA, (limit, hard))
    except (ValueError, OSError):
        log.warning("could not limit the photo decoder's memory to %d bytes", limit)


def serve(conn: Connection, options: DecodeOptions) -> None:
    """Answer decode requests on `conn` until it closes or a None request arrives.

    Request: (number, path). Answer: (number, "ok", Decoded) | (number, "refused", reason) |
    (number, "error", traceback); the number lets the app skip an answer it stopped waiting for.
    """
    configure(options)
    _exit_with_parent()
    try:
        conn.send(("ready", os.getpid()))
    except OSError:
        return  # the app went away while this process started
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return  # the app went away
        if request is None:
            return
        number, path = request
        answer: tuple[int, str, Any]
        try:
            answer = (number, "ok", decode(path, options))
        except Refused as refused:
            answer = (number, "refused", refused.reason)
        except MemoryError:
            answer = (number, "refused", "the image needs more memory to decode than allowed")
        except Exception:
            answer = (number, "error", traceback.format_exc())
        try:
            conn.send(answer)
        except (EOFError, OSError):
            return


def _exit_with_parent() -> None:
    """End this process as soon as the app's process ends, even in the middle of a decode.

    A killed app closes the pipe, which ends the request loop; but a decode stuck on a hostile
    file would never look at the pipe again, and nobody would be left to kill it.
    """
    parent = multiprocessing.parent_process()
    if parent is None:
        return
    sentinel = parent.sentinel

    def watch() -> None:
        multiprocessing.connection.wait([sentinel])
        os._exit(0)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


# -- decoding -----------------------------------------------------------------------------


def decode(path: str | bytes, options: DecodeOptions) -> Decoded:
    """Check and decode one photo (a path, or the file's bytes: an encrypted original decrypted
    by the app); raises Refused with the reason if it is not acceptable."""
    try:
        fp: BinaryIO = io.BytesIO(path) if isinstance(path, bytes) else open(path, "rb")  # noqa: SIM115
    except FileNotFoundError:
        raise Refused("file not found") from None
    except PermissionError:
        raise Refused("cannot read the file: permission denied") from None
    except OSError as exc:
        raise Refused(f"cannot read the file: {exc.strerror or exc}") from None
    with fp:
        head = fp.read(64)
        if not head:
            raise Refused("empty file")
        fp.seek(0)
        with _open_image(fp, head) as im:
            fmt = _FORMATS[im.format or ""]
            stored_size = im.size
            pixels = stored_size[0] * stored_size[1]
            if pixels > options.max_pixels:  # Pillow's guard should have refused it already
                raise Refused(f"image too large: {pixels} pixels (limit {options.max_pixels})")
            if fmt == "jpeg":
                _draft(im, options.preview_min_edge)
            try:
                im.load()
            except MemoryError:
                raise
            except Exception as exc:
                raise Refused(f"truncated or corrupt image data ({_describe(exc)})") from None
            if fmt == "png":
                _check_png_ends(fp)

            transpose = None
            if fmt == "heif":
                # pillow-heif has applied the HEIF transforms and reset Orientation to 1.
                fields = _fields_from_pillow(im)
                size = stored_size
            else:
                fields = _fields_from_exifread(fp)
                transpose = _TRANSPOSE.get(fields.get("orientation") or 1)
                swap = transpose in (
                    Image.Transpose.TRANSPOSE,
                    Image.Transpose.TRANSVERSE,
                    Image.Transpose.ROTATE_90,
                    Image.Transpose.ROTATE_270,
                )
                size = (stored_size[1], stored_size[0]) if swap else stored_size
            preview, preview_size, thumbnail = _render(im, transpose, options)
    return Decoded(
        format=fmt,
        width=size[0],
        height=size[1],
        taken_at=fields.get("taken_at"),
        lat=fields.get("lat"),
        lon=fields.get("lon"),
        alt=fields.get("alt"),
        make=fields.get("make"),
        model=fields.get("model"),
        orientation=fields.get("orientation"),
        thumbnail=thumbnail,
        preview=preview,
        preview_size=preview_size,
        accuracy_m=fields.get("accuracy_m"),
    )


def _describe(exc: BaseException) -> str:
    text = str(exc).strip()
    return text if text else type(exc).__name__


def _open_image(fp: BinaryIO, head: bytes) -> ImageFile.ImageFile:
    try:
        return Image.open(fp, formats=_OPEN_FORMATS)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        found = re.search(r"\((\d+) pixels\)", str(exc))
        pixels = f"{found.group(1)} pixels" if found else "too many pixels"
        raise Refused(f"image too large: {pixels} (limit {Image.MAX_IMAGE_PIXELS})") from None
    except UnidentifiedImageError:
        kind = sniff(head)
        if kind in ("JPEG", "PNG", "HEIF"):
            raise Refused("truncated or corrupt image data (unreadable header)") from None
        if kind is not None:
            raise Refused(f"unsupported format: {kind} ({_ACCEPTED_TEXT})") from None
        raise Refused("not an image (unsupported or unknown format)") from None
    except MemoryError:
        raise
    except Exception as exc:  # broken headers raise OSError, SyntaxError, struct.error, …
        raise Refused(f"truncated or corrupt image data ({_describe(exc)})") from None


_HEIF_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1"}


def sniff(head: bytes) -> str | None:
    """The format a file's first bytes announce, by magic number; None if unknown."""
    if head.startswith(b"\xff\xd8"):
        return "JPEG"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand in _HEIF_BRANDS:
            return "HEIF"
        if brand in (b"avif", b"avis"):
            return "AVIF"
        return "a video or other ISO media file"
    for magic, name in (
        (b"GIF87a", "GIF"),
        (b"GIF89a", "GIF"),
        (b"BM", "BMP"),
        (b"II*\x00", "TIFF"),
        (b"MM\x00*", "TIFF"),
        (b"%PDF", "PDF"),
        (b"\x00\x00\x01\x00", "ICO"),
        (b"8BPS", "PSD"),
        (b"\xff\x0a", "JPEG XL"),
        (b"\x00\x00\x00\x0cJXL ", "JPEG XL"),
        (b"PK\x03\x04", "ZIP archive"),
    ):
        if head.startswith(magic):
            return name
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "WebP"
    return None


def _draft(im: ImageFile.ImageFile, min_edge: int) -> None:
    """Ask libjpeg for the smallest DCT-scaled decode whose long edge reaches `min_edge`."""
    width, height = im.size
    long_edge = max(width, height)
    for scale in (8, 4, 2):
        if -(-long_edge // scale) >= min_edge:
            # Pillow picks the largest scale s with size // requested >= s.
            im.draft(None, (max(1, width // scale), max(1, height // scale)))
            return


def _check_png_ends(fp: BinaryIO) -> None:
    # Pillow stops reading after the image data and ignores a missing IEND: walk the chunks.
    fp.seek(8)
    for _ in range(1_000_000):
        header = fp.read(8)
        if len(header) < 8:
            break
        length, kind = struct.unpack(">I4s", header)
        if kind == b"IEND":
            if len(fp.read(4)) == 4:  # its CRC
                return
            break
        fp.seek(length + 4, io.SEEK_CUR)
    raise Refused("truncated or corrupt image data (the PNG ends before its IEND chunk)")


# -- rendering ----------------------------------------------------------------------------


def _render(
    im: Image.Image, transpose: Image.Transpose | None, options: DecodeOptions
) -> tuple[bytes, tuple[int, int], bytes]:
    icc = im.info.get("icc_profile")
    picture = _displayable(im)
    if transpose is not None:
        picture = picture.transpose(transpose)
    fitted = _fit(picture.size, options.preview_max_edge)
    if fitted != picture.size:
        picture = picture.resize(fitted, Image.Resampling.BICUBIC, reducing_gap=2.0)
    preview = _jpeg(picture, options.preview_quality, icc)
    # The thumbnail is small: a box reduction to within 1x, then bicubic, is plenty.
    thumb = picture.resize(_fit(picture.size, options.thumbnail_edge), Image.Resampling.BICUBIC, reducing_gap=1.0)
    return preview, picture.size, _jpeg(thumb, options.thumbnail_quality, icc)


def _fit(size: tuple[int, int], edge: int) -> tuple[int, int]:
    width, height = size
    if max(width, height) <= edge:
        return size
    if width >= height:
        return edge, max(1, round(height * edge / width))
    return max(1, round(width * edge / height)), edge


def _displayable(im: Image.Image) -> Image.Image:
    """The picture in a mode a JPEG can hold (RGB or L); transparency over white."""
    mode = im.mode
    if mode in ("RGB", "L"):
        return im
    if mode in ("RGBA", "LA", "PA", "RGBa", "La") or (mode == "P" and "transparency" in im.info):
        rgba = im.convert("RGBA")
        canvas = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        canvas.alpha_composite(rgba)
        return canvas.convert("RGB")
    if mode.startswith("I;16") or mode == "I":
        return im.convert("I").point(lambda v: v * (1 / 256)).convert("L")
    if mode in ("1", "F"):
        return im.convert("L")
    return im.convert("RGB")  # CMYK, YCbCr, P, LAB, HSV


def _jpeg(picture: Image.Image, quality: int, icc: object) -> bytes:
    out = io.BytesIO()
    extra: dict[str, Any] = {}
    if isinstance(icc, bytes) and icc:
        extra["icc_profile"] = icc
    picture.save(out, "JPEG", quality=quality, **extra)
    return out.getvalue()


# -- EXIF ---------------------------------------------------------------------------------

# Our field → (exifread key, Pillow IFD, Pillow tag). IFD None is IFD0.
_EXIF_IFD = 0x8769
_GPS_IFD = 0x8825
_TAGS: dict[str, tuple[str, int | None, int]] = {
    "make": ("Image Make", None, 0x010F),
    "model": ("Image Model", None, 0x0110),
    "orientation": ("Image Orientation", None, 0x0112),
    "date_original": ("EXIF DateTimeOriginal", _EXIF_IFD, 0x9003),
    "date_digitized": ("EXIF DateTimeDigitized", _EXIF_IFD, 0x9004),
    "offset": ("EXIF OffsetTime", _EXIF_IFD, 0x9010),
    "offset_original": ("EXIF OffsetTimeOriginal", _EXIF_IFD, 0x9011),
    "offset_digitized": ("EXIF OffsetTimeDigitized", _EXIF_IFD, 0x9012),
    "lat_ref": ("GPS GPSLatitudeRef", _GPS_IFD, 0x0001),
    "lat": ("GPS GPSLatitude", _GPS_IFD, 0x0002),
    "lon_ref": ("GPS GPSLongitudeRef", _GPS_IFD, 0x0003),
    "lon": ("GPS GPSLongitude", _GPS_IFD, 0x0004),
    "alt_ref": ("GPS GPSAltitudeRef", _GPS_IFD, 0x0005),
    "alt": ("GPS GPSAltitude", _GPS_IFD, 0x0006),
    "h_error": ("GPS GPSHPositioningError", _GPS_IFD, 0x001F),
}


def _fields_from_exifread(fp: BinaryIO) -> dict[str, Any]:
    try:
        fp.seek(0)
        tags = exifread.process_file(fp, details=False, extract_thumbnail=False)
    except Exception:  # malformed EXIF: IndexError, AssertionError, UnicodeDecodeError, …
        log.debug("exifread failed", exc_info=True)
        return {}
    raw: dict[str, Any] = {}
    for field, (key, _ifd, tag_id) in _TAGS.items():
        # exifread names tags it does not know by number ("GPS Tag 0x001F").
        tag = tags.get(key) or tags.get(f"{key.split()[0]} Tag 0x{tag_id:04X}")
        if tag is not None:
            raw[field] = getattr(tag, "values", None)
    return interpret(raw)


def _fields_from_pillow(im: Image.Image) -> dict[str, Any]:
    raw: dict[str, Any] = {}
    try:
        exif = im.getexif()
        ifds: dict[int | None, Mapping[int, Any]] = {
            None: exif,
            _EXIF_IFD: exif.get_ifd(_EXIF_IFD),
            _GPS_IFD: exif.get_ifd(_GPS_IFD),
        }
        for field, (_key, ifd, tag) in _TAGS.items():
            value = ifds[ifd].get(tag)
            if value is not None:
                raw[field] = value
    except Exception:
        log.debug("reading HEIF EXIF failed", exc_info=True)
    fields = interpret(raw)
    original = im.info.get("original_orientation")
    if isinstance(original, int) and 1 <= original <= 8:
        fields["orientation"] = original  # as the file said, before pillow-heif reset it to 1
    return fields


def interpret(raw: Mapping[str, Any]) -> dict[str, Any]:
    """Turn raw EXIF values (exifread's or Pillow's) into PhotoInfo's fields.

    Each field is read on its own: a malformed one becomes None without spoiling the others.
    """
    fields: dict[str, Any] = {}
    for name, reader in (
        ("make", lambda: _text(raw.get("make"))),
        ("model", lambda: _text(raw.get("model"))),
        ("orientation", lambda: _orientation(raw.get("orientation"))),
        ("taken_at", lambda: _taken_at(raw)),
        ("alt", lambda: _altitude(raw.get("alt"), raw.get("alt_ref"))),
        ("accuracy_m", lambda: _accuracy(raw.get("h_error"))),
    ):
        try:
            fields[name] = reader()
        except Exception:
            fields[name] = None
    try:
        fields["lat"], fields["lon"] = _position(raw)
    except Exception:
        fields["lat"] = fields["lon"] = None
    return fields


def _first(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return value[0] if value else None
    return value


def _text(value: Any) -> str | None:
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    if not isinstance(value, str):
        return None
    if "\ufffd" in value:
        return None  # undecodable bytes: garbled EXIF, not a name
    text = "".join(ch if ch.isprintable() else " " for ch in value).strip()
    return text[:_MAX_TEXT] or None


def _number(value: Any) -> float | None:
    value = _first(value) if isinstance(value, list | tuple) else value
    if value is None or isinstance(value, str | bytes):
        return None
    denominator = getattr(value, "denominator", 1)
    if denominator == 0:
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def _orientation(value: Any) -> int | None:
    value = _first(value)
    if isinstance(value, int) and 1 <= value <= 8:
        return value
    return None


_DATE = re.compile(r"(\d{4})[:\-/](\d{2})[:\-/](\d{2})[ T](\d{2}):(\d{2}):(\d{2})")
_OFFSET = re.compile(r"([+-])(\d{2}):?(\d{2})")


def _taken_at(raw: Mapping[str, Any]) -> str | None:
    for date_field, offset_fields in (
        ("date_original", ("offset_original", "offset")),
        ("date_digitized", ("offset_digitized", "offset")),
    ):
        text = _text(raw.get(date_field))
        if text is None:
            continue
        found = _DATE.match(text)
        if found is None:
            continue
        year, month, day, hour, minute, second = (int(part) for part in found.groups())
        try:
            moment = datetime(year, month, day, hour, minute, second)
        except ValueError:
            continue  # "0000:00:00 00:00:00" and other impossible dates
        stamp = moment.isoformat()
        for offset_field in offset_fields:
            offset = _offset(raw.get(offset_field))
            if offset is not None:
                return stamp + offset
        return stamp
    return None


def _offset(value: Any) -> str | None:
    text = _text(value)
    if text is None:
        return None
    found = _OFFSET.fullmatch(text)
    if found is None:
        return None
    sign, hours, minutes = found.groups()
    if int(hours) > 14 or int(minutes) >= 60:
        return None
    return f"{sign}{hours}:{minutes}"


def _degrees(value: Any) -> float | None:
    parts = list(value) if isinstance(value, list | tuple) else [value]
    if not 1 <= len(parts) <= 3:
        return None
    numbers = [_number(part) for part in parts]
    if any(n is None or n < 0 for n in numbers):
        return None
    checked = [n for n in numbers if n is not None]
    if any(n >= 60 for n in checked[1:]):
        return None
    return float(sum(n / 60**i for i, n in enumerate(checked)))


def _ref(value: Any) -> str | None:
    text = _text(_first(value) if isinstance(value, list | tuple) else value)
    return text.upper()[:1] if text else None


def _position(raw: Mapping[str, Any]) -> tuple[float | None, float | None]:
    lat = _degrees(raw.get("lat")) if raw.get("lat") is not None else None
    lon = _degrees(raw.get("lon")) if raw.get("lon") is not None else None
    lat_ref, lon_ref = _ref(raw.get("lat_ref")), _ref(raw.get("lon_ref"))
    # Without its reference a coordinate's hemisphere is unknown: no guessing for evidence.
    if lat is None or lon is None or lat_ref not in ("N", "S") or lon_ref not in ("E", "W"):
        return None, None
    if lat_ref == "S":
        lat = -lat
    if lon_ref == "W":
        lon = -lon
    if not (-90 <= lat <= 90 and -180 <= lon <= 180) or (lat == 0 and lon == 0):
        return None, None  # out of range, or the "null island" of a receiver with no fix
    return lat, lon


def _accuracy(value: Any) -> float | None:
    """GPSHPositioningError: the horizontal error in metres, if it is a sane distance."""
    metres = _number(value) if value is not None else None
    if metres is None or not math.isfinite(metres) or not 0 <= metres <= 100_000:
        return None
    return round(metres, 1)


def _altitude(value: Any, ref: Any) -> float | None:
    if value is None:
        return None
    metres = _number(value)
    if metres is None:
        return None
    ref = _first(ref)
    if isinstance(ref, bytes):
        ref = ref[0] if ref else 0
    if isinstance(ref, str):
        ref = int(ref) if ref.strip().isdigit() else 0
    return -metres if ref == 1 else metres


if __name__ == "__main__":  # pragma: no cover - a manual check: python -m storage._decode_worker F
    for name in sys.argv[1:]:
        try:
            print(name, decode(name, DecodeOptions()))
        except Refused as refused:
            print(name, "refused:", refused.reason)
