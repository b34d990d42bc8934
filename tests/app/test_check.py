"""`check` finds what was tampered with: a flipped byte, an edited event, a removed event."""

from __future__ import annotations

from storage.db import open_connection


def _case_with_photos(tablet, photo):
    case = tablet.new_case(type="manhole_cover", subtype="broken", fields={"owner": "gas"},
                           photos=[photo(), photo()])
    return tablet.submit(case.id)


def test_a_clean_folder_checks_ok(tablet, photo) -> None:
    case = _case_with_photos(tablet, photo)
    report = tablet.check()
    assert report.ok, report.problems
    assert (report.cases, report.photos_checked, report.events) == (1, 2, 3)
    assert case.status == "submitted"


def test_a_flipped_byte_in_a_stored_photo_is_found(tablet, photo) -> None:
    case = _case_with_photos(tablet, photo)
    sha = case.photos[1].sha256
    path = tablet.originals.path_for(sha)
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.chmod(0o644)
    path.write_bytes(bytes(data))
    problems = tablet.check().problems
    assert problems == [f"case {case.id}: photo {sha} does not match its hash (altered)"]


def test_a_missing_photo_is_found(tablet, photo) -> None:
    case = _case_with_photos(tablet, photo)
    tablet.originals.path_for(case.photos[0].sha256).unlink()
    assert any("is missing" in p for p in tablet.check().problems)


def _sql(tablet, statement: str, *params) -> None:
    # Another connection, as a tamperer with the key would open it (the folder is encrypted).
    conn = open_connection(tablet.paths.database)
    conn.execute(statement, params)
    conn.close()


def test_an_edited_audit_event_is_found(tablet, photo) -> None:
    case = _case_with_photos(tablet, photo)
    _sql(tablet, "UPDATE audit SET actor = 'someone else' WHERE case_id = ? AND seq = 1", case.id)
    assert any("edited" in p for p in tablet.check().problems)


def test_a_removed_audit_event_is_found(tablet, photo) -> None:
    case = _case_with_photos(tablet, photo)
    _sql(tablet, "DELETE FROM audit WHERE case_id = ? AND seq = 2", case.id)
    assert any("missing" in p or "broken" in p for p in tablet.check().problems)


def test_a_removed_last_event_is_found(tablet, photo) -> None:
    case = _case_with_photos(tablet, photo)
    _sql(tablet, "DELETE FROM audit WHERE case_id = ? AND seq = 3", case.id)
    assert any("removed" in p for p in tablet.check().problems)


def test_a_state_changed_behind_the_audit_trail_is_found(tablet, photo) -> None:
    case = _case_with_photos(tablet, photo)
    _sql(tablet, "UPDATE cases SET status = 'closed' WHERE id = ?", case.id)
    assert any("differs from its audit trail" in p for p in tablet.check().problems)
