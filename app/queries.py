"""What the UI reads and catches, named from `app` so the UI depends on the use-case layer only.

The list's and the map's queries, their records, and the storage errors a view has to tell apart;
the sync client's error (provisioning tells a refused enrollment code from an unreachable server).
"""

from __future__ import annotations

from typing import Any

from storage.case_query import SEARCH_WINDOW, WAITING_SYNCS, CaseQuery
from storage.db import OPERATIONAL_ERRORS  # an interrupted query raises one (SQLite's or SQLCipher's)
from storage.errors import EnvironmentFaultError, PhotoError, StorageError
from storage.map_query import CasePoints, MapQuery
from storage.records import CaseFilter, CaseRow
from storage.repository import AmbiguousError, NotFoundError

__all__ = [
    "OPERATIONAL_ERRORS",
    "SEARCH_WINDOW",
    "WAITING_SYNCS",
    "AmbiguousError",
    "CasePoints",
    "CaseFilter",
    "CaseQuery",
    "CaseRow",
    "EnvironmentFaultError",
    "MapQuery",
    "NotFoundError",
    "PhotoError",
    "StorageError",
]


def __getattr__(name: str) -> Any:
    """`SyncError` and `SYNC_AUTH` (its kind when the server refused the credentials or a code), imported
    only when asked for: the sync client loads requests, which the app's start does without."""
    if name in ("SyncError", "SYNC_AUTH"):
        from sync.client import AUTH, SyncError

        return SyncError if name == "SyncError" else AUTH
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
