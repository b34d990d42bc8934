"""Canonical JSON after RFC 8785 (JCS): the one byte form that hashes and signatures cover.

Keys sorted by their UTF-16 code units, no insignificant white space, UTF-8, and
numbers in the ECMAScript shortest form (integral floats lose their ".0").
"""

from __future__ import annotations

import hashlib
import math
from json.encoder import encode_basestring
from typing import Any


def _format_float(value: float) -> str:
    if math.isnan(value) or math.isinf(value):
        raise ValueError("canonical JSON has no NaN or Infinity")
    if value == 0:
        return "0"
    if value.is_integer() and abs(value) < 1e21:
        return str(int(value))
    text = repr(value)
    if "e" in text:
        mantissa, exponent = text.split("e")
        sign = "-" if exponent.startswith("-") else "+"
        text = f"{mantissa}e{sign}{exponent.lstrip('+-').lstrip('0')}"
    return text


def _encode(value: Any, out: list[str]) -> None:
    if value is None or value is True or value is False:
        out.append({None: "null", True: "true", False: "false"}[value])
    elif isinstance(value, int):
        out.append(str(value))
    elif isinstance(value, float):
        out.append(_format_float(value))
    elif isinstance(value, str):
        out.append(encode_basestring(value))
    elif isinstance(value, dict):
        out.append("{")
        if all(isinstance(k, str) and k.isascii() for k in value):
            keys = sorted(value)  # the same order as UTF-16 code units, only faster
        else:
            keys = sorted(value, key=lambda k: _key(k).encode("utf-16-be"))
        for i, key in enumerate(keys):
            if i:
                out.append(",")
            out.append(encode_basestring(_key(key)))
            out.append(":")
            _encode(value[key], out)
        out.append("}")
    elif isinstance(value, list | tuple):
        out.append("[")
        for i, item in enumerate(value):
            if i:
                out.append(",")
            _encode(item, out)
        out.append("]")
    else:
        raise TypeError(f"canonical JSON cannot encode {type(value).__name__}")


def _key(key: object) -> str:
    if not isinstance(key, str):
        raise TypeError("canonical JSON object keys must be strings")
    return key


def canonical_json(value: Any) -> bytes:
    """The canonical UTF-8 bytes of a JSON value."""
    out: list[str] = []
    _encode(value, out)
    return "".join(out).encode("utf-8")


def canonical_hash(value: Any) -> str:
    """SHA-256 (lowercase hex) of the canonical bytes."""
    return hashlib.sha256(canonical_json(value)).hexdigest()
