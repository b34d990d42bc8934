"""The bureau's districts and grids on the tablet: fetched from the server's `GET /grids` during sync when their
version changed, kept as `grids.geojson` in the data folder, and read by the map.

The file is the server's answer as it came (a GeoJSON FeatureCollection with its `version`), written only
after it parsed (app.domain.geo.parse_grids), to a temporary file that is synced and renamed into place,
so a cut leaves the old file or the new one, never half of one. Grids are the bureau's public boundaries,
not personal data: the file is plain, beside the encrypted database.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from app.domain.errors import ValidationError
from app.domain.geo import Grid, parse_grids

log = logging.getLogger(__name__)

GRIDS_FILE = "grids.geojson"


class Answer(Protocol):
    """What refresh_grids needs of an HTTP answer (a requests.Response is one)."""

    @property
    def status_code(self) -> int: ...

    @property
    def content(self) -> bytes: ...


# fetch(headers) -> GET /grids' answer (200 or 304); the sync engine gives one over its client.
Fetch = Callable[[dict[str, str]], Answer]


def grids_path(root: Path) -> Path:
    """Where a data folder keeps its grids."""
    return root / GRIDS_FILE


def _document(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None


def load_grids(root: Path) -> list[Grid]:
    """The districts and grids the tablet holds ([] before the first sync that brought any, or if the file is
    unreadable: the map then draws none)."""
    try:
        document = _document(grids_path(root))
        return parse_grids(document) if document is not None else []
    except (OSError, ValueError, ValidationError) as exc:
        log.warning("the grids in %s cannot be read: %s", grids_path(root), exc)
        return []


def stored_version(root: Path) -> int | None:
    """The version of the grids the tablet holds (None: none, or an unreadable file)."""
    try:
        document = _document(grids_path(root))
    except (OSError, ValueError):
        return None
    version = document.get("version") if isinstance(document, dict) else None
    return version if isinstance(version, int) and not isinstance(version, bool) else None


def save_grids(root: Path, body: bytes) -> list[Grid]:
    """Keep the server's answer if it parses (ValueError or ValidationError if not; the old file stays)."""
    document = json.loads(body.decode("utf-8"))
    if not isinstance(document, dict) or not isinstance(document.get("version"), int):
        raise ValueError("the grids carry no version")
    grids = parse_grids(document) if document.get("features") else []
    target = grids_path(root)
    partial = target.with_name(f".{target.name}.partial")
    try:
        with partial.open("wb") as file:
            file.write(body)
            file.flush()
            os.fsync(file.fileno())
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    if hasattr(os, "O_DIRECTORY"):
        folder = os.open(root, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)
    return grids


def refresh_grids(root: Path, fetch: Fetch) -> str:
    """Ask the server for its grids, sending the held version as the ETag: "unchanged" (304) or "updated"."""
    version = stored_version(root)
    headers = {"If-None-Match": f'"grids-{version}"'} if version is not None else {}
    answer = fetch(headers)
    if answer.status_code == 304:
        return "unchanged"
    grids = save_grids(root, answer.content)
    log.info("grids updated to version %s (%d)", stored_version(root), len(grids))
    return "updated"
