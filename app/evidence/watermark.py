"""Watermarked copies for display, printing and sharing: the photo with a band stamped across its foot
naming the case, the time, the coordinates, the inspector and the original's SHA-256.

As Chinese enforcement practice expects of photos shown to a party or printed into a file. The
original is only read; the copy is a new JPEG, upright (EXIF orientation applied), whose EXIF
ImageDescription and JPEG comment name the original's hash. The band is translucent black with
white, dark-outlined text sized to the photo, so it reads on snow and on asphalt alike. The text
is drawn with a CJK font (Noto Sans CJK, Debian's fonts-noto-cjk).
"""

from __future__ import annotations

import io
import shutil
import subprocess
from functools import cache
from pathlib import Path
from typing import BinaryIO

from PIL import Image, ImageDraw, ImageFont, ImageOps

from app.domain.errors import DomainError

FONT_CANDIDATES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Medium.ttc",
    "/usr/share/fonts/truetype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
)
DESCRIPTION_TAG = 0x010E  # EXIF ImageDescription


class WatermarkError(DomainError):
    """No CJK font to stamp with, or a photo that cannot be read."""


@cache
def cjk_font() -> tuple[str, int]:
    """The path and face index of a Simplified Chinese CJK font (Noto Sans CJK SC)."""
    candidates = [Path(p) for p in FONT_CANDIDATES]
    if shutil.which("fc-match"):
        try:
            found = subprocess.run(
                ["fc-match", "-f", "%{file}", "Noto Sans CJK SC:lang=zh-cn"],
                capture_output=True,
                text=True,
                timeout=10,
                check=False,
            ).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            found = ""
        if found:
            candidates.append(Path(found))
    for path in candidates:
        if not path.is_file():
            continue
        for index in range(10):
            try:
                face = ImageFont.truetype(str(path), 12, index=index)
            except OSError:
                break
            family = face.getname()[0] or ""
            if "CJK" in family and family.endswith("SC"):
                return str(path), index
    raise WatermarkError("no CJK font for the watermark: install Noto Sans CJK (Debian: fonts-noto-cjk)")


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: float) -> list[str]:
    lines: list[str] = []
    current = ""
    for ch in text:
        if current and font.getlength(current + ch) > width:
            lines.append(current)
            current = ch.lstrip()
        else:
            current += ch
    if current:
        lines.append(current)
    return lines


def watermark_lines(
    *, case_code: str, time: str | None, lat: float | None, lon: float | None, inspector: str | None, sha256: str
) -> list[str]:
    where = f"{lat:.6f}, {lon:.6f} (WGS-84)" if lat is not None and lon is not None else "未知"
    return [
        f"案件编号 {case_code}",
        f"拍摄时间 {time.replace('T', ' ') if time else '未知'}",
        f"坐标 {where}",
        f"执法人员 {inspector or '未知'}",
        f"原件 SHA-256 {sha256}",
    ]


def stamp(original: Path | BinaryIO, lines: list[str], sha256: str, *, quality: int = 90) -> bytes:
    """A watermarked JPEG copy of `original` (a file or an open binary stream, only read)."""
    try:
        with Image.open(original) as im:
            im.load()
            image = ImageOps.exif_transpose(im).convert("RGB")
    except (OSError, ValueError, Image.DecompressionBombError) as exc:
        raise WatermarkError(f"photo {sha256}: cannot read it to stamp a copy ({exc})") from exc
    width, height = image.size
    path, index = cjk_font()
    size = max(10, round(min(width, height * 1.5) / 42))
    font = ImageFont.truetype(path, size, index=index)
    margin = max(4, size // 2)
    wrapped = [part for line in lines for part in _wrap(line, font, width - 2 * margin)]
    line_height = round(size * 1.3)
    band = min(height, len(wrapped) * line_height + 2 * margin)
    overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
    ImageDraw.Draw(overlay).rectangle([(0, height - band), (width, height)], fill=(0, 0, 0, 170))
    image = Image.alpha_composite(image.convert("RGBA"), overlay).convert("RGB")
    draw = ImageDraw.Draw(image)
    y = height - band + margin
    stroke = max(1, size // 12)
    for line in wrapped:
        draw.text((margin, y), line, font=font, fill=(255, 255, 255), stroke_width=stroke, stroke_fill=(0, 0, 0))
        y += line_height
    note = f"Watermarked copy of the original with SHA-256 {sha256}; not the original evidence"
    exif = Image.Exif()
    exif[DESCRIPTION_TAG] = note
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality, exif=exif.tobytes(), comment=note.encode("ascii"))
    return out.getvalue()
