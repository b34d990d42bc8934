"""A guard against PySide6 6.12.0 dropping references to None, True and False.

Measured here (PySide6 6.12.0, CPython 3.11): every `Signal.emit()` takes one reference
from True, and every void method (`QLabel.setText`, `QAbstractButton.setChecked`,
`QApplication.processEvents`, …) and every invalid `QObject.property()` one from None.
CPython 3.11 frees an object whose count reaches zero; for None or True that is a fatal
error ("none_dealloc" / "bool_dealloc") after a few thousand calls, so a tablet app
would crash minutes into a shift. CPython 3.12 made these singletons immortal (PEP 683),
which is what this does for older versions: it raises their reference counts so far
that no run can bring them back to zero. Importing this module applies it once.
"""

from __future__ import annotations

import ctypes
import sys

_MARGIN = 1 << 40  # a trillion dropped references before trouble: never, in practice
_SINGLETONS = (None, True, False, Ellipsis, NotImplemented, (), "")


def _raise_refcount(obj: object) -> None:
    # ob_refcnt is the first field of every CPython object (Include/object.h).
    count = ctypes.c_ssize_t.from_address(id(obj))
    count.value += _MARGIN


def apply() -> bool:
    """Make the singletons immortal on CPython before 3.12; True if anything was done."""
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return False
    if getattr(sys, "_fieldcase_singletons_guarded", False):
        return False
    for obj in _SINGLETONS:
        _raise_refcount(obj)
    sys._fieldcase_singletons_guarded = True  # type: ignore[attr-defined]
    return True


apply()
