"""The server's fast canonical JSON writes the domain's bytes exactly (app.domain.canonical), on generated
JSON values: floats of every magnitude, text in every plane (keys included), nesting; and the chain check
and the server's events built with it equal the domain's."""

from __future__ import annotations

import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.audit import AuditEvent, chain_problems, make_event
from app.domain.canonical import canonical_json
from server.canon import canonical_bytes, canonical_hash, case_body_hash, chain_problems_fast, next_event
from sync.protocol import case_body_hash as domain_body_hash
from tests.server.helpers import build_case

floats = st.floats(allow_nan=False, allow_infinity=False) | st.sampled_from(
    [0.0, -0.0, 1.0, -2.0, 1e21, 1e-7, 1e16, 123456789012345680.0, 5e-324, 1.7976931348623157e308, 0.1, 34.7466]
)
text = st.text(st.characters(codec="utf-8"), max_size=12) | st.sampled_from(
    ["", "a:1.5,", '"x"', "\\", "金水路 18 号", "\U0001f600", "\ue000", "e1", "1e5", "\n\t\x00"]
)
scalars = st.none() | st.booleans() | st.integers(-(2**70), 2**70) | floats | text
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(text, inner, max_size=5),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(values)
def test_the_same_bytes_as_the_domain(value: Any) -> None:
    try:
        expected = canonical_json(value)
    except (UnicodeError, ValueError, TypeError) as exc:
        with pytest.raises(type(exc)):
            canonical_bytes(value)
        return
    assert canonical_bytes(value) == expected


def test_floats_where_json_and_the_canonical_form_differ() -> None:
    for number in (12.0, 1e-05, 1e16, -0.0, 1e21, 1.5e300, 2.5e-8):
        value = {"n": number, "s": f"{number!r}", "l": [number, "1.0", {"x": number}]}
        assert canonical_bytes(value) == canonical_json(value), number
    for bad in (math.nan, math.inf):
        with pytest.raises(ValueError):
            canonical_bytes({"n": bad})


def test_case_bodies_events_and_chains_match_the_domain() -> None:
    case, raw_events = build_case("li", "tablet-1", "d1", [b"one", b"two"])
    case["description"] = 'water "leak" at 1.5 m, e.g. {x: 2.0e5}, 中文 \U0001f6a7'
    assert case_body_hash(case) == domain_body_hash(case)
    events = [AuditEvent.from_json(e) for e in raw_events]
    assert chain_problems_fast(case["id"], events) == [] == chain_problems(case["id"], events)
    kwargs: dict[str, Any] = {
        "case_id": case["id"],
        "at": "2026-11-20T01:30:12.000+00:00",
        "actor": None,
        "role": "system",
        "device": None,
        "action": "receive",
        "from_state": "submitted",
        "to_state": "received",
        "changes": {"revision": 1, "body_hash": "0" * 64, "lat": 34.0},
    }
    assert next_event(events[-1], **kwargs) == make_event(events[-1], **kwargs)
    assert next_event(None, **kwargs) == make_event(None, **kwargs)
    edited = [events[0], AuditEvent.from_json({**raw_events[1], "at": "2026-11-21T00:00:00.000+08:00"}), events[2]]
    broken = chain_problems_fast(case["id"], edited)
    assert broken == chain_problems(case["id"], edited) and "edited" in broken[0]
    assert chain_problems_fast("another", events) == chain_problems("another", events) != []
    assert canonical_hash({"a": 1.0}) == canonical_hash({"a": 1})
