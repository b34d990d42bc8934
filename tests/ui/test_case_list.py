"""The home page's case list: the lazy model, search and filters driven as a user would, empty states."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication

from app.demo import make_demo
from app.services import Tablet
from storage.case_query import CaseQuery
from storage.repository import CaseFilter
from ui.case_list_view import CaseListPage, format_time
from ui.models.case_list import (
    BATCH,
    CHIPS,
    CaseIdRole,
    CaseListModel,
    CaseRowRole,
    CodeRole,
    ReassignedToRole,
    StatusRole,
    SubtypeNameRole,
    chip_filter,
)
from ui.session import Session

ADDRESSES = (
    "郑州市金水区花园路88号院北门",
    "郑州市二七区大学路12号",
    "郑州市金水区花园路与农业路交叉口东南角人行道上靠近公交站台的位置，一个很长很长的地址",
    "郑州市中原区建设路300号",
)


def _add_known_cases(tablet: Tablet) -> list[str]:
    """Four manhole-cover drafts with known addresses, made in the same second (ties in time)."""
    ids = []
    for i, address in enumerate(ADDRESSES):
        case = tablet.new_case(
            type="manhole_cover",
            subtype="missing" if i % 2 == 0 else "broken",
            lat=34.75 + i * 0.001,
            lon=113.62,
            address=address,
            description="井盖缺失" if i == 0 else "",
        )
        ids.append(case.id)
    return ids


def _wait_loaded(qtbot, model: CaseListModel) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: model.complete, timeout=15000)


@pytest.fixture
def model(session: Session) -> Iterator[CaseListModel]:
    m = CaseListModel(session.tablet.paths.database, session.tablet.catalogue, "en")
    yield m
    m.close()


def _bulk_cases(tablet: Tablet, count: int) -> None:
    """`count` minimal cases in one statement (make_demo takes a minute for 100,000)."""
    with tablet.repo.transaction():
        tablet.repo.db.execute(
            """WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
            INSERT INTO cases (id, code, type, subtype, status, hazard, address, description,
                               created_at, updated_at, created_ts, sync)
            SELECT printf('00000000-0000-4000-8000-%012d', i), printf('BULK-%06d', i),
                   CASE i % 2 WHEN 0 THEN 'manhole_cover' ELSE 'illegal_construction' END,
                   CASE i % 2 WHEN 0 THEN 'missing' ELSE 'no_permit' END,
                   CASE i % 5 WHEN 0 THEN 'draft' WHEN 1 THEN 'submitted' WHEN 2 THEN 'filed'
                              WHEN 3 THEN 'disposed' ELSE 'closed' END,
                   'medium', printf('郑州市金水区花园路%d号', i), '',
                   '2024-01-01T00:00:00+08:00', '2024-01-01T00:00:00+08:00', 1700000000 + i,
                   CASE i % 5 WHEN 1 THEN 'pending' WHEN 0 THEN 'local' ELSE 'synced' END
            FROM n""",
            [count],
        )


@pytest.fixture(scope="module")
def big_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("big") / "data"
    with Tablet(folder) as t:
        _bulk_cases(t, 100_000)
    return folder


# ------------------------------------------------------------ the model


def test_model_passes_qtmodeltester(session: Session, model: CaseListModel, qtmodeltester, qtbot) -> None:  # type: ignore[no-untyped-def]
    make_demo(session.tablet, 250, 0, seed=3)
    model.set_filter(CaseFilter())
    _wait_loaded(qtbot, model)
    assert model.rowCount() == 250
    qtmodeltester.check(model)
    model.set_filter(CaseFilter(statuses=("draft",)))
    _wait_loaded(qtbot, model)
    qtmodeltester.check(model)


@pytest.mark.parametrize("window", [3000, 20])
def test_model_order_and_members_agree_with_the_repository(
    session: Session, qtbot, window: int, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """Every chip and search reads what Repository.case_ids reads, in its order; and a first page
    (scanned among the newest cases first, or from the full-text index) is the start of it."""
    monkeypatch.setattr("storage.case_query.SEARCH_WINDOW", window)
    tablet = session.tablet
    make_demo(tablet, 300, 0, seed=5)
    _add_known_cases(tablet)
    query = CaseQuery(tablet.paths.database)
    try:
        filters = [chip.filter for chip in CHIPS] + [
            CaseFilter(search="花园路"),
            CaseFilter(search="金水"),
            CaseFilter(search="井"),
            CaseFilter(statuses=("draft",), search="花园"),
            CaseFilter(statuses=("draft",), search="郑州市"),
            CaseFilter(search="花园路88"),
            CaseFilter(search="郑州市"),
            CaseFilter(type="manhole_cover"),
        ]
        for flt in filters:
            keys = query.keys(flt)
            rows = query.rows(keys)
            assert [rows[k].id for k in keys] == tablet.case_ids(flt), flt
            for limit in (7, 60):
                assert list(query.keys(flt, limit=limit)) == list(keys[:limit]), (flt, limit)
    finally:
        query.close()


def test_model_counts_match_the_chips(session: Session, model: CaseListModel, qtbot) -> None:  # type: ignore[no-untyped-def]
    make_demo(session.tablet, 200, 0, seed=7)
    with qtbot.waitSignal(model.counts_changed, timeout=10000) as blocker:
        model.set_filter(CaseFilter())
    counts = blocker.args[0]
    for chip in CHIPS:
        assert counts[chip.code] == session.tablet.repo.count(chip.filter), chip.code


def test_model_roles(session: Session, model: CaseListModel, qtbot) -> None:  # type: ignore[no-untyped-def]
    ids = _add_known_cases(session.tablet)
    model.set_filter(CaseFilter())
    _wait_loaded(qtbot, model)
    assert model.rowCount() == 4
    # Made in the same second: newest first means the last made comes first.
    assert [model.data(model.index(r), CaseIdRole) for r in range(4)] == ids[::-1]
    index = model.index(3)
    assert model.data(index, CodeRole).endswith("-0001")
    assert model.data(index, StatusRole) == "draft"
    assert model.data(index, SubtypeNameRole) == "Missing cover"
    assert ADDRESSES[0] in model.data(index, Qt.ItemDataRole.DisplayRole)
    assert model.data(index, CaseRowRole).photo_count == 0
    assert model.data(model.index(4), CodeRole) is None
    assert model.rowCount(index) == 0


def test_hundred_thousand_cases_scroll_without_loading_every_row(big_data_dir: Path, qtbot, qapp: QApplication) -> None:  # type: ignore[no-untyped-def]
    with Tablet(big_data_dir) as tablet:
        model = CaseListModel(tablet.paths.database, tablet.catalogue, "en")
        try:
            model.set_filter(CaseFilter())
            _wait_loaded(qtbot, model)
            assert model.rowCount() == 100_000
            assert model.fetched_rows == 0
            last = model.index(model.rowCount() - 1)
            assert model.data(last, CodeRole) == "BULK-000001"  # the oldest
            assert model.data(model.index(0), CodeRole) == "BULK-100000"
            assert model.data(model.index(50_000), CodeRole) == "BULK-050000"
            assert model.fetched_rows == 3 * BATCH

            from ui.case_list_view import CaseDelegate, CaseListView

            view = CaseListView()
            qtbot.addWidget(view)
            view.setItemDelegate(CaseDelegate(view))
            view.setModel(model)
            view.resize(1280, 700)
            view.show()
            qtbot.waitExposed(view)
            before = model.fetched_rows
            for _ in range(3):
                view.scrollToBottom()
                qapp.processEvents()
                view.scrollToTop()
                qapp.processEvents()
            view.scrollTo(model.index(70_000))
            view.viewport().repaint()
            # Only the batches around what was on screen were read, never the 100,000 rows.
            assert model.fetched_rows - before <= 6 * BATCH
            assert model.fetched_rows < 1000

            flt = CaseFilter(statuses=("disposed",), search="花园路1234")
            model.set_filter(flt)
            _wait_loaded(qtbot, model)
            codes = [model.data(model.index(r), CodeRole) for r in range(model.rowCount())]
            assert codes == [tablet.repo.get_case(i).code for i in tablet.case_ids(flt)]
            assert codes and all(tablet.repo.get_case(i).status == "disposed" for i in tablet.case_ids(flt))
        finally:
            model.close()


def test_model_refreshes_in_place_after_a_change(session: Session, model: CaseListModel, qtbot) -> None:  # type: ignore[no-untyped-def]
    ids = _add_known_cases(session.tablet)
    model.set_filter(CaseFilter())
    _wait_loaded(qtbot, model)
    model.data(model.index(0), CodeRole)
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    with qtbot.waitSignal(session.changed, timeout=10000):
        session.run_op(lambda: session.tablet.edit_case(ids[0], address="新地址 1 号"))
    model.refresh()
    qtbot.waitUntil(lambda: model.data(model.index(3), CaseRowRole).address == "新地址 1 号", timeout=10000)
    assert resets == []  # same members, same order: rows re-read, nothing reset


# ------------------------------------------------------------ the page, as a user drives it


@pytest.fixture
def page(session: Session, qtbot) -> Iterator[CaseListPage]:  # type: ignore[no-untyped-def]
    _add_known_cases(session.tablet)
    make_demo(session.tablet, 40, 0, seed=11)
    p = CaseListPage(session)
    qtbot.addWidget(p)
    p.resize(1280, 720)
    p.show()
    qtbot.waitExposed(p)
    _wait_loaded(qtbot, p.model)
    yield p
    p.shutdown()


def _codes(page: CaseListPage) -> list[str]:
    m = page.model
    return [m.data(m.index(r), CodeRole) for r in range(m.rowCount())]


def test_search_as_the_user_types(page: CaseListPage, session: Session, qtbot, type_text) -> None:  # type: ignore[no-untyped-def]
    assert page.model.rowCount() == 44
    page.search.setFocus()
    type_text(page.search, "花园路88")
    qtbot.waitUntil(lambda: page.model.filter == chip_filter("all", "花园路88") and page.model.complete, timeout=5000)
    assert page.model.rowCount() == 1
    assert page.stack.currentWidget() is page.view
    # Backspace to a two-character term (a LIKE search) still matches by address and description.
    page.search.clear()
    type_text(page.search, "井盖")
    qtbot.waitUntil(lambda: page.model.filter == chip_filter("all", "井盖") and page.model.complete, timeout=5000)
    expected = [session.tablet.case(i).code for i in session.tablet.case_ids(CaseFilter(search="井盖"))]
    assert _codes(page) == expected


def test_chips_filter_by_state(page: CaseListPage, session: Session, qtbot, type_text) -> None:  # type: ignore[no-untyped-def]
    tablet = session.tablet
    assert not page.chips["reassigned"].isVisible()  # no case was reassigned away: the chip stays out of the way
    for chip in CHIPS:
        if chip.code == "reassigned":
            continue
        qtbot.mouseClick(page.chips[chip.code], Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda c=chip: page.model.filter == c.filter and page.model.complete, timeout=5000)
        assert page.chips[chip.code].isChecked()
        assert page.model.rowCount() == tablet.repo.count(chip.filter), chip.code
    qtbot.mouseClick(page.chips["drafts"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.model.filter == chip_filter("drafts") and page.model.complete, timeout=5000)
    statuses = {page.model.data(page.model.index(r), StatusRole) for r in range(page.model.rowCount())}
    assert statuses == {"draft"}
    # A chip and a search together.
    type_text(page.search, "花园路")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.model.filter == chip_filter("drafts", "花园路") and page.model.complete, timeout=5000)
    assert page.model.rowCount() == tablet.repo.count(CaseFilter(statuses=("draft",), search="花园路"))


def test_chip_counts_are_shown(page: CaseListPage, session: Session, qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: "44" in page.chips["all"].text(), timeout=5000)
    drafts = session.tablet.repo.count(CaseFilter(statuses=("draft",)))
    assert page.chips["drafts"].text().endswith(str(drafts))


def test_empty_search_state_and_back(page: CaseListPage, qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(page.search, "no such place 9999")
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.empty, timeout=5000)
    assert "no such place 9999" in page.empty.title.text()
    assert page.empty.button.text() == "Show all cases"
    qtbot.mouseClick(page.empty.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.view, timeout=5000)
    assert page.search.text() == ""
    assert page.model.rowCount() == 44


def test_clear_button_clears_the_search(page: CaseListPage, qtbot, type_text) -> None:  # type: ignore[no-untyped-def]
    type_text(page.search, "大学路")
    assert page.clear_search.isVisible()
    qtbot.mouseClick(page.clear_search, Qt.MouseButton.LeftButton)
    assert page.search.text() == ""
    assert not page.clear_search.isVisible()


def test_empty_state_without_cases(session: Session, qtbot) -> None:  # type: ignore[no-untyped-def]
    p = CaseListPage(session)
    qtbot.addWidget(p)
    p.show()
    qtbot.waitUntil(lambda: p.stack.currentWidget() is p.empty, timeout=5000)
    assert p.empty.title.text() == "No cases yet"
    with qtbot.waitSignal(p.new_case_requested):
        qtbot.mouseClick(p.empty.button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(p.new_case_requested):
        qtbot.mouseClick(p.new_case, Qt.MouseButton.LeftButton)
    p.shutdown()


def test_tapping_a_row_opens_its_case(page: CaseListPage, qtbot) -> None:  # type: ignore[no-untyped-def]
    rect = page.view.visualRect(page.model.index(1))
    expected = page.model.case_id(1)
    with qtbot.waitSignal(page.case_opened) as blocker:
        qtbot.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [expected]


def test_a_new_case_appears_after_the_operation(page: CaseListPage, session: Session, qtbot) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(session.changed, timeout=10000):
        session.run_op(
            lambda: session.tablet.new_case(type="manhole_cover", subtype="broken", address="刚刚新建的案件")
        )
    qtbot.waitUntil(lambda: page.model.rowCount() == 45, timeout=5000)
    assert "刚刚新建的案件" in page.model.data(page.model.index(0), Qt.ItemDataRole.DisplayRole)


def test_format_time() -> None:
    now = datetime(2024, 5, 3, 15, 0).astimezone()
    assert format_time((now - timedelta(hours=2)).isoformat(), now) == "Today 13:00"
    assert format_time((now - timedelta(days=1)).isoformat(), now) == "Yesterday 15:00"
    assert format_time(datetime(2024, 1, 2, 8, 5).astimezone().isoformat(), now) == "01-02 08:05"
    assert format_time(datetime(2022, 1, 2, 8, 5).astimezone().isoformat(), now) == "2022-01-02"
    assert format_time("not a time", now) == "not a time"


def test_invalid_index_gives_nothing(model: CaseListModel) -> None:
    assert model.data(QModelIndex(), CodeRole) is None


def test_fast_typing_ends_on_the_last_term_without_errors(big_data_dir: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Each keystroke's query interrupts the one before; only the last answer is shown."""
    with Tablet(big_data_dir) as tablet:
        model = CaseListModel(tablet.paths.database, tablet.catalogue, "en")
        failures: list[object] = []
        model.load_failed.connect(failures.append)
        try:
            term = "花园路123"
            for end in range(1, len(term) + 1):
                model.set_filter(CaseFilter(search=term[:end]))
                model.set_filter(CaseFilter(statuses=("draft",), search=term[:end]))
            _wait_loaded(qtbot, model)
            flt = CaseFilter(statuses=("draft",), search=term)
            assert model.filter == flt
            codes = [model.data(model.index(r), CodeRole) for r in range(model.rowCount())]
            assert codes == [tablet.repo.get_case(i).code for i in tablet.case_ids(flt)]
            assert failures == []
        finally:
            model.close()


# ------------------------------------------------------------ cases a supervisor reassigned


def _reassign(tablet: Tablet, case_id: str, to: str, status: str = "disposed") -> None:
    """A synced case in `status`, then what the sync brings when a supervisor gives its field work to
    `to`: the `reassign` event at the end of its trail (appended as SyncStore.apply_changes does)."""
    with tablet.repo.transaction():
        tablet.repo.update_case(tablet.case(case_id).with_changes(status=status, sync="synced"))
        tablet.repo.record(
            case_id,
            actor="王主任",
            role="supervisor",
            device=None,
            action="reassign",
            from_state=status,
            to_state=status,
            changes={"from": tablet.inspector, "to": to, "reporter": tablet.inspector, "note": "王伟病假"},
        )


def _rows(page: CaseListPage, role: int) -> dict[str, object]:
    m = page.model
    return {m.data(m.index(r), CaseIdRole): m.data(m.index(r), role) for r in range(m.rowCount())}


def _choose(page: CaseListPage, qtbot, code: str) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(page.chips[code], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.model.filter == chip_filter(code) and page.model.complete, timeout=5000)


def test_a_task_reassigned_away_leaves_the_working_lists_and_stays_findable(
    page: CaseListPage, session: Session, qtbot
) -> None:  # type: ignore[no-untyped-def]
    tablet = session.tablet
    moved, kept, back, returned = tablet.case_ids(CaseFilter(search="郑州市"))[:4]
    tablet.repo.update_case(tablet.case(kept).with_changes(status="disposed", sync="synced"))  # never reassigned
    _reassign(tablet, moved, "li")  # to another inspector: no work of this one's any more
    _reassign(tablet, back, "zhao")
    _reassign(tablet, back, tablet.inspector)  # reassigned away and then back here: this one's again
    _reassign(tablet, returned, "li", status="returned")
    page.model.refresh()
    qtbot.waitUntil(lambda: page.chips["reassigned"].isVisible(), timeout=5000)
    assert page.chips["reassigned"].text().endswith("2")
    page.resize(700, 900)  # portrait: the chips wrap, the new one among them
    qtbot.waitUntil(lambda: page.chips["reassigned"].y() > page.chips["all"].y(), timeout=3000)
    rects = [c.geometry() for c in page.chips.values()]
    assert all(not a.intersects(b) for i, a in enumerate(rects) for b in rects[i + 1 :])

    _choose(page, qtbot, "tasks")
    tasks = _rows(page, CaseIdRole)
    assert moved not in tasks and {kept, back} <= set(tasks)
    assert page.chips["tasks"].text().endswith(str(len(tasks)))
    _choose(page, qtbot, "returned")
    assert returned not in _rows(page, CaseIdRole)

    _choose(page, qtbot, "all")
    away = _rows(page, ReassignedToRole)
    assert away[moved] == "li" and away[returned] == "li"
    assert away[kept] is None and away[back] is None  # the last reassignment counts
    assert set(away) == set(tablet.case_ids())
    page.grab()  # the rows paint ("Reassigned to li" instead of the state's badge)

    _choose(page, qtbot, "reassigned")
    assert set(_rows(page, CaseIdRole)) == {moved, returned}
    for chip in CHIPS:  # the chips' counts are what the repository counts
        assert tablet.repo.count(chip.filter) == (page._counts.get(chip.code) or 0), chip.code


def test_reassigned_away_is_relative_to_the_inspector_working_here(
    session: Session, model: CaseListModel, qtbot
) -> None:  # type: ignore[no-untyped-def]
    """Several inspectors share a tablet: a case reassigned to li is li's work when li logs in on it."""
    tablet = session.tablet
    (case_id,) = _add_known_cases(tablet)[:1]
    _reassign(tablet, case_id, "li")
    tasks = CaseFilter(statuses=("disposed",), reassigned_away=False)
    assert tablet.case_ids(tasks) == [] and tablet.case_ids(CaseFilter(reassigned_away=True)) == [case_id]
    tablet.repo.set_meta("session_user", "li")
    assert tablet.inspector == "li"
    assert tablet.case_ids(tasks) == [case_id] and tablet.case_ids(CaseFilter(reassigned_away=True)) == []
    model.set_filter(CaseFilter())
    _wait_loaded(qtbot, model)
    assert model.data(model.index(0), ReassignedToRole) is None
