"""Case batches take turns in a worker process (server/sync_api.py): at most INTAKE_AT_ONCE run at once,
the others wait in the event loop; and with several worker processes, an answer given while batches
wait closes its connection, so a kept-alive tablet's next batch may land on a less busy worker."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from typing import Any

import pytest
import requests

from server import sync_api
from tests.server.conftest import LiveServer
from tests.server.helpers import Client, build_case, envelope, photo_bytes, upload


def _batch(tablet: Client, cases: int = 20) -> dict[str, Any]:
    assert tablet.account is not None
    photos = [photo_bytes(f"{uuid.uuid4()}-{i}") for i in range(2)]
    for data in photos:
        upload(tablet, data)
    return {
        "cases": [
            envelope(*build_case(tablet.account.name, tablet.device_id, "d1", photos, description=f"turn {i}"))
            for i in range(cases)
        ]
    }


def _at_once(server: LiveServer) -> tuple[list[int], Callable[[], None]]:
    """Record how many batches the server's Cases runs at the same moment."""
    cases = server.core.cases
    original = cases.accept_batch
    running, seen, lock = [0], [0], threading.Lock()

    def accept_batch(*args: Any, **kwargs: Any) -> Any:
        with lock:
            running[0] += 1
            seen[0] = max(seen[0], running[0])
        try:
            return original(*args, **kwargs)
        finally:
            with lock:
                running[0] -= 1

    cases.accept_batch = accept_batch  # type: ignore[method-assign]
    return seen, lambda: setattr(cases, "accept_batch", original)


def _send_at_once(tablets: list[Client], batches: list[dict[str, Any]]) -> list[requests.Response]:
    start = threading.Barrier(len(tablets))
    answers: list[requests.Response | None] = [None] * len(tablets)

    def send(i: int) -> None:
        start.wait()
        answers[i] = tablets[i].post("/sync/cases", json=batches[i])

    threads = [threading.Thread(target=send, args=(i,)) for i in range(len(tablets))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(a is not None for a in answers)
    return [a for a in answers if a is not None]


@pytest.mark.parametrize("shed", [True, False])
def test_batches_take_turns_and_a_busy_worker_sheds_its_connections(
    make_server: Callable[..., LiveServer], monkeypatch: pytest.MonkeyPatch, shed: bool
) -> None:
    monkeypatch.setattr(sync_api, "INTAKE_AT_ONCE", 1)
    monkeypatch.setattr(sync_api, "SHED_BACKLOG", shed)
    server = make_server()
    tablets = [server.tablet() for _ in range(4)]
    batches = [_batch(tablet) for tablet in tablets]
    seen, undo = _at_once(server)
    try:
        answers = _send_at_once(tablets, batches)
    finally:
        undo()
    for answer in answers:
        assert answer.status_code == 200, answer.text
        assert {r["outcome"] for r in answer.json()["results"]} == {"accepted"}
    assert seen[0] == 1  # one after the other, never two at once
    closed = [a.headers.get("connection", "").lower() == "close" for a in answers]
    if shed:
        assert any(closed) and not all(closed)  # the last one answered had nobody waiting behind it
    else:
        assert not any(closed)
    # Sent alone, nothing waits: the connection stays open either way, and a closed one was reopened.
    alone = tablets[0].post("/sync/cases", json=_batch(tablets[0], cases=2))
    assert alone.status_code == 200 and alone.headers.get("connection", "").lower() != "close"
    assert len(server.core.cases.all_rows()) == 4 * 20 + 2
