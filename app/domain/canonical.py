"""Canonical JSON after RFC 8785 (JCS): the one byte form that hashes and signatures cover.

Keys sorted by their UTF-16 code units, no insignificant white space, UTF-8, and
numbers in the ECMAScript shortest form (integral floats lose their ".0").
"""

from __future__ import annotations

import hashlib
import math
from json.encoder import c_make_encoder, encode_basestring  # type: ignore[attr-defined]
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


def _refuse(value: Any) -> Any:
    raise TypeError(f"canonical JSON cannot encode {type(value).__name__}")


# The C encoder of json.dumps(sort_keys=True, separators=(",", ":"), ensure_ascii=False,
# allow_nan=False), made once: for the documents `_plain` admits, its output is the canonical form.
_c_encoder = (
    c_make_encoder(None, _refuse, encode_basestring, None, ":", ",", True, False, False) if c_make_encoder else None
)
_CONTAINERS = (dict, list, tuple)
_EXACT = 2.0**53  # integral floats below this are exact integers: int() writes them as ECMAScript does
_NO, _PLAIN, _INTEGRAL = 0, 1, 2


def _plain(value: Any) -> int:
    """Whether json writes this document exactly as RFC 8785 does (_PLAIN), or would once its
    integral floats are ints ("34.0" against "34": _INTEGRAL), or cannot be trusted to (_NO): a key
    that is not a str (json turns 1 into "1" and sorts numbers as numbers), a float that Python's
    repr and ECMAScript write differently (outside 1e-4 <= |x| < 1e16 one uses an exponent and the
    other not; NaN and infinities fail too), or an integral float too large to be an exact int."""
    verdict = _PLAIN
    items = value.items() if type(value) is dict else enumerate(value)
    for key, item in items:
        kind = type(item)
        if kind is float:
            if item.is_integer() and abs(item) < _EXACT:
                verdict = _INTEGRAL
            elif not 1e-4 <= abs(item) < 1e16 or item.is_integer():
                return _NO
        elif kind in _CONTAINERS:
            inner = _plain(item)
            if inner == _NO:
                return _NO
            verdict = max(verdict, inner)
        if type(key) is not str and type(value) is dict:
            return _NO
    return verdict


def _with_ints(value: Any) -> Any:
    """A copy with integral floats as ints (only for a document `_plain` called _INTEGRAL)."""
    if type(value) is dict:
        return {k: _with_ints(v) if type(v) in _CONTAINERS or type(v) is float else v for k, v in value.items()}
    if type(value) is float:
        return int(value) if value.is_integer() else value
    return [_with_ints(v) if type(v) in _CONTAINERS or type(v) is float else v for v in value]


def canonical_json(value: Any) -> bytes:
    """The canonical UTF-8 bytes of a JSON value.

    json's C encoder writes most documents exactly as RFC 8785 does, several times faster than the
    encoder here; it is used when `_plain` says nothing in the document can differ and no character
    lies outside the BMP (where UTF-16 key order may differ from code-point order)."""
    if _c_encoder is not None and type(value) in (dict, list):
        verdict = _plain(value)
        if verdict != _NO:
            try:
                text = "".join(_c_encoder(_with_ints(value) if verdict == _INTEGRAL else value, 0))
            except (TypeError, ValueError):
                pass  # something json cannot say either: the careful encoder names it
            else:
                if text.isascii() or max(text) <= "\uffff":
                    return text.encode("utf-8")
    out: list[str] = []
    _encode(value, out)
    return "".join(out).encode("utf-8")


def canonical_hash(value: Any) -> str:
    """SHA-256 (lowercase hex) of the canonical bytes."""
    return hashlib.sha256(canonical_json(value)).hexdigest()
