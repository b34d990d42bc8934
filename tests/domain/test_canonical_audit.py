"""Canonical JSON (RFC 8785) and the audit chain: edits, removals and reorders are detected."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain import canonical
from app.domain.audit import GENESIS, chain_problems, make_event
from app.domain.canonical import canonical_hash, canonical_json


def test_canonical_json_sorts_keys_and_drops_whitespace() -> None:
    assert canonical_json({"b": 1, "a": [True, None, "x"]}) == b'{"a":[true,null,"x"],"b":1}'


def test_canonical_json_numbers_follow_ecmascript() -> None:
    assert canonical_json([1.0, -0.0, 0.5, 1e21, 1e-7, 123456789.25]) == (b"[1,0,0.5,1e+21,1e-7,123456789.25]")


def test_canonical_json_keeps_unicode_and_sorts_by_utf16() -> None:
    assert canonical_json({"地址": "金水区", "a": "é"}) == '{"a":"é","地址":"金水区"}'.encode()
    # U+1F600 (a surrogate pair in UTF-16) sorts before U+FF21 by UTF-16 code units.
    assert canonical_json({"\uff21": 1, "\U0001f600": 2}).startswith('{"\U0001f600"'.encode())


def test_canonical_json_refuses_what_json_cannot_say() -> None:
    with pytest.raises(ValueError):
        canonical_json(float("nan"))
    with pytest.raises(TypeError):
        canonical_json({1: "x"})


def _careful(value: object) -> bytes:
    out: list[str] = []
    canonical._encode(value, out)
    return "".join(out).encode("utf-8")


_json = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats()
    | st.sampled_from([34.0, -0.0, 1e-05, 1e16, 1e21, 0.0001, 34.7466, 5e-324, 9999999999999998.0, 2.0**53])
    | st.text(),
    lambda inner: (
        st.lists(inner, max_size=5) | st.tuples(inner, inner) | st.dictionaries(st.text(max_size=8), inner, max_size=5)
    ),
    max_leaves=30,
)


def _outcome(encode: object, value: object) -> object:
    try:
        return encode(value)  # type: ignore[operator]
    except (TypeError, ValueError) as exc:  # NaN and infinities, lone surrogates: refused alike
        return type(exc)


@settings(max_examples=1000, deadline=None)
@given(_json)
def test_the_fast_path_writes_what_the_careful_encoder_writes(value: object) -> None:
    # pydantic-core's encoder (after the sorting walk) is used where it agrees with RFC 8785; any JSON
    # value gives the same bytes, or the same refusal.
    assert _outcome(canonical_json, value) == _outcome(_careful, value)


@settings(max_examples=2000, deadline=None)
@given(st.floats())
def test_every_float_is_written_as_ecmascript_writes_it(value: float) -> None:
    assert _outcome(canonical_json, [value, {"k": value}]) == _outcome(_careful, [value, {"k": value}])


def test_documents_json_would_write_differently_still_come_out_canonical() -> None:
    assert canonical_json({"lat": 34.0, "uuid": "3f2a9c1e-1111", "t": "09:31:12.0,"}) == (
        b'{"lat":34,"t":"09:31:12.0,","uuid":"3f2a9c1e-1111"}'
    )
    assert canonical_json([{"\U0001f600": 1, "\uff21": 2}]) == '[{"\U0001f600":1,"\uff21":2}]'.encode()
    with pytest.raises(TypeError):
        canonical_json([{"a": {2: "x"}}])  # json would write "2"; canonical JSON refuses
    with pytest.raises(ValueError):
        canonical_json({"a": [float("inf")]})


def _chain(n: int = 4):
    events, prev = [], None
    for i in range(n):
        prev = make_event(
            prev,
            case_id="c1",
            at=f"2026-11-25T10:0{i}:00+08:00",
            actor="li",
            role="inspector",
            device="d1",
            action=f"a{i}",
            from_state=None,
            to_state=None,
            changes={"i": i},
        )
        events.append(prev)
    return events


def test_a_chain_links_each_event_to_the_one_before() -> None:
    events = _chain()
    assert events[0].prev == GENESIS and events[0].seq == 1
    assert all(b.prev == a.hash for a, b in zip(events, events[1:], strict=False))
    assert chain_problems("c1", events) == []
    assert events[1].hash == canonical_hash(events[1].body())


def test_an_edited_event_is_detected() -> None:
    events = _chain()
    events[1] = dataclasses.replace(events[1], changes={"i": 99})
    assert any("edited" in p for p in chain_problems("c1", events))


def test_a_removed_event_is_detected() -> None:
    events = _chain()
    del events[1]
    problems = chain_problems("c1", events)
    assert any("missing" in p for p in problems) and any("broken" in p for p in problems)


def test_swapped_events_are_detected() -> None:
    events = _chain()
    events[1], events[2] = events[2], events[1]
    assert chain_problems("c1", events)


def test_an_event_of_another_case_is_detected() -> None:
    events = _chain()
    other = make_event(
        events[-1],
        case_id="c2",
        at="x",
        actor=None,
        role="system",
        device=None,
        action="receive",
        from_state=None,
        to_state=None,
    )
    assert any("belongs to case c2" in p for p in chain_problems("c1", [*events, other]))
