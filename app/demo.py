"""Demo cases: realistic illegal-construction and manhole-cover cases around Zhengzhou.

With photos, each case gets JPEGs made here with Pillow and EXIF GPS written by
code, and goes through the real ingest; without photos, cases are written in
bulk so that `demo --cases 100000 --photos-per-case 0` is quick enough for benchmarks.
"""

from __future__ import annotations

import io
import json
import random
import tempfile
import uuid
from datetime import datetime, timedelta
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.domain.audit import make_event
from app.domain.case import id_check_digit

if TYPE_CHECKING:
    from app.services import Tablet

CENTRE = (34.7466, 113.6253)
DISTRICTS = ("金水区", "二七区", "中原区", "管城回族区", "惠济区", "郑东新区")
ROADS = (
    "花园路",
    "农业路",
    "纬五路",
    "经三路",
    "黄河路",
    "大学路",
    "建设路",
    "嵩山路",
    "陇海路",
    "航海路",
    "商都路",
    "金水路",
    "东风路",
    "文化路",
    "未来路",
    "中州大道",
)
PLACES = ("号院", "小区", "号楼前", "商铺门口", "人行道", "机动车道", "公交站旁", "十字路口东南角")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = ("伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超", "霞")
IC_NOTES = (
    "楼顶加盖彩钢板房，约两层，未见规划许可公示。",
    "沿街商铺向外扩建雨棚并砌墙围合。",
    "小区绿地内新建砖混结构房屋，正在施工。",
    "临时建筑审批期满未拆除，仍在使用。",
)
MC_NOTES = (
    "井盖缺失，井口已临时放置锥桶警示。",
    "井盖破损，边缘碎裂，车辆通过有异响。",
    "井盖下沉约四厘米，雨天积水。",
    "井盖移位，井口部分外露。",
)
STATE_MIX = (
    ("draft", 20),
    ("submitted", 15),
    ("received", 15),
    ("returned", 6),
    ("filed", 8),
    ("dispatched", 10),
    ("disposed", 8),
    ("verified", 4),
    ("closed", 10),
    ("rejected", 2),
    ("duplicate", 2),
)
PATHS = {
    "draft": [],
    "submitted": ["submit"],
    "received": ["submit", "receive"],
    "returned": ["submit", "receive", "return"],
    "rejected": ["submit", "receive", "reject"],
    "duplicate": ["submit", "receive", "duplicate"],
    "filed": ["submit", "receive", "file"],
    "dispatched": ["submit", "receive", "file", "dispatch"],
    "disposed": ["submit", "receive", "file", "dispatch", "dispose"],
    "verified": ["submit", "receive", "file", "dispatch", "dispose", "confirm"],
    "closed": ["submit", "receive", "file", "dispatch", "dispose", "confirm", "close"],
}
ACTORS = {
    "submit": ("inspector", None),
    "receive": ("system", "server"),
    "return": ("supervisor", "周主任"),
    "reject": ("supervisor", "周主任"),
    "duplicate": ("supervisor", "周主任"),
    "file": ("supervisor", "周主任"),
    "dispatch": ("supervisor", "周主任"),
    "dispose": ("unit", "处置单位"),
    "confirm": ("inspector", None),
    "close": ("supervisor", "周主任"),
}
TARGET = {
    "submit": "submitted",
    "receive": "received",
    "return": "returned",
    "reject": "rejected",
    "duplicate": "duplicate",
    "file": "filed",
    "dispatch": "dispatched",
    "dispose": "disposed",
    "confirm": "verified",
    "close": "closed",
}


def id_number(rng: random.Random) -> str:
    body = (
        f"4101{rng.randint(1, 8):02d}{rng.randint(1960, 2000)}{rng.randint(1, 12):02d}"
        f"{rng.randint(1, 28):02d}{rng.randint(100, 999)}"
    )
    return body + id_check_digit(body)


def person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.5 else "")


def _dms(value: float) -> tuple[Fraction, Fraction, Fraction]:
    value = abs(value)
    deg = int(value)
    minutes = int((value - deg) * 60)
    seconds = round(((value - deg) * 60 - minutes) * 60 * 1000)
    return Fraction(deg), Fraction(minutes), Fraction(seconds, 1000)


def demo_jpeg(rng: random.Random, lat: float, lon: float, taken: datetime, label: str) -> bytes:
    """A small street-scene-like JPEG with EXIF GPS, capture time and camera, written by code."""
    from PIL import Image, ImageDraw

    width, height = 1600, 1200
    img = Image.new("RGB", (width, height), (rng.randint(90, 140),) * 3)
    draw = ImageDraw.Draw(img)
    sky = (rng.randint(120, 170), rng.randint(160, 200), rng.randint(200, 235))
    draw.rectangle((0, 0, width, height // 3), fill=sky)
    for _ in range(14):
        x, w, h = rng.randint(0, width), rng.randint(80, 300), rng.randint(150, 600)
        shade = rng.randint(60, 200)
        draw.rectangle(
            (x, height // 3 + 300 - h, x + w, height // 3 + 300),
            fill=(shade, shade - 20 if shade > 30 else shade, shade - 40 if shade > 50 else shade),
        )
    draw.ellipse(
        (width // 2 - 180, height - 420, width // 2 + 180, height - 160),
        fill=(40, 40, 45),
        outline=(200, 190, 60),
        width=12,
    )
    draw.text((40, height - 80), label, fill=(255, 255, 255))
    exif = Image.Exif()
    exif[0x010F] = "Fieldcase Demo"
    exif[0x0110] = "Rugged Tablet T10"
    exif[0x0112] = 1
    exif_ifd = exif.get_ifd(0x8769)
    exif_ifd[0x9003] = taken.strftime("%Y:%m:%d %H:%M:%S")
    exif_ifd[0x9011] = "+08:00"
    gps = exif.get_ifd(0x8825)
    gps[0x0001] = "N" if lat >= 0 else "S"
    gps[0x0002] = _dms(lat)
    gps[0x0003] = "E" if lon >= 0 else "W"
    gps[0x0004] = _dms(lon)
    out = io.BytesIO()
    img.save(out, "JPEG", quality=85, exif=exif)
    return out.getvalue()


def _case_spec(rng: random.Random, index: int) -> dict[str, Any]:
    manhole = rng.random() < 0.55
    lat = CENTRE[0] + rng.uniform(-0.08, 0.08)
    lon = CENTRE[1] + rng.uniform(-0.1, 0.1)
    district = rng.choice(DISTRICTS)
    road = rng.choice(ROADS)
    address = f"郑州市{district}{road}{rng.randint(1, 300)}{rng.choice(PLACES)}"
    if manhole:
        subtype = rng.choice(("missing", "broken", "sunken_raised", "displaced", "other"))
        fields: dict[str, Any] = {
            "owner": rng.choice(
                ("water_supply", "rainwater", "sewage", "gas", "heating", "power", "telecom", "unknown")
            )
        }
        if subtype == "missing":
            fields["barrier_placed"] = rng.choice(("yes", "no"))
        if subtype == "sunken_raised":
            fields["height_diff_mm"] = rng.choice((-60, -45, -30, 25, 40))
        officers: list[str] = []
        description = rng.choice(MC_NOTES)
        type_code = "manhole_cover"
    else:
        subtype = rng.choice(("no_permit", "extension", "rooftop", "public_land", "overdue_temporary"))
        fields = {
            "area_m2": round(rng.uniform(8, 400), 1),
            "floors": rng.randint(1, 3),
            "structure": rng.choice(("brick_concrete", "steel_frame", "color_steel_sheet")),
            "stage": rng.choice(("foundation", "under_construction", "completed", "in_use")),
            "party_name": person(rng),
            "party_id_number": id_number(rng),
            "party_phone": f"1{rng.choice('3589')}{rng.randint(100000000, 999999999)}",
        }
        officers = [f"{person(rng)}:41010{rng.randint(1000000, 9999999)}" for _ in range(2)]
        description = rng.choice(IC_NOTES)
        type_code = "illegal_construction"
    return {
        "type": type_code,
        "subtype": subtype,
        "lat": round(lat, 6),
        "lon": round(lon, 6),
        "address": address,
        "fields": fields,
        "officers": officers,
        "description": description,
        "district": district,
    }


def _pick_state(rng: random.Random) -> str:
    total = sum(w for _, w in STATE_MIX)
    roll = rng.uniform(0, total)
    for state, weight in STATE_MIX:
        roll -= weight
        if roll <= 0:
            return state
    return "draft"


def make_demo(tablet: Tablet, count: int, photos_per_case: int, *, seed: int | None = None) -> int:
    """N demo cases. On an enrolled tablet only drafts and submitted cases are made: what happens
    after submit comes from the server, for real, when the tablet syncs."""
    rng = random.Random(seed)
    enrolled = bool(tablet.repo.meta("device_token"))
    if photos_per_case == 0:
        return _bulk(tablet, rng, count)
    made = 0
    with tempfile.TemporaryDirectory(prefix="fieldcase-demo-") as tmp:
        for index in range(count):
            spec = _case_spec(rng, index)
            taken = datetime.now() - timedelta(minutes=rng.randint(5, 60 * 24 * 20))
            paths = []
            for k in range(photos_per_case):
                data = demo_jpeg(
                    rng,
                    spec["lat"] + rng.uniform(-5e-5, 5e-5),
                    spec["lon"] + rng.uniform(-5e-5, 5e-5),
                    taken + timedelta(seconds=20 * k),
                    f"{spec['address']} #{k + 1}",
                )
                path = Path(tmp) / f"IMG_{index:05d}_{k}.jpg"
                path.write_bytes(data)
                paths.append(path)
            case = tablet.new_case(
                type=spec["type"],
                subtype=spec["subtype"],
                address=spec["address"],
                description=spec["description"],
                fields=spec["fields"],
                officers=spec["officers"],
                photos=paths,
            )
            state = _pick_state(rng)
            if enrolled:
                state = "draft" if state == "draft" else "submitted"
            _advance(tablet, case.id, state, rng)
            made += 1
    return made


def _advance(tablet: Tablet, case_id: str, target: str, rng: random.Random) -> None:
    """Move a demo case along the loop as sync would bring the server's decisions back."""
    if target == "draft":
        return
    case = tablet.repo.get_case(case_id)
    from app.domain.case import submit_problems

    if submit_problems(case, tablet.catalogue):
        return
    tablet.submit(case_id)
    path = PATHS[target][1:]
    with tablet.repo.transaction():
        case = tablet.repo.get_case(case_id)
        state = case.status
        for action in path:
            role, actor = ACTORS[action]
            new_state = TARGET[action]
            changes = {"note": "请补充近景照片和井盖编号。"} if action == "return" else {}
            tablet.repo.record(
                case_id,
                actor=actor or case.inspector,
                role=role,
                device=None if role != "inspector" else tablet.device,
                action=action,
                from_state=state,
                to_state=new_state,
                changes=changes,
            )
            state = new_state
        official = f"ZZ{case.created_at[:4]}{rng.randint(100000, 999999)}" if "file" in path else None
        tablet.repo.update_case(
            case.with_changes(
                status=state,
                sync="synced",
                official_number=official,
                review_note="请补充近景照片和井盖编号。" if target == "returned" else None,
            )
        )


def _bulk(tablet: Tablet, rng: random.Random, count: int) -> int:
    """Write many cases (no photos) fast: one transaction, prepared statements, chained events."""
    repo = tablet.repo
    device = tablet.device
    inspector = tablet.inspector
    prefix = repo.device_code()
    now = datetime.now().astimezone()
    case_rows: list[tuple[Any, ...]] = []
    event_rows: list[tuple[Any, ...]] = []
    heads: dict[str, tuple[int, str]] = {}
    sequences: dict[str, int] = {}
    for row in repo.db.execute("SELECT day, last FROM code_sequence"):
        sequences[str(row[0])] = int(row[1])
    for index in range(count):
        spec = _case_spec(rng, index)
        created = now - timedelta(seconds=rng.randint(0, 86400 * 365))
        created_iso = created.isoformat(timespec="seconds")
        day = created.strftime("%Y%m%d")
        sequences[day] = sequences.get(day, 0) + 1
        code = f"{prefix}-{day}-{sequences[day]:04d}"
        case_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        sub = tablet.catalogue.subtype(spec["type"], spec["subtype"])
        state = rng.choice(("draft", "submitted", "received", "returned", "filed", "dispatched", "disposed", "closed"))
        previous = make_event(
            None,
            case_id=case_id,
            at=created_iso,
            actor=inspector,
            role="inspector",
            device=device,
            action="create",
            from_state=None,
            to_state="draft",
            changes={"type": spec["type"], "subtype": spec["subtype"]},
        )
        events = [previous]
        current = "draft"
        for action in PATHS[state]:
            role, actor = ACTORS[action]
            previous = make_event(
                previous,
                case_id=case_id,
                at=created_iso,
                actor=actor or inspector,
                role=role,
                device=device if role == "inspector" else None,
                action=action,
                from_state=current,
                to_state=TARGET[action],
            )
            current = TARGET[action]
            events.append(previous)
        for e in events:
            event_rows.append(
                (
                    e.case_id,
                    e.seq,
                    e.at,
                    e.actor,
                    e.role,
                    e.device,
                    e.action,
                    e.from_state,
                    e.to_state,
                    json.dumps(e.changes, ensure_ascii=False, sort_keys=True),
                    e.prev,
                    e.hash,
                )
            )
        heads[case_id] = (previous.seq, previous.hash)
        sync = "local" if state == "draft" else ("pending" if state == "submitted" else "synced")
        case_rows.append(
            (
                case_id,
                code,
                None,
                spec["type"],
                spec["subtype"],
                state,
                sub.hazard,
                spec["lat"],
                spec["lon"],
                10.0,
                "device",
                spec["address"],
                spec["description"],
                spec["district"],
                None,
                json.dumps(spec["fields"], ensure_ascii=False, sort_keys=True),
                json.dumps(
                    [{"name": o.split(":")[0], "certificate": o.split(":")[1]} for o in spec["officers"]],
                    ensure_ascii=False,
                ),
                inspector,
                device,
                created_iso,
                created_iso,
                created_iso,
                created.timestamp(),
                sync,
                "请补充证据。" if state == "returned" else None,
                1,
                0,
                previous.seq,
                previous.hash,
            )
        )
    with repo.transaction():
        repo.db.conn.executemany(
            "INSERT INTO cases (id, code, official_number, type, subtype, status, hazard, lat, lon, "
            "accuracy_m, loc_source, address, description, district, grid, fields, officers, inspector, "
            "device, observed_at, created_at, updated_at, created_ts, sync, review_note, revision, "
            "photo_count, audit_seq, audit_head) VALUES "
            "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            case_rows,
        )
        repo.db.conn.executemany(
            "INSERT INTO audit (case_id, seq, at, actor, role, device, action, from_state, to_state, "
            "changes, prev, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            event_rows,
        )
        repo.db.conn.executemany(
            "INSERT INTO code_sequence(day, last) VALUES (?, ?) ON CONFLICT(day) DO UPDATE SET last = excluded.last",
            list(sequences.items()),
        )
    return count
