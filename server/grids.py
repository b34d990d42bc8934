"""The bureau's districts and grids: imported by IT from a GeoJSON file (`fieldcase-server grid import FILE`),
served to tablets (`GET /api/v1/grids`), and used by the intake to place a case by its location.

The file is a GeoJSON FeatureCollection (RFC 7946, WGS-84 [lon, lat]) of Polygon or MultiPolygon
features (the first ring the outline, the others holes). Each feature's properties:

- `code` (required, unique in the file): a district's code (letters, digits, `_`, `-`, at most 32:
  the code cases and users carry) or a grid's (also `.`, at most 64);
- `name` (default: the code, at most 200 characters);
- `kind`: `district` or `grid` (default `grid`; `level`, as app/domain/geo.py reads it, is a synonym);
- `district` (a grid's): the code of its district, a district of the same file or one already on the
  server (`district add`).

Polygons, holes and the border rule are app.domain.geo's (`parse_grids`, `assign_grid`). An import is
one transaction: a file with any problem changes nothing; the same file again changes nothing; a new
file replaces the grids (those absent from it are removed). Every import that changes something
advances the grids' version (the `counters` row `grids`); each row keeps the version that last wrote it.

The parsed grids of the current version are cached in the process (`Grids.current`): the intake reads
the version (one small query per batch) and parses the rows again only when it has changed.
"""

from __future__ import annotations

import json
import math
import re
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from app.domain.errors import ValidationError
from app.domain.geo import BORDER_EPS, Grid, assign_grid, parse_grids
from server import schema as t
from server.errors import InvalidError
from server.inputs import storable
from server.store import Store, iso, utcnow

KINDS = ("district", "grid")
COUNTER = "grids"
DISTRICT_CODE = re.compile(r"^[A-Za-z0-9_-]{1,32}$")
GRID_CODE = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")
MAX_NAME = 200
MAX_PROBLEMS_SHOWN = 10


def _canonical(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)


def _refuse(problems: Sequence[str], source: str) -> InvalidError:
    shown = "; ".join(problems[:MAX_PROBLEMS_SHOWN])
    more = f" (and {len(problems) - MAX_PROBLEMS_SHOWN} more)" if len(problems) > MAX_PROBLEMS_SHOWN else ""
    return InvalidError(f"{source}: {shown}{more}; nothing was imported", code="bad_grid_file")


def read_document(path: Path) -> Any:
    """The JSON document of a grid file, or InvalidError saying why it is not one (OSError if unreadable)."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _refuse([f"not UTF-8 text (byte {exc.start})"], str(path)) from None
    try:
        return json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise _refuse([f"not JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"], str(path)) from None
    except ValueError as exc:
        raise _refuse([f"not JSON: {exc}"], str(path)) from None


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


@dataclass(frozen=True)
class GridRow:
    """One district or grid as the table holds it."""

    code: str
    kind: str
    name: str
    district: str | None
    geometry: str  # canonical JSON of the feature's geometry

    def same(self, other: GridRow) -> bool:
        return (self.kind, self.name, self.district, self.geometry) == (
            other.kind,
            other.name,
            other.district,
            other.geometry,
        )


def _feature_label(features: Sequence[Any], where: str) -> str:
    """`features[3]` with the feature's code when it has one: `features[3] (code 'G-7')`."""
    match = re.fullmatch(r"features\[(\d+)\]", where)
    if match and int(match.group(1)) < len(features):
        feature = features[int(match.group(1))]
        props = feature.get("properties") if isinstance(feature, Mapping) else None
        code = props.get("code") if isinstance(props, Mapping) else None
        if isinstance(code, str) and code.strip():
            return f"{where} (code {code.strip()!r})"
    return where


def rows_of(document: Any, *, known_districts: Sequence[str] = (), source: str = "grid file") -> list[GridRow]:
    """The districts and grids of a GeoJSON document, checked, or InvalidError naming every feature's problem."""
    problems: list[str] = []
    features: list[Any] = []
    if isinstance(document, Mapping) and isinstance(document.get("features"), list):
        # `kind` is this file's name for geo.parse_grids' `level`.
        for index, feature in enumerate(document["features"]):
            props = feature.get("properties") if isinstance(feature, Mapping) else None
            if isinstance(props, Mapping) and "kind" in props:
                kind, level = props.get("kind"), props.get("level")
                if level is not None and level != kind:
                    problems.append(f"features[{index}]: kind {kind!r} and level {level!r} disagree")
                feature = {**feature, "properties": {**props, "level": kind}}
            features.append(feature)
        if not features:
            problems.append("the FeatureCollection holds no features (a grid file replaces every grid)")
        document = {**document, "features": features}
    try:
        grids = parse_grids(document)
    except ValidationError as exc:
        problems.extend(f"{_feature_label(features, p.field)}: {p.message}" for p in exc.problems)
        grids = []
    if problems:
        raise _refuse(problems, source)
    by_code = {g.code: g for g in grids}
    districts = {g.code for g in grids if g.level == "district"} | set(known_districts)
    rows = []
    for index, feature in enumerate(features):
        props = feature["properties"]
        grid = by_code[str(props["code"]).strip()]
        label = f"features[{index}] (code {grid.code!r})"
        pattern = DISTRICT_CODE if grid.level == "district" else GRID_CODE
        if not pattern.fullmatch(grid.code):
            limit = "32 letters, digits, _ or -" if grid.level == "district" else "64 letters, digits, _, . or -"
            problems.append(f"{label}: a {grid.level} code must be 1 to {limit}")
        if len(grid.name) > MAX_NAME or not storable(grid.name):
            problems.append(f"{label}: the name must be at most {MAX_NAME} characters of valid text")
        raw_district = props.get("district")
        if grid.level == "grid" and raw_district is not None and not isinstance(raw_district, str):
            problems.append(f"{label}: properties.district must be a district's code")
        district = grid.district if grid.level == "grid" else None
        if district is not None and district not in districts:
            problems.append(f"{label}: district {district!r} is neither a district in this file nor on the server")
        try:
            geometry = _canonical(feature["geometry"])
        except ValueError:
            problems.append(f"{label}: the geometry holds a number JSON cannot carry")
            continue
        rows.append(GridRow(code=grid.code, kind=grid.level, name=grid.name, district=district, geometry=geometry))
    if problems:
        raise _refuse(problems, source)
    return rows


class _Index:
    """The grids whose bounding box meets each cell of a regular lattice (cells about the size of a grid), so a
    point is tested against the few grids near it rather than every one."""

    def __init__(self, grids: Sequence[Grid]) -> None:
        sides = sorted(max(g.bbox[2] - g.bbox[0], g.bbox[3] - g.bbox[1]) for g in grids)
        self.cell = max(sides[len(sides) // 2] if sides else 1.0, 1e-4)
        self.cells: dict[tuple[int, int], list[Grid]] = {}
        for grid in grids:
            west, south, east, north = grid.bbox
            x0, y0 = self._key(west - BORDER_EPS, south - BORDER_EPS)
            x1, y1 = self._key(east + BORDER_EPS, north + BORDER_EPS)
            if (x1 - x0 + 1) * (y1 - y0 + 1) > 10_000:  # a huge polygon (a whole city's district): coarse cells
                self.cells.setdefault((-1 << 40, 0), []).append(grid)
                continue
            for x in range(x0, x1 + 1):
                for y in range(y0, y1 + 1):
                    self.cells.setdefault((x, y), []).append(grid)
        self.everywhere = self.cells.pop((-1 << 40, 0), [])

    def _key(self, lon: float, lat: float) -> tuple[int, int]:
        return math.floor(lon / self.cell), math.floor(lat / self.cell)

    def near(self, lat: float, lon: float) -> list[Grid]:
        return [*self.cells.get(self._key(lon, lat), ()), *self.everywhere]


@dataclass(frozen=True)
class GridSet:
    """The grids of one version: parsed (and indexed) for the intake, and GET /grids' body made once."""

    version: int
    imported_at: str | None
    grids: tuple[Grid, ...]
    body: bytes
    index: _Index = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "index", _Index(self.grids))

    @property
    def etag(self) -> str:
        return f'"grids-{self.version}"'

    @property
    def has_grids(self) -> bool:
        return any(g.level == "grid" for g in self.grids)

    @property
    def has_districts(self) -> bool:
        return any(g.level == "district" for g in self.grids)

    def locate(self, lat: float, lon: float) -> tuple[str | None, str | None]:
        """(district, grid) of a point: the district polygon holding it, else its grid's district."""
        if not (math.isfinite(lat) and math.isfinite(lon)):
            return None, None
        near = self.index.near(lat, lon)
        grid = assign_grid(near, lat, lon, level="grid")
        district = assign_grid(near, lat, lon, level="district")
        return (district.code if district else grid.district if grid else None), (grid.code if grid else None)


def _gridset(version: int, rows: Sequence[Any]) -> GridSet:
    features = [
        {
            "type": "Feature",
            "properties": {
                "code": r.code,
                "name": r.name,
                "kind": r.kind,
                "level": r.kind,
                "district": r.district,
                "version": r.version,
            },
            "geometry": json.loads(r.geometry),
        }
        for r in rows
    ]
    times: list[datetime] = [r.imported_at for r in rows]
    imported_at = iso(max(times)) if times else None
    document = {"type": "FeatureCollection", "version": version, "imported_at": imported_at, "features": features}
    grids = tuple(parse_grids(document)) if features else ()
    body = _canonical(document).encode("utf-8")
    return GridSet(version=version, imported_at=imported_at, grids=grids, body=body)


_VERSION = sa.select(t.counters.c.value).where(t.counters.c.name == COUNTER)


class Grids:
    """The grids in the database, and the parsed current version cached in this process."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._cached: GridSet | None = None
        self._lock = threading.Lock()

    @staticmethod
    def version_in(conn: Connection) -> int:
        value = conn.execute(_VERSION).scalar()
        return int(value) if value is not None else 0

    def current(self, conn: Connection | None = None) -> GridSet:
        """The current grids: one query for the version, the rows read and parsed only when it changed.
        In the caller's transaction if given one (the intake's: no transaction of its own a batch)."""
        if conn is None:
            with self.store.read() as own:
                return self.current(own)
        version = self.version_in(conn)
        cached = self._cached
        if cached is not None and cached.version == version:
            return cached
        for _ in range(5):
            rows = conn.execute(sa.select(t.grids).order_by(t.grids.c.code)).all()
            again = self.version_in(conn)  # an import committed between the two reads: read again
            if again == version:
                break
            version = again
        built = _gridset(version, rows)
        with self._lock:
            if self._cached is None or self._cached.version <= built.version:
                self._cached = built
        return built

    def import_document(self, document: Any, *, source: str = "grid file") -> dict[str, Any]:
        """Replace the grids with a file's, in one transaction; what was added, changed and removed."""
        with self.store.write() as conn:
            known = [r.code for r in conn.execute(sa.select(t.districts.c.code))]
            new = {r.code: r for r in rows_of(document, known_districts=known, source=source)}
            old = {
                r.code: GridRow(code=r.code, kind=r.kind, name=r.name, district=r.district, geometry=r.geometry)
                for r in conn.execute(sa.select(t.grids))
            }
            added = sorted(set(new) - set(old))
            removed = sorted(set(old) - set(new))
            changed = sorted(code for code in set(new) & set(old) if not new[code].same(old[code]))
            version = self.version_in(conn)
            if added or removed or changed:
                version = self._advance(conn)
                now = utcnow()
                if removed or changed:
                    conn.execute(t.grids.delete().where(t.grids.c.code.in_([*removed, *changed])))
                written = [
                    {
                        "code": code,
                        "kind": new[code].kind,
                        "name": new[code].name,
                        "district": new[code].district,
                        "geometry": new[code].geometry,
                        "imported_at": now,
                        "version": version,
                    }
                    for code in sorted([*added, *changed])
                ]
                if written:
                    conn.execute(t.grids.insert(), written)
        kinds = [r.kind for r in new.values()]
        return {
            "file": source,
            "version": version,
            "districts": kinds.count("district"),
            "grids": kinds.count("grid"),
            "added": added,
            "changed": changed,
            "removed": removed,
            "unchanged": len(new) - len(added) - len(changed),
        }

    def _advance(self, conn: Connection) -> int:
        stmt = self.store.insert(t.counters).values(name=COUNTER, value=1)
        upsert = stmt.on_conflict_do_update(index_elements=[t.counters.c.name], set_={"value": t.counters.c.value + 1})
        return int(conn.execute(upsert.returning(t.counters.c.value)).scalar_one())


def import_file(grids: Grids, path: Path) -> dict[str, Any]:
    """`fieldcase-server grid import FILE`."""
    return grids.import_document(read_document(path), source=str(path))
