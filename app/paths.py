"""Every path Fieldcase uses, from one place, so tests redirect them all to a temporary folder."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "Fieldcase"
ENV_DATA_DIR = "FIELDCASE_DATA_DIR"


def resources_dir() -> Path:
    """The shipped resources: beside the packages in a source tree, inside the bundle when frozen."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def default_data_dir() -> Path:
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return Path(env)
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


@dataclass(frozen=True)
class DataPaths:
    """The layout of one data folder."""

    root: Path

    @property
    def database(self) -> Path:
        return self.root / "fieldcase.db"

    @property
    def originals(self) -> Path:
        return self.root / "originals"

    @property
    def previews(self) -> Path:
        return self.root / "previews"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def settings(self) -> Path:
        return self.root / "settings.json"

    @property
    def incoming(self) -> Path:
        """Camera shots waiting to be imported (kept until their import is acknowledged)."""
        return self.root / "incoming"

    @property
    def exports(self) -> Path:
        return self.root / "exports"
