"""The real server fixtures of tests/server, for the tablet's sync tests; and a tablet that syncs."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from app import accounts
from app.services import Tablet
from tests.photofactory import Gps, make_exif, write_jpeg
from tests.server.conftest import (  # noqa: F401  (fixtures, registered by import)
    LiveServer,
    backend,
    databases,
    live,
    make_server,
)
from tests.server.helpers import Account


@pytest.fixture
def photos(tmp_path: Path) -> Callable[[int], list[Path]]:
    counter = iter(range(100_000))

    def make(count: int) -> list[Path]:
        folder = tmp_path / "photos"
        folder.mkdir(exist_ok=True)
        out = []
        for _ in range(count):
            n = next(counter)
            exif = make_exif(gps=Gps(34.74 + n / 10_000, 113.62), taken_at="2026:11:20 09:30:12", offset="+08:00")
            out.append(write_jpeg(folder / f"IMG_{n:05d}.jpg", exif=exif, upright_size=(120 + n, 90)))
        return out

    return make


class Field:
    """An enrolled tablet with an inspector logged in, against one live server."""

    def __init__(self, server: LiveServer, data_dir: Path, url: str | None = None) -> None:
        self.server = server
        self.data_dir = data_dir
        self.account: Account = server.user("inspector", districts=("d1",))
        self.tablet = Tablet(data_dir)
        code = server.core.accounts.new_enroll_code("d1")["code"]
        accounts.enroll(self.tablet, url or server.url, code)
        accounts.login(self.tablet, self.account.name, self.account.password)

    def point_at(self, url: str) -> None:
        self.tablet.repo.set_meta("server_url", url)

    def new_submitted(self, paths: list[Path], subtype: str = "broken") -> str:
        case = self.tablet.new_case(type="manhole_cover", subtype=subtype, fields={"owner": "gas"}, photos=paths)
        return self.tablet.submit(case.id).id

    def close(self) -> None:
        self.tablet.close()


@pytest.fixture
def field(make_server: Callable[..., LiveServer], tmp_path: Path) -> Iterator[Field]:  # noqa: F811
    server = make_server()
    f = Field(server, tmp_path / "tablet")
    yield f
    f.close()
