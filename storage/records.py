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
    # The inspector a supervisor gave the field work to, when that is not the inspector working on
    # this tablet: the case is read-only here and out of the working lists.
    reassigned_to: str | None = None


@dataclass(frozen=True)
class CaseFilter:
    statuses: tuple[str, ...] = ()
    syncs: tuple[str, ...] = ()
    search: str = ""
    type: str | None = None
    # Cases a supervisor reassigned to another inspector than the one working on this tablet:
    # None either way, False leaves them out (the working lists), True only them.
    reassigned_away: bool | None = None
