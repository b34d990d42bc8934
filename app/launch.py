"""Start the tablet app: the one place outside `ui/` that reaches into it, and only to launch it."""

from __future__ import annotations

from pathlib import Path


def launch_gui(data_dir: Path | None) -> int:
    from ui.main import run_app

    return int(run_app(data_dir))


def launch_desk(server: str, language: str | None) -> int:
    from ui.main import run_desk

    return int(run_desk(server, language))
