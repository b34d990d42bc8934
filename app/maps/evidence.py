"""The location evidence check kept with a case: an audit event `location_check` in the case's chain.

The case's JSON has no field for it and the tablet's store keeps a location as four
columns, so the check travels where a supervisor already reads what happened to a case:
the audit trail, which syncs with the case. The event changes no state (from = to), which
the server accepts from a tablet. A check equal to the last one recorded is not repeated.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from app.domain.case import LocationCheck, location_check

if TYPE_CHECKING:
    from app.services import Tablet

ACTION = "location_check"


def last_location_check(tablet: Tablet, case_id: str) -> dict[str, Any] | None:
    """The latest recorded check of a case (its JSON), or None."""
    for event in reversed(tablet.repo.audit(case_id)):
        if event.action == ACTION:
            return dict(event.changes)
    return None


def record_location_check(tablet: Tablet, case_id: str, check: LocationCheck) -> dict[str, Any] | None:
    """Append the check to the case's audit trail unless it is the one already there; the JSON recorded."""
    body = check.to_json()
    if check.photo_device_m is None and check.photo_chosen_m is None and check.device_chosen_m is None:
        return None  # fewer than two positions: nothing to compare
    with tablet.repo.transaction():
        if last_location_check(tablet, case_id) == body:
            return None
        case = tablet.repo.get_case(case_id)
        event = tablet.repo.record(
            case_id,
            actor=tablet.inspector,
            role="inspector",
            device=tablet.device,
            action=ACTION,
            from_state=case.status,
            to_state=case.status,
            changes=body,
        )
        if tablet.sign:  # signed like every other event of the tablet's, in the same transaction
            tablet.custody.sign_event(event)
    return body


__all__ = ["ACTION", "LocationCheck", "last_location_check", "location_check", "record_location_check"]
