"""Checks on text that reaches the database: names and codes have a shape, and no text carries
NUL or unpaired surrogates (PostgreSQL refuses the first, UTF-8 cannot encode the second)."""

from __future__ import annotations

import re

from server.errors import InvalidError

USER_NAME = re.compile(r"^[\w.@-]{1,100}$")
DISTRICT_CODE = re.compile(r"^[A-Za-z0-9_-]{1,32}$")
UNIT_CODE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
DEVICE_ID = re.compile(r"^[A-Za-z0-9_.:-]{1,64}$")
SHA256 = re.compile(r"^[0-9a-f]{64}$")


def storable(value: str) -> bool:
    """True if the text can be stored as it is on both databases."""
    if "\x00" in value:
        return False
    if value.isascii():  # a flag of the str: nothing to encode
        return True
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def check_storable(value: str, what: str) -> str:
    if not storable(value):
        raise InvalidError(f"{what} contains a NUL character or invalid Unicode", code="malformed")
    return value


def check_pattern(value: str, pattern: re.Pattern[str], what: str) -> str:
    if not pattern.fullmatch(value):
        raise InvalidError(f"{what} {value[:40]!r} is not valid", code="malformed")
    return value
