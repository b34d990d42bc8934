"""Cycles holding Qt objects are freed on the GUI thread, never by a worker that happens to allocate."""

from __future__ import annotations

import gc
import threading
import weakref

from PySide6.QtCore import QObject, QThread
from PySide6.QtWidgets import QApplication

from ui.gc_guard import MainThreadCollector

FREED_ON: list[object] = []


def _record_thread() -> None:
    FREED_ON.append(QThread.currentThread())


class _Holder:
    def __init__(self) -> None:
        self.me = self  # a cycle: only the cyclic collector frees it
        self.obj = QObject()
        self.obj.destroyed.connect(_record_thread)


def test_a_worker_allocating_does_not_free_qt_cycles(qapp: QApplication) -> None:
    FREED_ON.clear()
    collector = MainThreadCollector(qapp)
    try:
        assert not gc.isenabled()
        holder = _Holder()
        alive = weakref.ref(holder)
        del holder

        def allocate() -> None:  # far past generation 0's threshold: would collect if enabled
            junk = [[i] for i in range(200_000)]
            del junk

        worker = threading.Thread(target=allocate)
        worker.start()
        worker.join()
        assert alive() is not None
        freed = collector.check() + gc.collect()  # what the timer does on the GUI thread
        assert freed > 0 and alive() is None
        assert [qapp.thread()] == FREED_ON
    finally:
        collector.uninstall()
        collector.deleteLater()


def test_uninstall_gives_collection_back(qapp: QApplication) -> None:
    gc.enable()
    collector = MainThreadCollector(qapp)
    assert not gc.isenabled()
    collector.uninstall()
    collector.deleteLater()
    assert gc.isenabled()


def test_the_timer_collects_when_a_threshold_is_passed(qapp: QApplication, qtbot) -> None:  # type: ignore[no-untyped-def]
    collector = MainThreadCollector(qapp, interval_ms=10)
    try:
        holder = _Holder()
        alive = weakref.ref(holder)
        del holder
        junk = [[i] for i in range(5_000)]  # counts past generation 0's threshold
        qtbot.waitUntil(lambda: alive() is None, timeout=3000)
        del junk
    finally:
        collector.uninstall()
        collector.deleteLater()
