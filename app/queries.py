"""What the UI reads and catches, named from `app` so the UI depends on the use-case layer only.

The list's and the map's queries, their records, and the storage errors a view has to tell apart.
"""

from __future__ import annotations

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
