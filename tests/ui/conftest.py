"""UI test fixtures: a data folder per test, a Tablet and a Session over it, the main window.

Every fixture closes what it opened (list queries, the task runner, the Tablet), and
the application's look and language are put back after each test, so one test's
theme or translator never leaks into the next.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget

from app.services import Tablet
from ui import i18n
from ui.gc_guard import MainThreadCollector
from ui.session import Session

# The offscreen platform cannot pass a window's size hints on and says so whenever a
# layout changes a top-level window's minimum size; xcb and Windows do pass them.
OFFSCREEN_NOISE = r"This plugin does not support propagateSizeHints\(\)"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).is_relative_to(here):
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


@pytest.fixture(autouse=True)
def _launcher_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The launcher file (remembered data folder) of each test is its own."""
    path = tmp_path / "launcher.ini"
    monkeypatch.setenv("FIELDCASE_LAUNCHER_INI", str(path))
    monkeypatch.delenv("FIELDCASE_DATA_DIR", raising=False)
    return path


@pytest.fixture(autouse=True)
def _collect_on_the_gui_thread(qapp: QApplication) -> Iterator[None]:
    """As the app does (ui/gc_guard.py): no cycle holding a Qt object is freed from a worker thread."""
    collector = MainThreadCollector(qapp)
    yield
    collector.uninstall()
    collector.deleteLater()


@pytest.fixture(autouse=True)
def _restore_app_look(qapp: QApplication) -> Iterator[None]:
    """Put back the style sheet, palette, font and translators a test may have changed."""
    sheet, palette, font = qapp.styleSheet(), qapp.palette(), qapp.font()
    theme = qapp.property("fieldcase_theme")
    yield
    for translator in list(i18n._installed):
        qapp.removeTranslator(translator)
    i18n._installed.clear()
    i18n._current = ""
    qapp.setStyleSheet(sheet)
    qapp.setPalette(palette)
    qapp.setFont(font)
    qapp.setProperty("fieldcase_theme", theme)


def type_into(qtbot, widget: QWidget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type as a user would: ASCII through key presses, Chinese as an input method commits it.

    (QTest cannot press keys for characters outside Latin-1; a pinyin IME delivers Chinese
    as a committed QInputMethodEvent, which is what is sent here.)
    """
    run = ""
    for ch in text + "\0":
        if ch != "\0" and not ch.isascii():
            run += ch
            continue
        if run:
            event = QInputMethodEvent()
            event.setCommitString(run)
            QApplication.sendEvent(widget, event)
            run = ""
        if ch != "\0":
            qtbot.keyClicks(widget, ch)


@pytest.fixture
def type_text(qtbot):  # type: ignore[no-untyped-def]
    """`type_text(widget, text)`: see type_into."""
    return lambda widget, text: type_into(qtbot, widget, text)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def tablet(data_dir: Path) -> Iterator[Tablet]:
    """A Tablet over a fresh data folder; closed at teardown (unless a Session closed it)."""
    t = Tablet(data_dir)
    yield t
    t.close()


def language(tablet: Tablet, code: str) -> Tablet:
    tablet.settings.set("language", code)
    return tablet


@pytest.fixture
def session(tablet: Tablet, qapp: QApplication) -> Iterator[Session]:
    """A Session in English (tests that need Chinese switch to it); waits for its tasks at teardown."""
    tablet.settings.set("language", "en")
    s = Session(tablet)
    yield s
    s.close()


@pytest.fixture
def main_window(session: Session, qapp: QApplication, qtbot):  # type: ignore[no-untyped-def]
    """The real main window as run_app builds it (language and theme applied), shown offscreen."""
    from ui.main_window import MainWindow
    from ui.theme import apply_theme

    i18n.install_translator(qapp, session.language)
    apply_theme(qapp, session.theme)
    window = MainWindow(session)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    # An un-enrolled tablet (no login) opens on the list once the database has said so.
    qtbot.waitUntil(lambda: window.ready and window.list_page.model.complete, timeout=10000)
    yield window
    window.shutdown()
    window.close()
    window.deleteLater()
    session.tasks.wait()
