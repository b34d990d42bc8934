"""The storage layer's errors: one base, sorted into the environment's fault and bad input."""

from __future__ import annotations


class StorageError(Exception):
    """Base of every error raised by `storage`."""


class EnvironmentFaultError(StorageError):
    """The machine's fault, not the input's: disk full, read-only, locked."""


class PhotoError(StorageError):
    """A file that cannot be accepted as evidence; names the file and the reason."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
