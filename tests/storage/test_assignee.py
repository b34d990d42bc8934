"""Who holds a case's field work on the tablet (cases.assignee): kept by every reassign event the
repository appends, and filled in from the audit trail when an older database is migrated."""

from __future__ import annotations

from pathlib import Path

from app.services import Tablet
from storage.records import CaseFilter


def _reassign(tablet: Tablet, case_id: str, to: str) -> None:
    status = tablet.case(case_id).status
    tablet.repo.record(
        case_id,
        actor="boss",
        role="supervisor",
        device=None,
        action="reassign",
        from_state=status,
        to_state=status,
        changes={"from": tablet.inspector, "to": to, "reporter": tablet.inspector, "note": "sick leave"},
    )


def _assignee(tablet: Tablet, case_id: str) -> str | None:
    row = tablet.repo.db.execute("SELECT assignee FROM cases WHERE id = ?", (case_id,)).fetchone()
    return None if row[0] is None else str(row[0])


def test_the_last_reassignment_names_the_holder(tmp_path: Path) -> None:
    with Tablet(tmp_path / "data") as tablet:
        case = tablet.new_case(type="manhole_cover", subtype="broken", lat=34.75, lon=113.62)
        assert _assignee(tablet, case.id) is None
        _reassign(tablet, case.id, "li")
        assert _assignee(tablet, case.id) == "li"
        # An edit of the case leaves the holder alone (update_case does not write the column).
        tablet.repo.update_case(tablet.case(case.id).with_changes(address="花园路 1 号"))
        assert _assignee(tablet, case.id) == "li"
        _reassign(tablet, case.id, tablet.inspector)
        assert _assignee(tablet, case.id) == tablet.inspector
        assert tablet.case_ids(CaseFilter(reassigned_away=True)) == []


def test_an_older_database_gets_its_holders_from_the_audit_trail(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    with Tablet(folder) as tablet:
        moved = tablet.new_case(type="manhole_cover", subtype="broken", lat=34.75, lon=113.62).id
        twice = tablet.new_case(type="manhole_cover", subtype="missing", lat=34.75, lon=113.62).id
        plain = tablet.new_case(type="manhole_cover", subtype="missing", lat=34.75, lon=113.62).id
        _reassign(tablet, moved, "li")
        _reassign(tablet, twice, "li")
        _reassign(tablet, twice, "zhao")
        # The database as schema 3 left it: no assignee column yet.
        db = tablet.repo.db
        db.execute("DROP INDEX cases_assignee")
        db.execute("ALTER TABLE cases DROP COLUMN assignee")
        db.execute("PRAGMA user_version = 3")
    with Tablet(folder) as tablet:
        assert tablet.repo.db.execute("PRAGMA user_version").fetchone()[0] == 4
        assert [_assignee(tablet, i) for i in (moved, twice, plain)] == ["li", "zhao", None]
        assert set(tablet.case_ids(CaseFilter(reassigned_away=True))) == {moved, twice}
        plan = " ".join(
            str(r[-1])
            for r in tablet.repo.db.execute(
                "EXPLAIN QUERY PLAN SELECT count(*) FROM cases c WHERE "
                "(c.assignee IS NOT NULL AND c.assignee != 'x') AND +c.deleted_at IS NULL"
            )
        )
        assert "cases_assignee" in plan
