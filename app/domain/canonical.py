"""Canonical JSON after RFC 8785 (JCS): the one byte form that hashes and signatures cover.

Keys sorted by their UTF-16 code units, no insignificant white space, UTF-8, and
numbers in the ECMAScript shortest form (integral floats lose their ".0").
"""

from __future__ import annotations

import hashlib
import math
import re
from json.encoder import encode_basestring
from typing import Any

from pydantic_core import PydanticSerializationError, to_json


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


class _Unsure(Exception):
    """The fast path cannot vouch for this document: the careful encoder writes it (or refuses it)."""


_EXACT = 2.0**53  # integral floats below this are exact integers: int() writes them as ECMAScript does
_LEAVES = frozenset({str, int, bool, type(None)})
_OUTSIDE_BMP = re.compile(rb"[\xf0-\xf4]")  # the lead byte of a 4-byte UTF-8 sequence


def _leaf(item: Any) -> Any:
    """A value other than a container, as the fast encoder may write it: integral floats as ints;
    a float that Python (and pydantic) writes otherwise than ECMAScript (outside 1e-4 <= |x| < 1e16
    one uses an exponent and the other not; NaN and infinities), and any other type, are _Unsure."""
    kind = type(item)
    if kind is float:
        if item.is_integer():
            if abs(item) < _EXACT:
                return int(item)
        elif 1e-4 <= abs(item) < 1e16:
            return item
        raise _Unsure
    if kind in _LEAVES:
        return item
    raise _Unsure


def _sorted(value: Any) -> Any:
    """A copy with every object's keys in sorted order and integral floats as ints; _Unsure for
    anything the fast path cannot vouch for (a key that is not a str, see also _leaf). Text, ints and
    null, the most of any document, are taken as they are without a call."""
    if type(value) is dict:
        out = {}
        for key in sorted(value):  # TypeError for keys that do not compare: the careful encoder says why
            if type(key) is not str:
                raise _Unsure
            item = value[key]
            kind = type(item)
            if kind is str or kind is int or item is None:
                out[key] = item
            elif kind is dict or kind is list or kind is tuple:
                out[key] = _sorted(item)
            else:
                out[key] = _leaf(item)
        return out
    items = []
    for item in value:
        kind = type(item)
        if kind is str or kind is int or item is None:
            items.append(item)
        elif kind is dict or kind is list or kind is tuple:
            items.append(_sorted(item))
        else:
            items.append(_leaf(item))
    return items


def canonical_json(value: Any) -> bytes:
    """The canonical UTF-8 bytes of a JSON value.

    Most documents are written by pydantic-core's JSON encoder (to_json, in Rust) after a walk that
    sorts their keys and turns integral floats into ints: its output is then exactly RFC 8785's,
    several times faster than the encoder here. The walk leaves to the careful encoder any document
    with something it cannot vouch for (see _leaf), and so does the check for characters outside the
    BMP (where UTF-16 key order may differ from code-point order)."""
    kind = type(value)
    if kind is dict or kind is list or kind is tuple:
        try:
            data = to_json(_sorted(value))
        except (_Unsure, TypeError, ValueError, PydanticSerializationError):
            pass  # the careful encoder writes it, or names what JSON cannot say
        else:
            if data.isascii() or not _OUTSIDE_BMP.search(data):
                return data
    out: list[str] = []
    _encode(value, out)
    return "".join(out).encode("utf-8")


def canonical_hash(value: Any) -> str:
    """SHA-256 (lowercase hex) of the canonical bytes."""
    return hashlib.sha256(canonical_json(value)).hexdigest()
