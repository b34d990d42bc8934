"""Python's cyclic garbage collector, run only on the GUI thread.

CPython collects cycles in whichever thread happens to allocate when a generation's
threshold is crossed. In this app that is often a worker of ui/tasks.py; if the cycle it
frees holds a Qt wrapper (a widget, a model, a timer of a closed page), the C++ object is
destroyed from that worker thread, and Qt crashes the process (seen: a segfault while a
worker ran `Tablet.new_case`). pyqtgraph solves this with its GarbageCollector
(pyqtgraph/util/garbage_collector.py): switch automatic collection off, and collect
from a timer on the GUI thread when the counts say it is due. This is the same idea.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500


class MainThreadCollector(QObject):
    """While installed, cycles are collected on this object's (the GUI) thread only."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self._was_enabled = gc.isenabled()
        self._thresholds = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check)
        self._timer.start()

    def check(self) -> int:
        """Collect the oldest generation whose count passed its threshold; the number freed."""
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self._thresholds[generation]:
                return gc.collect(generation)
        return 0

    def uninstall(self) -> None:
        """Collect what is left here, on the GUI thread, and give collection back to CPython."""
        self._timer.stop()
        gc.collect()
        if self._was_enabled:
            gc.enable()


def install(parent: QObject) -> MainThreadCollector:
    return MainThreadCollector(parent)
