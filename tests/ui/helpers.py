"""Helpers for the capture and detail page tests: photos and NMEA sentences made by code, page driving."""

from __future__ import annotations

import time
from functools import reduce
from pathlib import Path

from PySide6.QtCore import QElapsedTimer, QPoint, Qt, QTimer
from PySide6.QtWidgets import QAbstractButton, QWidget

from tests.photofactory import Gps, make_exif, write_jpeg
from ui.positioning import PositionProvider
from ui.session import Session

# Zhengzhou, Erqi Square: a plausible spot for a city's cases.
HERE = (34.7466, 113.6253)


def jpeg(
    folder: Path,
    name: str,
    *,
    gps: tuple[float, float] | None = None,
    size: tuple[int, int] = (64, 48),
    taken_at: str = "2026:05:01 09:30:12",
) -> Path:
    """A small JPEG with EXIF capture time and, if given, GPS; distinct per name (its pixels differ)."""
    folder.mkdir(parents=True, exist_ok=True)
    exif = make_exif(gps=Gps(*gps) if gps else None, taken_at=taken_at, offset="+08:00", make="Huawei", model="MatePad")
    width = size[0] + sum(name.encode()) % 17  # different sizes, so different bytes and hashes
    return write_jpeg(folder / name, exif=exif, upright_size=(width, size[1]))


def jpeg_bytes(folder: Path, name: str = "shot.jpg", **kw: object) -> bytes:
    return jpeg(folder, name, **kw).read_bytes()  # type: ignore[arg-type]


def nmea_sentence(body: str) -> str:
    checksum = reduce(lambda acc, ch: acc ^ ord(ch), body, 0)
    return f"${body}*{checksum:02X}"


def _ddmm(value: float, degree_digits: int) -> str:
    value = abs(value)
    degrees = int(value)
    minutes = (value - degrees) * 60
    return f"{degrees:0{degree_digits}d}{minutes:07.4f}"


def nmea_file(path: Path, lat: float, lon: float, *, hdop: float = 0.9, fixes: int = 3) -> Path:
    """A GNSS receiver's output: $GPRMC and $GPGGA pairs a second apart (a fix with 8 satellites)."""
    ns, ew = ("N" if lat >= 0 else "S"), ("E" if lon >= 0 else "W")
    lines = []
    for second in range(fixes):
        stamp = f"0835{second:02d}.00"
        lat_text, lon_text = _ddmm(lat, 2), _ddmm(lon, 3)
        lines.append(nmea_sentence(f"GPRMC,{stamp},A,{lat_text},{ns},{lon_text},{ew},0.0,0.0,010626,,,A"))
        lines.append(nmea_sentence(f"GPGGA,{stamp},{lat_text},{ns},{lon_text},{ew},1,08,{hdop:.1f},100.0,M,0.0,M,,"))
    path.write_text("\r\n".join(lines) + "\r\n", encoding="ascii")
    return path


def no_positioning() -> PositionProvider:
    return PositionProvider(None)


def click(qtbot, widget: QWidget) -> None:  # type: ignore[no-untyped-def]
    """Tap a widget in its middle, as a finger would."""
    assert widget.isVisible(), f"{widget.objectName() or widget} is not visible"
    assert widget.isEnabled(), f"{widget.objectName() or widget} is disabled"
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=QPoint(widget.width() // 2, widget.height() // 2))


def idle(qtbot, session: Session, timeout: int = 20000) -> None:  # type: ignore[no-untyped-def]
    """Wait until the session's workers are done and their answers delivered."""
    qtbot.waitUntil(lambda: not session.tasks.busy, timeout=timeout)


def visible_buttons(root: QWidget) -> list[QAbstractButton]:
    return [b for b in root.findChildren(QAbstractButton) if b.isVisible()]


def fully_visible_in(widget: QWidget, viewport: QWidget) -> bool:
    """Whether `widget` lies wholly inside `viewport` (the scroll area's visible part)."""
    top_left = widget.mapTo(viewport, QPoint(0, 0))
    rect = widget.rect().translated(top_left)
    return viewport.rect().contains(rect)


class StallMeter:
    """Records the longest gap between ticks of a 5 ms timer on the GUI thread, and how much of that
    gap the GUI thread spent computing (its own CPU time) rather than waiting for a core or the GIL."""

    def __init__(self, interval_ms: int = 5) -> None:
        self._timer = QTimer()
        self._timer.setInterval(interval_ms)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._tick)
        self._clock = QElapsedTimer()
        self._last = 0
        self._last_cpu = 0.0
        self.longest_ms = 0.0
        self.longest_cpu_ms = 0.0  # the GUI thread's CPU time within the longest gap
        self.busiest_cpu_ms = 0.0  # the most CPU the GUI thread used between two ticks

    def start(self) -> None:
        self._clock.start()
        self._last = self._clock.nsecsElapsed()
        self._last_cpu = time.thread_time()
        self._timer.start()

    def _tick(self) -> None:
        now, cpu = self._clock.nsecsElapsed(), time.thread_time()
        gap, used = (now - self._last) / 1e6, (cpu - self._last_cpu) * 1000
        if gap > self.longest_ms:
            self.longest_ms, self.longest_cpu_ms = gap, used
        self.busiest_cpu_ms = max(self.busiest_cpu_ms, used)
        self._last, self._last_cpu = now, cpu

    def stop(self) -> None:
        self._timer.stop()


def open_main_window(qtbot, session: Session):  # type: ignore[no-untyped-def]
    """The main window as run_app builds it (language and theme applied), shown, its first page chosen."""
    from PySide6.QtWidgets import QApplication

    from ui import i18n
    from ui.main_window import MainWindow
    from ui.theme import apply_theme

    app = QApplication.instance()
    i18n.install_translator(app, session.language)
    apply_theme(app, session.theme)
    window = MainWindow(session)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.ready, timeout=10000)
    return window


def close_main_window(qtbot, window, session: Session) -> None:  # type: ignore[no-untyped-def]
    """Shut the window as the app does: sync stopped, answers still on their way delivered."""
    window.shutdown()
    window.close()
    idle(qtbot, session, timeout=30000)
    window.deleteLater()
