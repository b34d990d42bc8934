"""The state machine: every allowed transition, every refused one, and 403-before-409."""

from __future__ import annotations

import itertools

import pytest

from app.domain import states
from app.domain.errors import RoleRefusedError, StateRefusedError
from app.domain.states import Role, State

ALLOWED = {
    ("submit", "draft", "inspector"): "submitted",
    ("submit", "returned", "inspector"): "submitted",
    ("receive", "submitted", "system"): "received",
    ("file", "received", "supervisor"): "filed",
    ("return", "received", "supervisor"): "returned",
    ("reject", "received", "supervisor"): "rejected",
    ("duplicate", "received", "supervisor"): "duplicate",
    ("dispatch", "filed", "supervisor"): "dispatched",
    ("defer", "dispatched", "supervisor"): "dispatched",
    ("dispose", "dispatched", "unit"): "disposed",
    ("dispose", "dispatched", "supervisor"): "disposed",
    ("send_back", "disposed", "supervisor"): "dispatched",
    ("confirm", "disposed", "inspector"): "verified",
    ("dispute", "disposed", "inspector"): "dispatched",
    ("close", "verified", "supervisor"): "closed",
    ("close", "verified", "system"): "closed",
}


@pytest.mark.parametrize(("action", "state", "role"), sorted(ALLOWED))
def test_every_allowed_transition(action: str, state: str, role: str) -> None:
    assert states.apply(state, action, role) == State(ALLOWED[(action, state, role)])


def test_every_other_combination_is_refused_with_the_right_error() -> None:
    refused = 0
    for action, state, role in itertools.product(states.ACTIONS, list(State), list(Role)):
        if (action, state.value, role.value) in ALLOWED:
            continue
        may_ever = any(a == action and r == role.value for a, _, r in ALLOWED)
        expected = StateRefusedError if may_ever else RoleRefusedError
        with pytest.raises(expected) as info:
            states.apply(state, action, role)
        assert action in str(info.value)
        refused += 1
    assert refused == len(states.ACTIONS) * len(State) * len(Role) - len(ALLOWED)


def test_role_refusal_wins_over_state_refusal() -> None:
    # An inspector may never file, and a draft cannot be filed: the role is named.
    with pytest.raises(RoleRefusedError, match="inspector may not file"):
        states.apply("draft", "file", "inspector")


def test_final_states_say_they_are_final() -> None:
    for final in ("closed", "rejected", "duplicate"):
        with pytest.raises(StateRefusedError, match="final"):
            states.apply(final, "dispatch", "supervisor")


def test_unknown_action_and_state_are_refused() -> None:
    with pytest.raises(StateRefusedError, match="unknown action 'approve'"):
        states.apply("received", "approve", "supervisor")
    with pytest.raises(ValueError):
        states.apply("pending", "file", "supervisor")


def test_allowed_actions_and_editability() -> None:
    assert states.allowed_actions("received", "supervisor") == ["file", "return", "reject", "duplicate"]
    assert states.allowed_actions("disposed", "inspector") == ["confirm", "dispute"]
    assert [s for s in State if states.is_editable(s)] == [State.DRAFT, State.RETURNED]
