"""The server's errors: each one an HTTP status, a snake_case code and a message a person can act on."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any


class ServerError(Exception):
    """Base of every refusal the server explains to its caller (HTTP or CLI)."""

    status = 500
    code = "internal_error"

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        headers: dict[str, str] | None = None,
        offset: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        self.headers = headers or {}
        self.offset = offset


class UnauthorizedError(ServerError):
    """Missing, invalid, expired or revoked credentials (401)."""

    status = 401
    code = "unauthorized"


class ForbiddenError(ServerError):
    """Authenticated, but the role may not do this (403)."""

    status = 403
    code = "forbidden"


class NotFoundError(ServerError):
    """Not there, or outside the caller's scope (404): scope does not leak existence."""

    status = 404
    code = "not_found"


class ConflictError(ServerError):
    """The state does not allow it, or it already exists (409)."""

    status = 409
    code = "conflict"


class TooLargeError(ServerError):
    status = 413
    code = "too_large"


class InvalidError(ServerError):
    """Malformed, failed validation, or a checksum mismatch (422)."""

    status = 422
    code = "invalid"


def validation_message(errors: Sequence[Mapping[str, Any]]) -> str:
    """pydantic's or FastAPI's validation errors in one line: where and what, never the input
    (it may be a password)."""
    parts = []
    for error in list(errors)[:5]:
        where = ".".join(str(p) for p in error.get("loc", ()))
        parts.append(f"{where}: {error.get('msg', 'invalid')}" if where else str(error.get("msg", "invalid")))
    return "; ".join(parts) or "the request is malformed"


# Exit codes of the server CLI (INTERFACES.md): the same as the tablet's.
EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_NOT_FOUND, EXIT_REFUSED, EXIT_SERVER = 0, 1, 2, 3, 4, 5


def exit_code(error: ServerError) -> int:
    if isinstance(error, NotFoundError):
        return EXIT_NOT_FOUND
    if isinstance(error, UnauthorizedError):
        return EXIT_SERVER
    return EXIT_REFUSED
