"""The evaluation screen and the PDF dossier, reached from the review desk."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from pypdf import PdfReader

from tests.ui.desk.drive import close_desk_window, open_desk, open_desk_window, wait_case
from tests.ui.desk.world import World


def test_the_review_desk_has_the_evaluation_and_the_unit_desk_not(qtbot, world: World) -> None:  # type: ignore[no-untyped-def]
    world.send("broken")
    window = open_desk_window(qtbot, world.url)
    try:
        desk = open_desk(qtbot, window, world.supervisor)
        assert desk.tabs.count() == 2 and desk.tabs.tabText(1) == "Evaluation"
        assert desk.evaluation is None  # made when first shown
        desk.tabs.setCurrentIndex(1)
        assert desk.evaluation is not None and desk.pages.currentWidget() is desk.evaluation
        qtbot.waitUntil(lambda: desk.evaluation.state in ("figures", "empty", "error"), timeout=20_000)
        assert desk.evaluation.state == "figures", desk.evaluation.error_text
        assert desk.evaluation.model.rowCount() == 1 and desk.evaluation.model.rows()[0]["reported"] == 1
        window.logout()
        unit = open_desk(qtbot, window, world.unit)
        assert unit.tabs.count() == 1
        unit.tabs.setCurrentIndex(0)
        assert unit.evaluation is None
    finally:
        close_desk_window(qtbot, window)


def test_the_case_view_prints_the_dossier(qtbot, world: World, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    case_id = world.send("broken", address="金水区花园路 8 号")
    window = open_desk_window(qtbot, world.url)
    try:
        desk = open_desk(qtbot, window, world.supervisor)
        desk.on_queue_case_chosen(case_id)
        wait_case(qtbot, desk, case_id, photos=True)
        view = desk.case_view
        assert view.dossier_button.isVisible() and view.dossier_button.text() == "Print dossier (PDF)"
        out = tmp_path / "dossier.pdf"
        view.write_dossier(out)
        qtbot.waitUntil(lambda: "Dossier saved" in view.notice.text(), timeout=60_000)
        text = "".join(page.extract_text() for page in PdfReader(out).pages)
        # NFKC: the extracted text names some characters by their Kangxi-radical twins (⾦ for 金).
        squeezed = unicodedata.normalize("NFKC", "".join(text.split()))
        assert "金水区花园路8号" in squeezed
        for photo in view.case["photos"]:
            assert photo["sha256"] in squeezed
    finally:
        close_desk_window(qtbot, window)


def test_a_group_chosen_in_the_evaluation_shows_its_cases(qtbot, world: World) -> None:  # type: ignore[no-untyped-def]
    mine = world.send("broken")
    world.decide(world.supervisor, mine, "file")
    world.decide(world.supervisor, mine, "dispatch", unit="gas_co")
    other = world.send("broken")
    window = open_desk_window(qtbot, world.url)
    try:
        desk = open_desk(qtbot, window, world.supervisor)
        desk.tabs.setCurrentIndex(1)
        evaluation = desk.evaluation
        assert evaluation is not None
        model = desk.queue.model

        def shown() -> list[str]:
            return sorted(model.row_at(i).id for i in range(model.rowCount()))

        evaluation.group_activated.emit("unit", "gas_co")
        assert desk.tabs.currentIndex() == 0 and desk.pages.currentIndex() == 0
        qtbot.waitUntil(lambda: not model.loading and shown() == [mine], timeout=20_000)
        evaluation.group_activated.emit("inspector", world.inspector.name)
        qtbot.waitUntil(lambda: not model.loading and shown() == sorted([mine, other]), timeout=20_000)
        assert desk.queue.inspector.text() == world.inspector.name
        evaluation.group_activated.emit("district", "d1")
        qtbot.waitUntil(lambda: not model.loading and shown() == sorted([mine, other]), timeout=20_000)
        assert desk.queue.district.currentData() == "d1"
    finally:
        close_desk_window(qtbot, window)
