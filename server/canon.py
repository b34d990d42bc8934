"""The canonical JSON hash of app.domain.canonical, computed by the C JSON encoder where that writes the
same bytes (the server hashes every case body and audit event a tablet sends).

`json.dumps(sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False)` writes what
`app.domain.canonical.canonical_json` writes, except in two places, where the domain's encoder is used:

- floats: repr writes an integral float with `.0` (`12.0`, `-0.0`) and an exponent with its sign
  (`1e-05`, `1e+16`) where the canonical form writes `12`, `0`, `1e-5`, `10000000000000000`; every
  other float alike. A text holding `.0` before `,` `}` `]`, or a digit, `e`, a sign and a digit (a string
  may hold them too: then it merely takes the slow path), goes to the domain's encoder;
- key order: code points where the canonical form sorts by UTF-16 code units. The two differ only
  between a character above U+FFFF and one in U+E000..U+FFFF, so a text holding a character above
  U+FFFF goes to the domain's encoder.

A value JSON cannot hold goes to the domain's encoder too, so the errors are the domain's; object keys
must be text (anything decoded from JSON is). tests/server/test_canon.py checks the equality on
generated values. The chain check falls back to the domain's function for its verdict whenever a hash
disagrees, so a refusal always carries the domain's message.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping
from json.encoder import c_make_encoder, encode_basestring  # type: ignore[attr-defined]
from typing import Any

from app.domain.audit import GENESIS, AuditEvent, chain_problems
from app.domain.canonical import canonical_json
from sync.protocol import SERVER_OWNED_KEYS


def _unknown(value: Any) -> Any:
    raise TypeError(f"canonical JSON cannot encode {type(value).__name__}")


def c_encoder(*, sort_keys: bool, allow_nan: bool = False) -> Callable[[Any], str]:
    """json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=…, allow_nan=…) with one
    C encoder made once (JSONEncoder.encode builds a new one per call)."""
    encoder = c_make_encoder(None, _unknown, encode_basestring, None, ":", ",", sort_keys, False, allow_nan)

    def encode(value: Any) -> str:
        return "".join(encoder(value, 0))

    return encode


_encode = c_encoder(sort_keys=True)


def _may_differ(text: str) -> bool:
    """Whether a float token may be written differently here than in the canonical form. repr writes
    an integral float with `.0` at its end and an exponent with its sign (`1e-05`, `1e+16`); every
    other float the same way as the canonical form. A quick look (str's own search) for those marks,
    which may also lie inside a string (then the domain's encoder merely runs for nothing)."""
    if ".0," in text or ".0}" in text or ".0]" in text:
        return True
    for mark in ("e-", "e+"):  # an exponent: a digit, e, its sign, a digit (a UUID may hold `e-`)
        at = text.find(mark)
        while at != -1:
            if at and text[at - 1].isdigit() and text[at + 2 : at + 3].isdigit():
                return True
            at = text.find(mark, at + 2)
    return False


def canonical_bytes(value: Any) -> bytes:
    """app.domain.canonical.canonical_json(value), byte for byte, for values whose object keys are all
    text (anything decoded from JSON; json.dumps would write a number key as text where the domain
    refuses it)."""
    try:
        text = _encode(value)
    except (TypeError, ValueError, RecursionError):
        return canonical_json(value)  # the domain's error, or its answer
    if text[0] not in "{[" or _may_differ(text):
        return canonical_json(value)  # a float repr may write otherwise (or a lone scalar)
    if not text.isascii() and len(text.encode("utf-16-le", "surrogatepass")) != 2 * len(text):
        return canonical_json(value)  # a character above U+FFFF: key order by UTF-16 code units
    return text.encode("utf-8")


def canonical_hash(value: Any) -> str:
    """app.domain.canonical.canonical_hash(value)."""
    return hashlib.sha256(canonical_bytes(value)).hexdigest()


def case_body_hash(case: Mapping[str, Any]) -> str:
    """sync.protocol.case_body_hash(case)."""
    return canonical_hash({k: v for k, v in case.items() if k not in SERVER_OWNED_KEYS})


def chain_problems_fast(case_id: str, events: Iterable[AuditEvent]) -> list[str]:
    """app.domain.audit.chain_problems(case_id, events): [] when the chain holds; when it does not,
    the domain's own list of what is wrong."""
    items = list(events)
    prev, expected = GENESIS, 1
    for event in items:
        if (
            event.case_id != case_id
            or event.seq != expected
            or event.prev != prev
            or canonical_hash(event.body()) != event.hash
        ):
            return chain_problems(case_id, items)
        prev, expected = event.hash, event.seq + 1
    return []


def next_event(
    previous: AuditEvent | None,
    *,
    case_id: str,
    at: str,
    actor: str | None,
    role: str,
    device: str | None,
    action: str,
    from_state: str | None,
    to_state: str | None,
    changes: dict[str, Any] | None = None,
) -> AuditEvent:
    """app.domain.audit.make_event with the fast hash (the same event)."""
    seq = previous.seq + 1 if previous else 1
    prev = previous.hash if previous else GENESIS
    changes = dict(changes or {})
    body: dict[str, Any] = {
        "seq": seq,
        "case_id": case_id,
        "at": at,
        "actor": actor,
        "role": role,
        "device": device,
        "action": action,
        "from": from_state,
        "to": to_state,
        "changes": changes,
        "prev": prev,
    }
    return AuditEvent(
        seq=seq,
        case_id=case_id,
        at=at,
        actor=actor,
        role=role,
        device=device,
        action=action,
        from_state=from_state,
        to_state=to_state,
        changes=changes,
        prev=prev,
        hash=canonical_hash(body),
    )
