"""The review desk's client of the central server's HTTP API (docs/server.md), for supervisors and units.

The desk app (ui/desk/) calls it from worker threads only. Every failure leaves here as a
DeskError of one of a few kinds the UI can explain:

- `unreachable`: no connection (refused, DNS, reset); `timeout`: the server did not answer in time;
- `auth`: the login is missing, expired or was ended (log in again) — or wrong credentials at login;
- `refused`: the role may not (403); `conflict`: someone else decided first, or the state moved (409,
  with the server's message); `not_found` (404: gone, or outside the caller's scope);
- `invalid`: a missing or malformed field (422); `server`: the server failed (5xx) or answered nonsense.

Reading requests (GET) are retried with a growing pause on connection errors and 502/503/504;
a decision (POST) is retried only when the connection was never made, so it is never taken twice.
"""

from __future__ import annotations

import hashlib
import logging
import math
import os
import tempfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from app.domain.calendar import WorkingCalendar, deadline
from app.domain.catalogue import Catalogue
from sync.protocol import API_BASE, CHUNK_SIZE, UPLOAD_CHECKSUM, UPLOAD_LENGTH, UPLOAD_OFFSET, chunk_checksum

log = logging.getLogger(__name__)

UNREACHABLE, TIMEOUT, AUTH, REFUSED, CONFLICT, NOT_FOUND, INVALID, SERVER = (
    "unreachable",
    "timeout",
    "auth",
    "refused",
    "conflict",
    "not_found",
    "invalid",
    "server",
)
KINDS = (UNREACHABLE, TIMEOUT, AUTH, REFUSED, CONFLICT, NOT_FOUND, INVALID, SERVER)

DESK_ROLES = ("supervisor", "admin", "unit")
ACTIONS = ("file", "return", "reject", "duplicate", "dispatch", "defer", "dispose", "close", "send_back")
PAGE = 100
NEARBY_METRES = 100.0
NEARBY_DAYS = 30
CONNECT_TIMEOUT = 3.05
READ_TIMEOUT = 20.0


class DeskError(Exception):
    """A request to the server failed; `kind` (one of KINDS) says why, `message` is the server's words."""

    def __init__(self, kind: str, message: str, *, status: int | None = None, code: str | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.status = status
        self.code = code

    @property
    def retryable(self) -> bool:
        """Whether trying again later may succeed without the user changing anything."""
        return self.kind in (UNREACHABLE, TIMEOUT, SERVER)

    def __repr__(self) -> str:
        return f"DeskError({self.kind!r}, {self.message!r}, status={self.status}, code={self.code!r})"


@dataclass(frozen=True)
class Login:
    user: str
    role: str
    districts: tuple[str, ...]
    unit: str | None
    expires_at: str
    server: str

    @property
    def desk(self) -> str:
        """Which desk this role works at: 'review' (supervisor, admin), 'unit', or 'tablet' (inspector)."""
        if self.role in ("supervisor", "admin"):
            return "review"
        if self.role == "unit":
            return "unit"
        return "tablet"


@dataclass(frozen=True)
class QueueFilter:
    """The queue's filters, each None (or empty) for "any"."""

    states: tuple[str, ...] = ()
    type: str | None = None
    subtype: str | None = None
    district: str | None = None
    inspector: str | None = None
    unit: str | None = None
    overdue: bool | None = None
    search: str = ""

    def params(self) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = [("state", s) for s in self.states]
        for key in ("type", "subtype", "district", "inspector", "unit"):
            value = getattr(self, key)
            if value:
                out.append((key, str(value)))
        if self.overdue is not None:
            out.append(("overdue", "true" if self.overdue else "false"))
        return out


@dataclass(frozen=True)
class Page:
    cases: list[dict[str, Any]]
    next_cursor: str | None
    order: str  # "queue" (urgent first, then oldest) or "newest" (the server's default)


@dataclass(frozen=True)
class Blob:
    sha256: str
    data: bytes
    verified: bool  # the bytes hash to the SHA-256 they were asked for

    @property
    def status(self) -> str:
        return "verified" if self.verified else "mismatch"


@dataclass
class Capabilities:
    """What this server offers beyond the base API (read once from its OpenAPI schema)."""

    queue_order: bool = False
    search: bool = False
    nearby: bool = False
    points: bool = False  # GET /cases/points and GET /grids/counts (the desk map)


def _retry() -> Retry:
    return Retry(
        total=3,
        connect=3,
        read=2,
        status=2,
        backoff_factor=0.4,
        status_forcelist=(502, 503, 504),
        allowed_methods=frozenset({"GET", "HEAD"}),
        raise_on_status=False,
        respect_retry_after_header=False,
    )


class DeskClient:
    """One desk user's connection to the server. Thread-safe enough for one request at a time per thread:
    requests' Session shares its connection pool between threads."""

    def __init__(
        self,
        base_url: str,
        *,
        timeout: tuple[float, float] | None = None,
        retries: bool = True,
    ) -> None:
        url = base_url.strip().rstrip("/")
        if not url.startswith(("http://", "https://")):
            url = "http://" + url
        self.base_url = url
        self.timeout = timeout or (CONNECT_TIMEOUT, READ_TIMEOUT)
        self.session = requests.Session()
        self.session.headers["User-Agent"] = "fieldcase-desk"
        if retries:
            adapter = HTTPAdapter(max_retries=_retry(), pool_maxsize=8)
            self.session.mount("http://", adapter)
            self.session.mount("https://", adapter)
        self.token: str | None = None
        self.login_info: Login | None = None
        self._capabilities: Capabilities | None = None

    def close(self) -> None:
        self.session.close()

    # ------------------------------------------------------------ plumbing

    def _url(self, path: str) -> str:
        return f"{self.base_url}{API_BASE}{path}"

    def request(
        self,
        method: str,
        path: str,
        *,
        params: Any = None,
        json: Any = None,
        data: Any = None,
        headers: Mapping[str, str] | None = None,
        stream: bool = False,
        timeout: tuple[float, float] | None = None,
    ) -> requests.Response:
        all_headers = dict(headers or {})
        if self.token:
            all_headers["Authorization"] = f"Bearer {self.token}"
        try:
            response = self.session.request(
                method,
                self._url(path),
                params=params,
                json=json,
                data=data,
                headers=all_headers,
                timeout=timeout or self.timeout,
                stream=stream,
            )
        except requests.exceptions.ConnectTimeout as exc:
            raise DeskError(UNREACHABLE, f"cannot connect to {self.base_url} (timed out)") from exc
        except (requests.exceptions.ReadTimeout, requests.exceptions.Timeout) as exc:
            raise DeskError(TIMEOUT, f"{self.base_url} did not answer in time") from exc
        except requests.exceptions.RetryError as exc:
            raise DeskError(SERVER, f"{self.base_url} kept failing: {exc}") from exc
        except requests.exceptions.RequestException as exc:
            raise DeskError(UNREACHABLE, f"cannot reach {self.base_url}: {type(exc).__name__}") from exc
        if response.status_code < 400:
            return response
        raise error_from(response)

    def _json(self, response: requests.Response) -> Any:
        try:
            return response.json()
        except ValueError as exc:
            raise DeskError(SERVER, f"unexpected answer from the server: {exc}") from exc

    def get_json(self, path: str, params: Any = None) -> Any:
        return self._json(self.request("GET", path, params=params))

    # ------------------------------------------------------------ session

    def health(self) -> dict[str, Any]:
        result: dict[str, Any] = self.get_json("/health")
        return result

    def login(self, user: str, password: str) -> Login:
        """Log in; the answer names the role, districts and unit. Wrong credentials: DeskError(AUTH)."""
        if not user.strip() or not password:
            raise DeskError(INVALID, "give a user name and a password")
        self.token = None
        body = self._json(self.request("POST", "/auth/login", json={"user": user.strip(), "password": password}))
        self.token = str(body["token"])
        self.login_info = Login(
            user=str(body.get("user") or user.strip()),
            role=str(body["role"]),
            districts=tuple(body.get("districts") or ()),
            unit=body.get("unit"),
            expires_at=str(body.get("expires_at") or ""),
            server=self.base_url,
        )
        return self.login_info

    def logout(self) -> None:
        """End this login on the server (best effort: a server that cannot be reached lets it expire)."""
        if self.token is None:
            return
        try:
            self.request("POST", "/auth/logout", timeout=(CONNECT_TIMEOUT, 5.0))
        except DeskError as exc:
            log.info("logout not confirmed: %s", exc)
        self.token = None
        self.login_info = None

    def capabilities(self) -> Capabilities:
        """Queue order, search and nearby cases, if this server has them (its OpenAPI schema says)."""
        if self._capabilities is not None:
            return self._capabilities
        caps = Capabilities()
        try:
            response = self.session.get(f"{self.base_url}/openapi.json", timeout=self.timeout)
            schema = response.json() if response.status_code == 200 else {}
        except (requests.exceptions.RequestException, ValueError):
            return caps  # asked again next time
        paths = schema.get("paths", {})
        listing = paths.get(f"{API_BASE}/cases", {}).get("get", {})
        names = {p.get("name") for p in listing.get("parameters", [])}
        caps.queue_order = "order" in names
        caps.search = "q" in names
        caps.nearby = f"{API_BASE}/cases/{{case_id}}/nearby" in paths
        caps.points = f"{API_BASE}/cases/points" in paths and f"{API_BASE}/grids/counts" in paths
        self._capabilities = caps
        return caps

    # ------------------------------------------------------------ the queue and cases

    def queue(self, flt: QueueFilter | None = None, cursor: str | None = None, limit: int = PAGE) -> Page:
        """One page of the caller's cases matching `flt`: urgent first, then oldest, where the server
        can order so; otherwise newest first (its default)."""
        flt = flt or QueueFilter()
        params = flt.params()
        caps = self.capabilities()
        order = "newest"
        if caps.queue_order:
            params.append(("order", "queue"))
            order = "queue"
        if flt.search.strip() and caps.search:
            params.append(("q", flt.search.strip()[:100]))
        params.append(("limit", str(limit)))
        if cursor:
            params.append(("cursor", cursor))
        body = self.get_json("/cases", params)
        cases = list(body.get("cases") or [])
        if flt.search.strip() and not caps.search:
            needle = flt.search.strip().casefold()
            cases = [c for c in cases if needle in _haystack(c)]
        return Page(cases=cases, next_cursor=body.get("next_cursor"), order=order)

    def _map_params(self, flt: QueueFilter | None) -> list[tuple[str, str]]:
        flt = flt or QueueFilter()
        params = flt.params()
        if flt.search.strip() and self.capabilities().search:
            params.append(("q", flt.search.strip()[:100]))
        return params

    def case_points(self, flt: QueueFilter | None = None) -> dict[str, Any]:
        """Every case `flt` matches as a point for the map (GET /cases/points: parallel arrays `id`, `lat_e6`,
        `lon_e6` in millionths of a degree, `state` and `type` as indexes into `states` and `types`, `overdue`;
        and `unlocated`)."""
        # (A server from before the map answers 404: DeskError(NOT_FOUND), which the map explains.)
        result: dict[str, Any] = self.get_json("/cases/points", self._map_params(flt))
        return result

    def grid_counts(self, flt: QueueFilter | None = None) -> dict[str, Any]:
        """The cases `flt` matches counted per grid (GET /grids/counts: `version`, `counts`, `overdue`,
        `outside`, `total`)."""
        result: dict[str, Any] = self.get_json("/grids/counts", self._map_params(flt))
        return result

    def grids(self) -> dict[str, Any]:
        """The bureau's districts and grids (GET /grids: a GeoJSON FeatureCollection with its `version`)."""
        result: dict[str, Any] = self.get_json("/grids")
        return result

    def case(self, case_id: str) -> dict[str, Any]:
        result: dict[str, Any] = self.get_json(f"/cases/{case_id}")
        return result

    def log(self, case_id: str) -> dict[str, Any]:
        result: dict[str, Any] = self.get_json(f"/cases/{case_id}/log")
        return result

    def blob(self, sha256: str) -> Blob:
        """An original photo, byte for byte, with whether it hashes to `sha256`."""
        response = self.request("GET", f"/blobs/{sha256}")
        data = response.content
        return Blob(sha256=sha256, data=data, verified=hashlib.sha256(data).hexdigest() == sha256.lower())

    def nearby(
        self, case: Mapping[str, Any], *, metres: float = NEARBY_METRES, limit: int = 20
    ) -> list[dict[str, Any]]:
        """Other cases of the same type near this one (possible duplicates), nearest first.

        From `GET /cases/{id}/nearby` where the server has it; otherwise from the newest cases of the
        same type and district, filtered by distance here.
        """
        case_id = str(case.get("id"))
        if self.capabilities().nearby:
            params = {"radius_m": str(metres), "days": str(NEARBY_DAYS), "limit": str(limit)}
            body = self.get_json(f"/cases/{case_id}/nearby", params)
            found = body.get("cases", body) if isinstance(body, dict) else body
            return list(found)[:limit]
        where = case.get("location") or {}
        lat, lon = where.get("lat"), where.get("lon")
        if lat is None or lon is None:
            return []
        flt = QueueFilter(type=case.get("type"), district=case.get("district"))
        page = self.get_json("/cases", flt.params() + [("limit", "500")])
        out: list[tuple[float, dict[str, Any]]] = []
        for other in page.get("cases") or []:
            loc = other.get("location") or {}
            if other.get("id") == case_id or loc.get("lat") is None or loc.get("lon") is None:
                continue
            metres_away = distance_m(float(lat), float(lon), float(loc["lat"]), float(loc["lon"]))
            if metres_away <= metres:
                out.append((metres_away, {**other, "distance_m": round(metres_away, 1)}))
        out.sort(key=lambda pair: pair[0])
        return [c for _, c in out[:limit]]

    # ------------------------------------------------------------ decisions

    def decide(self, case_id: str, action: str, **fields: Any) -> dict[str, Any]:
        """Take a decision; the answer is the case after it. Empty fields are left out."""
        if action not in ACTIONS:
            raise DeskError(INVALID, f"unknown decision {action!r}")
        body: dict[str, Any] = {"action": action}
        body.update({k: v for k, v in fields.items() if v is not None and v != "" and v != []})
        result: dict[str, Any] = self._json(self.request("POST", f"/cases/{case_id}/decisions", json=body))
        return result

    def reassign(
        self,
        to: str,
        note: str,
        *,
        cases: Iterable[str] | None = None,
        from_inspector: str | None = None,
        dry_run: bool = False,
    ) -> dict[str, Any]:
        """Reassign field work to inspector `to` (`POST /cases/reassign`): the cases named, or every open
        case `from_inspector` holds within the caller's scope. The answer has one result per case
        (`reassigned`, `unchanged`, or `refused` with its `status` and `error`); with `dry_run`, what
        would happen, nothing changed. Like a decision, never retried once the request was sent."""
        if (cases is None) == (from_inspector is None):
            raise DeskError(INVALID, "reassign: name the cases, or the inspector whose open cases move")
        body: dict[str, Any] = {"to": to, "note": note, "dry_run": dry_run}
        if cases is not None:
            body["cases"] = list(cases)
        else:
            body["from"] = from_inspector
        result: dict[str, Any] = self._json(self.request("POST", "/cases/reassign", json=body))
        return result

    def inspectors(self, districts: Iterable[str] = ()) -> list[dict[str, Any]]:
        """The inspectors working in any of these districts (all of the caller's if none), each with
        `districts`, `disabled` and `open_cases` (`GET /users?role=inspector`)."""
        params: list[tuple[str, str]] = [("role", "inspector")] + [("district", d) for d in districts]
        body = self.get_json("/users", params)
        return list(body.get("users") or [])

    def upload_photo(self, data: bytes) -> str:
        """Upload a photo (disposal evidence) as the tablet does (docs/server.md, "Uploading a photo");
        its SHA-256."""
        digest = hashlib.sha256(data).hexdigest()
        state = self.get_json(f"/sync/blobs/{digest}")
        offset = int(state.get("offset") or 0)
        while not state.get("complete"):
            piece = data[offset : offset + CHUNK_SIZE]
            headers = {
                UPLOAD_OFFSET: str(offset),
                UPLOAD_LENGTH: str(len(data)),
                UPLOAD_CHECKSUM: chunk_checksum(piece),
                "Content-Type": "application/offset+octet-stream",
            }
            state = self._json(self.request("PATCH", f"/sync/blobs/{digest}", data=piece, headers=headers))
            offset = int(state.get("offset") or 0)
        return digest

    # ------------------------------------------------------------ figures and exports

    def evaluation(self, date_from: date, date_to: date, by: str = "district") -> dict[str, Any]:
        params = {"from": date_from.isoformat(), "to": date_to.isoformat(), "by": by}
        result: dict[str, Any] = self.get_json("/evaluation", params)
        return result

    def export_csv(
        self,
        path: Path,
        flt: QueueFilter | None = None,
        *,
        date_from: date | None = None,
        date_to: date | None = None,
        progress: Callable[[int], None] | None = None,
    ) -> int:
        """Stream the cases `flt` matches as CSV into `path` (a temporary file renamed into place);
        the number of cases written."""
        params = (flt or QueueFilter()).params()
        if date_from:
            params.append(("from", date_from.isoformat()))
        if date_to:
            params.append(("to", date_to.isoformat()))
        path = Path(path)
        response = self.request("GET", "/exports/cases.csv", params=params, stream=True)
        fd, tmp = tempfile.mkstemp(prefix=".export-", suffix=".csv", dir=path.parent)
        lines = 0
        written = 0
        try:
            with os.fdopen(fd, "wb") as out:
                try:
                    for chunk in response.iter_content(64 * 1024):
                        out.write(chunk)
                        lines += chunk.count(b"\n")
                        written += len(chunk)
                        if progress is not None:
                            progress(written)
                except requests.exceptions.RequestException as exc:
                    raise DeskError(UNREACHABLE, f"the export was cut off: {type(exc).__name__}") from exc
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        finally:
            response.close()
        return max(0, lines - 1)


def error_from(response: requests.Response) -> DeskError:
    """The DeskError for a refusal: its kind by status, the server's code and message."""
    status = response.status_code
    code: str | None = None
    message = response.reason or f"HTTP {status}"
    try:
        body = response.json()
        error = body.get("error") if isinstance(body, dict) else None
        if isinstance(error, dict):
            code = error.get("code")
            message = str(error.get("message") or message)
    except ValueError:
        pass
    if status == 401:
        kind = AUTH
    elif status == 403:
        kind = REFUSED
    elif status == 404:
        kind = NOT_FOUND
    elif status == 409:
        kind = CONFLICT
    elif status in (400, 413, 422):
        kind = INVALID
    else:
        kind = SERVER
    return DeskError(kind, message, status=status, code=code)


def _haystack(case: Mapping[str, Any]) -> str:
    parts: Iterable[Any] = (
        case.get("code"),
        case.get("official_number"),
        case.get("address"),
        case.get("description"),
        case.get("inspector"),
    )
    return " ".join(str(p) for p in parts if p).casefold()


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres (haversine, mean Earth radius)."""
    r = 6_371_008.8
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(math.sqrt(min(1.0, a)))


@dataclass(frozen=True)
class Deadline:
    """One milestone's deadline as the desk shows it: hours left on its clock (negative: overdue)."""

    milestone: str
    due_at: datetime
    met_at: datetime | None
    overdue: bool
    deferred: bool
    clock: str  # "working" (hours on the working calendar) or "continuous"
    hours_left: float | None  # None once met


def deadlines_of(
    case: Mapping[str, Any], catalogue: Catalogue, calendar: WorkingCalendar, now: datetime
) -> list[Deadline]:
    """The case's deadlines with the time left: working hours on the bureau's calendar, or plain hours
    for a milestone on a continuous clock (urgent covers)."""
    try:
        clock = catalogue.subtype(str(case.get("type")), str(case.get("subtype"))).deadlines.clock
    except Exception:  # an unknown type: count working hours
        clock = "working"
    out = []
    for raw in case.get("deadlines") or []:
        due = datetime.fromisoformat(str(raw["due_at"]))
        met = datetime.fromisoformat(str(raw["met_at"])) if raw.get("met_at") else None
        left: float | None = None
        if met is None:
            if clock == "continuous":
                left = (due - now).total_seconds() / 3600
            else:
                left = calendar.working_hours_between(now, due)
        out.append(
            Deadline(
                milestone=str(raw.get("milestone")),
                due_at=due,
                met_at=met,
                overdue=bool(raw.get("overdue")) or (met is None and due < now),
                deferred=bool(raw.get("deferred")),
                clock=clock,
                hours_left=left,
            )
        )
    return out


def default_unit(case: Mapping[str, Any], catalogue: Catalogue) -> str | None:
    """The disposal unit the catalogue gives this case (a cover: its owner's unit)."""
    fields = case.get("fields") or {}
    try:
        return catalogue.default_unit(str(case.get("type")), str(case.get("subtype")), fields.get("owner"))
    except Exception:
        return None


def planned_deadlines(
    case: Mapping[str, Any], catalogue: Catalogue, calendar: WorkingCalendar, now: datetime
) -> list[tuple[str, float, str, datetime]]:
    """What a dispatch now would set: (milestone, hours, clock, due time) per the catalogue's milestones."""
    try:
        rules = catalogue.subtype(str(case.get("type")), str(case.get("subtype"))).deadlines
    except Exception:
        return []
    return [(m.code, m.hours, rules.clock, deadline(calendar, now, m.hours, rules.clock)) for m in rules.milestones]


__all__ = [
    "ACTIONS",
    "AUTH",
    "CONFLICT",
    "DESK_ROLES",
    "INVALID",
    "KINDS",
    "NOT_FOUND",
    "REFUSED",
    "SERVER",
    "TIMEOUT",
    "UNREACHABLE",
    "Blob",
    "Capabilities",
    "Deadline",
    "DeskClient",
    "DeskError",
    "Login",
    "Page",
    "QueueFilter",
    "deadlines_of",
    "default_unit",
    "distance_m",
    "planned_deadlines",
    "error_from",
]
