"""The evaluation screen (ui/desk/evaluation.py) against a real server on 127.0.0.1 (SQLite), its figures made
by cases driven through the real loop: sent by two tablets, filed, dispatched to two units, disposed by a
unit's staff, confirmed or disputed on site, closed, returned. The page fetches through the desk's HTTP
client (app/desk.py), as the desk window wires it."""

from __future__ import annotations

import csv
import io
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from app import desk
from app.desk import DeskClient, DeskError
from tests.server.conftest import LiveServer, _stop, databases, start_server, test_config  # noqa: F401
from tests.server.helpers import Account
from tests.server.test_decisions import _answer, _ok, _received
from ui import i18n
from ui.desk.evaluation import COLUMNS, EvaluationModel, EvaluationPage

PHOTOS = {"photos": ["f" * 64]}


@dataclass
class Figures:
    server: LiveServer
    supervisor: Account
    unit: Account
    inspectors: tuple[str, str]
    today: date  # the bureau's day (the server counts days on its calendar's time zone)

    def client(self, account: Account | None = None) -> DeskClient:
        who = account or self.supervisor
        client = DeskClient(self.server.url, retries=False)
        client.login(who.name, who.password)
        return client


@pytest.fixture(scope="module")
def figures(tmp_path_factory: pytest.TempPathFactory, databases) -> Iterator[Figures]:  # noqa: F811
    """Five cases of district d1 through the loop: two inspectors, two units."""
    live = start_server(test_config(tmp_path_factory.mktemp("server"), databases.new("sqlite")), "sqlite")
    first, second = live.tablet(), live.tablet()
    boss_account = live.user("supervisor", districts=("d1",))
    boss = live.login(boss_account)
    water_account = live.user("unit", unit="water_supply_co")
    water = live.login(water_account)
    # The first inspector: a missing cover closed on time; another disputed on site (a rework).
    done, disputed = _received(live, first), _received(live, first)
    for case_id in (done, disputed):
        _ok(boss, case_id, "file")
        _ok(boss, case_id, "dispatch")
        _ok(water, case_id, "dispose", note="已更换井盖")
    confirm = [("add_photos", "disposed", "disposed", PHOTOS), ("confirm", "disposed", "verified", {})]
    assert _answer(first, done, confirm)["status"] == "verified"
    _ok(boss, done, "close")
    dispute = [("add_photos", "disposed", "disposed", PHOTOS), ("dispute", "disposed", "dispatched", {"note": "未修"})]
    assert _answer(first, disputed, dispute)["status"] == "dispatched"
    # The second: a cover dispatched to the drainage company (not the catalogue's default), one waiting,
    # one returned.
    drained = _received(live, second)
    _ok(boss, drained, "file")
    assert _ok(boss, drained, "dispatch", unit="drainage_co")["unit"] == "drainage_co"
    _received(live, second)
    returned = _received(live, second)
    _ok(boss, returned, "return", note="缺少近景照片")
    assert first.account is not None and second.account is not None
    today = datetime.now(UTC).astimezone(live.core.calendar.tz).date()
    yield Figures(live, boss_account, water_account, (first.account.name, second.account.name), today)
    _stop(live)


class Recorder:
    """The fetch the page gets: the desk client's evaluation call, with each call recorded; `fail` and
    `delay` let a test make calls fail or lag."""

    def __init__(self, client: DeskClient) -> None:
        self.client = client
        self.calls: list[tuple[date, date, str]] = []
        self.fail: list[BaseException] = []
        self.delay: dict[str, threading.Event] = {}

    def __call__(self, first: date, last: date, by: str) -> dict[str, Any]:
        self.calls.append((first, last, by))
        if by in self.delay:
            self.delay[by].wait(10)
        if self.fail:
            raise self.fail.pop(0)
        return self.client.evaluation(first, last, by)


@pytest.fixture
def make_page(qtbot, qapp, figures: Figures) -> Iterator[Callable[..., tuple[EvaluationPage, Recorder]]]:
    made: list[tuple[EvaluationPage, Recorder]] = []

    def make(client: DeskClient | None = None, *, wait: bool = True) -> tuple[EvaluationPage, Recorder]:
        i18n.install_translator(qapp, "en")
        fetch = Recorder(client or figures.client())
        page = EvaluationPage(fetch)
        page.today = lambda: figures.today
        qtbot.addWidget(page)
        page.resize(1280, 800)
        page.show()
        made.append((page, fetch))
        if wait:
            qtbot.waitUntil(lambda: page.state in ("figures", "empty", "error"), timeout=15000)
        return page, fetch

    yield make
    for page, fetch in made:
        for event in fetch.delay.values():
            event.set()
        page.shutdown()
        fetch.client.close()


def _shown(page: EvaluationPage) -> list[dict[str, str]]:
    header, rows = page.model.shown()
    return [dict(zip(COLUMNS, row, strict=True)) for row in rows]


def test_the_figures_of_this_month_by_each_grouping(make_page, figures: Figures, qtbot) -> None:
    page, fetch = make_page()
    today = figures.today
    assert fetch.calls == [(today.replace(day=1), today, "district")]
    assert page.state == "figures" and page.stack.currentWidget() is page.figures_page
    server = figures.client()
    try:
        for by in ("district", "unit", "inspector"):
            if by != "district":
                with qtbot.waitSignal(page.loaded, timeout=15000):
                    page.set_grouping(by)
            assert fetch.calls[-1] == (today.replace(day=1), today, by)
            answer = server.evaluation(today.replace(day=1), today, by)
            assert page.model.by == by and page.model.rows() == answer["rows"]  # the server's figures, as they are
    finally:
        server.close()

    rows = {r["key"]: r for r in page.model.rows()}
    assert set(rows) == set(figures.inspectors)
    first, second = (rows[name] for name in figures.inspectors)
    assert (first["reported"], first["closed"], first["reworks"]) == (2, 1, 1)
    assert (second["reported"], second["filed"], second["returned"]) == (3, 1, 1)

    with qtbot.waitSignal(page.loaded, timeout=15000):
        page.set_grouping("unit")
    shown = {r["key"]: r for r in _shown(page)}
    assert set(shown) == {"Water supply company", "Drainage company"}  # the catalogue's names
    water = shown["Water supply company"]
    assert (water["reported"], water["closed"], water["reworks"]) == ("2", "1", "1")
    assert water["filing_rate"] == "100.0%"
    # The chart: the on-time disposal rate per unit, as the table has it, best first.
    expected = sorted(
        (
            (page.model.name(r), round(r["on_time_disposal_rate"] * 100, 1))
            for r in page.model.rows()
            if r["on_time_disposal_rate"] is not None
        ),
        key=lambda bar: -bar[1],
    )
    assert page.chart_rate.currentText() == "On-time disposal rate"
    assert page.chart.bars == expected and page.chart.bars
    page.chart_rate.setCurrentIndex(page.chart_rate.findText("Closure rate"))
    assert {name for name, _ in page.chart.bars} | set(page.chart.left_out) == set(shown)
    assert "by disposal unit: 2 groups" in page.summary.text()


def test_periods_switch_and_a_bad_one_is_refused(make_page, figures: Figures, qtbot) -> None:
    page, fetch = make_page()
    today = figures.today
    with qtbot.waitSignal(page.loaded, timeout=15000):
        page.set_period("last_month")
    last = today.replace(day=1) - timedelta(days=1)
    assert fetch.calls[-1] == (last.replace(day=1), last, "district")
    assert page.dates() == (last.replace(day=1), last)
    assert page.state == "empty" and page.stack.currentWidget() is page.empty_page  # nothing reported then
    assert page.empty_label.text().startswith("No cases were reported from") and not page.export_button.isEnabled()

    for preset, first in (
        ("this_year", date(today.year, 1, 1)),
        ("this_quarter", date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)),
    ):
        with qtbot.waitSignal(page.loaded, timeout=15000):
            page.set_period(preset)
        assert fetch.calls[-1] == (first, today, "district") and page.state == "figures"

    with qtbot.waitSignal(page.loaded, timeout=15000):
        page.set_period("custom", today, today)
    assert fetch.calls[-1] == (today, today, "district") and page.period.currentText() == "From – to"
    [d1] = page.model.rows()
    assert d1["key"] == "d1" and d1["reported"] == 5

    # Editing a day switches to a custom period; a start after the end is refused before any request.
    calls = len(fetch.calls)
    page.set_period("this_month")
    qtbot.waitUntil(lambda: page.state == "figures", timeout=15000)
    calls = len(fetch.calls)
    page.date_to.setDate(page.date_to.date().addDays(-40))
    qtbot.waitUntil(lambda: page.state == "error", timeout=5000)
    assert page.period.currentText() == "From – to"
    assert "starts after it ends" in page.error_label.text()
    assert len(fetch.calls) == calls


def test_sorting_keeps_missing_values_last_and_the_model_passes_the_tester(make_page, qtmodeltester, qtbot) -> None:
    page, _ = make_page()
    with qtbot.waitSignal(page.loaded, timeout=15000):
        page.set_grouping("inspector")
    qtmodeltester.check(page.model)
    hours = COLUMNS.index("mean_working_hours_to_close")
    reported = COLUMNS.index("reported")
    for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
        page.table.sortByColumn(hours, order)
        values = [r["mean_working_hours_to_close"] for r in page.model.rows()]
        assert values[0] is not None and values[-1] is None  # the inspector with nothing closed is last
    page.table.sortByColumn(reported, Qt.SortOrder.DescendingOrder)
    counts = [r["reported"] for r in page.model.rows()]
    assert counts == sorted(counts, reverse=True) == [3, 2]
    page.table.sortByColumn(reported, Qt.SortOrder.AscendingOrder)
    assert [r["reported"] for r in page.model.rows()] == [2, 3]
    # What the view shows follows the model's order.
    assert page.table.model().index(0, reported).data() == "2"
    qtmodeltester.check(page.model)
    # Double-clicking a group names it, for the desk to show its cases.
    first = page.model.rows()[0]["key"]
    rect = page.table.visualRect(page.model.index(0, 1))
    with qtbot.waitSignal(page.group_activated, timeout=3000) as activated:
        qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert activated.args == ["inspector", first]


def test_csv_export_is_what_the_table_shows(make_page, tmp_path: Path, qtbot) -> None:
    page, _ = make_page()
    with qtbot.waitSignal(page.loaded, timeout=15000):
        page.set_grouping("unit")
    page.table.sortByColumn(COLUMNS.index("reported"), Qt.SortOrder.AscendingOrder)
    out = tmp_path / "figures.csv"
    page.export_csv(out)
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    lines = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    header, rows = page.model.shown()
    assert lines == [header, *rows]
    assert lines[0][:4] == ["Rank", "Disposal unit", "Reported", "Filed"]
    assert [line[1] for line in lines[1:]] == ["Drainage company", "Water supply company"]  # the table's order
    assert lines[2][lines[0].index("Filing rate")] == "100.0%"
    assert "Saved" in page.summary.text()
    with pytest.raises(OSError):
        page.export_csv(tmp_path / "missing" / "figures.csv")


def test_errors_are_said_retried_and_only_the_latest_answer_is_shown(make_page, figures: Figures, qtbot) -> None:
    page, fetch = make_page(wait=False)
    fetch.fail.append(DeskError(desk.UNREACHABLE, "connection refused"))
    qtbot.waitUntil(lambda: page.state == "error", timeout=15000)
    assert page.stack.currentWidget() is page.error_page
    assert "cannot be reached" in page.error_label.text()
    assert page._retry.isActive()  # network trouble is tried again by itself
    with qtbot.waitSignal(page.loaded, timeout=15000):
        page.retry_button.click()  # or at once, by hand
    assert page.state == "figures" and not page._retry.isActive()

    # A slow answer to an earlier question never replaces the answer to the latest one.
    gate = threading.Event()
    fetch.delay["inspector"] = gate
    page.set_grouping("inspector")
    qtbot.waitUntil(lambda: fetch.calls[-1][2] == "inspector", timeout=5000)
    page.set_grouping("unit")
    gate.set()
    qtbot.waitUntil(lambda: page.state == "figures" and page.model.by == "unit", timeout=15000)
    qtbot.wait(200)
    assert page.model.by == "unit" and {r["key"] for r in page.model.rows()} == {"water_supply_co", "drainage_co"}


def test_a_role_that_may_not_see_figures_is_told_so(make_page, figures: Figures) -> None:
    page, _ = make_page(figures.client(figures.unit))
    assert page.state == "error"
    assert "Your role may not do this." in page.error_label.text()
    assert not page._retry.isActive() and not page.export_button.isEnabled()


def test_chinese_headers_names_and_chart(make_page, qapp, qtbot) -> None:
    page, _ = make_page()
    with qtbot.waitSignal(page.loaded, timeout=15000):
        page.set_grouping("unit")
    i18n.install_translator(qapp, "zh_CN")
    qtbot.waitUntil(lambda: page.heading.text() == "考核评价", timeout=5000)  # the LanguageChange event came
    header, rows = page.model.shown()
    assert header[:3] == ["排名", "处置单位", "上报"]
    assert {row[1] for row in rows} == {"自来水公司", "排水公司"}
    assert page.grouping.currentText() == "处置单位" and page.period.currentText() == "本月"
    assert {name for name, _ in page.chart.bars} <= {"自来水公司", "排水公司"}


def test_names_sort_in_the_languages_order(qapp, qtmodeltester) -> None:
    """Chinese names by pinyin: 城 (cheng, U+57CE) before 供 (gong, U+4F9B), against code point order."""
    i18n.install_translator(qapp, "zh_CN")
    model = EvaluationModel()
    rows = [
        {"key": "power_supply_co", "reported": 1, "rank": 1},
        {"key": "enforcement_squadron", "reported": 2, "rank": 2},
        {"key": None, "reported": 3, "rank": 3},
    ]
    model.set_rows(rows, "unit", {"power_supply_co": "供电公司", "enforcement_squadron": "城管执法中队"})
    qtmodeltester.check(model)
    model.sort(COLUMNS.index("key"), Qt.SortOrder.AscendingOrder)
    assert [model.text(r, 1) for r in range(3)] == ["—", "城管执法中队", "供电公司"]
    model.sort(COLUMNS.index("key"), Qt.SortOrder.DescendingOrder)
    assert [model.text(r, 1) for r in range(3)] == ["供电公司", "城管执法中队", "—"]


def test_asked_for_when_first_shown_and_an_answer_after_closing_is_dropped(figures: Figures, qtbot, qapp) -> None:
    i18n.install_translator(qapp, "en")
    fetch = Recorder(figures.client())
    try:
        page = EvaluationPage(fetch)
        page.today = lambda: figures.today
        qtbot.wait(100)
        assert fetch.calls == [] and page.state == "idle"  # a tab never opened asks for nothing
        gate = threading.Event()
        fetch.delay["district"] = gate
        page.show()
        qtbot.waitUntil(lambda: len(fetch.calls) == 1, timeout=5000)
        assert page.state == "loading" and page.stack.currentWidget() is page.loading_page
        tasks = page.tasks
        page.close()
        page.deleteLater()
        qtbot.wait(50)
        gate.set()  # the answer arrives after the page is gone: nothing breaks, nothing is shown
        assert tasks.wait(15000)
        qtbot.wait(100)
    finally:
        fetch.client.close()
