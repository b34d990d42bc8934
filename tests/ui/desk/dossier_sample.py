"""A closed illegal-construction case in the shape of GET /cases/{id}, and its audit trail in the shape
of GET /cases/{id}/log (a real hash chain made with app.domain.audit), for the dossier's tests and
bench/dossier.py. The photos are whatever bytes the caller gives (JPEGs from tests/photofactory.py)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

from app.domain.audit import AuditEvent, make_event

CASE_ID = "5b0f3c1e-7d2a-4c53-9a41-2f6f0e8d9c10"
ADDRESS = "郑州市金水区花园路与农业路交叉口东北角 18 号院 3 号楼楼顶"


def sample_case(
    photos: Sequence[bytes], *, address: str = ADDRESS, code: str = "T07-20261120-0042"
) -> tuple[dict[str, Any], dict[str, Any]]:
    records = [
        {
            "sha256": hashlib.sha256(data).hexdigest(),
            "size": len(data),
            "taken_at": f"2026-11-20T09:{30 + i // 60:02d}:{i % 60:02d}+08:00",
            "lat": 34.7466 + i * 0.00001,
            "lon": 113.6253 + i * 0.00001,
            "width": 4000,
            "height": 3000,
            "make": "Huawei",
            "model": "MatePad Pro",
            "kind": ("overview", "close_up", "signage", "measurement")[i % 4],
            "note": "东侧外墙" if i == 0 else "",
        }
        for i, data in enumerate(photos)
    ]
    case = {
        "id": CASE_ID,
        "code": code,
        "official_number": "d1-2026-000042",
        "type": "illegal_construction",
        "subtype": "rooftop",
        "status": "closed",
        "hazard": "medium",
        "location": {"lat": 34.7466, "lon": 113.6253, "accuracy_m": 4.0, "source": "photo"},
        "address": address,
        "description": "楼顶新建彩钢板房约 40 平方米，未见规划许可。",
        "district": "d1",
        "grid": "410105-003-12",
        "fields": {
            "area_m2": 40.5,
            "floors": 1,
            "structure": "color_steel_sheet",
            "stage": "completed",
            "party_name": "张三",
            "party_id_number": "410105198001011234",
            "party_phone": "13800138000",
        },
        "officers": [
            {"name": "李执法", "certificate": "豫执 41010001"},
            {"name": "王执法", "certificate": "豫执 41010002"},
        ],
        "photos": records,
        "inspector": "inspector-li",
        "device": "tablet-07",
        "observed_at": "2026-11-20T09:28:00+08:00",
        "created_at": "2026-11-20T09:28:10+08:00",
        "updated_at": "2026-11-27T16:00:00+08:00",
        "sync": "synced",
        "review_note": None,
        "revision": 2,
        "unit": "enforcement_squadron",
        "deferred": False,
        "deadlines": [
            {
                "milestone": "stop_work",
                "due_at": "2026-11-20T07:00:00Z",
                "hours": 4,
                "met_at": "2026-11-20T06:00:00Z",
                "overdue": False,
                "deferred": False,
            },
            {
                "milestone": "penalty_decision",
                "due_at": "2026-11-27T03:00:00Z",
                "hours": 56,
                "met_at": "2026-11-27T05:00:00Z",
                "overdue": False,
                "deferred": False,
            },
        ],
        "server": {
            "received_at": "2026-11-20T01:40:00Z",
            "changed_at": "2026-11-27T08:00:00Z",
            "chain_seq": 0,
            "chain_head": "",
            "reworks": 0,
            "version": 7,
        },
    }
    hashes = [r["sha256"] for r in records]
    steps: list[tuple[str, str, str, str | None, str | None, dict[str, Any]]] = [
        ("2026-11-20T09:28:10+08:00", "inspector-li", "inspector", None, "draft", {"subtype": "rooftop"}),
        ("2026-11-20T09:31:00+08:00", "inspector-li", "inspector", "draft", "draft", {"photos": hashes}),
        ("2026-11-20T09:35:00+08:00", "inspector-li", "inspector", "draft", "submitted", {"revision": 1}),
        ("2026-11-20T01:40:00Z", "system", "system", "submitted", "received", {}),
        ("2026-11-20T02:10:00Z", "supervisor-zhao", "supervisor", "received", "filed", {"official_number": "x"}),
        (
            "2026-11-20T02:12:00Z",
            "supervisor-zhao",
            "supervisor",
            "filed",
            "dispatched",
            {"unit": "enforcement_squadron"},
        ),
        ("2026-11-27T05:00:00Z", "squad-chen", "unit", "dispatched", "disposed", {"note": "已责令停工并拆除"}),
        ("2026-11-27T07:00:00Z", "inspector-li", "inspector", "disposed", "disposed", {"photos": hashes[:1]}),
        ("2026-11-27T07:01:00Z", "inspector-li", "inspector", "disposed", "verified", {"note": "现场已恢复"}),
        ("2026-11-27T08:00:00Z", "supervisor-zhao", "supervisor", "verified", "closed", {}),
    ]
    actions = [
        "create",
        "add_photos",
        "submit",
        "receive",
        "file",
        "dispatch",
        "dispose",
        "add_photos",
        "confirm",
        "close",
    ]
    previous: AuditEvent | None = None
    events = []
    for action, (at, actor, role, before, after, changes) in zip(actions, steps, strict=True):
        previous = make_event(
            previous,
            case_id=CASE_ID,
            at=at,
            actor=actor,
            role=role,
            device="tablet-07" if role == "inspector" else None,
            action=action,
            from_state=before,
            to_state=after,
            changes=changes,
        )
        events.append(previous.to_json())
    assert previous is not None
    case["server"]["chain_seq"] = previous.seq
    case["server"]["chain_head"] = previous.hash
    log = {"case_id": CASE_ID, "events": events, "chain_head": previous.hash, "problems": []}
    return case, log
