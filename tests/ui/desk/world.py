"""A real server for the desk's tests: uvicorn on 127.0.0.1 over SQLite (tests/server/conftest.py's
start_server), with a tablet that sends cases, a supervisor, a unit user and an inspector."""

from __future__ import annotations

import io
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PIL import Image

from app.domain.audit import AuditEvent
from tests.photofactory import Gps, make_exif
from tests.server.conftest import Databases, LiveServer, _stop, start_server, test_config
from tests.server.helpers import Account, Client, build_case, chain, envelope, upload

ZZ = (34.7466, 113.6253)


def jpeg_bytes(seed: int, *, gps: tuple[float, float] | None = ZZ, size: tuple[int, int] = (160, 120)) -> bytes:
    """A small JPEG with EXIF time and GPS; its pixels (so its hash) differ per seed."""
    exif = make_exif(gps=Gps(*gps) if gps else None, taken_at="2026:11:20 09:30:12", offset="+08:00")
    picture = Image.new("RGB", size, ((seed * 37) % 256, (seed * 91) % 256, (seed * 53) % 256))
    for x in range(0, size[0], 8):
        picture.putpixel((x, (seed + x) % size[1]), (255, 255, 255))
    out = io.BytesIO()
    picture.save(out, "JPEG", exif=exif, quality=85)
    return out.getvalue()


@dataclass
class World:
    server: LiveServer
    tablet: Client
    inspector: Account
    supervisor: Account
    unit: Account
    seed: int = 0
    ids: list[str] = field(default_factory=list)

    @property
    def url(self) -> str:
        return self.server.url

    def send(
        self,
        subtype: str = "broken",
        *,
        address: str = "Jinshui Road 18",
        description: str = "cover cracked across",
        at: tuple[float, float] = ZZ,
        photos: int = 2,
    ) -> str:
        """A case sent by the tablet and received by the server (state `received`); its id."""
        assert self.tablet.account is not None
        datas = []
        for _ in range(photos):
            self.seed += 1
            datas.append(jpeg_bytes(self.seed, gps=at))
        for data in datas:
            upload(self.tablet, data)
        case, events = build_case(self.tablet.account.name, self.tablet.device_id, "d1", datas, subtype=subtype)
        case["address"] = address
        case["description"] = description
        case["location"] = {"lat": at[0], "lon": at[1], "accuracy_m": 5.0, "source": "photo"}
        case["officers"] = [{"name": "王伟", "certificate": "豫A0001"}, {"name": "Li Na", "certificate": "豫A0002"}]
        for record in case["photos"]:
            record["lat"], record["lon"] = at
        answer = self.tablet.post("/sync/cases", json={"cases": [envelope(case, events)]})
        assert answer.status_code == 200 and answer.json()["results"][0]["outcome"] == "accepted", answer.text
        self.ids.append(str(case["id"]))
        return str(case["id"])

    def client(self, account: Account) -> Client:
        return self.server.login(account)

    def decide(self, account: Account, case_id: str, action: str, **body: Any) -> dict[str, Any]:
        answer = self.client(account).post(f"/cases/{case_id}/decisions", json={"action": action, **body})
        assert answer.status_code == 200, answer.text
        result: dict[str, Any] = answer.json()
        return result

    def verify(self, case_id: str) -> None:
        """The inspector's tablet confirms a disposed case on site (after-photos, confirm): it is verified."""
        assert self.tablet.account is not None
        events = self.tablet.get(f"/cases/{case_id}/log").json()["events"]
        server_keys = {"revision", "unit", "deferred", "deadlines", "server"}
        body = {k: v for k, v in self.tablet.get(f"/cases/{case_id}").json().items() if k not in server_keys}
        steps = [
            ("add_photos", "disposed", "disposed", {"photos": ["f" * 64]}),
            ("confirm", "disposed", "verified", {}),
        ]
        new = chain(
            case_id, self.tablet.account.name, self.tablet.device_id, steps, previous=AuditEvent.from_json(events[-1])
        )
        answer = self.tablet.post(
            "/sync/cases", json={"cases": [envelope({**body, "revision": 2}, [*events, *new], revision=2)]}
        )
        assert answer.status_code == 200 and answer.json()["results"][0]["status"] == "verified", answer.text


def open_world(root: Path) -> World:
    dbs = Databases(root)
    server = start_server(test_config(root / "server", dbs.new("sqlite")), "sqlite")
    tablet = server.tablet()
    return World(
        server=server,
        tablet=tablet,
        inspector=tablet.account,  # type: ignore[arg-type]
        supervisor=server.user("supervisor", districts=("d1",), name=f"boss-{uuid.uuid4().hex[:6]}"),
        unit=server.user("unit", unit="water_supply_co", name=f"crew-{uuid.uuid4().hex[:6]}"),
    )


def close_world(world: World) -> None:
    _stop(world.server)
