"""The canonical JSON hash of app.domain.canonical, computed by the C JSON encoder: the same bytes, a
fraction of the CPU (the server hashes every case body and audit event a tablet sends).

`json.dumps(sort_keys=True, ensure_ascii=False, separators=(",", ":"))` writes what
`app.domain.canonical.canonical_json` writes, except for two things, both handled here:

- floats: Python's repr (`12.0`, `1e-05`, `1e+16`) where the canonical form has the ECMAScript
  shortest form (`12`, `1e-5`, `10000000000000000`): every float token of the output (outside the
  strings) is rewritten with the domain's own `_format_float`;
- key order: code points where the canonical form sorts by UTF-16 code units. The two orders differ
  only between a character above U+FFFF and one in U+E000..U+FFFF, so any text holding a character
  above U+FFFF is handed to the domain's encoder instead.

Anything else the fast path cannot vouch for (a non-string key, a value JSON cannot hold) goes to the
domain's encoder too, so the errors are the domain's. tests/server/test_canon.py checks the equality
on generated values. The chain and body checks below fall back to the domain's functions for their
verdict whenever the fast hash disagrees, so a refusal always carries the domain's message.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

from app.domain.audit import GENESIS, AuditEvent, chain_problems
from app.domain.canonical import _format_float, canonical_json
from sync.protocol import SERVER_OWNED_KEYS

_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), sort_keys=True, allow_nan=False).encode
# The JSON text split into its strings (odd items, escapes included) and what lies between them.
_STRINGS = re.compile(r'("[^"\\]*(?:\\.[^"\\]*)*")')
# What a float token outside the strings looks like in its place (after `:`, `,`, `[` or the start,
# before `,`, `}`, `]` or the end); a match may also lie inside a string, which the exact pass below sorts out.
_CANDIDATE = re.compile(r"(?:^|[:,\[])-?\d+(?:\.\d+(?:[eE][-+]?\d+)?|[eE][-+]?\d+)(?:[,}\]]|$)")
# A float token (a fraction or an exponent) outside the strings.
_FLOAT = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")


def _number(match: re.Match[str]) -> str:
    token = match.group(0)
    if "." not in token and "e" not in token and "E" not in token:
        return token
    return _format_float(float(token))


def canonical_bytes(value: Any) -> bytes:
    """app.domain.canonical.canonical_json(value), byte for byte, for values whose object keys are all
    text (anything decoded from JSON; json.dumps would write a number key as text where the domain
    refuses it)."""
    try:
        text = _encode(value)
    except (TypeError, ValueError, RecursionError):
        return canonical_json(value)  # the domain's error, or its answer
    if not text.isascii() and len(text.encode("utf-16-le", "surrogatepass")) != 2 * len(text):
        return canonical_json(value)  # a character above U+FFFF: key order by UTF-16 code units
    if not _CANDIDATE.search(text):
        return text.encode("utf-8")  # no float token (most audit events)
    parts = _STRINGS.split(text)
    changed = False
    for i in range(0, len(parts), 2):
        part = parts[i]
        if "." in part or "e" in part or "E" in part:
            parts[i] = _FLOAT.sub(_number, part)
            changed = True
    if changed:
        text = "".join(parts)
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
