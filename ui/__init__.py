"""The tablet app (PySide6): the only package that imports Qt."""

import ui.pyside_fix  # noqa: F401  (PySide6 6.12.0 on Python 3.11 drops references to None/True: see there)
