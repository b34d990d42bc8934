"""The tablet's HTTP client for the sync protocol: the only place `requests` exceptions are seen.

Every failure leaves here as a SyncError with a kind — network, auth, conflict,
server, protocol, refused — that the engine and the UI can act on.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any, BinaryIO, TypeVar

import requests
import requests.adapters
from pydantic import BaseModel, ValidationError

from sync import protocol as p

log = logging.getLogger(__name__)
M = TypeVar("M", bound=BaseModel)

NETWORK, AUTH, CONFLICT, SERVER, PROTOCOL, REFUSED, TOO_LARGE = (
    "network",
    "auth",
    "conflict",
    "server",
    "protocol",
    "refused",
    "too_large",
)


class SyncError(Exception):
    """A sync request failed; `kind` says whose fault and what to do."""

    def __init__(
        self,
        kind: str,
        message: str,
        *,
        status: int | None = None,
        code: str | None = None,
        body: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.kind = kind
        self.status = status
        self.code = code
        self.body = body or {}

    @property
    def retryable(self) -> bool:
        return self.kind in (NETWORK, SERVER)


class _PinnedAdapter(requests.adapters.HTTPAdapter):
    """Checks the server's certificate by its SHA-256 instead of by certificate authorities."""

    def __init__(self, fingerprint: str) -> None:
        self.fingerprint = fingerprint
        super().__init__()

    def init_poolmanager(self, connections: int, maxsize: int, block: bool = False, **pool_kwargs: Any) -> None:
        pool_kwargs["assert_fingerprint"] = self.fingerprint
        super().init_poolmanager(connections, maxsize, block=block, **pool_kwargs)

    def send(
        self,
        request: requests.PreparedRequest,
        stream: bool = False,
        timeout: float | tuple[float | None, float | None] | None = None,
        verify: bool | str = True,
        cert: str | tuple[str, str] | None = None,
        proxies: dict[str, str] | None = None,
    ) -> requests.Response:
        # The fingerprint is the check (urllib3 still counts the connection as verified).
        return super().send(request, stream=stream, timeout=timeout, verify=False, cert=cert, proxies=proxies)


class SyncClient:
    def __init__(self, base_url: str, *, timeout: float = 30.0, verify: bool | str = True) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.session = requests.Session()
        self.session.verify = verify
        self.session.headers["User-Agent"] = "fieldcase-tablet"
        self.user_token: str | None = None
        self.device_token: str | None = None

    def close(self) -> None:
        self.session.close()

    def __enter__(self) -> SyncClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------ plumbing

    def _url(self, path: str) -> str:
        return f"{self.base_url}{p.API_BASE}{path}"

    def _headers(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        headers = dict(extra or {})
        if self.user_token:
            headers["Authorization"] = f"Bearer {self.user_token}"
        if self.device_token:
            headers[p.DEVICE_HEADER] = self.device_token
        return headers

    def request(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        data: Any = None,
        headers: dict[str, str] | None = None,
        params: dict[str, Any] | None = None,
        ok: tuple[int, ...] = (200,),
        stream: bool = False,
    ) -> requests.Response:
        try:
            response = self.session.request(
                method,
                self._url(path),
                json=json,
                data=data,
                headers=self._headers(headers),
                params=params,
                timeout=self.timeout,
                stream=stream,
            )
        except requests.exceptions.SSLError as exc:
            raise SyncError(NETWORK, f"TLS failed: {exc}") from exc
        except requests.exceptions.RequestException as exc:
            raise SyncError(NETWORK, f"server unreachable: {type(exc).__name__}") from exc
        if response.status_code in ok:
            return response
        raise _error_from(response)

    def _model(self, response: requests.Response, model: type[M]) -> M:
        try:
            return model.model_validate(response.json())
        except (ValueError, ValidationError) as exc:
            raise SyncError(PROTOCOL, f"unexpected answer from the server: {exc}") from exc

    # ------------------------------------------------------------ calls

    def health(self) -> p.Health:
        return self._model(self.request("GET", "/health"), p.Health)

    def pin_certificate(self, fingerprint: str) -> None:
        """Trust this client's server by its certificate's SHA-256 alone (a provisioned pin)."""
        self.session.mount(self.base_url.rstrip("/") + "/", _PinnedAdapter(fingerprint))

    def login(self, user: str, password: str) -> p.LoginResponse:
        body = p.LoginRequest(user=user, password=password).model_dump()
        return self._model(self.request("POST", "/auth/login", json=body), p.LoginResponse)

    def enroll(self, code: str, device_id: str, name: str = "", public_key: str | None = None) -> p.EnrollResponse:
        """Enroll with a one-time code; `public_key` is the device's signing key (PEM), kept by the server."""
        body = p.EnrollRequest(code=code, device_id=device_id, name=name, public_key=public_key).model_dump()
        return self._model(self.request("POST", "/devices/enroll", json=body), p.EnrollResponse)

    def missing(self, hashes: list[str]) -> p.MissingResponse:
        missing: list[str] = []
        offsets: dict[str, int] = {}
        for start in range(0, len(hashes), p.MAX_HASHES_PER_QUERY):
            part = hashes[start : start + p.MAX_HASHES_PER_QUERY]
            answer = self._model(self.request("POST", "/sync/blobs/missing", json={"hashes": part}), p.MissingResponse)
            missing.extend(answer.missing)
            offsets.update(answer.offsets)
        return p.MissingResponse(missing=missing, offsets=offsets)

    def upload_state(self, sha256: str) -> p.UploadState:
        return self._model(self.request("GET", f"/sync/blobs/{sha256}"), p.UploadState)

    def upload_chunk(self, sha256: str, offset: int, length: int, data: bytes) -> int:
        """Send one chunk; returns the server's durable offset after it."""
        headers = {
            p.UPLOAD_OFFSET: str(offset),
            p.UPLOAD_LENGTH: str(length),
            p.UPLOAD_CHECKSUM: p.chunk_checksum(data),
            "Content-Type": "application/offset+octet-stream",
        }
        response = self.request("PATCH", f"/sync/blobs/{sha256}", data=data, headers=headers, ok=(200, 201, 204))
        value = response.headers.get(p.UPLOAD_OFFSET)
        if value is None or not value.isdigit():
            raise SyncError(PROTOCOL, "the server did not say how much it holds (Upload-Offset)")
        return int(value)

    def send_cases(self, batch: p.CaseBatch) -> p.CaseBatchResponse:
        response = self.request("POST", "/sync/cases", json=batch.model_dump(mode="json"))
        return self._model(response, p.CaseBatchResponse)

    def changes(self, cursor: str | None, limit: int = 200) -> p.ChangesResponse:
        params: dict[str, Any] = {"limit": limit}
        if cursor:
            params["cursor"] = cursor
        return self._model(self.request("GET", "/sync/changes", params=params), p.ChangesResponse)

    def download(self, sha256: str, out: BinaryIO) -> int:
        response = self.request("GET", f"/blobs/{sha256}", stream=True)
        total = 0
        try:
            for chunk in _iter(response):
                out.write(chunk)
                total += len(chunk)
        except requests.exceptions.RequestException as exc:
            raise SyncError(NETWORK, f"download cut: {type(exc).__name__}") from exc
        finally:
            response.close()
        return total


def _iter(response: requests.Response) -> Iterator[bytes]:
    yield from response.iter_content(chunk_size=1024 * 1024)


def _error_from(response: requests.Response) -> SyncError:
    status = response.status_code
    try:
        body = response.json()
        detail = body.get("error", {}) if isinstance(body, dict) else {}
    except ValueError:
        body, detail = {}, {}
    code = detail.get("code") if isinstance(detail, dict) else None
    message = (detail.get("message") if isinstance(detail, dict) else None) or response.reason or ""
    text = f"{status} {code or ''}: {message}".strip()
    if status == 401:
        return SyncError(AUTH, f"authentication failed ({message})", status=status, code=code, body=body)
    if status == 403:
        return SyncError(REFUSED, f"not allowed ({message})", status=status, code=code, body=body)
    if status == 409:
        return SyncError(CONFLICT, text, status=status, code=code, body=body)
    if status == 413:
        return SyncError(TOO_LARGE, text, status=status, code=code, body=body)
    if status in (400, 404, 422):
        return SyncError(REFUSED, text, status=status, code=code, body=body)
    if status == 429 or status >= 500:
        return SyncError(SERVER, f"server error {text}", status=status, code=code, body=body)
    return SyncError(PROTOCOL, f"unexpected status {text}", status=status, code=code, body=body)
