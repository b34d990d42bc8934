"""The case state machine of the closed loop, with the role allowed to take each action.

Shared by the tablet and the server: a transition this table does not allow is
refused on both with the same error. Source: the bureau's process (CJ/T 315:
filing, dispatch, disposal, verification, closing) as DESIGN.md lays it out.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from app.domain.errors import RoleRefusedError, StateRefusedError


class State(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    RECEIVED = "received"
    RETURNED = "returned"
    REJECTED = "rejected"
    DUPLICATE = "duplicate"
    FILED = "filed"
    DISPATCHED = "dispatched"
    DISPOSED = "disposed"
    VERIFIED = "verified"
    CLOSED = "closed"


class Role(StrEnum):
    INSPECTOR = "inspector"
    SUPERVISOR = "supervisor"
    UNIT = "unit"
    ADMIN = "admin"
    SYSTEM = "system"  # the server itself: arrival, automatic closing


FINAL_STATES = frozenset({State.CLOSED, State.REJECTED, State.DUPLICATE})
EDITABLE_STATES = frozenset({State.DRAFT, State.RETURNED})


@dataclass(frozen=True)
class Transition:
    action: str
    sources: frozenset[State]
    target: State | None  # None: the state stays (a deferral is a flag, not a state)
    roles: frozenset[Role]
    description: str


def _t(action: str, sources: set[State], target: State | None, roles: set[Role], text: str) -> Transition:
    return Transition(action, frozenset(sources), target, frozenset(roles), text)


S, R = State, Role
TRANSITIONS: tuple[Transition, ...] = (
    _t(
        "submit",
        {S.DRAFT, S.RETURNED},
        S.SUBMITTED,
        {R.INSPECTOR},
        "the inspector locks the case and queues it for sync",
    ),
    _t("receive", {S.SUBMITTED}, S.RECEIVED, {R.SYSTEM}, "the server has the case"),
    _t("file", {S.RECEIVED}, S.FILED, {R.SUPERVISOR}, "filed with an official case number"),
    _t("return", {S.RECEIVED}, S.RETURNED, {R.SUPERVISOR}, "sent back for more evidence"),
    _t("reject", {S.RECEIVED}, S.REJECTED, {R.SUPERVISOR}, "rejected, with a reason"),
    _t("duplicate", {S.RECEIVED}, S.DUPLICATE, {R.SUPERVISOR}, "repeats another case"),
    _t("dispatch", {S.FILED}, S.DISPATCHED, {R.SUPERVISOR}, "dispatched to a disposal unit"),
    _t("defer", {S.DISPATCHED}, None, {R.SUPERVISOR}, "a deadline moved by agreement"),
    _t("dispose", {S.DISPATCHED}, S.DISPOSED, {R.UNIT, R.SUPERVISOR}, "the unit reports disposal"),
    _t("send_back", {S.DISPOSED}, S.DISPATCHED, {R.SUPERVISOR}, "disposal not accepted"),
    _t("confirm", {S.DISPOSED}, S.VERIFIED, {R.INSPECTOR}, "verified on site"),
    _t("dispute", {S.DISPOSED}, S.DISPATCHED, {R.INSPECTOR}, "verification failed: rework"),
    _t("close", {S.VERIFIED}, S.CLOSED, {R.SUPERVISOR, R.SYSTEM}, "closed"),
)
del S, R

_BY_ACTION = {t.action: t for t in TRANSITIONS}
ACTIONS = tuple(_BY_ACTION)


def transition_for(action: str) -> Transition:
    try:
        return _BY_ACTION[action]
    except KeyError:
        raise StateRefusedError(
            f"unknown action {action!r} (known: {', '.join(ACTIONS)})",
            action=action,
            state=None,
            role="",
        ) from None


def apply(state: State | str, action: str, role: Role | str) -> State:
    """The state after `role` takes `action` on a case in `state`, or a refusal.

    Where both the role and the state are wrong, the role's refusal wins (403 before 409).
    """
    current = State(state)
    who = Role(role)
    rule = transition_for(action)
    if who not in rule.roles:
        allowed = ", ".join(sorted(r.value for r in rule.roles))
        raise RoleRefusedError(
            f"a {who.value} may not {action} a case (only: {allowed})",
            action=action,
            state=current.value,
            role=who.value,
        )
    if current not in rule.sources:
        if current in FINAL_STATES:
            reason = f"the case is {current.value}, which is final"
        else:
            sources = ", ".join(sorted(s.value for s in rule.sources))
            reason = f"the case is {current.value}; {action} needs it to be {sources}"
        raise StateRefusedError(f"cannot {action}: {reason}", action=action, state=current.value, role=who.value)
    return rule.target if rule.target is not None else current


def allowed_actions(state: State | str, role: Role | str) -> list[str]:
    """The actions `role` may take on a case in `state`, in the loop's order."""
    current, who = State(state), Role(role)
    return [t.action for t in TRANSITIONS if current in t.sources and who in t.roles]


def is_editable(state: State | str) -> bool:
    return State(state) in EDITABLE_STATES
