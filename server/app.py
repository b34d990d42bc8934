"""The HTTP API (FastAPI): the app factory, the error contract of INTERFACES.md, accounts and devices.

Every error, FastAPI's own included, answers `{"error": {"code": "snake_case", "message": "…"}}`;
an unexpected exception is logged and answers 500 with a generic message. A JSON body larger
than MAX_JSON_BODY is refused with 413 before it is read (by its Content-Length, or while it
streams); photo chunks set their own limits (server/blobs.py).
"""

from __future__ import annotations

import gc
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from contextlib import asynccontextmanager
from importlib.metadata import PackageNotFoundError, version
from typing import Annotated, Any

import anyio
from fastapi import APIRouter, FastAPI, Header, HTTPException, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from server.accounts import Accounts, LoginFailure
from server.config import ServerConfig
from server.core import Core
from server.decision_api import router as decision_router
from server.deps import BearerDep, CoreDep, DeviceDep, PrincipalDep
from server.errors import ServerError, UnauthorizedError, validation_message
from server.evaluation_api import router as evaluation_router
from server.evidence_api import router as evidence_router
from server.export_api import router as export_router
from server.read_api import router as read_router
from server.store import iso, utcnow
from server.sync_api import router as sync_router
from sync.protocol import (
    API_BASE,
    MAX_JSON_BODY,
    CaseBatch,
    EnrollRequest,
    EnrollResponse,
    ErrorBody,
    Health,
    LoginRequest,
    LoginResponse,
)

log = logging.getLogger(__name__)

try:
    VERSION = version("fieldcase")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    VERSION = "0.0.0"

_STATUS_CODES = {
    400: "malformed",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    409: "conflict",
    413: "too_large",
    415: "unsupported_media_type",
    422: "malformed",
}

ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorBody, "description": "missing, invalid, expired or revoked credentials"},
    403: {"model": ErrorBody, "description": "the role may not do this"},
    404: {"model": ErrorBody, "description": "not found, or outside the caller's scope"},
    409: {"model": ErrorBody, "description": "conflict"},
    413: {"model": ErrorBody, "description": "too large"},
    422: {"model": ErrorBody, "description": "malformed, failed validation, or checksum mismatch"},
}


def error_response(status: int, code: str, message: str, **extra: Any) -> JSONResponse:
    detail: dict[str, Any] = {"code": code, "message": message}
    headers = extra.pop("headers", None)
    detail.update({k: v for k, v in extra.items() if v is not None})
    return JSONResponse({"error": detail}, status_code=status, headers=headers)


# ---------------------------------------------------------------- body limit


class BodyTooLargeError(HTTPException):
    """Raised from inside the body's stream; an HTTPException, so FastAPI's body parsing lets it through."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"the request body may have at most {limit} bytes")


Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class BodyLimitMiddleware:
    """Refuse request bodies over the limit without reading them into memory."""

    def __init__(self, app: ASGIApp, limit: int = MAX_JSON_BODY) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or (
            scope["method"] == "PATCH" and scope["path"].startswith(f"{API_BASE}/sync/blobs/")
        ):
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            response = error_response(413, "too_large", f"the request body may have at most {self.limit} bytes")
            await response(scope, receive, send)
            return
        seen = 0
        limit = self.limit

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise BodyTooLargeError(limit)
            return message

        await self.app(scope, limited, send)


# ---------------------------------------------------------------- accounts and devices

accounts_router = APIRouter(tags=["accounts"])


@accounts_router.get("/health", response_model=Health)
def health() -> Health:
    """Unauthenticated: the server is up; its version, protocol and clock."""
    return Health(status="ok", version=VERSION, time=iso(utcnow()) or "")


@accounts_router.post("/auth/login", response_model=LoginResponse)
async def login(body: LoginRequest, core: CoreDep, device_token: DeviceDep) -> LoginResponse:
    """A user's name and password for a bearer token. Failed logins are answered slowly, and
    after repeated failures the user is locked out for a while (401, code `locked`)."""
    outcome = await run_in_threadpool(core.accounts.login, body.user, body.password, device_token or None)
    if isinstance(outcome, LoginFailure):
        await anyio.sleep(outcome.delay_s)
        raise outcome.error
    return outcome


@accounts_router.post("/auth/logout", status_code=204, response_class=Response)
def logout(core: CoreDep, who: PrincipalDep) -> Response:
    """End this login: its token stops working."""
    core.accounts.logout(who)
    return Response(status_code=204)


@accounts_router.post("/devices/enroll", response_model=EnrollResponse)
def enroll(body: EnrollRequest, core: CoreDep) -> EnrollResponse:
    """Join a tablet with a one-time code from `fieldcase-server device enroll-code`: the code is
    used up and the tablet gets its device token."""
    return core.accounts.enroll(body)


# ---------------------------------------------------------------- grids

grids_router = APIRouter(tags=["grids"])


@grids_router.get(
    "/grids",
    response_class=Response,
    responses={
        200: {"content": {"application/geo+json": {}}, "description": "the grids (a GeoJSON FeatureCollection)"},
        304: {"description": "unchanged since the ETag sent in If-None-Match"},
    },
)
def get_grids(
    core: CoreDep,
    credentials: BearerDep,
    device_token: DeviceDep,
    if_none_match: Annotated[str | None, Header(max_length=200)] = None,
) -> Response:
    """The bureau's districts and grids (server/grids.py) for any logged-in user or enrolled device: a
    GeoJSON FeatureCollection with its `version`; the ETag is the version, so a tablet that sends it back
    in If-None-Match gets 304 while nothing changed."""
    if credentials is not None:
        core.accounts.authenticate(credentials.credentials, device_token or None)
    elif device_token:
        with core.store.read() as conn:
            Accounts._device(conn, device_token)
    else:
        raise UnauthorizedError("this needs a login or a device credential", code="missing_credentials")
    current = core.cases.grids.current()
    headers = {"ETag": current.etag, "Cache-Control": "no-cache", "X-Fieldcase-Grids-Version": str(current.version)}
    if if_none_match is not None and (
        if_none_match.strip() == "*" or current.etag in (tag.strip() for tag in if_none_match.split(","))
    ):
        return Response(status_code=304, headers=headers)
    return Response(current.body, media_type="application/geo+json", headers=headers)


# ---------------------------------------------------------------- the app


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ServerError)
    async def on_server_error(request: Request, exc: ServerError) -> JSONResponse:
        return error_response(exc.status, exc.code, exc.message, offset=exc.offset, headers=exc.headers or None)

    @app.exception_handler(StarletteHTTPException)
    async def on_http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        status = 422 if exc.status_code == 400 else exc.status_code
        code = _STATUS_CODES.get(status, "error")
        message = exc.detail if isinstance(exc.detail, str) else code.replace("_", " ")
        if status == 404 and message == "Not Found":
            message = f"no such endpoint: {request.method} {request.url.path}"
        elif status == 405:
            message = f"{request.method} is not allowed on {request.url.path}"
        return error_response(status, code, message, headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def on_validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        return error_response(422, "malformed", validation_message(exc.errors()))

    @app.exception_handler(Exception)
    async def on_unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return error_response(500, "internal_error", "the server met an unexpected error; it has been logged")


def create_app(config: ServerConfig, *, core: Core | None = None) -> FastAPI:
    """The ASGI app of one server; it opens (and on shutdown closes) its own Core unless given one."""
    own = core is None
    opened = core or Core.open(config)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        try:
            yield
        finally:
            if own:
                opened.close()

    app = FastAPI(
        title="Fieldcase server",
        version=VERSION,
        description="The central server of Fieldcase: accounts, devices, sync (photos, cases, change feed) "
        'and the case queue. Errors answer {"error": {"code", "message"}}.',
        openapi_url="/openapi.json",
        docs_url="/docs",
        redoc_url=None,
        lifespan=lifespan,
        responses=ERROR_RESPONSES,
    )
    app.state.core = opened
    app.add_middleware(BodyLimitMiddleware, limit=MAX_JSON_BODY)
    _install_error_handlers(app)
    app.include_router(accounts_router, prefix=API_BASE)
    app.include_router(sync_router, prefix=API_BASE)
    app.include_router(read_router, prefix=API_BASE)
    app.include_router(decision_router, prefix=API_BASE)
    app.include_router(evaluation_router, prefix=API_BASE)
    app.include_router(export_router, prefix=API_BASE)
    app.include_router(grids_router, prefix=API_BASE)
    app.include_router(evidence_router, prefix=API_BASE)
    _document_parsed_bodies(app)
    return app


def _document_parsed_bodies(app: FastAPI) -> None:
    """Add to the OpenAPI components the bodies an endpoint parses itself (CaseBatch)."""
    default = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = default()
            batch = CaseBatch.model_json_schema(ref_template="#/components/schemas/Batch{model}")
            schemas = schema.setdefault("components", {}).setdefault("schemas", {})
            for name, definition in batch.pop("$defs", {}).items():
                schemas[f"Batch{name}"] = definition
            schemas["CaseBatch"] = batch
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


# A serving process's youngest generation is collected after this many container objects: more than
# a batch of 50 cases makes and drops, so one batch seldom triggers a collection of the ones in flight.
GC_YOUNG_THRESHOLD = 10_000


def settle_heap() -> None:
    """For a process that serves (`serve`, each of its workers), once its app is built: what was made so
    far (modules, the schema, pydantic's validators; over 100,000 objects) is left out of the cyclic
    garbage collector's full passes (gc.freeze), and the youngest generation waits for 10,000 new
    objects instead of 700. In process, the collector had taken about 48 us a case of the intake's
    CPU (a full pass over the app's objects each ~40 batches, and ~4 young passes a batch); after,
    under 1. Objects are still freed by reference counting at once; only cycles wait longer."""
    gc.collect()
    gc.freeze()
    young, middle, old = gc.get_threshold()
    gc.set_threshold(max(young, GC_YOUNG_THRESHOLD), middle, old)


def create_app_from_env() -> FastAPI:
    """The factory uvicorn's worker processes call (`serve --workers N`): settings from the environment."""
    app = create_app(ServerConfig.from_env())
    settle_heap()
    return app
