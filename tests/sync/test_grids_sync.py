"""The bureau's grids reach the tablet with sync (a real server on SQLite and PostgreSQL): fetched when their
version changed, kept as `grids.geojson` in the data folder (written whole or not at all), read by the map
through app.maps.grids; a failure to fetch or keep them never fails the sync."""

from __future__ import annotations

from pathlib import Path

from app.maps.grids import GRIDS_FILE, load_grids, stored_version
from tests.server.test_grids import city, feature, polygon, square


def _codes(root: Path) -> list[str]:
    return sorted(g.code for g in load_grids(root))


def test_grids_arrive_with_sync_and_only_when_they_changed(field, photos) -> None:
    root = field.data_dir
    grids_file = root / GRIDS_FILE
    assert load_grids(root) == [] and stored_version(root) is None

    # No grids on the server yet: the tablet keeps the empty version 0.
    assert field.tablet.sync().complete
    assert stored_version(root) == 0 and load_grids(root) == []

    field.server.core.cases.grids.import_document(city())
    case_id = field.new_submitted(photos(2))  # its photos' GPS is in grid JS-01
    report = field.tablet.sync()
    assert report.complete and report.cases_accepted == 1
    assert stored_version(root) == 1
    assert _codes(root) == ["EQ-01", "JS-01", "JS-02", "erqi", "jinshui"]
    js01 = next(g for g in load_grids(root) if g.code == "JS-01")
    assert js01.district == "jinshui" and len(js01.polygons[0]) == 2  # outline and hole

    admin = field.server.login(field.server.user("admin"))
    assert admin.get(f"/cases/{case_id}").json()["grid"] == "JS-01"  # placed by the server from its location

    # Nothing changed on the server: the tablet's ETag gets 304 and the file is not rewritten.
    before = grids_file.stat()
    assert field.tablet.sync().complete
    after = grids_file.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)

    # A new import: the next sync brings it.
    smaller = city()
    smaller["features"] = [f for f in smaller["features"] if f["properties"]["code"] != "EQ-01"]
    smaller["features"].append(feature("JS-03", "grid", polygon(square(113.60, 34.79, 113.61, 34.80))))
    field.server.core.cases.grids.import_document(smaller)
    assert field.tablet.sync().complete
    assert stored_version(root) == 2
    assert _codes(root) == ["JS-01", "JS-02", "JS-03", "erqi", "jinshui"]
    assert field.tablet.check().ok  # the plain file beside the encrypted data disturbs no check


def test_a_failure_with_the_grids_never_fails_the_sync(field, photos) -> None:
    root = field.data_dir
    field.server.core.cases.grids.import_document(city())
    # The temporary file's name taken by a folder: the grids cannot be written.
    blocker = root / f".{GRIDS_FILE}.partial"
    blocker.mkdir()
    field.new_submitted(photos(2))
    report = field.tablet.sync()
    assert report.complete and report.error is None and report.cases_accepted == 1
    assert not (root / GRIDS_FILE).exists() and load_grids(root) == []
    blocker.rmdir()
    assert field.tablet.sync().complete and stored_version(root) == 1

    # A damaged file is not believed: its version is unknown, so the grids are fetched whole again.
    (root / GRIDS_FILE).write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")
    assert load_grids(root) == [] and stored_version(root) is None
    assert field.tablet.sync().complete
    assert stored_version(root) == 1 and len(load_grids(root)) == 5
