"""The HTTP error contract of INTERFACES.md: every status with `{"error": {"code", "message"}}`."""

from __future__ import annotations

import time
from collections.abc import Iterator

from sync.protocol import MAX_JSON_BODY
from tests.server import rawhttp
from tests.server.conftest import LiveServer
from tests.server.helpers import error_of


def test_401_missing_credentials(live: LiveServer) -> None:
    for method, path in (("GET", "/cases"), ("GET", "/sync/changes"), ("POST", "/sync/blobs/missing")):
        response = live.client().request(method, path, json={"hashes": []})
        assert response.status_code == 401, (method, path)
        assert error_of(response)["code"] == "missing_credentials"


def test_403_the_role_may_not(live: LiveServer) -> None:
    admin = live.login(live.user("admin"))
    response = admin.post("/sync/cases", json={"cases": []})
    assert response.status_code == 403 and error_of(response)["code"] == "forbidden"


def test_404_unknown_paths_and_cases(live: LiveServer) -> None:
    admin = live.login(live.user("admin"))
    for path in ("/nowhere", "/cases/00000000-0000-4000-8000-000000000000", "/cases/x/log"):
        response = admin.get(path)
        assert response.status_code == 404 and error_of(response)["code"] == "not_found", path
    response = live.client().get("http://" + live.url.split("://")[1] + "/not-the-api")
    assert response.status_code == 404 and error_of(response)["code"] == "not_found"


def test_405_method_not_allowed(live: LiveServer) -> None:
    response = live.client().request("DELETE", "/health")
    assert response.status_code == 405 and error_of(response)["code"] == "method_not_allowed"


def test_409_conflict(live: LiveServer) -> None:
    from tests.server.test_uploads import _patch

    tablet = live.tablet()
    data = b"x" * 100
    from tests.server.helpers import sha

    response = _patch(tablet, sha(data), 50, 100, data[50:])
    assert response.status_code == 409 and error_of(response)["code"] == "offset_mismatch"


def test_413_a_json_body_over_the_limit_is_not_read(live: LiveServer) -> None:
    tablet = live.tablet()
    started = time.monotonic()
    response = rawhttp.send(
        live.url,
        "POST",
        "/api/v1/sync/cases",
        {**tablet.headers(), "Content-Type": "application/json", "Content-Length": str(100 * 1024 * 1024)},
    )
    assert response is not None and response.status == 413
    assert response.json()["error"]["code"] == "too_large"
    assert time.monotonic() - started < 3


def test_413_a_streamed_body_is_cut_off_at_the_limit(live: LiveServer) -> None:
    tablet = live.tablet()
    sent = 0

    def body() -> Iterator[bytes]:  # chunked: no Content-Length to refuse it by
        nonlocal sent
        yield b'{"hashes": ["'
        while sent < 3 * MAX_JSON_BODY:
            sent += 1 << 20
            yield b"a" * (1 << 20)
        yield b'"]}'

    try:
        response = tablet.post("/sync/blobs/missing", data=body(), headers={"Content-Type": "application/json"})
    except Exception:  # noqa: BLE001 - the server may close before the client finishes sending
        assert sent < 3 * MAX_JSON_BODY
        return
    assert response.status_code == 413 and error_of(response)["code"] == "too_large"


def test_422_malformed_and_invalid(live: LiveServer) -> None:
    client = live.client()
    response = client.post("/auth/login", data=b"{not json", headers={"Content-Type": "application/json"})
    assert response.status_code == 422 and error_of(response)["code"] == "malformed"
    response = client.post("/auth/login", json={"user": "x"})
    assert response.status_code == 422 and error_of(response)["code"] == "malformed"
    response = client.post("/auth/login", json={"user": "x", "password": "secret-in-body", "extra": 1})
    assert response.status_code == 422 and "secret-in-body" not in response.text
    tablet = live.tablet()
    response = tablet.get("/sync/blobs/not-a-hash")
    assert response.status_code == 422 and error_of(response)["code"] == "malformed"


def test_nul_and_broken_unicode_are_refused_not_crashed(live: LiveServer) -> None:
    client = live.client()
    response = client.post(
        "/auth/login",
        data=b'{"user": "a\\u0000b", "password": "\\ud800xyz"}',
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code in (401, 422)
    error_of(response)
    response = client.post("/auth/login", json={"user": "a\x00b", "password": "whatever-it-is"})
    assert response.status_code == 401 and error_of(response)["code"] == "invalid_credentials"
    admin = live.login(live.user("admin"))
    response = admin.get("/cases/%00")
    assert response.status_code == 404
    response = admin.get("/cases", params={"inspector": "a\x00"})
    assert response.status_code == 422
    error_of(response)


def test_500_an_unexpected_error_is_logged_and_answered_generically(make_server, caplog) -> None:  # type: ignore[no-untyped-def]
    live: LiveServer = make_server()
    admin = live.login(live.user("admin"))
    # Break the database under the running server: what no request should be able to do.
    with live.core.store.write() as conn:
        conn.exec_driver_sql("ALTER TABLE cases RENAME TO cases_gone")
    with caplog.at_level("ERROR", logger="server.app"):
        response = admin.get("/cases")
    assert response.status_code == 500
    body = error_of(response)
    assert body["code"] == "internal_error" and "cases_gone" not in body["message"]
    assert any("unexpected error" in r.getMessage() for r in caplog.records)
