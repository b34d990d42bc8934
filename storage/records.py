"""Plain records the storage layer hands out for lists: a case's row, and what a list is filtered by."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CaseRow:
    """What the case list shows of a case: enough for a row, no photos or fields."""

    id: str
    code: str
    type: str
    subtype: str
    status: str
    hazard: str
    address: str
    created_at: str
    updated_at: str
    photo_count: int
    sync: str
    official_number: str | None
    lat: float | None
    lon: float | None


@dataclass(frozen=True)
class CaseFilter:
    statuses: tuple[str, ...] = ()
    syncs: tuple[str, ...] = ()
    search: str = ""
    type: str | None = None
