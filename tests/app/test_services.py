"""The tablet's use-cases beyond the CLI: codes, duplicates, imports that keep good files."""

from __future__ import annotations

from datetime import datetime

import pytest

from app.domain.errors import StateRefusedError, ValidationError
from storage.repository import CaseFilter


def test_case_codes_are_unique_per_tablet_and_count_per_day(tablet) -> None:
    codes = [tablet.new_case(type="manhole_cover", subtype="other").code for _ in range(3)]
    prefix = tablet.repo.device_code()
    today = datetime.now().astimezone().strftime("%Y%m%d")
    assert codes == [f"{prefix}-{today}-{n:04d}" for n in (1, 2, 3)]


def test_same_bytes_twice_give_one_evidence_item_and_one_file(tablet, photo) -> None:
    path = photo()
    case = tablet.new_case(type="manhole_cover", subtype="other", photos=[path])
    case = tablet.add_photos(case.id, [path])
    other = tablet.new_case(type="manhole_cover", subtype="other", photos=[path])
    assert len(case.photos) == 1 and len(other.photos) == 1
    files = [p for p in tablet.paths.originals.rglob("*") if p.is_file()]
    assert len(files) == 1


def test_import_keeps_good_photos_and_reports_bad_ones(tablet, photo, tmp_path) -> None:
    case = tablet.new_case(type="manhole_cover", subtype="other")
    bad = tmp_path / "empty.jpg"
    bad.write_bytes(b"")
    seen = []
    case, failures = tablet.import_photos(case.id, [photo(), bad, photo()],
                                          progress=lambda i, n, p: seen.append((i, n)))
    assert len(case.photos) == 2
    assert [f.path for f in failures] == [str(bad)]
    assert seen[-1] == (3, 3)


def test_import_can_be_cancelled(tablet, photo) -> None:
    case = tablet.new_case(type="manhole_cover", subtype="other")
    paths = [photo() for _ in range(4)]
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 2

    case, _ = tablet.import_photos(case.id, paths, cancelled=cancelled)
    assert len(case.photos) == 2


def test_possible_duplicates_same_type_within_30_m_and_7_days(tablet) -> None:
    a = tablet.new_case(type="manhole_cover", subtype="missing", lat=34.7466, lon=113.6253)
    near = tablet.new_case(type="manhole_cover", subtype="broken", lat=34.74675, lon=113.6253)  # ~17 m
    tablet.new_case(type="manhole_cover", subtype="broken", lat=34.7470, lon=113.6253)  # ~44 m
    tablet.new_case(type="illegal_construction", subtype="rooftop", lat=34.7466, lon=113.6253)
    found = tablet.possible_duplicates(a)
    assert [(c.id, round(d)) for c, d in found] == [(near.id, 17)]


def test_edit_refuses_bad_values_and_changes_nothing(tablet) -> None:
    case = tablet.new_case(type="illegal_construction", subtype="rooftop", address="旧地址")
    with pytest.raises(ValidationError) as info:
        tablet.edit_case(case.id, address="新地址", lat=200, lon=1, fields={"floors": "many"})
    assert {p.field for p in info.value.problems} == {"location", "floors"}
    after = tablet.case(case.id)
    assert after.address == "旧地址" and after.updated_at == case.updated_at
    assert [e.action for e in tablet.log(case.id)] == ["create"]


def test_clearing_a_field_with_an_empty_value(tablet) -> None:
    case = tablet.new_case(type="manhole_cover", subtype="sunken_raised", fields={"height_diff_mm": "30"})
    case = tablet.edit_case(case.id, fields={"height_diff_mm": ""})
    assert "height_diff_mm" not in case.fields


def test_a_returned_case_is_editable_and_resubmits_as_a_new_revision(tablet, photo) -> None:
    case = tablet.new_case(type="manhole_cover", subtype="broken", fields={"owner": "gas"},
                           photos=[photo(), photo()])
    case = tablet.submit(case.id)
    # As sync will bring it back: received, then returned by a supervisor.
    with tablet.repo.transaction():
        tablet.repo.record(case.id, actor=None, role="system", device=None, action="receive",
                           from_state="submitted", to_state="received")
        tablet.repo.record(case.id, actor="周主任", role="supervisor", device=None, action="return",
                           from_state="received", to_state="returned", changes={"note": "补拍近景"})
        tablet.repo.update_case(case.with_changes(status="returned", review_note="补拍近景"))
    case = tablet.edit_case(case.id, description="补拍了近景")
    case = tablet.submit(case.id)
    assert (case.status, case.revision) == ("submitted", 2)
    assert tablet.check().ok


def test_filters_and_search(tablet) -> None:
    tablet.new_case(type="manhole_cover", subtype="other", address="郑州市金水区花园路")
    b = tablet.new_case(type="manhole_cover", subtype="other", address="二七区大学路", description="下沉")
    assert [c.id for c in tablet.cases(CaseFilter(search="大学路"))] == [b.id]
    assert [c.id for c in tablet.cases(CaseFilter(search="下沉"))] == [b.id]  # two characters: LIKE
    assert [c.id for c in tablet.cases(CaseFilter(search=b.code))] == [b.id]
    assert tablet.cases(CaseFilter(statuses=("submitted",))) == []
    assert len(tablet.case_ids()) == 2


def test_submitting_twice_is_refused(tablet, photo) -> None:
    case = tablet.new_case(type="manhole_cover", subtype="broken", fields={"owner": "gas"},
                           photos=[photo(), photo()])
    tablet.submit(case.id)
    with pytest.raises(StateRefusedError, match="submitted"):
        tablet.submit(case.id)


def test_a_wrong_photo_is_removed_from_a_draft_and_the_trail_keeps_its_hash(tablet, photo) -> None:
    keep, wrong = photo(), photo()
    case = tablet.new_case(type="manhole_cover", subtype="other", photos=[keep, wrong])
    sha = case.photos[1].sha256
    case = tablet.remove_photo(case.id, sha[:12])
    assert [p.sha256 for p in case.photos] == [case.photos[0].sha256]
    assert not tablet.originals.has(sha) and tablet.repo.thumbnail(sha) is None
    assert tablet.log(case.id)[-1].changes["photo"]["sha256"] == sha
    assert tablet.check().ok
    with pytest.raises(ValidationError):
        tablet.remove_photo(case.id, sha)


def _disposed(tablet, photo):
    """A case as the change feed leaves it when the unit reports disposal: a verification task."""
    case = tablet.new_case(type="manhole_cover", subtype="broken", fields={"owner": "gas"},
                           photos=[photo(), photo()])
    case = tablet.submit(case.id)
    with tablet.repo.transaction():
        state = "submitted"
        for action, role, to in (("receive", "system", "received"), ("file", "supervisor", "filed"),
                                 ("dispatch", "supervisor", "dispatched"), ("dispose", "unit", "disposed")):
            tablet.repo.record(case.id, actor=role, role=role, device=None, action=action, from_state=state,
                               to_state=to)
            state = to
        tablet.repo.update_case(case.with_changes(status="disposed", sync="synced"))
        tablet.repo.db.execute("DELETE FROM outbox")
    return tablet.case(case.id)


def test_verification_confirmed_with_after_photos_is_queued_as_a_new_revision(tablet, photo) -> None:
    case = _disposed(tablet, photo)
    after = photo()
    case = tablet.verify(case.id, confirm=True, photos=[after], note="已更换新井盖")
    assert (case.status, case.revision, case.sync) == ("verified", 2, "pending")
    assert [p.kind for p in case.photos][-1] == "after_disposal"
    assert [e.action for e in tablet.log(case.id)][-2:] == ["add_photos", "confirm"]
    assert [(e.case_id, e.revision) for e in tablet.sync_store.outbox()] == [(case.id, 2)]
    assert tablet.check().ok


def test_dispute_needs_a_note_and_sends_the_case_back(tablet, photo) -> None:
    case = _disposed(tablet, photo)
    with pytest.raises(ValidationError, match="what is still wrong"):
        tablet.verify(case.id, confirm=False, photos=[photo()])
    assert tablet.case(case.id).status == "disposed"
    case = tablet.verify(case.id, confirm=False, photos=[photo()], note="井盖仍然松动")
    assert case.status == "dispatched"


def test_verification_is_refused_unless_the_case_is_a_task(tablet, photo) -> None:
    case = tablet.new_case(type="manhole_cover", subtype="other")
    with pytest.raises(StateRefusedError):
        tablet.verify(case.id, confirm=True, photos=[photo()])
    with pytest.raises(ValidationError, match="after-disposal photo"):
        tablet.verify(_disposed(tablet, photo).id, confirm=True, photos=[])


def test_the_photo_location_keeps_its_gps_accuracy(tablet, tmp_path) -> None:
    from tests.photofactory import Gps, make_exif, write_jpeg

    path = write_jpeg(tmp_path / "acc.jpg", exif=make_exif(gps=Gps(34.75, 113.62, error_m=4.5)))
    case = tablet.new_case(type="manhole_cover", subtype="other", photos=[path])
    assert case.location is not None
    assert (case.location.source, case.location.accuracy_m) == ("photo", 4.5)
