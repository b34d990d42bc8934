"""The PDF case dossier (ui/desk/dossier.py): written from what a real server answers, read back with a
PDF text extractor (pypdf) and rendered with poppler's pdftoppm where a test needs to see the page."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from pypdf import PdfReader

from tests.photofactory import Gps, make_exif, write_jpeg
from tests.server.conftest import LiveServer, _stop, databases, start_server, test_config  # noqa: F401
from tests.server.helpers import build_case, envelope, upload
from tests.ui.desk.dossier_sample import sample_case
from ui.desk.dossier import cjk_family, write_dossier


@pytest.fixture
def cjk(qapp) -> str:
    """The CJK font's family; the test is skipped, saying why, where none is installed."""
    family = cjk_family()
    if family is None:
        pytest.skip("no CJK font installed (Debian: fonts-noto-cjk), so Chinese text cannot be checked")
    return family


# Qt's PDF writer builds a font's ToUnicode map from the lowest code point that maps to each glyph,
# so an ideograph whose glyph the font shares with a radical is written as the radical: 二 as the
# Kangxi radical ⼆ (NFKC folds those back) and 页 as the supplement's ⻚ (NFKC does not; mapped here).
_RADICALS = str.maketrans({"⻚": "页", "⻓": "长", "⻔": "门", "⻢": "马", "⻅": "见", "⻛": "风", "⻋": "车"})


def _pages(path: Path) -> list[str]:
    """Each page's text as a reader sees it (see _RADICALS); runs of spaces and tabs (pypdf gives a tab
    for the space between words) as one space."""
    reader = PdfReader(path)
    texts = (unicodedata.normalize("NFKC", page.extract_text() or "").translate(_RADICALS) for page in reader.pages)
    return [re.sub(r"[ \t]+", " ", text) for text in texts]


def _fonts(path: Path) -> set[str]:
    names = set()
    for page in PdfReader(path).pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for ref in fonts.values():
            names.add(str(ref.get_object()["/BaseFont"]))
    return names


def _jpeg(tmp_path: Path, seed: int, size: tuple[int, int] = (640, 480), orientation: int = 1) -> bytes:
    exif = make_exif(
        gps=Gps(34.7466 + seed / 1e4, 113.6253),
        taken_at="2026:11:20 09:30:12",
        offset="+08:00",
        orientation=orientation,
    )
    path = write_jpeg(tmp_path / f"photo-{seed}.jpg", exif=exif, upright_size=(size[0] + seed, size[1]))
    return path.read_bytes()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, databases) -> Iterator[LiveServer]:  # noqa: F811
    live = start_server(test_config(tmp_path_factory.mktemp("server"), databases.new("sqlite")), "sqlite")
    yield live
    _stop(live)


def test_a_case_from_the_server_with_its_photos_hashes_and_chinese(
    server: LiveServer, tmp_path: Path, cjk: str
) -> None:
    tablet = server.tablet()
    boss = server.login(server.user("supervisor", districts=("d1",)))
    unit = server.login(server.user("unit", unit="water_supply_co"))
    photos = [_jpeg(tmp_path, i, orientation=6 if i == 1 else 1) for i in range(4)]
    for data in photos:
        upload(tablet, data)
    assert tablet.account is not None
    case, events = build_case(tablet.account.name, tablet.device_id, "d1", photos, subtype="broken")
    case["address"] = "郑州市二七区大学路 88 号"
    case["officers"] = [{"name": "王伟", "certificate": "豫A0001"}]
    answer = tablet.post("/sync/cases", json={"cases": [envelope(case, events)]})
    assert answer.json()["results"][0]["outcome"] == "accepted", answer.text
    case_id = case["id"]
    for client, action, body in (
        (boss, "file", {}),
        (boss, "dispatch", {}),
        (boss, "defer", {"reason": "当事人申请延期", "hours": 24}),
        (unit, "dispose", {"note": "已更换新井盖"}),
    ):
        reply = client.post(f"/cases/{case_id}/decisions", json={"action": action, **body})
        assert reply.status_code == 200, reply.text
    held: dict[str, Any] = boss.get(f"/cases/{case_id}").json()
    log: dict[str, Any] = boss.get(f"/cases/{case_id}/log").json()
    originals = {p["sha256"]: boss.get(f"/blobs/{p['sha256']}").content for p in held["photos"]}
    assert all(hashlib.sha256(v).hexdigest() == k for k, v in originals.items())

    out = tmp_path / "dossier.pdf"
    write_dossier(out, held, log, originals, language="zh_CN")

    pages = _pages(out)
    text = "\n".join(pages)
    flat = re.sub(r"\s+", "", text)  # CJK runs come out broken where the font changes or pypdf sees a gap
    for record in held["photos"]:
        assert record["sha256"] in text  # the full hash, on one line, extractable
    assert held["official_number"] and held["official_number"] in text
    assert "井盖破损" in flat  # the subtype's zh_CN name from the catalogue
    assert "郑州市二七区大学路88号" in flat and "已更换新井盖" in flat and "王伟" in flat
    assert "自来水公司" in flat  # the disposal unit's name
    # The audit trail says what each decision set: the number filed, the deadline moved and why.
    assert f"立案编号{held['official_number']}" in flat and "当事人申请延期" in flat
    [due] = held["deadlines"]
    assert due["deferred"] and "已延期" in flat
    assert flat.count("与原件一致") == 4  # each photo's hash checked against the bytes given
    for number, page in enumerate(pages, 1):  # the header's case code and the page number, on every page
        assert held["code"] in page, number
        assert f"第{number}页,共{len(pages)}页" in re.sub(r"\s+", "", page), page  # NFKC: ， is ,
    # Every audit event is listed, and the chain is reported whole.
    assert len(log["events"]) >= 6
    assert "审计链完整" in flat and log["chain_head"] in flat
    assert any(cjk.replace(" ", "").lower() in name.lower() for name in _fonts(out)), _fonts(out)
    assert out.stat().st_mode & 0o644 == 0o644


def test_a_case_with_no_photos(tmp_path: Path, qapp) -> None:
    case, log = sample_case([])
    out = tmp_path / "empty.pdf"
    write_dossier(out, case, log, {}, language="en")
    pages = _pages(out)
    text = "\n".join(pages)
    assert "No photos in this case." in text
    assert "Case dossier T07-20261120-0042" in text and "d1-2026-000042" in text
    assert "Audit trail (10 events)" in text and "The audit chain is unbroken." in text
    assert "Rooftop structure" in text and "Enforcement squadron" in text and "Colour steel sheet" in text
    assert pages[-1].count("Page") == 1 and f"Page {len(pages)} of {len(pages)}" in pages[-1]


def test_photos_missing_unreadable_or_altered_are_said_so(tmp_path: Path, qapp) -> None:
    good, missing, garbage, altered = (_jpeg(tmp_path, i) for i in range(4))
    case, log = sample_case([good, missing, garbage, altered])
    hashes = [p["sha256"] for p in case["photos"]]
    broken = b"\xff\xd8\xff\xe0 not really a JPEG"
    case["photos"][2]["sha256"] = hashlib.sha256(broken).hexdigest()
    hashes[2] = case["photos"][2]["sha256"]
    given = {hashes[0]: good, hashes[2]: broken, hashes[3]: altered[:-10] + b"0123456789"}
    out = tmp_path / "odd.pdf"
    write_dossier(out, case, log, given, language="en")
    text = "\n".join(_pages(out))
    for sha in hashes:
        assert sha in text
    assert text.count("matches the original") == 2  # the good one and the unreadable one (its bytes are right)
    assert "The original was not available." in text and "not checked (no original)" in text
    assert "The original could not be read as a picture." in text
    assert "DOES NOT MATCH the bytes given" in text
    # Where each photo was taken, against the case's location (the sample's photos are 1.4 m apart).
    spaced = re.sub(r"\s+", " ", text)  # the metadata column wraps
    assert [f"({m} m from the case location)" in spaced for m in (0, 1, 3, 4)] == [True] * 4


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler-utils' pdftoppm to look at the page")
def test_a_very_long_address_wraps_inside_the_page(tmp_path: Path, qapp) -> None:
    address = "河南省郑州市金水区" * 12 + " Building-" + "A" * 90 + " Unit 3"
    case, log = sample_case([], address=address)
    out = tmp_path / "long.pdf"
    write_dossier(out, case, log, {}, language="en")
    text = "".join(_pages(out)[:2])
    flat = re.sub(r"\s+", "", text)
    assert re.sub(r"\s+", "", address) in flat  # nothing cut off
    first_line = next(line for line in text.splitlines() if "河南省郑州市" in line)
    assert len(first_line) < len(address)  # it did wrap
    # Nothing is painted in the page's right margin (16 mm of 210 mm): the text stayed inside.
    subprocess.run(["pdftoppm", "-r", "50", "-f", "1", "-l", "1", "-png", str(out), str(tmp_path / "p")], check=True)
    page = Image.open(next(tmp_path.glob("p*.png"))).convert("L")
    width, height = page.size
    margin = page.crop((int(width * (1 - 14 / 210)), 0, width, height))
    assert margin.getextrema()[0] > 240, "ink in the right margin"
    body = page.crop((0, 0, int(width * (1 - 14 / 210)), height))
    assert body.getextrema()[0] < 100  # and the page does have text


def test_a_folder_that_does_not_exist_is_refused_and_nothing_is_written(tmp_path: Path, qapp) -> None:
    case, log = sample_case([])
    with pytest.raises(FileNotFoundError, match="no folder"):
        write_dossier(tmp_path / "nowhere" / "d.pdf", case, log, {}, language="en")
    assert list(tmp_path.iterdir()) == []
